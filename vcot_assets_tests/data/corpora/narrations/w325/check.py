"""Standalone checker for w325 narrations: re-executes every program with sys.settrace,
records per-variable value histories (locals and self.<attr>), line hit counts and the return
value, then verifies every claim of every item (faithful claims true; error claims false)."""
import ast, copy, json, sys

def run_traced(code, call):
    g = {"__name__": "w325prog"}
    exec(compile(code, "<w325>", "exec"), g)
    hist, hits, atline = {}, {}, {}
    def record(key, val):
        h = hist.setdefault(key, [])
        try: v = copy.deepcopy(val)
        except Exception: v = val
        if not h or h[-1] != v or type(h[-1]) != type(v): h.append(v)
    def snap(frame):
        fn = frame.f_code.co_name
        for name, val in frame.f_locals.items():
            if name == "self" and hasattr(val, "__dict__"):
                for a, av in vars(val).items():
                    record("self." + a, av); record(fn + ":self." + a, av)
            else:
                record(name, val); record(fn + ":" + name, val)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<w325>": return None
        snap(frame)
        if event == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
            at = atline.setdefault(frame.f_lineno, [])
            try: at.append(copy.deepcopy(dict(frame.f_locals)))
            except Exception: at.append(dict(frame.f_locals))
        return tracer
    sys.settrace(tracer)
    try: ret = eval(call, g)
    finally: sys.settrace(None)
    hist["__atline__"] = atline
    return ret, hist, hits, g

def lit(s):
    return ast.literal_eval(s)

def claim_true(c, ret, hist, hits, g):
    w = c["what"]; chk = c.get("check", {})
    if w == "value":
        v = lit(c["value"]); h = hist.get(c["variable"], [])
        if "line" in chk:
            at = hist["__atline__"].get(chk["line"], [])
            n = chk["n"]
            return n < len(at) and at[n].get(c["variable"], object()) == v
        if "sub" in chk and "k" not in chk:
            return any(isinstance(x, dict) and x.get(chk["sub"], object()) == v for x in h)
        if "k" in chk:
            k = chk["k"]
            if not (-len(h) <= k < len(h)): return False
            x = h[k][chk["sub"]] if "sub" in chk else h[k]
            return x == v
        return v in h
    if w == "count":
        return (hits.get(chk["line"], 0) - chk.get("minus", 0)) / chk.get("div", 1) == lit(c["value"])
    if w == "comparison":
        return bool(eval(chk["expr"])) == lit(c["value"])
    if w == "arith":
        expr = chk.get("expr") or c["quote"].strip("`").split("=")[0]
        return eval(expr) == lit(c["value"])
    if w == "return":
        return lit(c["value"]) == ret
    if w == "call":
        return eval(c["value"], dict(g)) == ret
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    fails, lines = 0, []
    for it in items:
        probs = []
        ret, hist, hits, g = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]: probs.append("returned mismatch")
        txt = it["rationale"]
        last = [l for l in txt.splitlines() if l.startswith("Answer:")][-1][7:].strip()
        if last != it["answer"]: probs.append("answer field != Answer line")
        for c in it["claims"]:
            if c["quote"] not in txt: probs.append("quote missing: " + c["quote"])
            ok = claim_true(c, ret, hist, hits, g)
            if c.get("erroneous"):
                if ok: probs.append("erroneous claim is true: " + c["quote"])
            elif not ok: probs.append("claim false: %s (%s=%s)" % (c["quote"], c["variable"], c["value"]))
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == ret
        else:
            ans_ok = eval(it["answer"], dict(g)) == ret
        if it["label"] == "faithful":
            if not ans_ok: probs.append("faithful answer wrong")
        else:
            e = it["error"]; ck = e["check"]; t = ck["type"]
            if e["quote"] not in txt: probs.append("error quote missing")
            if t == "answer":
                if ans_ok: probs.append("wrong answer actually correct")
            else:
                if not e.get("carried") and not ans_ok: probs.append("answer should stay right")
                if t == "hist":
                    h = hist[ck["var"]]; actual = h[ck["k"]]
                    if "sub" in ck: actual = actual[ck["sub"]]
                    if actual == lit(e["stated"]) or actual != lit(e["actual"]): probs.append("hist check failed %r" % (h,))
                elif t == "count":
                    n = hits.get(ck["line"], 0) - ck.get("minus", 0)
                    if n == lit(e["stated"]) or n != lit(e["actual"]): probs.append("count check failed %d" % n)
                elif t == "arith":
                    v = eval(ck["expr"])
                    if v == lit(e["stated"]) or v != lit(e["actual"]): probs.append("arith check failed")
                elif t == "atline":
                    v = hist["__atline__"][ck["line"]][ck["n"]][ck["var"]]
                    if v == lit(e["stated"]) or v != lit(e["actual"]): probs.append("atline check failed")
                elif t == "cmp":
                    v = bool(eval(ck["expr"]))
                    if v == lit(e["stated"]) or v != lit(e["actual"]): probs.append("cmp check failed")
            if not any(c.get("erroneous") for c in it["claims"]) and t != "answer":
                probs.append("no erroneous claim marked")
        status = "PASS" if not probs else "FAIL"
        if probs: fails += 1
        lines.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    lines.append("items: %d, failures: %d" % (len(items), fails))
    open("check_report.txt", "w").write("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
