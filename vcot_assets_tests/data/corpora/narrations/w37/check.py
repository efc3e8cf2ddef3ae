#!/usr/bin/env python3
"""Standalone checker for w37 narrations: re-executes every program with sys.settrace.

Claim semantics (see NOTES.md):
  value      : `variable` (a Python expression over a frame's locals, e.g. `total`,
               `self.items`, `buckets['long']`) equals `value` at some line/return event;
               if `value` is a list/tuple that never occurs as a whole, it must be an
               ordered subsequence of that expression's value history (loop summaries).
  count      : `variable` = "loop@line N" -> number of times line N executed;
               "calls@NAME" -> number of calls of function NAME.
  comparison : quote (backticks removed, text after ' is '/' holds' removed) evals to value.
  arith      : quote "EXPR = RESULT"; EXPR evals to value.
  call       : quote (backticks removed) evals (in the program namespace) to value.
  return     : the top-level call returned value.
Error copies: the error claim must be FALSE by the same rule (swapped_variables: no single
snapshot has both stated values), and forward answers / backward calls must be wrong where
the error kind says so. Faithful items: every claim true, answers right.
"""
import ast, copy, json, re, sys

def lit(s):
    if isinstance(s, str):
        try:
            return ast.literal_eval(s)
        except Exception:
            return s
    return s

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    snaps, linecount, calls = [], {}, {}
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "call":
            calls[frame.f_code.co_name] = calls.get(frame.f_code.co_name, 0) + 1
        if event == "line":
            linecount[frame.f_lineno] = linecount.get(frame.f_lineno, 0) + 1
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
    return ns, result, snaps, linecount, calls

def plain_eval(expr, ns):
    return eval(expr, dict(ns))

def history(expr, snaps):
    out = []
    for s in snaps:
        try:
            v = eval(expr, {}, s)
        except Exception:
            continue
        if not out or out[-1] != v:
            out.append(v)
    return out

def is_subseq(seq, hist):
    it = iter(hist)
    return all(any(x == h for h in it) for x in seq)

def strip_q(q):
    q = q.replace("`", "").strip()
    q = re.split(r"\s+(is|holds|returns|gives)\b", q)[0]
    return q.strip().rstrip(",.;:")

def claim_true(c, ctx):
    ns, result, snaps, lc, calls = ctx
    what, var, val = c["what"], c.get("variable"), lit(c["value"])
    if what == "value":
        hist = history(var, snaps)
        if val in hist:
            return True
        seq = [x for i, x in enumerate(val) if i == 0 or val[i - 1] != x] if isinstance(val, (list, tuple)) else None
        if seq is not None and len(val) > 1 and is_subseq(seq, hist):
            return True
        return False
    if what == "count":
        if var.startswith("loop@line "):
            return lc.get(int(var.split()[-1]), 0) == val
        if var.startswith("header@line "):
            # a for/while header line runs once more than its body (single entry)
            return lc.get(int(var.split()[-1]), 0) - 1 == val
        if var.startswith("calls@"):
            return calls.get(var[6:], 0) == val
        raise ValueError("bad count var " + var)
    if what == "arith":
        q = c["quote"].replace("`", "")
        parts = re.split(r"(?<![=<>!])=(?!=)", q)
        # "EXPR = RESULT" or a chain "EXPR = STEP = RESULT": the first part must equal the stated value
        return plain_eval(parts[0].strip(), ns) == val
    if what == "comparison":
        expr = strip_q(c["quote"])
        try:
            return bool(plain_eval(expr, ns)) == bool(val)
        except NameError:
            # comparison written with variable names: true at some line event
            for s in ctx[2]:
                try:
                    if bool(eval(expr, dict(ns), s)) == bool(val):
                        return True
                except Exception:
                    pass
            return False
    if what == "call":
        return plain_eval(strip_q(c["quote"]), ns) == val
    if what == "return":
        return result == val
    raise ValueError("bad what " + what)

FAITHFUL = {}

