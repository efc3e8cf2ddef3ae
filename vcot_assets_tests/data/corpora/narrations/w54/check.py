#!/usr/bin/env python3
"""Standalone checker for the w54 narration corpus.

Runs every program's call under sys.settrace and records, per variable, the history of
values it takes (consecutive duplicates collapsed). Local variables are recorded by name,
instance attributes of `self` as `self.<attr>`, return values of every frame under
`return:<funcname>`. Line hit counts are recorded too (for loop counts).

Claims:
  value      -> literal value occurs in the variable's history
  count      -> variable "loop@line N" (N = 1-based line of the loop header in `code`):
                number of executions of the header's first body line (N+1) equals value;
                variable "line@N": number of executions of line N equals value;
                any other variable name: number of distinct values it took (len history)
  comparison -> claim["expr"] (or the backticked text in quote) evaluates to value
  arith      -> claim["expr"] (or the quote's left side of '=' / ' is ') evaluates to value
  return     -> value == the call's return value
  call       -> evaluating value (a call) returns the traced output
Error copies: the error claim must be FALSE.  If error["held_elsewhere"] the stated value
must occur in the run (some variable history) but differ from history[error["at"]] of
error["variable"] (the point named in the text), which must equal error["actual"].
Usage: python3 check.py narrations.jsonl [--dump programs.jsonl ID]
"""
import ast, json, sys, re, copy
from collections import defaultdict


def run_traced(code, call):
    g = {"__name__": "w54prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist = defaultdict(list)
    lines = defaultdict(int)

    def rec(name, val):
        try:
            v = copy.deepcopy(val)
        except Exception:
            v = val
        h = hist[name]
        if not h or not (type(h[-1]) == type(v) and h[-1] == v):
            h.append(v)

    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for ak, av in getattr(v, "__dict__", {}).items():
                    rec("self." + ak, av)
            elif not k.startswith("__") and not callable(v):
                rec(k, v)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event in ("line", "return"):
            snap(frame)
        if event == "line":
            lines[frame.f_lineno] += 1
        if event == "return":
            rec("return:" + frame.f_code.co_name, arg)
        return tracer

    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines


def plain_call(code, call):
    g = {"__name__": "w54prog"}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)


def lit(s):
    return ast.literal_eval(s)


def arith_expr(claim):
    if claim.get("expr"):
        return claim["expr"]
    q = claim["quote"].replace("`", "")
    for sep in ("==", " = ", "=", " is ", " gives "):
        if sep in q and sep != "==":
            return q.split(sep)[0]
    return q


def cmp_expr(claim):
    if claim.get("expr"):
        return claim["expr"]
    m = re.search(r"`([^`]+)`", claim["quote"])
    return m.group(1) if m else claim["quote"]


def eq(a, b):
    return type(a) == type(b) and a == b or (isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and not isinstance(b, bool) and a == b)


def get_hist(hist, var):
    """History of a variable; 'base[key]' derives a history from base's values."""
    if var in hist:
        return hist[var]
    if var and "[" in var:
        base, rest = var[:var.index("[")], var[var.index("["):]
        out = []
        for v in hist.get(base, []):
            try:
                x = eval("v" + rest, {"v": v})
            except Exception:
                continue
            if not out or out[-1] != x:
                out.append(x)
        return out if out else None
    return None


def claim_true(claim, ctx):
    """Return (ok, detail)."""
    ret, hist, lines = ctx["ret"], ctx["hist"], ctx["lines"]
    what = claim["what"]
    try:
        val = lit(claim["value"]) if what != "call" else claim["value"]
    except Exception as e:
        return False, "bad literal %r" % claim["value"]
    if what == "value":
        var = claim["variable"]
        h = get_hist(hist, var)
        if h is None:
            return False, "no variable %s" % var
        return any(eq(x, val) for x in h), "%s history %r" % (var, h[:40])
    if what == "count":
        var = claim["variable"]
        m = re.match(r"loop@line (\d+)", var or "")
        m2 = re.match(r"line@(\d+)", var or "")
        if m:
            n = lines.get(int(m.group(1)) + 1, 0)
        elif m2:
            n = lines.get(int(m2.group(1)), 0)
        else:
            n = len(hist.get(var, []))
        return n == val, "count %s = %d" % (var, n)
    if what == "comparison":
        e = cmp_expr(claim)
        r = bool(eval(e, {}))
        return r == val, "%s -> %r" % (e, r)
    if what == "arith":
        e = arith_expr(claim)
        r = eval(e, {})
        return eq(r, val), "%s -> %r" % (e, r)
    if what == "return":
        return eq(ret, val), "returned %r" % (ret,)
    if what == "call":
        r = plain_call(ctx["code"], val)
        return eq(r, ret), "%s -> %r" % (val, r)
    return False, "unknown what"


def all_values(hist):
    out = []
    for h in hist.values():
        out.extend(h)
    return out


