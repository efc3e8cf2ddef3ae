#!/usr/bin/env python3
"""Standalone checker for w235 narrations: re-runs every program under sys.settrace
and checks each narration's claims, answer and (for error copies) that the error is false."""
import sys, json, copy, re

def run_traced(code, call):
    """Run call; return (result, histories, line_hits, returns).
    histories: name -> list of values (consecutive-distinct), names 'var', 'func:var', 'self.attr'."""
    ns = {"__name__": "w235prog"}
    exec(compile(code, "<prog>", "exec"), ns)
    hist, hits, rets = {}, {}, {}
    seq = []
    hits["seq"] = seq
    def push(key, val):
        try:
            v = copy.deepcopy(val)
        except Exception:
            return
        h = hist.setdefault(key, [])
        if not h or not _eq(h[-1], v):
            h.append(v)
    def snap(frame):
        fn = frame.f_code.co_name
        for k, v in frame.f_locals.items():
            if k == "self":
                d = getattr(v, "__dict__", {})
                for a, av in d.items():
                    push("self." + a, av)
                continue
            if callable(v) and not isinstance(v, (list, dict, set, tuple)):
                continue
            push(k, v)
            push(fn + ":" + k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return tracer
        if event == "line":
            snap(frame)
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
            seq.append(frame.f_lineno)
        elif event == "return":
            snap(frame)
            rets.setdefault(frame.f_code.co_name, []).append(copy.deepcopy(arg))
        return tracer
    sys.settrace(tracer)
    try:
        res = eval(call, ns)
    finally:
        sys.settrace(None)
    return res, hist, hits, rets

def _eq(a, b):
    try:
        return type(a) == type(b) and a == b or (isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and not isinstance(b, bool) and a == b)
    except Exception:
        return False

def lit(s):
    import ast
    return ast.literal_eval(s) if isinstance(s, str) else s

def claim_truth(c, run, ret_repr, code):
    """Return (is_true, explanation)."""
    res, hist, hits, rets = run
    what, var = c["what"], c.get("variable")
    val = lit(c["value"])
    if what == "value":
        if var is None:
            expr = c.get("expr")
            if not expr:
                return False, "value claim without variable or expr"
            got = eval(expr, {})
            return _eq(got, val), "expr %r = %r" % (expr, got)
        h = hist.get(var)
        m = re.match(r"^([\w.]+)\[(.+)\]$", var)
        if h is None and m and m.group(1) in hist:
            k = lit(m.group(2))
            h = []
            for x in hist[m.group(1)]:
                try:
                    y = x[k]
                except Exception:
                    continue
                if not h or not _eq(h[-1], y):
                    h.append(y)
        if h is None:
            return False, "no variable %s" % var
        if c.get("seq"):
            val = [x for i, x in enumerate(val) if i == 0 or not _eq(x, val[i - 1])]
            n = len(val)
            ok = any(all(_eq(a, b) for a, b in zip(h[i:i + n], val)) and len(h[i:i + n]) == n for i in range(len(h)))
            return ok, "%s history %r" % (var, h[:40])
        if "at" in c:
            at = c["at"]
            if at >= len(h):
                return False, "index %d beyond history %r" % (at, h)
            return _eq(h[at], val), "%s[%d] = %r" % (var, at, h[at])
        return any(_eq(x, val) for x in h), "%s history %r" % (var, h[:40])
    if what == "count":
        m = re.match(r"loop@line (\d+)$", var or "")
        m2 = re.match(r"loop@line (\d+) in round (\d+) of line (\d+)$", var or "")
        if m2:
            body, rnd, outer = int(m2.group(1)), int(m2.group(2)), int(m2.group(3))
            seq, k, n, inside = hits["seq"], 0, 0, False
            for ln in seq:
                if ln == outer:
                    k += 1
                    inside = (k == rnd)
                elif inside and ln == body:
                    n += 1
        elif m:
            n = hits.get(int(m.group(1)), 0)
        elif var and var.startswith("values:"):
            n = len(hist.get(var[7:], []))
        elif var and var.startswith("calls:"):
            n = len(rets.get(var[6:], []))
        else:
            return False, "bad count variable %r" % var
        return n == val, "count %s = %d" % (var, n)
    if what == "arith":
        expr = c.get("expr")
        if not expr:
            parts = re.split(r"(?<![=<>!])=(?!=)", c["quote"].replace("`", ""))
            expr = parts[-2] if len(parts) > 1 else parts[0]
            expr = re.sub(r"\bis\b.*$", "", expr)
        got = eval(expr, {})
        return _eq(got, val) or (isinstance(got, float) and isinstance(val, (int, float)) and abs(got - val) < 1e-9), "arith = %r" % (got,)
    if what == "comparison":
        got = eval(c.get("expr", c["quote"].replace("`", "")), {})
        return bool(got) == bool(val), "comparison = %r" % (got,)
    if what == "return":
        if var and var in rets and var != c.get("_top"):
            return any(_eq(r, val) for r in rets[var]), "returns of %s %r" % (var, rets[var])
        return repr(val) == ret_repr or _eq(val, lit(ret_repr)), "returned %s" % ret_repr
    if what == "call":
        r = rets.get(var, [])
        return any(_eq(x, val) for x in r), "returns of %s %r" % (var, r)
    return False, "unknown what %r" % what

def call_returns(code, call):
    ns = {"__name__": "w235prog"}
    exec(compile(code, "<prog>", "exec"), ns)
    return repr(eval(call, ns))

def check_item(it, cache):
    errs = []
    key = (it["code"], it["call"])
    if key not in cache:
        cache[key] = run_traced(it["code"], it["call"])
    run = cache[key]
    if repr(run[0]) != it["returned"]:
        errs.append("returned mismatch %r vs %r" % (repr(run[0]), it["returned"]))
    rat = it["rationale"]
    last = rat.rstrip().splitlines()[-1]
    if not last.startswith("Answer:") and not last.startswith("Predicted Output:"):
        errs.append("last line not Answer")
    if it["answer"] not in last:
        errs.append("answer not in last line")
    for c in it["claims"]:
        if c["quote"] not in rat:
            errs.append("quote not in rationale: %r" % c["quote"])
    err = it["error"]
    eq = err["quote"] if err else None
    if err:
        if eq not in rat:
            errs.append("error quote not in rationale")
        if err["stated"] not in eq:
            errs.append("stated not in error quote")
    # answer check
    if it["direction"] == "forward":
        ans_ok = repr(lit(it["answer"])) == it["returned"] or _eq(lit(it["answer"]), run[0])
    else:
        fn = it["answer"].split("(")[0].strip()
        if fn != it["function"]:
            errs.append("backward answer calls %s not %s" % (fn, it["function"]))
        try:
            ans_ok = call_returns(it["code"], it["answer"]) == it["returned"]
        except Exception as e:
            ans_ok = False
    # claims
    in_err, outside = [], []
    for c in it["claims"]:
        t, why = claim_truth(c, run, it["returned"], it["code"])
        if err and (c["quote"] in eq or eq in c["quote"]):
            in_err.append((c, t, why))
        else:
            outside.append((c, t, why))
    for c, t, why in outside:
        if not t and not (err and err.get("carried")):
            errs.append("false claim %r: %s" % (c["quote"], why))
    if it["label"] == "faithful":
        if err is not None or it["faithful_id"] is not None:
            errs.append("faithful item with error")
        for c, t, why in in_err:
            pass
        if not ans_ok:
            errs.append("answer wrong: %r" % it["answer"])
    else:
        k = err["kind"]
        if k in ("wrong_final_answer", "backward_wrong_input"):
            if ans_ok:
                errs.append("%s but answer is right" % k)
            if k == "wrong_final_answer" and it["direction"] != "forward":
                errs.append("wrong_final_answer on backward")
            if k == "backward_wrong_input" and it["direction"] != "backward":
                errs.append("backward_wrong_input on forward")
        else:
            if not ans_ok and not err.get("carried"):
                errs.append("answer wrong in %s copy" % k)
            if not in_err:
                errs.append("no claim covers the error quote")
            elif all(t for c, t, why in in_err):
                errs.append("error claim(s) are all true: %s" % [w for _, _, w in in_err])
            # where the wrong claim pins a point of the history, the recorded 'actual' must be what execution holds there
            for c, t, why in in_err:
                if c["what"] == "value" and "at" in c and c.get("variable"):
                    try:
                        act = lit(err["actual"])
                    except Exception:
                        continue
                    h = run[1].get(c["variable"])
                    if h is not None and c["at"] < len(h) and not _eq(h[c["at"]], act):
                        errs.append("error actual %r != execution value %r at that point" % (act, h[c["at"]]))
            if err.get("held_elsewhere"):
                # stated value must occur in the run somewhere, but be false at the point
                ok = False
                for c, t, why in in_err:
                    if t:
                        continue
                    v = lit(c["value"])
                    if c["what"] == "value" and c.get("variable") in run[1]:
                        ok = "at" in c and any(_eq(x, v) for x in run[1][c["variable"]])
                    elif c["what"] == "count":
                        # the stated count must be the real count of another loop/round (named in held_ref)
                        ref = dict(c, variable=c.get("held_ref", ""))
                        ok = bool(c.get("held_ref")) and claim_truth(ref, run, it["returned"], it["code"])[0]
                    elif c["what"] in ("arith",):
                        ok = any(_eq(x, v) for h in run[1].values() for x in h)
                    else:
                        ok = any(_eq(x, v) for h in run[1].values() for x in h)
                if not ok:
                    errs.append("held_elsewhere not confirmed (value must occur elsewhere and claim have 'at')")
        if k == "off_by_one_loop_count":
            for c, t, why in in_err:
                if c["what"] == "count":
                    n = int(why.split("=")[-1])
                    if abs(n - lit(c["value"])) != 1:
                        errs.append("off_by_one not off by one")
    return errs

def main(path, report):
    items = [json.loads(l) for l in open(path) if l.strip()]
    cache, bad, lines = {}, 0, []
    ids = set()
    for it in items:
        if it["id"] in ids:
            lines.append("DUP id " + it["id"]); bad += 1
        ids.add(it["id"])
        try:
            e = check_item(it, cache)
        except Exception as ex:
            e = ["exception %r" % ex]
        if e:
            bad += 1
            lines.append("FAIL %s: %s" % (it["id"], "; ".join(e)))
        else:
            lines.append("ok   %s (%d claims)" % (it["id"], len(it["claims"])))
    # faithful refs
    fids = {it["id"] for it in items if it["label"] == "faithful"}
    for it in items:
        if it["label"] == "error" and it["faithful_id"] not in fids:
            lines.append("FAIL %s: faithful_id missing" % it["id"]); bad += 1
    lines.append("%d items, %d failing" % (len(items), bad))
    out = "\n".join(lines)
    open(report, "w").write(out + "\n")
    print(out)
    return bad

if __name__ == "__main__":
    p = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
    r = sys.argv[2] if len(sys.argv) > 2 else "check_report.txt"
    sys.exit(1 if main(p, r) else 0)