def check_item(it):
    errs = []
    ctx = run_traced(it["code"], it["call"])
    ns, result = ctx[0], ctx[1]
    if repr(result) != it["returned"]:
        errs.append("returned mismatch %r" % (result,))
    r = it["rationale"]
    if not r.rstrip().splitlines()[-1].startswith("Answer:") and "Answer:" not in r.rstrip().splitlines()[-1] and "Predicted Output:" not in r.rstrip().splitlines()[-1]:
        errs.append("last line not an answer line")
    if it["answer"] not in r.rstrip().splitlines()[-1]:
        errs.append("answer field not in last line")
    for c in it["claims"]:
        if c["quote"] not in r:
            errs.append("quote not in rationale: %r" % c["quote"])
    if it["direction"] == "forward":
        ans_ok = lit(it["answer"]) == result
    else:
        try:
            ans_ok = repr(plain_eval(it["answer"], ns)) == it["returned"]
        except Exception as e:
            ans_ok = False
    e = it["error"]
    if it["label"] == "faithful":
        if not ans_ok:
            errs.append("answer wrong")
        for c in it["claims"]:
            try:
                ok = claim_true(c, ctx)
            except Exception as ex:
                ok = False
            if not ok:
                errs.append("false claim: %r" % (c,))
    else:
        if e["quote"] not in r:
            errs.append("error quote not in rationale")
        k = e["kind"]
        if k in ("wrong_final_answer", "backward_wrong_input"):
            if ans_ok:
                errs.append("answer should be wrong")
        else:
            if not ans_ok and not e.get("carried"):
                errs.append("answer should be right (error not carried)")
            ecl = [c for c in it["claims"] if c["quote"] in e["quote"] or e["quote"] in c["quote"]]
            fc = FAITHFUL.get(it["faithful_id"], {}).get("claims", [])
            ecl = [c for c in ecl if c not in fc]
            if not ecl:
                errs.append("no claim carries the error")
            if k == "swapped_variables":
                snaps = ctx[2]
                def both(s):
                    try:
                        return all(eval(c["variable"], {}, s) == lit(c["value"]) for c in ecl)
                    except Exception:
                        return False
                if len(ecl) < 2 or any(both(s) for s in snaps):
                    errs.append("swap not false")
            elif k == "wrong_loop_summary_value":
                # the true sequence (error.actual) must hold, and the stated one must differ from it
                act = [lit(x.strip()) for x in e["actual"].split(",")]
                st = [lit(x.strip()) for x in e["stated"].split(",")]
                base = dict(ecl[0]) if ecl else None
                if base is None:
                    pass
                else:
                    base["value"] = repr(act)
                    if not claim_true(base, ctx):
                        errs.append("wlsv: actual sequence not confirmed")
                    if st == act or len(st) != len(act):
                        errs.append("wlsv: stated sequence equals actual / wrong length")
            else:
                for c in ecl:
                    try:
                        t = claim_true(c, ctx)
                    except Exception:
                        t = False
                    if t:
                        errs.append("error claim is actually true: %r" % (c,))
        # every non-error claim of an error copy must still be true unless carried
        if not e.get("carried"):
            for c in it["claims"]:
                if c["quote"] in e["quote"] or e["quote"] in c["quote"]:
                    continue
                try:
                    ok = claim_true(c, ctx)
                except Exception:
                    ok = False
                if not ok:
                    errs.append("other claim false: %r" % (c,))
    return errs

def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
    items = [json.loads(l) for l in open(path) if l.strip()]
    bad = 0
    for it in items:
        if it["label"] == "faithful":
            FAITHFUL[it["id"]] = it
    for it in items:
        errs = check_item(it)
        status = "PASS" if not errs else "FAIL"
        if errs:
            bad += 1
        print(status, it["id"], "; ".join(errs))
    print("TOTAL %d items, %d fail" % (len(items), bad))
    sys.exit(1 if bad else 0)

def mutate(v):
    if isinstance(v, bool):
        return not v
    if isinstance(v, int):
        return v + 1
    if isinstance(v, str):
        return v + "x"
    if isinstance(v, list):
        return v + [v[-1] if v else 0] if len(v) < 2 else v[:-1] + [("?",)]
    if isinstance(v, tuple):
        return v + (None,)
    if isinstance(v, dict):
        return dict(v, __extra__=1)
    return None

def selftest(path):
    """Negative control: every faithful claim with its value mutated must be judged false."""
    items = [json.loads(l) for l in open(path) if l.strip()]
    total = caught = 0
    for it in items:
        if it["label"] != "faithful":
            continue
        ctx = run_traced(it["code"], it["call"])
        for c in it["claims"]:
            m = dict(c, value=repr(mutate(lit(c["value"]))))
            total += 1
            try:
                t = claim_true(m, ctx)
            except Exception:
                t = False
            if not t:
                caught += 1
            else:
                print("SELFTEST not caught:", it["id"], m)
    print("SELFTEST mutated faithful claims judged false: %d / %d" % (caught, total))

if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--selftest":
        selftest(sys.argv[2] if len(sys.argv) > 2 else "narrations.jsonl")
    else:
        main()
