"""Standalone checker for w245 narrations: re-runs each program with sys.settrace and checks claims."""
import ast, json, re, sys, collections

def run(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist = collections.defaultdict(list)   # variable -> list of distinct consecutive reprs
    lines = collections.Counter()          # line number -> executions
    atline = collections.defaultdict(list) # (line, variable) -> repr of the value each time the line runs
    snaps = []                             # locals snapshot at each line event
    def rec(name, val):
        r = repr(val)
        h = hist[name]
        if not h or h[-1] != r:
            h.append(r)
    def snap(f):
        for n, v in f.f_locals.items():
            if n == "self":
                for a, av in vars(v).items():
                    rec("self." + a, av)
            else:
                rec(n, v)
    def tr(f, ev, arg):
        if f.f_code.co_filename != "<prog>":
            return None
        snap(f)
        if ev == "line":
            lines[f.f_lineno] += 1
            d = dict(f.f_locals)
            snaps.append(d)
            for n, v in d.items():
                atline[(f.f_lineno, n)].append(repr(v))
        return tr
    sys.settrace(tr)
    try:
        res = eval(call, g)
    finally:
        sys.settrace(None)
    hist['__atline__'] = atline
    hist['__snaps__'] = snaps
    return res, hist, lines, g

def norm(v):
    return repr(ast.literal_eval(v))

def expr_of(quote):
    m = re.findall(r"`([^`]+)`", quote)
    if m:
        return m[0]
    return re.sub(r"\s+(is|holds)\b.*$", "", quote)

def arith_lhs(q):
    q = expr_of(q)
    parts = re.split(r"(?<![=<>!])=(?!=)", q)
    return parts[-2] if len(parts) > 1 else q

def check_claim(c, res, hist, lines, returned):
    try:
        return _check_claim(c, res, hist, lines, returned)
    except Exception as e:
        return False

def _check_claim(c, res, hist, lines, returned):
    w, v = c["what"], c["value"]
    if w == "value":
        h = hist.get(c["variable"], [])
        if norm(v) in h:
            return True
        seq = ast.literal_eval(v)
        if c.get("at_line"):
            h = hist["__atline__"][(c["at_line"], c["variable"])]
        if isinstance(seq, list) and c.get("sequence"):
            hv = [repr(x) for x in seq]
            return any(h[k:k + len(hv)] == hv for k in range(len(h)))
        return False
    if w == "count":
        label = c["variable"]
        n = int(label.split("@line")[1]) if "@line" in label else None
        return n is not None and lines[n] == ast.literal_eval(v)
    if w == "return":
        return norm(v) == repr(res)
    if w in ("arith",):
        return eval(arith_lhs(c["quote"])) == ast.literal_eval(v)
    if w in ("comparison", "call"):
        ex = expr_of(c["quote"])
        try:
            return eval(ex) == ast.literal_eval(v)
        except NameError:
            # expression over program variables: true if it has that value at some line event
            for d in hist["__snaps__"]:
                try:
                    if eval(ex, {}, dict(d)) == ast.literal_eval(v):
                        return True
                except Exception:
                    pass
            return False
    return False

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    fails, out = 0, []
    runs = {}
    for it in items:
        key = (it["code"], it["call"])
        if key not in runs:
            runs[key] = run(it["code"], it["call"])
        res, hist, lines, g = runs[key]
        probs = []
        if repr(res) != it["returned"]:
            probs.append("returned mismatch %r" % (res,))
        for c in it["claims"]:
            c0 = c
            if c["quote"] not in it["rationale"]:
                probs.append("quote not in rationale: %r" % c["quote"])
        if not it["rationale"].rstrip().splitlines()[-1].startswith("Answer:"):
            probs.append("last line not Answer:")
        # answer correctness
        if it["direction"] == "forward":
            ans_ok = repr(ast.literal_eval(it["answer"])) == repr(res)
        else:
            try:
                ans_ok = repr(run(it["code"], it["answer"])[0]) == repr(res)
            except Exception:
                ans_ok = False
        err = it["error"]
        if it["label"] == "faithful":
            if not ans_ok:
                probs.append("answer wrong")
            for c in it["claims"]:
                if not check_claim(c, res, hist, lines, it["returned"]):
                    probs.append("false claim: %r" % c)
        else:
            if err["quote"] not in it["rationale"]:
                probs.append("error quote missing")
            k = err["kind"]
            pt = err.get("point", {})
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    probs.append("answer should be wrong")
            else:
                if not ans_ok:
                    probs.append("answer should be right")
            if "index" in pt:
                h = hist["__atline__"][(pt["at_line"], pt["variable"])] if "at_line" in pt else hist[pt["variable"]]
                at = h[pt["index"]]
                if at == norm(err["stated"]) or at != norm(err["actual"]):
                    probs.append("point check failed %r vs %r" % (at, err))
                if err.get("held_elsewhere") and norm(err["stated"]) not in hist[pt["variable"]]:
                    probs.append("held_elsewhere but value never held")
            if "absent" in pt:
                if norm(err["stated"]) in hist[pt["absent"]]:
                    probs.append("impossible_state value actually held")
            if "count" in pt:
                n = int(pt["count"].split("@line")[1])
                if lines[n] == ast.literal_eval(err["stated"]) or lines[n] != ast.literal_eval(err["actual"]):
                    probs.append("count check failed %d" % lines[n])
            if "expr" in pt:
                val = eval(pt["expr"])
                if val == ast.literal_eval(err["stated"]) or val != ast.literal_eval(err["actual"]):
                    probs.append("expr check failed %r" % val)
            if "swap" in pt:
                (v1, i1), (v2, i2) = pt["swap"]
                s1, s2 = ast.literal_eval(err["stated"])
                a1, a2 = ast.literal_eval(err["actual"])
                if hist[v1][i1] != repr(a1) or hist[v2][i2] != repr(a2) or (repr(s1), repr(s2)) == (hist[v1][i1], hist[v2][i2]):
                    probs.append("swap check failed")
            if not pt and k not in ("wrong_final_answer", "backward_wrong_input"):
                probs.append("no point spec")
            # the error claim must be false; other claims true unless carried
            for c in it["claims"]:
                ok = check_claim(c, res, hist, lines, it["returned"])
                if c["quote"] == err["quote"]:
                    if ok and k not in ("wrong_final_answer", "backward_wrong_input", "off_by_one_loop_count") and "index" not in pt and "swap" not in pt:
                        probs.append("error claim evaluates true: %r" % c)
                elif not ok and not err.get("carried"):
                    probs.append("non-error claim false: %r" % c)
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        out.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    out.append("TOTAL %d items, %d failed" % (len(items), fails))
    txt = "\n".join(out)
    print(txt)
    open("check_report.txt", "w").write(txt + "\n")
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
