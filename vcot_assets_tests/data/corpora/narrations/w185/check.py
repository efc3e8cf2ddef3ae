"""Standalone checker for w185 narrations: runs each call under sys.settrace, records
per-variable value histories, and checks claims / answers / error copies."""
import ast, copy, json, sys
from collections import defaultdict

def run_traced(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist = defaultdict(list)        # var -> list of change values (per frame, concatenated)
    lines = defaultdict(int)        # (func, lineno) -> hits
    last = {}                       # (frame id, var) -> last value

    def snap(frame):
        fid = id(frame)
        items = dict(frame.f_locals)
        s = items.get("self")
        if s is not None and hasattr(s, "__dict__"):
            for k, v in vars(s).items():
                items["self." + k] = v
        for k, v in items.items():
            if k == "self" or k.startswith("."):
                continue
            try:
                v = copy.deepcopy(v)
            except Exception:
                pass
            key = (fid, k)
            if key not in last or last[key] != v or type(last[key]) != type(v):
                last[key] = v
                hist[k].append(v)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event in ("line", "return"):
            snap(frame)
        if event == "line":
            lines[(frame.f_code.co_name, frame.f_lineno)] += 1
        return tracer

    sys.settrace(tracer)
    try:
        result = eval(call, g)
    finally:
        sys.settrace(None)
    return g, result, hist, lines

def plain_eval(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, hist, lines, item, result):
    w = c["what"]
    if w == "value":
        v = lit(c["value"])
        return v in hist.get(c["variable"], []), f"{c['variable']}={v!r} history={hist.get(c['variable'])}"
    if w == "count":
        n = lines[(c.get("func", item["function"]), c["line"])]
        return n == lit(c["value"]), f"count line {c['line']} = {n}"
    if w in ("arith", "comparison"):
        got = eval(c.get("expr", c["quote"].split(" = ")[0].strip("` ")))
        return got == lit(c["value"]), f"{c.get('expr', c['quote'])} -> {got!r}"
    if w == "return":
        return lit(c["value"]) == result, f"return {result!r}"
    if w == "call":
        return plain_eval(item["code"], c["value"]) == result, "call"
    return False, "unknown what"

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")]
    fails = 0
    out = []
    for it in items:
        probs = []
        g, result, hist, lines = run_traced(it["code"], it["call"])
        if repr(result) != it["returned"]:
            probs.append(f"returned mismatch {result!r} vs {it['returned']}")
        if not it["rationale"].rstrip().splitlines()[-1].startswith("Answer:"):
            probs.append("last line not Answer:")
        err = it["error"]
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append(f"quote not in rationale: {c['quote']!r}")
                continue
            if err and (c["quote"] == err["quote"] or err.get("carried") and c.get("carried")):
                continue
            ok, why = check_claim(c, hist, lines, it, result)
            if not ok:
                probs.append(f"claim false: {c['quote']!r} ({why})")
        # answer
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == result
        else:
            try:
                ans_ok = plain_eval(it["code"], it["answer"]) == result
            except Exception as e:
                ans_ok = False
        if it["label"] == "faithful":
            if not ans_ok:
                probs.append("faithful answer wrong")
        else:
            k = err["kind"]
            if err["quote"] not in it["rationale"]:
                probs.append("error quote not in rationale")
            stated = err["stated"]
            if k == "wrong_final_answer":
                if ans_ok: probs.append("wrong_final_answer is actually right")
            elif k == "backward_wrong_input":
                if ans_ok: probs.append("backward_wrong_input actually returns output")
            else:
                if not ans_ok and not err.get("carried"): probs.append("answer should stay right for this kind")
                if k in ("wrong_arithmetic", "branch_not_taken"):
                    got = eval(err["expr"])
                    if got == lit(stated): probs.append(f"{k}: stated equals actual {got!r}")
                    if repr(got) != err["actual"] and str(got) != err["actual"]: probs.append(f"{k}: actual field {err['actual']} vs {got!r}")
                elif k == "off_by_one_loop_count":
                    n = lines[(err.get("func", it["function"]), err["line"])]
                    if n == lit(stated) or abs(n - lit(stated)) != 1: probs.append(f"count: real {n} stated {stated}")
                elif k == "impossible_state":
                    if lit(stated) in hist.get(err["variable"], []): probs.append("impossible_state value occurs")
                else:  # value at a point
                    h = hist.get(err["variable"], [])
                    if "key" in err: h = [x.get(err["key"]) if isinstance(x, dict) else x for x in h]
                    at = h[err["index"]]
                    if at == lit(stated): probs.append(f"{k}: stated equals value at point")
                    if repr(at) != err["actual"]: probs.append(f"{k}: actual field {err['actual']} vs {at!r}")
                if err.get("held_elsewhere"):
                    var = err.get("variable")
                    hh = hist.get(var, []) if var else []
                    if "key" in err: hh = [x.get(err["key"]) for x in hh if isinstance(x, dict)]
                    if var is None or lit(stated) not in hh:
                        probs.append("held_elsewhere but value never held")
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        out.append(f"{status} {it['id']}" + ("".join("\n    " + p for p in probs)))
    out.append(f"\n{len(items) - fails}/{len(items)} items pass")
    print("\n".join(out))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
