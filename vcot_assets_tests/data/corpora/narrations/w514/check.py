"""Standalone checker for w514 narrations: re-executes each call under sys.settrace and checks claims."""
import sys, json, copy, ast
from collections import defaultdict

FN = "<w514prog>"

def run_traced(code, call):
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    hist = defaultdict(list)   # name -> distinct consecutive values
    lines = defaultdict(int)
    def rec(name, val):
        try: v = copy.deepcopy(val)
        except Exception: v = val
        h = hist[name]
        if not h or h[-1] != v: h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in getattr(v, "__dict__", {}).items(): rec("self." + a, av)
            elif not callable(v): rec(k, v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != FN: return None
        if frame.f_code.co_name in ("<listcomp>", "<genexpr>", "<dictcomp>", "<setcomp>"): return tr
        snap(frame)
        if event == "line": lines[frame.f_lineno] += 1
        return tr
    sys.settrace(tr)
    try: out = eval(compile(call, FN + "call", "eval"), ns)
    finally: sys.settrace(None)
    return out, hist, lines, ns

def plain(code, call):
    ns = {}; exec(code, ns); return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def check_item(it):
    errs = []
    out, hist, lines, ns = run_traced(it["code"], it["call"])
    if repr(out) != it["returned"]: errs.append("returned mismatch %r vs %s" % (out, it["returned"]))
    R = it["rationale"]
    for c in it["claims"]:
        if c["quote"] not in R: errs.append("quote not in rationale: %r" % c["quote"])
    def claims_ok(claims):
        for c in claims:
            w = c["what"]
            if w == "value":
                h = hist.get(c["variable"])
                if h is None: errs.append("no such variable %s" % c["variable"]); continue
                v = lit(c["value"])
                if c.get("seq"):
                    s = c["start"]
                    if h[s:s + len(v)] != v: errs.append("seq mismatch %s: %r vs %r" % (c["variable"], v, h[s:s + len(v)]))
                elif v not in h: errs.append("value %r never held by %s (%r)" % (v, c["variable"], h[:20]))
            elif w == "count":
                ln = int(c["variable"].split("line")[1])
                got = lines[ln] - (1 if c.get("header") else 0)
                if got != lit(c["value"]): errs.append("count line %d: %d vs %s" % (ln, lines[ln], c["value"]))
            elif w in ("arith", "comparison"):
                if eval(c["expr"]) != lit(c["value"]): errs.append("%s %r != %s" % (w, c["expr"], c["value"]))
            elif w == "return":
                if lit(c["value"]) != out: errs.append("return claim %s vs %r" % (c["value"], out))
            elif w == "call":
                if plain(it["code"], c["value"]) != out: errs.append("call claim does not reproduce output")
    if it["label"] == "faithful":
        claims_ok(it["claims"])
        if it["direction"] == "forward":
            if lit(it["answer"]) != out: errs.append("forward answer wrong")
            if not R.rstrip().endswith("Answer: " + it["answer"]): errs.append("last line is not the answer")
        else:
            if plain(it["code"], it["answer"]) != out: errs.append("backward answer does not return output")
            if not R.rstrip().endswith("Answer: " + it["answer"]): errs.append("last line is not the answer")
    else:
        e = it["error"]; ck = e["check"]; t = ck["type"]
        # every other claim of an error copy must still be true (the copy holds ONE error)
        if not e.get("carried"):
            claims_ok([c for c in it["claims"] if c["quote"] != e["quote"] and c["what"] not in ("call",) and
                       not (e["kind"] == "wrong_final_answer" and c["what"] == "return" and c["quote"].startswith("Answer"))])
        if e["quote"] not in R: errs.append("error quote missing")
        stated = None
        if t == "answer":
            if lit(it["answer"]) == out: errs.append("wrong_final_answer is actually right")
        elif t == "call":
            try: r2 = plain(it["code"], it["answer"])
            except Exception as ex: r2 = ex
            if r2 == out: errs.append("backward wrong input actually reproduces output")
        elif t in ("arith", "comparison"):
            stated = lit(e["stated"])
            if eval(ck["expr"]) == stated: errs.append("error arith/comparison is actually true")
        elif t == "count":
            stated = lit(e["stated"])
            got = lines[ck["line"]] - (1 if ck.get("header") else 0)
            if got == stated: errs.append("count error actually true")
        elif t == "value_at":
            stated = ck.get("stated_value", None)
            if stated is None: stated = lit(e["stated"])
            h = hist[ck["variable"]]
            if h[ck["index"]] == stated: errs.append("value_at error actually true")
            if repr(h[ck["index"]]) != e["actual"] and str(h[ck["index"]]) != e["actual"]:
                errs.append("actual field %s != %r" % (e["actual"], h[ck["index"]]))
        elif t == "absent":
            stated = lit(e["stated"])
            if stated in hist[ck["variable"]]: errs.append("absent error value actually held")
        else: errs.append("unknown check " + t)
        if e.get("held_elsewhere"):
            v = stated
            var = ck.get("elsewhere_var") or ck.get("variable")
            pool = hist[var] if var else [x for h in hist.values() for x in h]
            if v not in pool: errs.append("held_elsewhere value %r not held by %s" % (v, var))
        # the faithful twin must pass and the error item must differ from it
        for c in it["claims"]:
            if c["quote"] == e["quote"] or c["quote"] in e["quote"]: continue
    return errs

def main(path):
    items = [json.loads(l) for l in open(path)]
    ids = {it["id"] for it in items}
    bad = 0; lines = []
    for it in items:
        errs = check_item(it)
        if it["faithful_id"] and it["faithful_id"] not in ids: errs.append("faithful twin missing")
        status = "PASS" if not errs else "FAIL"
        if errs: bad += 1
        lines.append("%s %s %s" % (status, it["id"], "; ".join(errs)))
    lines.append("TOTAL %d items, %d failing, %d programs" % (len(items), bad, len({i["program_id"] for i in items})))
    return lines, bad

if __name__ == "__main__":
    out, bad = main(sys.argv[1] if len(sys.argv) > 1 else "/work/corpus/narrations/w514/narrations.jsonl")
    print("\n".join(out))
    sys.exit(1 if bad else 0)
