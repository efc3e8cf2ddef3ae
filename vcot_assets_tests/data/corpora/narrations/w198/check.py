"""Standalone checker for w198 narrations: executes each program, records per-variable value
histories with sys.settrace, and checks claims / answers / errors against the real run."""
import ast, copy, json, sys
from collections import defaultdict

def run(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = defaultdict(list)      # var -> successive distinct values (all frames, in order)
    lines = defaultdict(int)      # line number -> executions
    def rec(name, val):
        try:
            v = copy.deepcopy(val)
        except Exception:
            return
        h = hist[name]
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    rec("self." + a, av)
            elif not callable(v):
                rec(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        def local(frame, event, arg):
            snap(frame)
            if event == "line":
                lines[frame.f_lineno] += 1
            return local
        snap(frame)
        return local
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines, ns

def lit(s):
    return ast.literal_eval(s)

def check_item(it, fails):
    iid = it["id"]
    def bad(msg):
        fails.append(f"{iid}: {msg}")
    ret, hist, lines, ns = run(it["code"], it["call"])
    if repr(ret) != it["returned"]:
        bad(f"returned {ret!r} != {it['returned']}")
    rat = it["rationale"]
    last = rat.strip().splitlines()[-1]
    if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
        bad("answer field does not match the last Answer line")
    err = it["error"]
    # answer check
    if it["direction"] == "forward":
        ans_ok = lit(it["answer"]) == ret
    else:
        ans_ok = eval(it["answer"], dict(ns)) == ret
    wrong_answer_expected = err is not None and err["kind"] in ("wrong_final_answer", "backward_wrong_input")
    if ans_ok == wrong_answer_expected:
        bad(f"answer correctness {ans_ok} but expected {not wrong_answer_expected}")
    errquote = err["quote"] if err else None
    for c in it["claims"]:
        if c["quote"] not in rat:
            bad(f"claim quote not in rationale: {c['quote']!r}")
            continue
        is_err = err is not None and c["quote"] == errquote and c.get("is_error")
        ok = claim_true(c, hist, lines, ret)
        if ok is None:
            bad(f"cannot check claim {c}")
        elif is_err and ok and not (err.get("held_elsewhere") and err["check"].get("type") == "history_at"):
            bad(f"error claim is actually true: {c}")  # held-elsewhere values are checked at their point below
        elif not is_err and not ok:
            bad(f"claim false: {c}")
    if err:
        if err["quote"] not in rat:
            bad("error quote not in rationale")
        chk = err.get("check", {})
        t = chk.get("type")
        st = err["stated"]
        if t == "history_at":
            h = hist[chk["var"]]
            if chk["index"] >= len(h) or h[chk["index"]] == lit(st):
                bad(f"history_at: {chk} value {st} is true there (hist {h})")
            if repr(h[chk["index"]]) != err["actual"]:
                bad(f"actual mismatch {h[chk['index']]!r} vs {err['actual']}")
            if err.get("held_elsewhere") and lit(st) not in h and not any(lit(st) in hh for hh in hist.values()):
                bad("held_elsewhere but value never held")
        elif t == "not_in_history":
            if lit(st) in hist[chk["var"]]:
                bad(f"value {st} does occur for {chk['var']}")
        elif t == "arith":
            if eval(chk["expr"]) == lit(st):
                bad("arith error is actually right")
            if repr(eval(chk["expr"])) != err["actual"]:
                bad("arith actual mismatch")
        elif t == "count":
            n = lines[chk["line"]]
            if n == int(st) or str(n) != err["actual"]:
                bad(f"count error check failed: real {n}")
        elif t == "comparison":
            if bool(eval(chk["expr"])) == lit(st):
                bad("comparison error is actually right")
        elif t == "answer":
            pass  # covered above
        else:
            bad(f"unknown error check {t}")
        if err.get("held_elsewhere") and t in ("history_at",) :
            pass
    else:
        if it["label"] != "faithful":
            bad("no error but not faithful")

def claim_true(c, hist, lines, ret):
    w = c["what"]
    val = lit(c["value"])
    if w == "value":
        if c["variable"]:
            return val in hist.get(c["variable"], [])
        return any(val in h for h in hist.values())
    if w == "count":
        line = int(c["variable"].split("@line")[1])
        return lines[line] == val
    if w in ("arith", "comparison"):
        expr = c.get("expr")
        if expr is None:
            return None
        r = eval(expr)
        return (bool(r) == val) if w == "comparison" else (r == val)
    if w == "return":
        return ret == val
    if w == "call":
        return None
    return None

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") if l.strip()]
    fails = []
    for it in items:
        try:
            check_item(it, fails)
        except Exception as e:
            fails.append(f"{it.get('id')}: exception {e!r}")
    ids = {it["id"] for it in items}
    for it in items:
        if it["faithful_id"] and it["faithful_id"] not in ids:
            fails.append(f"{it['id']}: missing faithful")
    print(f"items: {len(items)}  faithful: {sum(i['label']=='faithful' for i in items)}  errors: {sum(i['label']=='error' for i in items)}")
    for f in fails:
        print("FAIL", f)
    print("ALL PASS" if not fails else f"{len(fails)} FAILURES")
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
