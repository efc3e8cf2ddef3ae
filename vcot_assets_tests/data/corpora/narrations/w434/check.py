"""Standalone checker for w434 narrations: re-executes each program with sys.settrace and
verifies every claim (faithful claims true, flagged error claims false at their point)."""
import ast, copy, json, sys
from collections import defaultdict

FN = "<w434prog>"

def run(code, call):
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    classes = tuple(v for v in ns.values() if isinstance(v, type))
    hist = defaultdict(list)          # name -> values in order of change
    last = {}                         # (frame id or obj id, name) -> last value
    lines = defaultdict(int)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k.startswith("."):
                continue
            if classes and isinstance(v, classes):
                for a, av in vars(v).items():
                    key = ("obj", id(v), a)
                    cv = copy.deepcopy(av)
                    if key not in last or last[key] != cv:
                        last[key] = cv; hist[a].append(cv)
                continue
            if callable(v):
                continue
            key = (id(frame), k)
            try:
                cv = copy.deepcopy(v)
            except Exception:
                cv = v
            if key not in last or last[key] != cv:
                last[key] = cv; hist[k].append(cv)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        snap(frame)
        if event == "line":
            lines[frame.f_lineno] += 1
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return result, hist, lines, ns

def arith_expr(c):
    if c.get("expr"):
        return c["expr"]
    q = c["quote"].replace("`", "")
    if " is " in q:
        return q.split(" is ")[0]
    return q.rsplit("=", 1)[0]

def claim_true(c, res, hist, lines, ns):
    """Return (holds_anywhere_or_exact, detail). For value claims with 'at', checks that point."""
    val = ast.literal_eval(c["value"])
    w = c["what"]
    if w == "value":
        h = hist.get(c["variable"], [])
        if "series" in c:
            # a summarised sequence: element k must equal the k-th recorded point (indices in 'series_at'
            # or, by default, the stated values looked up in order as a subsequence of the history)
            pts = c.get("series_at")
            if pts is None:
                pts, pos = [], 0
                for x in ast.literal_eval(repr(c["series"])):
                    while pos < len(h) and h[pos] != x: pos += 1
                    pts.append(pos)  # repeated equal values map to the same point
            real = [h[p] if p < len(h) else None for p in pts]
            return list(val) == real, f"{c['variable']} points {real!r}"
        if "at" in c:
            at = c["at"]
            ok = len(h) > (at if at >= 0 else -at - 1) and h[at] == val
            return ok, f"{c['variable']} history[{at}]={h[at] if h else None!r}"
        return val in h, f"{c['variable']} history={h!r}"
    if w == "count":
        ln = int(c["variable"].split("line")[-1])
        n = lines[ln] if c["variable"].startswith("body@") else lines[ln] - 1
        return n == val, f"loop at line {ln} ran {n}"
    if w in ("arith", "comparison"):
        got = eval(arith_expr(c), dict(ns))
        return got == val, f"{arith_expr(c)} -> {got!r}"
    if w == "return":
        return val == res, f"returned {res!r}"
    if w == "call":
        got = eval(val, dict(ns))
        return got == res, f"{val} -> {got!r}"
    return False, "unknown claim kind"

def check_item(it):
    errs = []
    res, hist, lines, ns = run(it["code"], it["call"])
    if repr(res) != it["returned"]:
        errs.append(f"returned mismatch {res!r} vs {it['returned']}")
    if len(it["events"] if "events" in it else []) and False:
        pass
    text = it["rationale"]
    last = text.rstrip().splitlines()[-1]
    if last != "Answer: " + it["answer"]:
        errs.append("answer line mismatch")
    # answer
    if it["direction"] == "forward":
        ans_ok = ast.literal_eval(it["answer"]) == res
    else:
        ans_ok = eval(it["answer"], dict(ns)) == res
    ek = it["error"]["kind"] if it["error"] else None
    if ek in ("wrong_final_answer", "backward_wrong_input"):
        if ans_ok: errs.append("answer should be wrong but is right")
    elif not ans_ok:
        errs.append("answer wrong")
    if it["error"]:
        e = it["error"]
        if e["quote"] not in text: errs.append("error quote not in rationale")
        if not any(c.get("wrong") for c in it["claims"]): errs.append("no wrong claim")
    for c in it["claims"]:
        if c["quote"] not in text:
            errs.append(f"quote missing: {c['quote']!r}"); continue
        ok, det = claim_true(c, res, hist, lines, ns)
        if c.get("wrong"):
            if ok:
                errs.append(f"error claim is actually true: {c['quote']!r} ({det})")
            if c["what"] == "value" and "at" not in c and ast.literal_eval(c["value"]) in hist.get(c["variable"], []):
                errs.append(f"error value occurs in run but no point given: {c['quote']!r}")
            if it["error"].get("held_elsewhere") and c["what"] == "value":
                h = hist.get(c["variable"], []); val = ast.literal_eval(c["value"])
                if "elem" in c and "series" not in c:
                    real = h[c["at"]]; i = c["elem"]
                    if not (val[i] != real[i] and val[i] in real[:i] + real[i+1:]):
                        errs.append(f"held_elsewhere element check failed: {c['quote']!r}")
                elif "series" in c:
                    real = ast.literal_eval(repr(c["series"])); i = c["elem"]
                    if not (val[i] != real[i] and val[i] in h):
                        errs.append(f"held_elsewhere series check failed: {c['quote']!r}")
                elif val not in h:
                    errs.append(f"held_elsewhere value never held: {c['quote']!r}")
            if it["error"].get("held_elsewhere") and c["what"] == "arith":
                val = ast.literal_eval(c["value"])
                if not any(val in hh for hh in hist.values()):
                    errs.append(f"held_elsewhere arith value never held: {c['quote']!r}")
        elif not ok:
            errs.append(f"faithful claim false: {c['quote']!r} ({det})")
    return errs

def main(path="narrations.jsonl"):
    items = [json.loads(l) for l in open(path)]
    bad = 0
    out = []
    for it in items:
        errs = check_item(it)
        status = "PASS" if not errs else "FAIL"
        bad += bool(errs)
        out.append(f"{status} {it['id']} ({it['label']}{'/' + it['error']['kind'] if it['error'] else ''}, {len(it['claims'])} claims)")
        out += ["    " + e for e in errs]
    out.append(f"\n{len(items) - bad}/{len(items)} items pass")
    print("\n".join(out))
    return bad

if __name__ == "__main__":
    sys.exit(1 if main(*sys.argv[1:]) else 0)
