#!/usr/bin/env python3
"""Standalone checker for w52 narrations.jsonl (plain execution + sys.settrace).

Conventions used by the claims:
  value      : `variable` (local name, or self.<attr>) takes `value` at some point of the run.
               Optional "index": k -> the k-th value in that variable's change history.
               Optional "seq": k -> `value` is a list equal to history[k:k+len(value)]
               (a summarised run of values, e.g. "total goes 3, 7, 12").
  count      : `variable` is "loop@line N": line N (1-based in code) executed `value` times.
  comparison : "expr" (a Python expression) evaluates to `value` (True/False).
  arith      : "expr" evaluates to `value`.
  return     : `value` equals the call's return value.
  call       : `value` is a call string whose evaluation returns the output.
For error copies the error claim (last claim, also mirrored in `error`) must be FALSE.
"""
import ast, json, sys, copy

def run_traced(code, call):
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    hist, lines = {}, {}
    def rec(name, val):
        try:
            v = copy.deepcopy(val)
        except Exception:
            return
        h = hist.setdefault(name, [])
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    rec("self." + a, av)
            elif not k.startswith("__") and not callable(v):
                rec(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            snap(frame)
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        elif event == "return":
            snap(frame)
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines, g

def lit(s):
    return ast.literal_eval(s)

def claim_true(c, ret, hist, lines, g):
    w = c["what"]
    val = lit(c["value"]) if w != "call" else None
    if w == "value":
        h = hist.get(c["variable"], [])
        if "seq" in c:
            k = c["seq"]
            return list(h[k:k + len(val)]) == list(val)
        if "index" in c:
            k = c["index"]
            return k < len(h) and h[k] == val and type(h[k]) == type(val)
        return any(x == val and type(x) == type(val) for x in h)
    if w == "count":
        n = int(c["variable"].split("@line")[1])
        return lines.get(n, 0) == val
    if w in ("comparison", "arith"):
        return eval(c["expr"], {}) == val
    if w == "return":
        return ret == val
    if w == "call":
        r2 = eval(c["value"], dict(g))
        return r2 == ret
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    progs = {json.loads(l)["id"]: json.loads(l) for l in open("programs.jsonl")}
    fails, out = 0, []
    for it in items:
        msgs = []
        ret, hist, lines, g = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            msgs.append("returned mismatch %r vs %s" % (ret, it["returned"]))
        p = progs.get(it["program_id"])
        if p is None or p["returned"] != it["returned"] or len(p["events"]) != it["trace_events"]:
            msgs.append("programs.jsonl mismatch")
        last = it["rationale"].rstrip().splitlines()[-1]
        if last.strip() != "Answer: " + it["answer"] and not last.strip().endswith(it["answer"]):
            msgs.append("answer line mismatch: " + last)
        # answer correctness
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == ret
        else:
            try:
                ans_ok = eval(it["answer"], dict(g)) == ret
            except Exception as e:
                ans_ok = False
        claims = it["claims"]
        errq = it["error"]["quote"] if it["error"] else None
        for c in claims:
            if c["quote"] not in it["rationale"]:
                msgs.append("quote not in rationale: " + c["quote"])
            ok = claim_true(c, ret, hist, lines, g)
            is_err = it["label"] == "error" and c.get("is_error")
            if is_err and ok:
                msgs.append("error claim is actually TRUE: %s" % c["quote"])
            if not is_err and not ok:
                msgs.append("claim FALSE: %s -> %s (%s)" % (c["quote"], c["value"], c["variable"]))
        if it["label"] == "faithful":
            if not ans_ok:
                msgs.append("faithful answer wrong")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                msgs.append("error quote missing")
            if e["kind"] in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    msgs.append("wrong answer is actually right")
            else:
                if not ans_ok:
                    msgs.append("answer should be right for kind " + e["kind"])
                if not any(c.get("is_error") for c in claims):
                    msgs.append("no error claim")
        status = "FAIL" if msgs else "ok"
        fails += bool(msgs)
        out.append("%-28s %-5s %s" % (it["id"], status, "; ".join(msgs)))
    out.append("items: %d  failures: %d" % (len(items), fails))
    print("\n".join(out))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
