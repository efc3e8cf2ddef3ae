#!/usr/bin/env python3
"""Standalone checker for w57 narrations: re-executes every program with sys.settrace
and checks returned values, claims, answers and that each error really is an error."""
import ast, copy, json, sys

FN = "<prog>"

def literal(s):
    return ast.literal_eval(s)

def run(code, call):
    """Execute call; return (result, hist, hits). hist: name -> list of values in the order
    they were taken (a new entry each time the value changes in a frame)."""
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    classes = tuple(v for v in ns.values() if isinstance(v, type))
    hist, hits, last = {}, {}, {}
    evlog = []  # (frame id, event, line, snapshot of current values)

    def snap(frame):
        fid = id(frame)
        prev = last.setdefault(fid, {})
        items = []
        for k, v in frame.f_locals.items():
            items.append((k, v))
            if classes and isinstance(v, classes):
                for a, av in vars(v).items():
                    items.append((k + "." + a, av))
        for k, v in items:
            try:
                v2 = copy.deepcopy(v)
            except Exception:
                continue
            if k not in prev or prev[k] != v2 or type(prev[k]) != type(v2):
                prev[k] = v2
                hist.setdefault(k, []).append(v2)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event in ("line", "return"):
            snap(frame)
            evlog.append((id(frame), event, frame.f_lineno, copy.deepcopy(last.get(id(frame), {}))))
        if event == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        elif event == "return":
            hist.setdefault("<return:" + frame.f_code.co_name + ">", []).append(copy.deepcopy(arg))
        return tracer

    sys.settrace(tracer)
    try:
        res = eval(call, ns)
    finally:
        sys.settrace(None)
    hist["<evlog>"] = evlog
    return res, hist, hits

def value_after(hist, var, line, n):
    """Value of var just after the n-th execution of line (next event of that frame)."""
    ev = hist["<evlog>"]
    seen = -1
    for i, (fid, kind, ln, _) in enumerate(ev):
        if kind == "line" and ln == line:
            seen += 1
            if seen == n:
                for fid2, _, _, sn in ev[i + 1:]:
                    if fid2 == fid:
                        return sn[var]
    raise KeyError((var, line, n))

def plain_eval(code, call):
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    return eval(call, ns)

def claim_ok(c, hist, hits, item):
    w = c["what"]
    val = literal(c["value"])
    if "expr" in c:
        return eval(c["expr"]) == val
    if c.get("seq"):
        h, n = hist.get(c["variable"], []), len(val)
        return any(h[i:i + n] == val for i in range(len(h)))
    if w == "value":
        return val in hist.get(c["variable"], [])
    if w == "count":
        line = int(c["variable"].split("line")[1].strip())
        return hits.get(line + 1, 0) == val
    if w == "arith":
        return eval(c["quote"].split("=")[0].replace("`", "").replace("×", "*")) == val
    if w == "return":
        return val == literal(item["returned"])
    raise ValueError("claim needs expr: %r" % c)

def error_false(e, item, hist, hits):
    """True when the stated value really is wrong at that point."""
    ck = e["check"]
    t = ck["t"]
    st = None if t in ("answer", "call") else literal(ck.get("stated_value", e["stated"]))
    if t == "hist":
        h = hist[ck["var"]]
        at = h[ck["k"]]
        ok = at == literal(e["actual"]) and at != st
    elif t == "point":
        at = value_after(hist, ck["var"], ck["line"], ck["n"])
        ok = at == literal(e["actual"]) and at != st
    elif t == "never":
        ok = st not in hist.get(ck["var"], [])
    elif t == "count":
        n = hits.get(ck["line"] + 1, 0)
        ok = n == literal(e["actual"]) and n != st
    elif t in ("arith", "cmp"):
        r = eval(ck["expr"])
        ok = r == literal(e["actual"]) and r != st
    elif t == "answer":
        ok = literal(item["answer"]) != literal(item["returned"])
    elif t == "call":
        try:
            r = plain_eval(item["code"], item["answer"])
            ok = repr(r) != item["returned"]
        except Exception:
            ok = True
    else:
        raise ValueError(t)
    if ok and e.get("held_elsewhere"):
        # the wrong value must be one the program does hold somewhere
        ok = any(st in v for k, v in hist.items() if k != "<evlog>")
    return ok

def main(path):
    items = [json.loads(l) for l in open(path)]
    fails, lines = 0, []
    cache = {}
    for it in items:
        probs = []
        key = it["program_id"]
        if key not in cache:
            cache[key] = run(it["code"], it["call"])
        res, hist, hits = cache[key]
        if repr(res) != it["returned"]:
            probs.append("returned mismatch %r" % (res,))
        r = it["rationale"]
        if not r.rstrip().splitlines()[-1].startswith("Answer: " + it["answer"]) and \
           "Answer: " + it["answer"] not in r.rstrip().splitlines()[-1]:
            probs.append("answer line mismatch")
        for c in it["claims"]:
            if c["quote"] not in r:
                probs.append("quote not in rationale: %r" % c["quote"])
        if it["label"] == "faithful":
            for c in it["claims"]:
                try:
                    good = claim_ok(c, hist, hits, it)
                except Exception as ex:
                    good = False
                if not good:
                    probs.append("false claim %r" % c)
            if it["direction"] == "forward":
                if literal(it["answer"]) != res:
                    probs.append("forward answer wrong")
            else:
                if repr(plain_eval(it["code"], it["answer"])) != it["returned"]:
                    probs.append("backward answer does not return output")
        else:
            e = it["error"]
            if e["quote"] not in r:
                probs.append("error quote missing")
            if not any(c.get("erroneous") for c in it["claims"]):
                probs.append("no claim marked erroneous")
            if e["stated"] not in e["quote"]:
                probs.append("stated not in quote")
            if not error_false(e, it, hist, hits):
                probs.append("error is not false at its point")
            for c in it["claims"]:
                if c.get("erroneous"):
                    continue
                try:
                    good = claim_ok(c, hist, hits, it)
                except Exception:
                    good = False
                if not good:
                    probs.append("false non-error claim %r" % c)
            if e["kind"] not in ("wrong_final_answer", "backward_wrong_input") and not e["carried"]:
                if it["direction"] == "forward" and literal(it["answer"]) != res:
                    probs.append("answer wrong in non-answer error copy")
                if it["direction"] == "backward" and \
                   repr(plain_eval(it["code"], it["answer"])) != it["returned"]:
                    probs.append("backward answer wrong in non-answer error copy")
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        lines.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    lines.append("TOTAL %d items, %d failing" % (len(items), fails))
    print("\n".join(lines))
    return fails

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
