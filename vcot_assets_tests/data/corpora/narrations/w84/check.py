"""Standalone checker for w84 narrations: re-runs each call under sys.settrace and checks claims."""
import ast, copy, json, sys

FN = "<w84>"

def run(code, call):
    hist = {}      # var -> list of successive distinct values (locals; instance attrs as obj.attr)
    lines = {}     # line number -> times executed
    def snap(frame):
        for k, v in frame.f_locals.items():
            items = [(k, v)]
            if hasattr(v, "__dict__") and not callable(v) and type(v).__module__ == "__w84__":
                items = [(k + "." + a, x) for a, x in vars(v).items()]
            for name, val in items:
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    continue
                h = hist.setdefault(name, [])
                if not h or h[-1] != val or type(h[-1]) != type(val):
                    h.append(val)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return tr
        snap(frame)
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        return tr
    g = {"__name__": "__w84__"}
    exec(compile(code, FN, "exec"), g)
    sys.settrace(tr)
    try:
        res = eval(call, g)
    finally:
        sys.settrace(None)
    return res, hist, lines

def call_value(code, call):
    g = {"__name__": "__w84__"}
    exec(compile(code, FN, "exec"), g)
    return eval(call, g)

def check_claim(c, res, hist, lines):
    w = c["what"]; val = ast.literal_eval(c["value"])
    if w == "value":
        h = hist.get(c["variable"], [])
        if c.get("subseq"):
            it = iter(h)
            return all(any(v == x for x in it) for v in val)
        if c.get("seq"):
            return any(h[i:i + len(val)] == list(val) for i in range(len(h)))
        return val in h
    if w == "count":
        return lines.get(c["line"], 0) + c.get("adj", 0) == val
    if w in ("arith", "comparison"):
        return eval(c["expr"]) == val
    if w == "return":
        return val == res
    if w == "call":
        return True
    return False

def check_error(it, res, hist, lines):
    e = it["error"]; k = e["kind"]
    stated = e["stated"]; actual = e["actual"]
    if e["quote"] not in it["rationale"]:
        return "error quote missing"
    if k == "wrong_final_answer":
        return None if ast.literal_eval(it["answer"]) != res and ast.literal_eval(actual) == res else "answer not wrong"
    if k == "backward_wrong_input":
        try:
            got = call_value(it["code"], it["answer"])
        except Exception:
            return None
        return None if got != res else "backward answer still returns output"
    if k in ("wrong_arithmetic",):
        v = eval(e["expr"])
        return None if v != ast.literal_eval(stated) and v == ast.literal_eval(actual) else "arith not wrong"
    if k == "branch_not_taken":
        v = eval(e["expr"])
        return None if v != ast.literal_eval(stated) and v == ast.literal_eval(actual) else "branch not wrong"
    if k == "off_by_one_loop_count":
        n = lines.get(e["line"], 0) + e.get("adj", 0)
        return None if n == ast.literal_eval(actual) and abs(n - ast.literal_eval(stated)) == 1 else "count not off by one"
    # value errors: point-specific check against the variable's history
    h = hist.get(e["variable"], [])
    s = ast.literal_eval(stated)
    if k == "impossible_state":
        allv = [x for hh in hist.values() for x in hh]
        return None if s not in h else "impossible value occurs"
    at = e["at"]
    if e.get("dictkey") is not None and 0 <= at < len(h):
        h = list(h); h[at] = h[at][e["dictkey"]]
    if not (0 <= at < len(h)) or h[at] != ast.literal_eval(actual) or h[at] == s:
        return f"history mismatch {e['variable']}[{at}]={h[at] if 0 <= at < len(h) else None}"
    if e.get("held_elsewhere"):
        allv = [x for hh in hist.values() for x in hh]
        allv += [y for x in allv if isinstance(x, dict) for y in x.values()]
        if s not in allv:
            return "held_elsewhere but value never held"
    if k == "wrong_intermediate_right_answer":
        got = ast.literal_eval(it["answer"]) if it["direction"] == "forward" else call_value(it["code"], it["answer"])
        if got != res:
            return "final answer not right"
    return None

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")]
    fails = 0; out = []
    for it in items:
        res, hist, lines = run(it["code"], it["call"])
        probs = []
        if repr(res) != it["returned"]:
            probs.append("returned mismatch")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("claim quote missing: " + c["quote"])
        if not it["rationale"].rstrip().endswith("Answer: " + it["answer"]):
            probs.append("answer line mismatch")
        if it["label"] == "faithful":
            for c in it["claims"]:
                if not check_claim(c, res, hist, lines):
                    probs.append("false claim: " + json.dumps(c))
            if it["direction"] == "forward":
                if ast.literal_eval(it["answer"]) != res:
                    probs.append("forward answer wrong")
            else:
                if call_value(it["code"], it["answer"]) != res:
                    probs.append("backward answer wrong")
        else:
            eq = [c for c in it["claims"] if c["quote"] == it["error"]["quote"]]
            if not eq and it["error"]["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                probs.append("error claim not in claims")
            r = check_error(it, res, hist, lines)
            if r:
                probs.append(r)
            # all other claims must still be true unless carried
            if not it["error"].get("carried"):
                for c in it["claims"]:
                    if c["quote"] != it["error"]["quote"] and not check_claim(c, res, hist, lines):
                        probs.append("other false claim: " + json.dumps(c))
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        out.append(f"{status} {it['id']} {it['label']} {it['error']['kind'] if it['error'] else ''} " + "; ".join(probs))
    out.append(f"TOTAL {len(items)} items, {fails} failing")
    print("\n".join(out))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
