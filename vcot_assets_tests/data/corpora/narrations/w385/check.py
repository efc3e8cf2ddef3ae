#!/usr/bin/env python3
"""Standalone checker for w385 narrations: re-executes every program with sys.settrace
and checks returned values, claims, answers and that each error copy's error is really false."""
import ast, copy, json, sys
from collections import defaultdict

def lit(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return s

def run_traced(code, call):
    ns = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = defaultdict(list)      # var -> list of values in change order (all frames merged)
    last = {}
    lines = defaultdict(int)
    def snap(frame):
        fid = id(frame)
        items = []
        for name, v in list(frame.f_locals.items()):
            items.append((name, v))
            if hasattr(v, "__dict__") and not callable(v) and not isinstance(v, type):
                for a, av in vars(v).items():
                    items.append((name + "." + a, av))
        for name, v in items:
            try:
                cv = copy.deepcopy(v)
            except Exception:
                cv = v
            key = (fid, name)
            if key not in last or last[key] != cv:
                last[key] = cv
                h = hist[name]
                if not h or h[-1] != cv:
                    h.append(cv)
    def local(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return local
        if event == "line":
            lines[frame.f_lineno] += 1
        snap(frame)
        return local
    def glob(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        snap(frame)
        return local
    sys.settrace(glob)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines, ns

def clean(q):
    return q.replace("`", "").strip()

def claim_ok(c, ret, hist, lines, ns):
    what, var, val = c["what"], c.get("variable"), lit(c["value"])
    if what == "value":
        if var is None:
            return any(val in h for h in hist.values())
        return val in hist.get(var, [])
    if what == "count":
        if c.get("expr"):          # count inside one particular iteration
            return eval(c["expr"], {}) == val
        return lines[c["line"]] == val
    if what in ("comparison", "arith"):
        return eval(c.get("expr") or clean(c["quote"]), {}) == val
    if what == "return":
        return val == ret
    if what == "call":
        return eval(val if isinstance(val, str) else c["value"], dict(ns)) == ret
    raise ValueError(what)

def error_is_false(e, item, ret, hist, lines, ns):
    k, chk = e["kind"], e.get("check", {})
    stated = lit(e["stated"])
    if k == "wrong_final_answer":
        return lit(item["answer"]) != ret
    if k == "backward_wrong_input":
        try:
            return eval(item["answer"], dict(ns)) != ret
        except Exception:
            return True
    t = chk["type"]
    if t == "nth":        # value of variable at its n-th change (0-based) differs from stated
        h = hist[chk["variable"]]
        return h[chk["n"]] != stated and lit(e["actual"]) == h[chk["n"]]
    if t == "never":      # variable never holds the stated value
        return stated not in hist[chk["variable"]]
    if t == "count":      # loop body line ran a different number of times
        return lines[chk["line"]] != stated and lines[chk["line"]] == lit(e["actual"])
    if t == "expr":       # expression (arith / comparison) evaluates to something else
        v = eval(chk["expr"], {})
        return v != stated and v == lit(e["actual"])
    raise ValueError(t)

def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
    items = [json.loads(l) for l in open(path)]
    fails = 0
    byid = {i["id"]: i for i in items}
    for it in items:
        probs = []
        ret, hist, lines, ns = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append("returned mismatch %r" % (ret,))
        r = it["rationale"]
        last = r.strip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            probs.append("answer line mismatch")
        for c in it["claims"]:
            if c["quote"] not in r:
                probs.append("quote not in rationale: %r" % c["quote"])
        if it["label"] == "faithful":
            for c in it["claims"]:
                if not claim_ok(c, ret, hist, lines, ns):
                    probs.append("false claim: %r" % (c,))
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret:
                    probs.append("forward answer wrong")
            else:
                if eval(it["answer"], dict(ns)) != ret:
                    probs.append("backward answer wrong")
        else:
            e = it["error"]
            if e["quote"] not in r:
                probs.append("error quote missing")
            if not error_is_false(e, it, ret, hist, lines, ns):
                probs.append("error not false: %r" % (e,))
            f = byid.get(it["faithful_id"])
            if f is None:
                probs.append("no faithful")
            for c in it["claims"]:
                if c.get("is_error") or c.get("carried"):
                    continue
                if not claim_ok(c, ret, hist, lines, ns):
                    probs.append("false non-error claim: %r" % (c,))
            if e["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                if it["direction"] == "forward" and lit(it["answer"]) != ret and not e.get("carried"):
                    probs.append("answer changed without carried")
        status = "PASS" if not probs else "FAIL"
        if probs:
            fails += 1
        print("%s %s (%d claims)" % (status, it["id"], len(it["claims"])))
        for p in probs:
            print("   ", p)
    print("TOTAL %d items, %d failing" % (len(items), fails))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
