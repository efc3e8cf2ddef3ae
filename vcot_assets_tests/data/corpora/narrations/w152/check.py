"""Standalone checker for w152 narrations: re-executes each program with sys.settrace."""
import ast, copy, json, sys

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = {}      # name -> list of values (consecutive duplicates removed)
    lines = {}     # line number -> hit count
    at_line = {}   # line number -> list of {name: value} snapshots taken when the line is about to run
    def rec(name, val):
        try:
            v = copy.deepcopy(val)
        except Exception:
            v = repr(val)
        h = hist.setdefault(name, [])
        if not h or h[-1] != v:
            h.append(v)
    def snap(frame):
        cur = {}
        for k, v in frame.f_locals.items():
            if callable(v):
                continue
            if hasattr(v, "__dict__") and not isinstance(v, type):
                for ak, av in vars(v).items():
                    rec(k + "." + ak, av)
                    cur[k + "." + ak] = av
            else:
                rec(k, v)
                cur[k] = v
        return cur
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        cur = snap(frame)
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            at_line.setdefault(frame.f_lineno, []).append(copy.deepcopy(cur))
        if event == "return":
            rec("<return:%s>" % frame.f_code.co_name, arg)
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    hist["@line"] = at_line
    return result, hist, lines, ns

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, result, hist, lines):
    """Return True if the claim is true of the execution."""
    what, var, val = c["what"], c.get("variable"), lit(c["value"])
    if what == "value":
        if "at_line" in c:   # values of var each time line at_line is about to run
            h = [sn[var] for sn in hist["@line"].get(c["at_line"], []) if var in sn]
        else:                # every distinct value var takes, in order (consecutive repeats merged)
            h = hist.get(var, [])
        h = h[c.get("from", 0):]
        if c.get("history"):
            return h == val
        if "step" in c:
            return c["step"] < len(h) and h[c["step"]] == val
        return val in h
    if what == "count":
        line = int(var.split("@line")[1]) if "@line" in var else c["line"]
        return lines.get(line, 0) == val
    if what in ("comparison", "arith"):
        return eval(c["expr"]) == val
    if what == "return":
        return result == val
    raise ValueError(what)

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    out, bad = [], 0
    for it in items:
        probs = []
        result, hist, lines, ns = run_traced(it["code"], it["call"])
        if repr(result) != it["returned"]:
            probs.append("returned mismatch %r" % (result,))
        rat = it["rationale"]
        if not rat.rstrip().splitlines()[-1].startswith("Answer:") and "Predicted Output:" not in rat.rstrip().splitlines()[-1]:
            probs.append("last line not Answer")
        for c in it["claims"]:
            if c["quote"] not in rat:
                probs.append("quote missing: %r" % c["quote"])
        err = it["error"]
        errq = err["quote"] if err else None
        if err and errq not in rat:
            probs.append("error quote missing")
        for c in it["claims"]:
            ok = check_claim(c, result, hist, lines)
            is_err_claim = err is not None and c.get("is_error")
            if is_err_claim and ok:
                probs.append("error claim is actually true: %r" % c["quote"])
            if not is_err_claim and not ok:
                probs.append("false claim: %r" % c["quote"])
        # answer
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == result
        else:
            ns2 = {}
            exec(compile(it["code"], "<p2>", "exec"), ns2)
            try:
                ans_ok = repr(eval(it["answer"], ns2)) == it["returned"]
            except Exception:
                ans_ok = False
        if err and err.get("held_elsewhere"):
            # the wrong value must be one the program really holds somewhere (another moment or variable) ...
            hv = lit(err["held_value"])
            occurs = False
            for name, h in hist.items():
                if name == "@line":
                    continue
                for v in h:
                    try:
                        if v == hv or (isinstance(v, (list, tuple, set, dict)) and hv in v):
                            occurs = True
                    except TypeError:
                        pass
            if not occurs:
                probs.append("held_elsewhere value %r never held in the run" % (hv,))
            # ... and the error claim must be checked at its point, not just against the whole run
            for c in it["claims"]:
                if c.get("is_error") and c["what"] == "value" and not ("step" in c or c.get("history") or "at_line" in c):
                    probs.append("held_elsewhere error claim not point-specific: %r" % c["quote"])
        final_err = err and err["kind"] in ("wrong_final_answer", "backward_wrong_input")
        if final_err and ans_ok:
            probs.append("answer error but answer is right")
        if not final_err and not ans_ok:
            probs.append("answer wrong")
        if err and not final_err and not any(c.get("is_error") for c in it["claims"]):
            probs.append("error copy without error claim")
        if err and err["kind"] in ("wrong_final_answer",) and it["direction"] != "forward":
            probs.append("wrong_final_answer on backward")
        status = "PASS" if not probs else "FAIL"
        bad += bool(probs)
        out.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    out.append("items=%d failed=%d" % (len(items), bad))
    open("check_report.txt", "w").write("\n".join(out) + "\n")
    print("\n".join(l for l in out if not l.startswith("PASS")))

if __name__ == "__main__":
    main()
