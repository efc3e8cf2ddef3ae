"""Standalone checker for w273 narrations: re-executes each program with sys.settrace,
records per-variable value histories and loop-line hit counts, and checks every claim."""
import ast, copy, json, sys

FN = "<w273prog>"

def run(code, call):
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    hist, lines = {}, {}
    def rec(frame):
        snap = dict(frame.f_locals)
        s = snap.get("self")
        if s is not None and hasattr(s, "__dict__"):
            for k, v in vars(s).items():
                snap["self." + k] = v
        for k, v in snap.items():
            if k == "self" or k.startswith("__"):
                continue
            try: v = copy.deepcopy(v)
            except Exception: pass
            h = hist.setdefault(k, [])
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        rec(frame)
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(compile(call, FN + "call", "eval"), ns)
    finally:
        sys.settrace(None)
    return ns, ret, hist, lines

def call_returns(code, call):
    ns = {}
    exec(code, ns)
    return repr(eval(call, ns))

def arith_parts(q):
    q = q.replace("`", "").strip()
    for sep in (" = ", " is "):
        if sep in q:
            parts = q.split(sep)
            return parts[-2].strip(), parts[-1].strip()
    raise ValueError(q)

def contiguous(sub, seq):
    return any(seq[i:i + len(sub)] == sub for i in range(len(seq) - len(sub) + 1))

def collapse(xs):
    out = []
    for x in xs:
        if not out or out[-1] != x: out.append(x)
    return out

def claim_true(c, item, hist, lines, ret):
    """Return (ok, detail) telling whether the claim is true of the execution."""
    w, val = c["what"], c["value"]
    if w == "value":
        v = ast.literal_eval(val)
        h = hist.get(c["variable"], [])
        if c.get("seq"):
            return contiguous(collapse(v), h), f"history {h}"
        return v in h, f"history {h}"
    if w == "count" and c["variable"].startswith("calls@line"):
        n = lines.get(int(c["variable"].split("@line")[1]), 0)  # body line hit once per call
        return n == int(val), f"hits {n}"
    if w == "count":
        ln = int(c["variable"].split("@line")[1])
        n = lines.get(ln, 0) - 1  # header hit once per iteration plus the exit check
        return n == int(val), f"iterations {n}"
    if w == "arith":
        e, r = arith_parts(c["quote"])
        got = eval(e)
        return got == ast.literal_eval(val) and ast.literal_eval(r) == ast.literal_eval(val), f"{e} -> {got}"
    if w == "comparison":
        e = c.get("expr") or c["quote"].replace("`", "")
        got = bool(eval(e))
        return got == ast.literal_eval(val), f"{e} -> {got}"
    if w == "return":
        return repr(ast.literal_eval(val)) == item["returned"], f"returned {item['returned']}"
    if w == "call":
        got = call_returns(item["code"], val)
        return got == item["returned"], f"{val} -> {got}"
    raise ValueError(w)

def check(item):
    errs = []
    ns, ret, hist, lines = run(item["code"], item["call"])
    if repr(ret) != item["returned"]:
        errs.append(f"returned mismatch {ret!r} vs {item['returned']}")
    if item["rationale"].rstrip().splitlines()[-1] != "Answer: " + item["answer"]:
        errs.append("answer line mismatch")
    ans_ok = (repr(ast.literal_eval(item["answer"])) == item["returned"]) if item["direction"] == "forward" \
        else (call_returns(item["code"], item["answer"]) == item["returned"])
    e = item["error"]
    for c in item["claims"]:
        if c["quote"] not in item["rationale"]:
            errs.append(f"quote not in rationale: {c['quote']!r}")
            continue
        ok, det = claim_true(c, item, hist, lines, ret)
        is_err = e is not None and c["quote"] == e["quote"]
        if is_err and "at" in e and c["what"] == "value":
            # judged at the indicated point of the variable's history, not over the whole run
            h = hist.get(e["at"]["variable"], [])
            ok = h[e["at"]["index"]] == ast.literal_eval(c["value"])
            det = f"value at point {e['at']['index']} of {h} is {h[e['at']['index']]!r}"
        if is_err:
            if ok:
                errs.append(f"error claim is actually TRUE: {c['quote']!r} ({det})")
            if e.get("held_elsewhere"):
                if c["what"] == "value":
                    h = hist.get(c["variable"], [])
                    stated = ast.literal_eval(c["value"])
                    if c.get("seq"):
                        if not all(x in h for x in stated):
                            errs.append("held_elsewhere seq value never held")
                    else:
                        allv = [x for hh in hist.values() for x in hh]
                        if stated not in allv:  # must be a value the program holds somewhere
                            errs.append(f"held_elsewhere value never held: {det}")
                        at = e.get("at")
                        if not at or h[at["index"]] == stated:
                            errs.append("held_elsewhere: stated equals value at that point")
                else:
                    allv = [x for hh in hist.values() for x in hh]
                    if ast.literal_eval(e["stated"]) not in allv:
                        errs.append("held_elsewhere value never held by any variable")
            elif c["what"] == "value" and not c.get("seq") and "at" not in e:
                if ast.literal_eval(c["value"]) in hist.get(c["variable"], []):
                    errs.append("non-held error value occurs in history")
            if "at" in e and c["what"] == "value":
                h = hist.get(e["at"]["variable"], [])
                if h[e["at"]["index"]] == ast.literal_eval(c["value"]):
                    errs.append("error value equals value at indicated point")
        elif not ok:
            errs.append(f"claim false: {c['quote']!r} ({det})")
    if e is None:
        if not ans_ok: errs.append("faithful answer wrong")
    else:
        if e["quote"] not in item["rationale"]:
            errs.append("error quote missing")
        if e["kind"] in ("wrong_final_answer", "backward_wrong_input"):
            if ans_ok: errs.append("error answer actually right")
        elif not ans_ok:
            errs.append("answer wrong in non-answer error copy")
        if not any(c["quote"] == e["quote"] for c in item["claims"]):
            errs.append("error quote not among claims")
    return errs

def main(path="narrations.jsonl"):
    items = [json.loads(l) for l in open(path)]
    bad = 0
    lines_out = []
    for it in items:
        errs = check(it)
        status = "PASS" if not errs else "FAIL"
        bad += bool(errs)
        lines_out.append(f"{status} {it['id']} ({it['label']}{'/' + it['error']['kind'] if it['error'] else ''}, {len(it['claims'])} claims)")
        for x in errs: lines_out.append("    " + x)
    lines_out.append(f"{len(items)} items, {len(items) - bad} pass, {bad} fail")
    print("\n".join(lines_out))
    return bad

if __name__ == "__main__":
    sys.exit(1 if main(*sys.argv[1:]) else 0)
