"""Standalone checker for w361 narrations: re-executes each call under sys.settrace,
records every variable's value history per function (and self.<attr>), line hit counts,
and checks claims of faithful items and the single error of each error copy."""
import ast, copy, json, sys
from collections import defaultdict

def run_traced(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist = defaultdict(list)      # var -> list of values (consecutive dupes collapsed, per frame)
    hits = defaultdict(int)       # (func, line) -> count
    def snap(frame):
        fn = frame.f_code.co_name
        for k, v in list(frame.f_locals.items()):
            names = [(k, v)]
            if k == "self" and hasattr(v, "__dict__"):
                names = [("self." + a, b) for a, b in vars(v).items()]
            for name, val in names:
                if callable(val) or type(val).__module__ == "prog" or name.startswith("__"):
                    continue
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    continue
                h = hist[name]
                if not h or h[-1] != val or type(h[-1]) != type(val):
                    h.append(val)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event in ("line", "return"):
            snap(frame)
        if event == "line":
            hits[(frame.f_code.co_name, frame.f_lineno)] += 1
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, hits, g

def plain_eval(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split())}
WORDS.update({"true": True, "false": False, "negative one": -1, "holds": True, "passes": True, "fails": False, "does not hold": False})

def lit(s):
    """Python literal, or a number word / true / false as models write them."""
    t = s.strip().strip("`").lower()
    if t in WORDS:
        return WORDS[t]
    return ast.literal_eval(s.strip().strip("`"))

def check_claim(c, ret, hist, hits):
    w = c["what"]
    if w == "value":
        v = lit(c["value"])
        return any(x == v and type(x) == type(v) or (x == v and isinstance(v, (int, float)) and not isinstance(v, bool)) for x in hist.get(c["variable"], []))
    if w == "count":
        return hits.get((c["func"], c["line"]), 0) == lit(c["value"])
    if w in ("arith", "comparison"):
        return eval(c["expr"]) == lit(c["value"])
    if w == "return":
        return ret == lit(c["value"])
    if w == "call":
        return True  # checked through answer
    return False

def check_error(e, item, ret, hist, hits):
    """True if the stated error value really is false at that point."""
    p = e["probe"]
    t = p["type"]
    if t == "history":       # k-th value of the variable's history
        h = hist[p["var"]]
        k = p["index"]
        actual = h[k]
        return actual == lit(e["actual"]) and actual != lit(e["stated"])
    if t == "linehits":
        n = hits.get((p["func"], p["line"]), 0)
        return n == lit(e["actual"]) and n != lit(e["stated"])
    if t == "arith":
        v = eval(p["expr"])
        return v == lit(e["actual"]) and v != lit(e["stated"])
    if t == "expr":          # a condition/expression with literal values at that point
        v = eval(p["expr"])
        return v == lit(e["actual"]) and v != lit(e["stated"])
    if t == "answer":
        if item["direction"] == "forward":
            return lit(item["answer"]) != ret and repr(ret) == item["returned"]
        out = plain_eval(item["code"], item["answer"])
        return out != lit(item["returned"])
    return False

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    fails, lines = 0, []
    ids = {i["id"] for i in items}
    for it in items:
        try:
            errs = check_item(it, ids)
        except Exception as ex:
            errs = ["checker exception: %r" % (ex,)]
        status = "PASS" if not errs else "FAIL"
        fails += bool(errs)
        lines.append("%s %s %s" % (status, it["id"], "; ".join(errs)))
    lines.append("TOTAL %d items, %d failed" % (len(items), fails))
    return "\n".join(lines), fails

def check_item(it, ids):
        errs = []
        ret, hist, hits, g = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            errs.append("returned mismatch %r" % (ret,))
        if it["rationale"].strip().splitlines()[-1].strip() != "Answer: " + it["answer"] and "Answer: " + it["answer"] not in it["rationale"]:
            errs.append("answer line missing")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                errs.append("quote not in rationale: %r" % c["quote"])
        if it["label"] == "faithful":
            for c in it["claims"]:
                if not check_claim(c, ret, hist, hits):
                    errs.append("claim false: %r" % c)
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret:
                    errs.append("forward answer wrong")
            else:
                if plain_eval(it["code"], it["answer"]) != ret:
                    errs.append("backward answer does not reproduce")
        else:
            e = it["error"]
            if it["faithful_id"] not in ids:
                errs.append("faithful_id missing")
            if e["quote"] not in it["rationale"]:
                errs.append("error quote not in rationale")
            if e["stated"] not in e["quote"]:
                errs.append("stated not in quote")
            if not check_error(e, it, ret, hist, hits):
                errs.append("error not confirmed false")
            # the rest of the claims (other than the error one) must still hold
            for c in it["claims"]:
                if c.get("is_error"):
                    continue
                if not check_claim(c, ret, hist, hits):
                    errs.append("non-error claim false: %r" % c)
            if e["kind"] != "wrong_final_answer" and e["kind"] != "backward_wrong_input":
                if it["direction"] == "forward" and lit(it["answer"]) != ret:
                    errs.append("answer should be right")
                if it["direction"] == "backward" and plain_eval(it["code"], it["answer"]) != ret:
                    errs.append("answer should be right")
        return errs

if __name__ == "__main__":
    rep, fails = main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")
    print(rep)
    sys.exit(1 if fails else 0)
