"""Standalone checker for w135 narrations: re-executes each call under sys.settrace."""
import json, sys, copy, ast

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = {}      # (func, var) -> list of successive distinct values
    last = {}
    lines = {}     # (func, line) -> list of locals snapshots before that line runs
    def snap(frame):
        d = {}
        for k, v in frame.f_locals.items():
            if hasattr(v, "__dict__") and not callable(v) and type(v).__module__ == "builtins" and False:
                pass
            elif hasattr(v, "__dict__") and not callable(v) and not isinstance(v, type(sys)):
                for a, av in vars(v).items():
                    d[k + "." + a] = av
                if k != "self":
                    d[k] = v
            else:
                d[k] = v
        return d
    def record(frame):
        fn = frame.f_code.co_name
        for k, v in snap(frame).items():
            try:
                v = copy.deepcopy(v)
            except Exception:
                pass
            key = (fn, k)
            if key not in last or last[key] != v:
                hist.setdefault(key, []).append(v)
                last[key] = v
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        record(frame)
        if event == "line":
            lines.setdefault((frame.f_code.co_name, frame.f_lineno), []).append(copy.deepcopy(snap(frame)))
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines, ns

def values_of(hist, var):
    out = []
    for (fn, k), vs in hist.items():
        if k == var:
            out.extend(vs)
    return out

def check_point(spec, hist, lines):
    """Return the true value at a specific point."""
    t = spec["type"]
    if t == "hist":
        return values_of(hist, spec["var"])[spec["index"]]
    if t == "at_line":
        return lines[(spec["func"], spec["line"])][spec["occurrence"] - 1][spec["var"]]
    if t == "seq":
        seq = [d[spec["var"]] for d in lines[(spec["func"], spec["line"])][spec.get("skip", 0):]]
        if "sub" in spec:
            seq = [x[spec["sub"]] for x in seq]
        return seq
    if t == "hist_seq":
        return values_of(hist, spec["var"])[spec.get("skip", 0):]
    if t == "count":
        return len(lines.get((spec["func"], spec["line"]), []))
    if t == "expr":
        return eval(spec["expr"])
    raise ValueError(t)

def check_claim(c, hist, lines, ret, ns):
    v = ast.literal_eval(c["value"])
    w = c["what"]
    if "point" in c:
        return check_point(c["point"], hist, lines) == v
    if w == "value":
        return v in values_of(hist, c["variable"])
    if w in ("arith", "comparison"):
        expr = c.get("expr") or c["quote"].split("=")[0]
        return eval(expr) == v
    if w == "return":
        return v == ret
    if w == "call":
        return eval(c["quote"], ns) == ret
    if w == "count":
        raise ValueError("count claim needs point")
    return False

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    progs = {json.loads(l)["id"]: json.loads(l) for l in open("programs.jsonl") if l.strip()}
    fails = 0
    out = []
    for it in items:
        p = progs[it["program_id"]]
        ret, hist, lines, ns = run_traced(it["code"], it["call"])
        probs = []
        if repr(ret) != it["returned"] or repr(ret) != p["returned"]:
            probs.append("returned mismatch")
        if it["trace_events"] != p["events"] if isinstance(p["events"], int) else it["trace_events"] != len(p["events"]):
            probs.append("events mismatch")
        r = it["rationale"]
        if not r.rstrip().splitlines()[-1].startswith("Answer:") or it["answer"] not in r.rstrip().splitlines()[-1]:
            probs.append("answer line")
        for c in it["claims"]:
            if c["quote"] not in r:
                probs.append("quote missing: " + c["quote"])
        if it["direction"] == "forward":
            ans_ok = ast.literal_eval(it["answer"]) == ret
        else:
            _, _, _, ns2 = run_traced(it["code"], it["call"])
            ans_ok = eval(it["answer"], ns2) == ret
        err = it["error"]
        if it["label"] == "faithful":
            if not ans_ok:
                probs.append("answer wrong")
            for c in it["claims"]:
                try:
                    if not check_claim(c, hist, lines, ret, ns):
                        probs.append("false claim: " + c["quote"])
                except Exception as e:
                    probs.append("claim error %s: %r" % (c["quote"], e))
        else:
            if err["quote"] not in r:
                probs.append("error quote missing")
            k = err["kind"]
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    probs.append("error answer is actually right")
            else:
                if not ans_ok:
                    probs.append("answer should stay right")
                spec = err["check"]
                truth = check_point(spec, hist, lines)
                stated = ast.literal_eval(err["stated"])
                if spec["type"] == "never":
                    pass
                if truth == stated:
                    probs.append("error is not false at that point")
                if repr(truth) != repr(ast.literal_eval(err["actual"])):
                    probs.append("actual mismatch %r" % (truth,))
                if k == "impossible_state" and stated in values_of(hist, spec["var"]):
                    probs.append("impossible value does occur")
                if err.get("held_elsewhere") and k != "swapped_variables":
                    pool = [x for vs in hist.values() for x in vs]
                    if stated not in pool:
                        probs.append("held_elsewhere but value never held")
            # non-error claims must still be true
            for c in it["claims"]:
                if c["quote"] == err["quote"] or c.get("is_error"):
                    continue
                try:
                    if not check_claim(c, hist, lines, ret, ns):
                        probs.append("false non-error claim: " + c["quote"])
                except Exception as e:
                    probs.append("claim error %s: %r" % (c["quote"], e))
        status = "PASS" if not probs else "FAIL"
        if probs:
            fails += 1
        out.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    out.append("items=%d failures=%d" % (len(items), fails))
    print("\n".join(out))
    return fails

if __name__ == "__main__":
    sys.exit(1 if main() else 0)
