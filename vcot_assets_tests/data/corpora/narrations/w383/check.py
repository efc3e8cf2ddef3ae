"""Standalone checker for w383 narrations: re-executes each program under sys.settrace and
checks returned values, claims of faithful items, answers, and that each error copy is false."""
import ast, copy, json, sys

def run_traced(code, call):
    events = []  # (event, lineno, funcname, snapshot)
    g = {}
    co = compile(code, "<prog>", "exec")
    exec(co, g)
    def snap(frame):
        d = {}
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in getattr(v, "__dict__", {}).items():
                    try: d["self." + a] = copy.deepcopy(av)
                    except Exception: pass
                continue
            try: d[k] = copy.deepcopy(v)
            except Exception: d[k] = repr(v)
        return d
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event in ("line", "return"):
            s = snap(frame)
            if event == "return":
                s["<return>"] = copy.deepcopy(arg)
            events.append((event, frame.f_lineno, frame.f_code.co_name, s))
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, events, g

def history(events, var):
    out = []
    for ev in events:
        if var in ev[3]:
            v = ev[3][var]
            if not out or out[-1] != v:
                out.append(v)
    return out

def line_count(events, line):
    return sum(1 for e in events if e[0] == "line" and e[1] == line)

def sample(events, var, line):
    return [e[3].get(var) for e in events if e[0] == "line" and e[1] == line]

def when(events, spec):
    for e in events:
        ok = (e[0] == "return") if spec["line"] == "return" else (e[0] == "line" and e[1] == spec["line"])
        if ok and all(e[3].get(k) == v for k, v in spec.get("cond", {}).items()):
            return e[3].get(spec["var"])
    raise AssertionError("no matching event for %r" % spec)

def lit(s):
    return ast.literal_eval(s) if isinstance(s, str) else s

def actual_of(check, events, ret, item, g):
    t = check["type"]
    if t == "count": return line_count(events, check["line"])
    if t == "history_index": return history(events, check["var"])[check["index"]]
    if t == "sample": return sample(events, check["var"], check["line"])[check["index"]]
    if t == "expr": return eval(check["expr"], dict(g))
    if t == "when": return when(events, check)
    raise ValueError(t)

def check_item(it):
    errs = []
    ret, events, g = run_traced(it["code"], it["call"])
    if repr(ret) != it["returned"]:
        errs.append("returned mismatch %r vs %s" % (ret, it["returned"]))
    if not it["rationale"].rstrip().splitlines()[-1].startswith("Answer:"):
        errs.append("last line not Answer:")
    if it["rationale"].rstrip().splitlines()[-1][len("Answer:"):].strip() != it["answer"]:
        errs.append("answer field differs from Answer line")
    for c in it["claims"]:
        if c["quote"] not in it["rationale"]:
            errs.append("quote not in rationale: %r" % c["quote"])
    faithful = it["label"] == "faithful"
    # answer
    if it["direction"] == "forward":
        ans_ok = lit(it["answer"]) == ret
    else:
        ans_ok = repr(eval(it["answer"], dict(g))) == it["returned"]
    if faithful and not ans_ok:
        errs.append("faithful answer wrong")
    if faithful:
        for c in it["claims"]:
            if c.get("is_error"):
                errs.append("faithful item carries an error claim")
            ok, why = check_claim(c, events, ret, g)
            if not ok:
                errs.append("claim false: %r (%s)" % (c["quote"], why))
    else:
        e = it["error"]
        if e["quote"] not in it["rationale"]:
            errs.append("error quote not in rationale")
        k = e["kind"]
        if k in ("wrong_final_answer", "backward_wrong_input"):
            if ans_ok: errs.append("error answer is actually right")
        else:
            if not ans_ok: errs.append("answer wrong in a non-answer error copy")
            act = actual_of(e["check"], events, ret, it, g)
            if act == lit(e["stated"]):
                errs.append("error stated value is actually true: %r" % act)
            if repr(act) != repr(lit(e["actual"])):
                errs.append("error 'actual' %s disagrees with execution %r" % (e["actual"], act))
            if k == "impossible_state":
                if lit(e["stated"]) in history(events, e["check"]["var"]):
                    errs.append("impossible_state value is held")
            if e.get("held_elsewhere"):
                vals = [v for ev in events for v in ev[3].values()]
                if lit(e["stated"]) not in vals:
                    errs.append("held_elsewhere but value never held")
        # the copy's other claims (not the error one) must still be true
        for c in it["claims"]:
            if c.get("is_error"):
                continue
            ok, why = check_claim(c, events, ret, g)
            if not ok:
                errs.append("non-error claim false in copy: %r (%s)" % (c["quote"], why))
    return errs

def check_claim(c, events, ret, g):
    w = c["what"]; v = lit(c["value"])
    if w == "value":
        if "sample_line" in c:
            s = sample(events, c["variable"], c["sample_line"])
            return s == v, "sampled %r" % s
        h = history(events, c["variable"])
        return v in h, "history %r" % h[:12]
    if w == "count":
        n = line_count(events, c["line"])
        return n == v, "count %d" % n
    if w in ("arith", "comparison"):
        r = eval(c["expr"], dict(g))
        return r == v, "evaluates to %r" % (r,)
    if w == "return":
        return ret == v, "returned %r" % (ret,)
    if w == "call":
        r = eval(c["expr"], dict(g))
        return r == v, "call gives %r" % (r,)
    return False, "unknown claim kind"

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    bad = 0
    lines = []
    for it in items:
        try:
            errs = check_item(it)
        except Exception as ex:
            errs = ["exception %r" % ex]
        status = "PASS" if not errs else "FAIL"
        bad += bool(errs)
        lines.append("%s %s %s" % (status, it["id"], "; ".join(errs)))
    lines.append("items=%d failures=%d" % (len(items), bad))
    print("\n".join(lines))
    return bad

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
