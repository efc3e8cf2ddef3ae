"""Standalone checker for w164 narrations: re-executes each program under sys.settrace,
records per-variable value histories (locals and self.<attr>) and per-line hit counts,
then checks claims of faithful items and confirms the single error of error copies."""
import ast, copy, json, sys
from collections import defaultdict

def run(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = defaultdict(list)
    lines = defaultdict(int)
    def snap(frame):
        for k, v in list(frame.f_locals.items()):
            try:
                v2 = copy.deepcopy(v)
            except Exception:
                continue
            if k == "self":
                for a, av in list(vars(v).items()):
                    av = copy.deepcopy(av)
                    h = hist["self." + a]
                    if not h or h[-1] != av or type(h[-1]) != type(av):
                        h.append(av)
                continue
            h = hist[k]
            if not h or h[-1] != v2 or type(h[-1]) != type(v2):
                h.append(v2)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            lines[frame.f_lineno] += 1
        snap(frame)
        return tr
    sys.settrace(tr)
    try:
        ret = eval(compile(call, "<prog>call", "eval"), ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def lit(s):
    return ast.literal_eval(s)

def call_result(code, call):
    ns = {}
    exec(code, ns)
    return eval(call, ns)

def check_claim(c, ret, hist, lines, item):
    w = c["what"]; v = lit(c["value"])
    if w == "value":
        var = c["variable"]
        return var in hist and any(v == x and type(v) == type(x) or (isinstance(v, (int, float)) and not isinstance(v, bool) and v == x) for x in hist[var]), f"{var} never {v!r}"
    if w == "count":
        ln = int(c["variable"].split("@line")[1]) if "@line" in c["variable"] else int(c["line"])
        return lines[ln] == v, f"line {ln} ran {lines[ln]} times, not {v}"
    if w in ("arith", "comparison"):
        e = eval(c["expr"])
        return e == v, f"{c['expr']} = {e!r}, not {v!r}"
    if w == "return":
        return v == ret, f"returned {ret!r}"
    if w == "call":
        r = call_result(item["code"], v)
        return r == ret, f"call gives {r!r}"
    return False, "unknown claim kind"

def check_error(item, ret, hist, lines):
    e = item["error"]; ck = e["check"]; t = ck["type"]
    st = lit(ck["stated"]) if t != "answer" else None
    if t == "hist":
        h = hist[ck["var"]]; act = h[ck["index"]]
        ok = st != act
        if e.get("held_elsewhere"):
            ok = ok and st in h
        return ok, f"{ck['var']}[{ck['index']}]={act!r} stated {st!r}; hist={h!r}"
    if t == "absent":
        return st not in hist[ck["var"]], f"{st!r} occurs in {ck['var']}"
    held_ok = True
    if e.get("held_elsewhere") and "held_var" in ck:
        # the wrong value must be one the program really holds elsewhere (another variable/moment)
        held_ok = st in hist[ck["held_var"]]
    if t == "count":
        n = lines[ck["line"]]
        return n != st and held_ok, f"line {ck['line']} ran {n}"
    if t == "expr":
        act = eval(ck["expr"])
        return act != st and held_ok, f"{ck['expr']} = {act!r}"
    if t == "answer":
        if item["direction"] == "forward":
            return lit(item["answer"]) != ret, "answer equals return"
        try:
            r = call_result(item["code"], item["answer"])
        except Exception as ex:
            return True, str(ex)
        return r != ret, f"wrong-input call gives {r!r} == output"
    return False, "unknown check"

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    ids = {i["id"] for i in items}
    bad = 0; out = []
    for it in items:
        probs = []
        ret, hist, lines = run(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append(f"returned {ret!r} vs {it['returned']}")
        r = it["rationale"]
        last = r.strip().splitlines()[-1]
        if not last.startswith("Answer:") or it["answer"] not in last:
            probs.append("answer line mismatch")
        for c in it["claims"]:
            if c["quote"] not in r:
                probs.append(f"quote not found: {c['quote']!r}")
                continue
            if c.get("error") or c.get("carried_error"):
                continue
            try:
                ok, msg = check_claim(c, ret, hist, lines, it)
            except Exception as ex:
                ok, msg = False, f"exception {ex}"
            if not ok:
                probs.append(f"claim {c['quote']!r}: {msg}")
        if it["label"] == "faithful":
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret:
                    probs.append("forward answer wrong")
            else:
                if call_result(it["code"], it["answer"]) != ret:
                    probs.append("backward answer does not give output")
        else:
            e = it["error"]
            if it["faithful_id"] not in ids:
                probs.append("faithful_id missing")
            if e["quote"] not in r:
                probs.append("error quote not in rationale")
            if e["stated"] not in e["quote"]:
                probs.append("stated not in error quote")
            ok, msg = check_error(it, ret, hist, lines)
            if not ok:
                probs.append(f"error not false: {msg}")
            if e["kind"] not in ("wrong_final_answer", "backward_wrong_input") and not e.get("carried"):
                # the answer must still be right
                if it["direction"] == "forward" and lit(it["answer"]) != ret:
                    probs.append("answer changed in non-answer error copy")
                if it["direction"] == "backward" and call_result(it["code"], it["answer"]) != ret:
                    probs.append("backward answer broken in non-answer error copy")
        status = "PASS" if not probs else "FAIL"
        if probs: bad += 1
        out.append(f"{status} {it['id']} ({len(it['claims'])} claims)" + "".join("\n    " + p for p in probs))
    out.append(f"\n{len(items)} items, {len(items) - bad} pass, {bad} fail")
    return "\n".join(out), bad

if __name__ == "__main__":
    txt, bad = main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")
    print(txt)
    sys.exit(1 if bad else 0)
