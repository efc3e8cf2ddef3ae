"""Standalone checker for w297 narrations: runs each call under sys.settrace, records
per-variable value histories (locals and self.attrs of program frames), line hit counts,
and checks every claim / error / answer of each item."""
import ast, copy, json, sys

def run_traced(code, call):
    hist, lines, rets = {}, {}, []
    last = {}
    def snap(frame):
        prev = last
        items = []
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in getattr(v, "__dict__", {}).items():
                    items.append(("self." + a, av))
            elif not k.startswith("."):
                items.append((k, v))
        for k, v in items:
            try:
                v2 = copy.deepcopy(v)
            except Exception:
                v2 = repr(v)
            if k not in prev or prev[k] != v2 or type(prev[k]) != type(v2):
                prev[k] = v2
                hist.setdefault(k, []).append(v2)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return tracer
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            snap(frame)
        elif event == "return":
            snap(frame)
            rets.append((frame.f_code.co_name, copy.deepcopy(arg)))
        elif event == "call":
            snap(frame)
        return tracer
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return result, hist, lines, rets, ns

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, rat, ctx, result):
    hist, lines = ctx["hist"], ctx["lines"]
    errs = []
    if c["quote"] not in rat:
        errs.append("quote not in rationale: %r" % c["quote"])
    w = c["what"]
    if w == "value":
        v = lit(c["value"])
        h = hist.get(c["variable"], [])
        if "index" in c:
            ok = len(h) > c["index"] and h[c["index"]] == v
        else:
            ok = v in h
        if not ok:
            return errs, False
    elif w == "count":
        n = int(c["variable"].split("@line")[1])
        if lines.get(n, 0) != lit(c["value"]):
            return errs, False
    elif w in ("comparison", "arith"):
        if eval(c["expr"], {}) != lit(c["value"]):
            return errs, False
    elif w == "return":
        if lit(c["value"]) != result:
            return errs, False
    elif w == "call":
        r, *_ = run_traced(ctx["code"], c["value"])
        if r != result:
            return errs, False
    return errs, True

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    out, nfail = [], 0
    cache = {}
    for it in items:
        problems = []
        key = (it["code"], it["call"])
        if key not in cache:
            cache[key] = run_traced(it["code"], it["call"])
        result, hist, lines, rets, ns = cache[key]
        ctx = {"hist": hist, "lines": lines, "code": it["code"]}
        if repr(result) != it["returned"]:
            problems.append("returned mismatch %r vs %s" % (result, it["returned"]))
        rat = it["rationale"]
        last = rat.strip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            problems.append("answer line mismatch")
        # answer correctness
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == result
        else:
            ans_ok = run_traced(it["code"], it["answer"])[0] == result
        err = it["error"]
        ek = err["kind"] if err else None
        if ek in ("wrong_final_answer", "backward_wrong_input"):
            if ans_ok: problems.append("answer should be wrong but is right")
        elif not ans_ok and not (err and err.get("carried")):
            problems.append("answer is wrong")
        for c in it["claims"]:
            e, ok = check_claim(c, rat, ctx, result)
            problems += e
            if c.get("error"):
                if ok: problems.append("error claim is actually true: %r" % c["quote"])
            elif not ok:
                problems.append("claim false: %r" % c["quote"])
        if err:
            if err["quote"] not in rat:
                problems.append("error quote missing")
            if ek not in ("wrong_final_answer", "backward_wrong_input") and not any(c.get("error") for c in it["claims"]):
                problems.append("no error claim")
            if err.get("held_elsewhere"):
                ec = [c for c in it["claims"] if c.get("error")]
                for c in ec:
                    if c["what"] == "value":
                        if lit(c["value"]) not in hist.get(c["variable"], []):
                            problems.append("held_elsewhere value never held")
                    elif c["what"] == "count":
                        pass
                    elif "held_var" in c:
                        if lit(c["value"]) not in hist.get(c["held_var"], []):
                            problems.append("held_elsewhere value never held by %s" % c["held_var"])
            fid = it["faithful_id"]
            if fid not in {x["id"] for x in items}:
                problems.append("faithful_id missing")
        status = "PASS" if not problems else "FAIL"
        if problems: nfail += 1
        out.append("%s %s %s" % (status, it["id"], "; ".join(problems)))
    out.append("items=%d failed=%d" % (len(items), nfail))
    open("check_report.txt", "w").write("\n".join(out) + "\n")
    print("\n".join(out[-40:]))
    return 1 if nfail else 0

if __name__ == "__main__":
    sys.exit(main())
