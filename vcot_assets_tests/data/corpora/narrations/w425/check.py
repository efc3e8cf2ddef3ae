"""Standalone checker for w425 narrations: re-runs every call under sys.settrace and checks
returned values, every claim of faithful items, answers, and that each error copy's error is false."""
import ast, copy, json, sys, re

PROG = "<w425-prog>"

def run_traced(code, call):
    hist = {}      # var name -> list of distinct consecutive values (all frames of the program)
    hits = {}      # line number -> times executed
    last = {}
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
                key = (id(frame), name)
                if key not in last or last[key] != val:
                    last[key] = val
                    h = hist.setdefault(name, [])
                    if not h or h[-1] != val:
                        h.append(val)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != PROG:
            return tr
        snap(frame)
        if event == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        return tr
    g = {}
    exec(compile(code, PROG, "exec"), g)
    sys.settrace(tr)
    try:
        res = eval(compile(call, PROG + "call", "eval"), g)
    finally:
        sys.settrace(None)
    return res, hist, hits

def plain_eval(code, call):
    g = {}
    exec(compile(code, PROG, "exec"), g)
    return eval(call, g)

WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split())}

def lit(s):
    if isinstance(s, str) and s.strip().lower() in WORDS:
        return WORDS[s.strip().lower()]
    return ast.literal_eval(s)

def arith_expr(c):
    if c.get("expr"):
        return c["expr"]
    q = c["quote"].strip("` ")
    return re.split(r"\s*=\s*(?!=)", q)[0].strip("` ")

def count_of(hits, label):
    m = re.search(r"line (\d+)", label)
    return hits.get(int(m.group(1)), 0)

def get_hist(hist, name):
    """History of a variable; 'd[key]' gives the history of one dict entry of d."""
    if name in hist:
        return hist[name]
    m = re.match(r"^(.+?)\[(.+)\]$", name or "")
    if m and m.group(1) in hist:
        key = ast.literal_eval(m.group(2))
        out = []
        for d in hist[m.group(1)]:
            if isinstance(d, dict) and key in d and (not out or out[-1] != d[key]):
                out.append(d[key])
        return out
    return []

def check_claim(c, res, hist, hits, rat):
    if c["quote"] not in rat:
        return "quote not in rationale: %r" % c["quote"]
    w = c["what"]
    if w == "value":
        v = lit(c["value"])
        h = get_hist(hist, c["variable"])
        if v not in h:
            return "value %r never held by %s (history %r)" % (v, c["variable"], h)
    elif w == "count":
        n = count_of(hits, c.get("expr") or c["variable"])
        if n != lit(c["value"]):
            return "count %s != %s" % (c["value"], n)
    elif w == "comparison":
        e = c.get("expr") or c["quote"].strip("` ")
        if bool(eval(e)) != lit(c["value"]):
            return "comparison %r evaluates to %r" % (e, eval(e))
    elif w == "arith":
        e = arith_expr(c)
        if eval(e) != lit(c["value"]):
            return "arith %r = %r, not %s" % (e, eval(e), c["value"])
    elif w == "return":
        if lit(c["value"]) != res:
            return "return %s != %r" % (c["value"], res)
    elif w == "call":
        pass
    return None

def check_error(it, res, hist, hits):
    e = it["error"]; k = e["kind"]; rat = it["rationale"]
    if e["quote"] not in rat:
        return "error quote not in rationale"
    at = e.get("at") or {}
    if k == "wrong_final_answer":
        if lit(it["answer"]) == res: return "answer is actually right"
        return None
    if k == "backward_wrong_input":
        try:
            r2 = plain_eval(it["code"], it["answer"])
        except Exception:
            return None
        return "answer call returns the output" if r2 == res else None
    stated = lit(e["stated"]); actual = lit(e["actual"])
    if k in ("wrong_arithmetic",):
        v = eval(at["expr"])
        if v != actual or v == stated: return "arith %r = %r (stated %r actual %r)" % (at["expr"], v, stated, actual)
    elif k == "off_by_one_loop_count":
        n = hits.get(at["line"], 0)
        if n != actual or n == stated: return "count line %s = %d" % (at["line"], n)
    elif k == "branch_not_taken":
        v = bool(eval(at["expr"]))
        if v != actual or v == stated: return "branch expr %r = %r" % (at["expr"], v)
    else:  # value-type errors: check at the indexed point of the variable's history
        h = get_hist(hist, at["var"])
        if k == "impossible_state" and stated in h:
            return "impossible_state value actually occurs"
        if "index" in at:
            if at["index"] >= len(h) or h[at["index"]] != actual or h[at["index"]] == stated:
                return "history %s[%d] = %r" % (at["var"], at["index"], h[at["index"]] if at["index"] < len(h) else None)
        if e.get("held_elsewhere") and stated not in h and not at.get("other"):
            return "held_elsewhere but stated value never held by %s" % at["var"]
        if at.get("other"):
            if stated not in hist.get(at["other"], []): return "held_elsewhere other var never holds it"
    if e.get("held_elsewhere") and k in ("wrong_arithmetic", "off_by_one_loop_count"):
        if not any(stated in h for h in hist.values()):
            return "held_elsewhere but no variable ever holds %r" % (stated,)
    return None

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")]
    fails = 0; lines = []
    cache = {}
    for it in items:
        key = (it["code"], it["call"])
        if key not in cache:
            cache[key] = run_traced(it["code"], it["call"])
        res, hist, hits = cache[key]
        probs = []
        if repr(res) != it["returned"]: probs.append("returned mismatch %r" % (res,))
        if it["direction"] == "forward":
            ok_ans = lit(it["answer"]) == res
        else:
            ok_ans = plain_eval(it["code"], it["answer"]) == res
        if not it["rationale"].rstrip().endswith("Answer: " + it["answer"]): probs.append("Answer line mismatch")
        if it["label"] == "faithful":
            if not ok_ans: probs.append("answer wrong")
            for c in it["claims"]:
                p = check_claim(c, res, hist, hits, it["rationale"])
                if p: probs.append(p)
        else:
            p = check_error(it, res, hist, hits)
            if p: probs.append(p)
            if it["error"]["kind"] not in ("wrong_final_answer", "backward_wrong_input") and not ok_ans and not it["error"].get("carried"):
                probs.append("answer wrong in non-answer error copy")
            # all other claims (except the erroneous one) still true
            for c in it["claims"]:
                if it["error"]["quote"] in c["quote"] or c["quote"] in it["error"]["quote"]:
                    continue
                if it["error"].get("carried") and c.get("carried"):
                    continue
                p = check_claim(c, res, hist, hits, it["rationale"])
                if p: probs.append("other claim: " + p)
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        lines.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    lines.append("TOTAL %d items, %d failures" % (len(items), fails))
    out = "\n".join(lines)
    print(out)
    open("check_report.txt", "w").write(out + "\n")
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
