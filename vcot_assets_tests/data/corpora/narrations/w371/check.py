"""Standalone checker for w371 narrations: runs each call under sys.settrace, records the history
of every expression the claims/errors name, and verifies claims (faithful) and errors (false)."""
import ast, copy, json, sys

def lit(s):
    return ast.literal_eval(s)

def run_traced(code, call, exprs):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = {e: [] for e in exprs}
    linecount = {}
    def snap(frame):
        loc = dict(frame.f_locals)
        for e in exprs:
            try:
                v = copy.deepcopy(eval(e, ns, loc))
            except Exception:
                continue
            h = hist[e]
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            linecount[frame.f_lineno] = linecount.get(frame.f_lineno, 0) + 1
        if event in ("line", "return"):
            snap(frame)
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, linecount

def plain_call(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    return eval(call, ns)

def arith_expr(c):
    if c.get("expr"):
        return c["expr"]
    q = c["quote"].replace("`", "")
    return q.split("=")[0] if "==" not in q else q

def check_item(it):
    errs = []
    R = it["rationale"]
    claims = it["claims"]
    e = it["error"]
    exprs = set()
    for c in claims:
        if c["what"] == "value" and c["variable"]:
            exprs.add(c["variable"])
    if e and e.get("check", {}).get("variable"):
        exprs.add(e["check"]["variable"])
    if e and e.get("check", {}).get("held_var"):
        exprs.add(e["check"]["held_var"])
    ret, hist, lc = run_traced(it["code"], it["call"], sorted(exprs))
    if repr(ret) != it["returned"]:
        errs.append(f"returned mismatch {ret!r} vs {it['returned']}")
    if not R.rstrip().splitlines()[-1].startswith("Answer:") and "Predicted Output" not in R:
        errs.append("no Answer line")
    if it["answer"] not in R.rstrip().splitlines()[-1]:
        errs.append("answer not on last line")
    allvals = [v for h in hist.values() for v in h]
    def claim_ok(c):
        if c["quote"] not in R:
            return f"quote not in rationale: {c['quote']!r}"
        w = c["what"]; val = lit(c["value"])
        if w == "value":
            if c["variable"]:
                h = hist.get(c["variable"], [])
                if val not in h:
                    return f"{c['variable']} never {val!r} (hist {h})"
            elif val not in allvals and val != ret:
                return f"value {val!r} not seen"
        elif w == "count":
            line = int(c["variable"].split("line")[-1])
            if lc.get(line, 0) != val:
                return f"count {c['variable']} = {lc.get(line,0)} not {val}"
        elif w in ("arith", "comparison"):
            got = eval(arith_expr(c))
            if got != val:
                return f"{arith_expr(c)} = {got!r} not {val!r}"
        elif w == "return":
            if val != ret:
                return f"return {ret!r} not {val!r}"
        elif w == "call":
            if repr(plain_call(it["code"], val)) != it["returned"]:
                return "call does not reproduce"
        return None
    if it["label"] == "faithful":
        for c in claims:
            m = claim_ok(c)
            if m: errs.append(m)
    else:
        if e["quote"] not in R:
            errs.append("error quote not in rationale")
        for c in claims:
            if c["quote"] == e["quote"] or c.get("is_error"):
                continue
            m = claim_ok(c)
            if m: errs.append("non-error claim: " + m)
        ck = e["check"]; t = ck["type"]; stated = lit(ck["stated"]) if t != "answer" else None
        if t == "value_at":
            h = hist[ck["variable"]]
            try:
                act = lit(e["actual"])
                if h[ck["index"]] != act:
                    errs.append(f"value_at points to {h[ck['index']]!r}, not the stated actual {act!r}")
            except (ValueError, SyntaxError):
                pass
            if h[ck["index"]] == stated:
                errs.append(f"error not false: {ck['variable']}[{ck['index']}] == {stated!r}")
        elif t == "never":
            if stated in hist[ck["variable"]]:
                errs.append("impossible_state value does occur")
        elif t == "count":
            if lc.get(ck["line"], 0) == stated:
                errs.append("count error is actually right")
        elif t in ("arith", "comparison"):
            if eval(ck["expr"]) == stated:
                errs.append("arith/comparison error is actually right")
        elif t == "answer":
            if it["direction"] == "forward":
                if lit(it["answer"]) == ret:
                    errs.append("wrong_final_answer equals return")
            else:
                try:
                    got = plain_call(it["code"], it["answer"])
                except Exception as ex:
                    got = ex
                if repr(got) == it["returned"]:
                    errs.append("backward wrong input actually reproduces output")
        if e.get("held_elsewhere"):
            pool = hist[ck["held_var"]] if ck.get("held_var") else allvals
            if stated not in pool and not any(stated == v for v in lc.values()):
                # held elsewhere: value must occur somewhere in the run
                errs.append(f"held_elsewhere but {stated!r} not seen in run")
    return errs

if __name__ == "__main__":
    path = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
    items = [json.loads(l) for l in open(path)]
    bad = 0
    for it in items:
        errs = check_item(it)
        status = "PASS" if not errs else "FAIL"
        if errs: bad += 1
        print(f"{status} {it['id']} ({it['label']}{'/' + it['error']['kind'] if it['error'] else ''}, {len(it['claims'])} claims)")
        for m in errs:
            print("    -", m)
    print(f"\n{len(items)} items, {len(items)-bad} pass, {bad} fail")
