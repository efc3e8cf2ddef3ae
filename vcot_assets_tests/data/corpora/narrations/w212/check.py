"""Standalone checker for w212 narrations: re-executes each program with sys.settrace
(no trace script, no tool code) and checks returned values, claims, answers and error copies."""
import ast, copy, json, sys

def run_traced(code, call):
    ns = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), ns)
    H, LC = {}, {}
    def rec(name, val):
        try: v = copy.deepcopy(val)
        except Exception: v = val
        h = H.setdefault(name, [])
        if not h or h[-1] != v or type(h[-1]) != type(v): h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items(): rec("self." + a, av)
            else: rec(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>": return None
        if event == "line":
            LC[frame.f_lineno] = LC.get(frame.f_lineno, 0) + 1
        if event in ("line", "return"): snap(frame)
        return tracer
    sys.settrace(tracer)
    try: ret = eval(call, ns)
    finally: sys.settrace(None)
    return ret, H, LC, ns

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, ret, H, LC, ns):
    w, v = c["what"], lit(c["value"])
    if w == "value":
        return v in H.get(c["variable"], [])
    if w == "count":
        line = int(c["variable"].split("@line")[1])
        return LC.get(line, 0) == v
    if w in ("arith", "comparison"):
        return eval(c["expr"], {}) == v
    if w == "return":
        return v == ret
    if w == "call":
        return eval(c["expr"], ns) == v
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    fails, lines = 0, []
    for it in items:
        probs = []
        ret, H, LC, ns = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]: probs.append("returned mismatch %r" % (ret,))
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]: probs.append("quote missing: " + c["quote"])
        if not it["rationale"].rstrip().endswith("Answer: " + it["answer"]): probs.append("answer line mismatch")
        e = it["error"]
        ekind = e["kind"] if e else None
        # answer check
        if it["direction"] == "forward":
            ok = lit(it["answer"]) == ret
            if ekind == "wrong_final_answer" and ok: probs.append("wrong_final_answer is actually right")
            if not (e and e.get("carried")) and ekind != "wrong_final_answer" and not ok: probs.append("forward answer check failed")
        else:
            got = eval(it["answer"], ns)
            ok = got == ret
            if ok != (ekind != "backward_wrong_input"): probs.append("backward answer check failed (%r)" % (got,))
        for c in it["claims"]:
            is_err = e is not None and c["quote"] == e["quote"] and (c["value"] == e["stated"] or ekind == "backward_wrong_input")
            if is_err: continue
            if not check_claim(c, ret, H, LC, ns): probs.append("claim false: %s" % json.dumps(c))
        if e:
            if e["quote"] not in it["rationale"]: probs.append("error quote missing")
            env = dict(H=H, LC=LC, RET=ret, CALL=lambda s: eval(s, ns))
            actual = eval(e["check"], env)
            if ekind == "backward_wrong_input":
                if actual == ret: probs.append("wrong input actually returns output")
                if actual != lit(e["actual"]): probs.append("bwi actual mismatch")
            else:
                if actual != lit(e["actual"]): probs.append("actual mismatch %r" % (actual,))
                if actual == lit(e["stated"]): probs.append("stated value is true at that point")
            if ekind == "impossible_state" and lit(e["stated"]) in H.get(e.get("variable", ""), []):
                probs.append("impossible_state value occurs")
            if e.get("held_elsewhere"):
                st = lit(e["stated"])
                if not any(st in h for h in H.values()): probs.append("held_elsewhere value never held")
            if ekind in ("wrong_arithmetic", "wrong_intermediate_right_answer", "swapped_variables",
                         "off_by_one_loop_count", "branch_not_taken", "wrong_loop_summary_value", "impossible_state"):
                pass
        status = "PASS" if not probs else "FAIL"
        if probs: fails += 1
        lines.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    lines.append("items=%d failed=%d" % (len(items), fails))
    out = "\n".join(lines)
    open("check_report.txt", "w").write(out + "\n")
    print(out)
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
