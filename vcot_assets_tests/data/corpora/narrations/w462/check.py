"""Standalone checker for w462 narrations: runs each call under sys.settrace, records the
history of every claimed expression (per line/return event, consecutive duplicates merged),
counts line executions, and verifies faithful claims and the falsity of each error."""
import ast, copy, json, sys

def run_traced(code, call, exprs):
    g = {"__name__": "w462prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist = {e: [] for e in exprs}
    linecount = {}
    def snap(frame):
        loc = frame.f_locals
        for e in exprs:
            try:
                v = eval(e, {"max": max, "abs": abs}, dict(loc))
            except Exception:
                continue
            v = copy.deepcopy(v)
            h = hist[e]
            if not h or h[-1] != v:
                h.append(v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            linecount[frame.f_lineno] = linecount.get(frame.f_lineno, 0) + 1
        if event in ("line", "return"):
            snap(frame)
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, linecount

def plain(code, call):
    g = {"__name__": "w462prog"}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def check_claim(c, ret, hist, lc, item):
    w = c["what"]
    if w in ("arith", "comparison"):
        return eval(c["expr"], {"max": max, "abs": abs}) == ast.literal_eval(c["value"])
    if w == "count":
        line = int(c["variable"].split("@line")[1])
        return lc.get(line, 0) == int(c["value"])
    if w == "return":
        return repr(ret) == repr(ast.literal_eval(c["value"]))
    if w == "call":
        return repr(plain(item["code"], c["value"])) == item["returned"]
    if w == "value":
        h = hist[c["variable"]]
        v = ast.literal_eval(c["value"])
        if c.get("seq"):
            return _subseq(h, v)
        return v in h
    raise ValueError(w)

def _subseq(h, v):
    # the stated sequence must appear, in order, within the variable's value history
    it = iter(h)
    return all(any(x == y for y in it) for x in v)

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")]
    fails = 0
    lines = []
    for it in items:
        exprs = {c["variable"] for c in it["claims"] if c["what"] == "value"}
        e = it["error"]
        if e and e["check"].get("expr") and e["check"]["type"] in ("expr_at", "never"):
            exprs.add(e["check"]["expr"])
        if e and e["check"].get("held_in"):
            exprs.add(e["check"]["held_in"])
        ret, hist, lc = run_traced(it["code"], it["call"], exprs)
        probs = []
        if repr(ret) != it["returned"]:
            probs.append(f"returned {ret!r} != {it['returned']}")
        bad = None
        for c in it["claims"]:
            is_err = e is not None and c["quote"] == e["quote"]
            if is_err and e["check"]["type"] == "expr_at":
                continue  # a held-elsewhere value: judged at its point below, not against the whole run
            ok = check_claim(c, ret, hist, lc, it)
            if is_err:
                if ok:
                    probs.append(f"error claim is TRUE: {c['quote']}")
            elif not ok:
                probs.append(f"claim false: {c['quote']}")
        # answer
        if it["direction"] == "forward":
            ans_ok = repr(ast.literal_eval(it["answer"])) == it["returned"]
        else:
            ans_ok = repr(plain(it["code"], it["answer"])) == it["returned"]
        if e is None or e["kind"] not in ("wrong_final_answer", "backward_wrong_input") and not (e.get("carried") and not ans_ok):
            if not ans_ok:
                probs.append("answer wrong")
        if e is not None:
            ck = e["check"]
            if e["quote"] not in it["rationale"]:
                probs.append("error quote missing")
            t = ck["type"]
            if t == "answer":
                if ans_ok: probs.append("error answer is actually right")
            elif t == "arith" or t == "cmp":
                val = eval(ck["expr"], {"max": max, "abs": abs})
                if repr(val) == repr(ast.literal_eval(e["stated"])): probs.append("arith/cmp error not false")
                if repr(val) != repr(ast.literal_eval(e["actual"])): probs.append("actual mismatch")
                if ck.get("held_in") and ast.literal_eval(e["stated"]) not in hist[ck["held_in"]]:
                    probs.append("held_elsewhere value not held")
            elif t == "count":
                n = lc.get(ck["line"], 0)
                if n == int(e["stated"]) or n != int(e["actual"]): probs.append(f"count check failed {n}")
            elif t == "expr_at":
                h = hist[ck["expr"]]
                at = h[ck["index"]]
                st = ast.literal_eval(ck.get("stated", e["stated"]))
                if at == st: probs.append("expr_at stated equals value at that point")
                act = ast.literal_eval(e["actual"]) if "stated" not in ck else None
                if act is not None and at != act: probs.append(f"expr_at actual mismatch {at!r}")
                if e.get("held_elsewhere") and st not in h: probs.append("held_elsewhere value never held")
            elif t == "never":
                if ast.literal_eval(e["stated"]) in hist[ck["expr"]]: probs.append("impossible state is held")
            if e.get("held_elsewhere") and t not in ("expr_at", "arith"):
                probs.append("held_elsewhere without point check")
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        lines.append(f"{status} {it['id']} ({it['label']}{'/' + e['kind'] if e else ''}, {len(it['claims'])} claims)" + ("" if not probs else ": " + "; ".join(probs)))
    lines.append(f"TOTAL {len(items)} items, {fails} failing")
    print("\n".join(lines))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
