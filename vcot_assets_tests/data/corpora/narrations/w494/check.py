#!/usr/bin/env python3
"""Standalone checker for w494 narrations: re-executes each program with sys.settrace,
records per-variable value histories (locals and self.<attr>), loop-line hit counts, and
checks every claim / answer / error annotation. Writes check_report.txt."""
import ast, copy, json, sys

FN = "<w494prog>"

def run_traced(code, call):
    g = {"__name__": "w494mod"}
    exec(compile(code, FN, "exec"), g)
    hist, lines = {}, {}
    def rec(name, val):
        try:
            v = copy.deepcopy(val)
        except Exception:
            v = val
        h = hist.setdefault(name, [])
        if not h or h[-1] != v:
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    rec("self." + a, av)
            elif not callable(v):
                rec(k, v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        snap(frame)
        return tr
    sys.settrace(tr)
    try:
        ret = eval(compile(call, FN, "eval"), g)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def plain(code, call):
    g = {"__name__": "w494mod"}
    exec(code, g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def check_item(it):
    errs = []
    r = it["rationale"]
    ret, hist, lines = run_traced(it["code"], it["call"])
    if repr(ret) != it["returned"]:
        errs.append("returned mismatch %r vs %s" % (ret, it["returned"]))
    last = r.strip().splitlines()[-1]
    if it["answer"] not in last:
        errs.append("answer not in last line")
    faithful = it["label"] == "faithful"
    e = it.get("error")
    def claim_ok(c):
        what = c["what"]; val = lit(c["value"])
        if what == "value":
            v = c["variable"]
            if "[" in v:  # dict/list entry, e.g. counts[0]
                name, key = v[:-1].split("[", 1)
                key = lit(key)
                return any(isinstance(h, dict) and h.get(key) == val for h in hist.get(name, []))
            return val in hist.get(v, [])
        if what == "count":
            if "histvar" in c:  # iterations = number of values the loop variable took
                return len(hist.get(c["histvar"], [])) == val
            return lines.get(c["line"], 0) == val
        if what in ("arith", "comparison"):
            return eval(c["expr"]) == val
        if what == "return":
            return val == ret
        if what == "call":
            return plain(it["code"], c["expr"]) == val
        return False
    for c in it["claims"]:
        if c["quote"] not in r:
            errs.append("claim quote missing: %r" % c["quote"])
        if c.get("bad"):
            continue
        if not claim_ok(c):
            errs.append("claim false: %r" % c)
    # answer
    if it["direction"] == "forward":
        ans_ok = lit(it["answer"]) == ret
    else:
        ans_ok = plain(it["code"], it["answer"]) == ret
    if faithful:
        if not ans_ok:
            errs.append("faithful answer wrong")
        if e is not None:
            errs.append("faithful has error")
        if any(c.get("bad") for c in it["claims"]):
            errs.append("faithful has bad claim")
    else:
        if e["quote"] not in r:
            errs.append("error quote missing")
        k = e["kind"]; ck = e["check"]; t = ck["type"]
        stated = lit(e["stated"]); actual = lit(e["actual"])
        if stated == actual:
            errs.append("stated == actual")
        if t == "hist":  # value at a specific point = nth entry of var history
            h = hist.get(ck["var"], [])
            if not (ck["nth"] < len(h) and h[ck["nth"]] == actual):
                errs.append("hist actual wrong: %r" % (h,))
            if e.get("held_elsewhere") and stated not in h and not ck.get("other"):
                errs.append("held_elsewhere but not in history")
            if ck.get("other") and stated not in hist.get(ck["other"], []):
                errs.append("held_elsewhere other var lacks value")
        elif t == "final":
            h = hist.get(ck["var"], [])
            if not h or h[-1] != actual:
                errs.append("final actual wrong")
        elif t == "absent":
            if stated in hist.get(ck["var"], []):
                errs.append("impossible state actually occurs")
            if actual not in hist.get(ck["var"], []):
                errs.append("actual not in history")
        elif t == "expr":
            if eval(ck["expr"]) != actual:
                errs.append("expr actual wrong")
        elif t == "count":
            got = len(hist.get(ck["histvar"], [])) if "histvar" in ck else lines.get(ck["line"], 0)
            if got != actual:
                errs.append("count actual wrong %s" % lines.get(ck["line"]))
            if e.get("held_elsewhere") and stated not in [x for xs in hist.values() for x in xs if isinstance(x, int)]:
                errs.append("held_elsewhere count value never held")
        elif t == "answer":
            if ans_ok:
                errs.append("wrong answer is actually right")
            if it["direction"] == "forward" and actual != ret:
                errs.append("actual != ret")
            if it["direction"] == "backward" and plain(it["code"], it["answer"]) != stated:
                errs.append("stated output of wrong call is not what it returns: %r" % (plain(it["code"], it["answer"]),))
        if k in ("wrong_final_answer", "backward_wrong_input") and ans_ok:
            errs.append("answer should be wrong")
        if k not in ("wrong_final_answer", "backward_wrong_input") and not ans_ok:
            errs.append("answer should be right")
        if not any(c.get("bad") and c["quote"] in e["quote"] + " " + r for c in it["claims"]) and k not in ("wrong_final_answer", "backward_wrong_input"):
            errs.append("no bad claim annotated")
    return errs

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") if l.strip()]
    out = []; nbad = 0
    ids = set()
    for it in items:
        if it["id"] in ids:
            out.append("DUP id " + it["id"]); nbad += 1
        ids.add(it["id"])
        try:
            errs = check_item(it)
        except Exception as ex:
            errs = ["exception %r" % ex]
        if errs:
            nbad += 1
        out.append("%s %s %s" % (it["id"], "PASS" if not errs else "FAIL", "; ".join(errs)))
    out.append("TOTAL %d items, %d failing" % (len(items), nbad))
    open("check_report.txt", "w").write("\n".join(out) + "\n")
    print("\n".join(out[-15:]) if nbad == 0 else "\n".join(o for o in out if "FAIL" in o or "TOTAL" in o))

if __name__ == "__main__":
    main()
