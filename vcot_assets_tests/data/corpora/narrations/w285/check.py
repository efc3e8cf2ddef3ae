#!/usr/bin/env python3
"""Standalone checker for the w285 narration corpus.

For every item of narrations.jsonl it re-executes the program with sys.settrace, records each
variable's value history (per name, consecutive duplicates collapsed; `self.attr` for instance
attributes), per-line execution counts and return values, and then checks:
  * `returned` equals repr of the real return value;
  * every claim of a faithful item is true (value in the variable's history, and equal to the
    nth history entry when `nth` is given; count == executions of the loop body line `line`;
    arith/comparison `expr` evaluates to the stated value; return equals the real return);
  * forward answer == return value; backward answer call really returns the output;
  * for error copies: the claim(s) marked error (the error and, when carried, the values it
    carries forward) are false at that point (nth entry / count /
    arithmetic / comparison / answer), and when held_elsewhere is true the stated value does
    occur somewhere else in the run.
Usage: python3 check.py [narrations.jsonl] > check_report.txt
"""
import ast
import json
import sys
from collections import defaultdict

SKIP_TYPES = ("function", "type", "module", "builtin_function_or_method", "method")


def run_traced(code, call):
    hist = defaultdict(list)
    line_counts = defaultdict(int)
    returns = []
    fname = "<prog>"

    def snap(frame):
        for k, v in list(frame.f_locals.items()):
            if type(v).__name__ in SKIP_TYPES:
                continue
            if k == "self":
                for ak, av in list(getattr(v, "__dict__", {}).items()):
                    r = repr(av)
                    h = hist["self." + ak]
                    if not h or h[-1] != r:
                        h.append(r)
                continue
            try:
                r = repr(v)
            except Exception:
                continue
            h = hist[k]
            if not h or h[-1] != r:
                h.append(r)

    def local(frame, event, arg):
        if event == "line":
            snap(frame)
            line_counts[frame.f_lineno] += 1
        elif event == "return":
            snap(frame)
            returns.append(repr(arg))
        return local

    def glob(frame, event, arg):
        if frame.f_code.co_filename == fname:
            return local
        return None

    ns = {}
    exec(compile(code, fname, "exec"), ns)
    sys.settrace(glob)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return result, hist, line_counts, returns


