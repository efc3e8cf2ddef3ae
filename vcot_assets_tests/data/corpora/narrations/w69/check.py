"""Standalone checker for w69 narrations: re-executes every call under sys.settrace,
records per-variable value histories (time-ordered changes), loop line counts and
function return values, and checks claims / errors against them."""
import ast, copy, json, sys, re

FN = "<w69>"

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call):
    g = {"__name__": "w69prog"}
    exec(compile(code, FN, "exec"), g)
    user_types = tuple(v for v in g.values() if isinstance(v, type))
    hist = {}        # var -> list of values (each change, time order)
    last = {}        # (frame id, var) -> last value
    lines = {}       # lineno -> hit count
    rets = {}        # func name -> list of return values

    def record(frame):
        fid = id(frame)
        items = []
        for k, v in frame.f_locals.items():
            if isinstance(v, user_types):
                for a, av in vars(v).items():
                    items.append(("%s.%s" % (k, a), av))
            elif isinstance(v, (int, float, str, bool, list, tuple, dict, set, type(None))):
                items.append((k, v))
        for k, v in items:
            key = k
            sv = snap(v)
            if key not in last or last[key] != sv or type(last[key]) != type(sv):
                last[key] = sv
                hist.setdefault(k, []).append(sv)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            record(frame)
        elif event == "call":
            record(frame)
        elif event == "return":
            record(frame)
            rets.setdefault(frame.f_code.co_name, []).append(snap(arg))
        return tracer

    sys.settrace(tracer)
    try:
        result = eval(call, g)
    finally:
        sys.settrace(None)
    return result, hist, lines, rets, g

