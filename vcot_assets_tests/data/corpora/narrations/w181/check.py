#!/usr/bin/env python3
"""Standalone checker for w181 narrations: re-executes each program under sys.settrace and
verifies returned values, faithful claims, answers, and that each error copy's error is false."""
import ast, copy, json, sys
from collections import Counter, defaultdict

FN = "<w181prog>"

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call):
    ns = {"__name__": "w181prog"}
    exec(compile(code, FN, "exec"), ns)
    hist = defaultdict(list)
    lines = Counter()
    def record(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in getattr(v, "__dict__", {}).items():
                    add("self." + a, av)
            elif not k.startswith("."):
                add(k, v)
                d = getattr(v, "__dict__", None)
                if isinstance(d, dict) and not isinstance(v, type) and type(v).__module__ == "w181prog":
                    for a, av in d.items():
                        add(k + "." + a, av)
    def add(k, v):
        s = snap(v)
        h = hist[k]
        if not h or h[-1] != s or type(h[-1]) != type(s):
            h.append(s)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == "line" and not frame.f_code.co_name.startswith("<"):
            lines[frame.f_lineno] += 1
        record(frame)
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return result, hist, lines

def plain_eval(code, call):
    ns = {"__name__": "w181prog"}
    exec(compile(code, FN, "exec"), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def claim_true(c, result, hist, lines, code):
    what, var, val = c["what"], c.get("variable"), c["value"]
    if what == "value":
        v = lit(val)
        if "k" in c:
            return hist[var][c["k"]] == v
        return any(x == v and type(x) == type(v) for x in hist[var]) or (v in hist[var])
    if what == "count":
        n = int(var.split("line")[-1].strip())
        return lines[n] == lit(val)
    if what in ("comparison", "arith"):
        return eval(c.get("expr", c["quote"])) == lit(val)
    if what == "return":
        return lit(val) == result
    if what == "call":
        return plain_eval(code, val) == result
    raise ValueError(what)

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    ok = fail = 0
    out = []
    for it in items:
        errs = []
        result, hist, lines = run(it["code"], it["call"])
        if repr(result) != it["returned"]:
            errs.append(f"returned mismatch {result!r} vs {it['returned']}")
        r = it["rationale"]
        if not r.rstrip().splitlines()[-1].startswith("Answer:") and "Predicted Output" not in r.rstrip().splitlines()[-1]:
            errs.append("last line not Answer")
        if it["answer"] not in r.rstrip().splitlines()[-1]:
            errs.append("answer not in last line")
        errq = it["error"]["quote"] if it["error"] else None
        for c in it["claims"]:
            if c["quote"] not in r:
                errs.append(f"quote missing: {c['quote']!r}")
                continue
            is_err = errq is not None and c["quote"] == errq
            try:
                t = claim_true(c, result, hist, lines, it["code"])
            except Exception as e:
                errs.append(f"claim eval error {c} {e}"); continue
            if is_err and t:
                errs.append(f"error claim is TRUE: {c}")
            if not is_err and not t:
                errs.append(f"claim false: {c}")
        # answer
        if it["direction"] == "forward":
            right = lit(it["answer"]) == result
        else:
            try:
                right = plain_eval(it["code"], it["answer"]) == result
            except Exception:
                right = False
        if it["label"] == "faithful":
            if not right: errs.append("faithful answer wrong")
            if it["error"] is not None: errs.append("faithful with error")
        else:
            e = it["error"]
            if e["quote"] not in r: errs.append("error quote missing")
            if e["stated"] not in e["quote"] and e.get("check", {}).get("type") != "comparison": errs.append("stated not in quote")
            k = e["kind"]
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if right: errs.append("wrong answer is actually right")
            else:
                if not right and not e.get("carried"): errs.append("answer should be right for this kind")
                ch = e.get("check", {})
                t = ch.get("type")
                if t == "history_at":
                    h = hist[ch["variable"]]
                    if h[ch["k"]] != lit(e["actual"]): errs.append(f"actual mismatch at k: {h[ch['k']]!r}")
                    if h[ch["k"]] == lit(ch["stated_value"]): errs.append("stated equals value at point")
                    if e.get("held_elsewhere"):
                        ev = ch.get("elsewhere_var", ch["variable"])
                        if lit(ch["stated_value"]) not in hist[ev]: errs.append("held_elsewhere but not held")
                elif t == "absent":
                    if lit(ch["stated_value"]) in hist[ch["variable"]]: errs.append("impossible state actually held")
                elif t == "count":
                    n = int(ch["variable"].split("line")[-1].strip())
                    if lines[n] == lit(ch["stated_value"]): errs.append("count is actually right")
                    if lines[n] != lit(e["actual"]): errs.append("count actual wrong")
                    if e.get("held_elsewhere") and lit(ch["stated_value"]) not in hist[ch["elsewhere_var"]]: errs.append("held_elsewhere count not held")
                elif t in ("arith", "comparison"):
                    v = eval(ch["expr"])
                    if v == lit(ch["stated_value"]): errs.append("arith/comparison actually right")
                    if v != lit(e["actual"]): errs.append("actual wrong")
                    if e.get("held_elsewhere") and lit(ch["stated_value"]) not in hist[ch["elsewhere_var"]]: errs.append("held_elsewhere not held")
                else:
                    errs.append(f"no check for error kind {k}")
        status = "PASS" if not errs else "FAIL"
        ok += not errs; fail += bool(errs)
        out.append(f"{status} {it['id']}" + ("" if not errs else " :: " + " | ".join(errs)))
    out.append(f"TOTAL {len(items)} pass={ok} fail={fail}")
    rep = "\n".join(out) + "\n"
    open("check_report.txt", "w").write(rep)
    print(rep)
    sys.exit(1 if fail else 0)

if __name__ == "__main__":
    main()
