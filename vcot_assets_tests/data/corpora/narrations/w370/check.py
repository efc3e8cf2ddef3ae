"""Standalone checker for w370 narrations: plain exec + sys.settrace, no project tools."""
import ast, copy, json, sys

def run_traced(code, call):
    """Execute call; return (result, hist, lines). hist: name -> list of successive distinct values
    (per frame, concatenated in time order); lines: (func, lineno) -> hit count."""
    g = {"__name__": "program"}
    exec(compile(code, "<program>", "exec"), g)
    hist, lines, last = {}, {}, {}
    global SAMPLES
    SAMPLES = {}
    def snap(frame):
        fid = id(frame)
        items = dict(frame.f_locals)
        s = items.get("self")
        if s is not None and hasattr(s, "__dict__"):
            for k, v in vars(s).items():
                items["self." + k] = v
        for k, v in items.items():
            if k == "self":
                continue
            try:
                v = copy.deepcopy(v)
            except Exception:
                pass
            key = (fid, k)
            if key not in last or last[key] != v:
                last[key] = v
                hist.setdefault(k, []).append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<program>":
            return None
        if event == "line":
            snap(frame)
            for k, v in frame.f_locals.items():
                if isinstance(v, (int, str, tuple, list, dict, set, float, bool, type(None))):
                    SAMPLES.setdefault((k, frame.f_lineno), []).append(copy.deepcopy(v))
                elif type(v).__module__ == "program" and hasattr(v, "__dict__"):
                    for a, av in vars(v).items():
                        SAMPLES.setdefault((k + "." + a, frame.f_lineno), []).append(copy.deepcopy(av))
            k = (frame.f_code.co_name, frame.f_lineno)
            lines[k] = lines.get(k, 0) + 1
        elif event == "return":
            snap(frame)
        elif event == "call":
            snap(frame)
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(compile(call, "<call>", "eval"), g)
    finally:
        sys.settrace(None)
    return result, hist, lines

