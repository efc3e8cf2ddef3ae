"""Standalone checker for w359 narrations: runs each call under sys.settrace, records the
history of every claimed expression (evaluated in each traced frame at every line/return
event, appended when its value changes), counts line hits, and checks claims and errors."""
import ast, copy, json, sys

def run_traced(code, call, exprs):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist = {e: [] for e in exprs}
    lines = {}
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return tr
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        if event in ("line", "return"):
            for e in exprs:
                try:
                    v = copy.deepcopy(eval(e, g, dict(frame.f_locals)))
                except Exception:
                    continue
                h = hist[e]
                if not h or h[-1] != v:
                    h.append(v)
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

def check_claim(c, ret, hist, lines, item):
    w = c["what"]
    if w == "call":
        r = plain(item["code"], c["value"])
        return r == ret, f"call -> {r!r}"
    val = lit(c["value"])
    if w == "value":
        return val in hist[c["variable"]], f"history={hist[c['variable']]}"
    if w == "count":
        n = lines.get(int(c["variable"].split("@line")[1]), 0)
        return n == val, f"count={n}"
    if w in ("arith", "comparison"):
        r = eval(c["expr"], {})
        return r == val, f"{c['expr']} -> {r}"
    if w == "return":
        return ret == val, f"ret={ret!r}"
    return False, "unknown"

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")]
    out = []; bad = 0
    for it in items:
        errs = []
        exprs = set(c["variable"] for c in it["claims"] if c["what"] == "value")
        e = it["error"]
        if e and e.get("variable") and "@line" not in e["variable"]:
            exprs.add(e["variable"])
        ret, hist, lines = run_traced(it["code"], it["call"], sorted(exprs))
        if repr(ret) != it["returned"]:
            errs.append(f"returned mismatch {ret!r}")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                errs.append(f"quote not in rationale: {c['quote']!r}")
        if it["label"] == "faithful":
            for c in it["claims"]:
                ok, why = check_claim(c, ret, hist, lines, it)
                if not ok:
                    errs.append(f"false claim {c['quote']!r}: {why}")
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret: errs.append("forward answer wrong")
            else:
                if plain(it["code"], it["answer"]) != ret: errs.append("backward answer does not reproduce")
        else:
            k = e["kind"]
            if e["quote"] not in it["rationale"]:
                errs.append("error quote missing")
            stated = e["stated"]
            if k == "wrong_final_answer":
                if lit(it["answer"]) == ret: errs.append("final answer not wrong")
            elif k == "backward_wrong_input":
                if plain(it["code"], it["answer"]) == ret: errs.append("wrong input still reproduces")
            elif k == "wrong_arithmetic":
                if eval(e["expr"], {}) == lit(stated): errs.append("arith actually right")
            elif k == "branch_not_taken":
                if eval(e["expr"], {}) == lit(stated): errs.append("branch statement actually true")
            elif k == "off_by_one_loop_count":
                n = lines.get(int(e["variable"].split("@line")[1]), 0)
                if abs(n - lit(stated)) != 1: errs.append(f"count not off by one (real {n})")
            else:
                h = hist[e["variable"]]
                s = lit(stated)
                if e["step"] >= len(h) or h[e["step"]] == s:
                    errs.append(f"stated value true at that point: {h}")
                if k == "impossible_state" and s in h:
                    errs.append("impossible_state value occurs")
            if e.get("held_elsewhere"):
                h = hist.get(e.get("variable"), []) if e.get("variable") and "@line" not in e["variable"] else []
                pool = set(map(repr, h)) | set(repr(v) for hh in hist.values() for v in hh)
                if repr(lit(stated)) not in pool and not e.get("held_in"):
                    errs.append("held_elsewhere value not held anywhere")
            if it["direction"] == "forward" and k != "wrong_final_answer" and lit(it["answer"]) != ret:
                errs.append("error copy final answer changed")
        status = "PASS" if not errs else "FAIL"
        bad += bool(errs)
        out.append(f"{status} {it['id']} ({it['label']}{'/' + e['kind'] if e else ''}) " + "; ".join(errs))
    out.append(f"\n{len(items)} items, {len(items) - bad} pass, {bad} fail")
    print("\n".join(out))
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
