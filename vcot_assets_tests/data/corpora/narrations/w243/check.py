"""Standalone checker for w243 narrations: re-executes every program with sys.settrace."""
import ast, copy, json, sys

def lit(s):
    return ast.literal_eval(s)

def run(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist, line_counts, line_snaps = {}, {}, {}
    prev_line = {}
    def snap(frame):
        out = {}
        for k, v in frame.f_locals.items():
            if k == "self":
                for ak, av in vars(v).items():
                    out["self." + ak] = copy.deepcopy(av)
            else:
                try:
                    out[k] = copy.deepcopy(v)
                except Exception:
                    out[k] = v
        return out
    def record(frame):
        s = snap(frame)
        for k, v in s.items():
            h = hist.setdefault(k, [])
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)
        return s
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            s = record(frame)
            line_counts[frame.f_lineno] = line_counts.get(frame.f_lineno, 0) + 1
            key = (prev_line.get(id(frame)), frame.f_lineno)
            line_counts[key] = line_counts.get(key, 0) + 1
            prev_line[id(frame)] = frame.f_lineno
            line_snaps.setdefault(frame.f_lineno, []).append(s)
        elif event == "return":
            record(frame)
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, line_counts, line_snaps

def plain_eval(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    return eval(call, ns)

def claim_truth(c, ret, hist, counts, snaps):
    """Return (ok, detail): whether the claim is true at its point in execution."""
    what = c["what"]
    if what == "value":
        val = lit(c["value"])
        var = c["variable"]
        if "hist_from" in c:
            seq = hist.get(var, [])[c["hist_from"]:c.get("hist_to")]
            return seq == val, f"{var} history[{c['hist_from']}:{c.get('hist_to')}]={seq!r}"
        if "seq_line" in c:
            seq = [s.get(var) for s in snaps.get(c["seq_line"], [])]
            return seq == val, f"{var}@line{c['seq_line']} seq={seq!r}"
        if "at_line" in c:
            seq = [s.get(var) for s in snaps.get(c["at_line"], [])]
            actual = seq[c["iter"]]
            return actual == val, f"{var}@line{c['at_line']}#{c['iter']}={actual!r}"
        if "at" in c:
            actual = hist.get(var, [])[c["at"]]
            return actual == val, f"{var}[{c['at']}]={actual!r}"
        if var is None:
            ok = any(val in h for h in hist.values()) or val == ret
            return ok, "any variable"
        return val in hist.get(var, []), f"history {var}={hist.get(var)!r}"
    if what == "count":
        label = c["variable"]
        spec = label.split("line")[-1].strip()
        if "->" in spec:
            a, b = spec.split("->")
            line = (int(a), int(b))
        else:
            line = int(spec)
        actual = counts.get(line, 0)
        return actual == lit(c["value"]), f"count line {line}={actual}"
    if what in ("arith", "comparison"):
        expr = c.get("expr") or c["quote"].strip("`").rsplit("=", 1)[0]
        actual = eval(expr, {"min": min, "max": max, "len": len})
        return actual == lit(c["value"]), f"{expr} -> {actual!r}"
    if what == "return":
        return lit(c["value"]) == ret, f"returned {ret!r}"
    if what == "call":
        return None, "call checked via answer"
    return False, "unknown claim kind"

def check_item(it):
    errs = []
    ret, hist, counts, snaps = run(it["code"], it["call"])
    if repr(ret) != it["returned"]:
        errs.append(f"returned mismatch {ret!r} vs {it['returned']}")
    text = it["rationale"]
    if not text.rstrip().endswith("Answer: " + it["answer"]):
        errs.append("last line is not the Answer line")
    err = it["error"]
    for c in it["claims"]:
        if c["quote"] not in text:
            errs.append(f"quote not in rationale: {c['quote']!r}")
            continue
        is_err = err is not None and c["quote"] == err["quote"]
        ok, detail = claim_truth(c, ret, hist, counts, snaps)
        if ok is None:
            continue
        if is_err:
            if ok:
                errs.append(f"error claim is actually TRUE: {c['quote']!r} ({detail})")
            if err["kind"] == "impossible_state" and c["what"] == "value":
                if lit(c["value"]) in hist.get(c["variable"], []):
                    errs.append("impossible_state value does occur for that variable")
            if err.get("held_elsewhere"):
                v = lit(c["value"])
                if c["what"] == "count":
                    pass
                elif not (any(v in h for h in hist.values())):
                    errs.append(f"held_elsewhere value {v!r} never held")
        elif not ok:
            errs.append(f"false claim: {c['quote']!r} ({detail})")
    if err is not None:
        if err["quote"] not in text:
            errs.append("error quote missing")
        if not any(c["quote"] == err["quote"] for c in it["claims"]) and err["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
            errs.append("error has no matching claim")
    # answers
    if it["direction"] == "forward":
        good = lit(it["answer"]) == ret
    else:
        good = plain_eval(it["code"], it["answer"]) == ret
    wrong_answer_kind = err is not None and err["kind"] in ("wrong_final_answer", "backward_wrong_input")
    if wrong_answer_kind and good:
        errs.append("answer error but answer is correct")
    if not wrong_answer_kind and not good:
        errs.append("answer is wrong")
    if err is not None and err["kind"] == "backward_wrong_input" and it["direction"] != "backward":
        errs.append("backward_wrong_input on forward item")
    if err is not None and err["kind"] == "wrong_final_answer" and it["direction"] != "forward":
        errs.append("wrong_final_answer on backward item")
    return errs

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    ids = set()
    bad = 0
    for it in items:
        if it["id"] in ids:
            print("DUPLICATE", it["id"]); bad += 1
        ids.add(it["id"])
        try:
            e = check_item(it)
        except Exception as ex:
            e = [f"exception {ex!r}"]
        print(("PASS " if not e else "FAIL ") + it["id"] + ("" if not e else "  " + "; ".join(e)))
        bad += bool(e)
    print(f"\n{len(items)} items, {len(items)-bad} pass, {bad} fail")
    return bad

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
