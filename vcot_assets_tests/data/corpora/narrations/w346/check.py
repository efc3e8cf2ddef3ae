"""Standalone checker for w346 narrations: re-executes each program with sys.settrace,
records per-variable value histories (locals and self.<attr>), line hit counts, and checks
every claim of faithful items and the single error of error copies."""
import json, sys, re, copy

def run_traced(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist, lines = {}, {}
    def rec(name, val):
        try:
            v = copy.deepcopy(val)
        except Exception:
            return
        h = hist.setdefault(name, [])
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    rec("self." + a, av)
            else:
                rec(k, v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        snap(frame)
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def plain(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def lhs_eval(quote):
    q = quote.strip().strip("`")
    m = re.split(r"\s*(?:=(?!=)|\bis\b)\s*", q)
    lhs = m[0]
    lhs = lhs.replace("`", "")
    return eval(lhs, {})

def check_claim(c, ret, hist, lines, rationale):
    w = c["what"]; val = eval(c["value"]) if w != "call" else c["value"]
    if c["quote"] not in rationale:
        return "quote not in rationale: %r" % c["quote"]
    if w == "value":
        h = hist.get(c["variable"], [])
        if val not in h:
            return "value %r never held by %s (history %r)" % (val, c["variable"], h)
    elif w == "count":
        if c["variable"].startswith("hist:"):
            n = len(hist.get(c["variable"][5:], []))
            if n != val:
                return "count %r != %r distinct values of %s" % (val, n, c["variable"])
            return None
        ln = int(c["variable"].split("@line")[1])
        if lines.get(ln, 0) != val:
            return "count %r != %r for %s" % (val, lines.get(ln, 0), c["variable"])
    elif w == "arith":
        got = eval(c["expr"], {}) if "expr" in c else lhs_eval(c["quote"])
        if got != val:
            return "arith %r evaluates to %r not %r" % (c["quote"], got, val)
    elif w == "comparison":
        got = bool(eval(c["expr"], {}))
        if got != val:
            return "comparison %r is %r not %r" % (c["expr"], got, val)
    elif w == "return":
        if ret != val:
            return "return %r != %r" % (val, ret)
    return None

def main():
    items = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
    out, bad = [], 0
    for it in items:
        errs = []
        ret, hist, lines = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            errs.append("returned mismatch %r vs %r" % (ret, it["returned"]))
        R = it["rationale"]
        last = R.strip().splitlines()[-1]
        if it["answer"] not in last:
            errs.append("answer not on last line")
        wrong_q = it["error"]["quote"] if it["error"] else None
        for c in it["claims"]:
            e = check_claim(c, ret, hist, lines, R)
            if it["label"] == "faithful" or c["quote"] != wrong_q:
                if e: errs.append(e)
        if it["direction"] == "forward":
            ok = eval(it["answer"]) == ret
        else:
            ok = plain(it["code"], it["answer"]) == ret
        if it["label"] == "faithful":
            if not ok: errs.append("final answer wrong")
        else:
            er = it["error"]; k = er["kind"]
            if er["quote"] not in R: errs.append("error quote missing")
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ok: errs.append("error answer is actually right")
            else:
                if not ok: errs.append("answer should stay right for kind %s" % k)
                chk = er.get("check", {})
                t = chk.get("type")
                if t == "history":
                    h = hist.get(chk["variable"], [])
                    st = eval(er["stated"]); ac = eval(er["actual"])
                    if h[chk["index"]] != ac: errs.append("actual %r != history[%d]=%r" % (ac, chk["index"], h[chk["index"]]))
                    if st == h[chk["index"]]: errs.append("stated equals actual at that point")
                    if er.get("held_elsewhere") and st not in h and not chk.get("other"):
                        errs.append("held_elsewhere but stated never held")
                    if chk.get("other") and st not in hist.get(chk["other"], []):
                        errs.append("held_elsewhere other var never held stated")
                    if not er.get("held_elsewhere") and st in h:
                        errs.append("not held_elsewhere but stated value occurs")
                elif t == "count":
                    if chk["variable"].startswith("hist:"):
                        n = len(hist.get(chk["variable"][5:], []))
                    else:
                        n = lines.get(int(chk["variable"].split("@line")[1]), 0)
                    if eval(er["stated"]) == n: errs.append("count error not wrong")
                    if eval(er["actual"]) != n: errs.append("count actual wrong")
                elif t == "arith":
                    got = eval(chk["expr"], {})
                    if got == eval(er["stated"]): errs.append("arith error is right")
                    if got != eval(er["actual"]): errs.append("arith actual wrong")
                elif t == "comparison":
                    got = bool(eval(chk["expr"], {}))
                    if got == eval(er["stated"]): errs.append("comparison error is right")
                else:
                    errs.append("no check for error")
                if er.get("held_elsewhere") and t in ("arith", "count"):
                    if eval(er["stated"]) not in hist.get(chk.get("other", ""), []) and not chk.get("occurs"):
                        errs.append("held_elsewhere value not shown to occur")
        status = "PASS" if not errs else "FAIL"
        if errs: bad += 1
        out.append("%s %s %s" % (status, it["id"], "; ".join(errs)))
    from collections import Counter
    fa = [i for i in items if i["label"] == "faithful"]
    out.append("")
    out.append("items: %d (faithful %d, error %d), failures: %d" % (len(items), len(fa), len(items) - len(fa), bad))
    out.append("styles: %s" % dict(Counter(i["style"] for i in fa)))
    out.append("families: %s" % dict(Counter(i["family"] for i in fa)))
    out.append("directions: %s" % dict(Counter(i["direction"] for i in fa)))
    out.append("error kinds: %s" % dict(Counter(i["error"]["kind"] for i in items if i["error"])))
    print("\n".join(out))
    return bad

if __name__ == "__main__":
    sys.exit(1 if main() else 0)
