#!/usr/bin/env python3
"""Standalone checker for the w1 narration corpus.

For every narration item it re-executes the program (plain exec + sys.settrace, no tool code)
and checks:
  * the call's return value matches `returned` (repr),
  * every claim of a faithful item is true of the execution,
  * forward answers equal the return value; backward answer calls really return the output,
  * error copies: the annotated error really is false, and (unless carried) every other claim
    is still true.

Claim semantics
  value       `variable` (a local name, or `self.attr`) takes `value` at some line/return event
              of some frame of the program (history recorded per frame with sys.settrace).
  count       `variable` is `loop@line N` (N = line of the for/while header in the code) or the
              name of a for-loop target; `value` must equal the number of body entries of one
              activation of that loop (or the total over all activations). `calls@f` counts calls.
  comparison  the claim's `expr` (the concrete comparison, e.g. "7 > 5" or "'3'.isalpha()") is
              evaluated and must equal `value` (True/False).
  arith       the expression left of the last `=` / ` is ` / ` gives ` ... in `quote` (or `expr`
              if present) is evaluated and must equal `value`.
  call        `expr` evaluated equals `value`; without `expr`, `variable` names a program
              function and one of its returns equals `value`.
  return      `value` equals the top-level call's return value (or a return of `variable`).
"""
import ast
import copy
import json
import re
import sys

FNAME = "<w1prog>"


def run_traced(code, call):
    ns = {"__name__": "w1prog"}
    exec(compile(code, FNAME, "exec"), ns)
    hist = {}          # var -> list of values (deep copies)
    returns = {}       # func name -> list of return values
    calls = {}         # func name -> count
    lines = []         # (frame id, func, lineno)
    keep = []          # keep frames alive so that id(frame) stays unique

    def snap(frame):
        for k, v in frame.f_locals.items():
            if k.startswith("."):
                continue
            try:
                v2 = copy.deepcopy(v)
            except Exception:
                v2 = v
            lst = hist.setdefault(k, [])
            if not lst or not _eq(lst[-1], v2):
                lst.append(v2)
            if k == "self" and hasattr(v, "__dict__"):
                for a, av in vars(v).items():
                    try:
                        av2 = copy.deepcopy(av)
                    except Exception:
                        av2 = av
                    l2 = hist.setdefault("self." + a, [])
                    if not l2 or not _eq(l2[-1], av2):
                        l2.append(av2)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FNAME:
            return None
        name = frame.f_code.co_name
        if event == "call":
            keep.append(frame)
            calls[name] = calls.get(name, 0) + 1
            snap(frame)
        elif event == "line":
            lines.append((id(frame), name, frame.f_lineno))
            snap(frame)
        elif event == "return":
            snap(frame)
            try:
                returns.setdefault(name, []).append(copy.deepcopy(arg))
            except Exception:
                returns.setdefault(name, []).append(arg)
        return tracer

    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return dict(ns=ns, result=result, hist=hist, returns=returns, calls=calls, lines=lines)


def _eq(a, b):
    try:
        return type(a) == type(b) and a == b
    except Exception:
        return False


def _num_eq(a, b):
    try:
        if isinstance(a, bool) or isinstance(b, bool):
            return _eq(a, b)
        if isinstance(a, (int, float)) and isinstance(b, (int, float)):
            return a == b
        return _eq(a, b)
    except Exception:
        return False


def loops_of(code):
    tree = ast.parse(code)
    out = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.For, ast.While)):
            names = set()
            if isinstance(node, ast.For):
                for t in ast.walk(node.target):
                    if isinstance(t, ast.Name):
                        names.add(t.id)
            out.append(dict(header=node.lineno, end=node.end_lineno,
                            body=node.body[0].lineno, names=names))
    return out


def loop_counts(run, loop):
    """Set of per-activation iteration counts plus the total over all activations.

    An activation starts when the header line runs coming from outside the loop; an iteration
    is counted each time the first body line runs straight after the header line."""
    per_frame = {}
    for fid, fn, ln in run["lines"]:
        per_frame.setdefault(fid, []).append(ln)
    counts, total = [], 0
    h, e, b = loop["header"], loop["end"], loop["body"]
    for seq in per_frame.values():
        prev, cur = None, None
        for ln in seq:
            if ln == h and not (prev is not None and h <= prev <= e):
                if cur is not None:
                    counts.append(cur)
                cur = 0
            elif ln == b and prev == h and cur is not None:
                cur += 1
                total += 1
            prev = ln
        if cur is not None:
            counts.append(cur)
    return set(counts), total


def eval_lit(s):
    return eval(s, {"__builtins__": __builtins__})


ARITH_SPLIT = re.compile(r"(?<![=<>!])=(?!=)| is | gives | equals | -> | → ")


def arith_left(quote):
    q = quote.replace("`", "").strip()
    parts = list(ARITH_SPLIT.finditer(q))
    if not parts:
        raise ValueError("no separator in arith quote: %r" % quote)
    m = parts[-1]
    return q[:m.start()].strip()


