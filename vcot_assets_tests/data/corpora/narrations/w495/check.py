"""Standalone checker for w495 narrations: re-executes each program with sys.settrace,
records per-variable value histories and per-line hit counts, and checks every claim."""
import ast, copy, json, sys

def run(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist, lines, last = {}, {}, {}
    global LINEVALS, LINESEQ
    LINEVALS, LINESEQ = {}, []
    def snap(frame):
        for k, v in frame.f_locals.items():
            items = [(k, v)]
            if hasattr(v, "__dict__") and not callable(v):
                items += [(k + "." + a, b) for a, b in vars(v).items()]
            for name, val in items:
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    continue
                key = (id(frame), name)
                if key not in last or last[key] != val or type(last[key]) != type(val):
                    last[key] = val
                    h = hist.setdefault(name, [])
                    if not h or h[-1] != val:
                        h.append(val)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        snap(frame)
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            st = {}
            for k, v in frame.f_locals.items():
                try:
                    st[k] = copy.deepcopy(v)
                except Exception:
                    pass
            LINEVALS.setdefault(frame.f_lineno, []).append(st)
            LINESEQ.append(frame.f_lineno)
        if event == "return":
            hist.setdefault("<return:" + frame.f_code.co_name + ">", []).append(copy.deepcopy(arg))
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines, ns

def lit(s):
    return ast.literal_eval(s)

def anywhere(hist, v):
    return any(v in h for h in hist.values())

def check_claim(c, ret, hist, lines, ns):
    what, var = c["what"], c.get("variable")
    v = lit(c["value"])
    if "seg" in c:  # per-outer-iteration counts of an inner line
        segs, cur = [], None
        for ln in LINESEQ:
            if ln == c["seg"]["split"]:
                if cur is not None: segs.append(cur)
                cur = 0
            elif ln == c["seg"]["line"] and cur is not None:
                cur += 1
        if cur is not None: segs.append(cur)
        return segs == v
    if what == "value" and c.get("hist_seq"):
        seq = hist.get(var, [])
        return any(seq[i:i + len(v)] == v for i in range(len(seq) - len(v) + 1))
    if what == "value" and "seq_at_line" in c:
        seq = [st[var] for st in LINEVALS.get(c["seq_at_line"], []) if var in st]
        return any(seq[i:i + len(v)] == v for i in range(len(seq) - len(v) + 1))
    if what == "value":
        if var is None:
            return anywhere(hist, v) or v == ret
        return v in hist.get(var, [])
    if what == "count":
        if "@header" in var:  # a for-loop header line is hit once per iteration plus the final exit
            return lines.get(int(var.split("@header")[1]), 0) - 1 == v
        line = int(var.split("@line")[1]) if "@line" in var else int(c["line"])
        return lines.get(line, 0) == v
    if what in ("arith", "comparison"):
        expr = c.get("expr") or c["quote"].split("=")[0]
        return eval(expr, {}) == v
    if what == "return":
        return v == ret
    if what == "call":
        return eval(v, ns) == ret
    raise ValueError(what)

def error_is_false(it, ret, hist, lines, ns):
    e = it["error"]; chk = e["check"]
    stated = lit(e.get("stated_value", e["stated"])) if chk.get("type") not in ("answer",) else None
    t = chk["type"]
    if t == "hist":
        h = hist.get(chk["var"], [])
        ok = chk["i"] < len(h) and h[chk["i"]] != stated and h[chk["i"]] == lit(e["actual"])
        if e.get("held_elsewhere"):
            ok = ok and anywhere(hist, stated)
        return ok
    if t == "count":
        got = lines.get(chk["line"], 0) - (1 if chk.get("header") else 0)
        ok = got != stated and got == lit(e["actual"])
        if e.get("held_elsewhere"):
            ok = ok and anywhere(hist, stated)
        return ok
    if t == "arith":
        ok = eval(chk["expr"], {}) != stated
        if e.get("held_elsewhere"):
            ok = ok and anywhere(hist, stated)
        return ok
    if t == "atline":
        seq = [st[chk["var"]] for st in LINEVALS.get(chk["line"], []) if chk["var"] in st]
        ok = chk["i"] < len(seq) and seq[chk["i"]] != stated and seq[chk["i"]] == lit(e["actual"])
        if e.get("held_elsewhere"):
            ok = ok and anywhere(hist, stated)
        return ok
    if t == "cmp":
        return eval(chk["expr"], {}) != stated
    if t == "never":
        return not anywhere(hist, stated) if chk.get("var") is None else stated not in hist.get(chk["var"], [])
    if t == "answer":
        if it["direction"] == "forward":
            return lit(it["answer"]) != ret
        return eval(it["answer"], ns) != ret
    raise ValueError(t)

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    fails, n = [], 0
    for it in items:
        n += 1
        ret, hist, lines, ns = run(it["code"], it["call"])
        probs = []
        if repr(ret) != it["returned"]:
            probs.append("returned mismatch %r" % (ret,))
        last = it["rationale"].rstrip().splitlines()[-1]
        if it["answer"] not in last:
            probs.append("answer not in last line")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("quote missing: " + c["quote"])
        if it["label"] == "faithful":
            for c in it["claims"]:
                try:
                    ok = check_claim(c, ret, hist, lines, ns)
                except Exception as ex:
                    ok = False
                if not ok:
                    probs.append("false claim: %s" % c)
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret: probs.append("forward answer wrong")
            else:
                if eval(it["answer"], ns) != ret: probs.append("backward answer wrong")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                probs.append("error quote missing")
            if not error_is_false(it, ret, hist, lines, ns):
                probs.append("error not false: %s" % e)
            ek = e["kind"]
            if ek not in ("wrong_final_answer", "backward_wrong_input"):
                if it["direction"] == "forward" and lit(it["answer"]) != ret and not e.get("carried"):
                    probs.append("final answer unexpectedly wrong")
            # all other claims (not the error one) must still hold
            for c in it["claims"]:
                if c["quote"] == e["quote"] or c.get("is_error"):
                    continue
                try:
                    ok = check_claim(c, ret, hist, lines, ns)
                except Exception:
                    ok = False
                if not ok and not e.get("carried"):
                    probs.append("other claim false: %s" % c)
        if probs:
            fails.append((it["id"], probs))
    out = ["items checked: %d" % n, "failures: %d" % len(fails)]
    for i, p in fails:
        out.append("FAIL %s" % i)
        out += ["   " + x for x in p]
    out.append("RESULT: " + ("PASS" if not fails else "FAIL"))
    print("\n".join(out))
    return 0 if not fails else 1

if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"))
