"""Standalone checker for w191 narrations: re-executes each program with sys.settrace,
records per-variable value histories and line execution counts, and checks every claim."""
import ast, copy, json, sys

def execute(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist, last, lines = {}, {}, {}
    def snap(frame):
        for k, v in list(frame.f_locals.items()):
            items = [(k, (id(frame), k), v)]
            if k == "self" and hasattr(v, "__dict__"):
                items = [("self." + a, ("self", id(v), a), b) for a, b in vars(v).items()]
            for name, key, val in items:
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    continue
                if key in last and last[key] == val and type(last[key]) == type(val):
                    continue
                last[key] = val
                hist.setdefault(name, []).append(val)
    def local(frame, event, arg):
        if event == "line":
            snap(frame)
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        elif event == "return":
            snap(frame)
        return local
    def glob(frame, event, arg):
        if frame.f_code.co_filename == "<prog>":
            snap(frame)
            return local
        return None
    sys.settrace(glob)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines, g

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, run, item):
    """Return (ok, why)."""
    ret, hist, lines, g = run
    what = c["what"]
    if what == "value":
        v = lit(c["value"]); h = hist.get(c["variable"])
        if h is None:
            return False, "no variable %s" % c["variable"]
        if "stride" in c:
            h = h[c.get("start", 0)::c["stride"]]
        if c.get("seq"):
            n = len(v)
            return any(h[i:i + n] == v for i in range(len(h) - n + 1)), "history %r" % (h,)
        if "at" in c:
            return (c["at"] < len(h) and h[c["at"]] == v), "history[%s]=%r" % (c["at"], h[c["at"]] if c["at"] < len(h) else None)
        return v in h, "history %r" % (h[:12],)
    if what == "count":
        n = int(c["variable"].split("@line")[1]) if "@line" in c["variable"] else int(c["line"])
        return lines.get(n, 0) == lit(c["value"]), "line %d ran %d" % (n, lines.get(n, 0))
    if what in ("arith", "comparison"):
        expr = c.get("expr") or c["quote"].replace("`", "").rsplit("=", 1)[0]
        got = eval(expr, dict(g))
        return got == lit(c["value"]), "%s -> %r" % (expr, got)
    if what == "return":
        return lit(c["value"]) == ret, "returned %r" % (ret,)
    if what == "call":
        got = eval(c["value"], dict(g))
        return got == lit(item["returned"]), "call gives %r" % (got,)
    return False, "unknown what"

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    out, bad = [], 0
    runs = {}
    for it in items:
        key = it["program_id"]
        if key not in runs:
            runs[key] = execute(it["code"], it["call"])
        run = runs[key]
        ret = run[0]
        probs = []
        if repr(ret) != it["returned"]:
            probs.append("returned mismatch %r" % (ret,))
        if not it["rationale"].rstrip().endswith("Answer: " + it["answer"]) and ("Answer: " + it["answer"]) not in it["rationale"].splitlines()[-1] + "":
            probs.append("answer line mismatch")
        err = it["error"]
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("quote not in rationale: %r" % c["quote"])
                continue
            ok, why = check_claim(c, run, it)
            is_err = err is not None and c["quote"] == err["quote"]
            if is_err:
                if ok:
                    probs.append("error claim is TRUE: %r (%s)" % (c["quote"], why))
                if err.get("held_elsewhere"):
                    try:
                        v = lit(err["stated"])
                    except Exception:
                        v = lit(c["value"])
                    h = run[1].get(c.get("variable") or "", [])
                    if v not in h:
                        probs.append("held_elsewhere but %r never held by %s" % (v, c.get("variable")))
            elif c.get("carried"):
                pass
            elif not ok:
                probs.append("claim false: %r (%s)" % (c["quote"], why))
        if err is not None and not any(c["quote"] == err["quote"] for c in it["claims"]):
            probs.append("error quote has no claim")
        if err is not None and err["quote"] not in it["rationale"]:
            probs.append("error quote missing")
        # answer check
        g = run[3]
        if it["direction"] == "forward":
            a_ok = lit(it["answer"]) == ret
        else:
            a_ok = eval(it["answer"], dict(g)) == lit(it["returned"])
        want = not (err and err["kind"] in ("wrong_final_answer", "backward_wrong_input"))
        if a_ok != want:
            probs.append("answer check %s, expected %s" % (a_ok, want))
        status = "PASS" if not probs else "FAIL"
        bad += bool(probs)
        out.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    out.append("TOTAL %d items, %d failing" % (len(items), bad))
    return "\n".join(out), bad

if __name__ == "__main__":
    text, bad = main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")
    print(text)
    sys.exit(1 if bad else 0)
