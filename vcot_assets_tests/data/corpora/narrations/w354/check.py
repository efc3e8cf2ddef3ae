"""Standalone checker for w354 narrations: runs each program with sys.settrace and checks claims."""
import json, sys, ast

def run_traced(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist = {}      # name -> list of values (consecutive dedup), merged over frames
    lines = {}     # (func, lineno) -> count of executions
    def snap(frame):
        for k, v in frame.f_locals.items():
            vals = [(k, v)]
            if k == "self":
                try:
                    vals += [("self." + a, b) for a, b in vars(v).items()]
                except TypeError:
                    pass
            for name, val in vals:
                try:
                    val = ast.literal_eval(repr(val))
                except Exception:
                    continue
                h = hist.setdefault(name, [])
                if not h or h[-1] != val:
                    h.append(val)
    calls = {}
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        snap(frame)
        name = frame.f_code.co_name
        if event == "call":
            calls[name] = calls.get(name, 0) + 1
        if event == "line":
            for key in ((name, frame.f_lineno), (name, frame.f_lineno, calls.get(name, 1))):
                lines[key] = lines.get(key, 0) + 1
        if event == "return":
            snap(frame)
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def plain(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, ret, hist, lines, code):
    w = c["what"]; v = lit(c["value"])
    if w == "value":
        return v in hist.get(c["variable"], []), f"{c['variable']} history {hist.get(c['variable'])}"
    if w == "count":
        n = lines.get(tuple(c["line"]), 0)
        return n == v, f"count {n}"
    if w in ("arith", "comparison"):
        r = eval(c.get("expr", c["quote"]))
        return r == v, f"eval {r}"
    if w == "return":
        return v == ret, f"ret {ret!r}"
    if w == "call":
        r = plain(code, c["quote"])
        return r == v, f"call {r!r}"
    return False, "unknown"

def check_error(item, ret, hist, lines):
    e = item["error"]; k = e["kind"]; ck = e.get("check", {})
    if e["quote"] not in item["rationale"]:
        return False, "quote missing"
    st = lit(ck["stated"]) if "stated" in ck else None
    if k == "wrong_final_answer":
        return lit(item["answer"]) != ret, "answer vs ret"
    if k == "backward_wrong_input":
        r = plain(item["code"], item["answer"])
        return r != lit(item["returned"]) and r == lit(e["actual"]), f"call result {r!r}"
    mode = ck["mode"]
    if mode == "history_at":       # stated value differs from k-th value of variable's history
        h = hist[ck["variable"]]; actual = h[ck["index"]]
        ok = actual != st and actual == lit(ck["actual"])
        if item["error"].get("held_elsewhere"):
            ok = ok and st in h
        return ok, f"hist {h} idx {ck['index']}"
    if mode == "never":            # value never held
        return (ck["variable"] in hist and st not in hist[ck["variable"]]), f"hist {hist.get(ck['variable'])}"
    if mode == "eval":             # expression evaluates to something else than stated
        r = eval(ck["expr"]); return r != st and r == lit(ck["actual"]), f"eval {r}"
    if mode == "count":
        n = lines.get(tuple(ck["line"]), 0)
        return n != st and n == lit(ck["actual"]), f"count {n}"
    return False, "bad mode"

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    bad = 0; out = []
    for it in items:
        ret, hist, lines = run_traced(it["code"], it["call"])
        probs = []
        if repr(ret) != it["returned"]:
            probs.append(f"returned {ret!r} != {it['returned']}")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append(f"quote not in text: {c['quote']!r}")
            if it["label"] == "error" and c.get("is_error"):  # checked by check_error below
                continue
            ok, why = check_claim(c, ret, hist, lines, it["code"])
            if not ok:
                probs.append(f"claim false: {c['quote']!r} {why}")
        last = it["rationale"].rstrip().splitlines()[-1]
        if it["answer"] not in last:
            probs.append("answer not on last line")
        if it["label"] == "faithful":
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret: probs.append("forward answer wrong")
            else:
                if plain(it["code"], it["answer"]) != ret: probs.append("backward answer wrong")
        else:
            ok, why = check_error(it, ret, hist, lines)
            if not ok: probs.append(f"error not confirmed false: {why}")
            if it["error"]["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                if it["direction"] == "forward" and lit(it["answer"]) != ret and not it["error"].get("carried"):
                    probs.append("answer wrong in non-final-answer error")
        status = "PASS" if not probs else "FAIL"
        if probs: bad += 1
        out.append(f"{status} {it['id']} ({it['label']}, {it['style']}, {it['family']}, {it['error']['kind'] if it['error'] else '-'})")
        out += ["   " + p for p in probs]
    out.append(f"\n{len(items)} items, {len(items)-bad} pass, {bad} fail")
    print("\n".join(out))
    return bad

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
