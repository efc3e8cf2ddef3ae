"""Standalone checker for w232 narrations: re-executes each program under sys.settrace
and checks the return value, every claim of faithful items, and that each error copy's
error is really false at the point it is stated."""
import ast, copy, json, sys, re

FN = "<w232>"

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return v

def run(code, call):
    g = {"__name__": "w232prog"}
    exec(compile(code, FN, "exec"), g)
    hist = {}      # (var) -> list of distinct consecutive values (across frames of all functions)
    fhist = {}     # (func, var) -> same, per function
    lines = {}     # line -> hit count
    rets = {}      # func -> list of return values
    def record(frame):
        fn = frame.f_code.co_name
        items = dict(frame.f_locals)
        if "self" in items:
            obj = items.pop("self")
            for k, v in getattr(obj, "__dict__", {}).items():
                items["self." + k] = v
        for k, v in items.items():
            if k.startswith(".") or callable(v) and not isinstance(v, (list, dict, set, tuple)):
                continue
            for key, store in ((k, hist), ((fn, k), fhist)):
                h = store.setdefault(key, [])
                if not h or not (type(h[-1]) is type(v) and h[-1] == v):
                    h.append(snap(v))
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        def local(frame, event, arg):
            if event == "line":
                if not frame.f_code.co_name.startswith("<"):   # comprehension frames do not count as loop passes
                    lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
                record(frame)
            elif event == "return":
                record(frame)
                rets.setdefault(frame.f_code.co_name, []).append(snap(arg))
            return local
        return local(frame, event, arg)
    sys.settrace(tracer)
    try:
        result = eval(call, g)
    finally:
        sys.settrace(None)
    return result, hist, fhist, lines, rets, g

def body_line(code, header):
    src = code.splitlines()
    ind = len(src[header - 1]) - len(src[header - 1].lstrip())
    for i in range(header, len(src)):
        s = src[i]
        if s.strip():
            assert len(s) - len(s.lstrip()) > ind, ("no body", header)
            return i + 1
    raise AssertionError("no body")

def loop_count(code, lines, label):
    m = re.search(r"line (\d+)", label)
    return lines.get(body_line(code, int(m.group(1))), 0)

def lit(s):
    return ast.literal_eval(s)

def same(a, b):
    return type(a) is type(b) and a == b or (isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and not isinstance(b, bool) and a == b)

def holds(var, val, hist, fhist):
    if var is None:
        return None
    h = hist.get(var)
    if h is None:
        return None
    return any(same(x, val) for x in h)

def check_claim(c, item, ctx, errs):
    result, hist, fhist, lines, rets, g = ctx
    w = c["what"]
    val = lit(c["value"])
    if c["quote"] not in item["rationale"]:
        errs.append("quote missing: %r" % c["quote"]); return
    if w == "value":
        if c.get("seq"):       # a summarised sequence: the values occur in this order in the history
            h = (fhist.get((c["func"], c["variable"]), []) if "func" in c else hist.get(c["variable"], [])); pos = 0; ok = True
            for v in val:
                while pos < len(h) and not same(h[pos], v):
                    pos += 1
                if pos == len(h):
                    ok = False; break
                pos += 1
        elif "expr" in c:
            ok = same(eval(c["expr"], dict(g)), val)
        else:
            ok = holds(c["variable"], val, hist, fhist)
            if ok and "index" in c:
                ok = same(hist[c["variable"]][c["index"]], val)
        if not ok:
            errs.append("value claim false: %r" % c)
    elif w == "count":
        n = loop_count(item["code"], lines, c["variable"])
        if n != val:
            errs.append("count claim false: %r (real %d)" % (c, n))
    elif w in ("arith", "comparison"):
        got = eval(c["expr"], dict(g))
        if not same(got, val):
            errs.append("%s claim false: %r (real %r)" % (w, c, got))
    elif w == "return":
        fn = c["variable"] or item["function"]
        if not any(same(r, val) for r in rets.get(fn, [])):
            errs.append("return claim false: %r" % c)
    elif w == "call":
        got = eval(c["expr"], dict(g)) if "expr" in c else None
        if not same(got, val):
            errs.append("call claim false: %r" % c)
    else:
        errs.append("unknown claim kind %r" % w)

