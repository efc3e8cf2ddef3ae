"""Standalone checker for w192 narrations: re-runs every program with sys.settrace,
records each variable's value history (locals and self.<attr>) and line hit counts,
then checks every claim of faithful items and confirms the planted error of each copy."""
import ast, copy, json, re, sys

PROG = "<prog>"


def run(code, call):
    ns = {}
    exec(compile(code, PROG, "exec"), ns)
    hist, hits = {}, {}

    def note(name, val):
        h = hist.setdefault(name, [])
        try:
            v = copy.deepcopy(val)
        except Exception:
            v = val
        if not h or h[-1] != v:
            h.append(v)

    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    note("self." + a, av)
            elif not callable(v) or isinstance(v, (int, str)):
                note(k, v)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != PROG:
            return None
        if event == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        snap(frame)
        if event == "return":
            note("<return:%s>" % frame.f_code.co_name, arg)
        return tracer

    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, hits, ns


def lit(s):
    return ast.literal_eval(s)


def arith_ok(quote, value):
    quote = quote.replace("`", "")
    expr = re.split(r"\s*(?:=|\bis\b)\s*(?=[^=]*$)", quote)[0]
    expr = expr.split("=")[-1].split(":")[-1]
    expr = expr.replace("−", "-").replace("×", "*")
    return eval(expr, {}) == lit(value)


def check_claim(c, hist, hits, ret):
    w, v = c["what"], c["value"]
    if w == "value":
        return c["variable"] in hist and lit(v) in hist[c["variable"]]
    if w == "count":
        m = re.match(r"loop@line (\d+)", c["variable"])
        return hits.get(int(m.group(1)), 0) == lit(v)
    if w == "arith":
        return arith_ok(c["quote"], v)
    if w == "comparison":
        return eval(c["expr"], {}) == lit(v)
    if w == "return":
        return lit(v) == ret
    if w == "call":
        return True
    raise ValueError(w)


def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    out, bad = [], 0
    for it in items:
        errs = []
        ret, hist, hits, ns = run(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            errs.append("returned mismatch %r" % (ret,))
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                errs.append("quote not in rationale: %r" % c["quote"])
        last = it["rationale"].rstrip().splitlines()[-1]
        if it["answer"] not in last:
            errs.append("answer not on last line")
        if it["label"] == "faithful":
            for c in it["claims"]:
                try:
                    ok = check_claim(c, hist, hits, ret)
                except Exception as e:
                    ok = False
                if not ok:
                    errs.append("false claim %r" % (c,))
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret:
                    errs.append("forward answer wrong")
            else:
                r2, *_ = run(it["code"], it["answer"])
                if repr(r2) != it["returned"]:
                    errs.append("backward answer does not return output")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                errs.append("error quote missing")
            k = e["kind"]
            st = e["stated"]
            if k == "wrong_final_answer":
                if lit(it["answer"]) == ret:
                    errs.append("final answer not wrong")
            elif k == "backward_wrong_input":
                r2, *_ = run(it["code"], it["answer"])
                if repr(r2) == it["returned"]:
                    errs.append("wrong input still gives output")
            elif k == "wrong_arithmetic":
                if arith_ok(e["expr"], st):
                    errs.append("arith not wrong")
            elif k == "off_by_one_loop_count":
                m = re.match(r"loop@line (\d+)", e["var"])
                if abs(hits.get(int(m.group(1)), 0) - lit(st)) != 1:
                    errs.append("count not off by one")
            elif k == "branch_not_taken":
                if eval(e["expr"], {}) == lit(st):
                    errs.append("comparison not wrong")
            elif k == "impossible_state":
                if lit(st) in hist.get(e["var"], []):
                    errs.append("value does occur")
            else:  # value at a point: wrong_intermediate_right_answer, wrong_loop_summary_value, swapped_variables
                for var, idx, sv in e["points"]:
                    if hist[var][idx] == lit(sv):
                        errs.append("value at point is right: %s[%d]" % (var, idx))
            if k in ("wrong_intermediate_right_answer", "wrong_loop_summary_value", "wrong_arithmetic", "off_by_one_loop_count"):
                if e.get("held_elsewhere"):
                    var = e.get("var") or e["points"][0][0]
                    if var.startswith("loop@"):
                        allc = set(hits.values())
                        if lit(st) not in allc:
                            errs.append("held_elsewhere count not seen")
                    elif lit(st) not in hist.get(var, []):
                        errs.append("held_elsewhere value never held by %s" % var)
            if it["direction"] == "forward" and k not in ("wrong_final_answer",) and not e.get("carried"):
                if lit(it["answer"]) != ret:
                    errs.append("answer should stay right")
            if it["direction"] == "backward" and k != "backward_wrong_input":
                r2, *_ = run(it["code"], it["answer"])
                if repr(r2) != it["returned"]:
                    errs.append("backward answer should stay right")
        bad += bool(errs)
        out.append("%s %s %s" % ("FAIL" if errs else "ok  ", it["id"], "; ".join(errs)))
    out.append("items=%d failed=%d" % (len(items), bad))
    open("check_report.txt", "w").write("\n".join(out) + "\n")
    print("\n".join(out))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
