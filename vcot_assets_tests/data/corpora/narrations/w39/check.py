#!/usr/bin/env python3
"""Standalone checker for the w39 narration corpus.

For every item it executes the program under sys.settrace, records the history of every
local variable (and attributes of `self`) per frame, counts loop-body executions, and then:
  * checks `returned` against a fresh execution of `call`;
  * faithful items: every claim must be true (value seen in history / count matches /
    arith and comparison quotes evaluate to the stated value / return matches);
  * forward answer == return value; backward answer call really returns the output;
  * error items: the claims that differ from the faithful item's claims must be FALSE,
    the error quote must be in the rationale, and a wrong_final_answer /
    backward_wrong_input item must really have a wrong answer.
Claim conventions used by this corpus:
  * value:  `variable` is a name or a Python expression ("self.log", "len(path)",
            "ext if name == 'util.PY' else None"); it is evaluated against every recorded
            locals snapshot (all frames of the program), None results are ignored for
            point-specific expressions; the claim holds if the stated value ever occurs.
  * count:  `variable` is "loop@line N" (N = loop header line); the count is the number of
            header -> first-body-line transitions, i.e. iterations, per frame (or the total).
  * comparison: with a null variable the quote itself is evaluated ("2 < 2"); with a
            variable, that condition is evaluated in the recorded states (point-specific
            conditions use "cond if <point> else None").
  * arith:  the part of the quote before the first "=" is evaluated and compared.
  * call:   the quoted call is executed; `value` is the output it is claimed to give.
Usage: python3 check.py narrations.jsonl > check_report.txt
"""
import ast
import copy
import json
import re
import sys

FNAME = "<w39prog>"


def snapshot(frame):
    snap = {}
    for k, v in frame.f_locals.items():
        try:
            snap[k] = copy.deepcopy(v)
        except Exception:
            snap[k] = v
    return snap


def run_traced(code, call):
    ns = {}
    exec(compile(code, FNAME, "exec"), ns)
    snaps = []          # list of locals snapshots (all frames, all events)
    frame_lines = {}    # id(frame-run) -> {lineno: count}
    runs = []
    counter = [0]

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FNAME:
            return None
        key = counter[0]
        counter[0] += 1
        lines = {}
        runs.append(lines)

        prev = [None]

        def local(frame, event, arg):
            if event == "line":
                # count header -> next-line transitions: one per loop iteration
                k = (prev[0], frame.f_lineno)
                lines[k] = lines.get(k, 0) + 1
                prev[0] = frame.f_lineno
            if event in ("line", "return"):
                snaps.append(snapshot(frame))
            return local
        snaps.append(snapshot(frame))
        return local

    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return result, snaps, runs, ns


def plain_eval(code, call):
    ns = {}
    exec(compile(code, FNAME, "exec"), ns)
    return eval(call, ns)


def body_line(code, header):
    """First code line after the loop header line (the first line of the loop body)."""
    tree = ast.parse(code)
    for node in ast.walk(tree):
        if isinstance(node, (ast.For, ast.While)) and node.lineno == header:
            return node.body[0].lineno
    raise ValueError("no loop at line %d" % header)


def history(snaps, var):
    vals = []
    for s in snaps:
        try:
            v = eval(var, {}, dict(s))
        except Exception:
            continue
        vals.append(v)
    return vals


def strip_quote(q):
    q = q.replace("`", "").strip()
    return q


def eval_expr(q):
    q = strip_quote(q)
    return eval(q, {})


