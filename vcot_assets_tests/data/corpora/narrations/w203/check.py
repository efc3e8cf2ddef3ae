"""Standalone checker for w203 narrations: re-executes each program with sys.settrace and checks
returned values, every claim of faithful items, answers, and that each error copy's error is false."""
import json, sys, ast

def run(code, call):
    hist = {}      # var name -> list of values (consecutive duplicates dropped), all frames merged
    lines = {}     # (func, lineno) -> hit count
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    def snap(frame):
        items = {}
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, b in getattr(v, "__dict__", {}).items():
                    items["self." + a] = b
            else:
                items[k] = v
        for k, v in items.items():
            try:
                v = ast.literal_eval(repr(v))
            except Exception:
                continue
            h = hist.setdefault(k, [])
            if not h or h[-1] != v:
                h.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        snap(frame)
        if event == "line":
            key = (frame.f_code.co_name, frame.f_lineno)
            lines[key] = lines.get(key, 0) + 1
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines, g

def lit(s):
    return ast.literal_eval(s)

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    fails = []; n_claims = 0
    for it in items:
        iid = it["id"]
        def bad(msg):
            fails.append(f"{iid}: {msg}")
        ret, hist, lines, g = run(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            bad(f"returned {ret!r} != {it['returned']}")
        rat = it["rationale"]
        if not rat.rstrip().splitlines()[-1].startswith("Answer:") and "Answer:" not in rat.rstrip().splitlines()[-1]:
            bad("last line is not Answer")
        if it["answer"] not in rat.rstrip().splitlines()[-1]:
            bad("answer not in last line")
        # answer
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == ret
        else:
            ans_ok = run(it["code"], it["answer"])[0] == ret
        err = it["error"]
        answer_errs = ("wrong_final_answer", "backward_wrong_input")
        if it["label"] == "faithful" or err["kind"] not in answer_errs:
            if not ans_ok:
                bad(f"answer {it['answer']} wrong")
        else:
            if ans_ok:
                bad("error answer is actually right")
        # claims
        for c in it["claims"]:
            n_claims += 1
            if c["quote"] not in rat:
                bad(f"quote not in rationale: {c['quote']!r}")
            is_err = err is not None and bool(c.get("is_error"))
            ok = check_claim(c, hist, lines, ret, g)
            if is_err and err.get("at"):
                ok = False  # judged at its point below (at-check), not against the whole run
            if is_err:
                if ok:
                    bad(f"error claim is actually true: {c}")
            elif not ok:
                bad(f"claim false: {c}")
        if err is not None:
            if err["quote"] not in rat:
                bad("error quote missing")
            if err["stated"] == err["actual"]:
                bad("stated == actual")
            if not any(c.get("is_error") for c in it["claims"]) and err["kind"] not in answer_errs:
                bad("no error claim")
            # point check: the true value at that point
            at = err.get("at")
            if at:
                err = dict(err, actual=at.get("actual", err["actual"]), stated=at.get("stated", err["stated"]))
                if at["type"] == "nth":
                    h = hist.get(at["var"], [])
                    if len(h) <= at["nth"] or h[at["nth"]] != lit(err["actual"]):
                        bad(f"actual not at point: {at} hist={h}")
                    if at["nth"] < len(h) and h[at["nth"]] == lit(err["stated"]):
                        bad("stated equals value at point")
                    if err.get("held_elsewhere") and lit(err["stated"]) not in h:
                        pass
                elif at["type"] == "count":
                    n = lines.get((at["func"], at["line"]), 0) - at.get("minus", 0)
                    if n != lit(err["actual"]) or n == lit(err["stated"]):
                        bad(f"count check failed {n}")
                elif at["type"] == "eval":
                    v = eval(at["expr"])
                    if v != lit(err["actual"]) or v == lit(err["stated"]):
                        bad(f"eval check failed {v}")
            if err.get("held_elsewhere"):
                allv = [x for h in hist.values() for x in h]
                if lit(err["stated"]) not in allv:
                    bad("held_elsewhere but stated value never held")
        # faithful id
        if it["label"] == "error":
            if not any(o["id"] == it["faithful_id"] for o in items):
                bad("faithful_id missing")
    with open("check_report.txt", "w") as f:
        f.write(f"items: {len(items)}  claims checked: {n_claims}\n")
        for x in fails:
            f.write("FAIL " + x + "\n")
        f.write("ALL PASS\n" if not fails else f"{len(fails)} failures\n")
    print(open("check_report.txt").read())
    return 1 if fails else 0

def check_claim(c, hist, lines, ret, g):
    w = c["what"]
    try:
        v = lit(c["value"])
    except Exception:
        return False
    if w == "value":
        return v in hist.get(c["variable"], [])
    if w == "sequence":
        h = hist.get(c["variable"], [])
        return any(h[i:i + len(v)] == v for i in range(len(h)))
    if w == "subsequence":
        h = hist.get(c["variable"], []); k = 0
        for x in h:
            if k < len(v) and x == v[k]: k += 1
        return k == len(v)
    if w == "return":
        return v == ret
    if w == "count":
        return lines.get((c["func"], c["line"]), 0) - c.get("minus", 0) == v
    if w in ("arith", "comparison"):
        return eval(c["expr"], dict(g)) == v
    if w == "call":
        return run_call(c, g) == v
    return False

def run_call(c, g):
    return eval(c["expr"], dict(g))

if __name__ == "__main__":
    sys.exit(main())
