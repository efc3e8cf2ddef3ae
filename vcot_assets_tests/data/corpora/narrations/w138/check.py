"""Standalone checker for w138 narrations: re-runs each call under sys.settrace,
records every variable's value history (locals and self.<attr>), and checks claims/errors."""
import sys, json, copy, ast

def run_traced(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist = {}      # name -> list of values (consecutive duplicates collapsed)
    lines = {}     # line number -> times executed
    last = {}      # (frame id, name) -> last snapshot
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
                v2 = copy.deepcopy(v)
            except Exception:
                v2 = v
            key = (id(frame), k)
            if key in last and last[key] == v2:
                continue
            last[key] = v2
            h = hist.setdefault(k, [])
            if not h or h[-1] != v2:
                h.append(v2)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        snap(frame)
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, g)
    finally:
        sys.settrace(None)
    return result, hist, lines

def plain(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def check_item(it):
    errs = []
    res, hist, lines = run_traced(it["code"], it["call"])
    if repr(res) != it["returned"]:
        errs.append(f"returned mismatch {res!r} vs {it['returned']}")
    r = it["rationale"]
    last_line = r.strip().splitlines()[-1]
    if not last_line.startswith("Answer:") or it["answer"] not in last_line:
        errs.append("answer line mismatch")
    for c in it["claims"]:
        if c["quote"] not in r:
            errs.append(f"quote not in rationale: {c['quote']!r}")
    e = it["error"]
    wrong_quote = e["quote"] if e else None
    for c in it["claims"]:
        is_err = e is not None and c["quote"] == wrong_quote
        if is_err and e.get("check"):
            continue  # judged at its point by check_error below
        ok = claim_true(c, it, res, hist, lines)
        if is_err:
            if ok:
                errs.append(f"error claim is true: {c}")
        elif not ok:
            errs.append(f"claim false: {c}")
    # answer
    if it["direction"] == "forward":
        ans_ok = ast.literal_eval(it["answer"]) == res
    else:
        ans_ok = plain(it["code"], it["answer"]) == res
    if e is None:
        if not ans_ok:
            errs.append("faithful answer wrong")
    else:
        if e["quote"] not in r:
            errs.append("error quote not in rationale")
        if e["kind"] in ("wrong_final_answer", "backward_wrong_input"):
            if ans_ok:
                errs.append("error answer is actually right")
        else:
            if not ans_ok and not e.get("carried"):
                errs.append("non-answer error copy has wrong answer")
        ck = e.get("check")
        if ck:
            errs += check_error(ck, e, hist, lines)
    return errs

def claim_true(c, it, res, hist, lines):
    w = c["what"]
    if w == "value":
        val = ast.literal_eval(c["value"])
        return val in hist.get(c["variable"], [])
    if w == "sequence":   # a summarised run of values: contiguous piece of the history
        val = list(ast.literal_eval(c["value"])); h = hist.get(c["variable"], [])
        return any(h[i:i + len(val)] == val for i in range(len(h)))
    if w == "count":
        return lines.get(c["line"], 0) == ast.literal_eval(c["value"])
    if w in ("arith", "comparison"):
        return eval(c["expr"]) == ast.literal_eval(c["value"])
    if w == "return":
        return ast.literal_eval(c["value"]) == res
    if w == "call":
        return plain(it["code"], c["value"]) == res
    raise ValueError(w)

def check_error(ck, e, hist, lines):
    out = []
    t = ck["type"]
    if t in ("final", "call"):
        return out  # judged by the answer check in check_item
    stated = ast.literal_eval(e["stated"]); actual = ast.literal_eval(e["actual"])
    if t == "hist":   # value of variable at its k-th state
        h = hist.get(ck["var"], [])
        k = ck["index"]
        if k >= len(h) or h[k] != actual:
            out.append(f"actual {actual!r} is not {ck['var']} state #{k} ({h})")
        if k < len(h) and h[k] == stated:
            out.append("stated equals the true value at that point")
        if e.get("held_elsewhere"):
            if not any(stated in hv for hv in hist.values()):
                out.append("held_elsewhere but stated value never held")
    elif t == "count":
        if lines.get(ck["line"], 0) != actual or actual == stated:
            out.append(f"count check failed: line {ck['line']} ran {lines.get(ck['line'], 0)}")
    elif t in ("arith", "cmp"):
        v = eval(ck["expr"])
        if v != actual or v == stated:
            out.append(f"expr {ck['expr']} = {v!r}")
    elif t == "never":
        if stated in hist.get(ck["var"], []):
            out.append("impossible_state value is actually held")
    elif t == "seq":   # one wrong element of a summarised sequence at position k of history
        h = hist.get(ck["var"], [])
        if h[ck["index"]] != actual or actual == stated:
            out.append(f"seq check failed {h}")
    elif t in ("final", "call"):
        pass  # handled by answer check
    return out

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") if l.strip()]
    bad = 0
    for it in items:
        errs = check_item(it)
        status = "PASS" if not errs else "FAIL"
        if errs: bad += 1
        print(f"{status} {it['id']} ({it['label']}{'/' + it['error']['kind'] if it['error'] else ''})")
        for x in errs:
            print("    ", x)
    print(f"\n{len(items)} items, {len(items) - bad} pass, {bad} fail")
    sys.exit(1 if bad else 0)

if __name__ == "__main__":
    main()