def plain_call(code, call):
    g = {"__name__": "program"}
    exec(compile(code, "<program>", "exec"), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def arith_value(c):
    expr = c.get("expr")
    if expr is None:
        q = c["quote"]
        for sep in (" = ", "=", " is ", " gives "):
            if sep in q:
                expr = q.split(sep)[0]
                break
    return eval(expr, {})

def count_of(label, lines, fn=None):
    # label 'loop@line N' -> number of times line N (first body line) ran
    n = int(label.split("@line")[1])
    return sum(v for (f, ln), v in lines.items() if ln == n)

def check_claim(c, result, hist, lines):
    w = c["what"]
    if w == "value":
        val = lit(c["value"])
        h = hist.get(c["variable"], [])
        if "sample_line" in c:
            sm = SAMPLES.get((c["variable"], c["sample_line"]), [])[c.get("skip", 0):c.get("upto")]
            return val == sm, f"samples={sm}"
        if c.get("seq"):
            dd = [x for i, x in enumerate(h) if i == 0 or h[i - 1] != x][c.get("skip", 0):c.get("upto")]
            return val == dd, f"{c['variable']} seq={dd}"
        if "nth" in c:
            return c["nth"] < len(h) and h[c["nth"]] == val, f"{c['variable']}[{c['nth']}] hist={h}"
        return val in h, f"{c['variable']} hist={h}"
    if w == "count":
        return count_of(c["variable"], lines) == lit(c["value"]), f"count={count_of(c['variable'], lines)}"
    if w in ("arith", "comparison"):
        v = arith_value(c)
        return v == lit(c["value"]), f"eval={v!r}"
    if w == "return":
        return result == lit(c["value"]), f"returned={result!r}"
    if w == "call":
        return plain_call(CODE, c["value"]) == result, "call"
    return False, "unknown claim kind"

def main():
    global CODE
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") if l.strip()]
    ok_all = True
    out = []
    for it in items:
        CODE = it["code"]
        errs = []
        result, hist, lines = run_traced(it["code"], it["call"])
        if repr(result) != it["returned"]:
            errs.append(f"returned mismatch {result!r} vs {it['returned']}")
        rat = it["rationale"]
        last = rat.strip().splitlines()[-1]
        for c in it["claims"]:
            if c["quote"] not in rat:
                errs.append(f"quote not in rationale: {c['quote']!r}")
            if c.get("erroneous"):
                continue
            ok, info = check_claim(c, result, hist, lines)
            if not ok:
                errs.append(f"claim false: {c['quote']!r} ({info})")
        # answer
        if it["answer"] not in last:
            errs.append("answer not on last line")
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == result
        else:
            fn = it["answer"].split("(")[0]
            ans_ok = it["answer"].startswith(it["function"]) and plain_call(it["code"], it["answer"]) == result
        if it["label"] == "faithful":
            if not ans_ok:
                errs.append("faithful answer wrong")
            if it["error"] is not None:
                errs.append("faithful item has error")
        else:
            e = it["error"]
            if e["quote"] not in rat:
                errs.append("error quote not in rationale")
            if e["stated"] not in e["quote"]:
                errs.append("stated not in error quote")
            p = e.get("probe", {})
            t = p.get("type")
            if e["kind"] in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    errs.append("error answer is actually right")
            else:
                if not ans_ok:
                    errs.append("non-answer error copy has wrong answer")
                if t == "value_at":
                    h = hist.get(p["variable"], [])
                    actual = h[p["nth"]] if p["nth"] < len(h) else None
                    sv = lit(p["stated_value"]) if "stated_value" in p else lit(e["stated"])
                    if actual == sv:
                        errs.append("stated value is true at that point")
                    if actual != lit(p.get("actual_value", e["actual"])):
                        errs.append(f"actual mismatch {actual!r}")
                    if e.get("held_elsewhere"):
                        allv = [v for hh in hist.values() for v in hh]
                        if (lit(p["wrong_elem"]) if "wrong_elem" in p else sv) not in allv:
                            errs.append("held_elsewhere but value never held")
                    elif p.get("never_held"):
                        if sv in h:
                            errs.append("impossible_state value is held")
                elif t in ("arith", "comparison"):
                    v = eval(p["expr"], {})
                    sv = lit(p["stated_value"]) if "stated_value" in p else lit(e["stated"])
                    if v == sv or v != lit(p.get("actual_value", e["actual"])):
                        errs.append(f"arith/comparison probe failed eval={v!r}")
                    if e.get("held_elsewhere"):
                        allv = [v for hh in hist.values() for v in hh]
                        if sv not in allv:
                            errs.append("held_elsewhere but value never held")
                elif t == "sample":
                    sm = SAMPLES.get((p["variable"], p["sample_line"]), [])[p.get("skip", 0):]
                    if lit(p["stated_seq"]) == sm or lit(p["actual_seq"]) != sm:
                        errs.append(f"sample probe failed {sm}")
                    if e.get("held_elsewhere"):
                        allv = [v for hh in hist.values() for v in hh]
                        if lit(p["wrong_elem"]) not in allv:
                            errs.append("held_elsewhere but value never held")
                elif t == "count":
                    n = count_of(p["variable"], lines)
                    if n == lit(p.get("stated_value", e["stated"])) or n != lit(p.get("actual_value", e["actual"])):
                        errs.append(f"count probe failed n={n}")
                elif t == "seq":
                    # stated sequence element k of variable's history (optionally offset)
                    h0 = hist.get(p["variable"], [])
                    h = [x for i, x in enumerate(h0) if i == 0 or h0[i - 1] != x]
                    seq = lit(p["stated_seq"])
                    if seq == h[:len(seq)] or lit(p["actual_seq"]) != h[:len(seq)]:
                        errs.append(f"seq probe failed {h}")
                    if e.get("held_elsewhere"):
                        allv = [v for hh in hist.values() for v in hh]
                        if lit(p["wrong_elem"]) not in allv:
                            errs.append("held_elsewhere but value never held")
                else:
                    errs.append("no probe")
            if it["faithful_id"] is None:
                errs.append("missing faithful_id")
        status = "PASS" if not errs else "FAIL"
        ok_all &= not errs
        out.append(f"{status} {it['id']}" + ("" if not errs else " :: " + " | ".join(errs)))
    out.append(f"TOTAL {len(items)} items, {'ALL PASS' if ok_all else 'FAILURES'}")
    print("\n".join(out))
    return 0 if ok_all else 1

if __name__ == "__main__":
    sys.exit(main())
