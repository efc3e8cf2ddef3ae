"""Standalone checker for w70 narrations: re-executes every program with sys.settrace,
records per-variable value histories (locals and self.<attr>), loop line counts, and checks
claims, answers and error copies. Usage: python3 check.py > check_report.txt"""
import ast, json, sys, copy

FN = "<w70>"

def run_traced(code, call):
    hist = {}      # var -> list of values (consecutive duplicates removed)
    lines = {}     # line number -> execution count
    def snap(frame):
        items = []
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in getattr(v, "__dict__", {}).items():
                    items.append(("self." + a, av))
            elif not k.startswith("."):
                items.append((k, v))
        for k, v in items:
            try:
                v = copy.deepcopy(v)
            except Exception:
                pass
            h = hist.setdefault(k, [])
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return tracer
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        snap(frame)
        return tracer
    g = {}
    exec(compile(code, FN, "exec"), g)
    sys.settrace(tracer)
    try:
        res = eval(call, g)
    finally:
        sys.settrace(None)
    return res, hist, lines

def plain_eval(code, call):
    g = {}
    exec(compile(code, FN, "exec"), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s) if isinstance(s, str) else s

def claim_true(c, item, res, hist, lines):
    """Return (ok, why) for a claim evaluated against real execution."""
    what, var = c["what"], c.get("variable")
    val = lit(c["value"])
    if what == "value":
        h = hist.get(var)
        if h is None:
            return False, f"no variable {var}"
        if c.get("seq"):
            # a summarised run of values: must be a contiguous stretch of the history
            n = len(val)
            return any(h[i:i + n] == val for i in range(len(h) - n + 1)), f"{var} history={h!r}"
        if "at" in c:
            at = c["at"]
            if at >= len(h):
                return False, f"{var} history too short ({len(h)})"
            return h[at] == val, f"{var}[{at}]={h[at]!r}"
        return val in h, f"{var} history={h!r}"
    if what == "count":
        ln = int(var.split("line")[-1].strip()) if var and "line" in var else c["line"]
        n = lines.get(ln, 0)
        return n == val, f"line {ln} ran {n}"
    if what in ("arith", "comparison"):
        e = eval(c["expr"])
        return e == val, f"{c['expr']} -> {e!r}"
    if what == "return":
        return res == val, f"returned {res!r}"
    if what == "call":
        r = plain_eval(item["code"], c["expr"] if "expr" in c else c["value"])
        return r == res, f"call gives {r!r}"
    return False, "unknown what"

def check_item(item, by_id):
    errs = []
    traced_call = item["call"]
    res, hist, lines = run_traced(item["code"], traced_call)
    if repr(res) != item["returned"]:
        errs.append(f"returned mismatch {res!r} vs {item['returned']}")
    rat = item["rationale"]
    last = rat.strip().splitlines()[-1]
    if not last.startswith("Answer:") or last[len("Answer:"):].strip() != item["answer"]:
        errs.append(f"last line / answer mismatch: {last!r}")
    # answer
    if item["direction"] == "forward":
        ans_ok = lit(item["answer"]) == res
    else:
        try:
            ans_ok = plain_eval(item["code"], item["answer"]) == res
        except Exception as ex:
            ans_ok = False
    err = item["error"]
    for c in item["claims"]:
        if c["quote"] not in rat:
            errs.append(f"claim quote not in rationale: {c['quote']!r}")
    if item["label"] == "faithful":
        if not ans_ok:
            errs.append("answer wrong in faithful item")
        for c in item["claims"]:
            ok, why = claim_true(c, item, res, hist, lines)
            if not ok:
                errs.append(f"false claim {c['quote']!r}: {why}")
        return errs
    # error copy
    f = by_id[item["faithful_id"]]
    if err["quote"] not in rat:
        errs.append("error quote not in rationale")
    kind = err["kind"]
    if kind in ("wrong_final_answer", "backward_wrong_input"):
        if ans_ok:
            errs.append("error answer is actually right")
        if kind == "wrong_final_answer" and item["direction"] != "forward":
            errs.append("wrong_final_answer on backward")
        if kind == "backward_wrong_input" and item["direction"] != "backward":
            errs.append("backward_wrong_input on forward")
    else:
        if not ans_ok and not err.get("carried"):
            errs.append("answer should still be right")
        ec = [c for c in item["claims"] if c["quote"] == err["quote"]]
        if not ec:
            errs.append("no claim for error quote")
        for c in ec:
            ok, why = claim_true(c, item, res, hist, lines)
            if ok:
                errs.append(f"error claim is actually true: {why}")
            if err.get("held_elsewhere"):
                v = lit(c["value"])
                if c.get("seq"):
                    if not all(x in hist.get(c["variable"], []) for x in v):
                        errs.append("held_elsewhere but a summarised value never held")
                elif c["what"] == "value" or c.get("variable") in hist:
                    if v not in hist.get(c["variable"], []):
                        errs.append("held_elsewhere but value never held by that variable")
                else:
                    allv = [x for h in hist.values() for x in h]
                    if v not in allv:
                        errs.append("held_elsewhere but value never held anywhere")
    # every other claim must be true unless error is carried
    for c in item["claims"]:
        if c["quote"] == err["quote"]:
            continue
        ok, why = claim_true(c, item, res, hist, lines)
        if not ok and not c.get("carried"):
            errs.append(f"other claim false {c['quote']!r}: {why}")
    # text identical apart from the change
    if not err.get("carried") and kind not in ("wrong_final_answer", "backward_wrong_input"):
        if rat.count("\n") != f["rationale"].count("\n"):
            errs.append("line count differs from faithful")
    return errs

def main(path="narrations.jsonl"):
    items = [json.loads(l) for l in open(path)]
    by_id = {i["id"]: i for i in items}
    bad = 0
    from collections import Counter
    for it in items:
        try:
            e = check_item(it, by_id)
        except Exception as ex:
            e = [f"exception {ex!r}"]
        print(("PASS " if not e else "FAIL ") + it["id"] + ("" if not e else "  " + " | ".join(e)))
        bad += bool(e)
    fa = [i for i in items if i["label"] == "faithful"]
    print()
    print(f"items={len(items)} faithful={len(fa)} errors={len(items)-len(fa)} failed={bad}")
    print("styles:", dict(Counter(i["style"] for i in fa)))
    print("families:", dict(Counter(i["family"] for i in fa)))
    print("directions:", dict(Counter(i["direction"] for i in fa)))
    print("error kinds:", dict(Counter(i["error"]["kind"] for i in items if i["error"])))
    print("ALL PASS" if bad == 0 else "SOME FAILED")

if __name__ == "__main__":
    main(*sys.argv[1:])
