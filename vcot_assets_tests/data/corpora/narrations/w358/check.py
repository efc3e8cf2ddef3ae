"""Standalone checker for w358 narrations: re-executes each program with sys.settrace,
records per-variable value histories and line hit counts, and checks every claim."""
import ast, copy, json, sys

def run(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist, lines = {}, {}
    def snap(frame):
        for k, v in frame.f_locals.items():
            items = [(k, v)]
            if k == "self" and hasattr(v, "__dict__"):
                items = [("self." + a, b) for a, b in vars(v).items()]
            for name, val in items:
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    continue
                h = hist.setdefault(name, [])
                if not h or h[-1] != val or type(h[-1]) is not type(val):
                    h.append(val)
    def tr(frame, ev, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        snap(frame)
        if ev == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        return tr
    sys.settrace(tr)
    try:
        ret = eval(compile(call, "<call>", "eval"), g)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def get_hist(hist, name):
    """Value history of a variable; 'd[k]' derives the history of one key of dict d."""
    name = name.replace("@seq", "")
    if "[" in name:
        base, key = name[:-1].split("[", 1)
        key = ast.literal_eval(key)
        out = []
        for d in hist.get(base, []):
            if key in d and (not out or out[-1] != d[key]):
                out.append(d[key])
        return out
    return hist.get(name, [])

def claim_ok(c, ret, hist, lines, item):
    v = ast.literal_eval(c["value"])
    w = c["what"]
    q = c["quote"].replace("`", "")
    if w == "value":
        if c["variable"].endswith("@seq"):
            h = get_hist(hist, c["variable"])
            return any(h[i:i + len(v)] == v for i in range(len(h)))
        return v in get_hist(hist, c["variable"])
    if w == "count":
        # "loop@line N": times line N (first body line) ran;
        # "loopheader@line N": runs of the loop header N minus the final exit test
        ln = int(c["variable"].split("@line")[1])
        n = lines.get(ln, 0)
        if c["variable"].startswith("loopheader"):
            n -= 1
        return n == v
    if c.get("expr"):
        return eval(c["expr"]) == v
    if w == "arith":
        lhs = q.split("=")[0] if "==" not in q else q
        return eval(lhs) == v
    if w == "comparison":
        return bool(eval(q)) == v
    if w == "return":
        return ret == v
    if w == "call":
        g = {}
        exec(item["code"], g)
        return eval(q, g) == ast.literal_eval(item["returned"])
    raise ValueError(w)

def check(item):
    errs = []
    ret, hist, lines = run(item["code"], item["call"])
    if repr(ret) != item["returned"]:
        errs.append("returned mismatch %r" % (ret,))
    if item["trace_events"] < 1:
        errs.append("no events")
    for c in item["claims"]:
        if c["quote"] not in item["rationale"]:
            errs.append("quote not in rationale: " + c["quote"])
    g = {}
    exec(item["code"], g)
    if item["direction"] == "forward":
        ans_ok = ast.literal_eval(item["answer"]) == ret
    else:
        ans_ok = eval(item["answer"], g) == ret
    if not item["rationale"].rstrip().endswith("Answer: " + item["answer"]):
        errs.append("answer line mismatch")
    if item["label"] == "faithful":
        if not ans_ok:
            errs.append("answer wrong")
        for c in item["claims"]:
            if not claim_ok(c, ret, hist, lines, item):
                errs.append("false claim: %r" % (c,))
        return errs
    e = item["error"]
    if e["quote"] not in item["rationale"]:
        errs.append("error quote missing")
    k = e["kind"]
    if k in ("wrong_final_answer", "backward_wrong_input"):
        if ans_ok:
            errs.append("answer should be wrong")
    elif not ans_ok:
        errs.append("answer wrong in non-answer error")
    bad = [c for c in item["claims"] if c["quote"] in e["quote"] or e["quote"] in c["quote"]]
    if k not in ("wrong_final_answer", "backward_wrong_input"):
        if not bad:
            errs.append("no claim for error")
        for c in bad:
            if claim_ok(c, ret, hist, lines, item) and not e.get("at"):
                errs.append("error claim is actually true: %r" % (c,))
        for at in e.get("at", []):
            h = get_hist(hist, at["variable"])
            actual = h[at["index"]]
            stated = ast.literal_eval(at["stated"])
            if actual == stated:
                errs.append("at-point value equals stated %r" % (at,))
            if e.get("held_elsewhere") and stated not in h and at.get("other") is None:
                errs.append("held_elsewhere but never held: %r" % (at,))
            if at.get("other"):
                if stated not in get_hist(hist, at["other"]):
                    errs.append("held_elsewhere other var never holds: %r" % (at,))
    for c in item["claims"]:
        if c in bad:
            continue
        if not claim_ok(c, ret, hist, lines, item):
            errs.append("other false claim: %r" % (c,))
    return errs

if __name__ == "__main__":
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")]
    fails = 0
    for it in items:
        errs = check(it)
        status = "PASS" if not errs else "FAIL"
        fails += bool(errs)
        print(status, it["id"], it["label"], (it["error"] or {}).get("kind", ""), "; ".join(errs))
    print("items:", len(items), "failures:", fails)
