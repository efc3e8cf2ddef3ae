#!/usr/bin/env python3
"""Standalone checker for w376 narrations: re-executes every program with sys.settrace
(no trace script, no tool code) and checks returned values, claims, answers and errors."""
import ast, copy, json, re, sys

PATH = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"


def run(code, call):
    """Run call, record per-variable change history (all frames of the program, plus self.attrs),
    line hit counts, returned value."""
    hist, lines = {}, {}
    def note(name, val):
        try:
            val = copy.deepcopy(val)
        except Exception:
            return
        h = hist.setdefault(name, [])
        if not h or h[-1] != val or type(h[-1]) != type(val):
            h.append(val)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in getattr(v, "__dict__", {}).items():
                    note("self." + a, av)
            elif not callable(v):
                note(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        snap(frame)
        if event == "return":
            note("ret:" + frame.f_code.co_name, arg)
        return tracer
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    sys.settrace(tracer)
    try:
        res = eval(compile(call, "<call>", "eval"), g)
    finally:
        sys.settrace(None)
    return res, hist, lines


def plain_eval(code, call):
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)


def lit(s):
    return ast.literal_eval(s)


def arith_ok(quote, value):
    q = quote.replace("`", "").strip()
    # the expression is the part before the last '=' (not '==', '<=', ...) or ' is '
    parts = re.split(r"(?<![=!<>])=(?!=)| is ", q)
    expr = parts[-2] if len(parts) >= 2 else q
    expr = expr.strip()
    return eval(expr) == lit(value), expr


def check_claim(c, res, hist, lines, code):
    w, v = c["what"], c["value"]
    if w == "value":
        val = lit(v)
        if c.get("series"):
            h = hist.get(c["variable"], [])
            val = [x for i, x in enumerate(val) if i == 0 or val[i - 1] != x]  # history keeps changes only
            n = len(val)
            return any(h[i:i + n] == val for i in range(len(h) - n + 1))
        if c["variable"] is None:
            return any(val in h for h in hist.values())
        return val in hist.get(c["variable"], [])
    if w == "count":
        ln = int(c["variable"].split("line")[-1].strip())
        return lines.get(ln, 0) == lit(v)
    if w == "arith":
        ok, _ = arith_ok(c["quote"], v)
        return ok
    if w == "comparison":
        return bool(eval(c["expr"])) == lit(v)
    if w == "return":
        return lit(v) == res
    if w == "call":
        return repr(plain_eval(code, v)) == repr(res)
    raise ValueError(w)


def actual_at(at, res, hist, lines, code):
    if "hist" in at:
        return hist[at["hist"]][at["k"]]
    if "count" in at:
        return lines.get(at["count"], 0)
    if "expr" in at:
        return eval(at["expr"])
    raise ValueError(at)


def main():
    items = [json.loads(l) for l in open(PATH, encoding="utf-8") if l.strip()]
    byid = {it["id"]: it for it in items}
    out, bad = [], 0
    for it in items:
        probs = []
        res, hist, lines = run(it["code"], it["call"])
        if repr(res) != it["returned"]:
            probs.append("returned mismatch %r" % (res,))
        if not it["rationale"].rstrip().splitlines()[-1].startswith("Answer: "):
            probs.append("last line not Answer")
        if it["rationale"].rstrip().splitlines()[-1] != "Answer: " + it["answer"]:
            probs.append("answer field differs from Answer line")
        err = it["error"]
        skip_quotes = set()
        if err:
            if err["quote"] not in it["rationale"]:
                probs.append("error quote not in rationale")
            skip_quotes.add(err["quote"])
            fid = it["faithful_id"]
            if fid not in byid:
                probs.append("faithful_id missing")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("claim quote absent: %r" % c["quote"])
                continue
            if c["quote"] in skip_quotes or c.get("carried"):
                continue
            try:
                ok = check_claim(c, res, hist, lines, it["code"])
            except Exception as e:
                ok = False; probs.append("claim error %r: %s" % (c["quote"], e))
            if not ok:
                probs.append("false claim: %r" % c["quote"])
        # answer
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == res and repr(lit(it["answer"])) == it["returned"]
        else:
            try:
                ans_ok = repr(plain_eval(it["code"], it["answer"])) == it["returned"]
            except Exception:
                ans_ok = False
            if not it["answer"].startswith(it["function"] + "("):
                probs.append("backward answer does not call function")
        k = err["kind"] if err else None
        if k in ("wrong_final_answer", "backward_wrong_input"):
            if ans_ok:
                probs.append("error answer is actually right")
        elif not ans_ok:
            probs.append("answer wrong")
        if err and k not in ("wrong_final_answer", "backward_wrong_input"):
            at = err.get("at")
            try:
                actual = actual_at(at, res, hist, lines, it["code"])
            except Exception as e:
                actual = None; probs.append("at error %s" % e)
            stated = lit(err["stated"])
            if actual == stated:
                probs.append("error is not false at its point")
            if actual != lit(err["actual"]):
                probs.append("error.actual %r != execution %r" % (err["actual"], actual))
            if err.get("held_elsewhere"):
                if not any(stated in h for h in hist.values()):
                    probs.append("held_elsewhere value never held")
            if k == "impossible_state":
                if any(stated in h for n, h in hist.items() if n == at.get("hist")):
                    probs.append("impossible_state value is held by that variable")
            ec = [c for c in it["claims"] if c["quote"] == err["quote"]]
            if not ec:
                probs.append("no claim for error quote")
        if err and k == "wrong_final_answer" and it["direction"] != "forward":
            probs.append("wrong_final_answer on backward")
        status = "PASS" if not probs else "FAIL"
        bad += bool(probs)
        out.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    out.append("items=%d failures=%d" % (len(items), bad))
    print("\n".join(out))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
