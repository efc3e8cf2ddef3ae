#!/usr/bin/env python3
"""Standalone checker for w417 narrations: re-executes each program with sys.settrace,
records every variable's change history per function (locals and self.<attr>), and checks claims."""
import json, sys, copy, re, ast

def run_traced(code, call):
    hist = {}      # name -> list of successive distinct values (across frames of the program)
    lines = {}     # line number -> hit count (for loop counts)
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    def rec(name, val):
        try:
            v = copy.deepcopy(val)
        except Exception:
            return
        h = hist.setdefault(name, [])
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for ak, av in vars(v).items():
                    rec("self." + ak, av)
            elif not callable(v):
                rec(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            snap(frame)
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        elif event == "return":
            snap(frame)
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def plain_eval(code, call):
    g = {}
    exec(code, g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def claim_ok(c, ret, hist, lines):
    what, var, val = c["what"], c.get("variable"), c["value"]
    v = lit(val)
    if what == "value":
        return v in hist.get(var, [])
    if what == "count":
        m = re.search(r"line (\d+)", var)
        return lines.get(int(m.group(1)), 0) == v
    if what == "arith":
        expr = c.get("expr") or c["quote"].rsplit("=", 1)[0]
        if "=" in expr.replace("==", ""):
            expr = expr.rsplit("=", 1)[1]
        return eval(expr) == v
    if what == "comparison":
        expr = c.get("expr") or c["quote"]
        return bool(eval(expr)) == v
    if what == "return":
        return v == ret
    if what == "call":
        return True
    raise ValueError(what)

def check_item(it, prog_cache):
    errs = []
    key = (it["code"], it["call"])
    if key not in prog_cache:
        prog_cache[key] = run_traced(it["code"], it["call"])
    ret, hist, lines = prog_cache[key]
    if repr(ret) != it["returned"]:
        errs.append(f"returned mismatch {ret!r} vs {it['returned']}")
    rat = it["rationale"]
    last = rat.strip().splitlines()[-1]
    if it["answer"] not in last:
        errs.append("answer not on last line")
    for c in it["claims"]:
        if c["quote"] not in rat:
            errs.append(f"quote not in rationale: {c['quote']!r}")
    err = it["error"]
    bad_quote = err["quote"] if err else None
    for c in it["claims"]:
        if err and (c["quote"] == bad_quote or c["quote"] in bad_quote):
            continue
        if err and err.get("carried") and c["quote"] in err.get("carried_to", []):
            continue
        try:
            ok = claim_ok(c, ret, hist, lines)
        except Exception as e:
            ok = False
        if not ok:
            errs.append(f"claim false: {c}")
    # answer
    if it["direction"] == "forward":
        ans_ok = lit(it["answer"]) == ret
    else:
        try:
            ans_ok = plain_eval(it["code"], it["answer"]) == ret
        except Exception:
            ans_ok = False
    if err is None:
        if not ans_ok:
            errs.append("faithful answer wrong")
        return errs
    k = err["kind"]
    if err["quote"] not in rat:
        errs.append("error quote not in rationale")
    if k in ("wrong_final_answer", "backward_wrong_input"):
        if ans_ok:
            errs.append("error answer is actually right")
        return errs
    if not ans_ok and not (err.get("carried") and "Answer" in err.get("carried_to", [])):
        errs.append("answer should stay right in this error copy")
    stated = lit(err["stated"]); actual = lit(err["actual"])
    if stated == actual:
        errs.append("stated == actual")
    at = err.get("at") or {}
    if k == "wrong_arithmetic":
        expr = at.get("expr") or err["quote"].rsplit("=", 1)[0]
        if eval(expr) == stated or eval(expr) != actual:
            errs.append("arith error not false")
    elif k == "off_by_one_loop_count":
        n = lines.get(int(re.search(r"line (\d+)", at["loop"]).group(1)), 0)
        if n != actual or abs(stated - n) != 1:
            errs.append(f"loop count check failed (real {n})")
    elif k == "branch_not_taken":
        if bool(eval(at["expr"])) != actual:
            errs.append("branch actual mismatch")
    elif k == "impossible_state":
        if stated in hist.get(at["variable"], []):
            errs.append("impossible value actually occurs")
    else:  # value at a point: k-th entry of the variable's change history
        h = hist.get(at["variable"], [])
        i = at["index"]
        if i >= len(h) or h[i] != actual or h[i] == stated:
            errs.append(f"point check failed: history {h}")
    if err.get("held_elsewhere"):
        src = err.get("held_by") or at.get("variable")
        if k == "off_by_one_loop_count":
            pass
        elif stated not in hist.get(src, []):
            if not (k == "wrong_arithmetic" and stated in [x for hv in hist.values() for x in hv if type(x) in (int, float)]):
                errs.append("held_elsewhere value not held in run")
    return errs

def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
    items = [json.loads(l) for l in open(path) if l.strip()]
    cache = {}; nbad = 0
    for it in items:
        e = check_item(it, cache)
        print(("OK   " if not e else "FAIL ") + it["id"] + ("" if not e else "  " + " | ".join(e)))
        nbad += bool(e)
    print(f"\n{len(items)} items, {len(items)-nbad} pass, {nbad} fail")
    return 1 if nbad else 0

if __name__ == "__main__":
    sys.exit(main())
