"""Standalone checker for w213 narrations: re-executes each program under sys.settrace."""
import ast, copy, json, sys

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = {}     # var name -> list of values (consecutive duplicates collapsed), per run, all frames
    lines = {}    # line_no -> executions
    def snap(frame):
        if frame.f_code.co_filename != "<prog>":
            return
        for k, v in frame.f_locals.items():
            if k == "self":
                for ak, av in vars(v).items():
                    rec("self." + ak, av)
            else:
                rec(k, v)
    def rec(k, v):
        try:
            v = copy.deepcopy(v)
        except Exception:
            return
        h = hist.setdefault(k, [])
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        snap(frame)
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines, ns

def lit(s):
    return ast.literal_eval(s)

def check_item(it, progs):
    errs = []
    r = it["rationale"]
    ret, hist, lines, ns = run_traced(it["code"], it["call"])
    if repr(ret) != it["returned"]:
        errs.append("returned mismatch %r vs %s" % (ret, it["returned"]))
    last = r.rstrip().splitlines()[-1]
    if not last.startswith("Answer:") and "Answer:" not in last:
        errs.append("no Answer line")
    if it["answer"] not in last:
        errs.append("answer not in last line")
    err = it["error"]
    errquote = err["quote"] if err else None
    for c in it["claims"]:
        if c["quote"] not in r:
            errs.append("claim quote not in rationale: %r" % c["quote"])
        if err and errquote in c["quote"] or (err and c["quote"] in errquote):
            continue  # the erroneous claim is checked through the error spec
        w, v = c["what"], c["value"]
        try:
            if w == "value":
                val = lit(v)
                if val not in hist.get(c["variable"], []):
                    errs.append("value claim false: %s=%s" % (c["variable"], v))
            elif w == "sequence":
                h = hist.get(c["variable"], []); pos = 0
                for x in lit(v):
                    while pos < len(h) and h[pos] != x: pos += 1
                    if pos == len(h): errs.append("sequence claim false: %s=%s" % (c["variable"], v)); break
            elif w == "count":
                n = lines.get(c["line"], 0) if "line" in c else len(hist.get(c["var_values"], []))
                if n != lit(v):
                    errs.append("count claim false: %s=%s (real %s)" % (c["variable"], v, n))
            elif w in ("arith", "comparison"):
                expr = (c.get("expr") or c["quote"].split("=")[0].strip().strip("`(")) if w == "arith" else c["expr"]
                got = eval(expr, {})
                if got != lit(v):
                    errs.append("%s claim false: %s -> %r not %s" % (w, expr, got, v))
            elif w == "return":
                if lit(v) != ret:
                    errs.append("return claim false: %s" % v)
            elif w == "call":
                if eval(v, ns) != ret:
                    errs.append("call claim false: %s" % v)
        except Exception as e:
            errs.append("claim error %r: %s" % (c, e))
    # final answer
    if it["label"] == "faithful" or err["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
        if it["direction"] == "forward":
            if lit(it["answer"]) != ret:
                errs.append("forward answer wrong")
        else:
            if eval(it["answer"], ns) != ret:
                errs.append("backward answer does not reproduce output")
    if err:
        if err["quote"] not in r:
            errs.append("error quote not in rationale")
        if err["stated"] not in err["quote"]:
            errs.append("stated not in error quote")
        sp = err["check"]
        t = sp["type"]
        st = sp.get("stated_value")
        if sp.get("stated_is_literal"):
            st = lit(st)
        if t == "hist":
            actual = hist[sp["var"]][sp["index"]]
            if actual == st or actual != lit(err["actual"]):
                errs.append("hist spec: actual %r stated %r" % (actual, st))
        elif t == "count":
            n = lines.get(sp["line"], 0) if "line" in sp else len(hist.get(sp["var_values"], []))
            if n == st or n != lit(err["actual"]):
                errs.append("count spec: real %r stated %r" % (n, st))
        elif t in ("arith", "cmp"):
            got = eval(sp["expr"], {})
            if got == st or got != lit(err["actual"]):
                errs.append("%s spec: real %r stated %r" % (t, got, st))
        elif t == "never":
            if any(st in h for k, h in hist.items() if k == sp["var"]):
                errs.append("never spec: value does occur")
        elif t == "answer":
            if it["direction"] == "forward":
                if lit(it["answer"]) == ret:
                    errs.append("wrong_final_answer answer is right")
            else:
                if eval(it["answer"], ns) == ret:
                    errs.append("backward_wrong_input answer reproduces output")
        else:
            errs.append("unknown spec")
        if err.get("held_elsewhere"):
            if not any(st in h for h in hist.values()):
                errs.append("held_elsewhere but stated value never held")
        # faithful copy must differ from this one
        f = progs.get(it["faithful_id"])
        if f is None:
            errs.append("faithful missing")
        elif f["rationale"] == r:
            errs.append("identical to faithful")
    return errs

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")]
    byid = {i["id"]: i for i in items}
    bad = 0
    out = []
    for it in items:
        e = check_item(it, byid)
        out.append("%s %s %s" % ("PASS" if not e else "FAIL", it["id"], "; ".join(e)))
        bad += bool(e)
    out.append("items=%d faithful=%d error=%d failures=%d" % (len(items), sum(i["label"] == "faithful" for i in items), sum(i["label"] == "error" for i in items), bad))
    print("\n".join(out))
    sys.exit(1 if bad else 0)

if __name__ == "__main__":
    main()
