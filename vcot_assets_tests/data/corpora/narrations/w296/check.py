"""Standalone checker for w296 narrations: re-executes each program with sys.settrace and
checks every claim, the answer, and that each error copy's error really is false."""
import ast, copy, json, sys

def snap(frame):
    d = {}
    for k, v in frame.f_locals.items():
        try:
            d[k] = copy.deepcopy(v)
        except Exception:
            d[k] = v
        if k == "self" and hasattr(v, "__dict__"):
            for a, av in vars(v).items():
                d["self." + a] = copy.deepcopy(av)
    return d

def run(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    frames = []   # list of dicts: func, events [(line, snapshot)], ret
    stack = {}
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "call":
            rec = {"func": frame.f_code.co_name, "events": [], "ret": None}
            frames.append(rec); stack[id(frame)] = rec
        rec = stack[id(frame)]
        if event == "line":
            rec["events"].append((frame.f_lineno, snap(frame)))
        elif event == "return":
            rec["events"].append((None, snap(frame)))
            rec["ret"] = arg
        return tracer
    sys.settrace(tracer)
    try:
        res = eval(call, g)
    finally:
        sys.settrace(None)
    return res, frames, g

def history(frames, var):
    vals = []
    for f in frames:
        for _, s in f["events"]:
            if var in s:
                vals.append(s[var])
    return vals

def line_hits(frames, line, func=None):
    return sum(1 for f in frames if func in (None, f["func"]) for ln, _ in f["events"] if ln == line)

def after(frames, var, line, k, func=None):
    """value of var right after the k-th (1-based) execution of line (counting over all frames)."""
    n = 0
    for f in frames:
        if func not in (None, f["func"]):
            continue
        ev = f["events"]
        for i, (ln, _) in enumerate(ev):
            if ln == line:
                n += 1
                if n == k:
                    return ev[i + 1][1].get(var, "<unset>")
    return "<no such hit>"

def lit(s):
    try:
        return ast.literal_eval(s)
    except ValueError:
        return eval(s, {"__builtins__": {}, "set": set})

def claim_true(c, res, frames, g):
    val = lit(c["value"])
    w = c["what"]
    if w == "value":
        if "at_seq" in c:
            a = c["at_seq"]
            return [after(frames, a["variable"], a["line"], a["start"] + i, a.get("func")) for i in range(len(val))] == val
        if "at" in c:
            a = c["at"]
            return after(frames, a["variable"], a["line"], a["hit"], a.get("func")) == val
        if c.get("variable"):
            return any(v == val for v in history(frames, c["variable"]))
        return any(val == v for f in frames for _, s in f["events"] for v in s.values()) or val == res
    if w == "count":
        lab = c["variable"]
        line = int(lab.split("line")[1].strip()) if "line" in lab else c["line"]
        hits = line_hits(frames, line, c.get("func"))
        if c.get("header"):   # a loop header line runs once more than the body (entered once)
            hits -= 1
        return hits == val
    if w in ("comparison", "arith"):
        return eval(c["expr"], {}) == val
    if w == "return":
        return res == val
    if w == "call":
        return eval(c["expr"], dict(g)) == val
    raise ValueError(w)

def check_item(it, out):
    errs = []
    res, frames, g = run(it["code"], it["call"])
    if repr(res) != it["returned"]:
        errs.append("returned mismatch %r" % (res,))
    r = it["rationale"]
    if it["direction"] == "forward":
        ans_ok = ast.literal_eval(it["answer"]) == res
    else:
        try:
            ans_ok = eval(it["answer"], dict(g)) == res
        except Exception:
            ans_ok = False
    last = r.strip().splitlines()[-1]
    if it["answer"] not in last:
        errs.append("answer not in last line")
    for c in it["claims"]:
        if c["quote"] not in r:
            errs.append("quote missing: " + c["quote"])
    if it["label"] == "faithful":
        if not ans_ok:
            errs.append("answer wrong")
        for c in it["claims"]:
            if not claim_true(c, res, frames, g):
                errs.append("false claim: %s" % c["quote"])
    else:
        e = it["error"]
        if e["quote"] not in r:
            errs.append("error quote missing")
        if e["kind"] in ("wrong_final_answer", "backward_wrong_input"):
            if ans_ok:
                errs.append("error answer is actually right")
        else:
            if not ans_ok:
                errs.append("answer wrong in non-answer error copy")
            bad = [c for c in it["claims"] if c.get("is_error")]
            if len(bad) != 1:
                errs.append("need exactly one is_error claim")
            for c in bad:
                if claim_true(c, res, frames, g):
                    errs.append("error claim is actually true: " + c["quote"])
                if e.get("held_elsewhere"):
                    if "at" not in c and "at_seq" not in c and c["what"] not in ("count", "arith"):
                        errs.append("held_elsewhere without point check")
                    # the stated value occurs somewhere in the run, just not there
                    sv = lit(c["value"])
                    seen = any(sv == v for f in frames for _, s in f["events"] for v in s.values()) or sv == res
                    if c["what"] == "count":
                        seen = True
                    if "at_seq" in c:
                        hist = history(frames, c["at_seq"]["variable"])
                        seen = all(any(x == h for h in hist) for x in sv)
                    if not seen:
                        errs.append("held_elsewhere value never held")
        for c in it["claims"]:
            if c.get("is_error") or c.get("carried"):
                continue
            if not claim_true(c, res, frames, g):
                errs.append("other claim false in error copy: %s" % c["quote"])
    return errs

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    out = []
    nbad = 0
    for it in items:
        try:
            errs = check_item(it, out)
        except Exception as ex:
            errs = ["exception: %r" % ex]
        nbad += bool(errs)
        out.append("%s %s %s" % ("PASS" if not errs else "FAIL", it["id"], "; ".join(errs)))
    out.append("items=%d failures=%d" % (len(items), nbad))
    txt = "\n".join(out)
    open("check_report.txt", "w").write(txt + "\n")
    print(txt)
    return 1 if nbad else 0

if __name__ == "__main__":
    sys.exit(main())
