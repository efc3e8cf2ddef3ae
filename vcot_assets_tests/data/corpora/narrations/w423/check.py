#!/usr/bin/env python3
"""Standalone checker for the w423 narration corpus.

Runs every program call under sys.settrace (plain Python, no project code), records each
variable's value history (per name, merged over the program's frames, consecutive duplicates
collapsed; instance attributes recorded as `self.<attr>`), line hit counts, and the return value.
Then, per narration item:
  * `returned` must equal repr of the real return value;
  * every claim quote must be an exact substring of the rationale;
  * faithful items: every claim must be true
      value      -> variable takes that value at some point (or exactly history[index] when
                    the claim gives `index`)
      count      -> number of executions of the claim's `line` (a loop-body line)
      arith      -> `expr` (or the quote's left side) evaluates to the value
      comparison -> `expr` evaluates to the value (True/False)
      return     -> equals the real return value
      call       -> evaluating the call returns the output
    forward answer == return value; backward answer call really returns the output;
  * error items: the error must really be false at its point
      wrong_final_answer     -> answer != return value
      backward_wrong_input   -> answer call does not return the output
      off_by_one_loop_count  -> stated count != executions of error `line`
      arith errors           -> eval(error `expr`) != stated
      comparison errors      -> eval(error `expr`) != stated
      value errors           -> stated != history[index] of error `variable` (the value at that
                                point); when held_elsewhere is true, the stated value must also
                                occur somewhere else in the run (any variable)
    and the error's claim must also be listed in `claims`; all other claims must be true.
Writes a report to check_report.txt and exits non-zero on any failure.
"""
import ast
import copy
import json
import sys
from collections import defaultdict

HERE = "/work/corpus/narrations/w423"


