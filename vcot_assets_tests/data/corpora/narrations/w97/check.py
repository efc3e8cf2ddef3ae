#!/usr/bin/env python3
"""Standalone checker for w97 narrations: re-executes each program with sys.settrace
and checks returned values, claims, answers and that error copies are really wrong."""
import ast, json, re, sys
from collections import defaultdict

def run_traced(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    snaps = []                     # list of dicts name->repr (one per event, per frame)
    hist = defaultdict(list)       # name -> list of distinct consecutive reprs
    linecount = defaultdict(int)   # line -> times executed
    returns = defaultdict(list)    # func name -> list of return reprs
    def snap(frame):
        d = {}
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    d["self." + a] = repr(av)
                continue
            d[k] = repr(v)
        return d
    last = {}
    def record(frame, ret=False):
        d = snap(frame)
        snaps.append(dict(d, __line__=(-1 if ret else frame.f_lineno)))
        for k, r in d.items():   # successive distinct values of each name (programs are not recursive)
            h = hist[k]
            if not h or h[-1] != r:
                h.append(r)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            record(frame)
            linecount[frame.f_lineno] += 1
        elif event == "return":
            record(frame, ret=True)
            returns[frame.f_code.co_name].append(repr(arg))
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, g)
    finally:
        sys.settrace(None)
    return result, snaps, hist, linecount, returns, g

def lit(s):
    return repr(ast.literal_eval(s))

def snaps_at(ctx, line):
    return [s for s in ctx[1] if s.get("__line__") == line]

def check_claim(c, ctx):
    """Return True if claim c is true of the execution."""
    result, snaps, hist, linecount, returns, g = ctx
    w = c["what"]
    if w == "value" and "at_line" in c:   # summarised sequence: values seen at each hit of a line
        samples = [s.get(c["variable"]) for s in snaps_at(ctx, c["at_line"])]
        want = [repr(v) for v in ast.literal_eval(c["value"])]
        return any(samples[i:i + len(want)] == want for i in range(len(samples) - len(want) + 1))
    if w == "value" and c.get("history"):   # summarised run of successive distinct values
        h = hist.get(c["variable"], [])
        want = [repr(v) for v in ast.literal_eval(c["value"])]
        return any(h[i:i + len(want)] == want for i in range(len(h) - len(want) + 1))
    if w == "value" and "occurrence" in c:   # k-th distinct value of a variable
        h = hist.get(c["variable"], [])
        k = c["occurrence"]
        return k < len(h) and h[k] == lit(c["value"])
    if w == "value":
        return lit(c["value"]) in hist.get(c["variable"], [])
    if w == "count" and "outer_line" in c:   # iterations inside one pass of an outer loop
        m = re.match(r"loop@line (\d+)", c["variable"])
        inner, seg, n = int(m.group(1)), -1, 0
        for s in ctx[1]:
            if s.get("__line__") == c["outer_line"]:
                seg += 1
            elif s.get("__line__") == inner and seg == c["outer_index"]:
                n += 1
        return n == ast.literal_eval(c["value"])
    if w == "count":
        m = re.match(r"loop@line (\d+)", c["variable"])
        return linecount[int(m.group(1))] == ast.literal_eval(c["value"])
    if w == "arith":
        expr = c.get("expr", c["quote"].split("=")[0] if "==" not in c["quote"] else c["quote"])
        return repr(eval(expr, {})) == lit(c["value"])
    if w == "comparison":
        env = {k: ast.literal_eval(v) for k, v in c["env"].items()}
        occurs = any(all(s.get(k) == repr(v) for k, v in env.items()) for s in snaps)
        names = {k.replace(".", "_"): v for k, v in env.items()}
        return occurs and eval(c["expr"], {}, names) == ast.literal_eval(c["value"])
    if w == "return":
        fn = c.get("variable") or None
        if fn and fn in returns:
            return lit(c["value"]) in returns[fn]
        return repr(result) == lit(c["value"])
    if w == "call":
        return repr(eval(c["value"], g)) == repr(result)
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    progs = {}
    fails = []
    stats = defaultdict(int)
    by_id = {it["id"]: it for it in items}
    for it in items:
        key = (it["code"], it["call"])
        if key not in progs:
            progs[key] = run_traced(it["code"], it["call"])
        ctx = progs[key]
        result = ctx[0]
        bad = []
        if repr(result) != it["returned"]:
            bad.append("returned mismatch %r" % (result,))
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == repr(result)
        else:
            try:
                ans_ok = repr(eval(it["answer"], dict(ctx[5]))) == repr(result)
            except Exception as e:
                ans_ok = False
        if not it["rationale"].rstrip().endswith("Answer: " + it["answer"]) and \
           ("Answer: " + it["answer"]) not in it["rationale"]:
            bad.append("answer line not in rationale")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                bad.append("claim quote missing: %r" % c["quote"])
        if it["label"] == "faithful":
            if not ans_ok:
                bad.append("faithful answer wrong")
            for c in it["claims"]:
                if not check_claim(c, ctx):
                    bad.append("false claim: %r" % c["quote"])
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                bad.append("error quote missing")
            fid = it["faithful_id"]
            if fid not in by_id:
                bad.append("faithful id missing")
            ek = e["kind"]
            if ek in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    bad.append("error answer is actually right")
                for c in it["claims"]:
                    if c["quote"] != e["quote"] and not check_claim(c, ctx):
                        bad.append("other false claim: %r" % c["quote"])
            else:
                if not ans_ok:
                    bad.append("answer wrong in non-answer error")
                errc = [c for c in it["claims"] if c["quote"] == e["quote"]]
                if len(errc) != 1:
                    bad.append("error claim not found")
                else:
                    if check_claim(errc[0], ctx):
                        bad.append("error claim is actually true")
                    if e.get("held_elsewhere"):
                        v = lit(errc[0]["value"])
                        if "at_line" in errc[0]:
                            v = None
                            samples = [s.get(errc[0]["variable"]) for s in snaps_at(ctx, errc[0]["at_line"])]
                            if not all(repr(x) in samples for x in ast.literal_eval(errc[0]["value"])):
                                bad.append("held_elsewhere value never held")
                        allv = set(r for h in ctx[2].values() for r in h) | set(
                            r for rs in ctx[4].values() for r in rs)
                        if v is not None and v not in allv:
                            bad.append("held_elsewhere value never held")
                for c in it["claims"]:
                    if c["quote"] != e["quote"] and not c.get("carried") and not check_claim(c, ctx):
                        bad.append("other false claim: %r" % c["quote"])
            stats[ek] += 1
        stats["style:" + it["style"]] += 1
        stats["family:" + it["family"]] += 1
        stats["label:" + it["label"]] += 1
        if bad:
            fails.append((it["id"], bad))
    out = []
    out.append("items: %d" % len(items))
    for k in sorted(stats):
        out.append("  %s: %d" % (k, stats[k]))
    for i, b in fails:
        out.append("FAIL %s: %s" % (i, "; ".join(b)))
    out.append("RESULT: %s" % ("PASS" if not fails else "FAIL (%d)" % len(fails)))
    txt = "\n".join(out)
    print(txt)
    open("check_report.txt", "w").write(txt + "\n")
    return 0 if not fails else 1

if __name__ == "__main__":
    sys.exit(main())