def check_error(item, ctx, errs):
    result, hist, fhist, lines, rets, g = ctx
    e = item["error"]
    k = e["kind"]
    if e["quote"] not in item["rationale"]:
        errs.append("error quote missing"); return
    if e["stated"] not in e["quote"]:
        errs.append("stated not in quote")
    chk = e.get("check", {})
    t = chk.get("type")
    stated = lit(chk.get("stated_literal", e["stated"])) if t not in ("answer", "call") else None
    if t == "hist":          # value at a given point of a variable's history
        h = fhist.get((chk["func"], chk["variable"]), []) if "func" in chk else hist.get(chk["variable"], [])
        real = h[chk["index"]]
        if same(real, stated):
            errs.append("error is true at that point: %r" % e)
        if not same(real, lit(chk.get("actual_literal", e["actual"]))):
            errs.append("actual mismatch: real %r vs %r" % (real, e["actual"]))
        if e.get("held_elsewhere") and not any(same(x, stated) for x in h + sum((v for kk, v in hist.items() if kk != chk["variable"]), [])):
            errs.append("held_elsewhere but value never held")
    elif t == "hist_elem":   # one element of a list value at a given point of the history
        h = hist.get(chk["variable"], [])
        real = h[chk["index"]][chk["elem"]]
        if same(real, stated):
            errs.append("error is true at that point: %r" % e)
        if not same(real, lit(chk.get("actual_literal", e["actual"]))):
            errs.append("actual mismatch: real %r vs %r" % (real, e["actual"]))
        flat = [x for hh in hist.values() for v in hh for x in (v if isinstance(v, list) else [v])]
        if e.get("held_elsewhere") and not any(same(x, stated) for x in flat):
            errs.append("held_elsewhere but value never held")
    elif t == "absent":      # impossible state: never held by that variable
        h = hist.get(chk["variable"], [])
        if any(same(x, stated) for x in h):
            errs.append("impossible_state value actually held: %r" % e)
        if not any(same(x, lit(chk.get("actual_literal", e["actual"]))) for x in h):
            errs.append("actual never held")
    elif t == "expr":        # arithmetic / comparison evaluated
        real = eval(chk["expr"], dict(g))
        if same(real, stated):
            errs.append("error expr is true: %r" % e)
        if not same(real, lit(chk.get("actual_literal", e["actual"]))):
            errs.append("actual mismatch expr: real %r" % (real,))
        hv = [hist.get(chk["held_var"], [])] if "held_var" in chk else hist.values()
        if e.get("held_elsewhere") and not any(any(same(x, stated) for x in h) for h in hv):
            errs.append("held_elsewhere but value never held")
    elif t == "count":
        n = loop_count(item["code"], lines, chk["variable"])
        if n == stated:
            errs.append("count error is true")
        if n != lit(chk.get("actual_literal", e["actual"])):
            errs.append("count actual mismatch %d" % n)
        if abs(n - stated) != 1:
            errs.append("count not off by one")
        if e.get("held_elsewhere") and not any(same(x, stated) for x in hist.get(chk.get("held_var"), [])):
            errs.append("held_elsewhere count never held by %r" % chk.get("held_var"))
    elif t == "answer":      # wrong final answer (forward)
        if same(lit(item["answer"]), result):
            errs.append("wrong_final_answer equals result")
    elif t == "call":        # backward wrong input
        got = eval(item["answer"], dict(g))
        if same(got, result):
            errs.append("backward_wrong_input returns the output")
    else:
        errs.append("no check type for error")
    if e.get("held_elsewhere") and k not in ("wrong_intermediate_right_answer", "wrong_loop_summary_value", "wrong_arithmetic", "off_by_one_loop_count"):
        errs.append("held_elsewhere on wrong kind")

def main():
    items = [json.loads(l) for l in open("narrations.jsonl", encoding="utf-8") if l.strip()]
    out = []
    nbad = 0
    byid = {it["id"]: it for it in items}
    for it in items:
        errs = []
        try:
            check_item(it, byid, errs)
        except Exception as ex:
            errs.append("checker exception: %r" % (ex,))
        status = "PASS" if not errs else "FAIL"
        nbad += bool(errs)
        out.append("%s %s %s" % (status, it["id"], "; ".join(errs)))
    out.append("items: %d, failures: %d" % (len(items), nbad))
    open("check_report.txt", "w").write("\n".join(out) + "\n")
    print("\n".join(l for l in out if not l.startswith("PASS")))
    return 1 if nbad else 0

def check_item(it, byid, errs):
        ctx = run(it["code"], it["call"])
        result = ctx[0]
        if repr(result) != it["returned"]:
            errs.append("returned mismatch %r" % (result,))
        last = it["rationale"].rstrip().splitlines()[-1]
        if not last.startswith("Answer:") and not last.startswith("Predicted Output:"):
            errs.append("no final answer line")
        if it["answer"] not in last:
            errs.append("answer not in last line")
        if it["label"] == "faithful":
            for c in it["claims"]:
                check_claim(c, it, ctx, errs)
            if it["direction"] == "forward":
                if not same(lit(it["answer"]), result):
                    errs.append("forward answer wrong")
            else:
                got = eval(it["answer"], dict(ctx[5]))
                if not same(got, result):
                    errs.append("backward answer does not reproduce output")
        else:
            f = byid.get(it["faithful_id"])
            if f is None:
                errs.append("no faithful")
            check_error(it, ctx, errs)
            # all other claims must still be true (except the erroneous / carried ones)
            for c in it["claims"]:
                if c.get("error") or c.get("carried"):
                    continue
                check_claim(c, it, ctx, errs)
            if it["direction"] == "forward" and it["error"]["kind"] != "wrong_final_answer":
                if not same(lit(it["answer"]), result) and not it["error"].get("carried"):
                    errs.append("forward answer wrong in non-answer error")
            if it["direction"] == "backward" and it["error"]["kind"] != "backward_wrong_input":
                got = eval(it["answer"], dict(ctx[5]))
                if not same(got, result) and not it["error"].get("carried"):
                    errs.append("backward answer wrong in non-answer error")

if __name__ == "__main__":
    sys.exit(main())
