#!/usr/bin/env python3
"""Standalone checker for w74 narrations: re-executes each program with sys.settrace
and checks every claim and every error annotation against the real run."""
import ast, copy, json, sys
from collections import Counter, defaultdict

FN = "<w74prog>"

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call):
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    hist = defaultdict(list)      # var name -> ordered distinct-consecutive values
    lines = Counter()
    rets = defaultdict(list)

    def record(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                try:
                    items = list(vars(v).items())
                except TypeError:
                    items = []
                for a, av in items:
                    push("self." + a, av)
                continue
            if hasattr(v, "__dict__") and not isinstance(v, type) and type(v).__module__ != "builtins":
                continue
            push(k, v)

    def push(k, v):
        h = hist[k]
        s = snap(v)
        if not h or h[-1] != s:
            h.append(s)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == "line":
            lines[frame.f_lineno] += 1
        record(frame)
        if event == "return":
            rets[frame.f_code.co_name].append(snap(arg))
        return tracer

    code_call = compile(call, FN + "call", "eval")
    sys.settrace(tracer)
    try:
        result = eval(code_call, ns)
    finally:
        sys.settrace(None)
    return result, hist, lines, rets, ns

def lit(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return s

def count_of(label, lines):
    # label "loop@line N": N is the first line of the loop body; count = times it ran
    n = int(label.split("@line")[1])
    return lines[n]

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    ids = {it["id"]: it for it in items}
    fails = []
    ok = 0
    for it in items:
        errs = []
        res, hist, lines, rets, ns = run(it["code"], it["call"])
        if repr(res) != it["returned"]:
            errs.append("returned mismatch %r vs %r" % (res, it["returned"]))
        rat = it["rationale"]
        last = rat.strip().splitlines()[-1]
        if it["answer"] not in last:
            errs.append("answer not in last line")
        err = it.get("error")
        bad_quote = err["quote"] if err else None
        for c in it["claims"]:
            if c["quote"] not in rat:
                errs.append("claim quote missing: %r" % c["quote"])
                continue
            is_err_claim = err is not None and c["quote"] == bad_quote
            if c.get("carried"):
                continue  # consequence of the error, carried forward on purpose
            truth = check_claim(c, res, hist, lines, rets, ns)
            if is_err_claim:
                if any(k in err for k in ("index", "expr", "loop")):
                    continue  # judged at its point by check_error
                if truth is True:
                    errs.append("error claim is actually true: %r" % c["quote"])
            elif truth is not True:
                errs.append("claim false (%s): %r" % (truth, c))
        # answers
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == res
        else:
            try:
                ans_ok = repr(run(it["code"], it["answer"])[0]) == it["returned"]
            except Exception as e:
                ans_ok = False
        if it["label"] == "faithful":
            if err is not None or it["faithful_id"] is not None:
                errs.append("faithful item with error")
            if not ans_ok:
                errs.append("faithful answer wrong")
        else:
            f = ids.get(it["faithful_id"])
            if f is None:
                errs.append("faithful_id missing")
            if err["quote"] not in rat:
                errs.append("error quote missing")
            if f is not None and err["quote"] in f["rationale"] and err["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                errs.append("error quote also in faithful text")
            errs += check_error(it, err, res, hist, lines, ns, ans_ok)
        if errs:
            fails.append((it["id"], errs))
        else:
            ok += 1
    out = []
    for i, e in fails:
        out.append("FAIL %s" % i)
        for x in e:
            out.append("   " + x)
    out.append("checked %d items: %d pass, %d fail" % (len(items), ok, len(fails)))
    kinds = Counter(it["error"]["kind"] for it in items if it["error"])
    styles = Counter(it["style"] for it in items if it["label"] == "faithful")
    fams = Counter(it["family"] for it in items if it["label"] == "faithful")
    out.append("faithful styles: %s" % dict(styles))
    out.append("faithful families: %s" % dict(fams))
    out.append("error kinds: %s" % dict(kinds))
    print("\n".join(out))
    return 1 if fails else 0

def check_claim(c, res, hist, lines, rets, ns):
    w = c["what"]
    v = lit(c["value"])
    if w == "value":
        h = hist.get(c["variable"], [])
        return True if v in h else "never holds %r (history %r)" % (v, h[:30])
    if w == "count":
        n = count_of(c["variable"], lines)
        return True if n == v else "count is %d" % n
    if w in ("arith", "comparison"):
        expr = c.get("expr")
        got = eval(expr, dict(ns))
        if w == "comparison":
            got = bool(got)
        return True if got == v else "evaluates to %r" % (got,)
    if w in ("return", "call"):
        fn = c.get("variable")
        if fn and fn in rets:
            return True if v in rets[fn] else "returns of %s: %r" % (fn, rets[fn])
        return True if v == res else "return is %r" % (res,)
    return "unknown claim kind"

def check_error(it, err, res, hist, lines, ns, ans_ok):
    k = err["kind"]
    e = []
    stated = lit(err["stated"])
    if k == "wrong_final_answer":
        if ans_ok or it["direction"] != "forward":
            e.append("final answer not wrong")
        return e
    if k == "backward_wrong_input":
        if ans_ok or it["direction"] != "backward":
            e.append("backward answer still works")
        return e
    if not ans_ok and not err.get("carried"):
        e.append("answer should still be right for kind %s" % k)
    if k in ("wrong_arithmetic", "branch_not_taken"):
        got = eval(err["expr"], dict(ns))
        if k == "branch_not_taken":
            got = bool(got)
        if got == stated:
            e.append("stated value is in fact right")
        if repr(got) != err["actual"] and str(got) != err["actual"]:
            e.append("actual annotation %r != %r" % (err["actual"], got))
    elif k == "off_by_one_loop_count":
        n = count_of(err["loop"], lines)
        if abs(n - stated) != 1:
            e.append("count %d vs stated %r not off by one" % (n, stated))
    else:
        var = err["variable"]
        h = hist.get(var, [])
        if k == "impossible_state":
            if stated in h:
                e.append("impossible state value occurs in run")
        if "index" in err:
            idx = err["index"]
            if idx >= len(h) or h[idx] != lit(err["actual"]):
                e.append("history[%d] of %s is not actual %r (%r)" % (idx, var, err["actual"], h))
            elif h[idx] == stated:
                e.append("stated value is right at that point")
        elif k != "impossible_state":
            e.append("no point given")
    if err.get("held_elsewhere"):
        allv = [x for hh in hist.values() for x in hh]
        if stated not in allv:
            e.append("held_elsewhere but value never held")
    return e

if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"))
