"""Standalone checker for w318 narrations: re-executes each program with sys.settrace,
records per-function variable histories (including self.<attr>) and per-line hit counts,
and verifies every claim of faithful items and the single error of each error copy."""
import sys, json, copy, re

def run(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist, lines = {}, {}
    def snap(frame):
        h = hist.setdefault(frame.f_code.co_name, {})
        items = dict(frame.f_locals)
        s = items.get("self")
        if s is not None and hasattr(s, "__dict__"):
            for k, v in vars(s).items():
                items["self." + k] = v
        for k, v in items.items():
            if k == "self":
                continue
            try:
                v = copy.deepcopy(v)
            except Exception:
                continue
            seq = h.setdefault(k, [])
            if not seq or repr(seq[-1]) != repr(v):
                seq.append(v)
    def tr(frame, ev, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if ev == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        if ev in ("line", "return"):
            snap(frame)
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines, g

def values_of(hist, var):
    out = []
    for fn, h in hist.items():
        if var in h:
            out.extend(h[var])
    return out

def lit(s):
    return eval(s, {})

def arith_expr(q):
    q = q.strip("` ")
    q = re.sub(r"\s+(is|gives|equals|->)\s+", " = ", q)
    left = q.rsplit("=", 1)[0] if "==" not in q.rsplit("=", 1)[0][-1:] else q
    return left.strip()

def check_claim(c, ret, hist, lines, g, item):
    what = c["what"]; val = lit(c["value"]) if what != "call" else c["value"]
    if what == "value":
        if c.get("sequence"):
            seq = values_of(hist, c["variable"]); k = 0
            for v in seq:
                if k < len(val) and v == val[k]:
                    k += 1
            return k == len(val), "sequence %r not a subsequence of %s history" % (val, c["variable"])
        if c["variable"] is None:
            pool = [v for h in hist.values() for seq in h.values() for v in seq] + [ret]
        else:
            pool = values_of(hist, c["variable"])
        return any(repr(v) == repr(val) or v == val for v in pool), "value %r not in history of %s" % (val, c["variable"])
    if what == "count":
        m = re.search(r"line\s*(\d+)", c["variable"] or "")
        ln = int(c.get("line") or (m.group(1) if m else 0))
        return lines.get(ln, 0) == val, "line %d ran %d times, claimed %r" % (ln, lines.get(ln, 0), val)
    if what in ("comparison", "arith"):
        expr = c.get("expr") or arith_expr(c["quote"])
        got = eval(expr, dict(g))
        return got == val, "%s evaluates to %r, claimed %r" % (expr, got, val)
    if what == "return":
        return ret == val, "returned %r, claimed %r" % (ret, val)
    if what == "call":
        got = eval(val, dict(g))
        return got == ret, "%s gives %r" % (val, got)
    return False, "unknown claim kind"

def error_is_false(e, ret, hist, lines, g, item):
    ck = e["check"]; t = ck["type"]
    stated = lit(e["stated"]) if t not in ("answer_call",) else e["stated"]
    if t == "hist":
        seq = hist[ck["func"]][ck["var"]]
        actual = seq[ck["index"]]
        ok = repr(actual) != repr(stated) and repr(actual) == repr(lit(e["actual"]))
        if e.get("held_elsewhere"):
            ok = ok and any(repr(v) == repr(stated) for h in hist.values() for s in h.values() for v in s)
        return ok, "history %s[%d]=%r stated %r" % (ck["var"], ck["index"], actual, stated)
    if t == "absent":
        pool = values_of(hist, ck["var"])
        return all(repr(v) != repr(stated) for v in pool), "%r found in %s history" % (stated, ck["var"])
    held_ok = True
    if e.get("held_elsewhere"):
        held_ok = any(repr(v) == repr(stated) for h in hist.values() for s in h.values() for v in s)
    if t == "count":
        n = lines.get(ck["line"], 0)
        return n != stated and n == lit(e["actual"]) and held_ok, "line %d ran %d (held ok %s)" % (ck["line"], n, held_ok)
    if t == "eval":
        got = eval(ck["expr"], dict(g))
        return got != stated and got == lit(e["actual"]) and held_ok, "%s = %r stated %r (held ok %s)" % (ck["expr"], got, stated, held_ok)
    if t == "answer":
        return stated != ret, "answer equals return"
    if t == "answer_call":
        return eval(stated, dict(g)) != ret, "call returns the output"
    return False, "unknown check"

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")]
    byid = {it["id"]: it for it in items}
    fails = 0; out = []
    for it in items:
        ret, hist, lines, g = run(it["code"], it["call"])
        probs = []
        if repr(ret) != it["returned"]:
            probs.append("returned mismatch %r vs %s" % (ret, it["returned"]))
        r = it["rationale"]
        last = r.strip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            probs.append("Answer line does not match answer field")
        for c in it["claims"]:
            if c["quote"] not in r:
                probs.append("quote not in rationale: %r" % c["quote"])
        if it["label"] == "faithful":
            for c in it["claims"]:
                ok, msg = check_claim(c, ret, hist, lines, g, it)
                if not ok:
                    probs.append("claim %r: %s" % (c["quote"], msg))
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret:
                    probs.append("forward answer wrong")
            else:
                if eval(it["answer"], dict(g)) != ret:
                    probs.append("backward answer does not reproduce output")
        else:
            e = it["error"]
            if e["quote"] not in r:
                probs.append("error quote missing")
            ok, msg = error_is_false(e, ret, hist, lines, g, it)
            if not ok:
                probs.append("error not false: " + msg)
            f = byid.get(it["faithful_id"])
            if f is None:
                probs.append("faithful missing")
            elif f["rationale"] == r:
                probs.append("error copy identical to faithful")
            # the other claims (all but the error one) must still hold
            for c in it["claims"]:
                if c["quote"] == e["quote"]:
                    continue
                ok, msg = check_claim(c, ret, hist, lines, g, it)
                if not ok and not e.get("carried"):
                    probs.append("non-error claim false %r: %s" % (c["quote"], msg))
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        out.append("%s %s (%d claims)%s" % (status, it["id"], len(it["claims"]), "".join("\n    " + p for p in probs)))
    out.append("items: %d  failures: %d" % (len(items), fails))
    print("\n".join(out))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
