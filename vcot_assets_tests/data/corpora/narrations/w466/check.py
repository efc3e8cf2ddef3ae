"""Standalone checker for w466 narrations: re-executes each program with sys.settrace."""
import json, sys, copy

def run_traced(code, call, fname):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    events = []  # (frame_id, kind, line, snapshot)
    def snap(frame):
        d = {}
        for k, v in frame.f_locals.items():
            try: d[k] = copy.deepcopy(v)
            except Exception: d[k] = v
        return d
    def tr(frame, ev, arg):
        if frame.f_code.co_filename != "<prog>": return tr
        if ev in ("line", "return"):
            events.append((id(frame), ev, frame.f_lineno, snap(frame)))
        return tr
    sys.settrace(tr)
    try: ret = eval(call, ns)
    finally: sys.settrace(None)
    return ret, events, ns

def ev_expr(expr, s):
    return eval(expr, {"len": len, "sum": sum, "sorted": sorted}, dict(s))

def point_value(events, chk):
    """value of chk['expr'] at the nth execution (1-based) of line chk['line']; when='before'|'after'."""
    hits = [i for i, e in enumerate(events) if e[1] == "line" and e[2] == chk["line"]]
    i = hits[chk.get("nth", 1) - 1]
    if chk.get("when", "after") == "after":
        fid = events[i][0]
        j = next(k for k in range(i + 1, len(events)) if events[k][0] == fid)
        s = events[j][3]
    else:
        s = events[i][3]
    return ev_expr(chk["expr"], s)

def any_value(events, expr, value):
    for e in events:
        try:
            if ev_expr(expr, e[3]) == value: return True
        except Exception: pass
    return False

def line_count(events, line):
    return sum(1 for e in events if e[1] == "line" and e[2] == line)

def check_claim(c, ret, events):
    v = eval(c["value"])
    w = c["what"]
    if w == "return": return ret == v
    if w == "arith": return eval(c["expr"]) == v
    if w == "count": return line_count(events, c["line"]) == v
    if "check" in c:
        return point_value(events, c["check"]) == v
    if w == "comparison": raise ValueError("comparison needs check")
    return any_value(events, c.get("expr") or c["variable"], v)

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")]
    out = []; bad = 0
    for it in items:
        errs = []
        ret, events, ns = run_traced(it["code"], it["call"], it["function"])
        if repr(ret) != it["returned"]: errs.append("returned mismatch")
        if it["trace_events"] <= 0: errs.append("trace_events")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]: errs.append("quote missing: " + c["quote"])
        if not it["rationale"].rstrip().splitlines()[-1].startswith("Answer:") and "Answer:" not in it["rationale"].rstrip().splitlines()[-1]:
            errs.append("no Answer line")
        if it["answer"] not in it["rationale"].rstrip().splitlines()[-1]: errs.append("answer not in last line")
        # answer
        if it["direction"] == "forward":
            ans_ok = eval(it["answer"]) == ret
        else:
            ns2 = {}; exec(it["code"], ns2)
            ans_ok = repr(eval(it["answer"], ns2)) == it["returned"] and (it["function"] + "(") in it["answer"]
        err = it["error"]
        if it["label"] == "faithful":
            if not ans_ok: errs.append("answer wrong")
            for c in it["claims"]:
                try:
                    if not check_claim(c, ret, events): errs.append("false claim: " + c["quote"])
                except Exception as ex: errs.append("claim error %s: %r" % (c["quote"], ex))
        else:
            if err["quote"] not in it["rationale"]: errs.append("error quote missing")
            k = err["kind"]
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok: errs.append("error answer is actually right")
            else:
                if not ans_ok: errs.append("answer should still be right")
            ec = [c for c in it["claims"] if c.get("is_error")]
            if k not in ("wrong_final_answer", "backward_wrong_input"):
                if len(ec) != 1: errs.append("need one error claim")
                else:
                    c = ec[0]
                    if check_claim(c, ret, events): errs.append("error claim is actually true: " + c["quote"])
                    if c["what"] in ("value", "comparison") and "check" not in c: errs.append("error claim lacks point check")
                    if c["what"] == "count":
                        if repr(line_count(events, c["line"])) != err["actual"]: errs.append("count actual mismatch")
                    elif c["what"] == "arith":
                        if repr(eval(c["expr"])) != err["actual"]: errs.append("arith actual mismatch")
                    elif "check" in c and repr(point_value(events, c["check"])) != err["actual"]:
                        errs.append("actual mismatch %r" % point_value(events, c["check"]))
                    if err.get("held_elsewhere"):
                        # the stated value must be one the same expression holds at some OTHER point of the run
                        val = eval(c["value"])
                        expr = c["check"]["expr"] if "check" in c else c.get("variable")
                        if c["what"] == "count":
                            held_ok = False
                        else:
                            held_ok = bool(expr) and any_value(events, expr, val)
                        if not held_ok:
                            errs.append("held_elsewhere value never held by " + str(expr))
            for c in it["claims"]:
                if c.get("is_error") or c.get("carried"): continue
                try:
                    if not check_claim(c, ret, events): errs.append("other claim false: " + c["quote"])
                except Exception as ex: errs.append("claim error %s: %r" % (c["quote"], ex))
        status = "PASS" if not errs else "FAIL " + "; ".join(errs)
        if errs: bad += 1
        out.append("%s %s" % (it["id"], status))
    out.append("TOTAL %d items, %d failing" % (len(items), bad))
    print("\n".join(out))
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
