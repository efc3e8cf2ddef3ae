"""Standalone checker for w114 narrations. Runs each program with sys.settrace and
verifies claims, answers and that error copies really are wrong."""
import json, sys, copy, ast, warnings
warnings.filterwarnings("ignore")

def run_traced(code, call):
    hist = {}      # name -> list of successive distinct values (all frames, in time order)
    lines = {}     # line number -> hit count
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)

    def snap(frame):
        for k, v in list(frame.f_locals.items()):
            items = [(k, v)]
            if k == "self" and hasattr(v, "__dict__"):
                items = [("self." + a, b) for a, b in vars(v).items()]
            for name, val in items:
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    continue
                h = hist.setdefault(name, [])
                if not h or h[-1] != val or type(h[-1]) != type(val):
                    h.append(val)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        def local(frame, event, arg):
            snap(frame)
            if event == "line":
                lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            return local
        return local(frame, event, arg)

    sys.settrace(tracer)
    try:
        result = eval(call, g)
    finally:
        sys.settrace(None)
    return result, hist, lines

def plain(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def check_claim(c, result, hist, lines):
    """Return (ok, msg): whether the claim is true of the execution."""
    what = c["what"]
    val = ast.literal_eval(c["value"])
    if what == "value":
        h = hist.get(c["variable"], [])
        if "at" in c:
            ok = c["at"] < len(h) and h[c["at"]] == val
            return ok, f"{c['variable']}[{c['at']}] -> {h[c['at']] if c['at'] < len(h) else None!r}"
        return val in h, f"{c['variable']} history {h!r}"
    if what == "count":
        n = lines.get(c["line"], 0)
        return n == val, f"line {c['line']} ran {n}"
    if what in ("arith", "comparison"):
        r = eval(c["expr"])
        return r == val, f"{c['expr']} = {r!r}"
    if what == "return":
        return result == val, f"returned {result!r}"
    if what == "call":
        return True, "checked as answer"
    return False, "unknown claim kind"

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    fails = 0
    out = []
    for it in items:
        probs = []
        result, hist, lines = run_traced(it["code"], it["call"])
        if repr(result) != it["returned"]:
            probs.append(f"returned mismatch {result!r}")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append(f"quote not in rationale: {c['quote']!r}")
        if it["rationale"].strip().splitlines()[-1].strip() != "Answer: " + it["answer"] and \
           not it["rationale"].strip().splitlines()[-1].endswith(it["answer"]):
            probs.append("last line does not hold answer")
        err = it["error"]
        # answer
        if it["direction"] == "forward":
            ans_ok = ast.literal_eval(it["answer"]) == result
        else:
            ans_ok = plain(it["code"], it["answer"]) == result
        want_ans_ok = not (err and err["kind"] in ("wrong_final_answer", "backward_wrong_input"))
        if ans_ok != want_ans_ok:
            probs.append(f"answer check {ans_ok}, expected {want_ans_ok}")
        for c in it["claims"]:
            is_err = err is not None and c["quote"] == err["quote"] and c.get("error")
            if c.get("carried"):
                continue
            ok, msg = check_claim(c, result, hist, lines)
            if is_err:
                if ok:
                    probs.append(f"error claim is actually TRUE: {c['quote']!r} ({msg})")
                if err.get("held_elsewhere"):
                    h = hist.get(c.get("variable"), [])
                    vals = [ast.literal_eval(x) for x in c.get("elsewhere", [])]
                    if c["what"] == "value" and ast.literal_eval(c["value"]) not in h:
                        probs.append("held_elsewhere but value never held")
                    if c["what"] != "value" and ast.literal_eval(c["value"]) not in h and not vals:
                        probs.append("held_elsewhere without evidence")
            elif not ok:
                probs.append(f"claim false: {c['quote']!r} ({msg})")
        if err:
            if err["quote"] not in it["rationale"]:
                probs.append("error quote missing")
            if err["kind"] not in ("wrong_final_answer", "backward_wrong_input") and \
               not any(c.get("error") for c in it["claims"]):
                probs.append("no error claim")
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        out.append(f"{status} {it['id']} ({it['label']}{'/' + err['kind'] if err else ''})")
        for p in probs:
            out.append("    " + p)
    out.append(f"\n{len(items)} items, {fails} failing")
    print("\n".join(out))
    return fails

if __name__ == "__main__":
    sys.exit(1 if main() else 0)