def check_claim(c, item, ctx):
    """Return (ok, detail) where ok means the claim is TRUE of the execution."""
    what = c["what"]
    value = ast.literal_eval(c["value"])
    result, snaps, runs, code = ctx
    if what == "value":
        vals = history(snaps, c["variable"])
        if not vals:
            return False, "variable %r never seen" % c["variable"]
        return (value in vals), "history has %d values" % len(vals)
    if what == "return":
        return value == result, "returned %r" % (result,)
    if what == "count":
        m = re.match(r"loop@line (\d+)", c["variable"] or "")
        if not m:
            return False, "bad count label"
        h = int(m.group(1))
        b = body_line(code, h)
        per_run = [r.get((h, b), 0) for r in runs if r.get((h, b), 0)]
        counts = set(per_run) | {sum(per_run)}
        if not per_run:
            counts = {0}
        return value in counts, "counts %s" % sorted(counts)
    if what == "arith":
        q = strip_quote(c["quote"])
        lhs = q.split("=")[0] if "==" not in q else q
        got = eval(lhs, {})
        return got == value, "evaluates to %r" % (got,)
    if what == "comparison" and c.get("variable"):
        # condition evaluated in the program state (may be point-specific, e.g.
        # "(chunk in seen) if i == 8 else None"); true if it takes that truth value
        vals = [bool(v) for v in history(snaps, c["variable"]) if v is not None]
        return (value in vals), "condition values %s" % sorted(set(vals))
    if what == "comparison":
        got = eval_expr(c["quote"])
        return bool(got) == value, "evaluates to %r" % (got,)
    if what == "call":
        got = plain_eval(code, strip_quote(c["quote"]))
        return got == value, "call gives %r" % (got,)
    return False, "unknown claim kind"


def claim_key(c):
    """Identity of a claim: what it asserts. For arith/comparison/call the quote is the
    assertion itself; for value/count/return claims the (variable, value) pair is."""
    if c["what"] in ("arith", "comparison", "call"):
        return (c["what"], c["quote"], c["value"])
    return (c["what"], c["variable"], c["value"])


def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    by_id = {it["id"]: it for it in items}
    n_ok = n_bad = 0
    lines = []
    cache = {}
    for it in items:
        problems = []
        key = (it["code"], it["call"])
        if key not in cache:
            result, snaps, runs, ns = run_traced(it["code"], it["call"])
            cache[key] = (result, snaps, runs, it["code"])
        ctx = cache[key]
        result = ctx[0]
        if repr(result) != it["returned"]:
            problems.append("returned mismatch %r vs %s" % (result, it["returned"]))
        if not it["rationale"].rstrip().endswith("Answer: " + it["answer"]) and \
                ("Answer: " + it["answer"]) not in it["rationale"].splitlines()[-1]:
            problems.append("answer line mismatch")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                problems.append("claim quote not in rationale: %r" % c["quote"])
        # answer correctness
        if it["direction"] == "forward":
            ans_ok = ast.literal_eval(it["answer"]) == result
        else:
            m = re.match(r"\s*([A-Za-z_]\w*)\(", it["answer"])
            ans_ok = bool(m) and m.group(1) == it["function"] and \
                plain_eval(it["code"], it["answer"]) == result
        if it["label"] == "faithful":
            if not ans_ok:
                problems.append("faithful answer wrong")
            for c in it["claims"]:
                ok, det = check_claim(c, it, ctx)
                if not ok:
                    problems.append("FALSE claim %r (%s)" % (c["quote"], det))
        else:
            f = by_id.get(it["faithful_id"])
            err = it["error"]
            if f is None:
                problems.append("missing faithful")
            if err["quote"] not in it["rationale"]:
                problems.append("error quote not in rationale")
            kind = err["kind"]
            if kind in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    problems.append("answer not actually wrong")
            else:
                if not ans_ok:
                    problems.append("answer wrong but error kind is %s" % kind)
                fclaims = {claim_key(c) for c in f["claims"]} if f else set()
                new = [c for c in it["claims"] if claim_key(c) not in fclaims]
                if not new:
                    problems.append("no changed claim for the error")
                for c in new:
                    ok, det = check_claim(c, it, ctx)
                    if ok:
                        problems.append("error claim is actually TRUE %r (%s)" % (c["quote"], det))
                if not any(c["quote"] == err["quote"] or c["quote"] in err["quote"]
                           or err["quote"] in c["quote"] for c in new):
                    problems.append("error quote not among changed claims")
        status = "PASS" if not problems else "FAIL"
        if problems:
            n_bad += 1
        else:
            n_ok += 1
        lines.append("%s %s %s" % (status, it["id"], "; ".join(problems)))
    for l in lines:
        print(l)
    print("TOTAL %d items: %d pass, %d fail" % (len(items), n_ok, n_bad))
    return n_bad == 0


if __name__ == "__main__":
    sys.exit(0 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 1)
