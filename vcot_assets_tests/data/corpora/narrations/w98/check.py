"""Standalone checker for w98 narrations. Uses only the standard library (sys.settrace)."""
import json, sys, copy, collections

def run_traced(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist = collections.defaultdict(list)   # var -> list of distinct successive values
    lines = collections.Counter()          # line number -> hit count
    last = {}
    def snap(frame):
        fid = id(frame)
        items = dict(frame.f_locals)
        s = items.get("self")
        if s is not None and hasattr(s, "__dict__"):
            for k, v in vars(s).items():
                items["self." + k] = v
        for k, v in items.items():
            if k == "self" or callable(v):
                continue
            try:
                v2 = copy.deepcopy(v)
            except Exception:
                continue
            key = (fid, k)
            if key not in last or last[key] != v2 or type(last[key]) != type(v2):
                last[key] = v2
                if not hist[k] or hist[k][-1] != v2 or type(hist[k][-1]) != type(v2):
                    hist[k].append(v2)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            snap(frame); lines[frame.f_lineno] += 1
        elif event == "return":
            snap(frame)
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines, g

def lit(s):
    import ast
    return ast.literal_eval(s)

def check_item(it):
    errs = []
    ret, hist, lines, g = run_traced(it["code"], it["call"])
    if repr(ret) != it["returned"]:
        errs.append("returned mismatch %r vs %s" % (ret, it["returned"]))
    rat = it["rationale"]
    for c in it["claims"]:
        if c["quote"] not in rat:
            errs.append("quote not in rationale: %r" % c["quote"])
    if it["answer"] not in rat.strip().splitlines()[-1]:
        errs.append("answer not in last line")
    def project(var):
        """History of a variable, or of an expression over one (e.g. net['kim'])."""
        base = var.split('[')[0].split('.')[0] if not var.startswith('self.') else var.split('[')[0]
        if base == var:
            return hist.get(var, [])
        out = []
        for x in hist.get(base, []):
            try:
                y = eval(var, {base: x} if '.' not in base else {}, {})
            except Exception:
                continue
            if not out or out[-1] != y:
                out.append(y)
        return out
    def claim_ok(c):
        w = c["what"]
        if w == "value":
            v = lit(c["value"])
            h = project(c["variable"])
            if c.get("seq"):
                return h[c.get("from", 0):c.get("to", len(h))] == v
            if "at" in c:
                return len(h) > c["at"] and h[c["at"]] == v
            return any(x == v and type(x) == type(v) for x in h) or any(x == v for x in h)
        if w == "count":
            if "distinct_var" in c:   # number of distinct values a loop variable took
                return len(hist.get(c["distinct_var"], [])) == lit(c["value"])
            if "outer_line" in c:   # per-pass count of an inner loop
                return lines[c["body_line"]] == lit(c["value"]) * lines[c["outer_line"]]
            return lines[c["body_line"]] == lit(c["value"])
        if w in ("arith", "comparison"):
            return eval(c["expr"], {}) == lit(c["value"])
        if w == "return":
            return lit(c["value"]) == ret
        if w == "call":
            return eval(c["value"], dict(g)) == ret
        return False
    err = it.get("error")
    bad = [c for c in it["claims"] if c.get("is_error")]
    for c in it["claims"]:
        if c.get("is_error"):
            continue
        if not claim_ok(c):
            errs.append("claim false: %r" % (c,))
    # answer
    if it["direction"] == "forward":
        ans_ok = lit(it["answer"]) == ret
    else:
        ans_ok = eval(it["answer"], dict(g)) == ret
    if it["label"] == "faithful":
        if bad: errs.append("faithful has error claims")
        if not ans_ok: errs.append("faithful answer wrong")
    else:
        k = err["kind"]
        if err["quote"] not in rat:
            errs.append("error quote missing")
        if k in ("wrong_final_answer", "backward_wrong_input"):
            if ans_ok: errs.append("error answer is actually right")
        else:
            if not ans_ok: errs.append("error copy answer wrong (kind %s)" % k)
            if not bad: errs.append("no error claim")
            for c in bad:
                if claim_ok(c):
                    errs.append("error claim is actually true: %r" % (c,))
                if c["what"] == "value" and k == "impossible_state":
                    if any(x == lit(c["value"]) for x in project(c["variable"])):
                        errs.append("impossible_state value occurs")
                if err.get("held_elsewhere") and c["what"] in ("value", "arith", "count"):
                    he = c.get("held_var", c.get("variable"))
                    if (c["what"] == "value" or "held_var" in c) and not any(x == lit(c.get("held_value", c["value"])) for x in project(he)):
                        errs.append("held_elsewhere value not held by %s" % he)
    return errs

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    out = []
    nbad = 0
    for it in items:
        e = check_item(it)
        nbad += bool(e)
        out.append("%s %s %s" % ("PASS" if not e else "FAIL", it["id"], "; ".join(e)))
    cnt = collections.Counter()
    for it in items:
        cnt["style:" + it["style"]] += 1; cnt["family:" + it["family"]] += 1
        cnt["label:" + it["label"]] += 1; cnt["dir:" + it["direction"]] += 1
        if it["error"]: cnt["kind:" + it["error"]["kind"]] += 1
    out.append("")
    out += ["%s = %d" % kv for kv in sorted(cnt.items())]
    out.append("TOTAL %d items, %d failing" % (len(items), nbad))
    txt = "\n".join(out)
    print(txt)
    open("check_report.txt", "w").write(txt + "\n")
    sys.exit(1 if nbad else 0)

if __name__ == "__main__":
    main()
