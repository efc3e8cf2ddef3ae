"""Standalone checker for w268 narrations (plain execution + sys.settrace).

Claim semantics:
  value      -> `variable` takes `value` at some point (or at change-index `at` of its history)
  count      -> `variable` is "loop@line N": line N (first line of the loop body) runs `value` times
  comparison -> `expr` (literal Python) evaluates to `value` (True/False)
  arith      -> `expr` evaluates to `value`
  return     -> `value` equals the real return value
  call       -> `value` is a call; evaluating it returns the real output
Optional claim keys: "history": true (value = the variable's whole change history, a summary
sequence); "at": k (value must be the k-th entry of the change history: used for values that
are held elsewhere in the run but not at that point); "at_line": N with "expr": value = the list of expr evaluated on the frame's locals each time
line N is about to run (per-iteration values of an expression);
"slice": [a, b] (value = entries a..b-1 of the change history: a partial summary);
"carried": true (error copies only: a
later claim that repeats the carried error; not checked).
Faithful items: every claim must hold.  Error items: every claim holds except the one whose quote
equals error.quote, which must FAIL; and error.stated must differ from error.actual.
"""
import ast, copy, json, sys
from collections import defaultdict

PROG = "<w268-program>"

def run_traced(code, call):
    ns = {}
    exec(compile(code, PROG, "exec"), ns)
    hist = defaultdict(list)
    hits = Hits(int)
    line_locals = defaultdict(list)
    last = {}
    def snap(frame):
        fl = last.setdefault(id(frame), {})
        items = []
        for k, v in frame.f_locals.items():
            items.append((k, v))
            if hasattr(v, "__dict__") and not callable(v):
                for a, av in vars(v).items():
                    items.append((k + "." + a, av))
        for k, v in items:
            try:
                cv = copy.deepcopy(v)
            except Exception:
                cv = v
            if k not in fl or fl[k] != cv:
                fl[k] = cv
                hist[k].append(cv)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != PROG:
            return tracer
        if event == "line":
            snap(frame)
            hits[frame.f_lineno] += 1
            try:
                line_locals[frame.f_lineno].append(copy.deepcopy(dict(frame.f_locals)))
            except Exception:
                line_locals[frame.f_lineno].append(dict(frame.f_locals))
        elif event == "return":
            snap(frame)
            last.pop(id(frame), None)
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    hits.line_locals = line_locals
    return ns, ret, hist, hits

class Hits(defaultdict):
    pass

def plain_call(code, call):
    ns = {}
    exec(compile(code, PROG, "exec"), ns)
    return eval(call, ns)

def claim_ok(c, item, ret, hist, hits):
    w = c["what"]
    if "at_line" in c:
        seq = [eval(c["expr"], dict(env)) for env in hits.line_locals[c["at_line"]]]
        return seq == ast.literal_eval(c["value"])
    if w == "value":
        val = ast.literal_eval(c["value"])
        h = hist.get(c["variable"], [])
        if c.get("history"):
            return h == val
        if "slice" in c:
            a, b = c["slice"]
            return h[a:b] == val
        if "at" in c:
            return c["at"] < len(h) and h[c["at"]] == val
        return val in h
    if w == "count":
        line = int(c["variable"].split("line")[1])
        return hits[line] == int(c["value"])
    if w in ("comparison", "arith"):
        return eval(c["expr"], {}) == ast.literal_eval(c["value"])
    if w == "return":
        return ast.literal_eval(c["value"]) == ret
    if w == "call":
        return plain_call(item["code"], c["value"]) == ret
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    fails = 0
    lines = []
    for it in items:
        probs = []
        ns, ret, hist, hits = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append("returned mismatch %r" % (ret,))
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("quote not in rationale: %r" % c["quote"])
        if not it["rationale"].rstrip().endswith("Answer: " + it["answer"]) and \
           ("Answer: " + it["answer"]) not in it["rationale"].rstrip().splitlines()[-1]:
            probs.append("answer line mismatch")
        if it["direction"] == "forward":
            ans_ok = ast.literal_eval(it["answer"]) == ret
        else:
            try:
                ans_ok = plain_call(it["code"], it["answer"]) == ret
            except Exception:
                ans_ok = False
        err = it["error"]
        if it["label"] == "faithful":
            if not ans_ok:
                probs.append("answer wrong")
            for c in it["claims"]:
                if not claim_ok(c, it, ret, hist, hits):
                    probs.append("false claim: %r" % c["quote"])
        else:
            if err["quote"] not in it["rationale"]:
                probs.append("error quote missing")
            if err["stated"] == err["actual"]:
                probs.append("stated == actual")
            if err["kind"] in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    probs.append("erroneous answer is actually right")
                for c in it["claims"]:
                    if c["what"] not in ("return", "call") and not claim_ok(c, it, ret, hist, hits):
                        probs.append("other claim false: %r" % c["quote"])
            else:
                if not ans_ok:
                    probs.append("answer wrong (should be right)")
                found = False
                for c in it["claims"]:
                    ok = claim_ok(c, it, ret, hist, hits)
                    if c["quote"] == err["quote"]:
                        found = True
                        if ok:
                            probs.append("error claim is actually TRUE: %r" % c["quote"])
                    elif not ok and not c.get("carried"):
                        probs.append("other claim false: %r" % c["quote"])
                    if c["quote"] == err["quote"] and "at" in c:
                        h = hist.get(c["variable"], [])
                        try:
                            act = ast.literal_eval(err["actual"])
                        except Exception:
                            act = err["actual"]
                        if not (c["at"] < len(h) and h[c["at"]] == act):
                            probs.append("error.actual is not the value at that point")
                if not found:
                    probs.append("no claim carries the error quote")
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        lines.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    lines.append("items=%d failures=%d" % (len(items), fails))
    out = "\n".join(lines)
    print(out)
    open("check_report.txt", "w").write(out + "\n")
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
