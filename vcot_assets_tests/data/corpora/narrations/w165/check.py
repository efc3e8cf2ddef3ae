"""Standalone checker for w165 narrations: re-executes each program with sys.settrace."""
import ast, copy, json, sys

def run_traced(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    snaps = []   # (lineno, locals copy) at each line event in program frames
    hist = {}    # var -> list of successive distinct values (all frames)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        def local(frame, event, arg):
            loc = {}
            for k, v in frame.f_locals.items():
                try: loc[k] = copy.deepcopy(v)
                except Exception: loc[k] = v
            for k, v in loc.items():
                h = hist.setdefault(k, [])
                if not h or h[-1] != v: h.append(v)
            if event == "line":
                snaps.append((frame.f_lineno, loc))
            if event == "return":
                snaps.append(("ret", dict(loc, __return__=arg)))
            return local
        return local(frame, event, arg)
    sys.settrace(tracer)
    try:
        res = eval(call, g)
    finally:
        sys.settrace(None)
    return res, snaps, hist, g

def at_point(snaps, line, hit):
    hits = [loc for ln, loc in snaps if ln == line]
    return hits[hit - 1]

def claim_true(c, res, snaps, hist, g):
    what = c["what"]
    val = ast.literal_eval(c["value"]) if what != "call" else c["value"]
    if what == "arith":
        expr = c.get("expr", c["quote"].split("=")[0])
        return eval(expr) == val
    if what == "count":
        line = int(c["variable"].split("@line")[1])
        return sum(1 for ln, _ in snaps if ln == line) + c.get("offset", 0) == val
    if what == "return":
        return res == val
    if what == "call":
        return eval(c["value"], g) == res
    # value / comparison
    if c.get("series"):
        return series(c, snaps, g) == val
    if c.get("each_line"):
        expr = c.get("expr", c["variable"])
        return [eval(expr, dict(g), loc) for ln, loc in snaps if ln == c["line"]] == val
    if "line" in c:
        loc = at_point(snaps, c["line"], c.get("hit", 1))
        expr = c.get("expr", c["variable"])
        return eval(expr, dict(g), loc) == val
    if c.get("history"):
        h = hist.get(c["variable"], [])
        it = iter(h)
        return all(any(x == v for x in it) for v in val)
    if what == "comparison":
        raise ValueError("comparison claim needs line/hit: " + c["quote"])
    return val in hist.get(c["variable"], [])

def series(c, snaps, g):
    out = []
    for ln, loc in snaps:
        try: x = eval(c["expr"], dict(g), loc)
        except Exception: continue
        if x is not None and (not out or out[-1] != x): out.append(x)
    return out

def held_somewhere(c, snaps, hist, g):
    v = ast.literal_eval(c["value"])
    if c.get("series"):
        return all(x in series(c, snaps, g) for x in v)
    if c["what"] == "count":
        return True  # a count from a neighbouring iteration; checked as false above
    if c["what"] == "arith" or c.get("history_var"):
        allv = [x for h in hist.values() for x in h] if not c.get("history_var") else hist.get(c["history_var"], [])
        return v in allv
    if c.get("history") or c.get("each_line"):
        if c.get("each_line"):
            seen = [eval(c.get("expr", c["variable"]), dict(g), loc) for ln, loc in snaps if ln == c["line"]]
            return all(x in seen for x in v)
        return all(x in hist.get(c["variable"], []) for x in v)
    if "line" in c:
        expr = c.get("expr", c["variable"])
        seen = []
        for ln, loc in snaps:
            try: seen.append(eval(expr, dict(g), loc))
            except Exception: pass
        return v in seen
    return v in hist.get(c["variable"], [])

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    byid = {it["id"]: it for it in items}
    out, fails = [], 0
    for it in items:
        errs = []
        res, snaps, hist, g = run_traced(it["code"], it["call"])
        if repr(res) != it["returned"]:
            errs.append("returned mismatch %r" % (res,))
        fn = it["call"].split("(")[0].split(".")[-1]
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                errs.append("quote not in rationale: " + c["quote"])
        last = it["rationale"].rstrip().splitlines()[-1]
        if it["answer"] not in last:
            errs.append("answer not in last line")
        err = it["error"]
        if it["direction"] == "forward":
            ans_ok = ast.literal_eval(it["answer"]) == res
        else:
            ans_ok = eval(it["answer"], g) == res
        if it["label"] == "faithful":
            for c in it["claims"]:
                if claim_true(c, res, snaps, hist, g) is not True:
                    errs.append("false claim: " + c["quote"])
            if not ans_ok: errs.append("answer wrong")
        else:
            f = byid.get(it["faithful_id"])
            if f is None: errs.append("no faithful")
            if err["quote"] not in it["rationale"]: errs.append("error quote missing")
            k = err["kind"]
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok: errs.append("answer should be wrong")
            else:
                if not ans_ok: errs.append("answer should be right")
                ec = [c for c in it["claims"] if c["quote"] == err["quote"]]
                if not ec: errs.append("no claim for error")
                for c in ec:
                    if claim_true(c, res, snaps, hist, g) is not False:
                        errs.append("error claim not false: " + c["quote"])
                    if err.get("held_elsewhere"):
                        # the stated value must occur somewhere in the run, but not at that point
                        if not held_somewhere(c, snaps, hist, g):
                            errs.append("held_elsewhere value not in history")
                    if k == "impossible_state":
                        v = ast.literal_eval(c["value"])
                        if v in hist.get(c["variable"], []): errs.append("impossible value occurs")
                # all other claims must hold
                for c in it["claims"]:
                    if c["quote"] == err["quote"]: continue
                    if c.get("carried"): continue
                    if claim_true(c, res, snaps, hist, g) is not True:
                        errs.append("false non-error claim: " + c["quote"])
        fails += bool(errs)
        out.append("%s %s %s" % ("FAIL" if errs else "ok  ", it["id"], "; ".join(errs)))
    out.append("%d items, %d failing" % (len(items), fails))
    return "\n".join(out), fails

if __name__ == "__main__":
    rep, fails = main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")
    print(rep)
    sys.exit(1 if fails else 0)
