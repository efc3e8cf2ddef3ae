"""Standalone checker for w180 narrations: re-executes each program with sys.settrace."""
import ast, copy, json, sys
from collections import defaultdict

FN = "<prog>"

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call):
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    hist = defaultdict(list)
    lines = defaultdict(int)
    def rec(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    key = "self." + a
                    s = snap(av)
                    if not hist[key] or hist[key][-1] != s:
                        hist[key].append(s)
                continue
            if callable(v) or isinstance(v, type):
                continue
            s = snap(v)
            if not hist[k] or hist[k][-1] != s:
                hist[k].append(s)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == "line":
            lines[frame.f_lineno] += 1
        rec(frame)
        if event == "return":
            hist["<return:%s>" % frame.f_code.co_name].append(snap(arg))
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines, ns

def lit(s):
    return ast.literal_eval(s)

def var_hist(hist, var):
    """History of a variable, or of a subscript of one such as bins['p']."""
    if var is None or "[" not in var:
        return hist.get(var, [])
    base, rest = var.split("[", 1)
    out = []
    for v in hist.get(base, []):
        try:
            x = eval("_v[" + rest, {"_v": v})
        except Exception:
            continue
        if not out or out[-1] != x:
            out.append(x)
    return out

def claim_true(c, ret, hist, lines, ns):
    what, var = c["what"], c.get("variable")
    if what == "value":
        h = var_hist(hist, var)
        if c.get("seq"):
            v = lit(c["value"])
            return any(h[i:i + len(v)] == v for i in range(len(h)))
        return lit(c["value"]) in h
    if what == "count":
        ln = int(var.split("@line")[1])
        return lines[ln] == lit(c["value"])
    if what in ("comparison", "arith"):
        expr = c.get("expr", c["quote"])
        return eval(expr, {}) == lit(c["value"])
    if what == "return":
        return lit(c["value"]) == ret
    if what == "call":
        return eval(c["value"], ns) == ret
    raise ValueError(what)

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    out, bad = [], 0
    for it in items:
        errs = []
        ret, hist, lines, ns = run(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            errs.append("returned mismatch %r" % (ret,))
        if it["rationale"].strip().splitlines()[-1].strip() != "Answer: " + it["answer"] and "Predicted Output: " + it["answer"] not in it["rationale"].strip().splitlines()[-1]:
            errs.append("last line does not hold answer")
        err = it["error"]
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                errs.append("quote missing: %r" % c["quote"])
            is_err = err is not None and c["quote"] == err["quote"]
            ok = claim_true(c, ret, hist, lines, ns)
            point = err is not None and err.get("check", {}).get("type") == "hist_index"
            if is_err and ok and not point:  # point errors are checked against the history index below
                errs.append("error claim is true: %r" % c["quote"])
            if not is_err and not ok:
                errs.append("claim false: %r" % c["quote"])
        # answer
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == ret
        else:
            ns2 = {}
            exec(compile(it["code"], FN, "exec"), ns2)
            ans_ok = eval(it["answer"], ns2) == ret
        wants_wrong = err is not None and err["kind"] in ("wrong_final_answer", "backward_wrong_input")
        if ans_ok == wants_wrong:
            errs.append("answer check wrong (ok=%s)" % ans_ok)
        if err is not None:
            if err["quote"] not in it["rationale"]:
                errs.append("error quote missing")
            if err["kind"] not in ("wrong_final_answer", "backward_wrong_input") and not any(c["quote"] == err["quote"] for c in it["claims"]):
                errs.append("no claim for error")
            chk = err.get("check", {})
            t = chk.get("type")
            if t == "hist_index":  # stated value false at that point
                h = var_hist(hist, chk["variable"])
                if h[chk["index"]] == lit(err["stated"]) or h[chk["index"]] != lit(err["actual"]):
                    errs.append("hist_index check failed")
            elif t == "count":
                if lines[chk["line"]] == lit(err["stated"]) or lines[chk["line"]] != lit(err["actual"]):
                    errs.append("count check failed")
            elif t == "expr":
                if eval(chk["expr"], {}) == lit(err["stated"]) or eval(chk["expr"], {}) != lit(err["actual"]):
                    errs.append("expr check failed")
            elif t == "never":
                if lit(err["stated"]) in hist[chk["variable"]]:
                    errs.append("impossible_state value occurs")
            elif t == "answer":
                pass
            else:
                errs.append("no check")
            if not err.get("held_elsewhere") and err["kind"] in ("wrong_arithmetic", "wrong_intermediate_right_answer", "wrong_loop_summary_value"):
                if any(lit(err["stated"]) in h for h in hist.values()):
                    errs.append("held_elsewhere=false but stated value is held somewhere")
            if err.get("held_elsewhere"):
                if not any(lit(err["stated"]) in h for h in hist.values()):
                    errs.append("held_elsewhere value never held")
        status = "PASS" if not errs else "FAIL"
        bad += bool(errs)
        out.append("%s %s %s" % (status, it["id"], "; ".join(errs)))
    out.append("items=%d failed=%d" % (len(items), bad))
    open("check_report.txt", "w").write("\n".join(out) + "\n")
    print("\n".join(out))
    sys.exit(1 if bad else 0)

if __name__ == "__main__":
    main()
