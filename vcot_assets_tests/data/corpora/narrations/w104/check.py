"""Standalone checker for w104 narrations: re-runs each call under sys.settrace,
records per-variable value histories and per-line hit counts, and checks every
claim of faithful items plus that each error copy's stated value is false where stated."""
import sys, json, copy, ast

def run(code, call):
    hist, lines = {}, {}
    def rec(name, val):
        try:
            val = copy.deepcopy(val)
        except Exception:
            return
        h = hist.setdefault(name, [])
        if not h or h[-1] != val or type(h[-1]) != type(val):
            h.append(val)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return tracer
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    rec("self." + a, av)
            elif not callable(v):
                rec(k, v)
        if event == "return" and frame.f_back and frame.f_back.f_code.co_filename != "<prog>":
            rec("<return>", arg)
        return tracer
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    sys.settrace(tracer)
    try:
        ret = eval(compile(call, "<prog>", "eval"), ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines, ns

def plain(code, call):
    ns = {}
    exec(compile(code, "<x>", "exec"), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, ret, hist, lines, item):
    w = c["what"]; v = lit(c["value"])
    if w == "value":
        return c["variable"] in hist and v in hist[c["variable"]], "value not in history of %s" % c["variable"]
    if w == "count":
        n = int(c["variable"].split("@line")[1])
        return lines.get(n, 0) == v, "count: line %d ran %d times" % (n, lines.get(n, 0))
    if w in ("comparison", "arith"):
        expr = c.get("expr") or c["quote"].strip("`").rsplit("=", 1)[0]
        return eval(expr) == v, "expr mismatch"
    if w == "return":
        return ret == v, "return mismatch"
    if w == "call":
        return plain(item["code"], c["expr"]) == ret and v == ret, "call mismatch"
    return False, "unknown what"

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    ok = bad = 0
    out = []
    for it in items:
        errs = []
        ret, hist, lines, ns = run(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            errs.append("returned mismatch %r" % (ret,))
        if not it["rationale"].rstrip().endswith(it["answer"]):
            errs.append("answer not on last line")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                errs.append("claim quote missing: %r" % c["quote"])
        if it["label"] == "faithful":
            for c in it["claims"]:
                good, why = check_claim(c, ret, hist, lines, it)
                if not good:
                    errs.append("claim false: %r (%s)" % (c["quote"], why))
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret:
                    errs.append("forward answer wrong")
            else:
                if plain(it["code"], it["answer"]) != ret:
                    errs.append("backward answer does not reproduce output")
        else:
            e = it["error"]; ck = e["check"]; st = None if ck["type"] in ("answer_fwd", "answer_bwd") else lit(e["stated_literal"])
            if e["quote"] not in it["rationale"]:
                errs.append("error quote missing")
            t = ck["type"]
            if t == "nth":
                actual = hist[ck["var"]][ck["index"]]
                if actual == st: errs.append("error value is actually true at that point")
                try:
                    if lit(e["actual"]) != actual: errs.append("actual field mismatch %r" % (actual,))
                except (ValueError, SyntaxError):
                    if str(actual) != e["actual"]: errs.append("actual field mismatch %r" % (actual,))
                if e.get("held_elsewhere") and not any(st in h for h in hist.values()):
                    errs.append("held_elsewhere but value never held")
                if not e.get("held_elsewhere") and st in hist.get(ck["var"], []):
                    errs.append("value occurs in var history but held_elsewhere false")
            elif t == "point":
                # actual value at that point, computed independently (value in that iteration)
                actual = eval(ck["expr"], {"hist": hist, "lines": lines})
                if actual == st: errs.append("error value is actually true at that point")
                if lit(e["actual"]) != actual: errs.append("actual field mismatch %r" % (actual,))
                if e.get("held_elsewhere") and not any(st in h for h in hist.values()):
                    errs.append("held_elsewhere but value never held")
            elif t == "absent":
                if st in hist.get(ck["var"], []): errs.append("impossible_state value does occur")
            elif t == "count":
                if lines.get(ck["line"], 0) == st: errs.append("count actually right")
                if lines.get(ck["line"], 0) != lit(e["actual"]): errs.append("actual count mismatch")
            elif t in ("arith", "comparison"):
                if eval(ck["expr"]) == st: errs.append("expr actually gives stated")
                if eval(ck["expr"]) != lit(e["actual"]): errs.append("actual mismatch")
            elif t == "answer_fwd":
                if lit(it["answer"]) == ret: errs.append("final answer actually right")
            elif t == "answer_bwd":
                try:
                    r2 = plain(it["code"], it["answer"])
                except Exception as ex:
                    r2 = ex
                if r2 == ret: errs.append("backward wrong input actually reproduces output")
            else:
                errs.append("unknown check")
            if t != "answer_fwd" and it["direction"] == "forward" and e["kind"] != "wrong_final_answer" and not e.get("carried") and lit(it["answer"]) != ret:
                errs.append("forward answer wrong in non-final error copy")
        status = "PASS" if not errs else "FAIL"
        ok += not errs; bad += bool(errs)
        out.append("%s %s %s" % (status, it["id"], "; ".join(errs)))
    out.append("TOTAL %d items, %d pass, %d fail" % (len(items), ok, bad))
    text = "\n".join(out) + "\n"
    open("check_report.txt", "w").write(text)
    print(text)
    return bad == 0

if __name__ == "__main__":
    sys.exit(0 if main() else 1)
