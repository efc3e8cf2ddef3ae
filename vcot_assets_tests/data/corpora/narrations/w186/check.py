"""Standalone checker for w186 narrations: re-executes each call under sys.settrace."""
import ast, copy, json, sys

def run(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist, lines, atline = {}, {}, []
    def rec(name, val):
        try:
            val = copy.deepcopy(val)
        except Exception:
            return
        h = hist.setdefault(name, [])
        if not h or h[-1] != val:
            h.append(val)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for ak, av in vars(v).items():
                    rec("self." + ak, av)
            else:
                rec(k, v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            try:
                atline.append((frame.f_lineno, copy.deepcopy({k: v for k, v in frame.f_locals.items() if k != "self"})))
            except Exception:
                pass
        snap(frame)
        if event == "return":
            rec("<return:%s>" % frame.f_code.co_name, arg)
        return tr
    sys.settrace(tr)
    try:
        res = eval(call, ns)
    finally:
        sys.settrace(None)
    lines["_at"] = atline
    return ns, res, hist, lines

def lit(s):
    if not isinstance(s, str):
        return s
    try:
        return ast.literal_eval(s)
    except ValueError:
        return s  # a call expression (backward answers)

def check_claim(c, ns, res, hist, lines):
    w = c["what"]
    if w == "call":
        return eval(c["value"], dict(ns)) == res, "call does not reproduce output"
    v = lit(c["value"])
    if w == "value" and c.get("seq_line"):
        got = [d[c["variable"]] for ln, d in lines["_at"] if ln == c["seq_line"]]
        return any(got[i:i + len(v)] == v for i in range(len(got))), "per-iteration %s %r != %r" % (c["variable"], got, v)
    if w == "value" and "index" in c:
        h = []
        for x in hist.get(c["variable"], []):
            if isinstance(x, dict) and c["index"] not in x:
                continue
            if not h or h[-1] != x[c["index"]]:
                h.append(x[c["index"]])
        return any(h[i:i + len(v)] == v for i in range(len(h))), "element sequence %r not in %r" % (v, h)
    if w == "value" and c.get("seq"):
        h = hist.get(c["variable"], [])
        return any(h[i:i + len(v)] == v for i in range(len(h))), "sequence %r not in history %r" % (v, h)
    if w == "value":
        return v in hist.get(c["variable"], []), "value %r not in history of %s" % (v, c["variable"])
    if w == "count" and c.get("header"):
        got = lines.get(c["line"], 0) - 1  # a for-header runs once more than its body
        return got == v, "count %r != %r" % (v, got)
    if w == "count":
        return lines.get(c["line"], 0) == v, "count %r != %r" % (v, lines.get(c["line"], 0))
    if w in ("comparison", "arith"):
        e = c.get("expr") or c["quote"].split("=")[0]
        got = eval(e, dict(ns))
        return got == v, "%s gives %r, stated %r" % (e, got, v)
    if w == "return":
        return v == res, "return %r != %r" % (v, res)
    if w == "call":
        return eval(c["value"], dict(ns)) == res, "call does not reproduce output"
    return False, "unknown claim kind"

def check_error(it, ns, res, hist, lines):
    e = it["error"]; ck = e["check"]; t = ck["type"]; st = lit(e["stated"])
    if e["quote"] not in it["rationale"]:
        return False, "error quote missing"
    if t == "hist":
        h = hist[ck["var"]]
        ok = h[ck["k"]] != st and lit(e["actual"]) == h[ck["k"]]
        msg = "%s[%d]=%r stated %r" % (ck["var"], ck["k"], h[ck["k"]], st)
    elif t in ("arith", "expr"):
        got = eval(ck["expr"], dict(ns)); ok = got != st and got == lit(e["actual"])
        msg = "%s=%r stated %r" % (ck["expr"], got, st)
    elif t == "count":
        got = lines.get(ck["line"], 0); ok = got != st and got == lit(e["actual"]); msg = "count %r stated %r" % (got, st)
    elif t == "at_line":
        got = [d[ck["var"]] for ln, d in lines["_at"] if ln == ck["line"]][ck["k"]]
        ok = got != st and got == lit(e["actual"]); msg = "at line value %r stated %r" % (got, st)
    elif t == "elem_seq":
        h = []
        for x in hist[ck["var"]]:
            if isinstance(x, dict) and ck["index"] not in x:
                continue
            if not h or h[-1] != x[ck["index"]]:
                h.append(x[ck["index"]])
        got = h[ck["k"]]; ok = got != st and got == lit(e["actual"]); msg = "element value %r stated %r" % (got, st)
        if ok and e.get("held_elsewhere"):
            hi = ck["held_index"]
            return st in [x[hi] for x in hist[ck["var"]] if not isinstance(x, dict) or hi in x], "held value not in element %r" % (hi,)
    elif t == "iterval":  # value of var in a given loop iteration (k-th value of history)
        got = hist[ck["var"]][ck["k"]]; ok = got != st; msg = "iter value %r stated %r" % (got, st)
    elif t == "answer":
        if it["direction"] == "forward":
            ok = lit(it["answer"]) != res
        else:
            try:
                ok = eval(it["answer"], dict(ns)) != res
            except Exception:
                ok = True
        msg = "answer still correct"
    else:
        return False, "unknown check"
    if ok and e.get("held_elsewhere"):
        where = ck.get("held_var", ck.get("var"))
        ok = st in hist.get(where, []) or (where == "<line>" and st == lines.get(ck.get("held_line")))
        msg = "held_elsewhere value %r not held by %s" % (st, where)
    return ok, msg

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    bad = 0; out = []
    for it in items:
        probs = []
        ns, res, hist, lines = run(it["code"], it["call"])
        if repr(res) != it["returned"]:
            probs.append("returned mismatch %r" % (res,))
        if not it["rationale"].rstrip().splitlines()[-1].startswith("Answer:") and "Predicted Output:" not in it["rationale"]:
            probs.append("no Answer line")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("quote missing: %r" % c["quote"]); continue
            if it["label"] == "error" and c.get("is_error"):
                continue
            ok, msg = check_claim(c, ns, res, hist, lines)
            if not ok:
                probs.append("claim %r: %s" % (c["quote"], msg))
        if it["label"] == "faithful" or it["error"]["kind"] != "wrong_final_answer" and it["error"]["kind"] != "backward_wrong_input":
            if it["direction"] == "forward":
                if lit(it["answer"]) != res: probs.append("forward answer wrong")
            else:
                if eval(it["answer"], dict(ns)) != res: probs.append("backward answer wrong")
        if it["label"] == "error":
            ok, msg = check_error(it, ns, res, hist, lines)
            if not ok: probs.append("error not false: " + msg)
        status = "OK " if not probs else "BAD"
        bad += bool(probs)
        out.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    out.append("%d items, %d failing" % (len(items), bad))
    print("\n".join(out))
    return bad

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
