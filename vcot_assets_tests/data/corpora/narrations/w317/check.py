#!/usr/bin/env python3
"""Standalone checker for w317 narrations: re-executes each call under sys.settrace,
records value histories of the claimed variables (any expression over a frame's locals),
line-hit counts, and checks claims / answers / errors."""
import sys, json, copy, ast

def run_traced(code, call, exprs):
    g = {"__name__": "w317prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist = {e: [] for e in exprs}
    hits = {}
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        if event in ("line", "return"):
            for e in exprs:
                try:
                    v = eval(e, g, dict(frame.f_locals))
                except Exception:
                    continue
                h = hist[e]
                if not h or h[-1] != v:
                    h.append(copy.deepcopy(v))
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, hits

def plain_eval(code, call):
    g = {"__name__": "w317prog"}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, ret, hist, hits, code=None):
    """return (ok, detail): whether the claim is TRUE of the execution (at the given point if idx)."""
    if c["what"] == "call":
        r = plain_eval(code, c["value"])
        return (r == ret), f"{c['value']} -> {r!r}"
    what, val = c["what"], lit(c["value"])
    if what == "value":
        h = hist[c["variable"]]
        if "idx" in c:
            return (len(h) > c["idx"] and h[c["idx"]] == val), f"hist[{c['idx']}]={h[c['idx']] if len(h)>c['idx'] else None!r}"
        return (val in h), f"history={h!r}"
    if what == "count":
        line = int(c["variable"].split("@line")[1])
        return (hits.get(line, 0) == val), f"hits={hits.get(line, 0)}"
    if what in ("arith", "comparison"):
        expr = c.get("expr") or c["quote"].split("=")[0]
        r = eval(expr, {})
        return (r == val), f"{expr} -> {r!r}"
    if what == "return":
        return (ret == val), f"returned {ret!r}"
    raise ValueError(what)

def main(path):
    items = [json.loads(l) for l in open(path)]
    byid = {it["id"]: it for it in items}
    fails, lines = 0, []
    for it in items:
        probs = []
        exprs = {c["variable"] for c in it["claims"] if c["what"] == "value"}
        if it["error"] and it["error"].get("held_by"):
            exprs.add(it["error"]["held_by"])
        exprs = sorted(exprs)
        ret, hist, hits = run_traced(it["code"], it["call"], exprs)
        if repr(ret) != it["returned"]:
            probs.append(f"returned mismatch {ret!r} vs {it['returned']}")
        if not it["rationale"].rstrip().endswith(it["answer"]):
            probs.append("answer not on last line")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append(f"quote not in rationale: {c['quote']!r}")
        # answer
        if it["direction"] == "forward":
            ans_ok = (lit(it["answer"]) == ret)
        else:
            try:
                ans_ok = (plain_eval(it["code"], it["answer"]) == ret)
            except Exception as ex:
                ans_ok = False
        err = it["error"]
        if it["label"] == "faithful":
            if not ans_ok:
                probs.append("answer wrong")
            for c in it["claims"]:
                ok, d = check_claim(c, ret, hist, hits, it["code"])
                if not ok:
                    probs.append(f"false claim {c['quote']!r}: {d}")
        else:
            f = byid.get(it["faithful_id"])
            if f is None:
                probs.append("faithful missing")
            if err["quote"] not in it["rationale"]:
                probs.append("error quote missing")
            if err["kind"] in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    probs.append("error answer is actually right")
            else:
                if not ans_ok:
                    probs.append("answer should still be right")
                ec = [c for c in it["claims"] if c["quote"] == err["quote"]]
                if not ec:
                    probs.append("no claim for error quote")
                for c in ec:
                    ok, d = check_claim(c, ret, hist, hits, it["code"])
                    if ok:
                        probs.append(f"error claim is true: {d}")
                    if "idx" in c and len(ec) == 1:  # actual at that point
                        h = hist[c["variable"]]
                        if repr(h[c["idx"]]) != err["actual"] and str(h[c["idx"]]) != err["actual"]:
                            probs.append(f"actual mismatch {h[c['idx']]!r} vs {err['actual']}")
                    if err.get("held_elsewhere") and c["what"] == "value":
                        if lit(c["value"]) not in hist[c["variable"]]:
                            # held by another variable maybe; accept if listed
                            if not err.get("held_by") or lit(c["value"]) not in hist[err["held_by"]]:
                                probs.append("held_elsewhere but value never held")
                for c in it["claims"]:
                    if c["quote"] == err["quote"]:
                        continue
                    ok, d = check_claim(c, ret, hist, hits, it["code"])
                    if not ok and not err.get("carried"):
                        probs.append(f"other false claim {c['quote']!r}: {d}")
        status = "PASS" if not probs else "FAIL"
        if probs:
            fails += 1
        lines.append(f"{status} {it['id']} ({it['label']}{'/' + err['kind'] if err else ''}) claims={len(it['claims'])}" + ("".join("\n    - " + p for p in probs)))
    lines.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    return "\n".join(lines), fails

if __name__ == "__main__":
    rep, fails = main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")
    print(rep)
    sys.exit(1 if fails else 0)
