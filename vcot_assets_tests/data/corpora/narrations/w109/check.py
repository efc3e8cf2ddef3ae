"""Standalone checker for w109 narrations: re-executes each program under sys.settrace
and checks returned values, claims, answers and that each error copy's error is really false."""
import ast, json, sys, copy, re

def lit(s):
    return ast.literal_eval(s)

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist, hits = {}, {}
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self" and hasattr(v, "__dict__"):
                items = [("self." + a, b) for a, b in vars(v).items()]
            else:
                items = [(k, v)]
            for name, val in items:
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    continue
                h = hist.setdefault(name, [])
                if not h or h[-1] != val or type(h[-1]) != type(val):
                    h.append(val)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        if event in ("line", "return"):
            snap(frame)
        return tr
    sys.settrace(tr)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return result, hist, hits, ns

def norm(q):
    q = q.replace("`", "").replace("×", "*").replace("−", "-")
    q = re.sub(r",?\s*which\s+is\b.*$", "", q)
    q = re.sub(r"\b(is|are)\s+(true|false|True|False)\b.*$", "", q)
    return q.strip().rstrip(".,;:")

def held(v, h):
    """v is held by a variable with history h: either one value of it, or (for a summarised
    sequence written as a list) an in-order subsequence of its successive values."""
    if v in h:
        return True
    if isinstance(v, list) and v:
        k = 0
        for x in h:
            if k < len(v) and x == v[k]:
                k += 1
        return k == len(v)
    return False

def claim_true(c, hist, hits, result, ns):
    w, var = c["what"], c.get("variable")
    v = lit(c["value"])
    if w == "value":
        if var is None:
            return any(v in h for h in hist.values()) or v == result
        return held(v, hist.get(var, []))
    if w == "count":
        m = re.match(r"loop@line (\d+)", var or "")
        assert m, ("count claim needs loop@line N", c)
        return hits.get(int(m.group(1)), 0) == v
    if w == "comparison":
        return bool(eval(norm(c["quote"]), dict(ns))) == v
    if w == "arith":
        lhs = norm(c["quote"]).split("=")[0] if "==" not in c["quote"] else norm(c["quote"])
        q = norm(c["quote"])
        lhs = re.split(r"\s*(?<![=<>!])=(?!=)\s*|\s+is\s+|\s+gives\s+", q)[0]
        return eval(lhs, dict(ns)) == v
    if w == "return":
        return v == result
    if w == "call":
        return eval(c["value"] if isinstance(v, str) else c["quote"], dict(ns)) == result
    raise ValueError(w)

def check_item(it, out):
    errs = []
    result, hist, hits, ns = run_traced(it["code"], it["call"])
    if repr(result) != it["returned"]:
        errs.append("returned mismatch %r vs %s" % (result, it["returned"]))
    if it["rationale"].rstrip().splitlines()[-1].strip() != "Answer: " + it["answer"]:
        errs.append("last line is not 'Answer: <answer>'")
    for c in it["claims"]:
        if c["quote"] not in it["rationale"]:
            errs.append("quote not in rationale: %r" % c["quote"])
    err = it.get("error")
    errq = err["quote"] if err else None
    if err and errq not in it["rationale"]:
        errs.append("error quote missing")
    for c in it["claims"]:
        is_err_claim = err is not None and c["quote"] == errq
        ok = claim_true(c, hist, hits, result, ns)
        if is_err_claim and "index" in err:
            h = hist.get(err["variable"], [])
            i = err["index"]
            act = lit(err.get("actual_value", err["actual"]))
            if not (i < len(h) and h[i] == act and h[i] != lit(c["value"])):
                errs.append("positional error check failed: history %r" % (h,))
            if err.get("held_elsewhere") and not any(held(lit(c["value"]), hh) for hh in hist.values()):
                errs.append("held_elsewhere value not held")
        elif is_err_claim:
            if ok:
                errs.append("error claim is TRUE: %r" % c)
            k = err["kind"]
            var = err.get("variable") or c.get("variable")
            if c["what"] == "value" and var:
                h = hist.get(var, [])
                act = lit(err.get("actual_value", err["actual"]))
                if not held(act, h):
                    errs.append("error actual %r never held by %s" % (act, var))
                if k == "impossible_state" and lit(err["stated"]) in h:
                    errs.append("impossible_state value is held by %s" % var)
                st = lit(err["stated"])
                if err.get("held_elsewhere") and not (st in h or (isinstance(st, list) and all(x in h for x in st))):
                    errs.append("held_elsewhere value not held by %s" % var)
            if err.get("held_elsewhere") and c["what"] == "arith":
                if not any(lit(err["stated"]) in h for h in hist.values()):
                    errs.append("held_elsewhere arith value not held anywhere")
            if err.get("held_elsewhere") and c["what"] == "count":
                pass
        elif not ok:
            errs.append("claim false: %r" % c)
    if err and errq not in [c["quote"] for c in it["claims"]] and err["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
        errs.append("error not among claims")
    # answers
    wrong_ans = err is not None and err["kind"] in ("wrong_final_answer", "backward_wrong_input")
    if it["direction"] == "forward":
        good = lit(it["answer"]) == result
    else:
        r2, *_ = run_traced(it["code"], it["answer"])
        good = r2 == result
    if good == wrong_ans:
        errs.append("answer check failed (wrong-answer copy=%s)" % wrong_ans)
    if it["label"] == "faithful" and err is not None:
        errs.append("faithful item has error")
    out.append((it["id"], errs))

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    out = []
    for it in items:
        try:
            check_item(it, out)
        except Exception as e:
            out.append((it["id"], ["exception %r" % e]))
    bad = [o for o in out if o[1]]
    lines = ["%s: %s" % (i, "PASS" if not e else "FAIL " + "; ".join(e)) for i, e in out]
    lines.append("TOTAL %d items, %d pass, %d fail" % (len(out), len(out) - len(bad), len(bad)))
    txt = "\n".join(lines)
    print(txt)
    open("check_report.txt", "w").write(txt + "\n")
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
