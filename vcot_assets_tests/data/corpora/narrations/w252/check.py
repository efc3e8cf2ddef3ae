"""Standalone checker for w252 narrations: runs each program with sys.settrace, records the
value history of every local (and self.<attr>) plus line hit counts, and checks claims/errors."""
import ast, copy, json, sys

def run(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist, lines = {}, {}
    def note(name, val):
        try:
            val = copy.deepcopy(val)
        except Exception:
            return
        h = hist.setdefault(name, [])
        if not h or h[-1] != val or type(h[-1]) != type(val):
            h.append(val)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    note("self." + a, av)
            elif not callable(v):
                note(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        snap(frame)
        if event == "return":
            note("<return>", arg)
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return result, hist, lines, ns

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, res, hist, lines, ns, item):
    w, val = c["what"], lit(c["value"])
    if w in ("value", "count") and c.get("expr"):
        # a value pinned to one moment of the run (k-th entry of a history, one iteration)
        return eval(c["expr"], {"hist": hist, "lines": lines, "res": res}) == val
    if w == "value":
        return val in hist.get(c["variable"], [])
    if w == "count":
        if "@line" in c["variable"]:
            n = int(c["variable"].split("@line")[1])
            return lines.get(n, 0) == val
        return len(hist.get(c["variable"], [])) == val
    if w in ("comparison", "arith"):
        return eval(c.get("expr", c["quote"]), dict(ns)) == val
    if w == "return":
        return res == val
    if w == "call":
        return eval(c.get("expr", c["quote"]), dict(ns)) == val
    return False

def check_error(e, res, hist, lines, ns, item):
    ck = e["check"]; t = ck["type"]
    stated = e["stated"] if t == "bwd" else lit(e["stated"])
    if t == "hist":
        h = hist[ck["var"]]
        actual = h[ck["index"]]
        ok = stated != actual and actual == lit(e["actual"])
        if e.get("held_elsewhere"):
            ok = ok and stated in h
        return ok
    if t == "arith":
        actual = eval(ck["expr"], dict(ns))
        ok = actual != stated and actual == lit(e["actual"])
        if e.get("held_elsewhere"):
            ok = ok and any(stated in v for v in hist.values())
        return ok
    if t == "count":
        actual = lines.get(ck["line"], 0)
        ok = actual != stated and actual == lit(e["actual"])
        if e.get("held_elsewhere"):
            ok = ok and any(stated in v for v in hist.values() if all(isinstance(x, int) for x in v))
        return ok
    if t == "cmp":
        return eval(ck["expr"], dict(ns)) != stated
    if t == "never":
        return all(stated not in v for k, v in hist.items() if k == ck["var"])
    if t == "py":
        env = {"hist": hist, "lines": lines, "res": res}
        actual = eval(ck["actual_expr"], env)
        ok = actual != stated and actual == lit(e["actual"])
        if e.get("held_elsewhere"):
            ok = ok and eval(ck["held_expr"], env)
        return ok
    if t == "answer":
        return stated != res
    if t == "bwd":
        return eval(item["answer"], dict(ns)) != res
    return False

def main():
    items = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
    fails = 0
    for it in items:
        problems = []
        res, hist, lines, ns = run(it["code"], it["call"])
        if repr(res) != it["returned"]:
            problems.append("returned mismatch")
        rat = it["rationale"]
        last = rat.strip().splitlines()[-1]
        if it["answer"] not in last:
            problems.append("answer not in last line")
        for c in it["claims"]:
            if c["quote"] not in rat:
                problems.append("quote missing: " + c["quote"])
        if it["label"] == "faithful":
            for c in it["claims"]:
                if not check_claim(c, res, hist, lines, ns, it):
                    problems.append("false claim: %r" % c)
            if it["direction"] == "forward":
                if lit(it["answer"]) != res:
                    problems.append("forward answer wrong")
            else:
                if eval(it["answer"], dict(ns)) != res:
                    problems.append("backward answer does not return output")
        else:
            e = it["error"]
            if e["quote"] not in rat:
                problems.append("error quote missing")
            if not check_error(e, res, hist, lines, ns, it):
                problems.append("error not confirmed false: %r" % e)
            wrong = [c for c in it["claims"] if not check_claim(c, res, hist, lines, ns, it)]
            if e["check"]["type"] not in ("answer", "bwd") and not wrong and not e.get("carried"):
                problems.append("no false claim recorded for error")
            if e["check"]["type"] in ("answer",) and lit(it["answer"]) == res:
                problems.append("answer not wrong")
            if e["kind"] != "wrong_final_answer" and e["kind"] != "backward_wrong_input":
                if it["direction"] == "forward" and lit(it["answer"]) != res and not e.get("carried"):
                    problems.append("final answer should stay right")
        status = "OK  " if not problems else "FAIL"
        fails += bool(problems)
        print(status, it["id"], it.get("error", {}) and it["error"]["kind"] if it["label"] == "error" else "faithful")
        for p in problems:
            print("     ", p)
    print("\n%d items, %d failing" % (len(items), fails))
    return 1 if fails else 0

if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[2] == "--dump":
        sys.path.insert(0, "tmp"); from progs import P
        for k in sys.argv[3:]:
            fn, code, call = P[int(k)]
            res, hist, lines, ns = run(code, call)
            print("==", k, call, "->", res); print(" lines", lines)
            for n, h in hist.items(): print("  ", n, h)
        sys.exit(0)
    sys.exit(main())
