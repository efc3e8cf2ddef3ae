"""Standalone checker for w241 narrations: re-executes each program with sys.settrace,
records per-variable value histories (locals and self.<attr>), loop-line hit counts and
per-function return values, then checks every claim and every error annotation."""
import ast, copy, json, sys

def run_traced(code, call):
    hist, lines, rets = {}, {}, {}
    def snap(frame):
        if frame.f_code.co_filename != "<prog>":
            return
        for k, v in frame.f_locals.items():
            if k == "self":
                for ak, av in getattr(v, "__dict__", {}).items():
                    rec("self." + ak, av)
                continue
            rec(k, v)
    def rec(k, v):
        try:
            v = copy.deepcopy(v)
        except Exception:
            return
        h = hist.setdefault(k, [])
        if not h or not (type(h[-1]) == type(v) and h[-1] == v):
            h.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        snap(frame)
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        if event == "return":
            rets.setdefault(frame.f_code.co_name, []).append(copy.deepcopy(arg))
        return tracer
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    sys.settrace(tracer)
    try:
        result = eval(compile(call, "<call>", "eval"), g)
    finally:
        sys.settrace(None)
    return result, hist, lines, rets

def plain(code, call):
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def claim_true(c, ctx):
    res, hist, lines, rets = ctx
    what, var, val = c["what"], c.get("variable"), lit(c["value"])
    if what == "value":
        return any(type(x) == type(val) and x == val or (isinstance(x,(int,float)) and isinstance(val,(int,float)) and not isinstance(x,bool) and x == val) for x in hist.get(var, []))
    if what == "count":
        line = int(var.split("@line")[1])
        return lines.get(line, 0) == val
    if what in ("arith", "comparison"):
        expr = c.get("expr") or c["quote"].split("=")[0]
        return eval(expr) == val
    if what == "return":
        fn = var or "__top__"
        if fn == "__top__":
            return res == val
        return val in rets.get(fn, [])
    if what == "call":
        return True
    raise ValueError(what)

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")]
    fails, n_claims = [], 0
    by_id = {it["id"]: it for it in items}
    per_item = []
    for it in items:
        nfail0 = len(fails)
        ctx = run_traced(it["code"], it["call"])
        res = ctx[0]
        def bad(msg):
            fails.append(f"{it['id']}: {msg}")
        if repr(res) != it["returned"]:
            bad(f"returned {res!r} != {it['returned']}")
        for q in [c["quote"] for c in it["claims"]] + ([it["error"]["quote"]] if it["error"] else []):
            if q not in it["rationale"]:
                bad(f"quote not in rationale: {q!r}")
        last = it["rationale"].rstrip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            bad(f"answer line mismatch: {last!r}")
        err = it["error"]
        err_false_seen = False
        for c in it["claims"]:
            n_claims += 1
            in_err = err is not None and c["quote"] in err["quote"]
            ok = claim_true(c, ctx)
            if in_err and not ok:
                err_false_seen = True
            if not in_err and not ok:
                bad(f"claim false: {c}")
        # answers
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == res and repr(lit(it["answer"])) == repr(res)
        else:
            try:
                ans_ok = repr(plain(it["code"], it["answer"])) == it["returned"]
            except Exception:
                ans_ok = False
        want_ans_ok = not (err and err["kind"] in ("wrong_final_answer", "backward_wrong_input"))
        if ans_ok != want_ans_ok:
            bad(f"answer correctness {ans_ok}, expected {want_ans_ok}")
        if err:
            if not any(c["quote"] in err["quote"] for c in it["claims"]) and err["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                bad("error quote has no matching claim")
            pt = err.get("point")
            if err["kind"] not in ("wrong_final_answer", "backward_wrong_input") and not pt and not err_false_seen:
                bad("no false claim inside the error quote")
            if pt:
                h = ctx[1].get(pt["variable"], [])
                k = pt["index"]
                if k >= len(h):
                    bad(f"point index out of range {pt}")
                else:
                    at = h[k]
                    stated = lit(err["stated"])
                    if at == stated:
                        bad(f"stated value true at point {pt}")
                    if at != lit(err["actual"]):
                        bad(f"actual {err['actual']} != history[{k}]={at!r}")
                    if err.get("held_elsewhere") and stated not in h:
                        bad(f"held_elsewhere but {stated!r} never held by {pt['variable']}")
            elif err.get("held_elsewhere"):
                bad("held_elsewhere without point")
            if err["kind"] == "wrong_final_answer" and it["direction"] != "forward":
                bad("wrong_final_answer on backward")
            if err["kind"] == "backward_wrong_input" and it["direction"] != "backward":
                bad("backward_wrong_input on forward")
            f = by_id.get(it["faithful_id"])
            if f is None:
                bad("faithful_id missing")
        else:
            if it["label"] != "faithful":
                bad("label mismatch")
        per_item.append(f"{'OK  ' if len(fails) == nfail0 else 'FAIL'} {it['id']:<22} {it['label']:<8} "
                        f"{(it['error'] or {}).get('kind', '-'):<32} claims={len(it['claims'])}")
    print(f"items: {len(items)}  claims checked: {n_claims}  failures: {len(fails)}")
    for f in fails:
        print("FAIL", f)
    print()
    for line in per_item:
        print(line)
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
