"""Standalone checker for w300 narrations: re-runs each call under sys.settrace and checks claims."""
import json, sys, ast, re

def run_traced(code, call):
    g = {"__name__": "program"}
    exec(compile(code, "program", "exec"), g)
    hist = {}      # var -> list of values in change order (all frames of program code)
    lines = {}     # line number -> hit count
    snaps = {}     # line number -> list of local snapshots taken each time the line is about to run
    def snap(frame):
        for k, v in list(frame.f_locals.items()):
            items = [(k, v)]
            if k == "self" and hasattr(v, "__dict__"):
                items = [("self." + a, b) for a, b in vars(v).items()]
            for name, val in items:
                try:
                    val = ast.literal_eval(repr(val))
                except Exception:
                    continue
                h = hist.setdefault(name, [])
                if not h or h[-1] != val:
                    h.append(val)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "program":
            return None
        snap(frame)
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            d = {}
            for k, v in frame.f_locals.items():
                try:
                    d[k] = ast.literal_eval(repr(v))
                except Exception:
                    pass
            snaps.setdefault(frame.f_lineno, []).append(d)
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, (lines, snaps)

def evalcall(code, call):
    g = {"__name__": "program"}
    exec(compile(code, "program", "exec"), g)
    return eval(call, g)

def arith_val(expr):
    return eval(expr, {})

def seq_of(var, line, snaps):
    return [s.get(var) for s in snaps.get(line, [])[1:]]

def check_claim(c, ret, hist, ls):
    lines, snaps = ls
    what, val = c["what"], ast.literal_eval(c["value"])
    if what == "value" and c.get("seq"):
        if c["seq"] == "hist":   # contiguous run of the variable's change history
            h = hist.get(c["variable"], [])
            ok = any(h[i:i + len(val)] == val for i in range(len(h)))
            return ok, "history %r" % (h,)
        parts = c["seq"].split()
        if len(parts) == 3 and parts[2] == "all":   # every visit of the line, prefix of the run
            got = [s.get(c["variable"]) for s in snaps.get(int(parts[1]), [])]
            return got[:len(val)] == val, "per-visit %r" % (got,)
        got = seq_of(c["variable"], int(parts[1]), snaps)   # value at end of each iteration
        return got == val, "per-iteration %r" % (got,)
    if what == "value":
        return val in hist.get(c["variable"], []), "history %r" % (hist.get(c["variable"]),)
    if what == "count":
        n = int(c["variable"].split("@line")[1])
        return lines.get(n, 0) == val, "line %d hit %d" % (n, lines.get(n, 0))
    if what in ("comparison", "arith"):
        expr = c.get("expr") or c["quote"].split("=")[0]
        got = arith_val(expr)
        return got == val, "expr %s -> %r" % (expr, got)
    if what == "return":
        return val == ret, "returned %r" % (ret,)
    if what == "call":
        return True, ""
    return False, "unknown what"

def check_error(e, item, ret, hist, ls):
    lines, snaps = ls
    ck = e["check"]; t = ck["type"]; stated = ast.literal_eval(ck["stated"]) if "stated" in ck else None
    if t == "hist":       # k-th value of var's history (at that point) differs from stated
        h = hist[ck["var"]]; actual = h[ck["index"]]
        ok = actual != stated
        if e.get("held_elsewhere"):
            ok = ok and stated in h
        return ok, "at point %r, stated %r, history %r" % (actual, stated, h)
    if t == "iter":       # value of var when line is reached for the index-th time (end of iteration index)
        actual = snaps[ck["line"]][ck["index"]].get(ck["var"])
        ok = actual != stated
        if e.get("held_elsewhere"):
            ok = ok and stated in hist.get(ck["var"], [])
        return ok, "at iteration %d %s = %r, stated %r" % (ck["index"], ck["var"], actual, stated)
    if t == "never":
        h = hist.get(ck["var"], [])
        return stated not in h, "history %r" % (h,)
    if t == "arith":
        got = arith_val(ck["expr"]); ok = got != stated
        if e.get("held_elsewhere"):
            ok = ok and any(stated in h for h in hist.values())
        return ok, "%s = %r, stated %r" % (ck["expr"], got, stated)
    if t == "count":
        got = lines.get(ck["line"], 0); ok = got != stated
        if e.get("held_elsewhere"):
            ok = ok and stated in hist.get(ck.get("var", ""), [])
        return ok, "line %d hit %d, stated %r" % (ck["line"], got, stated)
    if t == "compare":
        got = arith_val(ck["expr"]); return got != stated, "%s -> %r stated %r" % (ck["expr"], got, stated)
    if t == "answer_fwd":
        a = ast.literal_eval(item["answer"]); return a != ret, "answer %r ret %r" % (a, ret)
    if t == "answer_bwd":
        try:
            got = evalcall(item["code"], item["answer"])
        except Exception as ex:
            got = ex
        return repr(got) != item["returned"], "answer call gives %r" % (got,)
    return False, "unknown check"

def main(path="narrations.jsonl"):
    items = [json.loads(l) for l in open(path)]
    fails = 0; out = []
    for it in items:
        probs = []
        ret, hist, lines = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append("returned mismatch %r" % (ret,))
        if it["rationale"].strip().splitlines()[-1].strip() != "Answer: " + it["answer"]:
            probs.append("last line is not Answer: answer")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("quote not in rationale: %r" % c["quote"])
            if c.get("is_error"):
                if it["label"] != "error":
                    probs.append("is_error claim in faithful item")
                ok, why = check_claim(c, ret, hist, lines)
                if ok and c["what"] != "count":
                    pass   # error value may be held elsewhere; the error check below decides
                continue
            ok, why = check_claim(c, ret, hist, lines)
            if not ok:
                probs.append("claim false: %r (%s)" % (c["quote"], why))
        if it["label"] == "faithful":
            if it["direction"] == "forward":
                if ast.literal_eval(it["answer"]) != ret:
                    probs.append("forward answer wrong")
            else:
                if repr(evalcall(it["code"], it["answer"])) != it["returned"]:
                    probs.append("backward answer does not reproduce output")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                probs.append("error quote missing")
            ok, why = check_error(e, it, ret, hist, lines)
            it["_why"] = "[%s: %s]" % (e["kind"], why)
            if not ok:
                probs.append("error not actually false: " + why)
            if e["kind"] not in ("wrong_final_answer", "backward_wrong_input") and not e.get("carried"):
                if it["direction"] == "forward" and ast.literal_eval(it["answer"]) != ret:
                    probs.append("answer should still be right")
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        out.append("%s %s %s %s" % (status, it["id"], "; ".join(probs), it.get("_why", "")))
    out.append("total %d items, %d fail" % (len(items), fails))
    print("\n".join(out))
    return fails

if __name__ == "__main__":
    sys.exit(1 if main(*sys.argv[1:]) else 0)
