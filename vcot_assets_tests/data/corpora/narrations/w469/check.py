"""Standalone checker for w469 narrations: re-executes each program under sys.settrace."""
import json, sys, ast, copy

def literal(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return s

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<w469>", "exec"), ns)
    hist, lines = {}, {}
    def rec(name, val):
        try:
            val = copy.deepcopy(val)
        except Exception:
            return
        h = hist.setdefault(name, [])
        if not h or h[-1] != val or type(h[-1]) != type(val):
            h.append(val)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self" and hasattr(v, "__dict__"):
                for a, av in vars(v).items():
                    rec("self." + a, av)
            elif not callable(v) and not k.startswith("."):
                rec(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<w469>":
            return None
        def local(frame, event, arg):
            snap(frame)
            if event == "line":
                lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            return local
        snap(frame)
        return local
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def plain(code, call):
    ns = {}
    exec(compile(code, "<w469>", "exec"), ns)
    return eval(call, ns)

def proj(h, key):
    if key is None:
        return h
    out = []
    for d in h:
        if isinstance(d, dict) and key in d and (not out or out[-1] != d[key]):
            out.append(d[key])
    return out

def check_item(it):
    errs = []
    code, call = it["code"], it["call"]
    ret, hist, lines = run_traced(code, call)
    if repr(ret) != it["returned"]:
        errs.append("returned mismatch %r" % (ret,))
    r = it["rationale"]
    for c in it["claims"]:
        if c["quote"] not in r:
            errs.append("claim quote not in rationale: %r" % c["quote"])
    # claims of the faithful item (for error copies, skip the one matching the error quote)
    equote = it["error"]["quote"] if it["error"] else None
    for c in it["claims"]:
        if equote is not None and c["quote"] == equote:
            continue
        w, v = c["what"], literal(c["value"])
        ok = True
        if w == "value":
            h = proj(hist.get(c["variable"], []), c.get("key"))
            ok = v in h if "at" not in c else (c["at"] < len(h) and h[c["at"]] == v)
        elif w == "count":
            line = int(c["variable"].split("@line")[1])
            ok = lines.get(line, 0) == v
        elif w in ("comparison", "arith"):
            ex = c.get("expr") or c["quote"].strip("`").split("=")[0] if w == "arith" else c.get("expr", c["quote"])
            ok = eval(ex, {}) == v
        elif w == "return":
            ok = ret == v
        elif w == "call":
            ok = plain(code, c["value"]) == ret
        if not ok:
            errs.append("false claim %r" % (c,))
    fn = it["function"]
    if it["direction"] == "forward":
        fwd_ok = literal(it["answer"]) == ret
    else:
        fwd_ok = it["answer"].startswith(fn + "(") and plain(code, it["answer"]) == ret
    if not it["rationale"].rstrip().endswith(it["answer"]):
        errs.append("answer not at end of rationale")
    if it["label"] == "faithful":
        if not fwd_ok:
            errs.append("answer wrong")
    else:
        e = it["error"]
        if e["quote"] not in r:
            errs.append("error quote missing")
        chk = e["check"]
        t = chk["type"]
        st = literal(e["stated"])
        if t in ("answer",):
            if fwd_ok:
                errs.append("error answer is actually right")
            if it["direction"] == "backward" and repr(plain(code, it["answer"])) != e["actual"]:
                errs.append("backward_wrong_input: recorded actual output is not what the call returns")
        else:
            if not fwd_ok:
                errs.append("final answer should still be right")
            if t == "value_at":
                h = proj(hist.get(chk["variable"], []), chk.get("key"))
                actual = h[chk["index"]]
                if actual == st or actual != literal(e["actual"]):
                    errs.append("value_at check failed %r vs %r" % (actual, st))
                pool = sum((hh for k, hh in hist.items()), []) + h
                if e.get("held_elsewhere") and st not in pool:
                    errs.append("held_elsewhere but value never held")
            elif t == "absent":
                if st in hist.get(chk["variable"], []):
                    errs.append("impossible_state value occurs")
            elif t == "count":
                n = lines.get(chk["line"], 0)
                if n == st or n != literal(e["actual"]):
                    errs.append("count check failed %d" % n)
            elif t in ("arith", "comparison"):
                val = eval(chk["expr"], {})
                if val == st or val != literal(e["actual"]):
                    errs.append("arith/comparison check failed %r" % val)
            elif t == "pair":
                for var, idx, stv in chk["items"]:
                    if hist[var][idx] == stv:
                        errs.append("swap check: %s really is %r" % (var, stv))
    return errs

def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
    items = [json.loads(l) for l in open(path) if l.strip()]
    bad = 0
    for it in items:
        try:
            errs = check_item(it)
        except Exception as ex:
            errs = ["exception %r" % ex]
        print(("PASS " if not errs else "FAIL ") + it["id"] + ("" if not errs else " :: " + "; ".join(errs)))
        bad += bool(errs)
    print("TOTAL %d items, %d failed" % (len(items), bad))
    sys.exit(1 if bad else 0)

if __name__ == "__main__":
    main()
