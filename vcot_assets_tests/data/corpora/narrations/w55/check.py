"""Standalone checker for w55 narrations: re-executes every program with sys.settrace,
records each variable's value history and per-line hit counts, and checks claims/errors."""
import ast, copy, json, re, sys
from collections import defaultdict

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = defaultdict(list)   # var -> deduped list of values over the run
    class Lines(defaultdict):
        pass
    lines = Lines(int)         # line number -> hit count
    lines.events = []          # (line number, simple locals) per line event

    def rec(name, val):
        try:
            v = copy.deepcopy(val)
        except Exception:
            v = val
        h = hist[name]
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)

    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for ak, av in vars(v).items():
                    rec("self." + ak, av)
            elif not k.startswith("__"):
                rec(k, v)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            lines[frame.f_lineno] += 1
            lines.events.append((frame.f_lineno, {k: v for k, v in frame.f_locals.items()
                                                  if isinstance(v, (int, str, float, tuple))}))
        snap(frame)
        return tracer

    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return result, hist, lines, ns

def plain_eval(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def arith_value(quote, expr=None, what="arith"):
    if expr is not None:
        e = expr
    elif what == "comparison":
        e = quote
    else:
        parts = re.split(r"\s*(?:(?<![<>=!])=(?!=)|\bis\b|gives|->)\s*", quote)
        e = parts[-2]
    return eval(e.strip("` "), {})

def count_of(var, lines, where=None):
    """var is 'loop@line N' (N = first line of the loop body); where = {local: value}
    restricts the count to body executions in which those locals have those values."""
    m = re.match(r"loop@line (\d+)", var or "")
    if not m:
        raise ValueError("count claim needs variable 'loop@line N': %r" % var)
    n = int(m.group(1))
    if not where:
        return lines[n]
    return sum(1 for ln, loc in lines.events
               if ln == n and all(loc.get(k) == v for k, v in where.items()))

def check_claim(c, res, hist, lines, returned, code):
    """Return (ok, detail): whether the claim is TRUE of the execution."""
    what = c["what"]
    val = c["value"]
    if what == "value":
        v = lit(val)
        h = hist.get(c["variable"], [])
        if c.get("sequence"):
            seq = [x for k, x in enumerate(v) if k == 0 or v[k - 1] != x]  # history is deduped
            ok = any(h[i:i + len(seq)] == list(seq) for i in range(len(h)))
            return ok, "history=%r" % (h[:40],)
        if "index" in c and c["index"] is not None:
            idx = c["index"]
            return (idx < len(h) and h[idx] == v), "hist[%s]=%r" % (idx, h[idx] if idx < len(h) else None)
        return (v in h), "history=%r" % (h[:40],)
    if what == "count":
        n = count_of(c["variable"], lines, c.get("where"))
        return (n == lit(val)), "count=%d" % n
    if what in ("arith", "comparison"):
        got = arith_value(c["quote"], c.get("expr"), what)
        return (got == lit(val)), "eval=%r" % (got,)
    if what == "return":
        return (lit(val) == res), "returned=%r" % (res,)
    if what == "call":
        try:
            got = plain_eval(code, val)
        except Exception as ex:
            return False, "raised %r" % ex
        return (got == res), "call gives %r" % (got,)
    raise ValueError(what)

def check_item(it, cache):
    errs = []
    key = (it["code"], it["call"])
    if key not in cache:
        cache[key] = run_traced(it["code"], it["call"])
    res, hist, lines, ns = cache[key]
    if repr(res) != it["returned"]:
        errs.append("returned mismatch %r vs %r" % (res, it["returned"]))
    r = it["rationale"]
    last = r.rstrip().splitlines()[-1]
    if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
        errs.append("last line / answer mismatch: %r" % last)
    for c in it["claims"]:
        if c["quote"] not in r:
            errs.append("claim quote not in rationale: %r" % c["quote"])
    # answer correctness
    if it["direction"] == "forward":
        ans_ok = (lit(it["answer"]) == res)
    else:
        fname = it["function"]
        if not re.match(r"^[\w.]*%s\(" % re.escape(fname), it["answer"]) and fname not in it["answer"]:
            errs.append("backward answer does not call %s" % fname)
        try:
            ans_ok = plain_eval(it["code"], it["answer"]) == res
        except Exception:
            ans_ok = False
    if it["label"] == "faithful":
        if not ans_ok:
            errs.append("faithful answer wrong")
        for c in it["claims"]:
            ok, d = check_claim(c, res, hist, lines, res, it["code"])
            if not ok:
                errs.append("false claim %r (%s)" % (c["quote"], d))
    else:
        e = it["error"]
        k = e["kind"]
        if e["quote"] not in r:
            errs.append("error quote not in rationale")
        if k == "wrong_final_answer":
            if ans_ok: errs.append("wrong_final_answer but answer right")
        elif k == "backward_wrong_input":
            if ans_ok: errs.append("backward_wrong_input but call returns output")
        else:
            if not ans_ok and not e.get("carried"):
                errs.append("non-answer error but final answer wrong")
            claim = {"quote": e["quote"], "variable": e.get("variable"), "value": e["stated"],
                     "what": e["what"]}
            if "index" in e: claim["index"] = e["index"]
            if "expr" in e: claim["expr"] = e["expr"]
            if "where" in e: claim["where"] = e["where"]
            ok, d = check_claim(claim, res, hist, lines, res, it["code"])
            if ok:
                errs.append("error claim is actually true (%s)" % d)
            if k == "impossible_state":
                if lit(e["stated"]) in hist.get(e["variable"], []):
                    errs.append("impossible_state value occurs in history")
            if e.get("held_elsewhere"):
                # the stated value must occur somewhere in the run (some variable, some time)
                v = lit(e["stated"])
                anywhere = any(v in h for h in hist.values()) or any(
                    v == x for h in hist.values() for y in h if isinstance(y, (list, tuple)) for x in y)
                if not anywhere:
                    errs.append("held_elsewhere but value never held")
            # the faithful claims (other than the error) still hold
        for c in it["claims"]:
            if c["quote"] == e["quote"]:
                continue
            ok, d = check_claim(c, res, hist, lines, res, it["code"])
            if not ok and not e.get("carried"):
                errs.append("other claim false %r (%s)" % (c["quote"], d))
    return errs

def main(path="narrations.jsonl", out="check_report.txt"):
    items = [json.loads(l) for l in open(path) if l.strip()]
    cache = {}
    report = []
    nbad = 0
    ids = set()
    for it in items:
        if it["id"] in ids:
            report.append("%s DUPLICATE ID" % it["id"]); nbad += 1
        ids.add(it["id"])
        try:
            errs = check_item(it, cache)
        except Exception as ex:
            errs = ["exception %r" % ex]
        status = "PASS" if not errs else "FAIL"
        if errs: nbad += 1
        report.append("%s %s %s" % (status, it["id"], "; ".join(errs)))
    report.append("TOTAL %d items, %d failing" % (len(items), nbad))
    open(out, "w").write("\n".join(report) + "\n")
    print("\n".join(x for x in report if not x.startswith("PASS")))

def dump(code, call):
    res, hist, lines, ns = run_traced(code, call)
    print("RESULT", repr(res))
    for k, h in hist.items():
        print(" ", k, h if len(repr(h)) < 600 else repr(h)[:600])
    print("  lines", dict(lines))

if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "dump":
        import importlib
        sys.path.insert(0, "tmp")
        P = importlib.import_module(sys.argv[2]).P
        for pid in sys.argv[3:]:
            print("==", pid); dump(*P[pid])
    else:
        main()
