"""Standalone checker for w498 narrations: runs each call under sys.settrace, records every
variable's value history (locals per frame, plus self attributes as self.x) and the number of
times each line runs, then checks claims of faithful items and confirms error copies are false."""
import json, sys, copy, ast

def run_traced(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist, lines, last = {}, {}, {}
    SNAPS.clear()
    def rec(frame):
        if frame.f_code.co_filename != "<prog>":
            return
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
                continue
            key = (id(frame), k)
            if key not in last or last[key] != v:
                last[key] = v
                hist.setdefault(k, []).append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        def local(frame, event, arg):
            rec(frame)
            if event == "line":
                lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
                snap = {}
                for k, v in frame.f_locals.items():
                    try:
                        snap[k] = copy.deepcopy(v)
                    except Exception:
                        pass
                SNAPS.append(snap)
            return local
        rec(frame)
        return local
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines, g

CODE = [None]
SNAPS = []

def lit(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return s

def check_claim(c, ret, hist, lines, g):
    w = c["what"]; val = lit(c["value"])
    if w == "value":
        return val in hist.get(c["variable"], []), f"{c['variable']} history {hist.get(c['variable'])}"
    if w == "count":
        ln = int(c["variable"].split("line")[-1])
        return lines.get(ln, 0) == val, f"line {ln} ran {lines.get(ln, 0)}"
    if w in ("arith", "comparison"):
        expr = c.get("expr") or c["quote"].split("=")[0]
        got = eval(expr, dict(g))
        return got == val, f"{expr} -> {got!r}"
    if w == "return":
        return ret == val, f"returned {ret!r}"
    if w == "call":
        g2 = {"__name__": "prog"}; exec(compile(CODE[0], "<prog2>", "exec"), g2)
        got = eval(c["value"], g2)
        return got == ret, f"{c['value']} -> {got!r}"
    return False, "unknown claim kind"

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")]
    fails = 0; out = []
    for it in items:
        probs = []
        CODE[0] = it["code"]
        ret, hist, lines, g = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append(f"returned mismatch {ret!r} vs {it['returned']}")
        r = it["rationale"]
        last_line = r.strip().splitlines()[-1]
        if it["answer"] not in last_line:
            probs.append("answer not in last line")
        for c in it["claims"]:
            if c["quote"] not in r:
                probs.append(f"quote not in rationale: {c['quote']!r}")
            if c.get("error"):
                continue
            ok, why = check_claim(c, ret, hist, lines, g)
            if not ok:
                probs.append(f"claim false: {c['quote']!r} ({why})")
        # answer
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == ret
        else:
            g2 = {"__name__": "prog"}; exec(it["code"], g2)
            try:
                ans_ok = repr(eval(it["answer"], g2)) == it["returned"]
            except Exception:
                ans_ok = False
            if (it["function"] + "(") not in it["answer"]:
                probs.append("backward answer does not call function")
        if it["label"] == "faithful":
            if not ans_ok:
                probs.append("faithful answer wrong")
        else:
            e = it["error"]; ck = e["check"]
            if e["quote"] not in r:
                probs.append("error quote not in rationale")
            if e["stated"] not in e["quote"]:
                probs.append("stated not in quote")
            t = ck["type"]
            if t == "answer":
                if ans_ok: probs.append("error answer is actually right")
            else:
                if not ans_ok and e["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                    if not e.get("carried"):
                        probs.append("answer wrong in non-answer error copy")
                stated = lit(ck.get("stated", e["stated"]))
                if t == "arith":
                    got = eval(ck["expr"], dict(g))
                    if got == stated: probs.append("arith error actually right")
                    if repr(got) != repr(lit(e["actual"])): probs.append(f"arith actual mismatch {got!r}")
                elif t == "comparison":
                    got = bool(eval(ck["expr"], dict(g)))
                    if got == stated: probs.append("comparison error actually right")
                elif t == "count":
                    n = lines.get(ck["line"], 0)
                    if n == stated: probs.append("count error actually right")
                    if n != lit(e["actual"]): probs.append(f"count actual mismatch {n}")
                elif t == "value_at":
                    h = hist.get(ck["variable"], [])
                    at = h[ck["index"]]
                    if at == stated: probs.append("value_at error actually right")
                    if at != lit(e["actual"]): probs.append(f"value_at actual mismatch {at!r}")
                    if e.get("held_elsewhere") and stated not in h and not any(stated in hh for hh in hist.values()):
                        probs.append("held_elsewhere but value never held")
                elif t == "value_when":
                    # value of a variable at the last line event where the 'when' variables match
                    cands = [sn for sn in SNAPS if all(sn.get(k) == v for k, v in ck["when"].items()) and ck["variable"] in sn]
                    at = cands[-1][ck["variable"]]
                    if at == stated: probs.append("value_when error actually right")
                    if at != lit(e["actual"]): probs.append(f"value_when actual mismatch {at!r}")
                elif t == "never":
                    h = hist.get(ck["variable"], [])
                    if stated in h: probs.append("impossible_state value actually held")
                else:
                    probs.append("unknown check")
            if e.get("held_elsewhere"):
                allv = [v for hh in hist.values() for v in hh]
                if lit(e["stated"]) not in allv and lit(ck.get("stated", e["stated"])) not in allv:
                    probs.append("held_elsewhere value never held anywhere")
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        out.append(f"{status} {it['id']}" + ("".join("\n   - " + p for p in probs)))
    out.append(f"\n{len(items)} items, {len(items)-fails} pass, {fails} fail")
    print("\n".join(out))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
