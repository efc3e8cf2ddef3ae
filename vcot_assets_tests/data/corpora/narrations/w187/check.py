#!/usr/bin/env python3
"""Standalone checker for w187 narrations: re-executes each program with sys.settrace,
records per-variable value histories, line hit counts and return values, then checks
every claim of faithful items and confirms the single error of error copies is false."""
import sys, json, copy, ast

PROG = "<program>"

def run_traced(code, call):
    hist = {}        # name -> list of values (changes, in execution order, across frames)
    lines = {}       # lineno -> hits
    seq = []         # line numbers in execution order
    rets = {}        # function name -> list of return values
    last = {}        # (frame id, name) -> last seen value
    def snap(frame):
        fid = id(frame)
        items = dict(frame.f_locals)
        if "self" in items and hasattr(items["self"], "__dict__"):
            for k, v in vars(items["self"]).items():
                items["self." + k] = v
            del items["self"]
        for k, v in items.items():
            try:
                v2 = copy.deepcopy(v)
            except Exception:
                v2 = v
            key = (fid, k)
            if key not in last or last[key] != v2:
                last[key] = v2
                hist.setdefault(k, []).append(v2)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != PROG:
            return None
        def local(frame, event, arg):
            if event == "line":
                snap(frame)
                lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
                seq.append(frame.f_lineno)
            elif event == "return":
                snap(frame)
                rets.setdefault(frame.f_code.co_name, []).append(copy.deepcopy(arg))
            return local
        return local(frame, event, arg)
    ns = {}
    exec(compile(code, PROG, "exec"), ns)
    sys.settrace(tracer)
    try:
        result = eval(compile(call, "<call>", "eval"), ns)
    finally:
        sys.settrace(None)
    lines["_seq"] = seq
    return result, hist, lines, rets

def plain_call(code, call):
    ns = {}
    exec(compile(code, PROG, "exec"), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def claim_truth(c, hist, lines, result):
    """Return (ok, detail) for one claim against the real run."""
    what = c["what"]
    val = lit(c["value"])
    if what == "value":
        h = hist.get(c["variable"])
        if h is None:
            return False, "no such variable %r" % c["variable"]
        if "index" in c:
            k = c["index"]
            actual = h[k] if -len(h) <= k < len(h) else "<out of range>"
            return actual == val, "history[%d]=%r" % (k, actual)
        return val in h, "history=%r" % (h,)
    if what == "count":
        lab = c["variable"]
        if "|pass@line " in lab:   # hits of line A during the k-th pass delimited by line B
            a = int(lab.split("@line ")[1].split("|")[0])
            b, k = lab.split("|pass@line ")[1].split("#")
            b, k = int(b), int(k)
            seq = lines["_seq"]; nb = 0; actual = 0
            for ln in seq:
                if ln == b:
                    nb += 1
                elif ln == a and nb == k:
                    actual += 1
        elif "@line " in lab:
            n = int(lab.split("@line ")[1])
            actual = lines.get(n, 0)
        else:   # loop variable: number of values it takes
            actual = len(hist.get(lab, []))
        return actual == val, "actual count %r" % actual
    if what in ("comparison", "arith"):
        actual = eval(c["expr"], {})
        if "var_check" in c:   # operands tied to execution: each must be a real value
            for name, v in c["var_check"].items():
                if lit(v) not in hist.get(name, []):
                    return False, "operand %s=%s never held" % (name, v)
        return actual == val, "eval(%s)=%r" % (c["expr"], actual)
    if what == "return":
        return result == val, "returned %r" % (result,)
    if what == "call":   # the quoted call must reproduce the traced output
        return CALL_RESULT(c["quote"]) == result, "call %s" % c["quote"]
    return False, "unknown what"

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") if l.strip()]
    ids = {it["id"] for it in items}
    fails = 0
    report = []
    for it in items:
        errs = []
        try:
            result, hist, lines, rets = run_traced(it["code"], it["call"])
        except Exception as e:
            errs.append("run failed: %r" % e)
            result = None; hist = {}; lines = {}
        global CALL_RESULT
        CALL_RESULT = lambda q, code=it["code"]: plain_call(code, q)
        if repr(result) != it["returned"]:
            errs.append("returned mismatch %r vs %r" % (result, it["returned"]))
        if it["rationale"].rstrip().splitlines()[-1].strip() != "Answer: " + it["answer"] and \
           not it["rationale"].rstrip().splitlines()[-1].strip().endswith(it["answer"]):
            errs.append("last line does not carry answer")
        err = it["error"]
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                errs.append("quote not in rationale: %r" % c["quote"])
                continue
            ok, det = claim_truth(c, hist, lines, result)
            is_err = err is not None and c["quote"] == err["quote"]
            if is_err:
                if ok:
                    errs.append("error claim is actually TRUE: %r (%s)" % (c["quote"], det))
                if err.get("held_elsewhere"):
                    v = lit(c["value"])
                    held = any(v in h for h in hist.values())
                    if "held_var" in err:   # the wrong value is one this variable holds at another moment
                        held = lit(err["held_value"]) in hist.get(err["held_var"], [])
                    if c["what"] == "count":
                        held = v in [x for key, x in lines.items() if key != "_seq"]
                    if not held:
                        errs.append("held_elsewhere but value never held: %r" % c["quote"])
            elif c.get("carried"):
                pass
            elif not ok:
                errs.append("false claim: %r (%s)" % (c["quote"], det))
        # answers
        if it["direction"] == "forward":
            try:
                ans_ok = lit(it["answer"]) == result
            except Exception:
                ans_ok = False
        else:
            try:
                ans_ok = plain_call(it["code"], it["answer"]) == result
            except Exception as e:
                ans_ok = False
        want_ans_ok = not (err and err["kind"] in ("wrong_final_answer", "backward_wrong_input"))
        if ans_ok != want_ans_ok:
            errs.append("answer check %r, expected %r" % (ans_ok, want_ans_ok))
        if err:
            if err["quote"] not in it["rationale"]:
                errs.append("error quote missing from rationale")
            if it["faithful_id"] not in ids:
                errs.append("faithful_id missing")
            if err["kind"] not in ("wrong_final_answer", "backward_wrong_input") and \
               not any(c["quote"] == err["quote"] for c in it["claims"]):
                errs.append("error has no matching claim")
        status = "PASS" if not errs else "FAIL"
        fails += bool(errs)
        report.append("%s %s %s" % (status, it["id"], "; ".join(errs)))
    report.append("items=%d failures=%d" % (len(items), fails))
    print("\n".join(report))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
