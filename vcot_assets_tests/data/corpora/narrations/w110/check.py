"""Standalone checker for w110 narrations: plain execution + sys.settrace histories."""
import json, sys, copy, ast
def run(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist, hits = {}, {}
    def rec(name, v):
        try: v = copy.deepcopy(v)
        except Exception: return
        h = hist.setdefault(name, [])
        if not h or h[-1] != v: h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items(): rec("self." + a, av)
            else: rec(k, v)
    def tr(frame, ev, arg):
        if frame.f_code.co_filename != "<prog>": return None
        if ev == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
            for k, v in frame.f_locals.items():
                if k == "self":
                    for a, av in vars(v).items(): hist.setdefault(f"self.{a}@line {frame.f_lineno}", []).append(copy.deepcopy(av))
                else: hist.setdefault(f"{k}@line {frame.f_lineno}", []).append(copy.deepcopy(v))
        snap(frame)
        return tr
    sys.settrace(tr)
    try: res = eval(call, g)
    finally: sys.settrace(None)
    return res, hist, hits, g
def sub(seq, h):
    return any(h[i:i+len(seq)] == seq for i in range(len(h)))
def claim_ok(c, res, hist, hits):
    v = ast.literal_eval(c["value"]); w = c["what"]
    if w == "value":
        h = hist.get(c["variable"], [])
        if "@line" in c["variable"]: return h == v
        return v in h or (isinstance(v, list) and sub(v, h))
    if w == "count":
        line = int(c["variable"].split("@line")[1]); return hits.get(line, 0) == v
    if w in ("arith", "comparison"):
        return eval(c["expr"]) == v
    if w == "return": return v == res
    raise ValueError(w)
out = []; fails = 0
for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"):
    it = json.loads(l); probs = []
    res, hist, hits, g = run(it["code"], it["call"])
    if repr(res) != it["returned"]: probs.append("returned mismatch")
    if not it["rationale"].rstrip().endswith("Answer: " + it["answer"]): probs.append("answer line")
    for c in it["claims"]:
        if c["quote"] not in it["rationale"]: probs.append("quote missing: " + c["quote"])
    err = it["error"]
    chk = err.get("check") if err else None
    for c in it["claims"]:
        if chk and c == chk: continue
        if not claim_ok(c, res, hist, hits): probs.append("false claim: " + c["quote"])
    def ans_ok():
        if it["direction"] == "forward": return ast.literal_eval(it["answer"]) == res
        _, _, _, g2 = run(it["code"], "None"); return eval(it["answer"], g2) == res
    if err is None:
        if not ans_ok(): probs.append("answer wrong")
    else:
        if err["quote"] not in it["rationale"]: probs.append("error quote missing")
        k = err["kind"]
        if k in ("wrong_final_answer", "backward_wrong_input"):
            if ans_ok(): probs.append("error answer is actually right")
        else:
            if not ans_ok(): probs.append("answer wrong in non-answer error")
            if "at" in err:
                h = hist[err["variable"]]
                if h[err["at"]] != ast.literal_eval(err["actual"]) or h[err["at"]] == ast.literal_eval(err["stated"]):
                    probs.append("point check failed")
            elif chk is None or claim_ok(chk, res, hist, hits):
                probs.append("error claim is not false")
        if err.get("held_elsewhere"):
            s = ast.literal_eval(err["stated"])
            if not any(s in h for h in hist.values()): probs.append("held_elsewhere value never held")
    fails += bool(probs)
    out.append(f"{it['id']}: {'PASS' if not probs else 'FAIL ' + '; '.join(probs)}")
out.append(f"TOTAL {len(out)} items, {fails} failing")
print("\n".join(out))
