#!/usr/bin/env python3
"""Standalone checker for w26 narrations: runs each program with sys.settrace and verifies
returned values, claims, answers, and that each error copy's error is really false."""
import ast, copy, json, sys

FN = "<w26prog>"


def run_traced(code, call):
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    snaps, lines = [], {}

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        if event in ("line", "return"):
            try:
                snaps.append(copy.deepcopy(dict(frame.f_locals)))
            except Exception:
                snaps.append(dict(frame.f_locals))
        return tracer

    sys.settrace(tracer)
    try:
        ret = eval(compile(call, FN, "eval"), ns)
    finally:
        sys.settrace(None)
    return ret, snaps, lines


def plain_call(code, call):
    ns = {}
    exec(compile(code, "<plain>", "exec"), ns)
    return eval(call, ns)


def history(var, snaps):
    out = []
    for s in snaps:
        try:
            v = eval(var, {}, dict(s))
        except Exception:
            continue
        out.append(v)
    return out


def strip(q):
    return q.replace("`", "").strip()


def claim_truth(c, ret, snaps, lines):
    """Return (ok, detail) for whether the claim is true of the execution."""
    what, var = c["what"], c.get("variable")
    try:
        val = ast.literal_eval(c["value"])
    except Exception:
        return False, "value not a literal: %r" % c["value"]
    if what == "value":
        if var is None:
            return False, "value claim without variable"
        h = history(var, snaps)
        return (val in h), "history of %s has %d entries" % (var, len(h))
    if what == "count":
        if var and var.startswith("loop@line "):
            n = lines.get(int(var.split()[-1]), 0)
            return n == val, "line count %d" % n
        return False, "count needs loop@line N"
    if what == "comparison":
        try:
            got = eval(strip(c["quote"]), {})
        except Exception as e:
            return False, "cannot eval comparison: %s" % e
        return bool(got) == bool(val), "comparison evaluates %r" % got
    if what == "arith":
        q = strip(c["quote"])
        lhs = q.rsplit("=", 1)[0] if " = " in q or "=" in q.replace("==", "") else q
        try:
            got = eval(lhs, {})
        except Exception as e:
            return False, "cannot eval arith %r: %s" % (lhs, e)
        return got == val, "arith evaluates %r" % got
    if what == "return":
        return val == ret, "returned %r" % (ret,)
    if what == "call":
        return False, "call claims checked via answer"
    return False, "unknown what"


def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    by_id = {it["id"]: it for it in items}
    fails, report = 0, []
    for it in items:
        errs = []
        ret, snaps, lines = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            errs.append("returned mismatch %r vs %s" % (ret, it["returned"]))
        rat = it["rationale"]
        last = rat.rstrip().splitlines()[-1]
        if not (last.startswith("Answer:") or last.startswith("Predicted Output:")):
            errs.append("last line is not an Answer line")
        elif last.split(":", 1)[1].strip() != it["answer"]:
            errs.append("answer field differs from last line")
        for c in it["claims"]:
            if c["quote"] not in rat:
                errs.append("claim quote not in rationale: %r" % c["quote"])
        err = it.get("error")
        # answer correctness
        if it["direction"] == "forward":
            try:
                ans_ok = ast.literal_eval(it["answer"]) == ret
            except Exception:
                ans_ok = False
        else:
            fn = it["function"]
            if not (it["answer"].startswith(fn + "(") or ("." + fn + "(") in it["answer"]):
                errs.append("backward answer does not call %s" % it["function"])
            try:
                ans_ok = repr(plain_call(it["code"], it["answer"])) == it["returned"]
            except Exception:
                ans_ok = False
        wrong_answer_kinds = ("wrong_final_answer", "backward_wrong_input")
        if it["label"] == "faithful":
            if err is not None or it["faithful_id"] is not None:
                errs.append("faithful item has error/faithful_id")
            if not ans_ok:
                errs.append("answer wrong")
            for c in it["claims"]:
                ok, d = claim_truth(c, ret, snaps, lines)
                if not ok:
                    errs.append("false claim %r (%s)" % (c["quote"], d))
        else:
            if it["faithful_id"] not in by_id:
                errs.append("faithful_id missing")
            if err["quote"] not in rat:
                errs.append("error quote not in rationale")
            k = err["kind"]
            carried = err.get("carried", False)
            if k in wrong_answer_kinds:
                if ans_ok:
                    errs.append("%s but answer is right" % k)
                if k == "wrong_final_answer" and it["direction"] != "forward":
                    errs.append("wrong_final_answer on backward")
                if k == "backward_wrong_input" and it["direction"] != "backward":
                    errs.append("backward_wrong_input on forward")
            else:
                if not ans_ok and not carried:
                    errs.append("answer wrong but error not carried")
                ec = [c for c in it["claims"] if c["quote"] == err["quote"]
                      and str(c["value"]) == str(err["stated"])]
                if not ec:
                    errs.append("no claim holds the error quote")
                else:
                    c = ec[0]
                    ok, d = claim_truth(c, ret, snaps, lines)
                    if ok:
                        errs.append("error claim is actually true (%s)" % d)
                    if str(c["value"]) != str(err["stated"]).strip():
                        try:
                            same = ast.literal_eval(c["value"]) == ast.literal_eval(err["stated"])
                        except Exception:
                            same = False
                        if not same:
                            errs.append("error claim value differs from stated")
                    # the actual value must be the true one
                    c2 = dict(c, value=err["actual"])
                    ok2, d2 = claim_truth(c2, ret, snaps, lines)
                    if not ok2:
                        errs.append("error 'actual' not true (%s)" % d2)
                    if k == "impossible_state" and c["what"] == "value":
                        if ast.literal_eval(c["value"]) in history(c["variable"], snaps):
                            errs.append("impossible_state value does occur")
            for c in it["claims"]:
                if (c["quote"] == err["quote"] and str(c["value"]) == str(err["stated"])) or carried:
                    continue
                ok, d = claim_truth(c, ret, snaps, lines)
                if not ok:
                    errs.append("false non-error claim %r (%s)" % (c["quote"], d))
        status = "PASS" if not errs else "FAIL"
        if errs:
            fails += 1
        report.append("%s %s %s" % (status, it["id"], "; ".join(errs)))
    report.append("%d items, %d failing" % (len(items), fails))
    return report, fails


if __name__ == "__main__":
    rep, fails = main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")
    print("\n".join(rep))
    sys.exit(1 if fails else 0)
