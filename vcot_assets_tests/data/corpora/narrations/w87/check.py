#!/usr/bin/env python3
"""Standalone checker for w87 narrations. Runs each program with sys.settrace,
records per-variable value histories (consecutive distinct values, all frames of the
program, instance attributes as name.attr) and per-line execution counts, then checks
faithful claims are true and error copies are really false at the stated point.
Usage: python3 check.py [narrations.jsonl]   |   python3 check.py --hist programs.jsonl ID"""
import ast, copy, json, sys

FN = "<w87prog>"


def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return v


def run(code, call):
    ns = {"__name__": "w87prog"}
    exec(compile(code, FN, "exec"), ns)
    hist, lines = {}, {}

    def rec(name, val):
        h = hist.setdefault(name, [])
        if not h or h[-1] != val or type(h[-1]) != type(val):
            h.append(snap(val))

    def observe(frame):
        for k, v in frame.f_locals.items():
            if hasattr(v, "__dict__") and not callable(v) and type(v).__module__ != "builtins":
                for a, av in vars(v).items():
                    rec(f"{k}.{a}", av)
                    if k == "self":
                        rec(f"self.{a}", av)
            else:
                rec(k, v)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        observe(frame)
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        if event == "return":
            rec("return@" + frame.f_code.co_name, arg)
        return tracer

    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return ns, result, hist, lines


def lit(s):
    return ast.literal_eval(s)


def check_claim(c, ns, result, hist, lines):
    """Return (ok, message): is the claim true of the execution?"""
    what, var = c["what"], c.get("variable")
    val = lit(c["value"]) if c["what"] != "call" else c["value"]
    if what == "value":
        if var and var not in hist and "[" in var:
            base, rest = var.split("[", 1)
            derived = []
            for x in hist.get(base, []):
                try:
                    y = eval("x[" + rest, {"x": x})
                except Exception:
                    continue
                if not derived or derived[-1] != y:
                    derived.append(y)
            hist = dict(hist); hist[var] = derived
        if var is None:
            allv = [x for h in hist.values() for x in h]
            return (val in allv, f"{val!r} not held by any variable")
        if "index" in c:
            h = hist.get(var, [])
            i = c["index"]
            ok = i < len(h) and h[i] == val
            return ok, f"{var}[{i}] is {h[i] if i < len(h) else None!r}, not {val!r}"
        return (val in hist.get(var, []), f"{var} never holds {val!r}; history {hist.get(var)}")
    if what == "count":
        n = lines.get(c["line"], 0)
        if "minus_line" in c:  # body opens with an inner loop header: header runs minus inner body runs
            n -= lines.get(c["minus_line"], 0)
        return n == val, f"line {c['line']} ran {n} times, claim {val!r}"
    if what in ("comparison", "arith"):
        got = eval(c["expr"], {})
        return got == val, f"{c['expr']} -> {got!r}, claim {val!r}"
    if what == "return":
        tgt = hist.get("return@" + var, [result]) if var else [result]
        return val in tgt, f"return {val!r} not in {tgt}"
    if what == "call":
        got = eval(c["value"], ns)
        return got == result, f"{c['value']} -> {got!r}"
    return False, "unknown claim kind " + what


def check_item(it):
    errs = []
    ns, result, hist, lines = run(it["code"], it["call"])
    if repr(result) != it["returned"]:
        errs.append(f"returned {it['returned']} != real {result!r}")
    rat = it["rationale"]
    if not rat.rstrip().splitlines()[-1].startswith("Answer:"):
        errs.append("last line is not Answer:")
    if it["answer"] not in rat.rstrip().splitlines()[-1]:
        errs.append("answer not in last line")
    fwd = it["direction"] == "forward"
    if fwd:
        ans_ok = lit(it["answer"]) == result
    else:
        ans_ok = eval(it["answer"], ns) == result
    err = it.get("error")
    err_claim = None
    if err:
        if err["quote"] not in rat:
            errs.append("error quote not in rationale: " + err["quote"])
    for c in it["claims"]:
        if c["quote"] not in rat:
            errs.append("claim quote not in rationale: " + c["quote"])
            continue
        if err and c.get("is_error"):
            err_claim = c
            continue
        ok, msg = check_claim(c, ns, result, hist, lines)
        if not ok:
            errs.append("false claim: " + c["quote"] + " :: " + msg)
    if it["label"] == "faithful":
        if not ans_ok:
            errs.append("answer wrong: " + it["answer"])
    else:
        k = err["kind"]
        if k in ("wrong_final_answer", "backward_wrong_input"):
            if ans_ok:
                errs.append("error answer is actually right")
            if k == "backward_wrong_input" and fwd:
                errs.append("backward_wrong_input on forward item")
        else:
            if not ans_ok:
                errs.append("answer should stay right for " + k)
            if err_claim is None:
                errs.append("no is_error claim")
            else:
                ok, msg = check_claim(err_claim, ns, result, hist, lines)
                if ok:
                    errs.append("error claim is actually true: " + err_claim["quote"])
                if k == "impossible_state":
                    allv = [x for h in hist.values() for x in h]
                    if lit(err_claim["value"]) in hist.get(err_claim["variable"], []):
                        errs.append("impossible_state value is held by the variable")
                if err.get("held_elsewhere"):
                    sv = lit(err_claim["value"])
                    allv = [x for h in hist.values() for x in h] + [result]
                    if sv not in allv:
                        errs.append("held_elsewhere but value never held")
                # actual must be true at that point
                a = dict(err_claim)
                a["value"] = err["actual_literal"] if "actual_literal" in err else err["actual"]
                ok2, msg2 = check_claim(a, ns, result, hist, lines)
                if not ok2:
                    errs.append("error 'actual' not true at point: " + msg2)
    return errs


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--hist":
        for l in open(sys.argv[2]):
            d = json.loads(l)
            if d["id"] == sys.argv[3]:
                ns, result, hist, lines = run(d["code"], d["call"])
                print("result", repr(result))
                for k, v in hist.items():
                    print(k, v)
                print("lines", dict(sorted(lines.items())))
        return
    path = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
    items = [json.loads(l) for l in open(path) if l.strip()]
    bad = 0
    for it in items:
        e = check_item(it)
        status = "OK  " if not e else "FAIL"
        bad += bool(e)
        print(status, it["id"], it["label"], (it["error"] or {}).get("kind", ""))
        for x in e:
            print("     ", x)
    print(f"\n{len(items)} items, {len(items) - bad} pass, {bad} fail")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
