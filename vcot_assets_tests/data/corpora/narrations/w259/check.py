"""Standalone checker for w259 narrations: re-runs each call under sys.settrace and checks claims."""
import ast, copy, json, sys

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist, lines = {}, {}
    def rec(name, val):
        h = hist.setdefault(name, [])
        try:
            v = copy.deepcopy(val)
        except Exception:
            v = val
        if not h or h[-1] != v:
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    rec("self." + a, av)
            elif not k.startswith("."):
                rec(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        snap(frame)
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        if event == "return":
            rec("<return:%s>" % frame.f_code.co_name, arg)
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines, ns

def lit(s):
    return ast.literal_eval(s)

def expr_of(q):
    q = q.replace("`", "").strip()
    for sep in (" = ", "=", " is ", " gives "):
        if sep in q and not any(op in q for op in ("==", "<=", ">=", "!=")):
            return q.split(sep)[0]
    return q

def count_of(label, lines):
    n = int(label.split("@line")[1])
    return lines.get(n, 0)

def check_item(it):
    errs = []
    ret, hist, lines, ns = run_traced(it["code"], it["call"])
    if repr(ret) != it["returned"]:
        errs.append("returned mismatch %r" % (ret,))
    def claim_true(c):
        w = c["what"]
        if w == "call":
            return eval(c["value"], dict(ns)) == ret
        v = lit(c["value"])
        if w == "value":
            var = c["variable"]
            if "index" in c:
                h = hist.get(var, [])
                return -len(h) <= c["index"] < len(h) and h[c["index"]] == v
            if var is None:
                return any(v in h for h in hist.values()) or v == ret
            return v in hist.get(var, [])
        if w == "count":
            if c.get("loop_var"):
                return len(hist.get(c["loop_var"], [])) == v
            return count_of(c["variable"], lines) == v
        if w in ("arith", "comparison"):
            e = c.get("expr") or expr_of(c["quote"])
            return eval(e, dict(ns)) == v
        if w == "return":
            return v == ret
        if w == "call":
            return eval(c["value"], dict(ns)) == ret
        raise ValueError(w)
    for c in it["claims"]:
        if c["quote"] not in it["rationale"]:
            errs.append("quote not in rationale: %r" % c["quote"])
    last = it["rationale"].rstrip().splitlines()[-1]
    if it["answer"] not in last:
        errs.append("answer not on last line")
    if it["label"] == "faithful":
        for c in it["claims"]:
            try:
                ok = claim_true(c)
            except Exception as ex:
                ok = False; errs.append("claim error %r: %s" % (c["quote"], ex))
            if not ok:
                errs.append("false claim: %r" % c["quote"])
        if it["direction"] == "forward":
            if lit(it["answer"]) != ret: errs.append("forward answer wrong")
        else:
            if eval(it["answer"], dict(ns)) != ret: errs.append("backward answer wrong")
    else:
        e = it["error"]
        if e["quote"] not in it["rationale"]:
            errs.append("error quote missing")
        k = e["kind"]
        if k == "wrong_final_answer":
            if lit(it["answer"]) == ret: errs.append("final answer not wrong")
        elif k == "backward_wrong_input":
            if eval(it["answer"], dict(ns)) == ret: errs.append("backward input not wrong")
        else:
            at = e["at"]   # how to locate the truth at that point
            c = dict(at, quote=e["quote"], value=e["stated"])
            try:
                if claim_true(c): errs.append("stated error is actually true")
                if not claim_true(dict(c, value=e["actual"])): errs.append("actual is not true")
            except Exception as ex:
                errs.append("error check failed: %s" % ex)
            if e.get("held_elsewhere"):
                sv = lit(e["stated"])
                var = at.get("variable")
                pool = hist.get(var, []) if var and not var.startswith("loop@") else [x for h in hist.values() for x in h]
                if sv not in pool and not (var and var.startswith("loop@")):
                    errs.append("held_elsewhere value never held")
            # answers: forward answer must still be right unless carried
            if it["direction"] == "forward" and not e.get("carried") and lit(it["answer"]) != ret:
                errs.append("answer changed without carried")
            if it["direction"] == "backward" and not e.get("carried") and eval(it["answer"], dict(ns)) != ret:
                errs.append("backward answer changed without carried")
    return errs

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    bad = 0
    out = []
    for it in items:
        errs = check_item(it)
        out.append("%s %s%s" % ("PASS" if not errs else "FAIL", it["id"], "" if not errs else " :: " + "; ".join(errs)))
        bad += bool(errs)
    out.append("%d items, %d failing" % (len(items), bad))
    print("\n".join(out))
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
