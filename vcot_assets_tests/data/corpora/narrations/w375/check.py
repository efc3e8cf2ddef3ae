"""Standalone checker for w375 narrations: re-executes every program with sys.settrace,
records per-variable value histories and line hit counts, and checks each item's claims."""
import ast, copy, json, sys

def _snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run_traced(code, call):
    hist, hits, seen_all = {}, {}, []
    def record(name, val):
        h = hist.setdefault(name, [])
        s = _snap(val)
        if not h or repr(h[-1]) != repr(s) or type(h[-1]) is not type(s):
            h.append(s)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return tracer
        if event == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        for k, v in frame.f_locals.items():
            if k == "self" and hasattr(v, "__dict__"):
                for a, av in vars(v).items():
                    record("self." + a, av)
            elif not callable(v) or isinstance(v, (list, dict, set, tuple)):
                record(k, v)
        if event == "return":
            record("<return:%s>" % frame.f_code.co_name, arg)
        return tracer
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    sys.settrace(tracer)
    try:
        result = eval(compile(call, "<call>", "eval"), ns)
    finally:
        sys.settrace(None)
    return result, hist, hits

def plain_call(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    return eval(call, ns)

def claim_truth(c, result, hist, hits, code):
    """Return (ok, detail) for one claim."""
    what = c["what"]
    val = ast.literal_eval(c["value"])
    if what in ("arith", "comparison"):
        expr = c.get("expr") or c["quote"].replace("`", "")
        got = eval(expr, {})
        return got == val, "eval(%r) = %r" % (expr, got)
    if what == "return":
        return val == result, "returned %r" % (result,)
    if what == "count":
        line = c["line"]
        got = hits.get(line, 0)
        return got == val, "line %d hit %d times" % (line, got)
    if what == "value":
        var = c["variable"]
        if var is None:
            pool = [x for h in hist.values() for x in h]
            return val in pool, "anywhere"
        h = hist.get(var, [])
        if "at" in c:
            at = c["at"]
            got = h[at] if at < len(h) else None
            return got == val and type(got) is type(val), "%s history[%d] = %r" % (var, at, got)
        return any(x == val and type(x) is type(val) for x in h), "%s history %r" % (var, h)
    raise ValueError(what)

def held_anywhere(val, hist):
    return any(x == val and type(x) is type(val) for h in hist.values() for x in h)

def check_item(it, out):
    errs = []
    code, call = it["code"], it["call"]
    result, hist, hits = run_traced(code, call)
    if repr(result) != it["returned"]:
        errs.append("returned mismatch %r vs %r" % (result, it["returned"]))
    text = it["rationale"]
    last = text.rstrip().splitlines()[-1]
    if it["answer"] not in last:
        errs.append("answer not in last line")
    for c in it["claims"]:
        if c["quote"] not in text:
            errs.append("quote not in rationale: %r" % c["quote"])
    err = it["error"]
    bad_quote = err["quote"] if err else None
    if err and bad_quote not in text:
        errs.append("error quote not in rationale")
    for c in it["claims"]:
        ok, detail = claim_truth(c, result, hist, hits, code)
        flagged = any(x.get("is_error") for x in it["claims"])
        is_err_claim = err is not None and (c.get("is_error", False) if flagged else c["quote"] == bad_quote)
        if is_err_claim:
            if ok:
                errs.append("error claim is actually TRUE: %r (%s)" % (c["quote"], detail))
            if err.get("held_elsewhere"):
                v = ast.literal_eval(c["value"])
                if not held_anywhere(v, hist):
                    errs.append("held_elsewhere but value never held: %r" % c["quote"])
        elif not ok:
            errs.append("claim false: %r (%s)" % (c["quote"], detail))
    # answer checks
    if it["direction"] == "forward":
        ans_ok = ast.literal_eval(it["answer"]) == result
    else:
        try:
            ans_ok = repr(plain_call(code, it["answer"])) == it["returned"]
        except Exception as e:
            ans_ok = False
    ans_is_err = err is not None and err["kind"] in ("wrong_final_answer", "backward_wrong_input")
    if ans_is_err and ans_ok:
        errs.append("answer error but answer is right")
    if not ans_is_err and not ans_ok:
        errs.append("answer wrong: %r" % it["answer"])
    if err and not ans_is_err and not any(c["quote"] == bad_quote or c.get("is_error") for c in it["claims"]):
        errs.append("no claim carries the error quote")
    if it["label"] == "error" and err is None:
        errs.append("error label without error")
    return errs

def main():
    items = [json.loads(l) for l in open("narrations.jsonl", encoding="utf-8") if l.strip()]
    progs = {json.loads(l)["id"]: json.loads(l) for l in open("programs.jsonl", encoding="utf-8") if l.strip()}
    nfail = 0
    lines = []
    for it in items:
        errs = check_item(it, lines)
        p = progs.get(it["program_id"])
        if p is None or p["code"] != it["code"] or p["call"] != it["call"] or len(p["events"]) != it["trace_events"]:
            errs.append("program record mismatch")
        if it["faithful_id"] and it["faithful_id"] not in {x["id"] for x in items}:
            errs.append("faithful_id missing")
        status = "PASS" if not errs else "FAIL"
        nfail += bool(errs)
        lines.append("%s %s (%s, %d claims)%s" % (status, it["id"], it["label"] if not it["error"] else it["error"]["kind"],
                                                  len(it["claims"]), "".join("\n    - " + e for e in errs)))
    lines.append("\n%d items, %d failed" % (len(items), nfail))
    print("\n".join(lines))
    return 1 if nfail else 0

if __name__ == "__main__":
    sys.exit(main())
