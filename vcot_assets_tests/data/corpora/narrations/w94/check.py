"""Standalone checker for w94 narrations: re-executes each call under sys.settrace
and verifies claims, answers and errors. Standard library only."""
import ast, copy, json, re, sys

FN = "<w94>"


def run(code, call):
    g = {"__name__": "w94prog"}
    exec(compile(code, FN, "exec"), g)
    hist, hits, rets = {}, {}, {}

    def snap(frame):
        for k, v in frame.f_locals.items():
            items = [(k, v)]
            if k == "self" and hasattr(v, "__dict__"):
                items = [("self." + a, b) for a, b in vars(v).items()]
            for name, val in items:
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    pass
                h = hist.setdefault(name, [])
                if not h or repr(h[-1]) != repr(val):
                    h.append(val)

    def tr(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        snap(frame)
        if event == "return":
            rets.setdefault(frame.f_code.co_name, []).append(copy.deepcopy(arg))
        return tr

    sys.settrace(tr)
    try:
        out = eval(call, g)
    finally:
        sys.settrace(None)
    return out, hist, hits, rets, g


def lit(s):
    return ast.literal_eval(s) if isinstance(s, str) else s


def same(a, b):
    return repr(a) == repr(b)


def claim_true(c, ctx):
    out, hist, hits, rets, g = ctx
    what = c["what"]
    val = lit(c["value"])
    if what == "value":
        h = hist.get(c["variable"], [])
        if "at" in c:
            return c["at"] < len(h) and same(h[c["at"]], val)
        return any(same(x, val) for x in h)
    if what == "count":
        return hits.get(c["line"], 0) + c.get("offset", 0) == val
    if what in ("comparison", "arith"):
        expr = c.get("expr")
        if expr is None:
            expr = re.split(r"(?<![=<>!])=(?!=)", c["quote"])[0]
        return same(eval(expr, {}), val)
    if what == "return":
        if c.get("variable") and c["variable"] in rets:
            return any(same(x, val) for x in rets[c["variable"]])
        return same(out, val)
    if what == "call":
        return same(eval(c.get("expr", c["quote"]), g), out)
    raise ValueError(what)


def anywhere(val, ctx):
    out, hist, hits, rets, g = ctx
    return any(same(x, val) for h in hist.values() for x in h) or same(out, val)


def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    byid = {it["id"]: it for it in items}
    fails, lines = 0, []
    for it in items:
        errs = []
        ctx = run(it["code"], it["call"])
        out = ctx[0]
        if repr(out) != it["returned"]:
            errs.append("returned mismatch %r" % (out,))
        rat = it["rationale"]
        if not rat.rstrip().splitlines()[-1].startswith("Answer:") and not rat.rstrip().splitlines()[-1].startswith("Predicted Output:"):
            errs.append("last line not Answer")
        for c in it["claims"]:
            if c["quote"] not in rat:
                errs.append("quote not in rationale: %r" % c["quote"])
        if it["direction"] == "forward":
            ans_ok = same(lit(it["answer"]), out)
        else:
            _, _, _, _, g = ctx
            ans_ok = same(eval(it["answer"], g), out)
        if it["answer"] not in rat.rstrip().splitlines()[-1]:
            errs.append("answer not in last line")
        if it["label"] == "faithful":
            if not ans_ok:
                errs.append("faithful answer wrong")
            for c in it["claims"]:
                if not claim_true(c, ctx):
                    errs.append("false claim %r" % c)
        else:
            e = it["error"]
            f = byid.get(it["faithful_id"])
            if f is None:
                errs.append("missing faithful")
            if e["quote"] not in rat:
                errs.append("error quote missing")
            k = e["kind"]
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    errs.append("wrong answer is actually right")
                if k == "backward_wrong_input" and it["direction"] != "backward":
                    errs.append("bwi on forward")
                if k == "wrong_final_answer" and it["direction"] != "forward":
                    errs.append("wfa on backward")
            else:
                if not ans_ok and not e.get("carried"):
                    errs.append("error copy answer wrong but not carried")
                if k == "wrong_intermediate_right_answer" and not ans_ok:
                    errs.append("wirA answer not right")
                bad = [c for c in it["claims"] if c["quote"] in e["quote"]]
                if not bad:
                    errs.append("no claim for error quote")
                if bad and all(claim_true(c, ctx) for c in bad):
                    errs.append("error claim is actually true: %r" % bad)
                for c in bad:
                    if e.get("held_elsewhere") and not anywhere(lit(c["value"]), ctx):
                        errs.append("held_elsewhere value never held")
                others = [c for c in it["claims"] if c["quote"] not in e["quote"]]
                for c in others:
                    if not claim_true(c, ctx) and not e.get("carried"):
                        errs.append("second false claim %r" % c)
        status = "PASS" if not errs else "FAIL"
        fails += bool(errs)
        lines.append("%s %s %s" % (status, it["id"], "; ".join(errs)))
    lines.append("items=%d failures=%d" % (len(items), fails))
    rep = "\n".join(lines)
    print(rep)
    open("check_report.txt", "w").write(rep + "\n")
    sys.exit(1 if fails else 0)


if __name__ == "__main__":
    main()
