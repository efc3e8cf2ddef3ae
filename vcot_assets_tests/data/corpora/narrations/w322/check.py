#!/usr/bin/env python3
"""Standalone checker for w322 narrations: re-executes each program with sys.settrace,
records per-variable value histories and line hit counts, and checks every claim."""
import ast, copy, json, sys
from collections import defaultdict

def lit(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return s

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = defaultdict(list)      # var -> list of distinct successive values
    last = {}                     # (frame id, var) -> last value
    lines = defaultdict(int)      # lineno -> hits
    def snap(frame):
        fid = id(frame)
        items = dict(frame.f_locals)
        if "self" in items and hasattr(items["self"], "__dict__"):
            for k, v in vars(items["self"]).items():
                items["self." + k] = v
        for k, v in items.items():
            if k == "self":
                continue
            try:
                v2 = copy.deepcopy(v)
            except Exception:
                v2 = repr(v)
            key = (fid, k)
            if key not in last or last[key] != v2:
                last[key] = v2
                hist[k].append(v2)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        snap(frame)
        if event == "line":
            lines[frame.f_lineno] += 1
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines, ns

def claim_true(c, ret, hist, lines, ns):
    what, val = c["what"], lit(c["value"])
    var = c.get("variable")
    if what == "value":
        if var is None:
            return any(val in h for h in hist.values()) or val == ret
        h = hist.get(var, [])
        if "seq_from" in c:
            k = c["seq_from"]
            return h[k:k + len(val)] == list(val)
        if "at" in c:
            return c["at"] < len(h) and h[c["at"]] == val
        return val in h
    if what == "count":
        if var and var.startswith("loop@line"):
            return lines[int(var.split()[-1])] == val
        return len(hist.get(var, [])) == val
    if what in ("comparison", "arith"):
        return eval(c["expr"], dict(ns)) == val
    if what == "return":
        return val == ret
    if what == "call":
        return eval(c["expr"], dict(ns)) == val
    raise ValueError(what)

def main(path):
    out = []
    bad = 0
    items = [json.loads(l) for l in open(path) if l.strip()]
    for it in items:
        probs = []
        ret, hist, lines, ns = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append("returned mismatch %r" % (ret,))
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("quote not in rationale: %r" % c["quote"])
        if not it["rationale"].rstrip().endswith("Answer: " + it["answer"]) and "Answer: " + it["answer"] not in it["rationale"].splitlines()[-1]:
            probs.append("answer line mismatch")
        err = it.get("error")
        errq = err["quote"] if err else None
        for c in it["claims"]:
            ok = claim_true(c, ret, hist, lines, ns)
            if err and c["quote"] == errq and err["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                if ok:
                    probs.append("error claim is actually true: %r" % c["quote"])
                if err.get("held_elsewhere"):
                    v = lit(c["value"])
                    if "seq_from" in c:
                        held = all(any(x in h for h in hist.values()) for x in v)
                    elif c["what"] == "count":
                        held = True  # count held elsewhere = an iteration count of a neighbour pass
                    else:
                        held = any(v in h for h in hist.values()) or v == ret
                    if not held:
                        probs.append("held_elsewhere but value never held: %r" % c["quote"])
            elif not ok:
                probs.append("claim false: %r" % c["quote"])
        if err:
            if err["quote"] not in it["rationale"]:
                probs.append("error quote missing")
            if err["kind"] not in ("wrong_final_answer", "backward_wrong_input") and not any(c["quote"] == errq for c in it["claims"]):
                probs.append("error quote not among claims")
        # answers
        if it["direction"] == "forward":
            good = lit(it["answer"]) == ret
        else:
            ns2 = {}
            exec(it["code"], ns2)
            good = eval(it["answer"], ns2) == ret
        if it["label"] == "faithful" and not good:
            probs.append("answer wrong in faithful item")
        if err and err["kind"] in ("wrong_final_answer", "backward_wrong_input") and good:
            probs.append("answer error kind but answer is right")
        if err and err["kind"] not in ("wrong_final_answer", "backward_wrong_input") and not good:
            probs.append("answer wrong in a non-answer error copy")
        status = "PASS" if not probs else "FAIL"
        bad += bool(probs)
        out.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    out.append("items: %d, failing: %d" % (len(items), bad))
    return out, bad

if __name__ == "__main__":
    lines_out, bad = main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")
    print("\n".join(lines_out))
    sys.exit(1 if bad else 0)