def check_claim(claim, run, code):
    """Return (ok: bool, detail: str)."""
    what = claim["what"]
    var = claim.get("variable")
    try:
        val = eval_lit(claim["value"])
    except Exception as e:
        return False, "bad value literal %r (%s)" % (claim["value"], e)
    if what == "value":
        if var not in run["hist"]:
            return False, "variable %r never seen" % var
        ok = any(_num_eq(v, val) for v in run["hist"][var])
        return ok, "" if ok else "%s never equals %r (history %r)" % (var, val, run["hist"][var][:12])
    if what == "count":
        if var and var.startswith("calls@"):
            n = run["calls"].get(var[6:], 0)
            return n == val, "calls %d" % n
        loops = loops_of(code)
        if var and var.startswith("loop@line"):
            ln = int(var.split()[-1])
            cand = [l for l in loops if l["header"] == ln]
        else:
            cand = [l for l in loops if var in l["names"]]
        if not cand:
            return False, "no loop for %r" % var
        allc = set()
        for l in cand:
            cs, tot = loop_counts(run, l)
            allc |= cs
            allc.add(tot)
        return val in allc, "counts %r" % sorted(allc)
    if what == "comparison":
        expr = claim.get("expr")
        if not expr:
            return False, "comparison without expr"
        got = eval(expr, dict(run["ns"]))
        return bool(got) == bool(val) and isinstance(val, bool), "expr %s -> %r" % (expr, got)
    if what == "arith":
        left = claim.get("expr") or arith_left(claim["quote"])
        got = eval(left, {})
        return _num_eq(got, val), "%s -> %r" % (left, got)
    if what == "call":
        expr = claim.get("expr")
        if expr:
            got = eval(expr, dict(run["ns"]))
            return _num_eq(got, val), "%s -> %r" % (expr, got)
        rets = run["returns"].get(var, [])
        ok = any(_num_eq(r, val) for r in rets)
        return ok, "returns of %s: %r" % (var, rets[:10])
    if what == "return":
        if var and var in run["returns"] and var != claim.get("_top"):
            ok = any(_num_eq(r, val) for r in run["returns"][var])
            return ok, "returns of %s" % var
        return _num_eq(run["result"], val), "result %r" % (run["result"],)
    return False, "unknown claim kind %r" % what


def answer_ok(item, run):
    if item["direction"] == "forward":
        try:
            return _eq(eval_lit(item["answer"]), run["result"]) and repr(run["result"]) == item["returned"]
        except Exception:
            return False
    # backward: evaluate the call in a fresh namespace
    try:
        r2 = run_traced(item["code"], item["answer"])["result"]
    except Exception:
        return False
    return repr(r2) == item["returned"]


def main(path, report):
    items = [json.loads(l) for l in open(path)]
    byid = {it["id"]: it for it in items}
    n_ok = n_bad = 0
    out = []
    cache = {}
    for it in items:
        probs = []
        key = (it["code"], it["call"])
        if key not in cache:
            cache[key] = run_traced(it["code"], it["call"])
        run = cache[key]
        if repr(run["result"]) != it["returned"]:
            probs.append("returned mismatch %r vs %r" % (repr(run["result"]), it["returned"]))
        rat = it["rationale"]
        for c in it["claims"]:
            if c["quote"] not in rat:
                probs.append("claim quote not in rationale: %r" % c["quote"])
        last = [l for l in rat.strip().splitlines() if l.strip()][-1]
        if it["answer"] not in last:
            probs.append("answer not on last line")
        if it["label"] == "faithful":
            for c in it["claims"]:
                ok, d = check_claim(c, run, it["code"])
                if not ok:
                    probs.append("false claim %r: %s" % (c["quote"], d))
            if not answer_ok(it, run):
                probs.append("answer wrong: %r" % it["answer"])
        else:
            err = it["error"]
            fa = byid.get(it["faithful_id"])
            if fa is None:
                probs.append("missing faithful")
            if err["quote"] not in rat:
                probs.append("error quote not in rationale")
            kind = err["kind"]
            if kind == "wrong_final_answer":
                if it["direction"] != "forward":
                    probs.append("wrong_final_answer on backward")
                if answer_ok(it, run):
                    probs.append("final answer is not wrong")
            elif kind == "backward_wrong_input":
                if it["direction"] != "backward":
                    probs.append("backward_wrong_input on forward")
                if answer_ok(it, run):
                    probs.append("backward answer still returns the output")
            else:
                if not answer_ok(it, run):
                    probs.append("answer wrong in a non-answer error copy")
                ecl = [c for c in it["claims"] if c["quote"] == err["quote"]]
                if not ecl:
                    probs.append("no claim for the error quote")
                for c in ecl:
                    ok, d = check_claim(c, run, it["code"])
                    if ok:
                        probs.append("error claim is actually true: %r (%s)" % (c["quote"], d))
            # the other claims must still hold (unless the error is carried forward)
            if not err.get("carried"):
                # a swap makes two claims false: the error claim and its partner
                spare = 1 if kind == "swapped_variables" else 0
                for c in it["claims"]:
                    if c["quote"] == err["quote"]:
                        continue
                    ok, d = check_claim(c, run, it["code"])
                    if not ok:
                        if spare:
                            spare -= 1
                            continue
                        probs.append("other claim false: %r: %s" % (c["quote"], d))
            if fa is not None and rat == fa["rationale"]:
                probs.append("identical to faithful")
        if probs:
            n_bad += 1
            out.append("FAIL %s\n  " % it["id"] + "\n  ".join(probs))
        else:
            n_ok += 1
            out.append("ok   %s (%d claims)" % (it["id"], len(it["claims"])))
    nf = sum(1 for it in items if it["label"] == "faithful")
    summary = "SUMMARY: %d items (%d faithful, %d error), %d passed, %d failed" % (
        len(items), nf, len(items) - nf, n_ok, n_bad)
    out.append(summary)
    with open(report, "w") as f:
        f.write("\n".join(out) + "\n")
    for l in out:
        if l.startswith("FAIL"):
            print(l)
    print(summary)
    return n_bad == 0


if __name__ == "__main__":
    import os
    d = os.path.dirname(os.path.abspath(__file__))
    ok = main(os.path.join(d, "narrations.jsonl"), os.path.join(d, "check_report.txt"))
    sys.exit(0 if ok else 1)
