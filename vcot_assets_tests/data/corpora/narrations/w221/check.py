#!/usr/bin/env python3
"""Standalone checker for w221 narrations: re-executes every program with sys.settrace
and verifies claims, answers and error copies against the real execution."""
import ast, copy, json, sys

def snap(frame):
    d = {}
    for k, v in frame.f_locals.items():
        try:
            d[k] = copy.deepcopy(v)
        except Exception:
            d[k] = v
    s = frame.f_locals.get("self")
    if s is not None and hasattr(s, "__dict__"):
        for k, v in vars(s).items():
            d["self." + k] = copy.deepcopy(v)
    return d

def run(code, call):
    g = {"__name__": "w221prog"}
    exec(compile(code, "<prog>", "exec"), g)
    events = []  # (frame_id, func, kind, line, snapshot, retval)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        def local(frame, event, arg):
            if event in ("line", "return"):
                events.append((id(frame), frame.f_code.co_name, event, frame.f_lineno, snap(frame),
                               copy.deepcopy(arg) if event == "return" else None))
            return local
        events.append((id(frame), frame.f_code.co_name, "call", frame.f_lineno, snap(frame), None))
        return local
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, events, g

MISSING = object()

def ev(expr, snapshot):
    try:
        return eval(expr, {"abs": abs, "min": min, "max": max, "len": len}, dict(snapshot))
    except Exception:
        return MISSING

def all_values(events, var, func=None):
    return [v for (_, f, _, _, s, _) in events if func in (None, f) for v in [ev(var, s)] if v is not MISSING]

def history(events, var, func=None):
    h = []
    for v in all_values(events, var, func):
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    return h

def samples(events, var, line, when):
    out = []
    for i, (fid, f, kind, ln, s, _) in enumerate(events):
        if kind == "line" and ln == line:
            if when == "before":
                out.append(ev(var, s))
            else:
                for j in range(i + 1, len(events)):
                    if events[j][0] == fid:
                        out.append(ev(var, events[j][4])); break
    return out

def count(events, label, segment=None):
    line = int(label.split("@line")[1])
    hits = [i for i, e in enumerate(events) if e[2] == "line" and e[3] == line]
    if segment:
        seg = [i for i, e in enumerate(events) if e[2] == "line" and e[3] == segment["line"]]
        lo = seg[segment["index"]]
        hi = seg[segment["index"] + 1] if segment["index"] + 1 < len(seg) else len(events)
        hits = [i for i in hits if lo < i < hi]
    return len(hits)

def parse_expr(quote):
    q = quote.replace("`", "").strip()
    for sep in (" = ", " is "):
        if sep in q:
            return q.split(sep)[-2].strip()
    return q

def actual_of(claim, events, ret):
    """Return (kind_of_test, actual) where the test is equality with the stated value."""
    w = claim["what"]
    if w == "return":
        return ret
    if w == "count":
        return count(events, claim["variable"], claim.get("segment"))
    if w in ("arith", "comparison"):
        return eval(claim.get("expr") or parse_expr(claim["quote"]), {"abs": abs, "min": min, "max": max, "len": len})
    if w == "call":
        return [e[5] for e in events if e[2] == "return" and e[1] == claim["variable"]]
    if "sample" in claim:
        sm = claim["sample"]
        vals = samples(events, claim["variable"], sm["line"], sm.get("when", "after"))
        a, b = sm.get("slice", [None, None])
        return vals[a:b]
    if "history_slice" in claim:
        a, b = claim["history_slice"]
        return history(events, claim["variable"], claim.get("function"))[a:b]
    if "at" in claim:
        h = history(events, claim["variable"], claim.get("function"))
        return h[claim["at"]] if claim["at"] < len(h) else MISSING
    return all_values(events, claim["variable"], claim.get("function"))

def claim_true(claim, events, ret):
    stated = ast.literal_eval(claim["value"])
    act = actual_of(claim, events, ret)
    w = claim["what"]
    if w == "call" or (w == "value" and not any(k in claim for k in ("sample", "history_slice", "at"))):
        return any(stated == a and type(stated) == type(a) or stated == a for a in act), act
    return stated == act, act

def main(path):
    items = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    ids = {it["id"]: it for it in items}
    fails, lines = 0, []
    cache = {}
    for it in items:
        prob = []
        key = (it["code"], it["call"])
        if key not in cache:
            cache[key] = run(it["code"], it["call"])
        ret, events, g = cache[key]
        if repr(ret) != it["returned"]:
            prob.append("returned mismatch %r" % (ret,))
        if not it["rationale"].rstrip().endswith("Answer: " + it["answer"]) and ("Answer: " + it["answer"]) not in it["rationale"]:
            prob.append("answer line not in rationale")
        # answer
        if it["direction"] == "forward":
            ans_ok = ast.literal_eval(it["answer"]) == ret
        else:
            try:
                r2 = eval(it["answer"], dict(run(it["code"], "None")[2]))
            except Exception as e:
                r2 = e
            ans_ok = (repr(r2) == it["returned"])
        err = it["error"]
        wrong_answer_kinds = ("wrong_final_answer", "backward_wrong_input")
        if it["label"] == "faithful" or err["kind"] not in wrong_answer_kinds:
            if not ans_ok:
                prob.append("answer wrong")
        else:
            if ans_ok:
                prob.append("error answer is actually right")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                prob.append("quote missing: %r" % c["quote"])
            ok, act = claim_true(c, events, ret)
            if c.get("wrong"):
                if ok:
                    prob.append("wrong claim is true: %r" % c["quote"])
                if err and err.get("held_elsewhere") and c["what"] == "value":
                    st = ast.literal_eval(c["value"])
                    pool = []
                    for e in events:
                        for k in e[4]:
                            v = ev(k, e[4])
                            if isinstance(v, (list, tuple)) and isinstance(st, (list, tuple)):
                                pool.append(v)
                            pool.append(v)
                    elems = st if ("sample" in c or "history_slice" in c) else [st]
                    if not all(any(x == p for p in pool) for x in elems):
                        prob.append("held_elsewhere value never held: %r" % c["value"])
            elif not ok and not c.get("carried"):
                prob.append("false claim %r: stated %s actual %r" % (c["quote"], c["value"], act))
        if err:
            if err["quote"] not in it["rationale"]:
                prob.append("error quote missing")
            if err["kind"] not in wrong_answer_kinds and not any(c.get("wrong") for c in it["claims"]):
                prob.append("no wrong claim for error")
            f = ids.get(it["faithful_id"])
            if not f:
                prob.append("faithful missing")
        status = "PASS" if not prob else "FAIL"
        fails += bool(prob)
        lines.append("%s %s %s" % (status, it["id"], "; ".join(prob)))
    lines.append("items=%d failures=%d" % (len(items), fails))
    return "\n".join(lines), fails

if __name__ == "__main__":
    out, fails = main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")
    print(out)
    sys.exit(1 if fails else 0)
