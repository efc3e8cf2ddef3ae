"""Standalone checker for w168 narrations: re-executes each program with sys.settrace and checks
returned values, every claim of faithful items, and that each error copy's error is really false."""
import ast, copy, json, sys

def literal(s):
    return ast.literal_eval(s) if isinstance(s, str) else s

def run(code, call):
    snaps = []  # (lineno, event, locals-copy)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return tracer
        if event in ("line", "return"):
            loc = {}
            for k, v in frame.f_locals.items():
                try:
                    loc[k] = copy.deepcopy(v)
                except Exception:
                    loc[k] = v
            if "self" in frame.f_locals:
                for k, v in vars(frame.f_locals["self"]).items():
                    loc["self." + k] = copy.deepcopy(v)
            snaps.append((frame.f_lineno, event, loc))
        return tracer
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ns, ret, snaps

def ev(expr, loc):
    if expr in loc:
        return True, loc[expr]
    try:
        return True, eval(expr, {"__builtins__": __builtins__}, dict(loc))
    except Exception:
        return False, None

def history(snaps, var, line=None, where=None):
    out = []
    for ln, e, loc in snaps:
        if line is not None and ln != line:
            continue
        if where is not None:
            ok, w = ev(where, loc)
            if not (ok and w):
                continue
        ok, v = ev(var, loc)
        if ok and (not out or out[-1] != v):
            out.append(v)
    return out

def count_line(snaps, n):
    return sum(1 for ln, e, _ in snaps if e == "line" and ln == n)

def check_claim(c, ns, ret, snaps):
    what, val = c["what"], literal(c["value"])
    if what == "value":
        return val in history(snaps, c["variable"])
    if what == "count":
        n = int(c["variable"].split("@line")[1])
        return count_line(snaps, n) == val
    if what in ("comparison", "arith"):
        return eval(c["expr"], {}) == val
    if what == "return":
        return ret == val
    if what == "call":
        return eval(c["expr"], dict(ns)) == val
    raise ValueError(what)

def error_is_false(it, ns, ret, snaps):
    ok = _error_is_false(it, ns, ret, snaps)
    err = it["error"]; at = err.get("at") or {}
    if ok and err.get("held_elsewhere"):
        # the wrong value must be one the program really holds somewhere else
        hv = at.get("held_var", at.get("variable"))
        ok = hv is not None and literal(err["stated"]) in history(snaps, hv)
    return ok

def _error_is_false(it, ns, ret, snaps):
    err = it["error"]; at = err.get("at") or {}
    k = err["kind"]
    if k == "backward_wrong_input":
        return eval(it["answer"], dict(ns)) != ret and eval(err["actual"], dict(ns)) == ret
    stated = literal(err["stated"]); actual = literal(err["actual"])
    if k == "wrong_final_answer":
        return literal(it["answer"]) != ret and actual == ret
    if k == "backward_wrong_input":
        return eval(it["answer"], dict(ns)) != ret
    if "expr" in at:
        v = eval(at["expr"], {})
        return v == actual and v != stated
    if "loop_line" in at:
        n = count_line(snaps, at["loop_line"])
        return n == actual and n != stated
    if "variable" in at:
        h = history(snaps, at["variable"], at.get("line"), at.get("where"))
        if k == "impossible_state":
            return stated not in history(snaps, at["variable"])
        return len(h) == 1 and h[0] == actual and h[0] != stated
    raise ValueError("no locator for error " + it["id"])

def main():
    progs = {json.loads(l)["id"]: json.loads(l) for l in open("programs.jsonl") if l.strip()}
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    fails, lines = 0, []
    for it in items:
        p = progs[it["program_id"]]
        ns, ret, snaps = run(it["code"], it["call"])
        probs = []
        if repr(ret) != it["returned"] or p["returned"] != it["returned"]:
            probs.append("returned mismatch")
        if it["trace_events"] != len(p["events"]):
            probs.append("trace_events mismatch")
        last = it["rationale"].rstrip().splitlines()[-1]
        if last != "Answer: " + it["answer"]:
            probs.append("answer line mismatch")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("quote not in rationale: " + c["quote"])
        errq = it["error"]["quote"] if it["error"] else None
        if it["label"] == "error" and errq not in it["rationale"]:
            probs.append("error quote missing")
        for c in it["claims"]:
            if c["quote"] == errq and literal(c["value"]) == literal(it["error"]["stated"]):
                continue
            if not check_claim(c, ns, ret, snaps):
                probs.append("false claim: %r" % c)
        if it["label"] == "faithful" or it["error"]["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
            if it["direction"] == "forward" and literal(it["answer"]) != ret:
                probs.append("forward answer wrong")
            if it["direction"] == "backward" and eval(it["answer"], dict(ns)) != ret:
                probs.append("backward answer does not return output")
        if it["label"] == "error":
            if not error_is_false(it, ns, ret, snaps):
                probs.append("error copy's error is not false at its point")
            if it["faithful_id"] not in {x["id"] for x in items}:
                probs.append("faithful_id missing")
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        lines.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    lines.append("items=%d failures=%d" % (len(items), fails))
    open("check_report.txt", "w").write("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