def plain_run(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    return eval(call, ns)


def norm(v):
    """repr of a Python literal string."""
    try:
        return repr(ast.literal_eval(v))
    except Exception:
        return v


def elements(hist):
    """reprs of the elements/values of every list, tuple or dict a variable held."""
    out = set()
    for h in hist.values():
        for e in h:
            try:
                v = ast.literal_eval(e)
            except Exception:
                continue
            if isinstance(v, (list, tuple, set)):
                out.update(repr(x) for x in v)
            elif isinstance(v, dict):
                out.update(repr(x) for x in v.values())
    return out


def claim_truth(c, hist, counts, returns, result):
    """Return (ok, detail) for whether the claim is true at its point."""
    what = c["what"]
    val = c["value"]
    if what in ("arith", "comparison") and c.get("expr"):
        got = eval(c["expr"], {})
        return repr(got) == norm(val), f"expr {c['expr']!r} -> {got!r}"
    if what == "count" and c.get("expr"):
        got = eval(c["expr"], {})
        return repr(got) == norm(val), f"expr {c['expr']!r} -> {got!r}"
    if what == "count" and c.get("var_changes"):
        got = len(hist.get(c["variable"], []))
        return repr(got) == norm(val), f"{c['variable']} took {got} successive values"
    if what == "count":
        got = counts.get(c["line"], 0)
        return repr(got) == norm(val), f"line {c['line']} ran {got}"
    if what == "return":
        return repr(result) == norm(val), f"returned {result!r}"
    var = c.get("variable")
    nv = norm(val)
    if c.get("expr") and what in ("count", "value") and not var:
        got = eval(c["expr"], {})
        return repr(got) == nv, f"expr {c['expr']!r} -> {got!r}"
    if var and var not in hist and "[" in var and var.split("[")[0] in hist:
        base = var.split("[")[0]
        sub = var[len(base):]
        derived = []
        for e in hist[base]:
            try:
                r = repr(eval("(" + e + ")" + sub, {}))
            except Exception:
                continue
            if not derived or derived[-1] != r:
                derived.append(r)
        hist = dict(hist)
        hist[var] = derived
    if c.get("seq") and var in hist:
        h = [ast.literal_eval(x) for x in hist[var]]
        want = ast.literal_eval(val)
        k = len(want)
        ok = any(h[i:i + k] == want for i in range(len(h) - k + 1))
        return ok, f"{var} seq history {h}"
    if var and var in hist:
        h = hist[var]
        if "nth" in c:
            n = c["nth"]
            got = h[n] if -len(h) <= n < len(h) else None
            return got == nv, f"{var}[{n}] = {got}"
        return nv in h, f"{var} history {h[:12]}{'...' if len(h) > 12 else ''}"
    if c.get("expr"):
        got = eval(c["expr"], {})
        return repr(got) == nv, f"expr {c['expr']!r} -> {got!r}"
    # no variable: accept if the value appears anywhere in the run
    anywhere = any(nv in h for h in hist.values()) or nv in returns
    return anywhere, "value seen somewhere in run" if anywhere else "value never seen"


def main(path):
    items = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    fails = 0
    cache = {}
    lines = []
    for it in items:
        key = (it["code"], it["call"])
        if key not in cache:
            cache[key] = run_traced(it["code"], it["call"])
        result, hist, counts, returns = cache[key]
        probs = []
        if repr(result) != it["returned"]:
            probs.append(f"returned mismatch {result!r} vs {it['returned']}")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append(f"quote not in rationale: {c['quote']!r}")
        if not it["rationale"].rstrip().endswith(it["answer"]):
            probs.append("answer not on last line")
        err = it.get("error")
        err_claims = []
        if err:
            if err["quote"] not in it["rationale"]:
                probs.append("error quote missing")
            err_claims = [c for c in it["claims"] if c.get("error")]
        for c in it["claims"]:
            ok, det = claim_truth(c, hist, counts, returns, result)
            if c.get("error"):
                if ok:
                    probs.append(f"error claim is actually TRUE: {c['quote']!r} ({det})")
                if err and err.get("held_elsewhere"):
                    nv = norm(c["value"])
                    var = c.get("variable")
                    seen = (var in hist and nv in hist[var]) or any(nv in h for h in hist.values()) or nv in elements(hist)
                    if c.get("seq"):
                        held = set().union(*[set(h) for h in hist.values()])
                        seen = all(repr(x) in held for x in ast.literal_eval(c["value"]))
                    if c["what"] == "count":
                        seen = True  # count of a neighbouring loop / iteration
                    if not seen:
                        probs.append(f"held_elsewhere but value {nv} never held")
            elif not ok:
                probs.append(f"claim false: {c['quote']!r} ({det})")
        # answer
        if it["direction"] == "forward":
            ans_ok = norm(it["answer"]) == repr(result)
        else:
            try:
                got = plain_run(it["code"], it["answer"])
                ans_ok = repr(got) == it["returned"]
            except Exception as e:
                ans_ok = False
        ek = err["kind"] if err else None
        if ek in ("wrong_final_answer", "backward_wrong_input"):
            if ans_ok:
                probs.append("answer error copy but answer is right")
        elif not ans_ok and not (err and err.get("carried")):
            probs.append(f"answer wrong: {it['answer']}")
        if err and ek not in ("wrong_final_answer", "backward_wrong_input") and not err_claims:
            probs.append("error copy has no error-marked claim")
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        lines.append(f"{status} {it['id']} [{it['label']}{'/' + ek if ek else ''}]")
        for p in probs:
            lines.append("    " + p)
    lines.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    print("\n".join(lines))
    return fails


if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
