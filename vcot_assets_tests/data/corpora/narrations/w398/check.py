"""Standalone checker for w398 narrations: re-executes every program with sys.settrace,
records per-variable value histories and loop line counts, and checks claims / errors."""
import ast, json, sys, copy, re
from collections import defaultdict

def run_traced(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist = defaultdict(list)      # name -> list of distinct consecutive values
    lines = defaultdict(int)      # line_no -> times executed
    atline = defaultdict(list)    # (line_no, name) -> values seen each time line_no is reached
    fname = "<prog>"
    lastline = {}
    def snap(frame):
        for k, v in list(frame.f_locals.items()):
            vals = [(k, v)]
            if k == "self":
                try:
                    vals = [("self." + a, b) for a, b in vars(v).items()]
                except TypeError:
                    vals = []
            for name, val in vals:
                if callable(val) and not isinstance(val, (list, dict)):
                    continue
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    pass
                h = hist[name]
                if not h or h[-1] != val:
                    h.append(val)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != fname:
            return None
        if event == "line":
            lines[frame.f_lineno] += 1
            prevl = lastline.get(id(frame))
            lastline[id(frame)] = frame.f_lineno
            for k, v in frame.f_locals.items():
                try:
                    atline[(frame.f_lineno, k)].append(copy.deepcopy(v))
                    atline[(frame.f_lineno, k, prevl)].append(copy.deepcopy(v))
                except Exception:
                    pass
        if event in ("line", "return"):
            snap(frame)
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    hist['__atline__'] = atline
    return ret, hist, lines

def plain_eval(call, code):
    g = {}
    exec(code, g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def arith_expr(c):
    if c.get("expr"):
        return c["expr"]
    q = c["quote"].replace("`", "").replace(" is ", " = ")
    return q.split("=")[0] if "==" not in q else q.rsplit("=", 1)[0]

def check_claim(c, hist, lines, ret):
    w = c["what"]; v = lit(c["value"])
    if w == "value" and c.get("seq"):
        if c.get("at_line"):
            key = (int(c["at_line"]), c["seq"]) + ((int(c["from_line"]),) if c.get("from_line") else ())
            got = hist["__atline__"][key]
            return any(got[i:i + len(v)] == v for i in range(len(got))), f"at line {got}"
        h = hist.get(c["seq"], [])
        return any(h[i:i + len(v)] == v for i in range(len(h))), f"history {h}"
    if w == "value":
        return v in hist.get(c["variable"], []), f"{c['variable']} history {hist.get(c['variable'])}"
    if w == "count":
        n = lines[int(c["line"])]
        return n == v, f"count {n}"
    if w in ("arith", "comparison"):
        got = eval(arith_expr(c) if w == "arith" else c["expr"])
        return got == v, f"eval {got!r}"
    if w == "return":
        return v == ret, f"ret {ret!r}"
    if w == "call":
        return True, ""
    return False, "unknown what"

HELD_KINDS = {"wrong_intermediate_right_answer", "wrong_loop_summary_value", "wrong_arithmetic", "off_by_one_loop_count"}

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    byid = {d["id"]: d for d in items}
    fails = 0; out = []
    for d in items:
        probs = []
        ret, hist, lines = run_traced(d["code"], d["call"])
        if repr(ret) != d["returned"]:
            probs.append(f"returned mismatch {ret!r}")
        if not d["rationale"].rstrip().endswith(d["rationale"].rstrip().splitlines()[-1]) or "Answer:" not in d["rationale"].splitlines()[-1]:
            probs.append("last line not Answer")
        ans_line = d["rationale"].rstrip().splitlines()[-1].split("Answer:", 1)[1].strip()
        if ans_line != d["answer"]:
            probs.append("answer field != Answer line")
        err = d["error"]
        for c in d["claims"]:
            if c["quote"] not in d["rationale"]:
                probs.append(f"quote missing: {c['quote']!r}")
                continue
            if err and c.get("is_error"):
                continue
            ok, info = check_claim(c, hist, lines, ret)
            if not ok:
                probs.append(f"claim false: {c['quote']!r} ({info})")
        # answer
        if d["direction"] == "forward":
            ans_ok = lit(d["answer"]) == ret
        else:
            try:
                ans_ok = plain_eval(d["answer"], d["code"]) == ret
            except Exception as e:
                ans_ok = False
        if d["label"] == "faithful":
            if not ans_ok: probs.append("faithful answer wrong")
        else:
            f = byid[d["faithful_id"]]
            if err["quote"] not in d["rationale"]:
                probs.append("error quote missing")
            ck = err["check"]; t = ck["type"]
            if t == "answer":
                if ans_ok: probs.append("error answer is actually right")
            else:
                if not ans_ok: probs.append("answer should stay right")
                stated = lit(err["stated"])
                if t == "hist":
                    actual = hist[ck["var"]][ck["nth"]]
                elif t == "atline":
                    key = (int(ck["line"]), ck["var"]) + ((int(ck["from_line"]),) if ck.get("from_line") else ())
                    actual = hist["__atline__"][key][ck["nth"]]
                elif t == "count":
                    actual = lines[int(ck["line"])]
                elif t in ("arith", "cmp"):
                    actual = eval(ck["expr"])
                if actual == stated: probs.append(f"error not false: {actual!r}")
                if actual != lit(err["actual"]): probs.append(f"error actual field {err['actual']} != {actual!r}")
                varv = [x for k, h in hist.items() if k != "__atline__" for x in h]
                allv = varv + list(lines.values())
                if err.get("held_elsewhere") and stated not in allv:
                    probs.append("held_elsewhere but value never held")
                if not err.get("held_elsewhere") and err["kind"] in HELD_KINDS and stated in varv:
                    probs.append("held_elsewhere false but value is held somewhere")
            # rest identical except the error spot
            if not err.get("carried"):
                if d["rationale"].count(err["quote"]) < 1: probs.append("quote")
        status = "PASS" if not probs else "FAIL"
        if probs: fails += 1
        out.append(f"{status} {d['id']} ({d['label']}, {d['direction']}, {d['style']}, events={d['trace_events']})" + ("".join("\n    - " + p for p in probs)))
    out.append(f"\n{len(items)} items, {fails} failing")
    txt = "\n".join(out)
    print(txt)
    open("check_report.txt", "w").write(txt + "\n")
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
