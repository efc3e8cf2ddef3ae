"""Standalone checker for w76 narrations: re-executes every program with sys.settrace,
records each variable's value history and line hit counts, and checks each item's claims,
answer and (for error copies) that the marked error really is false at that point."""
import ast, copy, json, sys

FN = "<w76>"


def run(code, call):
    ns = {}
    exec(compile(code, FN, "exec"), ns)
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
                for a, av in vars(v).items():
                    note("self." + a, av)
            else:
                note(k, v)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event in ("line", "return"):
            snap(frame)
        if event == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        if event == "return":
            note("return@" + frame.f_code.co_name, arg)
        return tracer

    sys.settrace(tracer)
    try:
        result = eval(compile(call, FN + "call", "eval"), ns)
    finally:
        sys.settrace(None)
    return ns, result, hist, hits


def lit(s):
    return ast.literal_eval(s)


def eq(a, b):
    return type(a) is type(b) and a == b or (isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and not isinstance(b, bool) and a == b)


def claim_ok(c, ns, result, hist, hits):
    what, var, val = c["what"], c.get("variable"), c["value"]
    if what == "value":
        v = lit(val)
        ok = var in hist and any(eq(x, v) for x in hist[var])
        h = hist.get(var, [])
        if "seq" in c:  # a summarised run of values: must appear contiguously in the history
            sq = lit(c["seq"])
            ok = ok and any(all(eq(h[i + j], sq[j]) for j in range(len(sq))) for i in range(len(h) - len(sq) + 1))
        if "subseq" in c:  # values picked out of a run, in order
            sq, pos = lit(c["subseq"]), 0
            for x in h:
                if pos < len(sq) and eq(x, sq[pos]):
                    pos += 1
            ok = ok and pos == len(sq)
        return ok
    if what == "count":
        assert var.startswith("loop@line "), var
        n = int(var.split()[-1])
        return hits.get(n + 1, 0) == lit(val)
    if what in ("comparison", "arith"):
        return eq(eval(c["expr"], dict(ns)), lit(val))
    if what == "return":
        return eq(result, lit(val))
    if what == "call":
        return eq(eval(val, dict(ns)), result)
    raise ValueError(what)


def check_item(it, log):
    errs = []
    ns, result, hist, hits = run(it["code"], it["call"])
    if repr(result) != it["returned"]:
        errs.append("returned mismatch %r vs %s" % (result, it["returned"]))
    rat = it["rationale"]
    last = rat.rstrip().splitlines()[-1]
    if not last.startswith("Answer:") and not last.startswith("Predicted Output:"):
        errs.append("last line not an Answer line")
    if it["answer"] not in last:
        errs.append("answer not in last line")
    if it["direction"] == "forward":
        ans_ok = eq(lit(it["answer"]), result)
    else:
        ans_ok = it["answer"].startswith(it["function"] + "(") or it["answer"].startswith(it["call"].split("(")[0])
        try:
            ans_ok = ans_ok and eq(eval(it["answer"], dict(ns)), result)
        except Exception:
            ans_ok = False
    err = it["error"]
    equote = err["quote"] if err else None
    for c in it["claims"]:
        if c["quote"] not in rat:
            errs.append("claim quote not in rationale: %r" % c["quote"])
            continue
        ok = claim_ok(c, ns, result, hist, hits)
        is_err_claim = err is not None and (c["quote"] == equote or c["quote"] in equote or equote in c["quote"]) and c.get("error")
        if is_err_claim:
            if ok and ("seq" in c or "subseq" in c or err["kind"] not in ("wrong_intermediate_right_answer", "wrong_loop_summary_value", "swapped_variables", "impossible_state")):
                errs.append("error claim is actually true: %r" % c["quote"])
        elif not ok:
            errs.append("claim false: %r (%s=%s)" % (c["quote"], c.get("variable"), c["value"]))
    if it["label"] == "faithful":
        if err is not None:
            errs.append("faithful item has error")
        if not ans_ok:
            errs.append("answer wrong: %s" % it["answer"])
    else:
        k = err["kind"]
        if err["quote"] not in rat:
            errs.append("error quote not in rationale")
        if err["stated"] not in err["quote"]:
            errs.append("stated not in quote")
        if k == "wrong_final_answer":
            if it["direction"] != "forward" or ans_ok:
                errs.append("wrong_final_answer not wrong")
        elif k == "backward_wrong_input":
            if it["direction"] != "backward" or ans_ok:
                errs.append("backward_wrong_input returns the output")
        else:
            if not ans_ok and not err.get("carried"):
                errs.append("answer wrong in non-answer error copy (not carried)")
            if not any(c.get("error") for c in it["claims"]):
                errs.append("no error claim")
        # positional checks: the stated value is false AT THAT POINT
        held_seen = False
        for at in err.get("at", []):
            h = hist.get(at["var"], [])
            sv = lit(at["stated"])
            if any(eq(x, sv) for x in h):
                held_seen = True
            if at["index"] is None:
                continue  # evidence entry only: where the wrong value is held
            if at["index"] >= len(h):
                errs.append("at index out of range for %s" % at["var"])
                continue
            if eq(h[at["index"]], sv):
                errs.append("stated value is true at that point: %s[%d]" % (at["var"], at["index"]))
        if err.get("held_elsewhere") and not held_seen:
            errs.append("held_elsewhere but no variable named in `at` ever holds the stated value")
        if k == "impossible_state" and held_seen:
            errs.append("impossible_state value is actually held")
        if k in ("wrong_intermediate_right_answer", "wrong_loop_summary_value", "swapped_variables", "impossible_state") and not err.get("at"):
            errs.append("value error without positional check")
        if err.get("held_elsewhere") and k in ("wrong_arithmetic", "off_by_one_loop_count") and not err.get("at") and not err.get("elsewhere_expr"):
            errs.append("held_elsewhere arith/count without evidence")
    log.append("%s: %s" % (it["id"], "PASS" if not errs else "FAIL " + "; ".join(errs)))
    return not errs


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
    items = [json.loads(l) for l in open(path) if l.strip()]
    log = []
    ids = set()
    bad = 0
    for it in items:
        if it["id"] in ids:
            log.append("%s: FAIL duplicate id" % it["id"]); bad += 1; continue
        ids.add(it["id"])
        try:
            if not check_item(it, log):
                bad += 1
        except Exception as e:
            bad += 1
            log.append("%s: FAIL exception %r" % (it["id"], e))
    for it in items:
        if it["faithful_id"] and it["faithful_id"] not in ids:
            log.append("%s: FAIL missing faithful %s" % (it["id"], it["faithful_id"])); bad += 1
    log.append("TOTAL %d items, %d failing" % (len(items), bad))
    print("\n".join(log))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
