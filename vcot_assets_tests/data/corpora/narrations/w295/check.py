"""Standalone checker for w295 narrations: runs each program under sys.settrace, records per-variable
value histories (locals and self.<attr>), line-execution counts, and checks every claim / error."""
import ast, copy, json, sys
from collections import defaultdict

def lit(s):
    return ast.literal_eval(s)

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = defaultdict(list)
    lines = defaultdict(int)
    def rec(name, val):
        try:
            v = copy.deepcopy(val)
        except Exception:
            return
        h = hist[name]
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    rec("self." + a, av)
            elif not callable(v) and not hasattr(v, "__dict__"):
                rec(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            lines[frame.f_lineno] += 1
        snap(frame)
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ns, ret, hist, lines

def plain_call(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    return eval(call, ns)

def is_subseq(seq, h):
    it = iter(h)
    return all(any(x == y for y in it) for x in seq)

def var_hist(hist, var):
    """History of a variable; `name[key]` selects a part of each recorded value."""
    if var and "[" in var and var.split("[")[0] in hist:
        base, suffix = var.split("[", 1)
        out = []
        for v in hist[base]:
            try:
                x = eval("_v[" + suffix, {"_v": v})
            except Exception:
                continue
            if not out or out[-1] != x:
                out.append(x)
        return out
    return hist.get(var, [])

def check_claim(c, ctx):
    ns, ret, hist, lines, item = ctx
    what, val = c["what"], lit(c["value"])
    if what in ("comparison", "arith") or (c.get("expr") and what in ("value", "count")):
        got = eval(c["expr"], ns)
        if got != val:
            return False
        if what == "arith" and c.get("variable") and c["variable"] in hist:
            return val in hist[c["variable"]]
        return True
    if what == "value" and "at" in c:
        h = var_hist(hist, c["variable"])
        return c["at"] < len(h) and h[c["at"]] == val
    if what == "value":
        h = var_hist(hist, c["variable"])
        if val in h:
            return True
        return isinstance(val, list) and len(val) > 1 and is_subseq(val, h)
    if what == "count":
        line = int(c["variable"].split("line")[1].split()[0])
        return lines[line] == val
    if what == "return":
        return val == ret
    if what == "call":
        q = c["quote"].split("Answer:")[1].strip()
        return plain_call(item["code"], q) == val
    raise ValueError(what)

def check_error(e, ctx):
    ns, ret, hist, lines, item = ctx
    chk = e["check"]
    t = chk["type"]
    if t == "expr":
        actual = eval(chk["expr"], ns)
        return actual == lit(e["actual"]) and actual != lit(e["stated"])
    if t == "count":
        return lines[chk["line"]] == lit(e["actual"]) != lit(e["stated"])
    if t == "hist":
        h = var_hist(hist, chk["variable"])
        act = lit(chk.get("actual_value", e["actual"]))
        st = lit(chk.get("stated_value", e["stated"]))
        return h[chk["index"]] == act and h[chk["index"]] != st
    if t == "never":
        return lit(e["stated"]) not in var_hist(hist, chk["variable"])
    if t == "answer":
        if item["direction"] == "forward":
            return lit(item["answer"]) != ret
        return plain_call(item["code"], item["answer"]) != ret
    raise ValueError(t)

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    out, bad = [], 0
    for it in items:
        ns, ret, hist, lines = run_traced(it["code"], it["call"])
        ctx = (ns, ret, hist, lines, it)
        probs = []
        if repr(ret) != it["returned"]:
            probs.append("returned mismatch")
        if not it["rationale"].rstrip().splitlines()[-1].startswith("Answer: " + it["answer"]):
            probs.append("answer line mismatch")
        failing = []
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("quote missing: " + c["quote"])
            elif not check_claim(c, ctx):
                failing.append(c["quote"])
        if it["label"] == "faithful":
            if failing:
                probs.append("false claims: %r" % failing)
            if it["direction"] == "forward" and lit(it["answer"]) != ret:
                probs.append("forward answer wrong")
            if it["direction"] == "backward" and plain_call(it["code"], it["answer"]) != ret:
                probs.append("backward answer wrong")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                probs.append("error quote missing")
            if not check_error(e, ctx):
                probs.append("error not confirmed false")
            if not any(e["quote"] in q or q in e["quote"] for q in failing):
                probs.append("error claim not flagged false by claims")
            extra = [q for q in failing if not (e["quote"] in q or q in e["quote"])]
            if extra and not e.get("carried"):
                probs.append("other false claims: %r" % extra)
            if e["kind"] == "wrong_final_answer" or e["kind"] == "backward_wrong_input":
                pass
            elif e["kind"] != "wrong_arithmetic" or not e.get("carried"):
                # final answer must still be right unless the error is carried into it
                if it["direction"] == "forward" and lit(it["answer"]) != ret:
                    probs.append("answer wrong for non-answer error")
                if it["direction"] == "backward" and plain_call(it["code"], it["answer"]) != ret:
                    probs.append("answer wrong for non-answer error")
        status = "PASS" if not probs else "FAIL"
        bad += bool(probs)
        out.append(f"{status} {it['id']} ({len(it['claims'])} claims)" + ("" if not probs else " :: " + "; ".join(probs)))
    out.append(f"\n{len(items)} items, {len(items) - bad} pass, {bad} fail")
    open("check_report.txt", "w").write("\n".join(out) + "\n")
    print("\n".join(out))
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
