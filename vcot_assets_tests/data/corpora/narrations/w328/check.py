"""Standalone checker for w328 narrations: re-executes each program with sys.settrace
and checks every claim / error record against the real execution."""
import json, sys, copy, ast

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return v

def run(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    events = []          # (lineno, func, locals-snapshot) in order, at every 'line' and 'return'
    entries = {}         # line -> times entered from a smaller line number in the same frame
    prev = {}
    hist = {}            # var -> list of values (consecutive duplicates dropped)
    def record(frame):
        loc = {}
        for k, v in frame.f_locals.items():
            loc[k] = snap(v)
            if hasattr(v, "__dict__") and not callable(v):
                for a, av in vars(v).items():
                    loc[k + "." + a] = snap(av)
        for k, v in loc.items():
            h = hist.setdefault(k, [])
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)
        return loc
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return tracer
        if event == "line":
            p = prev.get(id(frame))
            if p is None or p < frame.f_lineno:
                entries[frame.f_lineno] = entries.get(frame.f_lineno, 0) + 1
            prev[id(frame)] = frame.f_lineno
        if event == "call":
            prev[id(frame)] = None
        if event in ("line", "return"):
            loc = record(frame)
            events.append((frame.f_lineno if event == "line" else -1, frame.f_code.co_name, loc))
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ns, ret, events, hist, entries

def at_value(events, spec):
    n = 0
    for line, fn, loc in events:
        if line == spec["line"] and (spec.get("func") is None or spec["func"] == fn):
            n += 1
            if n == spec["hit"]:
                return eval(spec["expr"], {}, dict((k.replace(".", "__"), v) for k, v in loc.items()))
    raise KeyError("no hit %r" % spec)

def claim_ok(c, ret, events, hist, code, ns):
    entries = ENTRIES
    """Return (ok, detail)."""
    what = c["what"]
    val = c["value"]
    if what == "return":
        return ast.literal_eval(val) == ret, "ret=%r" % (ret,)
    if what == "call":
        got = eval(val, dict(ns))
        return got == ret, "call gives %r" % (got,)
    if what == "count":
        lab = c["variable"]
        line = int(lab.split("line")[1])
        n = entries.get(line, 0)
        return n == ast.literal_eval(val), "count=%d" % n
    if what in ("arith", "comparison"):
        got = eval(c["expr"])
        ok = got == ast.literal_eval(val)
        if "at" in c:
            got2 = at_value(events, c["at"])
            ok = ok and got2 == ast.literal_eval(val)
            return ok, "expr=%r at=%r" % (got, got2)
        return ok, "expr=%r" % (got,)
    if "series" in c:
        sp = c["series"]
        envs = [dict((k.replace(".", "__"), v) for k, v in loc.items())
                for l, fn, loc in events if l == sp["line"]]
        if "where" in sp:
            envs = [e for e in envs if eval(sp["where"], {}, e)]
        envs = envs[sp.get("skip", 0):]
        if "take" in sp:
            envs = envs[:sp["take"]]
        got = [eval(sp["expr"], {}, e) for e in envs]
        return got == ast.literal_eval(val), "series=%r" % (got,)
    if c.get("seq"):
        h = hist.get(c["variable"], [])
        return h == ast.literal_eval(val), "hist=%r" % (h,)
    if what == "value":
        v = ast.literal_eval(val)
        if "at" in c:
            got = at_value(events, c["at"])
            return got == v and type(got) == type(v), "at=%r" % (got,)
        var = c["variable"]
        if var is None:
            return any(v in h for h in hist.values()), "any-var"
        h = hist.get(var, [])
        return any(x == v and type(x) == type(v) for x in h), "hist=%r" % (h[:12],)
    return False, "unknown what"

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    byid = {it["id"]: it for it in items}
    fails = 0
    lines = []
    for it in items:
        global ENTRIES
        ns, ret, events, hist, entries = run(it["code"], it["call"])
        ENTRIES = entries
        probs = []
        if repr(ret) != it["returned"]:
            probs.append("returned mismatch %r" % (ret,))
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("quote not in rationale: %r" % c["quote"])
        last = it["rationale"].rstrip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            probs.append("answer line mismatch")
        if it["direction"] == "forward":
            ans_ok = ast.literal_eval(it["answer"]) == ret
        else:
            ans_ok = eval(it["answer"], dict(ns)) == ret
        err = it["error"]
        if it["label"] == "faithful":
            if not ans_ok:
                probs.append("answer wrong")
            for c in it["claims"]:
                ok, d = claim_ok(c, ret, events, hist, it["code"], ns)
                if not ok:
                    probs.append("claim false: %r (%s)" % (c["quote"], d))
        else:
            f = byid[it["faithful_id"]]
            if err["quote"] not in it["rationale"]:
                probs.append("error quote missing")
            olds = [c["quote"] for c in f["claims"] if c["quote"] not in it["rationale"]]
            if not err.get("carried") and not any(f["rationale"].replace(q, err["quote"]) == it["rationale"] for q in olds):
                probs.append("error copy differs from faithful beyond the error")
            if err["kind"] in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    probs.append("error answer is actually right")
                if err["kind"] == "backward_wrong_input":
                    got = eval(it["answer"], dict(ns))
                    if repr(got) != err["actual"]:
                        probs.append("actual %r != %r" % (err["actual"], got))
                elif ast.literal_eval(err["actual"]) != ret:
                    probs.append("actual is not the return value")
            else:
                if not ans_ok:
                    probs.append("answer should stay right")
                ec = [c for c in it["claims"] if c["quote"] == err["quote"]]
                if not ec:
                    probs.append("no claim for error quote")
                for c in ec:
                    ok, d = claim_ok(c, ret, events, hist, it["code"], ns)
                    if ok:
                        probs.append("error claim is TRUE: %r (%s)" % (c["quote"], d))
                    # actual must be the true value at that point
                    if c["what"] == "count":
                        line = int(c["variable"].split("line")[1])
                        n = entries.get(line, 0)
                        if str(n) != err["actual"]:
                            probs.append("actual %s != %d" % (err["actual"], n))
                    elif c["what"] in ("arith", "comparison") and "at" not in c:
                        if repr(eval(c["expr"])) != err["actual"]:
                            probs.append("actual mismatch %r" % eval(c["expr"]))
                    elif "series" in c:
                        pass
                    elif "at" in c:
                        got = at_value(events, c["at"])
                        if repr(got) != err["actual"]:
                            probs.append("actual %r != %r" % (err["actual"], got))
                    if err.get("held_elsewhere"):
                        v = ast.literal_eval(err["stated"])
                        if not any(v in h for h in hist.values()):
                            probs.append("held_elsewhere but value never held")
                    if err["kind"] == "impossible_state" and c["what"] == "value":
                        v = ast.literal_eval(c["value"])
                        if any(x == v for x in hist.get(c["variable"], [])):
                            probs.append("impossible_state value is held")
            # all other claims must be true unless carried
            for c in it["claims"]:
                if c["quote"] == err["quote"]:
                    continue
                ok, d = claim_ok(c, ret, events, hist, it["code"], ns)
                if not ok and not err.get("carried"):
                    probs.append("other claim false: %r (%s)" % (c["quote"], d))
        status = "PASS" if not probs else "FAIL"
        if probs:
            fails += 1
        lines.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    lines.append("items=%d failures=%d" % (len(items), fails))
    out = "\n".join(lines)
    print(out)
    open("check_report.txt", "w").write(out + "\n")
    return fails

if __name__ == "__main__":
    sys.exit(1 if main() else 0)
