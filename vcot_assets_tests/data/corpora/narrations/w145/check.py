#!/usr/bin/env python3
"""Standalone checker for w145 narrations: runs each call under sys.settrace and checks claims."""
import ast, copy, json, sys

def run_traced(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist = {}      # var -> list of distinct consecutive values over time
    samples = {}   # line -> list of frame-local snapshots at each line event
    hits = {}      # line -> number of line events

    def snap(frame):
        d = {}
        for k, v in frame.f_locals.items():
            d[k] = v
            if k == "self" and hasattr(v, "__dict__"):
                for a, av in vars(v).items():
                    d["self." + a] = av
        return d

    def record(frame):
        for k, v in snap(frame).items():
            if k == "self":
                continue
            try:
                v = copy.deepcopy(v)
            except Exception:
                continue
            h = hist.setdefault(k, [])
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return tracer
        record(frame)
        if event == "line":
            ln = frame.f_lineno
            hits[ln] = hits.get(ln, 0) + 1
            samples.setdefault(ln, []).append(copy.deepcopy({k: v for k, v in snap(frame).items() if k != "self"}))
        return tracer

    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, samples, hits

def plain_eval(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def line_seq(var, line, samples):
    """Value of `var` (a name or expression) at every line event of `line`."""
    def ev(s):
        if var in s:
            return s[var]
        try:
            return eval(var, {}, s)
        except Exception:
            return None
    return [ev(s) for s in samples.get(line, [])]

def claim_true(c, ret, hist, samples, hits):
    """Return (ok, detail) for one claim."""
    what = c["what"]
    val = lit(c["value"])
    if what == "arith" or (what == "comparison" and "expr" in c) or "expr" in c and what not in ("value", "count"):
        expr = c.get("expr")
        if expr is None:
            q = c["quote"].strip("`")
            expr = q.split("=")[0] if "==" not in q else q
            expr = expr.replace("`", "")
        got = eval(expr, {})
        return got == val, f"{expr} -> {got!r}"
    if what == "return":
        return ret == val, f"returned {ret!r}"
    if what == "count":
        got = hits.get(c["line"], 0) - c.get("minus", 0)
        return got == val, f"line {c['line']} ran {got} times"
    if what in ("value", "comparison"):
        var = c["variable"]
        if "at_line" in c:
            seq = line_seq(var, c["at_line"], samples)
            if "slice" in c:
                a, b = c["slice"]
                got = seq[a:b]
            else:
                got = seq[c["index"]]
            return got == val, f"{var}@line{c['at_line']} = {got!r}"
        h = hist.get(var, [])
        if "hist_slice" in c:
            a, b = c["hist_slice"][:2]
            st = c["hist_slice"][2] if len(c["hist_slice"]) > 2 else 1
            return h[a:b:st] == val, f"{var} history[{a}:{b}] = {h[a:b]!r}"
        return val in h, f"{var} history {h!r}"
    raise ValueError(what)

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    byid = {it["id"]: it for it in items}
    fails = 0
    lines = []
    for it in items:
        probs = []
        ret, hist, samples, hits = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append(f"returned mismatch {ret!r} vs {it['returned']}")
        rat = it["rationale"]
        last = rat.strip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            probs.append("answer line does not match 'answer' field")
        for c in it["claims"]:
            if c["quote"] not in rat:
                probs.append(f"quote not in rationale: {c['quote']!r}")
        err = it["error"]
        err_claim = None
        if err:
            if err["quote"] not in rat:
                probs.append("error quote not in rationale")
            if it["faithful_id"] not in byid:
                probs.append("faithful_id missing")
        for c in it["claims"]:
            ok, det = claim_true(c, ret, hist, samples, hits)
            is_err = bool(err) and c.get("is_error")
            if is_err:
                err_claim = c
                if err and c["quote"] not in err["quote"] and err["quote"] not in c["quote"]:
                    probs.append(f"error claim quote {c['quote']!r} not within error quote")
                if ok:
                    probs.append(f"error claim is actually TRUE: {c['quote']!r} ({det})")
                if err.get("held_elsewhere"):
                    v = lit(c["value"])
                    var = c.get("variable")
                    held = False
                    if var and var in hist and v in hist[var]:
                        held = True
                    if var and "at_line" in c and "index" in c and v in line_seq(var, c["at_line"], samples):
                        held = True
                    if var and ("slice" in c or "hist_slice" in c) and all(x in hist.get(var, []) for x in v):
                        held = True
                    if not held:
                        probs.append(f"held_elsewhere but value never held: {c['quote']!r}")
            elif c.get("carried"):
                pass
            elif not ok:
                probs.append(f"false claim: {c['quote']!r} ({det})")
        # answer checks
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == ret
        else:
            fname = it["answer"].split("(")[0]
            if fname != it["function"]:
                ans_ok = False
            else:
                ans_ok = repr(plain_eval(it["code"], it["answer"])) == it["returned"]
        if it["label"] == "faithful":
            if not ans_ok:
                probs.append("faithful answer wrong")
            if err is not None:
                probs.append("faithful item has error")
        else:
            k = err["kind"]
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    probs.append("error answer is actually correct")
                if k == "backward_wrong_input" and it["direction"] != "backward":
                    probs.append("backward_wrong_input on forward item")
            else:
                if not ans_ok:
                    probs.append("non-answer error copy has wrong answer")
                if err_claim is None:
                    probs.append("error copy lacks an is_error claim")
            f = byid.get(it["faithful_id"])
            if f and f["rationale"] == rat:
                probs.append("error copy identical to faithful")
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        lines.append(f"{status} {it['id']} ({it['label']}, {len(it['claims'])} claims)")
        for p in probs:
            lines.append("    " + p)
    lines.append(f"\n{len(items)} items, {len(items)-fails} pass, {fails} fail")
    out = "\n".join(lines)
    print(out)
    open("check_report.txt", "w").write(out + "\n")
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
