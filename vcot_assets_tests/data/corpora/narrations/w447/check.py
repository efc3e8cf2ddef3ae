"""Standalone checker for w447 narrations: re-executes each program with sys.settrace."""
import ast, copy, json, re, sys

def run_traced(code, call):
    hist, hits, linevals = {}, {}, []
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    def rec(name, val):
        try:
            val = copy.deepcopy(val)
        except Exception:
            return
        h = hist.setdefault(name, [])
        if not h or h[-1] != val or type(h[-1]) != type(val):
            h.append(val)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if hasattr(v, "__dict__") and not callable(v):
                for a, av in vars(v).items():
                    rec(f"{k}.{a}", av)
            else:
                rec(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        snap(frame)
        if event == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
            try:
                linevals.append((frame.f_lineno, copy.deepcopy(dict(frame.f_locals))))
            except Exception:
                pass
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    hist["__linevals__"] = linevals
    return result, hist, hits, ns

def lit(s):
    return ast.literal_eval(s)

def arith_eval(quote):
    q = quote.replace("`", "")
    left, right = q.rsplit("=", 1)
    return eval(left.strip(), {}), lit(right.strip())

def check_claim(c, result, hist, hits, text):
    q = c["quote"]
    if q not in text:
        return f"quote not in rationale: {q!r}"
    w, val = c["what"], lit(c["value"])
    if w == "value":
        var = c["variable"]
        pool = hist.get(var) if var else [x for k, h in hist.items() if k != "__linevals__" for x in h] + [result]
        if pool is None:
            return f"no variable {var}"
        if val not in pool:
            return f"{var} never {val!r}"
    elif w == "count":
        m = re.search(r"line (\d+)", c["variable"])
        n = hits.get(int(m.group(1)), 0)
        if n != val:
            return f"count {c['variable']} is {n}, not {val}"
    elif w == "comparison":
        if eval(c.get("expr", q), {}) != val:
            return f"comparison {q} is not {val}"
    elif w == "arith":
        got, stated = (eval(c["expr"], {}), val) if "expr" in c else arith_eval(q)
        if got != stated or stated != val:
            return f"arith {q}: {got} vs {stated}"
    elif w == "return":
        if val != result:
            return f"return {val!r} != {result!r}"
    elif w == "call":
        pass
    return None

def check_error(item, result, hist, hits, ns):
    e = item["error"]
    if e["quote"] not in item["rationale"]:
        return "error quote not in rationale"
    if e["stated"] not in e["quote"]:
        return "stated not in quote"
    spec = e["check"]
    t = spec["type"]
    stated, actual = lit(spec["stated"]), lit(spec["actual"])
    if stated == actual:
        return "stated equals actual"
    if t == "hist":  # k-th value of the variable's history at that point
        h = hist[spec["var"]]
        if h[spec["k"]] != actual:
            return f"hist {spec['var']}[{spec['k']}]={h[spec['k']]!r} != actual {actual!r}"
        if e.get("held_elsewhere"):
            if stated not in [x for k, hh in hist.items() if k != "__linevals__" for x in hh]:
                return "held_elsewhere but value never held"
        elif e["kind"] == "impossible_state" and stated in h:
            return "impossible_state value is held"
    elif t == "count":
        n = hits.get(spec["line"], 0)
        if n != actual:
            return f"count line {spec['line']} = {n}, not {actual}"
    elif t == "arith":
        if eval(spec["expr"], {}) != actual:
            return "arith actual wrong"
        if e.get("held_elsewhere") and stated not in [x for k, hh in hist.items() if k != "__linevals__" for x in hh]:
            return "held_elsewhere arith value never held"
    elif t == "comparison":
        if eval(spec["expr"], {}) != actual:
            return "comparison actual wrong"
    elif t == "answer_fwd":
        if actual != result or lit(item["answer"]) == result:
            return "forward wrong answer not wrong"
    elif t == "answer_bwd":
        if eval(item["answer"], ns) == result:
            return "backward wrong input returns output"
    elif t == "seq":  # a summarised sequence vs the variable's real history slice
        h = hist[spec["var"]][spec["start"]:spec["start"] + len(actual)]
        if h != list(actual):
            return f"seq actual {actual} != history {h}"
        if e.get("held_elsewhere"):
            diff = [(a, b) for a, b in zip(stated, actual) if a != b]
            if len(diff) != 1 or diff[0][0] not in [x for k, hh in hist.items() if k != "__linevals__" for x in hh]:
                return "seq held_elsewhere not satisfied"
    elif t == "lineseq":  # the variable's value at each hit of a line (state before the line runs)
        base, _, attr = spec["var"].partition(".")
        seq = [getattr(d[base], attr) if attr else d[base] for ln, d in hist["__linevals__"] if ln == spec["line"] and base in d]
        seq = seq[spec["start"]:spec["start"] + len(actual)]
        if seq != list(actual):
            return f"lineseq actual {actual} != {seq}"
        diff = [(a, b) for a, b in zip(stated, actual) if a != b]
        if len(diff) != 1:
            return "lineseq: not exactly one wrong value"
        if e.get("held_elsewhere") and diff[0][0] not in [x for k, hh in hist.items() if k != "__linevals__" for x in hh]:
            return "lineseq held_elsewhere not satisfied"
    elif t == "last":
        if hist[spec["var"]][-1] != actual:
            return "last value mismatch"
        diff = [(a, b) for a, b in zip(stated, actual) if a != b]
        if len(diff) != 1:
            return "last: not exactly one wrong value"
        if e.get("held_elsewhere") and diff[0][0] not in [x for k, hh in hist.items() if k != "__linevals__" for x in hh]:
            return "last held_elsewhere not satisfied"
    else:
        return f"unknown check {t}"
    # held_elsewhere=false on a slip kind: the wrong value should really be absent from the run
    if not e.get("held_elsewhere") and e["kind"] in ("wrong_intermediate_right_answer", "wrong_loop_summary_value", "wrong_arithmetic"):
        allvals = [x for k, hh in hist.items() if k != "__linevals__" for x in hh]
        if t in ("seq", "lineseq", "last"):
            wrong = [a for a, b in zip(stated, actual) if a != b]
        else:
            wrong = [stated]
        if any(w in allvals for w in wrong):
            return "held_elsewhere=false but the stated value is held somewhere"
    return None

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    bad = 0
    lines = []
    for it in items:
        probs = []
        result, hist, hits, ns = run_traced(it["code"], it["call"])
        if repr(result) != it["returned"]:
            probs.append("returned mismatch")
        ans_line = it["rationale"].strip().splitlines()[-1]
        if not ans_line.startswith("Answer:") or ans_line[7:].strip() != it["answer"]:
            probs.append("Answer line mismatch")
        if it["label"] == "faithful":
            for c in it["claims"]:
                p = check_claim(c, result, hist, hits, it["rationale"])
                if p: probs.append(p)
            if it["direction"] == "forward":
                if lit(it["answer"]) != result: probs.append("forward answer wrong")
            else:
                if eval(it["answer"], ns) != result: probs.append("backward answer wrong")
        else:
            p = check_error(it, result, hist, hits, ns)
            if p: probs.append(p)
            # every claim except the error's must still hold
            for c in it["claims"]:
                if c["quote"] == it["error"]["quote"] or it["error"].get("carried"):
                    continue
                p = check_claim(c, result, hist, hits, it["rationale"])
                if p: probs.append("non-error claim: " + p)
            if it["error"]["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                if it["direction"] == "forward" and lit(it["answer"]) != result:
                    probs.append("answer wrong in non-answer error")
        status = "OK" if not probs else "FAIL " + "; ".join(probs)
        bad += bool(probs)
        lines.append(f"{it['id']}: {status}")
    lines.append(f"TOTAL {len(items)} items, {bad} failing")
    out = "\n".join(lines)
    print(out)
    open("check_report.txt", "w").write(out + "\n")
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
