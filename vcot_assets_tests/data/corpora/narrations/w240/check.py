"""Standalone checker for w240 narrations: executes each program with sys.settrace, records
per-variable value histories (locals of every frame of code defined in the program, plus
attributes of `self` as `self.<attr>`), line hit counts and per-function return values, then
checks every item's returned value, claims, answer, and (for error copies) that the error is false.
Usage: python3 check.py narrations.jsonl > check_report.txt"""
import sys, json, copy, ast

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist, lines, rets = {}, {}, {}
    def add(name, val):
        try:
            v = copy.deepcopy(val)
        except Exception:
            v = val
        h = hist.setdefault(name, [])
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for ak, av in vars(v).items():
                    add("self." + ak, av)
            elif type(v) in (int, float, str, bool, list, dict, tuple, set, frozenset, type(None)):
                add(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        snap(frame)
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        elif event == "return":
            rets.setdefault(frame.f_code.co_name, []).append(copy.deepcopy(arg))
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return result, hist, lines, rets

def plain_eval(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def eq(a, b):
    return a == b and type(a) == type(b) or (isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and not isinstance(b, bool) and a == b)

def check_claim(c, result, hist, lines, rets):
    """Return (ok, detail). A claim is true when it matches execution."""
    what, var, val = c["what"], c.get("variable"), lit(c["value"])
    if what == "value":
        if c.get("index") is not None:
            h = hist.get(var, [])
            return (c["index"] < len(h) and eq(h[c["index"]], val)), f"{var}[{c['index']}]"
        return any(eq(x, val) for x in hist.get(var, [])), f"{var} history"
    if what == "count":
        if var.startswith("loop@line"):
            line = int(var.split("@line")[1])
            return lines.get(line, 0) == val, f"line {line} ran {lines.get(line, 0)}"
        return len(hist.get(var, [])) == val, f"{var} took {len(hist.get(var, []))} values"
    if what in ("arith", "comparison"):
        got = eval(c["expr"], {})
        return eq(got, val), f"{c['expr']} = {got!r}"
    if what in ("return", "call"):
        if var is None or var == "<answer>":
            return eq(result, val), f"returned {result!r}"
        if c.get("index") is not None:
            r = rets.get(var, [])
            return c["index"] < len(r) and eq(r[c["index"]], val), f"{var} call #{c['index']} returned {r[c['index']] if c['index'] < len(r) else None!r}"
        return any(eq(x, val) for x in rets.get(var, [])), f"{var} returns {rets.get(var)}"
    return False, "unknown what"

def check_item(it, report):
    probs = []
    result, hist, lines, rets = run_traced(it["code"], it["call"])
    if repr(result) != it["returned"]:
        probs.append(f"returned mismatch {result!r} vs {it['returned']}")
    for c in it["claims"]:
        if c["quote"] not in it["rationale"]:
            probs.append(f"claim quote not in rationale: {c['quote']!r}")
    err = it["error"]
    errq = err["quote"] if err else None
    if err and errq not in it["rationale"]:
        probs.append("error quote not in rationale")
    for c in it["claims"]:
        ok, det = check_claim(c, result, hist, lines, rets)
        is_err = err is not None and c.get("is_error")
        if c.get("carried"):
            continue
        if is_err and ok:
            probs.append(f"error claim is TRUE: {c['quote']!r} ({det})")
        if not is_err and not ok:
            probs.append(f"claim false: {c['quote']!r} ({det})")
    # answer
    if it["direction"] == "forward":
        ans_ok = eq(lit(it["answer"]), result)
    else:
        try:
            ans_ok = eq(plain_eval(it["code"], it["answer"]), result) and it["answer"].startswith(it["function"] + "(") or \
                     eq(plain_eval(it["code"], it["answer"]), result) and it["kind"] == "class"
        except Exception as e:
            ans_ok = False
    last = it["rationale"].rstrip().splitlines()[-1]
    if not last.strip().startswith("Answer:") or it["answer"] not in last:
        probs.append("last line is not the Answer line with the answer")
    if err and err["kind"] in ("wrong_final_answer", "backward_wrong_input"):
        if ans_ok:
            probs.append("error answer is actually right")
    elif not ans_ok and not (err and err.get("carried")):
        probs.append(f"answer wrong: {it['answer']}")
    if err:
        if not any(c.get("is_error") for c in it["claims"]) and err["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
            probs.append("no error claim")
        # held_elsewhere: the stated value must occur somewhere in the run (some variable's history or
        # some call's return) while being false at the point stated (the error claim above, checked
        # against the k-th history entry / that call / that expression); held_elsewhere false: it must
        # not occur anywhere.
        ecs = [c for c in it["claims"] if c.get("is_error")]
        if ecs and ecs[0]["what"] != "count" and err["kind"] in ("wrong_intermediate_right_answer", "wrong_loop_summary_value", "wrong_arithmetic", "off_by_one_loop_count"):
            ec = ecs[0]
            v = lit(ec["value"])
            held = any(any(eq(x, v) for x in h) for h in hist.values()) or any(any(eq(x, v) for x in r) for r in rets.values())
            if err.get("held_elsewhere") and not held:
                probs.append("held_elsewhere but value never held")
            if not err.get("held_elsewhere") and held:
                probs.append("held_elsewhere false but value is held somewhere")
            if err.get("held_elsewhere") and ec["what"] == "value" and ec.get("index") is None:
                probs.append("held_elsewhere value claim needs an index (point of the error)")
        if err["kind"] == "impossible_state":
            ec = [c for c in it["claims"] if c.get("is_error")][0]
            if any(eq(x, lit(ec["value"])) for x in hist.get(ec["variable"], [])):
                probs.append("impossible_state value does occur for that variable")
    return probs

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    ids = set()
    nbad = 0
    out = []
    for it in items:
        if it["id"] in ids:
            out.append(f"DUP {it['id']}")
        ids.add(it["id"])
        try:
            probs = check_item(it, out)
        except Exception as e:
            probs = [f"exception {type(e).__name__}: {e}"]
        if it["label"] == "error" and it["faithful_id"] not in ids:
            probs.append("faithful_id not seen before")
        if probs:
            nbad += 1
            out.append(f"FAIL {it['id']}: " + "; ".join(probs))
        else:
            out.append(f"PASS {it['id']} ({it['label']}{', ' + it['error']['kind'] if it['error'] else ''}; {len(it['claims'])} claims)")
    out.append(f"TOTAL {len(items)} items, {len(items) - nbad} pass, {nbad} fail")
    print("\n".join(out))
    return nbad

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
