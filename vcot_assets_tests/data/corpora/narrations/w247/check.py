"""Standalone checker for w247 narrations: executes each program with sys.settrace,
records every variable's value history (per name, across frames; self attributes as self.x)
and line hit counts, then checks claims, answers and error copies."""
import ast, copy, json, sys

def lit(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return eval(s, {"set": set})

def run(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist, lines = {}, {}
    def rec(name, v):
        try:
            v = copy.deepcopy(v)
        except Exception:
            return
        h = hist.setdefault(name, [])
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self" and hasattr(v, "__dict__"):
                for a, av in vars(v).items():
                    rec("self." + a, av)
            elif not k.startswith("."):
                rec(k, v)
    def tr(frame, ev, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        snap(frame)
        if ev == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines, g

def claim_true(c, ret, hist, lines, g):
    w = c["what"]
    if w == "value":
        v = lit(c["value"]); h = hist.get(c["variable"], [])
        if "index" in c:
            return c["index"] < len(h) and h[c["index"]] == v and type(h[c["index"]]) == type(v)
        return any(x == v and type(x) == type(v) for x in h)
    if w == "count":
        if c["variable"].startswith("loop@line"):
            n = int(c["variable"].split("line")[-1])
            return lines.get(n, 0) == lit(c["value"])
        # loop variable name: number of successive values it took
        return len(hist.get(c["variable"], [])) == lit(c["value"])
    if w in ("comparison", "arith"):
        return eval(c["expr"], {}) == lit(c["value"])
    if w == "return":
        return lit(c["value"]) == ret
    if w == "call":
        return eval(c["value"], g) == ret
    raise ValueError(w)

def held(c, hist):
    v = lit(c["value"])  # held by this or any other variable at some point
    return any(v in h for h in hist.values())

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    byid = {it["id"]: it for it in items}
    out, bad = [], 0
    for it in items:
        errs = []
        ret, hist, lines, g = run(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            errs.append("returned mismatch %r" % (ret,))
        r = it["rationale"]
        last = r.strip().splitlines()[-1]
        if not (last.startswith("Answer:") or last.startswith("Predicted Output:")):
            errs.append("no final answer line")
        if it["answer"] not in last:
            errs.append("answer not in last line")
        for c in it["claims"]:
            if c["quote"] not in r:
                errs.append("quote missing: " + c["quote"])
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == ret
        else:
            ans_ok = eval(it["answer"], g) == ret
        e = it["error"]
        if it["label"] == "faithful":
            if not ans_ok: errs.append("answer wrong")
            for c in it["claims"]:
                if not claim_true(c, ret, hist, lines, g):
                    errs.append("false claim: %s" % c["quote"])
        else:
            f = byid.get(it["faithful_id"])
            if f is None: errs.append("no faithful")
            if e["quote"] not in r: errs.append("error quote missing")
            k = e["kind"]
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok: errs.append("answer unexpectedly right")
            else:
                if not ans_ok: errs.append("answer wrong in non-answer error")
                ec = [c for c in it["claims"] if c.get("is_error")]
                if not ec: errs.append("error claim missing")
                for c in ec:
                    if "index" in c and c["index"] >= len(hist.get(c["variable"], [])):
                        errs.append("error claim index out of range")
                    if claim_true(c, ret, hist, lines, g):
                        errs.append("error claim is true: " + c["quote"])
                    if e.get("held_elsewhere") and c["what"] in ("value", "arith") and not held(c, hist):
                        errs.append("held_elsewhere but never held")
                    if k == "impossible_state" and c["what"] == "value" and lit(c["value"]) in hist.get(c["variable"], []):
                        errs.append("impossible_state value is held")
                others = [c for c in it["claims"] if not c.get("is_error")]
                if not e.get("carried"):
                    for c in others:
                        if not claim_true(c, ret, hist, lines, g):
                            errs.append("second false claim: " + c["quote"])
        status = "PASS" if not errs else "FAIL"
        bad += bool(errs)
        out.append("%s %s %s" % (status, it["id"], "; ".join(errs)))
    out.append("TOTAL %d items, %d failing" % (len(items), bad))
    open("check_report.txt", "w").write("\n".join(out) + "\n")
    print("\n".join(out[-5:]))
    return bad

if __name__ == "__main__":
    sys.exit(1 if main() else 0)
