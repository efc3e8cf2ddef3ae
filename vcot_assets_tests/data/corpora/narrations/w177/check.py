"""Standalone checker for w177 narrations: re-runs each call under sys.settrace and checks claims."""
import sys, json, copy, ast, re

def run_traced(code, call):
    g = {"__name__": "w177prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist = {}      # var -> list of values (change-only per frame, merged in time order)
    lines = {}     # line number -> executions
    rets = {}
    last = {}
    def rec(name, val, fid):
        try:
            v = copy.deepcopy(val)
        except Exception:
            return
        key = (fid, name)
        if key in last and last[key] == v and type(last[key]) == type(v):
            return
        last[key] = v
        hist.setdefault(name, []).append(v)
    def snap(frame):
        fid = id(frame)
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    rec("self." + a, av, fid)
            elif not callable(v):
                rec(k, v, fid)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            snap(frame)
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        elif event == "return":
            snap(frame)
            rets.setdefault(frame.f_code.co_name, []).append(copy.deepcopy(arg))
        return tr
    sys.settrace(tr)
    try:
        out = eval(call, g)
    finally:
        sys.settrace(None)
    return out, hist, lines, rets, g

def plain(code, call):
    g = {"__name__": "w177prog"}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def count_of(label, lines):
    # "loop@line N": executions of line N (the first line of a loop body);
    # "header@line N": executions of a loop header line N minus one (a loop entered once).
    m = re.match(r"loop@line (\d+)", label)
    if m:
        return lines.get(int(m.group(1)), 0)
    m = re.match(r"header@line (\d+)", label)
    return lines.get(int(m.group(1)), 0) - 1

def eval_expr(q, claim):
    e = claim.get("expr") or q.strip().strip("`").strip()
    return eval(e, {"__builtins__": {"len": len, "sum": sum, "min": min, "max": max, "abs": abs, "ord": ord, "chr": chr}})

def check_claim(c, hist, lines, returned):
    what, q, var = c["what"], c["quote"], c.get("variable")
    val = lit(c["value"])
    if what == "value":
        if var is None:
            return any(val in h for h in hist.values()) or val == returned
        return val in hist.get(var, [])
    if what == "count":
        return count_of(var, lines) == val
    if what == "comparison":
        return bool(eval_expr(q, c)) == val
    if what == "arith":
        e = c.get("expr") or q.strip("`").rsplit("=", 1)[0]
        return eval_expr(e, {}) == val
    if what == "return":
        return val == returned
    if what == "call":
        return True
    return False

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") if l.strip()]
    fails = 0
    cache = {}
    for it in items:
        errs = []
        key = (it["code"], it["call"])
        if key not in cache:
            cache[key] = run_traced(it["code"], it["call"])
        out, hist, lines, rets, g = cache[key]
        if repr(out) != it["returned"]:
            errs.append(f"returned {out!r} != {it['returned']}")
        rat = it["rationale"]
        last = rat.strip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            errs.append("answer line mismatch")
        for c in it["claims"]:
            if c["quote"] not in rat:
                errs.append(f"quote not in rationale: {c['quote']!r}")
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == out
        else:
            try:
                ans_ok = plain(it["code"], it["answer"]) == out
            except Exception:
                ans_ok = False
        if it["label"] == "faithful":
            if not ans_ok:
                errs.append("answer wrong")
            for c in it["claims"]:
                if not check_claim(c, hist, lines, out):
                    errs.append(f"false claim: {c}")
        else:
            e = it["error"]
            if e["quote"] not in rat:
                errs.append("error quote missing")
            k = e["kind"]
            st = e["stated"]
            at = e.get("at")
            if k == "wrong_final_answer":
                if ans_ok: errs.append("final answer not wrong")
            elif k == "backward_wrong_input":
                if ans_ok: errs.append("backward input not wrong")
            else:
                if not ans_ok: errs.append("answer should stay right")
                if k == "wrong_arithmetic":
                    expr = e.get("expr") or e["quote"].strip("`").rsplit("=", 1)[0]
                    if eval_expr(expr, {}) == lit(st): errs.append("arith not wrong")
                    if e.get("held_elsewhere"):
                        h = hist.get(at.get("held_var", at["var"]), [])
                        if lit(st) not in h: errs.append("held_elsewhere but value never held")
                        if "k" in at and hist.get(at["var"], [None] * (at["k"] + 1))[at["k"]] == lit(st):
                            errs.append("stated value is right at that point")
                elif k == "off_by_one_loop_count":
                    n = count_of(at["var"], lines)
                    if abs(n - lit(st)) != 1: errs.append(f"count not off by one ({n})")
                    if e.get("held_elsewhere") and lit(st) not in hist.get(at["held_var"], []):
                        errs.append("held_elsewhere but value never held")
                elif k == "branch_not_taken":
                    if bool(eval_expr(e["quote"], e)) == lit(st): errs.append("branch claim not wrong")
                elif k == "impossible_state":
                    if lit(st) in hist.get(at["var"], []): errs.append("impossible value actually held")
                else:  # value at a point: history index
                    h = hist.get(at["var"], [])
                    if at["k"] >= len(h) or h[at["k"]] == lit(st) or h[at["k"]] != lit(e["actual"]):
                        errs.append(f"point value check failed: hist={h}")
                    if e.get("held_elsewhere") and lit(st) not in hist.get(at.get("held_var", at["var"]), []):
                        errs.append("held_elsewhere but value never held")
                    if not e.get("held_elsewhere") and lit(st) in h:
                        errs.append("value held elsewhere but not marked")
            # the other claims of the copy must still be true
            for c in it["claims"]:
                if c["quote"] == e["quote"]:
                    continue
                if e.get("carried"):
                    continue
                if not check_claim(c, hist, lines, out):
                    errs.append(f"other claim false: {c}")
        status = "PASS" if not errs else "FAIL"
        if errs: fails += 1
        print(f"{status} {it['id']} " + ("; ".join(errs) if errs else ""))
    print(f"\n{len(items)} items, {fails} failed")
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
