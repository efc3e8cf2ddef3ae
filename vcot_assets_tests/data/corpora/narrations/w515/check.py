"""Standalone checker for w515 narrations: re-executes each program with sys.settrace,
records per-variable value histories (locals and self.<attr>), loop-line hit counts, and
verifies every claim of faithful items, and that the error of each error copy is really false."""
import ast, json, sys, copy

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = {}      # name -> list of reprs (changes, in event order)
    lines = {}     # (func, lineno) -> count
    def snap(frame):
        items = {}
        for k, v in frame.f_locals.items():
            if k == "self":
                for ak, av in getattr(v, "__dict__", {}).items():
                    items["self." + ak] = repr(av)
            else:
                items[k] = repr(v)
        for k, r in items.items():
            h = hist.setdefault(k, [])
            if not h or h[-1] != r:
                h.append(r)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        snap(frame)
        if event == "line":
            key = (frame.f_code.co_name, frame.f_lineno)
            lines[key] = lines.get(key, 0) + 1
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines, ns

def lit(s):
    return ast.literal_eval(s)

def claim_true(c, ret, hist, lines):
    w = c["what"]
    if w == "value":
        h = hist.get(c["variable"], [])
        if "history_from" in c:
            want = [repr(x) for x in lit(c["value"])]
            i = c["history_from"]
            return h[i:i + len(want)] == want
        return repr(lit(c["value"])) in h
    if w == "count":
        return lines.get((c["func"], c["line"]), 0) == lit(c["value"])
    if w in ("arith", "comparison"):
        return eval(c["expr"]) == lit(c["value"])
    if w == "return":
        return repr(ret) == repr(lit(c["value"]))
    raise ValueError(w)

def error_is_false(item, e, ret, hist, lines, ns):
    k = e["kind"]
    if k == "wrong_final_answer":
        return repr(lit(item["answer"])) != repr(ret)
    if k == "backward_wrong_input":
        return repr(eval(item["answer"], ns)) != item["returned"]
    c = e["claim"]
    stated = lit(e["stated"])
    if c["what"] in ("arith", "comparison"):
        return eval(c["expr"]) != stated and eval(c["expr"]) == lit(e["actual"])
    if c["what"] == "count":
        n = lines.get((c["func"], c["line"]), 0)
        return n != stated and n == lit(e["actual"])
    if c["what"] == "value":
        h = hist.get(c["variable"], [])
        i = e["index"]   # position in the variable's change history the statement refers to
        sv = lit(c["value"])   # the stated value as the claim records it (a whole dict/list where needed)
        av = lit(e.get("actual_full", e["actual"]))
        stated = sv
        ok = h[i] != repr(sv) and h[i] == repr(av)
        if e.get("held_elsewhere"):
            allv = {r for hh in hist.values() for r in hh}
            ok = ok and repr(stated) in allv
        elif k == "impossible_state":
            ok = ok and repr(stated) not in h
        return ok
    raise ValueError(k)

def main(path):
    items = [json.loads(l) for l in open(path)]
    bad = 0
    out = []
    for it in items:
        ret, hist, lines, ns = run_traced(it["code"], it["call"])
        probs = []
        if repr(ret) != it["returned"]:
            probs.append("returned mismatch")
        err = it["error"]
        errq = err["quote"] if err else None
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("quote missing: " + c["quote"])
                continue
            if err and c.get("is_error"):
                continue
            if err and err.get("carried") and c.get("carried"):
                continue
            if not claim_true(c, ret, hist, lines):
                probs.append("false claim: %r" % c)
        last = it["rationale"].strip().splitlines()[-1]
        if not last.startswith("Answer: ") or last[len("Answer: "):].strip() != it["answer"]:
            probs.append("answer line mismatch")
        if it["label"] == "faithful":
            if it["direction"] == "forward":
                if repr(lit(it["answer"])) != repr(ret): probs.append("forward answer wrong")
            else:
                if repr(eval(it["answer"], ns)) != it["returned"]: probs.append("backward answer wrong")
        else:
            if errq not in it["rationale"]:
                probs.append("error quote missing")
            try:
                fals = error_is_false(it, err, ret, hist, lines, ns)
            except Exception as ex:
                fals = False; probs.append("error check crashed: %r" % ex)
            if not fals:
                probs.append("error not false")
            if err["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                # answer must still be right
                if it["direction"] == "forward" and repr(lit(it["answer"])) != repr(ret):
                    probs.append("error copy answer should stay right")
                if it["direction"] == "backward" and repr(eval(it["answer"], ns)) != it["returned"]:
                    probs.append("error copy answer should stay right")
        status = "PASS" if not probs else "FAIL"
        bad += bool(probs)
        out.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    out.append("TOTAL %d items, %d failing" % (len(items), bad))
    print("\n".join(out))
    return bad

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
