#!/usr/bin/env python3
"""Standalone checker for w32 narrations: re-executes each program with sys.settrace."""
import sys, json, copy, re

def run_traced(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist = {}      # var -> list of values (all frames)
    snaps = []     # copies of locals at each event
    lines = {}     # lineno -> hit count
    rets = {}      # func name -> list of return values
    def snap(frame):
        for k, v in frame.f_locals.items():
            try:
                vv = copy.deepcopy(v)
            except Exception:
                vv = v
            hist.setdefault(k, []).append(vv)
            d = getattr(v, "__dict__", None)
            if isinstance(d, dict) and not isinstance(v, type) and not callable(v):
                for a, av in d.items():
                    try:
                        hist.setdefault(k + "." + a, []).append(copy.deepcopy(av))
                    except Exception:
                        pass
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        snap(frame)
        try:
            snaps.append(copy.deepcopy(dict(frame.f_locals)))
        except Exception:
            snaps.append(dict(frame.f_locals))
        if event == "return":
            rets.setdefault(frame.f_code.co_name, []).append(copy.deepcopy(arg))
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, g)
    finally:
        sys.settrace(None)
    return result, hist, lines, rets, snaps, g

def plain_eval(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def clean(q):
    return q.replace("`", "").strip()

def arith_lhs(q):
    q = clean(q)
    m = re.match(r"^(.*?)(?<![=!<>])=(?!=)\s*(.*)$", q)
    if not m:
        m = re.match(r"^(.*?)\s+is\s+(.*)$", q)
    return m.group(1).strip() if m else None

def claim_true(c, ctx):
    result, hist, lines, rets, snaps, g = ctx
    w = c["what"]
    val = eval(c["value"]) if w != "call" else None
    if w == "value":
        var = c["variable"]
        if var not in hist:
            for sn in snaps:
                try:
                    if eval(var, dict(g), sn) == val:
                        return True
                except Exception:
                    pass
            return False
        if isinstance(val, list) and val and not any(x == val for x in hist[var]):
            def dd(seq):
                out = []
                for x in seq:
                    if not out or out[-1] != x:
                        out.append(x)
                return out
            h = dd(hist[var]); v = dd(val)
            return any(h[i:i + len(v)] == v for i in range(len(h) - len(v) + 1))
        return any(x == val and type(x) == type(val) or (x == val and isinstance(x, (int, float)) and isinstance(val, (int, float)) and not isinstance(x, bool)) for x in hist.get(c["variable"], []))
    if w == "count":
        var = c["variable"]
        m = re.match(r"loop@line (\d+)", var)
        if m:
            return lines.get(int(m.group(1)), 0) == val
        m = re.match(r"header@line (\d+)", var)   # a for-header line runs once more than its body
        return lines.get(int(m.group(1)), 0) - 1 == val
    if w == "comparison":
        expr = clean(c["quote"])
        try:
            return bool(eval(expr, dict(g))) == val
        except Exception:
            pass
        for sn in snaps:
            try:
                if bool(eval(expr, dict(g), sn)) == val:
                    return True
            except Exception:
                pass
        return False
    if w == "arith":
        lhs = arith_lhs(c["quote"])
        return eval(lhs) == val
    if w == "return":
        fn = c["variable"]
        return any(r == val for r in rets.get(fn, []))
    if w == "call":
        return plain_eval_g(c["quote"], g) == eval(c["value"])
    raise ValueError(w)

def plain_eval_g(call, g):
    return eval(clean(call), dict(g))

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    ok = 0; fails = []
    cache = {}
    byid = {it["id"]: it for it in items}
    for it in items:
        errs = []
        key = (it["code"], it["call"])
        if key not in cache:
            cache[key] = run_traced(it["code"], it["call"])
        ctx = cache[key]
        if repr(ctx[0]) != it["returned"]:
            errs.append("returned mismatch %r vs %s" % (ctx[0], it["returned"]))
        rat = it["rationale"]
        last = rat.strip().splitlines()[-1]
        if not last.startswith("Answer:") and "Predicted Output" not in last:
            errs.append("last line not Answer")
        if it["answer"] not in last:
            errs.append("answer not in last line")
        for c in it["claims"]:
            if c["quote"] not in rat:
                errs.append("quote not in rationale: %r" % c["quote"])
        is_err = it["label"] == "error"
        equote = it["error"]["quote"] if is_err else None
        if is_err and equote not in rat:
            errs.append("error quote missing")
        if is_err and it["faithful_id"] not in byid:
            errs.append("faithful_id missing")
        for c in it["claims"]:
            try:
                t = claim_true(c, ctx)
            except Exception as e:
                errs.append("claim eval error %r: %s" % (c["quote"], e)); continue
            if is_err and c["quote"] == equote:
                if t:
                    errs.append("error claim is actually TRUE: %r" % c["quote"])
            elif not t and not (is_err and c.get("carried")):
                errs.append("false claim: %r (%s=%s)" % (c["quote"], c["variable"], c["value"]))
        # answer
        if it["direction"] == "forward":
            ans_ok = eval(it["answer"]) == ctx[0]
        else:
            if not it["answer"].startswith(it["function"] + "("):
                errs.append("backward answer does not call function")
            try:
                ans_ok = plain_eval(it["code"], it["answer"]) == ctx[0]
            except Exception:
                ans_ok = False
        ek = it["error"]["kind"] if is_err else None
        if ek in ("wrong_final_answer", "backward_wrong_input"):
            if ans_ok: errs.append("answer error but answer is correct")
            if equote not in last: errs.append("answer error quote not in last line")
        else:
            # a carried error may legitimately propagate into the final answer
            if not ans_ok and not (is_err and it["error"].get("carried")):
                errs.append("answer wrong")
            if is_err and not any(c["quote"] == equote for c in it["claims"]):
                errs.append("no claim carries the error quote")
        if errs:
            fails.append((it["id"], errs))
        else:
            ok += 1
    return items, ok, fails

if __name__ == "__main__":
    path = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
    items, ok, fails = main(path)
    from collections import Counter
    print("items:", len(items), "pass:", ok, "fail:", len(fails))
    for i, e in fails:
        print("FAIL", i)
        for x in e: print("   ", x)
    print("styles:", dict(Counter(i["style"] for i in items if i["label"] == "faithful")))
    print("families:", dict(Counter(i["family"] for i in items if i["label"] == "faithful")))
    print("directions:", dict(Counter(i["direction"] for i in items if i["label"] == "faithful")))
    print("error kinds:", dict(Counter(i["error"]["kind"] for i in items if i["label"] == "error")))
    print("kinds:", dict(Counter(i["kind"] for i in items if i["label"] == "faithful")))
    print("ALL PASS" if not fails else "SOME FAIL")
