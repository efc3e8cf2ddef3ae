#!/usr/bin/env python3
"""Standalone checker for w53 narrations: re-executes every program with sys.settrace,
records per-variable value histories, line hit counts and return values, then checks
claims, answers and error copies. Writes a report to stdout."""
import ast, copy, json, sys, types

FN = "<w53prog>"

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return v

def run(code, call):
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    hist, lines, rets = {}, {}, {}
    def rec(name, val):
        h = hist.setdefault(name, [])
        if not h or not (type(h[-1]) is type(val) and h[-1] == val):
            h.append(snap(val))
    def record(frame):
        for k, v in frame.f_locals.items():
            if k.startswith('.') or isinstance(v, (types.FunctionType, types.ModuleType, type)):
                continue
            if k == 'self':
                for a, av in vars(v).items():
                    rec('self.' + a, av)
                continue
            rec(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == 'line':
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            record(frame)
        elif event == 'return':
            record(frame)
            rets.setdefault(frame.f_code.co_name, []).append(snap(arg))
        elif event == 'call':
            record(frame)
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return result, hist, lines, rets, ns

def lit(s):
    return ast.literal_eval(s)

def claim_true(c, env):
    """Return (ok, detail) for one claim."""
    result, hist, lines, rets, ns = env
    what = c["what"]
    val = lit(c["value"])
    if what == "value":
        h = hist.get(c["variable"])
        if h is None:
            return False, f"no variable {c['variable']}"
        if c.get("seq"):
            n = len(val)
            return any(h[k:k + n] == val for k in range(len(h) - n + 1)), f"{c['variable']} history {h!r} vs run {val!r}"
        if "at" in c:
            at = c["at"]
            if at >= len(h):
                return False, f"{c['variable']} history too short ({len(h)}) for at={at}"
            return (h[at] == val and type(h[at]) is type(val)) or h[at] == val, f"{c['variable']}[{at}]={h[at]!r} vs {val!r}"
        return any(x == val for x in h), f"{c['variable']} history {h!r} vs {val!r}"
    if what == "count":
        var = c["variable"]
        ln = int(var.split("@line")[1]) if "@line" in var else c["line"]
        n = lines.get(ln, 0)
        return n == val, f"line {ln} ran {n} times vs {val}"
    if what in ("arith", "comparison"):
        got = eval(c["expr"], {})
        return got == val, f"{c['expr']} -> {got!r} vs {val!r}"
    if what == "return":
        fn = c.get("variable")
        if fn and fn in rets:
            return any(r == val for r in rets[fn]), f"{fn} returned {rets[fn]!r} vs {val!r}"
        return result == val, f"result {result!r} vs {val!r}"
    if what == "call":
        r2 = eval(c["expr"], ns)
        return r2 == val, f"{c['expr']} -> {r2!r} vs {val!r}"
    return False, "unknown claim kind " + what

def main(path):
    items = [json.loads(l) for l in open(path)]
    byid = {it["id"]: it for it in items}
    fails, n_claims = [], 0
    cache = {}
    for it in items:
        iid = it["id"]
        key = (it["code"], it["call"])
        if key not in cache:
            cache[key] = run(it["code"], it["call"])
        env = cache[key]
        result = env[0]
        def fail(msg):
            fails.append(f"{iid}: {msg}")
        if repr(result) != it["returned"]:
            fail(f"returned {result!r} != {it['returned']}")
        rat = it["rationale"]
        last = rat.rstrip().splitlines()[-1]
        if not last.startswith("Answer:") and not last.startswith("Predicted Output:"):
            fail("last line is not an Answer line")
        if it["answer"] not in last:
            fail("answer field not in last line")
        # answer correctness
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == result
        else:
            if not it["answer"].startswith(it["function"] + "("):
                fail("backward answer does not call function")
            r2 = run(it["code"], it["answer"])[0]
            ans_ok = r2 == result
        err = it["error"]
        ek = err["kind"] if err else None
        if it["label"] == "faithful":
            if not ans_ok:
                fail("faithful answer is wrong")
        else:
            if ek in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    fail("error answer is actually right")
            elif not ans_ok:
                fail("error copy (non-answer kind) has wrong answer")
            if err["quote"] not in rat:
                fail("error quote not in rationale")
            f = byid.get(it["faithful_id"])
            if f is None:
                fail("faithful_id missing")
            elif err["quote"] in f["rationale"] and ek not in ("wrong_final_answer", "backward_wrong_input"):
                fail("error quote also in faithful text")
        for c in it["claims"]:
            n_claims += 1
            if c["quote"] not in rat:
                fail(f"claim quote not in rationale: {c['quote']!r}")
                continue
            try:
                ok, det = claim_true(c, env)
            except Exception as e:
                ok, det = False, f"exception {e!r}"
            if c.get("error"):
                if ok:
                    fail(f"error claim is actually TRUE: {det}")
                # held elsewhere: stated value must occur somewhere in the run, not at that point
                if err and err.get("held_elsewhere"):
                    val = lit(c["value"])
                    if c["what"] == "value" and c.get("seq"):
                        hv = env[1].get(c["variable"], [])
                        if not all(any(x == y for x in hv) for y in val):
                            fail(f"held_elsewhere but some of {val!r} never held by {c['variable']}")
                    elif c["what"] == "value":
                        if not any(x == val for x in env[1].get(c["variable"], [])):
                            fail(f"held_elsewhere but {val!r} never held by {c['variable']}")
                    elif c["what"] == "count":
                        pass
                    elif "elsewhere_var" in c:
                        if not any(x == val for x in env[1].get(c["elsewhere_var"], [])):
                            fail(f"held_elsewhere but {val!r} never held by {c['elsewhere_var']}")
                if ek == "impossible_state" and c["what"] == "value":
                    val = lit(c["value"])
                    if any(x == val for x in env[1].get(c["variable"], [])):
                        fail("impossible_state value is actually held")
            elif c.get("carried"):
                pass
            elif not ok:
                fail(f"claim false: {c['quote']!r}: {det}")
        if it["label"] == "error" and ek not in ("wrong_final_answer", "backward_wrong_input"):
            if not any(c.get("error") for c in it["claims"]):
                fail("error copy has no error claim")
    print(f"items: {len(items)}  claims checked: {n_claims}")
    from collections import Counter
    fa = [i for i in items if i["label"] == "faithful"]
    print("faithful:", len(fa), " error copies:", len(items) - len(fa))
    for k in ("style", "family", "direction", "kind"):
        print(k, dict(Counter(i[k] for i in fa)))
    print("error kinds", dict(Counter(i["error"]["kind"] for i in items if i["error"])))
    print("held_elsewhere", sum(1 for i in items if i["error"] and i["error"].get("held_elsewhere")))
    print("trace_events", sorted(i["trace_events"] for i in fa))
    if fails:
        print("FAILURES:", len(fails))
        for x in fails:
            print("  ", x)
    else:
        print("ALL CHECKS PASSED")
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"))
