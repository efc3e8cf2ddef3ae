#!/usr/bin/env python3
"""Standalone checker for w298 narrations: re-executes each program with sys.settrace,
records per-variable value histories and line hit counts, and checks every claim and error."""
import ast, copy, json, sys

def run_traced(code, call):
    g = {"__name__": "program"}
    exec(compile(code, "program", "exec"), g)
    hist, lines = {}, {}
    order = []
    def snap(frame):
        for k, v in list(frame.f_locals.items()):
            items = [(k, v)]
            if k == "self":
                try:
                    items = [("self." + a, b) for a, b in vars(v).items()]
                except TypeError:
                    items = []
            for name, val in items:
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    val = repr(val)
                h = hist.setdefault(name, [])
                if not h or h[-1] != val or type(h[-1]) != type(val):
                    h.append(val)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "program":
            return None
        if event in ("line", "return"):
            snap(frame)
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            order.append(frame.f_lineno)
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    lines["order"] = order
    return ret, hist, lines

def count_hits(lines, label, within=None):
    """Hits of line N (label 'loop@line N'); with within=[outer, k], only the hits between the
    k-th (1-based) execution of line `outer` and its next execution (one outer iteration)."""
    ln = int(label.split("line")[-1].strip())
    if not within:
        return lines.get(ln, 0)
    outer, k = within
    seen, n = 0, 0
    for x in lines["order"]:
        if x == outer:
            seen += 1
            if seen > k:
                break
        elif x == ln and seen == k:
            n += 1
    return n

def plain_eval(code, call):
    g = {"__name__": "program"}
    exec(compile(code, "program", "exec"), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def claim_true(c, item, ret, hist, lines):
    w = c["what"]
    if w == "value":
        v = lit(c["value"])
        h = hist.get(c["variable"])
        if h is None:
            return False, "no such variable %r" % c["variable"]
        if "key" in c:
            h = [x.get(c["key"]) if isinstance(x, dict) else None for x in h]
        if c.get("seq"):
            n = len(v)
            return any(h[i:i + n] == v for i in range(len(h) - n + 1)), "seq vs history %r" % (h,)
        if "step" in c:
            return (c["step"] < len(h) and h[c["step"]] == v), "step %d of %r" % (c["step"], h)
        return (v in h), "history %r" % (h,)
    if w == "count":
        n = count_hits(lines, c["variable"], c.get("within"))
        return n == lit(c["value"]), "%s ran %d times" % (c["variable"], n)
    if w in ("arith", "comparison"):
        expr = c.get("expr")
        if expr is None:
            q = c["quote"].replace("`", "")
            expr = q.rsplit("=", 1)[0] if w == "arith" else q
        got = eval(expr, {})
        return got == lit(c["value"]), "%s -> %r" % (expr, got)
    if w == "return":
        return lit(c["value"]) == ret, "returned %r" % (ret,)
    if w == "call":
        got = plain_eval(item["code"], c["value"])
        return got == ret, "call gives %r" % (got,)
    return False, "unknown what"

def check_item(item):
    errs = []
    code, call = item["code"], item["call"]
    ret, hist, lines = run_traced(code, call)
    if repr(ret) != item["returned"]:
        errs.append("returned mismatch %r vs %s" % (ret, item["returned"]))
    rat = item["rationale"]
    if not rat.rstrip().splitlines()[-1].startswith("Answer:"):
        errs.append("last line not Answer:")
    for c in item["claims"]:
        if c["quote"] not in rat:
            errs.append("claim quote not in rationale: %r" % c["quote"])
            continue
        ok, why = claim_true(c, item, ret, hist, lines)
        if c.get("wrong"):
            if ok:
                errs.append("wrong-marked claim is actually true: %r (%s)" % (c["quote"], why))
        elif not ok:
            errs.append("claim false: %r (%s)" % (c["quote"], why))
    # answer
    if item["direction"] == "forward":
        ans_ok = lit(item["answer"]) == ret
    else:
        try:
            ans_ok = plain_eval(code, item["answer"]) == ret
        except Exception:
            ans_ok = False
    if item["answer"] not in rat.rstrip().splitlines()[-1]:
        errs.append("answer not on last line")
    e = item["error"]
    if item["label"] == "faithful":
        if not ans_ok:
            errs.append("faithful answer wrong")
    else:
        if e["quote"] not in rat:
            errs.append("error quote not in rationale")
        chk = e["check"]
        t = chk["type"]
        if t == "answer":
            if ans_ok:
                errs.append("error answer is actually right")
        else:
            if not ans_ok:
                errs.append("answer wrong in non-answer error copy")
            if t == "hist":
                h = hist.get(chk["variable"], [])
                st = lit(e["stated"])
                if chk.get("seq"):
                    st = st[chk["pos"]]
                if "key" in chk:
                    h = [x.get(chk["key"]) if isinstance(x, dict) else None for x in h]
                if chk["step"] >= len(h) or h[chk["step"]] == st:
                    errs.append("hist error not false at that point")
                elif h[chk["step"]] != (lit(e["actual"])[chk["pos"]] if chk.get("seq") else lit(e["actual"])):
                    errs.append("actual mismatch at step: %r" % (h[chk["step"]],))
                if e.get("held_elsewhere") and st not in h:
                    errs.append("held_elsewhere but stated value never held by %s" % chk["variable"])
            elif t == "never":
                h = hist.get(chk["variable"], [])
                if lit(e["stated"]) in h:
                    errs.append("never-error value actually occurs")
            elif t == "count":
                n = count_hits(lines, chk["variable"], chk.get("within"))
                if n == lit(e["stated"]) or n != lit(e["actual"]):
                    errs.append("count error not an error (%d)" % n)
            elif t == "eval":
                got = eval(chk["expr"], {})
                if got == lit(e["stated"]) or got != lit(e["actual"]):
                    errs.append("eval error not an error (%r)" % (got,))
            else:
                errs.append("unknown check type")
            if e.get("held_elsewhere") and t in ("eval",) and "held_in" in chk:
                h = hist.get(chk["held_in"], [])
                if lit(e["stated"]) not in h:
                    errs.append("held_elsewhere value not held by %s" % chk["held_in"])
    return errs

def main(path):
    items = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    out, bad = [], 0
    ids = set()
    for it in items:
        if it["id"] in ids:
            out.append("DUP id " + it["id"])
        ids.add(it["id"])
        try:
            errs = check_item(it)
        except Exception as ex:
            errs = ["exception: %r" % (ex,)]
        if errs:
            bad += 1
            out.append("FAIL %s: %s" % (it["id"], "; ".join(errs)))
        else:
            out.append("PASS %s" % it["id"])
    out.append("%d items, %d failing" % (len(items), bad))
    return out, bad

if __name__ == "__main__":
    lines_out, bad = main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")
    print("\n".join(lines_out))
    sys.exit(1 if bad else 0)
