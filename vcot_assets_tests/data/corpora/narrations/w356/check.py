"""Standalone checker for w356 narrations: re-executes each call under sys.settrace,
records per-variable value histories (including self.<attr>) and per-line hit counts,
and verifies claims, answers and error copies. Writes check_report.txt."""
import ast, copy, json, sys

def run(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist, lines, snaps = {}, {}, {}
    last = {}

    def rec(name, val, fid):
        key = (fid, name)
        try:
            v = copy.deepcopy(val)
        except Exception:
            v = val
        if key not in last or not (last[key] == v and type(last[key]) is type(v)):
            last[key] = v
            hist.setdefault(name, []).append(v)

    def snapshot(frame):
        fid = id(frame)
        for k, v in frame.f_locals.items():
            rec(k, v, fid)
            if k == "self" and hasattr(v, "__dict__"):
                for a, av in vars(v).items():
                    rec("self." + a, av, "self")

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        snapshot(frame)
        if event == "line":
            n = frame.f_lineno
            lines[n] = lines.get(n, 0) + 1
            snaps.setdefault(n, []).append({k: copy.deepcopy(v) for k, v in frame.f_locals.items()
                                            if k != "self"} | ({("self." + a): copy.deepcopy(av) for a, av in vars(frame.f_locals["self"]).items()} if "self" in frame.f_locals and hasattr(frame.f_locals["self"], "__dict__") else {}))
        return tracer

    sys.settrace(tracer)
    try:
        res = eval(call, ns)
    finally:
        sys.settrace(None)
    return res, hist, lines, snaps, ns

def lit(s):
    return ast.literal_eval(s)

def arith_lhs(q):
    if "==" in q or "!=" in q or "<=" in q or ">=" in q:
        return None
    if " is " in q:
        return q.rsplit(" is ", 1)[0]
    return q.rsplit("=", 1)[0]

def var_hist(hist, name):
    """History of a variable, or of a subscript of one, e.g. self.jars['salt']."""
    if "[" in name:
        base, sub = name.split("[", 1)
        key = ast.literal_eval(sub.rstrip("]"))
        out = []
        for v in hist.get(base, []):
            try:
                x = v[key]
            except Exception:
                continue
            if not out or out[-1] != x:
                out.append(x)
        return out
    return hist.get(name, [])

def check_claim(c, ctx):
    res, hist, lines, snaps, ns = ctx
    what, val = c["what"], c["value"]
    if what == "value":
        v = lit(val)
        return any(x == v for x in var_hist(hist, c["variable"]))
    if what == "count":
        line = int(c.get("line") or c["variable"].split("line")[-1].strip())
        return lines.get(line, 0) == int(lit(val))
    if what == "comparison":
        return bool(eval(c.get("expr") or c["quote"], {})) == lit(val)
    if what == "arith":
        expr = c.get("expr") or arith_lhs(c["quote"].strip("`").replace("`", ""))
        return eval(expr, {}) == lit(val)
    if what == "call":
        return eval(c.get("expr") or c["quote"], {}) == lit(val)
    if what == "return":
        return res == lit(val)
    raise ValueError(what)

def check_error(item, ctx):
    res, hist, lines, snaps, ns = ctx
    e = item["error"]; chk = e["check"]; t = chk["type"]
    st, ac = e["stated"], e["actual"]
    if t == "hist":
        h = var_hist(hist, chk["var"])[chk["index"]]
        return h == lit(ac) and h != lit(st)
    if t == "at_line":
        h = snaps[chk["line"]][chk["occurrence"]][chk["var"]]
        return h == lit(ac) and h != lit(st)
    if t == "expr":
        v = eval(chk["expr"], {})
        return v == lit(ac) and v != lit(st)
    if t == "count":
        n = lines.get(chk["line"], 0)
        return n == int(ac) and n != int(st)
    if t == "absent":
        return lit(st) not in var_hist(hist, chk["var"]) and lit(ac) in var_hist(hist, chk["var"])
    if t == "answer":
        if item["direction"] == "forward":
            return lit(item["answer"]) != res and lit(ac) == res
        out = lit(item["returned"])
        try:
            got = eval(item["answer"], dict(ns))
        except Exception:
            return True
        return got != out
    raise ValueError(t)

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    out, bad = [], 0
    ids = {i["id"] for i in items}
    for it in items:
        probs = []
        ctx = run(it["code"], it["call"])
        res = ctx[0]
        if repr(res) != it["returned"]:
            probs.append(f"returned mismatch {res!r}")
        last = it["rationale"].strip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            probs.append("answer line mismatch")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("claim quote missing: " + c["quote"])
        if it["label"] == "faithful":
            for c in it["claims"]:
                try:
                    ok = check_claim(c, ctx)
                except Exception as ex:
                    ok = False
                if not ok:
                    probs.append("false claim: " + c["quote"])
            if it["direction"] == "forward":
                if lit(it["answer"]) != res:
                    probs.append("forward answer wrong")
            else:
                got = eval(it["answer"], dict(ctx[4]))
                if got != res:
                    probs.append("backward answer does not reproduce output")
        else:
            e = it["error"]
            if it["faithful_id"] not in ids:
                probs.append("faithful_id missing")
            if e["quote"] not in it["rationale"]:
                probs.append("error quote missing")
            try:
                if not check_error(it, ctx):
                    probs.append("error is not false at its point")
            except Exception as ex:
                probs.append(f"error check crashed: {ex!r}")
            for c in it["claims"]:
                if c.get("is_error"):
                    continue
                try:
                    ok = check_claim(c, ctx)
                except Exception:
                    ok = False
                if not ok:
                    probs.append("false non-error claim: " + c["quote"])
            if e["kind"] not in ("wrong_final_answer", "backward_wrong_input") and not e["carried"]:
                if it["direction"] == "forward" and lit(it["answer"]) != res:
                    probs.append("answer wrong in non-answer error copy")
        status = "PASS" if not probs else "FAIL"
        bad += bool(probs)
        out.append(f"{status} {it['id']} ({it['label']}, {it.get('error') and it['error']['kind']}, claims={len(it['claims'])})" + ("".join("\n    - " + p for p in probs)))
    out.append(f"\n{len(items)} items, {len(items)-bad} pass, {bad} fail")
    open("check_report.txt", "w").write("\n".join(out) + "\n")
    print("\n".join(out))
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
