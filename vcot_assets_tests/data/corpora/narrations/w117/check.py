"""Standalone checker for w117 narrations: runs each program under sys.settrace,
records per-variable value histories (locals, plus self.<attr> for instances),
per-line execution counts, and checks every claim / error against real execution."""
import json, sys, copy, ast

def run_traced(code, call):
    hist = {}      # var -> list of distinct consecutive values (across frames, in order)
    lines = {}     # (func, lineno) -> count
    fname = call.split("(")[0]
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
            rec(k, v)
            if k == "self" and hasattr(v, "__dict__"):
                for a, av in vars(v).items():
                    rec("self." + a, av)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        def local(frame, event, arg):
            snap(frame)
            if event == "line":
                key = (frame.f_code.co_name, frame.f_lineno)
                lines[key] = lines.get(key, 0) + 1
            return local
        snap(frame)
        return local
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    sys.settrace(tracer)
    try:
        result = eval(call, g)
    finally:
        sys.settrace(None)
    return result, hist, lines

def plain_eval(code, call):
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def count_of(lines, label):
    # label: "loop@<func>:<line>"
    func, ln = label.split("@", 1)[1].split(":")
    return lines.get((func, int(ln)), 0)

def check_claim(c, item, result, hist, lines):
    w = c["what"]
    val = lit(c["value"])
    if w == "value":
        return val in hist.get(c["variable"], []), f"{c['variable']} history {hist.get(c['variable'])}"
    if w == "count":
        n = count_of(lines, c["count_at"])
        return n == val, f"count {n}"
    if w in ("arith", "comparison"):
        r = eval(c["expr"])
        return r == val and type(r) == type(val) or (w == "arith" and r == val), f"expr -> {r!r}"
    if w == "return":
        return result == val, f"returned {result!r}"
    if w == "call":
        return plain_eval(item["code"], c["value"] if isinstance(val, str) else c["value"]) == result, "call"
    return False, "unknown claim kind"

def check_error(e, item, result, hist, lines):
    k = e["kind"]
    stated = lit(e["stated"]) if k not in ("backward_wrong_input",) else e["stated"]
    actual = lit(e["actual"]) if k not in ("backward_wrong_input",) else None
    if k == "wrong_final_answer":
        return lit(item["answer"]) != result and result == actual, "answer vs returned"
    if k == "backward_wrong_input":
        out = plain_eval(item["code"], item["answer"])
        return out != lit(item["returned"]), f"wrong call returns {out!r}"
    if k == "wrong_arithmetic":
        r = eval(e["expr"])
        ok = r != stated and r == actual
        if e.get("held_elsewhere"):
            ok = ok and any(stated in h for h in hist.values())
        return ok, f"expr -> {r!r}"
    if k == "branch_not_taken":
        r = eval(e["expr"])
        return r != stated and r == actual, f"cond -> {r!r}"
    if k == "off_by_one_loop_count":
        n = count_of(lines, e["count_at"])
        return n != stated and n == actual and abs(n - stated) == 1, f"count {n}"
    if k in ("wrong_loop_summary_value", "wrong_intermediate_right_answer", "swapped_variables", "impossible_state"):
        h = hist.get(e["variable"], [])
        if k == "impossible_state":
            return stated not in h and actual in h, f"history {h}"
        at = h[e["index"]]
        ok = at != stated and at == actual
        if e.get("held_elsewhere"):
            ok = ok and (stated in h or any(stated in hh for hh in hist.values()))
        if k == "wrong_intermediate_right_answer":
            if item["direction"] == "forward":
                ok = ok and lit(item["answer"]) == result
            else:
                ok = ok and plain_eval(item["code"], item["answer"]) == result
        return ok, f"at[{e['index']}] = {at!r}"
    return False, "unknown error kind"

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    fails = 0
    out = []
    for it in items:
        probs = []
        result, hist, lines = run_traced(it["code"], it["call"])
        if repr(result) != it["returned"]:
            probs.append(f"returned mismatch {result!r}")
        r = it["rationale"]
        for c in it["claims"]:
            if c["quote"] not in r:
                probs.append(f"quote not in rationale: {c['quote']!r}")
        if not r.rstrip().endswith("Answer: " + it["answer"]):
            probs.append("answer line mismatch")
        err = it["error"]
        for c in it["claims"]:
            if c.get("is_error"):
                continue  # the erroneous claim; it is checked (as false) in the error block
            ok, why = check_claim(c, it, result, hist, lines)
            if not ok:
                probs.append(f"claim false: {c['quote']!r} ({why})")
        if it["label"] == "faithful":
            if it["direction"] == "forward":
                if lit(it["answer"]) != result:
                    probs.append("forward answer wrong")
            else:
                if plain_eval(it["code"], it["answer"]) != result:
                    probs.append("backward answer does not reproduce output")
        else:
            if err["quote"] not in r:
                probs.append("error quote not in rationale")
            ok, why = check_error(err, it, result, hist, lines)
            if not ok:
                probs.append(f"error not confirmed false: {why}")
            if err["kind"] not in ("wrong_final_answer", "backward_wrong_input") and not err.get("carried"):
                if it["direction"] == "forward" and lit(it["answer"]) != result:
                    probs.append("uncarried error but answer wrong")
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        out.append(f"{status} {it['id']}" + "".join("\n    - " + p for p in probs))
    out.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    print("\n".join(out))
    return fails

if __name__ == "__main__":
    sys.exit(1 if main() else 0)