def plain_eval(call, code):
    g = {}
    exec(compile(code, "<w69b>", "exec"), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def arith_lhs(quote):
    q = quote.replace("`", "").replace("×", "*").replace("−", "-")
    parts = re.split(r"(?<![=<>!])=(?!=)", q)
    if len(parts) >= 2:
        return parts[-2].strip()
    for sep in [" is ", " gives "]:
        if sep in q:
            return q.rsplit(sep, 1)[0].strip()
    raise ValueError("cannot parse arith quote %r" % quote)

def count_of(var, lines):
    m2 = re.match(r"loop@line (\d+)-(\d+)$", var)
    if m2:
        # passes that reached line A but not line B
        return lines.get(int(m2.group(1)), 0) - lines.get(int(m2.group(2)), 0)
    m = re.match(r"loop@line (\d+)$", var)
    if not m:
        # a loop variable name: number of values it took (one per iteration)
        return len(HIST[var])
    return lines.get(int(m.group(1)), 0)

def eq(a, b):
    return a == b and type(a) == type(b) or (a == b and not isinstance(a, bool) and not isinstance(b, bool))

def check_claim(c, ctx):
    res, hist, lines, rets = ctx
    w = c["what"]
    val = lit(c["value"])
    if w == "value" and c.get("history"):
        h = hist.get(c["variable"], [])
        n = len(val)
        ok = any(all(eq(a, b) for a, b in zip(h[k:k + n], val)) and len(h[k:k + n]) == n for k in range(len(h)))
        return None if ok else "sequence %r is not a run of %s history %r" % (val, c["variable"], h)
    if w == "value":
        h = hist.get(c["variable"])
        if h is None:
            return "no such variable %s" % c["variable"]
        return None if any(eq(x, val) for x in h) else "value %r never held by %s (history %r)" % (val, c["variable"], h[:40])
    if w == "count":
        n = count_of(c["variable"], lines)
        return None if n == val else "count %s is %d, claimed %r" % (c["variable"], n, val)
    if w == "arith":
        got = eval(c["expr"]) if c.get("expr") else eval(arith_lhs(c["quote"]))
        return None if got == val else "arith %r evaluates to %r" % (c["quote"], got)
    if w == "comparison":
        expr = c.get("expr") or c["quote"].replace("`", "")
        got = bool(eval(expr))
        return None if got == val else "comparison %r is %r" % (expr, got)
    if w == "return":
        return None if res == val else "return %r != %r" % (val, res)
    if w == "call" and c.get("sequence"):
        r = rets.get(c["variable"], [])
        return None if r == list(val) else "%s returned %r, claimed sequence %r" % (c["variable"], r, val)
    if w == "call":
        r = rets.get(c["variable"], [])
        return None if any(eq(x, val) for x in r) else "%s never returned %r" % (c["variable"], val)
    return "unknown what %s" % w

HELD_KINDS = ("wrong_intermediate_right_answer", "wrong_loop_summary_value", "wrong_arithmetic", "off_by_one_loop_count")

def check_error(item, ctx, code):
    res, hist, lines, rets = ctx
    e = item["error"]
    loc = e["locate"]
    kind = e["kind"]
    t = loc["type"]
    stated = lit(e["stated"]) if t not in ("answer", "call_answer") else None
    probs = []
    if e["quote"] not in item["rationale"]:
        probs.append("error quote not in rationale")
    if t == "history_at":
        h = hist[loc["variable"]]
        truth = h[loc["index"]]
        if eq(truth, stated):
            probs.append("stated value is actually true at that point")
        if truth != lit(e["actual"]):
            probs.append("actual %r != history %r" % (e["actual"], truth))
    elif t == "return_at":
        truth = rets[loc["variable"]][loc["index"]]
        if eq(truth, stated):
            probs.append("stated return is actually right at that call")
        if truth != lit(e["actual"]):
            probs.append("actual mismatch %r" % truth)
    elif t == "history_item":
        truth = hist[loc["variable"]][loc["index"]][loc["item"]]
        if eq(truth, stated):
            probs.append("stated item is actually true at that point")
        if truth != lit(e["actual"]):
            probs.append("actual %r != history item %r" % (e["actual"], truth))
    elif t == "impossible" and "key" in loc:
        if any(isinstance(x, dict) and eq(x.get(loc["key"]), stated) for x in hist[loc["variable"]]):
            probs.append("impossible entry is actually held")
    elif t == "impossible":
        if any(eq(x, stated) for x in hist[loc["variable"]]):
            probs.append("impossible value is actually held")
    elif t == "arith":
        got = eval(loc["expr"]) if loc.get("expr") else eval(arith_lhs(e["quote"]))
        if got == stated: probs.append("arith is actually right")
        if got != lit(e["actual"]): probs.append("actual mismatch %r" % got)
    elif t == "count":
        n = count_of(loc["variable"], lines)
        if n == stated: probs.append("count actually right")
        if n != lit(e["actual"]): probs.append("actual count mismatch %d" % n)
    elif t == "comparison":
        got = bool(eval(loc["expr"]))
        if got == stated: probs.append("comparison actually right")
    elif t == "answer":
        if lit(item["answer"]) == res: probs.append("final answer actually right")
    elif t == "call_answer":
        try:
            out = plain_eval(item["answer"], code)
        except Exception as ex:
            out = ex
        if out == res: probs.append("backward answer actually returns the output")
    elif t == "swap":
        for part in loc["parts"]:
            h = hist[part["variable"]]
            if eq(h[part["index"]], lit(part["stated"])):
                probs.append("swapped part %s actually right" % part["variable"])
    else:
        probs.append("unknown locate type")
    allv = [x for h in hist.values() for x in h] + [x for r in rets.values() for x in r]
    if t == "count":
        allv += list(lines.values())
    occurs = stated is not None and any(eq(x, stated) for x in allv)
    if e.get("held_elsewhere") and not occurs:
        probs.append("held_elsewhere but value never occurs in run")
    if kind in HELD_KINDS and not e.get("held_elsewhere") and occurs:
        probs.append("held_elsewhere is false but the stated value does occur elsewhere in the run")
    return probs

def main(path):
    items = [json.loads(l) for l in open(path)]
    progs = {}
    out = []
    nfail = 0
    for it in items:
        key = (it["code"], it["call"])
        if key not in progs:
            res, hist, lines, rets, g = run(it["code"], it["call"])
            progs[key] = (res, hist, lines, rets)
        ctx = progs[key]
        global HIST
        HIST = ctx[1]
        res = ctx[0]
        probs = []
        if repr(res) != it["returned"]:
            probs.append("returned mismatch %r" % (res,))
        if not it["rationale"].rstrip().splitlines()[-1].startswith("Answer:") and "Predicted Output:" not in it["rationale"].rstrip().splitlines()[-1]:
            probs.append("last line not Answer")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("claim quote missing: %r" % c["quote"])
        if it["label"] == "faithful":
            for c in it["claims"]:
                p = check_claim(c, ctx)
                if p: probs.append(p)
            if it["direction"] == "forward":
                if lit(it["answer"]) != res: probs.append("forward answer wrong")
            else:
                if plain_eval(it["answer"], it["code"]) != res: probs.append("backward answer wrong")
        else:
            ek = it["error"]
            if not any(c["quote"] == ek["quote"] for c in it["claims"]):
                probs.append("error copy has no claim for the error quote")
            wrong = [c for c in it["claims"] if c["quote"] == ek["quote"]]
            # all claims other than the error (and carried ones) must still hold
            for c in it["claims"]:
                if c["quote"] == ek["quote"] or c.get("carried"):
                    continue
                p = check_claim(c, ctx)
                if p: probs.append("non-error claim fails: " + p)
            probs += check_error(it, ctx, it["code"])
            if it["direction"] == "forward" and ek["kind"] != "wrong_final_answer" and not ek.get("carried"):
                if lit(it["answer"]) != res: probs.append("answer should stay right")
            if it["direction"] == "backward" and ek["kind"] != "backward_wrong_input":
                if plain_eval(it["answer"], it["code"]) != res: probs.append("answer should stay right")
        status = "FAIL" if probs else "ok"
        if probs: nfail += 1
        out.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    out.append("TOTAL %d items, %d failing" % (len(items), nfail))
    print("\n".join(out))
    return nfail

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
