"""Standalone checker for w467 narrations: runs each program under sys.settrace,
records per-variable value histories and line hit counts, and checks every claim."""
import sys, json, copy, ast

def run(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    snaps, lines = [], {}
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return tracer
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        if event in ("line", "return"):
            try:
                snaps.append(copy.deepcopy(dict(frame.f_locals)))
            except Exception:
                snaps.append(dict(frame.f_locals))
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return ns, result, snaps, lines

def history(snaps, var):
    h = []
    for s in snaps:
        try:
            v = eval(var, {}, s)
        except Exception:
            continue
        v = copy.deepcopy(v)
        if not h or h[-1] != v:
            h.append(v)
    return h

def dedupe(seq):
    out = []
    for x in seq:
        if not out or out[-1] != x:
            out.append(x)
    return out

def contiguous(sub, h):
    sub = dedupe(sub)
    return any(h[i:i + len(sub)] == sub for i in range(len(h) - len(sub) + 1))

def all_values(snaps):
    vals = []
    for s in snaps:
        for v in s.values():
            vals.append(v)
            if isinstance(v, dict):
                vals.extend(v.values())
            elif isinstance(v, (list, tuple)):
                vals.extend(x for x in v if not isinstance(x, (list, dict)))
    return vals

def expr_of(c):
    if c.get("expr"):
        return c["expr"]
    q = c["quote"].replace("`", "").strip().rstrip(",.")
    if c["what"] == "arith":
        return q.rsplit(" = ", 1)[0]
    return q

def eval_expr(e, snaps):
    try:
        return [eval(e, {}, {})]
    except Exception:
        out = []
        for s in snaps:
            try:
                out.append(eval(e, {}, s))
            except Exception:
                pass
        return out

def check_claim(c, snaps, lines, result):
    val = ast.literal_eval(c["value"])
    w = c["what"]
    if w == "return":
        return val == result
    if w == "count":
        if c.get("expr"):
            return val in eval_expr(c["expr"], snaps)
        if "line" in c:
            return lines.get(c["line"], 0) == val
        return len(history(snaps, c["variable"])) == val
    if w in ("arith", "comparison"):
        return val in eval_expr(expr_of(c), snaps)
    if w == "value":
        if c.get("seq"):
            return contiguous(val, history(snaps, c["variable"]))
        if c.get("expr"):
            return val in eval_expr(c["expr"], snaps)
        if c["variable"] is None:
            return True
        return val in history(snaps, c["variable"])
    return False

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")]
    byid = {it["id"]: it for it in items}
    fails, n_claims = [], 0
    for it in items:
        ns, result, snaps, lines = run(it["code"], it["call"])
        probs = []
        if repr(result) != it["returned"]:
            probs.append("returned mismatch %r" % (result,))
        err = it["error"]
        for c in it["claims"]:
            if err and c["quote"] == err["quote"]:
                continue
            if err and err.get("carried"):
                continue
            n_claims += 1
            if not check_claim(c, snaps, lines, result):
                probs.append("claim false: %s" % c["quote"])
        # answer
        if it["direction"] == "forward":
            ans_ok = ast.literal_eval(it["answer"]) == result
        else:
            ns2 = {}
            exec(it["code"], ns2)
            ans_ok = eval(it["answer"], ns2) == result
        last = it["rationale"].strip().splitlines()[-1]
        if it["answer"] not in last:
            probs.append("answer not on last line")
        wrong_answer_kinds = ("wrong_final_answer", "backward_wrong_input")
        if it["label"] == "faithful" or (err and err["kind"] not in wrong_answer_kinds and not (err.get("carried") and it["answer"] != byid[it["faithful_id"]]["answer"])):
            if not ans_ok:
                probs.append("answer wrong")
        if err:
            assert err["quote"] in it["rationale"]
            ck = err["check"]; t = ck["type"]
            stated = ck.get("stated", err["stated"])
            actual = ck.get("actual", err["actual"])
            if t == "arith" or t == "compare":
                ok = ast.literal_eval(stated) not in eval_expr(ck["expr"], snaps)
            elif t == "expr":
                ok = ast.literal_eval(stated) not in eval_expr(ck["expr"], snaps)
            elif t == "count_var":
                ok = len(history(snaps, ck["variable"])) != ast.literal_eval(stated)
            elif t == "count":
                ok = lines.get(ck["line"], 0) != ast.literal_eval(stated)
            elif t == "at":
                h = history(snaps, ck["variable"])
                ok = h[ck["index"]] != ast.literal_eval(stated) and h[ck["index"]] == ast.literal_eval(actual)
            elif t == "never":
                sv = ast.literal_eval(ck.get("value", stated))
                ok = sv not in history(snaps, ck["variable"])
            elif t == "seq_absent":
                ok = not contiguous(ast.literal_eval(stated), history(snaps, ck["variable"]))
            elif t == "answer":
                ok = not ans_ok
            else:
                ok = False
            if not ok:
                probs.append("error not false: " + err["quote"])
            if err.get("held_elsewhere"):
                sv = ast.literal_eval(stated)
                svs = sv if isinstance(sv, list) else [sv]
                pool = all_values(snaps)
                if not all(any(x == p for p in pool) for x in svs):
                    probs.append("held_elsewhere value not held anywhere: " + stated)
            orig = byid[it["faithful_id"]]
            if err["kind"] == "wrong_final_answer" and it["rationale"].rsplit("\n", 1)[0] != orig["rationale"].rsplit("\n", 1)[0]:
                probs.append("wrong_final_answer body differs")
        if probs:
            fails.append((it["id"], probs))
    lines_out = []
    lines_out.append("items: %d  faithful: %d  error: %d  claims checked: %d" % (
        len(items), sum(i["label"] == "faithful" for i in items), sum(i["label"] == "error" for i in items), n_claims))
    for i, p in fails:
        lines_out.append("FAIL %s: %s" % (i, "; ".join(p)))
    lines_out.append("RESULT: %s" % ("PASS" if not fails else "FAIL (%d)" % len(fails)))
    print("\n".join(lines_out))
    return 0 if not fails else 1

if __name__ == "__main__":
    sys.exit(main())
