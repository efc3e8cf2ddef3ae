#!/usr/bin/env python3
"""Standalone checker for w80 narrations: executes each program under sys.settrace,
records per-variable value histories (locals and self.attributes), per-line hit counts and
per-function call counts, and checks every claim / answer / error against them."""
import sys, json, ast, copy

def run_traced(code, call):
    g = {"__name__": "w80prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist, lines, calls = {}, {}, {}
    def push(name, val):
        h = hist.setdefault(name, [])
        try:
            v = copy.deepcopy(val)
        except Exception:
            v = val
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    push("self." + a, av)
            elif not callable(v):
                push(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "call":
            calls[frame.f_code.co_name] = calls.get(frame.f_code.co_name, 0) + 1
        snap(frame)
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        if event == "return":
            push("<ret:%s>" % frame.f_code.co_name, arg)
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, g)
    finally:
        sys.settrace(None)
    return result, hist, lines, calls, g

def claim_truth(c, hist, lines, calls, result):
    """Return (ok, detail). ok True means the claim is true at the point it names."""
    what = c["what"]
    val = ast.literal_eval(c["value"])
    if what in ("value", "call"):
        var = c["variable"]
        h = hist.get(var)
        if h is None:
            return False, "no variable %s" % var
        if c.get("seq"):
            k = c["index"]
            seg = h[k:k + len(val)]
            return seg == val, "history[%d:]=%r" % (k, seg)
        if "index" in c:
            k = c["index"]
            if k >= len(h):
                return False, "index %d beyond history %r" % (k, h)
            return (h[k] == val and type(h[k]) == type(val)), "history[%d]=%r" % (k, h[k])
        return (val in h), "history=%r" % (h[:40],)
    if what == "count":
        lab = c["variable"]
        if lab.startswith("loop@line "):
            n = lines.get(int(lab.split()[1]), 0)
        elif lab.startswith("calls@"):
            n = calls.get(lab[6:], 0)
        else:
            raise ValueError(lab)
        return n == val, "actual count %d" % n
    if what == "arith":
        e = c.get("expr") or c["quote"].split("=")[0].replace("`", "")
        got = eval(e, {})
        return (got == val), "%s -> %r" % (e, got)
    if what == "comparison":
        got = bool(eval(c["expr"], {}))
        return got == val, "%s -> %r" % (c["expr"], got)
    if what == "return":
        return (val == result), "returned %r" % (result,)
    raise ValueError(what)

def check_item(it, cache):
    errs = []
    key = (it["code"], it["call"])
    if key not in cache:
        cache[key] = run_traced(it["code"], it["call"])
    result, hist, lines, calls, g = cache[key]
    if repr(result) != it["returned"]:
        errs.append("returned mismatch %r vs %s" % (result, it["returned"]))
    rat = it["rationale"]
    last = rat.strip().splitlines()[-1]
    if not last.startswith("Answer:") and not last.startswith("Predicted Output:"):
        errs.append("last line not Answer")
    if it["answer"] not in last:
        errs.append("answer not in last line")
    # answer correctness
    if it["direction"] == "forward":
        ans_ok = ast.literal_eval(it["answer"]) == result
    else:
        g2 = {"__name__": "w80prog"}
        exec(compile(it["code"], "<prog2>", "exec"), g2)
        ans_ok = repr(eval(it["answer"], g2)) == it["returned"]
        if not it["answer"].startswith(it["function"] + "(") and "." not in it["answer"]:
            errs.append("answer call does not name function")
    err = it["error"]
    err_claims = 0
    for c in it["claims"]:
        if c["quote"] not in rat:
            errs.append("quote not in rationale: %r" % c["quote"])
            continue
        ok, det = claim_truth(c, hist, lines, calls, result)
        is_err = err is not None and c["quote"] == err["quote"]
        if is_err:
            err_claims += 1
            if ok:
                errs.append("error claim is TRUE: %r (%s)" % (c["quote"], det))
            if err.get("held_elsewhere"):
                val = ast.literal_eval(c["value"])
                if c["what"] == "value":
                    vals = val if c.get("seq") else [val]
                    if any(x not in hist.get(c["variable"], []) for x in vals):
                        errs.append("held_elsewhere but value never held: %r" % c["quote"])
                elif c["what"] == "arith":
                    # stated value must be held by some variable of the run
                    if not any(val in h for h in hist.values()):
                        errs.append("held_elsewhere arith value never held: %r" % c["quote"])
                elif c["what"] == "count":
                    # stated count must be another count of the run (e.g. the loop header's checks)
                    if val not in list(lines.values()) + list(calls.values()):
                        errs.append("held_elsewhere count not a count of the run: %r" % c["quote"])
        elif not ok and not (err and err.get("carried") and c.get("carried")):
            errs.append("claim false: %r (%s)" % (c["quote"], det))
    if it["label"] == "faithful":
        if err is not None or not ans_ok:
            errs.append("faithful item has error or wrong answer")
    else:
        k = err["kind"]
        if err["quote"] not in rat:
            errs.append("error quote not in rationale")
        if k in ("wrong_final_answer", "backward_wrong_input"):
            if ans_ok:
                errs.append("%s but answer is correct" % k)
        else:
            if not ans_ok:
                errs.append("%s but answer wrong" % k)
            if err_claims == 0:
                errs.append("no claim matches the error quote")
    return errs

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") if l.strip()]
    ids = {it["id"] for it in items}
    cache, nbad = {}, 0
    from collections import Counter
    for it in items:
        errs = check_item(it, cache)
        if it["faithful_id"] and it["faithful_id"] not in ids:
            errs.append("faithful_id missing")
        print("%-28s %s" % (it["id"], "OK" if not errs else "FAIL"))
        for e in errs:
            print("    " + e)
        nbad += bool(errs)
    print()
    print("items:", len(items), "failing:", nbad)
    print("styles:", dict(Counter(i["style"] for i in items if i["label"] == "faithful")))
    print("families:", dict(Counter(i["family"] for i in items if i["label"] == "faithful")))
    print("directions:", dict(Counter(i["direction"] for i in items if i["label"] == "faithful")))
    print("kinds:", dict(Counter(i["kind"] for i in items if i["label"] == "faithful")))
    print("error kinds:", dict(Counter(i["error"]["kind"] for i in items if i["error"])))
    print("held_elsewhere:", sum(1 for i in items if i["error"] and i["error"].get("held_elsewhere")))
    print("trace_events:", sorted(i["trace_events"] for i in items if i["label"] == "faithful"))
    sys.exit(1 if nbad else 0)

if __name__ == "__main__" and "--dump" not in sys.argv:
    main()
elif "--dump" in sys.argv:
    # python3 check.py --dump programs.jsonl ID : print histories to help writing
    progs = {json.loads(l)["id"]: json.loads(l) for l in open(sys.argv[2])}
    p = progs[sys.argv[3]]
    r, hist, lines, calls, g = run_traced(p["code"], p["call"])
    print("RET", repr(r), "events", p.get("events") and len(p["events"]))
    for k, v in hist.items():
        print(k, v)
    print("lines", sorted(lines.items()))
    print("calls", calls)
