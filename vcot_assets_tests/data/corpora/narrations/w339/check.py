"""Standalone checker for w339 narrations: runs each call under sys.settrace, records per-variable
value histories (locals of program frames, plus self.<attr>), line-hit counts and return values,
then checks every claim of faithful items and confirms each error copy's error is false at its point."""
import ast, copy, json, sys
from collections import defaultdict

HERE = __file__.rsplit("/", 1)[0] if "/" in __file__ else "."


def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)


class Run:
    def __init__(self, code, call):
        self.hist = defaultdict(list)    # name -> list of distinct successive values
        self.lines = defaultdict(int)    # lineno -> hits
        self.returns = defaultdict(list) # func name -> returned values
        self.calls = defaultdict(int)
        self.seq = []                    # line numbers in execution order
        self.env = {}
        exec(compile(code, "<prog>", "exec"), self.env)
        sys.settrace(self.tracer)
        try:
            self.result = eval(call, self.env)
        finally:
            sys.settrace(None)

    def record(self, frame):
        loc = frame.f_locals
        for k, v in list(loc.items()):
            if k == "self":
                for a, av in vars(v).items():
                    self.push("self." + a, av)
            else:
                self.push(k, v)

    def push(self, k, v):
        h = self.hist[k]
        s = snap(v)
        if not h or h[-1] != s or type(h[-1]) != type(s):
            h.append(s)

    def tracer(self, frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "call":
            self.calls[frame.f_code.co_name] += 1
            self.record(frame)
        elif event == "line":
            self.record(frame)
            self.lines[frame.f_lineno] += 1
            self.seq.append(frame.f_lineno)
        elif event == "return":
            self.record(frame)
            self.returns[frame.f_code.co_name].append(snap(arg))
        return self.tracer


def lit(s):
    return ast.literal_eval(s)


def count_of(run, spec):
    # spec: "loop@line N" -> executions of line N; "calls:f" -> number of calls of f
    spec = spec.strip()
    if spec.startswith("expr:"):
        return eval_expr(spec[5:])
    if spec.startswith("iter@line"):
        # a loop header that exits normally runs once more than its body
        return run.lines[int(spec.split("line")[-1])] - 1
    if spec.startswith("calls:"):
        return run.calls[spec[6:]]
    if " per line " in spec:
        # "loop@line N per line M #k": executions of line N inside the k-th pass of line M
        head, rest = spec.split(" per line ")
        n = int(head.split("line")[-1])
        m, k = rest.split("#")
        m, k = int(m), int(k)
        idx = [i for i, x in enumerate(run.seq) if x == m]
        lo = idx[k - 1]
        hi = idx[k] if k < len(idx) else len(run.seq)
        return run.seq[lo:hi].count(n)
    n = int(spec.split("line")[-1])
    return run.lines[n]


def eval_expr(e):
    return eval(e, {"__builtins__": {"len": len, "min": min, "max": max, "sum": sum, "abs": abs, "str": str, "int": int, "bool": bool, "ord": ord}})


def check_claim(run, item, c):
    w = c["what"]
    v = lit(c["value"])
    if w == "value":
        if c["variable"] is None:
            return any(v in h for h in run.hist.values()) or v == run.result
        return v in run.hist.get(c["variable"], [])
    if w == "count":
        return count_of(run, c["variable"]) == v
    if w in ("arith", "comparison"):
        e = c.get("expr") or c["quote"].split("=")[0]
        return eval_expr(e) == v
    if w == "return":
        if c["variable"] in (None, item["function"]):
            return v == run.result or v in run.returns.get(item["function"], [])
        return v in run.returns.get(c["variable"], [])
    if w == "call":
        env = dict(run.env)
        return eval(v, env) == run.result   # value is the call, written as a string literal
    return False


def check_error(run, item, code):
    e = item["error"]
    k = e["kind"]
    at = e.get("at")
    stated, actual = e["stated"], e["actual"]
    msgs = []
    ok = True
    if k == "wrong_final_answer":
        ok = lit(item["answer"]) != run.result and lit(actual) == run.result
    elif k == "backward_wrong_input":
        env = {}
        exec(compile(code, "<chk>", "exec"), env)
        got = eval(item["answer"], env)
        ok = got != run.result
        msgs.append("wrong call gives %r" % (got,))
    elif k in ("wrong_arithmetic", "branch_not_taken"):
        val = eval_expr(at["expr"])
        ok = val == lit(actual) and val != lit(stated)
    elif k == "off_by_one_loop_count":
        n = count_of(run, at["count"])
        ok = n == lit(actual) and abs(lit(stated) - n) == 1
    elif k == "swapped_variables":
        for a, sv, av in zip(at, e["stated_values"], e["actual_values"]):
            h = run.hist[a["variable"]]
            ok = ok and h[a["index"]] == lit(av) and lit(sv) != lit(av)
    else:  # value at a point of a variable's history
        h = run.hist[at["variable"]]
        ok = h[at["index"]] == lit(actual) and lit(stated) != lit(actual)
        if k == "impossible_state":
            ok = ok and lit(stated) not in h
    if e.get("held_elsewhere"):
        # the wrong value is one the program does hold somewhere, only not at this point
        held = any(lit(stated) in h for h in run.hist.values()) or any(lit(stated) in r for r in run.returns.values())
        if k in ("wrong_arithmetic",):
            held = held or lit(stated) in [x for h in run.hist.values() for x in h]
        ok = ok and held
    return ok, msgs


def overlaps(text, a, b):
    """True when some occurrence of quote b overlaps the (first) occurrence of error quote a."""
    s = text.find(a)
    e = s + len(a)
    i = text.find(b)
    while i != -1:
        if i < e and i + len(b) > s:
            return True
        i = text.find(b, i + 1)
    return False


def main():
    progs = {json.loads(l)["id"]: json.loads(l) for l in open(HERE + "/programs.jsonl") if l.strip()}
    items = [json.loads(l) for l in open(HERE + "/narrations.jsonl") if l.strip()]
    fails = 0
    out = []
    for it in items:
        p = progs[it["program_id"]]
        run = Run(p["code"], p["call"])
        probs = []
        if repr(run.result) != it["returned"] or p["returned"] != it["returned"]:
            probs.append("returned mismatch %r" % (run.result,))
        if it["trace_events"] != (len(p["events"]) if isinstance(p["events"], list) else p["events"]):
            probs.append("trace_events mismatch")
        if not it["rationale"].rstrip().endswith(it["answer"]) or "Answer:" not in it["rationale"].rsplit("\n", 1)[-1] and "Predicted Output:" not in it["rationale"].rsplit("\n", 1)[-1]:
            probs.append("answer not on last line")
        err_q = it["error"]["quote"] if it["error"] else None
        if err_q is not None and err_q not in it["rationale"]:
            probs.append("error quote not in rationale")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("quote missing: %r" % c["quote"])
                continue
            if err_q is not None and overlaps(it["rationale"], err_q, c["quote"]):
                continue
            if it["label"] == "error" and it["error"].get("carried") and c.get("carried"):
                continue
            if not check_claim(run, it, c):
                probs.append("false claim: %r = %r" % (c["quote"], c["value"]))
        if it["label"] == "faithful" or (it["error"]["kind"] not in ("wrong_final_answer", "backward_wrong_input") and not it["error"].get("carried")):
            if it["direction"] == "forward":
                if lit(it["answer"]) != run.result:
                    probs.append("forward answer wrong")
            else:
                got = eval(it["answer"], dict(run.env))
                if got != run.result:
                    probs.append("backward answer gives %r" % (got,))
        if it["label"] == "error":
            if not any(overlaps(it["rationale"], err_q, c["quote"]) for c in it["claims"]):
                probs.append("no claim carries the error")
            ok, msgs = check_error(run, it, p["code"])
            if not ok:
                probs.append("error not confirmed false: %s %s" % (it["error"]["kind"], msgs))
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        out.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    out.append("items: %d, failures: %d" % (len(items), fails))
    print("\n".join(out))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