def check_item(it, cache):
    errs = []
    key = (it["code"], it["call"])
    if key not in cache:
        ret, hist, lines = run_traced(it["code"], it["call"])
        cache[key] = dict(ret=ret, hist=hist, lines=lines, code=it["code"])
    ctx = cache[key]
    ret = ctx["ret"]
    if repr(ret) != it["returned"]:
        errs.append("returned mismatch %r vs %s" % (ret, it["returned"]))
    if not it["rationale"].rstrip().splitlines()[-1].startswith(("Answer:", "Predicted Output:")) and "Answer:" not in it["rationale"]:
        errs.append("no answer line")
    for c in it["claims"]:
        if c["quote"] not in it["rationale"]:
            errs.append("claim quote not in rationale: %r" % c["quote"])
    # answer
    if it["direction"] == "forward":
        ans_ok = eq(lit(it["answer"]), ret)
    else:
        ans_ok = it["answer"].startswith(it["function"]) and eq(plain_call(it["code"], it["answer"]), ret)
    last = it["rationale"].rstrip().splitlines()[-1]
    if it["answer"] not in last:
        errs.append("answer not in last line")
    if it["label"] == "faithful":
        if not ans_ok:
            errs.append("faithful answer wrong: %s" % it["answer"])
        for c in it["claims"]:
            ok, d = claim_true(c, ctx)
            if not ok:
                errs.append("false claim %r: %s" % (c["quote"], d))
        return errs
    # error copy
    e = it["error"]
    if e["quote"] not in it["rationale"]:
        errs.append("error quote not in rationale")
    k = e["kind"]
    if k == "wrong_final_answer":
        if ans_ok:
            errs.append("wrong_final_answer but answer is right")
        if it["direction"] != "forward":
            errs.append("wrong_final_answer on backward")
        return errs
    if k == "backward_wrong_input":
        if ans_ok:
            errs.append("backward_wrong_input but call returns output")
        return errs
    if not ans_ok:
        errs.append("answer wrong in non-answer error kind")
    # find the error claim
    ecl = [c for c in it["claims"] if c["quote"] == e["quote"]]
    if not ecl:
        errs.append("no claim for error quote")
        return errs
    c = ecl[0]
    ok, d = claim_true(c, ctx)
    if e.get("held_elsewhere"):
        var, at = e.get("variable"), e.get("at")
        h = get_hist(ctx["hist"], var) if var else None
        stated = lit(c["value"])
        if c["what"] == "count":
            ok2, d2 = claim_true(c, ctx)
            n = None if ok2 else stated
            if ok2:
                errs.append("held_elsewhere count not false")
            if not any(eq(x, stated) for x in all_values(ctx["hist"])):
                errs.append("held_elsewhere count value not held anywhere")
        else:
            if h is None or at is None or at >= len(h):
                errs.append("held_elsewhere needs variable/at: %r" % ((var, at),))
            else:
                if eq(h[at], stated):
                    errs.append("stated equals value at that point")
                if repr(h[at]) != e["actual"] and str(h[at]) != e["actual"]:
                    errs.append("actual %s != history[%d]=%r" % (e["actual"], at, h[at]))
            if not any(eq(x, stated) for x in all_values(ctx["hist"]) + list(h or [])):
                errs.append("held_elsewhere value %r not held anywhere" % (stated,))
    else:
        if ok:
            errs.append("error claim is actually true: %s" % d)
    return errs


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
    if "--dump" in sys.argv:
        i = sys.argv.index("--dump")
        progs = [json.loads(l) for l in open(sys.argv[i + 1])]
        for p in progs:
            if p["id"] == sys.argv[i + 2]:
                ret, hist, lines = run_traced(p["code"], p["call"])
                print("RET", repr(ret))
                for k, v in hist.items():
                    print(k, v)
                print("LINES", dict(sorted(lines.items())))
        return
    items = [json.loads(l) for l in open(path)]
    cache = {}
    bad = 0
    ids = set()
    from collections import Counter
    cnt = defaultdict(Counter)
    for it in items:
        if it["id"] in ids:
            print("DUP", it["id"]); bad += 1
        ids.add(it["id"])
        try:
            errs = check_item(it, cache)
        except Exception as ex:
            errs = ["exception %r" % ex]
        status = "PASS" if not errs else "FAIL"
        if errs:
            bad += 1
        print(status, it["id"], *(["  - " + x for x in errs]), sep="\n" if errs else " ")
        cnt["label"][it["label"]] += 1
        if it["label"] == "faithful":
            cnt["style"][it["style"]] += 1
            cnt["family"][it["family"]] += 1
            cnt["direction"][it["direction"]] += 1
            cnt["kind"][it["kind"]] += 1
        else:
            cnt["error_kind"][it["error"]["kind"]] += 1
            cnt["held_elsewhere"][bool(it["error"].get("held_elsewhere"))] += 1
    print()
    for k, c in cnt.items():
        print(k, dict(c))
    print("TOTAL %d items, %d failing" % (len(items), bad))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
