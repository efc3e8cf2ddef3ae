#!/usr/bin/env python3
"""Standalone checker for w42 narrations (plain exec + sys.settrace; no tool code)."""
import sys, json, copy, ast, re

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = {}          # var -> list of values (all frames)
    lines = {}         # lineno -> hit count
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
            elif not callable(v):
                rec(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        snap(frame)
        if event == "return":
            rec("<return:%s>" % frame.f_code.co_name, arg)
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return ns, result, hist, lines

def lit(s):
    return ast.literal_eval(s)

def clean(q):
    m = re.search(r"`([^`]*)`", q)
    if m:
        q = m.group(1)
    return q.strip()

def claim_true(c, ns, result, hist, lines):
    what = c["what"]; val = lit(c["value"])
    if what == "value" and c.get("seq"):
        h = hist.get(c["variable"], []); n = len(val)
        return any(h[i:i + n] == list(val) for i in range(len(h) - n + 1))
    if what == "value":
        return c["variable"] in hist and any(v == val and type(v) == type(val) or v == val for v in hist[c["variable"]])
    if what == "count":
        m = re.search(r"line (\d+)", c["variable"] or "")
        body = c.get("body_line") or (int(m.group(1)) + 1)
        return lines.get(body, 0) == val
    if what in ("arith", "comparison", "call"):
        if what == "arith":
            expr = c.get("expr") or clean(c["quote"]).split("=")[-2]
        else:
            expr = c.get("expr") or clean(c["quote"])
        toks = expr.split()
        for i in range(len(toks)):
            try:
                got = eval(" ".join(toks[i:]), dict(ns))
                break
            except Exception:
                if i == len(toks) - 1:
                    raise
        return got == val
    if what == "return":
        return result == val
    raise ValueError(what)

def main(path, report):
    items = [json.loads(l) for l in open(path) if l.strip()]
    byid = {it["id"]: it for it in items}
    out = []; bad = 0
    for it in items:
        probs = []
        ns, result, hist, lines = run_traced(it["code"], it["call"])
        if repr(result) != it["returned"]:
            probs.append("returned mismatch %r vs %s" % (result, it["returned"]))
        last = it["rationale"].rstrip().splitlines()[-1]
        if not last.startswith("Answer:") and not last.startswith("Predicted Output:"):
            probs.append("last line not Answer")
        if it["answer"] not in last:
            probs.append("answer not in last line")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("quote missing: %r" % c["quote"])
        err = it.get("error")
        errq = err["quote"] if err else None
        if err and errq not in it["rationale"]:
            probs.append("error quote missing")
        # answer check
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == result
        else:
            ans_ok = repr(eval(it["answer"], dict(ns))) == it["returned"]
        ans_should = not (err and err["kind"] in ("wrong_final_answer", "backward_wrong_input"))
        if err and err.get("carried"):
            ans_should = it["answer"] == byid[it["faithful_id"]]["answer"]
        if ans_ok != ans_should:
            probs.append("answer check %s, expected %s" % (ans_ok, ans_should))
        for c in it["claims"]:
            try:
                ok = claim_true(c, ns, result, hist, lines)
            except Exception as e:
                ok = None; probs.append("claim error %r: %s" % (c["quote"], e))
            is_err = err is not None and (c["quote"] == errq or c.get("erroneous"))
            if is_err and ok:
                probs.append("error claim is actually TRUE: %r" % c["quote"])
            if not is_err and ok is False:
                probs.append("claim false: %r (%s=%s)" % (c["quote"], c["variable"], c["value"]))
        if err:
            if err["kind"] not in ("wrong_final_answer", "backward_wrong_input") and not any(c["quote"] == errq for c in it["claims"]):
                probs.append("no claim for error quote")
            f = byid.get(it["faithful_id"])
            if f is None:
                probs.append("faithful missing")
        status = "PASS" if not probs else "FAIL"
        if probs: bad += 1
        out.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    out.append("TOTAL %d items, %d failing" % (len(items), bad))
    open(report, "w").write("\n".join(out) + "\n")
    print("\n".join(l for l in out if not l.startswith("PASS")))
    return bad

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl",
                       sys.argv[2] if len(sys.argv) > 2 else "check_report.txt") else 0)
