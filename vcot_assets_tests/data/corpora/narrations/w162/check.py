#!/usr/bin/env python3
"""Standalone checker for w162 narrations: runs each program with sys.settrace, records
per-variable value histories (locals and self.<attr>), loop-line hit counts, and checks claims.
Usage: python3 check.py narrations.jsonl > check_report.txt"""
import ast, copy, json, sys

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist, hits, snaps = {}, {}, {}
    def push(name, v):
        h = hist.setdefault(name, [])
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(snap(v))
    def rec(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in getattr(v, "__dict__", {}).items():
                    push("self." + a, av)
            elif not callable(v):
                push(k, v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
            snaps.setdefault(frame.f_lineno, []).append({k: snap(v) for k, v in frame.f_locals.items() if not callable(v) and k != "self"})
        rec(frame)
        if event == "return":
            push("<return:%s>" % frame.f_code.co_name, arg)
        return tr
    sys.settrace(tr)
    try:
        res = eval(call, g)
    finally:
        sys.settrace(None)
    hist["<snaps>"] = snaps
    return res, hist, hits

def lit(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return s

def arith_expr(c):
    if "expr" in c:
        return c["expr"]
    q = c["quote"]
    return q.rsplit("=", 1)[0].strip().rstrip("=").strip()

def claim_true(c, res, hist, hits):
    w, val = c["what"], lit(c["value"])
    if w == "value":
        h = hist.get(c["variable"], [])
        if c.get("seq"):
            n = len(val)
            return any(h[i:i + n] == val for i in range(len(h) - n + 1))
        if "at_line" in c:
            s = hist["<snaps>"].get(c["at_line"], [])
            return c["iter"] < len(s) and s[c["iter"]].get(c["variable"]) == val
        if "step" in c:
            return c["step"] < len(h) and h[c["step"]] == val
        return any(x == val and type(x) == type(val) or (x == val and isinstance(x, (int, float)) and not isinstance(x, bool)) for x in h)
    if w == "count":
        return hits.get(c["line"], 0) == val
    if w in ("comparison",):
        return bool(eval(c["expr"])) == val
    if w == "arith":
        return eval(arith_expr(c)) == val
    if w == "return":
        return res == val
    if w == "call":
        return True
    raise ValueError(w)

def check_item(it):
    probs = []
    res, hist, hits = run(it["code"], it["call"])
    if repr(res) != it["returned"]:
        probs.append("returned mismatch %r vs %s" % (res, it["returned"]))
    text = it["rationale"]
    last = text.strip().splitlines()[-1]
    if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
        probs.append("answer line mismatch: %r" % last)
    err = it["error"]
    for c in it["claims"]:
        if c["quote"] not in text:
            probs.append("quote not in text: %r" % c["quote"])
        is_err = err is not None and c.get("is_error")
        ok = claim_true(c, res, hist, hits)
        if is_err and ok:
            probs.append("error claim is actually TRUE: %r" % c["quote"])
        if not is_err and not ok:
            probs.append("claim FALSE: %r (%s=%s)" % (c["quote"], c["variable"], c["value"]))
    g = {}
    exec(it["code"], g)
    if it["direction"] == "forward":
        if err is None or err["kind"] != "wrong_final_answer":
            if lit(it["answer"]) != res:
                probs.append("forward answer wrong")
        else:
            if lit(it["answer"]) == res:
                probs.append("wrong_final_answer is right")
    else:
        got = eval(it["answer"], g)
        if err is None or err["kind"] != "backward_wrong_input":
            if got != res:
                probs.append("backward answer does not reproduce output")
        else:
            if got == res:
                probs.append("backward_wrong_input actually reproduces output")
    if err is not None:
        if err["quote"] not in text:
            probs.append("error quote not in text")
        if err["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
            if not any(c.get("is_error") for c in it["claims"]):
                probs.append("no error claim")
        if err["kind"] == "impossible_state":
            for c in it["claims"]:
                if c.get("is_error") and lit(c["value"]) in hist.get(c["variable"], []):
                    probs.append("impossible_state value occurs in run")
        if err.get("held_elsewhere"):
            # stated value must occur somewhere in the run (another moment / another variable)
            sv = lit(err.get("held_value", err["stated"]))
            if not any(sv in h for k, h in hist.items() if k != "<snaps>") and sv not in hits.values():
                probs.append("held_elsewhere value never occurs")
    return probs

def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
    items = [json.loads(l) for l in open(path) if l.strip()]
    bad = 0
    for it in items:
        p = check_item(it)
        print("%-32s %s" % (it["id"], "PASS" if not p else "FAIL " + "; ".join(p)))
        bad += bool(p)
    print("\n%d items, %d pass, %d fail" % (len(items), len(items) - bad, bad))
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
