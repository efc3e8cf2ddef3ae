#!/usr/bin/env python3
"""Standalone checker for w307 narrations: re-executes every program with sys.settrace,
records per-frame variable snapshots at each line/return event, and checks claims and errors."""
import ast, copy, json, sys

def run_traced(code, call):
    g = {"__name__": "__prog__"}
    exec(compile(code, "<prog>", "exec"), g)
    recs = []          # (func, event, lineno, call_idx, snapshot)
    calls = {}
    frame_call = {}
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        fn = frame.f_code.co_name
        if event == "call":
            calls[fn] = calls.get(fn, 0) + 1
            frame_call[id(frame)] = calls[fn]
        try:
            snap = copy.deepcopy(dict(frame.f_locals))
        except Exception:
            snap = dict(frame.f_locals)
        if event == "return":
            snap["__return__"] = copy.deepcopy(arg)
        recs.append((fn, event, frame.f_lineno, frame_call.get(id(frame)), id(frame), snap))
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return g, ret, recs

def ev(expr, g, snap):
    return eval(expr, g, dict(snap))

def at_value(spec, g, recs):
    hits = [r for r in recs if r[0] == spec["func"] and r[1] == spec.get("event", "line") and r[2] == spec["line"]]
    r = hits[spec["occ"] - 1]
    return ev(spec["expr"], g, r[5])

def count_value(spec, recs):
    if spec.get("per_call"):
        ncalls = max([r[3] for r in recs if r[0] == spec["func"]] or [0])
        return [count_value(dict(spec, per_call=False, call=k), recs) for k in range(1, ncalls + 1)]
    return sum(1 for r in recs if r[0] == spec["func"] and r[1] == "line" and r[2] == spec["line"]
               and (spec.get("call") is None or r[3] == spec["call"]))

def all_values(expr, g, recs):
    out = []
    for r in recs:
        try:
            out.append(ev(expr, g, r[5]))
        except Exception:
            pass
    return out

def histories(expr, g, recs):
    per = {}
    for r in recs:
        try:
            v = ev(expr, g, r[5])
        except Exception:
            continue
        h = per.setdefault(r[4], [])
        if not h or h[-1] != v:
            h.append(v)
    return list(per.values())

def arith_parts(quote):
    q = quote.replace("`", "").replace("−", "-")
    segs = [s.strip() for s in q.split("=") if s.strip()]
    return segs[:-1], segs[-1]

def arith_ok(quote, stated, expr=None):
    segs, last = arith_parts(quote)
    if expr:
        segs = [expr]
    vals = []
    for s in segs:
        try:
            vals.append(eval(s, {"min": min, "max": max, "len": len}))
        except Exception:
            pass
    if not vals:
        raise ValueError("no evaluable segment in %r" % quote)
    return all(v == stated for v in vals)

def in_seq(seq, hist):
    n = len(seq)
    return any(hist[i:i + n] == seq for i in range(len(hist) - n + 1))

def check_claim(c, item, g, recs, ret):
    val = ast.literal_eval(c["value"])
    what = c["what"]
    if what == "return":
        return ret == val
    if what == "arith":
        return arith_ok(c["quote"], val, c.get("expr"))
    if what == "count":
        return count_value(c["at"], recs) == val
    if what == "comparison":
        return bool(at_value(c["at"], g, recs)) == val
    if what == "call":
        g2, r2, _ = run_traced(item["code"], c["value"])
        return r2 == ret
    # value
    if c.get("at") and c.get("sequence"):
        a = c["at"]
        vals = [ev(a["expr"], g, r[5]) for r in recs if r[0] == a["func"] and r[1] == "line" and r[2] == a["line"]]
        return in_seq(list(val), vals)
    if c.get("at"):
        return at_value(c["at"], g, recs) == val
    expr = c.get("expr") or c["variable"]
    if c.get("sequence"):
        return any(in_seq(list(val), h) for h in histories(expr, g, recs))
    return val in all_values(expr, g, recs)

def check_error(e, item, g, recs, ret):
    ck = e["check"]; t = ck["type"]
    stated = ast.literal_eval(e["stated_literal"]) if "stated_literal" in e else None
    if t == "answer_forward":
        return ast.literal_eval(item["answer"]) != ret
    if t == "answer_backward":
        _, r2, _ = run_traced(item["code"], item["answer"])
        return r2 != ret
    if t == "arith":
        return not arith_ok(e["quote"], stated, ck.get("expr"))
    if t == "at":
        actual = at_value(ck, g, recs)
        return actual != stated and actual == ast.literal_eval(e["actual_literal"])
    if t == "count":
        actual = count_value(ck, recs)
        return actual != stated and actual == ast.literal_eval(e["actual_literal"])
    if t == "never":
        return stated not in all_values(ck["expr"], g, recs)
    if t == "seq_at":
        # k-th value of the variable's change history (0-based) differs from stated
        hs = [h for h in histories(ck["expr"], g, recs) if len(h) > ck["k"]]
        return all(h[ck["k"]] != stated for h in hs) and any(h[ck["k"]] == ast.literal_eval(e["actual_literal"]) for h in hs)
    raise ValueError(t)

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    lines, bad = [], 0
    for it in items:
        probs = []
        g, ret, recs = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append("returned mismatch %r" % (ret,))
        if not it["rationale"].rstrip().endswith("Answer: " + it["answer"]):
            probs.append("last line is not the Answer line")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("claim quote not in rationale: %r" % c["quote"])
        if it["label"] == "faithful":
            for c in it["claims"]:
                try:
                    ok = check_claim(c, it, g, recs, ret)
                except Exception as ex:
                    ok = False; c = dict(c, exc=repr(ex))
                if not ok:
                    probs.append("false claim: %r" % (c,))
            if it["direction"] == "forward":
                if ast.literal_eval(it["answer"]) != ret:
                    probs.append("forward answer wrong")
            else:
                _, r2, _ = run_traced(it["code"], it["answer"])
                if r2 != ret:
                    probs.append("backward answer does not reproduce output")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                probs.append("error quote not in rationale")
            try:
                if not check_error(e, it, g, recs, ret):
                    probs.append("error is not actually false: %r" % (e,))
            except Exception as ex:
                probs.append("error check failed: %r" % ex)
            # all other claims must still hold (error copy otherwise faithful)
            for c in it["claims"]:
                if c["quote"] == e["quote"] or c.get("is_error"):
                    continue
                try:
                    ok = check_claim(c, it, g, recs, ret)
                except Exception as ex:
                    ok = False
                if not ok and not e.get("carried"):
                    probs.append("non-error claim false: %r" % (c,))
            if e["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                if it["direction"] == "forward" and ast.literal_eval(it["answer"]) != ret and not e.get("carried"):
                    probs.append("answer wrong in non-answer error copy")
        status = "PASS" if not probs else "FAIL"
        bad += bool(probs)
        lines.append("%s %s (%d claims)" % (status, it["id"], len(it["claims"])))
        lines.extend("    " + p for p in probs)
    lines.append("TOTAL %d items, %d failing" % (len(items), bad))
    return lines, bad

if __name__ == "__main__":
    lines, bad = main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")
    print("\n".join(lines))
    sys.exit(1 if bad else 0)
