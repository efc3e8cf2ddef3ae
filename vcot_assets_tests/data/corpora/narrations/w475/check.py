"""Standalone checker for w475 narrations: runs each program with sys.settrace, records
per-variable value histories (locals and self.<attr>), loop-line hit counts, and checks claims
and error specs. Usage: python3 check.py > check_report.txt"""
import json, sys, copy, re

def run_traced(code, call):
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    hist, lines = {}, {}
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
                h = hist.setdefault(name, [])
                if not h or h[-1] != val:
                    h.append(val)
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

def call_result(code, call):
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def lit(s):
    import ast
    return ast.literal_eval(s)

def check_item(it):
    errs = []
    ret, hist, lines = run_traced(it["code"], it["call"])
    if repr(ret) != it["returned"]:
        errs.append("returned mismatch %r" % (ret,))
    rat = it["rationale"]
    last = rat.strip().splitlines()[-1]
    if not last.startswith("Answer:") and "Answer:" not in last:
        errs.append("no Answer line")
    if it["answer"] not in last:
        errs.append("answer not in last line")
    for c in it["claims"]:
        if c["quote"] not in rat:
            errs.append("quote missing: %r" % c["quote"])
    faithful = it["label"] == "faithful"
    wrong_quote = it["error"]["quote"] if it["error"] else None
    for c in it["claims"]:
        if not faithful and c["quote"] == wrong_quote:
            continue  # the error claim is checked below
        ok, why = check_claim(c, it, ret, hist, lines)
        if not ok:
            errs.append("claim false: %r (%s)" % (c["quote"], why))
    # answer
    if it["direction"] == "forward":
        ans_ok = lit(it["answer"]) == ret
    else:
        try:
            ans_ok = repr(call_result(it["code"], it["answer"])) == it["returned"]
        except Exception as e:
            ans_ok = False
    if faithful:
        if not ans_ok:
            errs.append("answer wrong in faithful item")
    else:
        e = it["error"]
        if e["quote"] not in rat:
            errs.append("error quote missing")
        if e["kind"] in ("wrong_final_answer", "backward_wrong_input"):
            if ans_ok:
                errs.append("error answer is actually right")
        else:
            if not ans_ok and not e.get("carried"):
                errs.append("answer wrong though error not final")
            ok, why = check_error(e, it, ret, hist, lines)
            if not ok:
                errs.append("error not confirmed false: " + why)
    return errs

def var_hist(hist, name):
    m = re.match(r"^(\w+)\[(.+)\]$", name)
    if not m:
        return hist.get(name, [])
    key = lit(m.group(2))
    out = []
    for d in hist.get(m.group(1), []):
        if isinstance(d, dict) and key in d and (not out or out[-1] != d[key]):
            out.append(d[key])
    return out

def check_claim(c, it, ret, hist, lines):
    w, v = c["what"], lit(c["value"])
    if w == "value":
        h = var_hist(hist, c["variable"])
        if c.get("subseq"):
            n = len(v)
            return any(h[k:k + n] == v for k in range(len(h))), "hist %r" % (h,)
        if c.get("sequence"):
            return h == v, "hist %r" % (h,)
        if "index" in c:
            return (c["index"] < len(h) and h[c["index"]] == v), "hist %r" % h
        return v in h, "hist %r" % (h,)
    if w == "count":
        m = re.match(r"loop@line (\d+)", c["variable"])
        n = lines.get(int(m.group(1)), 0) - (1 if c.get("header") else 0)
        return n == v, "actual %d" % n
    if w in ("arith", "comparison"):
        expr = c.get("expr") or c["quote"].rsplit("=", 1)[0]
        got = eval(expr, {"abs": abs, "ord": ord})
        return got == v, "eval %r" % (got,)
    if w == "return":
        return v == ret, "ret %r" % (ret,)
    if w == "call":
        return repr(call_result(it["code"], c["quote"] if "expr" not in c else c["expr"])) == repr(v), ""
    return False, "unknown what"

def check_error(e, it, ret, hist, lines):
    s = e["spec"]
    t = s["type"]
    stated = lit(e["stated"]) if t != "count" else int(e["stated"])
    if t == "hist":
        h = var_hist(hist, s["variable"])
        if s["index"] >= len(h):
            return False, "index out of range"
        if h[s["index"]] == stated:
            return False, "stated equals actual %r" % h[s["index"]]
        if lit(e["actual"]) != h[s["index"]]:
            return False, "actual field wrong %r" % h[s["index"]]
        if e.get("held_elsewhere"):
            allv = [x for hh in hist.values() for x in hh]
            if stated not in allv:
                return False, "held_elsewhere but value never held"
        return True, ""
    if t == "count":
        n = lines.get(s["line"], 0) - s.get("minus", 0)
        return n != stated and n == int(e["actual"]), "actual %d" % n
    if t == "expr":
        got = eval(s["expr"], {"abs": abs, "ord": ord})
        if e.get("held_elsewhere") and stated not in [x for hh in hist.values() for x in hh]:
            return False, "held_elsewhere but value never held"
        return got != stated and got == lit(e["actual"]), "eval %r" % (got,)
    if t == "notin":
        h = var_hist(hist, s["variable"])
        return stated not in h, "hist %r" % h
    return False, "unknown spec"

if __name__ == "__main__":
    items = [json.loads(l) for l in open("narrations.jsonl")]
    bad = 0
    for it in items:
        errs = check_item(it)
        print("%-28s %s %s" % (it["id"], "PASS" if not errs else "FAIL", "; ".join(errs)))
        bad += bool(errs)
    print("items: %d  failed: %d" % (len(items), bad))
    print("ALL PASS" if not bad else "FAILURES")
