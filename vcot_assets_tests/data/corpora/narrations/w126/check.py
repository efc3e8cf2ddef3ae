#!/usr/bin/env python3
"""Standalone checker for w126 narrations: re-executes each program under sys.settrace,
records every variable's value history (per name, across frames, consecutive duplicates
collapsed per frame) and line hit counts, then validates claims and error copies."""
import json, sys, copy, ast

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist, lines, last = {}, {}, {}
    def snap(frame):
        fid = id(frame)
        items = {k: v for k, v in frame.f_locals.items() if k != "self"}
        s = frame.f_locals.get("self")
        if s is not None and hasattr(s, "__dict__"):
            for k, v in vars(s).items():
                items["self." + k] = v
        for k, v in items.items():
            try:
                r = repr(copy.deepcopy(v))
            except Exception:
                r = repr(v)
            if last.get((fid, k)) != r:
                last[(fid, k)] = r
                h = hist.setdefault(k, [])
                if not h or h[-1] != r:  # history collapses consecutive equal values
                    h.append(r)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event in ("line", "return"):
            snap(frame)
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines, ns

def norm(v):
    try:
        return repr(ast.literal_eval(v))
    except Exception:
        return v

def claim_truth(c, ret, hist, lines, ns, item):
    """Return (ok, why) whether claim c is true of the execution."""
    w = c["what"]
    if w == "value":
        v = norm(c["value"])
        var = c.get("variable")
        if var is None:
            allv = {x for h in hist.values() for x in h} | {repr(ret)}
            return v in allv, "value %s in run" % v
        h = hist.get(var, [])
        if c.get("seq"):
            seq = [repr(x) for x in ast.literal_eval(c["value"])]
            ok = any(h[i:i + len(seq)] == seq for i in range(len(h)))
            return ok, "%s sequence %s in history %s" % (var, seq, h[:60])
        if "at" in c:
            k = c["at"]
            actual = h[k] if k < len(h) else None
            return actual == v, "%s history[%d]=%s vs %s" % (var, k, actual, v)
        return v in h, "%s=%s in history %s" % (var, v, h[:40])
    if w == "count":
        var = c["variable"]
        ln = int(var.split("@line")[1])
        n = lines.get(ln, 0)
        return n == int(c["value"]), "line %d ran %d times, stated %s" % (ln, n, c["value"])
    if w in ("arith", "comparison"):
        r = eval(c["expr"], {})
        return repr(r) == norm(c["value"]), "%s -> %r stated %s" % (c["expr"], r, c["value"])
    if w == "return":
        return repr(ret) == norm(c["value"]), "return %r stated %s" % (ret, c["value"])
    if w == "call":
        r = eval(c["value"], ns)
        return repr(r) == item["returned"], "call %s -> %r" % (c["value"], r)
    return False, "unknown claim kind " + w

def check_item(it):
    errs = []
    ret, hist, lines, ns = run_traced(it["code"], it["call"])
    if repr(ret) != it["returned"]:
        errs.append("returned mismatch %r vs %s" % (ret, it["returned"]))
    rat = it["rationale"]
    last = rat.strip().splitlines()[-1]
    if it["answer"] not in last:
        errs.append("answer not in last line")
    for c in it["claims"]:
        if c["quote"] not in rat:
            errs.append("quote not in rationale: " + c["quote"])
    err = it.get("error")
    ekind = err["kind"] if err else None
    # answer check
    if it["direction"] == "forward":
        ans_ok = norm(it["answer"]) == repr(ret)
    else:
        ans_ok = repr(eval(it["answer"], ns)) == it["returned"]
    if ekind in ("wrong_final_answer", "backward_wrong_input"):
        if ans_ok:
            errs.append("error answer is actually right")
        if err["quote"] not in rat:
            errs.append("error quote missing")
    elif not ans_ok:
        errs.append("answer wrong: " + it["answer"])
    for c in it["claims"]:
        ok, why = claim_truth(c, ret, hist, lines, ns, it)
        is_err = err is not None and c["quote"] == err["quote"] and ekind not in ("wrong_final_answer", "backward_wrong_input")
        if is_err:
            if ok:
                errs.append("error claim is true: " + why)
            if err.get("held_elsewhere"):
                # the stated wrong value must be one the program really holds somewhere else
                v = norm(err["stated"])
                if c["what"] == "count":
                    allc = {repr(x) for x in lines.values()}
                    if v not in allc:
                        errs.append("held_elsewhere but count %s never occurs" % v)
                else:
                    pool = {x for h in hist.values() for x in h}
                    if v not in pool:
                        errs.append("held_elsewhere but %s is never held by any variable" % v)
        elif c.get("carried"):
            pass
        elif not ok:
            errs.append("false claim: " + why + " | " + c["quote"])
    if err is not None and ekind not in ("wrong_final_answer", "backward_wrong_input"):
        if not any(c["quote"] == err["quote"] for c in it["claims"]):
            errs.append("error quote has no claim")
    return errs

def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
    items = [json.loads(l) for l in open(path) if l.strip()]
    ids = {i["id"] for i in items}
    bad = 0
    for it in items:
        e = check_item(it)
        if it["label"] == "error" and it["faithful_id"] not in ids:
            e.append("faithful_id missing")
        print(("PASS " if not e else "FAIL ") + it["id"] + "".join("\n    " + x for x in e))
        bad += bool(e)
    print("\n%d items, %d passed, %d failed" % (len(items), len(items) - bad, bad))
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
