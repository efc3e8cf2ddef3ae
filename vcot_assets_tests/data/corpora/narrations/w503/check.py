"""Standalone checker for w503 narrations: runs each program with sys.settrace, records
per-variable value histories (locals of every frame, plus self.<attr>), line hit counts, and
checks every claim / error of narrations.jsonl against real execution."""
import ast, copy, json, sys

def run(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist, hits = {}, {}
    at_line = {}
    def rec(name, val):
        h = hist.setdefault(name, [])
        try:
            v = copy.deepcopy(val)
        except Exception:
            v = repr(val)
        if not h or h[-1] != v:
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    rec("self." + a, av)
            elif not callable(v):
                rec(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        snap(frame)
        if event == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
            at_line.setdefault(frame.f_lineno, []).append(copy.deepcopy({k: v for k, v in frame.f_locals.items() if not callable(v) and k != "self"}))
        if event == "return":
            rec("<return:%s>" % frame.f_code.co_name, arg)
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    hist['<at_line>'] = at_line
    return ret, hist, hits, ns

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, ret, hist, hits, item):
    w, var = c["what"], c.get("variable")
    val = lit(c["value"])
    if w == "value":
        return var in hist and val in hist[var], "value %r of %s not in history %r" % (val, var, hist.get(var))
    if w == "count":
        line = int(var.split("line")[-1].strip())
        return hits.get(line, 0) == val, "count line %d: %d != %r" % (line, hits.get(line, 0), val)
    if w in ("arith", "comparison"):
        got = eval(c["expr"])
        return got == val, "expr %s = %r != %r" % (c["expr"], got, val)
    if w == "return":
        return ret == val, "return %r != %r" % (ret, val)
    if w == "call":
        return True, ""
    return False, "unknown claim kind " + w

def check_error(e, ret, hist, hits, item, ns):
    k, stated, actual = e["kind"], e["stated"], e["actual"]
    v = e.get("verify", {})
    t = v.get("type")
    msgs = []
    if t == "arith":
        got = eval(v["expr"])
        ok = got == lit(actual) and got != lit(stated)
    elif t == "count":
        n = hits.get(v["line"], 0)
        ok = n == lit(actual) and n != lit(stated)
    elif t == "at":
        ok = True
        for var, idx, a, s in v["points"]:
            h = hist.get(var, [])
            good = idx < len(h) and h[idx] == lit(a) and h[idx] != lit(s)
            if not good:
                msgs.append("at %s[%d]=%r a=%s s=%s" % (var, idx, h[idx] if idx < len(h) else None, a, s))
            ok = ok and good
    elif t == "at_value":
        # the stated snapshot is an earlier one: the snapshot at this point is the first one
        # after `after` that equals expect_next_snapshot, so stated != value here
        h = hist.get(v["variable"], [])
        i = h.index(lit(v["after"]))
        later = h[i + 1:]
        ok = lit(v["expect_next_snapshot"]) in later and lit(actual) == lit(v["expect_next_snapshot"]) and lit(stated) != lit(actual)
    elif t == "final_of_cell":
        # the value of the variable each time line cell_line runs (one snapshot per iteration)
        snaps = hist["<at_line>"][v["cell_line"]]
        var = v.get("variable", "near")
        got = snaps[v["cell_index"]][var]
        ok = got == lit(actual) and got != lit(stated)
    elif t == "never":
        ok = lit(stated) not in hist.get(v["variable"], [])
    elif t == "comparison":
        got = eval(v["expr"])
        ok = got == lit(actual) and got != lit(stated)
    elif t == "answer_fwd":
        ok = lit(item["answer"]) != ret and lit(actual) == ret
    elif t == "answer_bwd":
        try:
            r2 = eval(item["answer"], ns)
        except Exception as ex:
            r2 = ex
        ok = r2 != ret
    else:
        ok = False; msgs.append("no verify type")
    if e.get("held_elsewhere"):
        s = lit(stated)
        anywhere = any(s in h for k, h in hist.items() if k != "<at_line>") or s in hits.values()
        if not anywhere:
            ok = False; msgs.append("held_elsewhere but %r not held anywhere" % (s,))
    return ok, "; ".join(msgs)

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    byid = {i["id"]: i for i in items}
    fails, out = 0, []
    for it in items:
        errs = []
        ret, hist, hits, ns = run(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            errs.append("returned mismatch %r" % (ret,))
        if not it["rationale"].rstrip().endswith("Answer: " + it["answer"]) and "Answer: " + it["answer"] not in it["rationale"]:
            errs.append("answer line missing")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                errs.append("quote not in rationale: " + c["quote"])
        ecl = it["error"]["quote"] if it["error"] else None
        for c in it["claims"]:
            if ecl is not None and c["quote"] == ecl:
                continue
            if it["error"] and c["quote"] in it["error"].get("carried_quotes", []):
                ok, m = check_claim(c, ret, hist, hits, it)
                if ok:
                    errs.append("carried claim unexpectedly true: " + c["quote"])
                continue
            ok, m = check_claim(c, ret, hist, hits, it)
            if not ok:
                errs.append("claim fail: %s (%s)" % (c["quote"], m))
        if it["label"] == "faithful":
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret:
                    errs.append("forward answer wrong")
            else:
                r2 = eval(it["answer"], ns)
                if r2 != ret:
                    errs.append("backward answer returns %r" % (r2,))
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                errs.append("error quote missing")
            if not any(c["quote"] == e["quote"] for c in it["claims"]):
                errs.append("error not among claims")
            f = byid.get(it["faithful_id"])
            if f is None or f["rationale"] == it["rationale"]:
                errs.append("faithful missing or identical")
            ok, m = check_error(e, ret, hist, hits, it, ns)
            if not ok:
                errs.append("error not confirmed false: " + m)
            if e["kind"] not in ("wrong_final_answer", "backward_wrong_input") and not e.get("carried"):
                if it["direction"] == "forward" and lit(it["answer"]) != ret:
                    errs.append("non-answer error but answer wrong")
                if it["direction"] == "backward" and eval(it["answer"], ns) != ret:
                    errs.append("non-answer error but bwd answer wrong")
        status = "PASS" if not errs else "FAIL"
        fails += bool(errs)
        out.append("%s %s %s" % (status, it["id"], " | ".join(errs)))
    out.append("TOTAL %d items, %d failed" % (len(items), fails))
    txt = "\n".join(out)
    print(txt)
    open("check_report.txt", "w").write(txt + "\n")
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
