"""Standalone checker for w112 narrations. Runs each program with sys.settrace, records
per-variable value histories (locals and self.<attr>), line hit counts, and checks claims."""
import ast, json, sys, copy

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = {}       # var -> list of successive distinct values (by repr)
    hits = {}       # line_no -> count
    seq = []        # (line_no, {var: value}) at every line event, in order
    def snap(frame):
        loc = frame.f_locals
        items = []
        for k, v in loc.items():
            if k == "self":
                for a, av in vars(v).items():
                    items.append(("self." + a, av))
            else:
                items.append((k, v))
        for k, v in items:
            try:
                r = repr(v)
            except Exception:
                continue
            h = hist.setdefault(k, [])
            if not h or h[-1][0] != r:
                h.append((r, copy.deepcopy(v)))
        return {k: copy.deepcopy(v) for k, v in items}
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        cur = snap(frame)
        if event == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
            seq.append((frame.f_lineno, cur))
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    hits['__seq__'] = seq
    return result, {k: [v for _, v in h] for k, h in hist.items()}, hits

def count_in(seq, line, within, iteration):
    k = 0; n = 0
    for ln, _ in seq:
        if ln == within:
            k += 1
        elif ln == line and k == iteration:
            n += 1
    return n

def plain_run(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def check_item(it):
    errs = []
    rationale = it["rationale"]
    result, hist, hits = run_traced(it["code"], it["call"])
    if repr(result) != it["returned"]:
        errs.append(f"returned mismatch {result!r} vs {it['returned']}")
    last = rationale.strip().splitlines()[-1]
    if not last.startswith("Answer:") and not last.startswith("Predicted Output:"):
        errs.append("last line is not an Answer line")
    if it["answer"] not in last:
        errs.append("answer field not in last line")
    # answer correctness
    if it["direction"] == "forward":
        ans_ok = lit(it["answer"]) == result
    else:
        try:
            ans_ok = plain_run(it["code"], it["answer"]) == result
        except Exception as e:
            ans_ok = False
        if not it["answer"].startswith(it["function"] + "("):
            errs.append("backward answer does not call function")
    err = it["error"]
    wrong_answer_kinds = ("wrong_final_answer", "backward_wrong_input")
    if it["label"] == "faithful" or (err and err["kind"] not in wrong_answer_kinds and not err.get("carried")):
        if not ans_ok:
            errs.append(f"answer {it['answer']} wrong")
    else:
        if ans_ok:
            errs.append(f"error answer {it['answer']} is actually right")
    # claims
    err_quote = err["quote"] if err else None
    for c in it["claims"]:
        if c["quote"] not in rationale:
            errs.append(f"claim quote not in rationale: {c['quote']!r}")
            continue
        is_err_claim = err is not None and (c["quote"] == err_quote or c["quote"] in err_quote or err_quote in c["quote"]) and c.get("value") == err.get("stated_value", c.get("value")) and c.get("is_error", False)
        if c.get("is_error"):
            continue  # checked through the error block
        ok, why = claim_true(c, result, hist, hits)
        if not ok:
            errs.append(f"false claim {c['quote']!r}: {why}")
    if err:
        if err["quote"] not in rationale:
            errs.append(f"error quote not in rationale: {err['quote']!r}")
        ok, why = error_false(err, result, hist, hits, it)
        if not ok:
            errs.append(f"error not confirmed false: {why}")
    return errs

def claim_true(c, result, hist, hits):
    what = c["what"]; val = lit(c["value"])
    if what == "value" and c.get("seq"):
        h = hist.get(c["variable"], [])
        want = [x for i, x in enumerate(val) if i == 0 or val[i-1] != x]
        if c.get("stride"):
            it_h = iter(h)
            return all(any(x == y for y in it_h) for x in want), f"{want!r} not a subsequence of {h!r}"
        n = len(want)
        ok = any(h[i:i+n] == want for i in range(len(h) - n + 1))
        return ok, f"{want!r} not a contiguous run of {h!r}"
    if what == "count_in":
        n = count_in(hits["__seq__"], c["line"], c["within"], c["iteration"])
        return n == val, f"line {c['line']} ran {n} times in iteration {c['iteration']}"
    if what == "value":
        h = hist.get(c["variable"])
        if h is None:
            return False, f"no variable {c['variable']}"
        return (val in h), f"{val!r} not in history {h!r}"
    if what == "count":
        line = c["line"]
        n = hits.get(line, 0)
        return n == val, f"line {line} ran {n} times"
    if what == "arith":
        got = eval(c["expr"])
        return got == val, f"{c['expr']} = {got!r}"
    if what == "comparison":
        got = eval(c["expr"])
        return bool(got) == val, f"{c['expr']} is {got!r}"
    if what == "return":
        return val == result, f"returned {result!r}"
    if what == "call":
        return True, ""
    return False, f"unknown what {what}"

def error_false(err, result, hist, hits, it):
    chk = err["check"]; t = chk["type"]
    stated = lit(err["stated_value"]) if "stated_value" in err else None
    if t == "nth":
        h = hist.get(chk["var"], [])
        k = chk["nth"]
        actual = h[k] if k < len(h) else None
        if actual == stated:
            return False, f"{chk['var']}[{k}] really is {actual!r}"
        if err.get("held_elsewhere") or err.get("held_elsewhere") is None and False:
            pass
        held = err.get("held_elsewhere", False)
        if held:
            pool = [x for v in hist.values() for x in v]
            if stated not in pool:
                return False, "held_elsewhere but value never held"
        if err["kind"] == "impossible_state" and stated in h:
            return False, "impossible_state but var does hold it"
        return True, ""
    if t == "count":
        n = hits.get(chk["line"], 0)
        if n == stated:
            return False, f"count really {n}"
        if abs(n - stated) != 1 and err["kind"] == "off_by_one_loop_count":
            return False, "not off by one"
        return True, ""
    if t == "arith":
        got = eval(chk["expr"])
        return got != stated, f"{chk['expr']} really = {got!r}"
    if t == "comparison":
        got = bool(eval(chk["expr"]))
        return got != stated, f"{chk['expr']} really {got}"
    if t == "never":
        h = hist.get(chk["var"], [])
        return stated not in h, f"{chk['var']} does take {stated!r}"
    if t == "count_in":
        n = count_in(hits["__seq__"], chk["line"], chk["within"], chk["iteration"])
        if n == stated:
            return False, f"count really {n}"
        if abs(n - stated) != 1 and err["kind"] == "off_by_one_loop_count":
            return False, "not off by one"
        return True, ""
    if t == "seq_at":
        var = chk["var"]
        starts = [snap[var] for ln, snap in hits["__seq__"] if ln == chk["line"]]
        ends = starts[1:] + [hist[var][-1]]
        st = chk["seq"]
        if len(st) != len(ends):
            return False, f"length {len(st)} vs {len(ends)}"
        diffs = [i for i in range(len(st)) if st[i] != ends[i]]
        if len(diffs) != 1:
            return False, f"differs at {diffs}; real {ends}"
        if err.get("held_elsewhere") and st[diffs[0]] not in hist[var]:
            return False, "held_elsewhere but never held"
        return True, ""
    if t == "answer":
        return True, ""  # handled by answer check above
    return False, f"unknown check {t}"

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    ids = {it["id"] for it in items}
    bad = 0
    lines = []
    for it in items:
        try:
            errs = check_item(it)
        except Exception as e:
            errs = [f"exception {e!r}"]
        if it["label"] == "error" and it["faithful_id"] not in ids:
            errs.append("faithful_id missing")
        status = "PASS" if not errs else "FAIL"
        if errs: bad += 1
        lines.append(f"{status} {it['id']} ({it['direction']}, {it['style']}, {it['family']}, "
                     f"{it['error']['kind'] if it['error'] else 'faithful'})")
        for e in errs:
            lines.append("    " + e)
    lines.append(f"\n{len(items)} items, {len(items)-bad} pass, {bad} fail")
    out = "\n".join(lines)
    print(out)
    open("check_report.txt", "w").write(out + "\n")
    return bad

if __name__ == "__main__":
    sys.exit(1 if main() else 0)
