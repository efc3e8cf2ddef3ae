"""Standalone checker for w153 narrations: plain execution + sys.settrace histories."""
import json, sys, ast, copy

def run_traced(code, call):
    """Run call; return (result, hist, lines, rets).
    hist[name] = ordered list of values (a new entry each time the value changes in a frame);
    lines[(func, lineno)] = times a line event fired; rets[func] = list of return values."""
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    hist, lines, rets, last = {}, {}, {}, {}
    def snap(frame):
        fid = id(frame)
        for k, v in frame.f_locals.items():
            names = [(k, v)]
            if k == "self":
                names = [("self." + a, b) for a, b in vars(v).items()]
            for nm, val in names:
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    continue
                key = (fid, nm)
                if key not in last or last[key] != val or type(last[key]) != type(val):
                    last[key] = val
                    hist.setdefault(nm, []).append(val)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        fn = frame.f_code.co_name
        snap(frame)
        if event == "line":
            lines[(fn, frame.f_lineno)] = lines.get((fn, frame.f_lineno), 0) + 1
        elif event == "return":
            rets.setdefault(fn, []).append(copy.deepcopy(arg))
        return tr
    sys.settrace(tr)
    try:
        res = eval(call, g)
    finally:
        sys.settrace(None)
    return res, hist, lines, rets, g

def line_hits(lines, n):
    return sum(v for (fn, ln), v in lines.items() if ln == n)

def lit(s):
    return ast.literal_eval(s)

def arith_eval(quote):
    q = quote.replace("×", "*").replace("`", "")
    if " is " in q:
        lhs, rhs = q.rsplit(" is ", 1)
    else:
        parts = q.split("=")
        lhs, rhs = parts[-2], parts[-1]
    return eval(lhs.strip(), {}), rhs.strip()

def claim_true(c, ctx):
    res, hist, lines, rets = ctx
    w, var, val = c["what"], c.get("variable"), c["value"]
    if w == "value":
        v = lit(val)
        return any(x == v and type(x) == type(v) or (x == v and isinstance(x, (int, float)) and isinstance(v, (int, float))) for x in hist.get(var, []))
    if w == "count":
        # variable "loop@line N": iterations = hits of the first body line N+1
        n = int(var.split("@line")[1])
        if var.startswith("iter@"):  # header hits minus the final failing check
            return line_hits(lines, n) - 1 == lit(val)
        return line_hits(lines, n + 1) == lit(val)
    if w == "arith":
        got, _ = arith_eval(c["quote"])
        return got == lit(val)
    if w == "comparison":
        return bool(eval(c["expr"], {})) == lit(val)
    if w == "return":
        return res == lit(val)
    if w == "call":
        return lit(val) in rets.get(var, [])
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    progs = {json.loads(l)["id"]: json.loads(l) for l in open("programs.jsonl")}
    out, bad = [], 0
    cache = {}
    for it in items:
        errs = []
        pid = it["program_id"]
        if pid not in cache:
            res, hist, lines, rets, g = run_traced(it["code"], it["call"])
            cache[pid] = (res, hist, lines, rets)
        ctx = cache[pid]
        res = ctx[0]
        if repr(res) != it["returned"]:
            errs.append("returned mismatch %r" % (res,))
        if progs[pid]["returned"] != it["returned"] or len(progs[pid]["events"]) != it["trace_events"]:
            errs.append("programs.jsonl mismatch")
        if not it["rationale"].rstrip().endswith("Answer: " + it["answer"]) and ("Answer: " + it["answer"]) not in it["rationale"].splitlines()[-1]:
            errs.append("answer line mismatch")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                errs.append("quote not in rationale: " + c["quote"])
        # answer
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == res and repr(lit(it["answer"])) == it["returned"]
        else:
            g = {}
            exec(it["code"], g)
            ans_ok = repr(eval(it["answer"], g)) == it["returned"] and it["answer"].startswith(it["function"] + "(") or (repr(eval(it["answer"], g)) == it["returned"] and it["function"] in it["answer"])
        e = it["error"]
        if it["label"] == "faithful":
            if not ans_ok:
                errs.append("answer wrong")
            for c in it["claims"]:
                if not claim_true(c, ctx):
                    errs.append("false claim: %s" % c["quote"])
            if it["direction"] == "forward":
                # stronger: per variable, the value claims (in text order) must follow the
                # variable's history in execution order (a subsequence of it)
                byvar = {}
                for c in it["claims"]:
                    if c["what"] == "value":
                        byvar.setdefault(c["variable"], []).append((it["rationale"].find(c["quote"]), lit(c["value"])))
                for v, lst in byvar.items():
                    h, k = ctx[1].get(v, []), 0
                    for _, val in sorted(lst, key=lambda x: x[0]):
                        while k < len(h) and h[k] != val:
                            k += 1
                        if k == len(h):
                            errs.append("value claims for %s out of execution order" % v)
                            break
        else:
            if e["quote"] not in it["rationale"]:
                errs.append("error quote not in rationale")
            k = e["kind"]
            err_claims = [c for c in it["claims"] if e["quote"] in c["quote"] or c["quote"] in e["quote"]]
            others = [c for c in it["claims"] if c not in err_claims]
            for c in others:
                if not claim_true(c, ctx) and not e.get("carried"):
                    errs.append("other claim false: %s" % c["quote"])
            if k == "wrong_final_answer":
                if ans_ok: errs.append("final answer not wrong")
            elif k == "backward_wrong_input":
                if ans_ok: errs.append("backward answer actually works")
            else:
                if not ans_ok and not e.get("carried"): errs.append("answer should stay right")
                if not err_claims: errs.append("no claim for error")
                for c in err_claims:
                    if claim_true(c, ctx) and c["what"] != "value":
                        errs.append("error claim is true: %s" % c["quote"])
                at = e.get("at")
                if at:  # position-specific check: value at that point
                    h = ctx[1].get(at["variable"], [])
                    true_v = h[at["index"]]
                    if "element" in at:
                        true_v = true_v[at["element"]]
                    if lit(e["stated"]) == true_v: errs.append("stated equals value at that point")
                    if lit(e["actual"]) != true_v: errs.append("actual != value at point %r" % (true_v,))
                elif k in ("impossible_state",):
                    v = lit(e["stated"])
                    if any(x == v for x in ctx[1].get(e.get("variable") or err_claims[0]["variable"], [])):
                        errs.append("impossible state actually held")
                if e.get("held_elsewhere"):
                    v = lit(e["stated"])
                    def flat(x):
                        yield x
                        if isinstance(x, dict):
                            for y in x.values(): yield from flat(y)
                        elif isinstance(x, (list, tuple)):
                            for y in x: yield from flat(y)
                    if not any(v == y for h in ctx[1].values() for x in h for y in flat(x)):
                        errs.append("held_elsewhere but never held")
        status = "PASS" if not errs else "FAIL"
        bad += bool(errs)
        out.append("%s %s %s" % (status, it["id"], "; ".join(errs)))
    out.append("items=%d failed=%d" % (len(items), bad))
    open("check_report.txt", "w").write("\n".join(out) + "\n")
    print("\n".join(out[-40:]))
    return bad

if __name__ == "__main__":
    sys.exit(1 if main() else 0)
