"""Standalone checker for w329 narrations: runs each program under sys.settrace and
verifies returned values, claims, answers, and that each error copy's error is really false."""
import json, sys, ast, re

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = {}          # var -> list of reprs (each change)
    lines = {}         # (func, lineno) -> times executed
    def record(name, val):
        try:
            r = repr(val)
        except Exception:
            return
        h = hist.setdefault(name, [])
        if not h or h[-1] != r:
            h.append(r)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        def local(frame, event, arg):
            if event == "line":
                key = frame.f_lineno
                lines[key] = lines.get(key, 0) + 1
            for k, v in list(frame.f_locals.items()):
                if k == "self":
                    for a, av in list(getattr(v, "__dict__", {}).items()):
                        record("self." + a, av)
                else:
                    record(k, v)
            return local
        return local(frame, event, arg)
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def sub_hist(hist, var):
    """History of a variable, or of an item/attribute path like totals['ann']."""
    if var in hist:
        return hist[var]
    m = re.match(r"([A-Za-z_][\w.]*)(\[.*)$", var)
    if not m:
        return []
    base, rest = m.groups()
    out = []
    for r in hist.get(base, []):
        try:
            val = eval("_v" + rest, {"_v": ast.literal_eval(r)})
        except Exception:
            continue
        if not out or out[-1] != repr(val):
            out.append(repr(val))
    return out

def norm(v):
    return repr(ast.literal_eval(v)) if isinstance(v, str) else repr(v)

def check_claim(c, ret, hist, lines):
    """Return True if claim is true of the execution."""
    w = c["what"]
    if w == "value":
        h = sub_hist(hist, c["variable"])
        want = norm(c["value"])
        if "at" in c:
            return c["at"] < len(h) and h[c["at"]] == want
        return want in h
    if w == "count":
        var = c["variable"]
        if "@line" in var:
            ln = int(var.split("@line")[1])
            return lines.get(ln, 0) == int(c["value"])
        return len(sub_hist(hist, var)) == int(c["value"])
    if w == "arith":
        expr = c.get("expr") or c["quote"].replace("`", "").split(" = ")[-2]
        return repr(eval(expr)) == norm(c["value"])
    if w == "comparison":
        expr = c.get("expr") or c["quote"].replace("`", "")
        return repr(bool(eval(expr))) == norm(c["value"])
    if w == "return":
        return repr(ret) == norm(c["value"])
    if w == "call":
        return True
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    fails = 0
    out = []
    ids = {it["id"] for it in items}
    for it in items:
        probs = []
        ret, hist, lines = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append("returned mismatch")
        r = it["rationale"]
        last = r.strip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            probs.append("answer line mismatch")
        for c in it["claims"]:
            if c["quote"] not in r:
                probs.append("quote not in rationale: " + c["quote"])
        if it["direction"] == "forward":
            ans_ok = norm(it["answer"]) == repr(ret)
        else:
            ns = {}
            exec(it["code"], ns)
            ans_ok = repr(eval(it["answer"], ns)) == repr(ret)
        err = it["error"]
        if it["label"] == "faithful":
            if not ans_ok:
                probs.append("faithful answer wrong")
            for c in it["claims"]:
                if not check_claim(c, ret, hist, lines):
                    probs.append("false claim: %r" % c)
        else:
            if it["faithful_id"] not in ids:
                probs.append("missing faithful")
            if err["quote"] not in r:
                probs.append("error quote missing")
            k = err["kind"]
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    probs.append("wrong answer is actually right")
            else:
                if not ans_ok:
                    probs.append("answer should stay right")
                bad = [c for c in it["claims"] if c.get("error_claim")]
                if not bad:
                    probs.append("no claim for error")
                for c in bad:
                    if check_claim(c, ret, hist, lines):
                        probs.append("error claim is actually true: %r" % c)
                for c in bad:
                    if c["quote"] not in err["quote"] and err["quote"] not in c["quote"]:
                        probs.append("error claim quote differs from error quote")
                others = [c for c in it["claims"] if not c.get("error_claim")]
                for c in others:
                    if not err.get("carried") and not check_claim(c, ret, hist, lines):
                        probs.append("extra false claim: %r" % c)
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        out.append("%s %s %s%s" % (status, it["id"], it["label"], "" if not probs else " :: " + "; ".join(probs)))
    out.append("TOTAL %d items, %d failures" % (len(items), fails))
    print("\n".join(out))
    return fails

if __name__ == "__main__":
    sys.exit(1 if main() else 0)
