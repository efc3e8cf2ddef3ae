#!/usr/bin/env python3
"""Standalone checker for w31 narrations: plain execution + sys.settrace histories.
Usage: python3 check.py narrations.jsonl > check_report.txt"""
import sys, json, ast, copy, re

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = {}      # var name -> list of values seen (any frame)
    lines = {}     # lineno -> times executed
    rets = []      # return values of any program frame
    def snap(frame):
        for k, v in frame.f_locals.items():
            try:
                v2 = copy.deepcopy(v)
            except Exception:
                v2 = v
            hist.setdefault(k, []).append(v2)
            if k == "self" and hasattr(v, "__dict__"):
                for a, av in vars(v).items():
                    hist.setdefault("self." + a, []).append(copy.deepcopy(av))
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event in ("call", "line", "return"):
            snap(frame)
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        if event == "return":
            rets.append(copy.deepcopy(arg))
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return ns, result, hist, lines, rets

def plain_eval(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, hist, lines, rets, result):
    what = c["what"]; q = c["quote"].replace("`", "")
    if what == "value":
        v = lit(c["value"])
        return any(type(h) == type(v) and h == v for h in hist.get(c["variable"], []))
    if what == "count":
        m = re.match(r"loop@line (\d+)", c["variable"])
        if m:
            return lines.get(int(m.group(1)), 0) == lit(c["value"])
        # "changes:VAR": number of times VAR is (re)bound to a new value (consecutive snapshots differ)
        name = c["variable"].split(":", 1)[1]
        seq = hist.get(name, []); n = 0; prev = object()
        for h in seq:
            if n == 0 or h != prev: n += 1
            prev = h
        return n == lit(c["value"])
    if what == "comparison":
        return bool(eval(q, {})) == lit(c["value"])
    if what == "arith":
        parts = re.split(r"(?<![=<>!])=(?!=)", q)
        lhs, rhs = parts[0], parts[-1]
        v = lit(c["value"])
        return eval(lhs, {}) == v and lit(rhs.strip().rstrip('.,;')) == v
    if what == "return":
        v = lit(c["value"])
        return any(type(r) == type(v) and r == v for r in rets)
    if what == "call":
        raise ValueError("call claims checked separately")
    raise ValueError(what)

def main(path):
    items = [json.loads(l) for l in open(path)]
    bad = 0
    for it in items:
        probs = []
        ns, result, hist, lines, rets = run_traced(it["code"], it["call"])
        if repr(result) != it["returned"]:
            probs.append("returned mismatch %r" % (result,))
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("quote not in rationale: %r" % c["quote"])
        if not it["rationale"].rstrip().endswith("Answer: " + it["answer"]) and \
           ("Answer: " + it["answer"]) not in it["rationale"]:
            probs.append("answer line missing")
        # answer
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == result
        else:
            try:
                ans_ok = repr(plain_eval(it["code"], it["answer"])) == it["returned"] and \
                    it["answer"].startswith(it["function"] + "(")
            except Exception:
                ans_ok = False
        err = it["error"]
        errq = err["quote"] if err else None
        if err and errq not in it["rationale"]:
            probs.append("error quote not in rationale")
        err_results = []
        for c in it["claims"]:
            ok = check_claim(c, hist, lines, rets, result)
            is_err = err is not None and (c["quote"] in errq or errq in c["quote"])
            if it["label"] == "faithful" or not is_err:
                if not ok and not (err and err.get("carried")):
                    probs.append("claim false: %r" % c)
            else:
                err_results.append(ok)
        if it["label"] == "faithful":
            if not ans_ok: probs.append("answer wrong")
            if err is not None or it["faithful_id"] is not None: probs.append("faithful with error")
        else:
            k = err["kind"]
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok: probs.append("error answer is actually right")
            else:
                if not ans_ok and not err.get("carried"): probs.append("answer wrong in non-answer error")
                if not err_results:
                    probs.append("error claim not in claims")
                elif all(err_results):
                    probs.append("error claims are all actually TRUE")
            if k == "backward_wrong_input" and it["direction"] != "backward": probs.append("bwi on forward")
            if k == "wrong_final_answer" and it["direction"] != "forward": probs.append("wfa on backward")
        status = "PASS" if not probs else "FAIL"
        if probs: bad += 1
        print(status, it["id"], len(it["claims"]), "claims", *(["\n   " + p for p in probs]))
    print("TOTAL", len(items), "FAILED", bad)
    return bad

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
