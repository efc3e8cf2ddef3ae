"""Standalone checker for w366 narrations: re-executes every program with sys.settrace,
records per-variable value histories and per-line hit counts, and checks every claim,
the answer, and that each error copy's error is really false at that point."""
import ast, copy, json, sys, os

HERE = os.path.dirname(os.path.abspath(__file__))
FN = "<w366prog>"

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call):
    hist, lines = {}, {}
    def record(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    add("self." + a, av)
                continue
            add(k, v)
    def add(k, v):
        h = hist.setdefault(k, [])
        s = snap(v)
        if not h or h[-1] != s or type(h[-1]) != type(s):
            h.append(s)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            record(frame)
        elif event == "return":
            record(frame)
        return tracer
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    sys.settrace(tracer)
    try:
        ret = eval(compile(call, FN + "call", "eval"), ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def call_value(code, call):
    ns = {}
    exec(compile(code, "<plain>", "exec"), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def contiguous(seq, h):
    n = len(seq)
    return any(h[i:i + n] == seq for i in range(len(h) - n + 1))

def arith_expr(c):
    if c.get("expr"):
        return c["expr"]
    q = c["quote"].replace("`", "")
    return q.rsplit("=", 1)[0]

def in_any(hist, v):
    return any(v in h for h in hist.values())

def claim_ok(c, it, ret, hist, lines):
    w, var, val = c["what"], c["variable"], c["value"]
    if w == "value":
        v = lit(val)
        if c.get("sequence"):
            return var in hist and contiguous(v, hist[var])
        if "index" in c:
            return var in hist and hist[var][c["index"]] == v
        if var is None:
            return in_any(hist, v) or v == ret
        return var in hist and v in hist[var]
    if w == "count":
        line = int(var.split("line")[-1])
        return lines.get(line, 0) == int(val)
    if w == "comparison":
        return bool(eval(c["expr"])) == lit(val)
    if w == "arith":
        return eval(arith_expr(c)) == lit(val)
    if w == "return":
        return lit(val) == ret
    if w == "call":
        return call_value(it["code"], c["quote"]) == lit(val)
    raise ValueError(w)

def error_ok(it, ret, hist, lines):
    e = it["error"]; ck = e["check"]; t = ck["type"]; msgs = []
    if t == "arith":
        ok = eval(ck["expr"]) != lit(e["stated"])
    elif t == "compare":
        ok = bool(eval(ck["expr"])) != lit(e["stated"])
    elif t == "count":
        ok = lines.get(ck["line"], 0) != int(e["stated"])
    elif t == "history":
        h = hist[ck["var"]]
        ok = h[ck["index"]] != lit(ck["value"])
        if e.get("held_elsewhere"):
            ok = ok and in_any(hist, lit(ck["value"]))
    elif t == "sequence":
        ok = not contiguous(lit(ck["value"]), hist[ck["var"]])
        if e.get("held_elsewhere"):
            ok = ok and lit(ck["elsewhere_value"]) in hist[ck["elsewhere_var"]]
    elif t == "never":
        ok = lit(ck["value"]) not in hist[ck["var"]]
    elif t == "answer":
        if it["direction"] == "forward":
            ok = lit(it["answer"]) != ret
        else:
            ok = call_value(it["code"], it["answer"]) != ret
    else:
        raise ValueError(t)
    if ok and e.get("held_elsewhere") and t in ("arith", "count"):
        sv = lit(e["stated"])
        ok = in_any(hist, sv) or sv in lines.values()
    ok = ok and e["quote"] in it["rationale"]
    return ok

def main():
    items = [json.loads(l) for l in open(os.path.join(HERE, "narrations.jsonl")) if l.strip()]
    fails, out = 0, []
    for it in items:
        problems = []
        ret, hist, lines = run(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            problems.append("returned mismatch")
        last = it["rationale"].strip().splitlines()[-1]
        if last != "Answer: " + it["answer"]:
            problems.append("answer line mismatch")
        claims = it["claims"]
        err_claim = claims[-1] if it["label"] == "error" else None
        for c in claims:
            if c["quote"] not in it["rationale"]:
                problems.append("quote missing: " + c["quote"])
                continue
            try:
                good = claim_ok(c, it, ret, hist, lines)
            except Exception as ex:
                good = False; problems.append(f"claim exception {c['quote']!r}: {ex}")
            if c is err_claim:
                if good:
                    problems.append("error claim is TRUE: " + c["quote"])
            elif not good:
                problems.append("false claim: " + c["quote"])
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == ret
        else:
            ans_ok = call_value(it["code"], it["answer"]) == ret
        if it["label"] == "faithful":
            if not ans_ok:
                problems.append("faithful answer wrong")
        else:
            k = it["error"]["kind"]
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    problems.append("answer error not wrong")
            elif not ans_ok:
                problems.append("answer wrong in non-answer error")
            if not error_ok(it, ret, hist, lines):
                problems.append("error check failed (error not confirmed false)")
        status = "PASS" if not problems else "FAIL"
        fails += bool(problems)
        out.append(f"{status} {it['id']} ({it['label']}, {it['error']['kind'] if it['error'] else '-'}, {len(claims)} claims)"
                   + ("".join("\n    " + p for p in problems)))
    out.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    txt = "\n".join(out)
    print(txt)
    with open(os.path.join(HERE, "check_report.txt"), "w") as f:
        f.write(txt + "\n")
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
