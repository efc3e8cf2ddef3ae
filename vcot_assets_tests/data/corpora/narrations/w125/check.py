"""Standalone checker for w125 narrations: re-executes each program with sys.settrace."""
import json, sys, copy, ast

def run_traced(code, call):
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    hist = {}      # name -> list of values (consecutive duplicates collapsed)
    lines = {}     # line number -> hit count
    def rec(name, v):
        try:
            v = copy.deepcopy(v)
        except Exception:
            v = repr(v)
        h = hist.setdefault(name, [])
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    rec("self." + a, av)
            elif not callable(v):
                rec(k, v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        snap(frame)
        if event == "return":
            rec("<return:" + frame.f_code.co_name + ">", arg)
        return tr
    sys.settrace(tr)
    try:
        res = eval(call, g)
    finally:
        sys.settrace(None)
    return res, hist, lines

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, res, hist, lines):
    """Return (ok, why)."""
    w = c["what"]; val = lit(c["value"]) if w != "call" else c["value"]
    if w == "value":
        h = hist.get(c["variable"])
        if h is None:
            return False, "no variable %s" % c["variable"]
        if c.get("seq"):
            n = len(val)
            return any(h[i:i + n] == val for i in range(len(h))), "history=%r" % (h[:30],)
        if c.get("each"):
            return all(v in h for v in val), "history=%r" % (h[:30],)
        if "at" in c:
            k = c["at"]
            return (k < len(h) and h[k] == val), "history[%d]=%r" % (k, h[k] if k < len(h) else None)
        return val in h, "history=%r" % (h[:12],)
    if w == "count":
        ln = int(c["variable"].split("@line")[1])
        n = lines.get(ln, 0)
        if c["variable"].startswith("header@"):
            n -= 1  # a for-header line is hit once more than the loop body runs (no break)
        return n == val, "line %d hit %d" % (ln, n)
    if w in ("arith", "comparison"):
        expr = c.get("expr") or c["quote"].strip("` ")
        r = eval(expr, {})
        return r == val, "%s -> %r" % (expr, r)
    if w == "return":
        return res == val, "returned %r" % (res,)
    if w == "call":
        return None, ""
    return False, "unknown what"

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    out = []; bad = 0
    cache = {}
    for it in items:
        probs = []
        key = (it["code"], it["call"])
        if key not in cache:
            cache[key] = run_traced(it["code"], it["call"])
        res, hist, lines = cache[key]
        if repr(res) != it["returned"]:
            probs.append("returned mismatch %r vs %s" % (res, it["returned"]))
        rat = it["rationale"]
        last = rat.strip().splitlines()[-1]
        if it["answer"] not in last:
            probs.append("answer not in last line")
        for c in it["claims"]:
            if c["quote"] not in rat:
                probs.append("quote not in rationale: %r" % c["quote"])
        # answer check
        if it["direction"] == "forward":
            ans_ok = (lit(it["answer"]) == res)
        else:
            g = {}; exec(it["code"], g)
            ans_ok = (eval(it["answer"], g) == res)
        err = it["error"]
        ekind = err["kind"] if err else None
        if ekind in ("wrong_final_answer", "backward_wrong_input"):
            if ans_ok: probs.append("error answer is actually right")
        elif not ans_ok:
            probs.append("answer wrong")
        # claims
        for c in it["claims"]:
            ok, why = check_claim(c, res, hist, lines)
            if ok is None: continue
            is_err = err is not None and c.get("is_error")
            if is_err:
                if ok: probs.append("error claim holds: %r (%s)" % (c["quote"], why))
                if err.get("held_elsewhere"):
                    # the wrong value must be one the run really holds somewhere else
                    h = hist.get(err.get("held_var") or c["variable"], [])
                    if lit(c["value"]) not in h:
                        probs.append("held_elsewhere but value never held")
            elif err and err.get("carried") and c.get("carried"):
                if ok: probs.append("carried claim unexpectedly true")
            else:
                if not ok: probs.append("claim false: %r (%s)" % (c["quote"], why))
        if err:
            if err["quote"] not in rat: probs.append("error quote missing")
            if err["stated"] == err["actual"]: probs.append("stated == actual")
            if ekind not in ("wrong_final_answer", "backward_wrong_input") and not any(c.get("is_error") for c in it["claims"]):
                probs.append("no error claim")
        status = "PASS" if not probs else "FAIL"
        bad += bool(probs)
        out.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    out.append("TOTAL %d items, %d failing" % (len(items), bad))
    print("\n".join(out))
    return bad

if __name__ == "__main__":
    sys.exit(1 if main() else 0)
