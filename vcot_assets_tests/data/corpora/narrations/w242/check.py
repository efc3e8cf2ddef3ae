"""Standalone checker for w242 narrations: re-executes every call under sys.settrace."""
import ast, json, sys, re

def run_traced(code, call):
    g = {"__name__": "program"}
    exec(compile(code, "<prog>", "exec"), g)
    hist = {}      # var -> list of distinct successive values (all frames of <prog>)
    hits = {}      # line number -> times executed
    snaps = {}     # line number -> list of locals snapshots taken each time the line is reached
    def snap(frame):
        items = dict(frame.f_locals)
        s = items.get("self")
        if s is not None and hasattr(s, "__dict__"):
            for k, v in vars(s).items():
                items["self." + k] = v
        for k, v in items.items():
            if k == "self":
                continue
            try:
                v = ast.literal_eval(repr(v))
            except Exception:
                v = repr(v)
            h = hist.setdefault(k, [])
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        snap(frame)
        if event == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
            d = {}
            loc = dict(frame.f_locals)
            so = loc.get("self")
            if so is not None and hasattr(so, "__dict__"):
                for k, v in vars(so).items():
                    loc["self." + k] = v
            for k, v in loc.items():
                try:
                    d[k] = ast.literal_eval(repr(v))
                except Exception:
                    d[k] = repr(v)
            snaps.setdefault(frame.f_lineno, []).append(d)
        return tr
    sys.settrace(tr)
    try:
        result = eval(call, g)
    finally:
        sys.settrace(None)
    return result, hist, (hits, snaps)

def plain_run(code, call):
    g = {"__name__": "program"}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def claim_true(c, hist, hits, result):
    w = c["what"]; v = lit(c["value"])
    if w == "value":
        return v in hist.get(c["variable"], [])
    if w == "count":
        m = re.match(r"loop@line (\d+)", c["variable"])
        return hits[0].get(int(m.group(1)), 0) - c.get("minus", 0) == v
    if w in ("arith", "comparison"):
        return eval(c["expr"]) == v
    if w == "return":
        return v == result
    if w == "call":
        return True
    raise ValueError(w)

def error_false(item, hist, hits, result):
    e = item["error"]; k = e["kind"]; at = e.get("at", {})
    if k == "wrong_final_answer":
        return lit(item["answer"]) != result
    if k == "backward_wrong_input":
        try:
            return plain_run(item["code"], item["answer"]) != result
        except Exception:
            return True
    stated = lit(e["stated"]); actual = lit(e["actual"])
    if "expr" in at:
        real = eval(at["expr"])
    elif "hit" in at:
        real = hits[1][at["line"]][at["hit"]][at["variable"]]
    elif "line" in at:
        real = hits[0].get(at["line"], 0) - at.get("minus", 0)
    else:
        real = hist[at["variable"]][at["index"]]
    if "key" in at:
        real = real[at["key"]]
    ok = real != stated and real == actual
    if e.get("held_elsewhere"):
        pool = [v for h in hist.values() for v in h]
        if "key" in at:
            pool += [v[at["key"]] for v in hist.get(at["variable"], []) if isinstance(v, dict) and at["key"] in v]
        ok = ok and stated in pool
    return ok

def main(path, out):
    lines = []; bad = 0; n = 0
    items = [json.loads(l) for l in open(path) if l.strip()]
    for it in items:
        n += 1; probs = []
        result, hist, hits = run_traced(it["code"], it["call"])
        if repr(result) != it["returned"]:
            probs.append("returned mismatch %r" % (result,))
        if not it["rationale"].rstrip().endswith(it["rationale"].rstrip().splitlines()[-1]) or "Answer:" not in it["rationale"].splitlines()[-1]:
            probs.append("no Answer line")
        if it["answer"] not in it["rationale"].splitlines()[-1]:
            probs.append("answer not in last line")
        eq = it["error"]["quote"] if it["error"] else None
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("quote missing: %s" % c["quote"])
                continue
            if it["label"] == "error" and eq is not None and (c["quote"] == eq or c["quote"] in eq or eq in c["quote"]):
                continue
            if not claim_true(c, hist, hits, result):
                probs.append("false claim: %s" % c["quote"])
        if it["label"] == "faithful":
            if it["direction"] == "forward":
                if lit(it["answer"]) != result:
                    probs.append("forward answer wrong")
            else:
                if plain_run(it["code"], it["answer"]) != result:
                    probs.append("backward answer wrong")
        else:
            if eq not in it["rationale"]:
                probs.append("error quote missing")
            if not error_false(it, hist, hits, result):
                probs.append("error not false at its point")
            if it["error"]["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                if it["direction"] == "forward" and lit(it["answer"]) != result and not it["error"].get("carried"):
                    probs.append("uncarried error changed forward answer")
                if it["direction"] == "backward" and plain_run(it["code"], it["answer"]) != result and not it["error"].get("carried"):
                    probs.append("uncarried error broke backward answer")
        status = "PASS" if not probs else "FAIL"
        if probs: bad += 1
        lines.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    lines.append("items=%d failed=%d" % (n, bad))
    open(out, "w").write("\n".join(lines) + "\n")
    print("\n".join(l for l in lines if not l.startswith("PASS")))
    return bad

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl",
                       sys.argv[2] if len(sys.argv) > 2 else "check_report.txt") else 0)
