"""Standalone checker for w210 narrations: re-executes each program with sys.settrace,
records per-variable value histories and per-line hit counts, and checks every claim."""
import ast, copy, json, re, sys

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist, hits = {}, {}
    def note(name, val):
        h = hist.setdefault(name, [])
        try:
            v = copy.deepcopy(val)
        except Exception:
            v = val
        if not h or not (type(h[-1]) is type(v) and h[-1] == v):
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in getattr(v, "__dict__", {}).items():
                    note("self." + a, av)
            else:
                note(k, v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        snap(frame)
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, hits

def plain_run(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def arith_value(c):
    if "expr" in c:
        return eval(c["expr"], {})
    q = c["quote"].replace("`", "")
    left = re.split(r"(?<![=!<>])=(?!=)", q)[0]
    return eval(left, {})

def claim_ok(c, ret, hist, hits):
    """Return (ok, detail)."""
    w = c["what"]
    val = lit(c["value"])
    if w == "value":
        var = c["variable"]
        h = hist.get(var)
        if h is None:
            return False, "no such variable %r" % var
        if "elem" in c:
            h = [x[c["elem"]] for x in h if len(x) > c["elem"]]
            h = [v for j, v in enumerate(h) if j == 0 or h[j - 1] != v]
        if "index" in c:
            i = c["index"]
            ok = i < len(h) and h[i] == val
            return ok, "history[%d] of %s = %r" % (i, var, h[i] if i < len(h) else None)
        return val in h, "%s history %r" % (var, h[:12])
    if w == "count":
        m = re.match(r"loop@line (\d+)", c["variable"] or "")
        n = hits.get(int(m.group(1)), 0)
        return n == val, "line %s ran %d times" % (m.group(1), n)
    if w == "comparison":
        got = bool(eval(c["expr"], {}))
        return got == val, "expr %s -> %r" % (c["expr"], got)
    if w == "arith":
        got = arith_value(c)
        return got == val, "arith -> %r" % (got,)
    if w == "return":
        return ret == val, "returned %r" % (ret,)
    if w == "call":
        return None, "call"
    return False, "unknown kind"

def main():
    items = [json.loads(l) for l in open("narrations.jsonl", encoding="utf-8") if l.strip()]
    byid = {it["id"]: it for it in items}
    fails, lines = 0, []
    for it in items:
        probs = []
        ret, hist, hits = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append("returned mismatch %r vs %s" % (ret, it["returned"]))
        r = it["rationale"]
        last = r.rstrip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            probs.append("answer line mismatch: %r" % last)
        # answer correctness
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == ret
        else:
            try:
                ans_ok = plain_run(it["code"], it["answer"]) == ret and it["answer"].startswith(it["function"] + "(") or \
                         (plain_run(it["code"], it["answer"]) == ret and it["function"] + "(" in it["answer"])
            except Exception:
                ans_ok = False
        err = it.get("error")
        ekind = err["kind"] if err else None
        if ekind in ("wrong_final_answer", "backward_wrong_input"):
            if ans_ok:
                probs.append("error answer is actually right")
        elif not ans_ok:
            probs.append("answer wrong")
        err_results = []
        for c in it["claims"]:
            if c["quote"] not in r:
                probs.append("quote not in rationale: %r" % c["quote"])
                continue
            ok, det = claim_ok(c, ret, hist, hits)
            if ok is None:
                continue
            is_err = bool(err) and c["quote"] in err["quote"]
            if is_err:
                err_results.append((ok, c["quote"], det))
            elif not ok and not c.get("carried"):
                probs.append("false claim %r value %s (%s)" % (c["quote"], c["value"], det))
        if err:
            if err["quote"] not in r:
                probs.append("error quote not in rationale")
            if ekind not in ("wrong_final_answer", "backward_wrong_input") and not any(c["quote"] in err["quote"] for c in it["claims"]):
                probs.append("error has no matching claim")
            if err_results and all(ok for ok, _, _ in err_results):
                probs.append("error claims all true: %r" % (err_results,))
            if err.get("held_elsewhere"):
                pointed = [c for c in it["claims"] if c["quote"] in err["quote"] and ("index" in c or c["what"] in ("arith", "count"))]
                if not pointed:
                    probs.append("held_elsewhere error is not pinned to a point (needs index/arith)")
                st = lit(err["stated"])
                if not any(st in h for h in hist.values()) and st != ret:
                    probs.append("held_elsewhere value never held")
            f = byid.get(it["faithful_id"])
            if f is None:
                probs.append("faithful_id missing")
            elif f["rationale"] == r:
                probs.append("error copy identical to faithful")
            elif f["code"] != it["code"] or f["call"] != it["call"]:
                probs.append("error copy program differs from faithful")
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        lines.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    lines.append("TOTAL %d items, %d failing" % (len(items), fails))
    out = "\n".join(lines) + "\n"
    open("check_report.txt", "w").write(out)
    print(out)
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