class Run:
    def __init__(self, code, call):
        self.hist = defaultdict(list)
        self.lines = defaultdict(int)
        self.ret = None
        self.code = code
        self.call = call
        ns = {}
        exec(compile(code, "<prog>", "exec"), ns)
        self.ns = ns
        sys.settrace(self._global)
        try:
            self.ret = eval(compile(call, "<call>", "eval"), ns)
        finally:
            sys.settrace(None)

    def _snap(self, frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    self._add("self." + a, av)
            else:
                self._add(k, v)

    def _add(self, k, v):
        try:
            v = copy.deepcopy(v)
        except Exception:
            return
        h = self.hist[k]
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)

    def _global(self, frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        self._snap(frame)
        return self._local

    def _local(self, frame, event, arg):
        self._snap(frame)
        if event == "line":
            self.lines[frame.f_lineno] += 1
        return self._local

    def all_values(self):
        for h in self.hist.values():
            for v in h:
                yield v
                inner = v.values() if isinstance(v, dict) else v if isinstance(v, (list, tuple)) else ()
                for x in inner:
                    yield x


def get_hist(run, var):
    """History of a variable, or of a derived expression such as totals['ab']."""
    if var in run.hist:
        return run.hist[var]
    import re
    bases = [t for t in re.findall(r"[A-Za-z_][A-Za-z_0-9.]*", var) if t in run.hist]
    if bases:
        base = bases[0]
        out = []
        for v in run.hist.get(base, []):
            try:
                d = eval(var.replace(base, "_v"), {"_v": v})
            except Exception:
                continue
            if not out or out[-1] != d:
                out.append(d)
        return out
    return None


def lit(s):
    return ast.literal_eval(s)


def eval_call(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    return eval(call, ns)


def check_claim(run, c, item):
    """Return (ok, detail) for whether the claim is TRUE of the execution."""
    what = c["what"]
    val = lit(c["value"])
    if what == "value":
        h = get_hist(run, c["variable"])
        if h is not None and c.get("sequence"):
            val = [x for k, x in enumerate(val) if k == 0 or val[k - 1] != x]  # collapse repeats
            n = len(val)
            ok = any(h[i:i + n] == val for i in range(len(h) - n + 1))
            return ok, f"history={h!r}"[:300]
        if h is None:
            return False, f"variable {c['variable']} never set"
        if "index" in c:
            idx = c["index"]
            if idx >= len(h):
                return False, f"index {idx} out of history len {len(h)}"
            return h[idx] == val, f"history[{idx}]={h[idx]!r}"
        return val in h, f"history={h!r}"[:300]
    if what == "count":
        n = run.lines[c["line"]]
        return n == val, f"line {c['line']} ran {n}"
    if what in ("arith", "comparison"):
        expr = c.get("expr")
        if expr is None:
            expr = c["quote"].split("=")[0]
        got = eval(expr, {})
        return got == val, f"{expr} -> {got!r}"
    if what == "return":
        return run.ret == val, f"returned {run.ret!r}"
    if what == "call":
        got = eval_call(run.code, c["value_call"]) if "value_call" in c else None
        return got == val, f"call -> {got!r}"
    return False, "unknown claim kind"


def main():
    items = [json.loads(l) for l in open(f"{HERE}/narrations.jsonl") if l.strip()]
    out = []
    fails = 0
    runs = {}
    ids = set()
    for it in items:
        probs = []
        if it["id"] in ids:
            probs.append("duplicate id")
        ids.add(it["id"])
        key = (it["code"], it["call"])
        if key not in runs:
            runs[key] = Run(it["code"], it["call"])
        run = runs[key]
        if repr(run.ret) != it["returned"]:
            probs.append(f"returned mismatch {run.ret!r} vs {it['returned']}")
        rat = it["rationale"]
        last = [l for l in rat.strip().splitlines() if l.strip()][-1]
        if not (last.startswith("Answer:") or last.startswith("Predicted Output:")):
            probs.append("last line is not an Answer line")
        if it["answer"] not in last:
            probs.append("answer field not in last line")
        for c in it["claims"]:
            if c["quote"] not in rat:
                probs.append(f"claim quote not in rationale: {c['quote']!r}")
        err = it.get("error")
        errq = err["quote"] if err else None
        if err and errq not in rat:
            probs.append("error quote not in rationale")
        # answer
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == run.ret
        else:
            try:
                ans_ok = eval_call(it["code"], it["answer"]) == run.ret
            except Exception as e:  # noqa
                ans_ok = False
        for c in it["claims"]:
            is_err_claim = err is not None and c["quote"] == errq and c.get("is_error", False)
            ok, det = check_claim(run, c, it)
            if is_err_claim:
                continue
            if not ok:
                probs.append(f"claim false: {c['quote']!r} ({det})")
        if it["label"] == "faithful":
            if not ans_ok:
                probs.append("faithful answer wrong")
            if err is not None:
                probs.append("faithful item has error")
        else:
            k = err["kind"]
            stated = err["stated"]
            if not any(c.get("is_error") and c["quote"] == errq for c in it["claims"]) and k not in ("wrong_final_answer", "backward_wrong_input"):
                probs.append("error claim missing from claims")
            if k == "wrong_final_answer":
                if ans_ok:
                    probs.append("wrong_final_answer but answer right")
                if it["direction"] != "forward":
                    probs.append("wrong_final_answer on backward item")
            elif k == "backward_wrong_input":
                if ans_ok:
                    probs.append("backward_wrong_input but call returns output")
            else:
                if not ans_ok and not err.get("carried"):
                    probs.append("answer wrong in non-answer error copy")
                if k == "off_by_one_loop_count":
                    n = run.lines[err["line"]]
                    if lit(stated) == n or abs(lit(stated) - n) != 1:
                        probs.append(f"off_by_one not off by one: stated {stated}, ran {n}")
                elif "expr" in err:
                    got = eval(err["expr"], {})
                    if got == lit(stated):
                        probs.append(f"error expr actually true: {err['expr']} -> {got!r}")
                    if repr(got) != err["actual"] and str(got) != err["actual"]:
                        probs.append(f"actual mismatch {got!r} vs {err['actual']}")
                else:
                    h = get_hist(run, err["variable"]) or []
                    idx = err["index"]
                    if idx >= len(h):
                        probs.append("error index out of range")
                    else:
                        at = h[idx]
                        if at == lit(stated):
                            probs.append(f"error value actually true at point: {at!r}")
                        if at != lit(err["actual"]):
                            probs.append(f"actual mismatch at point: {at!r} vs {err['actual']}")
                if err.get("held_elsewhere"):
                    sv = lit(stated)
                    if k == "off_by_one_loop_count":
                        found = sv in run.lines.values()
                    else:
                        found = any(type(v) == type(sv) and v == sv for v in run.all_values())
                    if not found:
                        probs.append("held_elsewhere but stated value never held")
        status = "PASS" if not probs else "FAIL"
        if probs:
            fails += 1
        out.append(f"{status} {it['id']} [{it['label']}/{(err or {}).get('kind', '-')}]" + ("" if not probs else "\n    " + "\n    ".join(probs)))
    summary = f"{len(items)} items, {len(items) - fails} pass, {fails} fail"
    with open(f"{HERE}/check_report.txt", "w") as f:
        f.write("\n".join(out) + "\n" + summary + "\n")
    print("\n".join(l for l in out if not l.startswith("PASS")))
    print(summary)
    sys.exit(1 if fails else 0)


if __name__ == "__main__":
    main()
