#!/usr/bin/env python3
"""Standalone checker for w236 narrations.jsonl.

Runs every program with sys.settrace, records per-variable value histories
(locals of every frame of the program, plus attributes of program-defined
instances as `name.attr`), per-line execution counts and return values, then
checks every item's claims, answers and (for error copies) that the error is
really false at the point it is stated.
"""
import copy, json, sys

FN = "<prog>"


def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return v


class Run:
    def __init__(self, code, call):
        self.hist = {}      # name -> list of successive distinct values
        self.lines = {}     # lineno -> count of 'line' events
        self.rets = []
        self.calls = []     # (function name, per-call line counts) in call order
        self._fl = {}
        self.seq = []       # every line event's line number, in order
        self.code = code
        ns = {}
        exec(compile(code, FN, "exec"), ns)
        self.ns = ns
        self.classes = tuple(v for v in ns.values() if isinstance(v, type))
        sys.settrace(self.tr)
        try:
            self.result = eval(call, ns)
        finally:
            sys.settrace(None)

    def rec(self, name, val):
        h = self.hist.setdefault(name, [])
        try:
            same = bool(h) and type(h[-1]) == type(val) and h[-1] == val
        except Exception:
            same = False
        if not same:
            h.append(snap(val))

    def record(self, frame):
        for k, v in frame.f_locals.items():
            if self.classes and isinstance(v, self.classes):
                for a, av in vars(v).items():
                    self.rec(f"{k}.{a}", av)
            else:
                self.rec(k, v)

    def tr(self, frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        d = {}
        self.calls.append((frame.f_code.co_name, d))
        self._fl[id(frame)] = d
        return self.local

    def local(self, frame, event, arg):
        if event == "line":
            self.lines[frame.f_lineno] = self.lines.get(frame.f_lineno, 0) + 1
            self.seq.append(frame.f_lineno)
            d = self._fl.get(id(frame))
            if d is not None:
                d[frame.f_lineno] = d.get(frame.f_lineno, 0) + 1
            self.record(frame)
        elif event == "return":
            self.record(frame)
            self.rets.append(snap(arg))
            self.rec("<return:%s>" % frame.f_code.co_name, arg)
        return self.local


def lit(s):
    return eval(s, {})


def any_value(run, v):
    for h in run.hist.values():
        for x in h:
            try:
                if type(x) == type(v) and x == v:
                    return True
                if isinstance(x, (int, float)) and isinstance(v, (int, float)) and not isinstance(x, bool) and x == v:
                    return True
            except Exception:
                pass
    return False


def in_hist(run, var, v):
    if var is None:
        return any_value(run, v)
    h = run.hist.get(var)
    if h is None and "[" in var:
        # subscripted variable such as counts["api"]: evaluate it on every held value of the base
        base, rest = var.split("[", 1)
        h = []
        for x in run.hist.get(base, []):
            try:
                h.append(eval("x[" + rest, {"x": x}))
            except Exception:
                pass
    if h is None:
        raise KeyError("no variable %r in run" % var)
    return any(type(x) == type(v) and x == v for x in h) or (
        isinstance(v, int) and any(isinstance(x, int) and x == v for x in h))


def is_subseq(seq, h):
    i = 0
    for x in h:
        if i < len(seq) and x == seq[i]:
            i += 1
    return i == len(seq)


def claim_truth(run, c):
    """Return (ok, why) for a claim judged against the run."""
    what = c["what"]
    val = lit(c["value"])
    if what == "value":
        if c.get("seq"):
            h = run.hist.get(c["variable"], [])
            return is_subseq(list(val), h), f"seq {val} vs history {h}"
        return in_hist(run, c["variable"], val), f"{c['variable']}={val!r} history {run.hist.get(c['variable'])}"
    if what == "count":
        if "@line" not in c["variable"] and "line" not in c:
            # number of values the loop variable took (range loops with distinct values)
            n = len(run.hist[c["variable"]])
            return n == val, f"{c['variable']} took {n} values, stated {val}"
        line = int(c["variable"].split("@line")[1].split()[0]) if "@line" in c["variable"] else int(c["line"])
        if c.get("outer_line"):
            # executions of `line` inside the k-th pass of the loop whose body starts at outer_line
            pos = [i for i, x in enumerate(run.seq) if x == c["outer_line"]]
            k = c["outer_index"]
            lo = pos[k]
            hi = pos[k + 1] if k + 1 < len(pos) else len(run.seq)
            n = run.seq[lo:hi].count(line)
        elif c.get("func"):
            calls = [d for nm, d in run.calls if nm == c["func"]]
            n = calls[c.get("call_index", 0)].get(line, 0)
        else:
            n = run.lines.get(line, 0)
        return n == val, f"line {line} ran {n} times, stated {val}"
    if what in ("arith", "comparison"):
        expr = c.get("expr")
        if expr is None:
            q = c["quote"].strip("`")
            expr = q.rsplit("=", 1)[0] if what == "arith" else q
        got = eval(expr, {})
        return got == val and type(got) == type(val) or (what == "arith" and got == val), f"{expr} -> {got!r}, stated {val!r}"
    if what == "return":
        return run.result == val, f"returned {run.result!r}, stated {val!r}"
    if what == "call":
        got = eval(c["value"] if c.get("expr") is None else c["expr"], dict(run.ns))
        return True, f"call {got!r}"
    raise ValueError(what)


def at_point(run, c):
    loc = c.get("at")
    if not loc:
        return None
    h = run.hist[loc["variable"]]
    return h[loc["index"]]


def check_item(it, runs):
    errs = []
    R = it["rationale"]
    key = (it["code"], it["call"])
    if key not in runs:
        runs[key] = Run(it["code"], it["call"])
    run = runs[key]
    if repr(run.result) != it["returned"]:
        errs.append(f"returned mismatch {run.result!r} vs {it['returned']}")
    last = R.rstrip().splitlines()[-1]
    if not last.startswith("Answer:") and not last.startswith("Predicted Output:"):
        errs.append("last line not an Answer")
    if it["answer"] not in last:
        errs.append("answer not in last line")
    for c in it["claims"]:
        if c["quote"] not in R:
            errs.append(f"quote not in rationale: {c['quote']!r}")
    # answer
    if it["direction"] == "forward":
        ans_ok = lit(it["answer"]) == run.result
    else:
        ns = {}
        exec(compile(it["code"], "<ans>", "exec"), ns)
        ans_ok = eval(it["answer"], ns) == run.result
        if not it["answer"].startswith(it["function"] + "(") and it["function"] + "(" not in it["answer"]:
            errs.append("backward answer does not call the function")
    wrong_claims = [c for c in it["claims"] if c.get("wrong")]
    for c in it["claims"]:
        if c.get("wrong") or c.get("carried"):
            continue
        ok, why = claim_truth(run, c)
        if not ok:
            errs.append(f"false claim {c['quote']!r}: {why}")
    if it["label"] == "faithful":
        if wrong_claims or it["error"] is not None:
            errs.append("faithful item has an error")
        if not ans_ok:
            errs.append(f"answer wrong: {it['answer']}")
    else:
        e = it["error"]
        if e["quote"] not in R:
            errs.append("error quote not in rationale")
        if e["kind"] in ("wrong_final_answer", "backward_wrong_input"):
            if ans_ok:
                errs.append("error copy answer is actually right")
            if e["kind"] == "wrong_final_answer" and it["direction"] != "forward":
                errs.append("wrong_final_answer on backward")
            if e["kind"] == "backward_wrong_input" and it["direction"] != "backward":
                errs.append("backward_wrong_input on forward")
        else:
            if not ans_ok and not e.get("carried"):
                errs.append("answer wrong in non-answer error copy")
            if e["kind"] == "wrong_intermediate_right_answer" and not ans_ok:
                errs.append("wrong_intermediate_right_answer with wrong answer")
            if not wrong_claims:
                errs.append("no wrong claim marked")
            for c in wrong_claims:
                val = lit(c["value"])
                if c.get("at"):
                    actual = at_point(run, c)
                    if actual == val:
                        errs.append(f"error claim is true at its point: {c['quote']!r}")
                    if e.get("held_elsewhere") and not in_hist(run, c["variable"], val) and not any_value(run, val):
                        errs.append(f"held_elsewhere but value never held: {c['quote']!r}")
                    if repr(actual) != e["actual"] and len(wrong_claims) == 1:
                        errs.append(f"error actual {e['actual']} != {actual!r}")
                else:
                    ok, why = claim_truth(run, c)
                    if ok:
                        errs.append(f"error claim is actually true: {c['quote']!r} ({why})")
                    if e["kind"] == "impossible_state" and c["what"] == "value" and any_value(run, val) and in_hist(run, c["variable"], val):
                        errs.append("impossible_state value is held by the variable")
                    if e.get("held_elsewhere") and c["what"] == "value" and not any_value(run, val):
                        errs.append("held_elsewhere but value never held")
        if e["quote"] not in [c["quote"] for c in wrong_claims] and e["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
            if not any(e["quote"] in c["quote"] or c["quote"] in e["quote"] for c in wrong_claims):
                errs.append("error quote does not match a wrong claim")
    return errs


def main(path="narrations.jsonl", out="check_report.txt"):
    items = [json.loads(l) for l in open(path) if l.strip()]
    runs = {}
    lines = []
    bad = 0
    for it in items:
        try:
            errs = check_item(it, runs)
        except Exception as ex:  # noqa
            errs = [f"exception {type(ex).__name__}: {ex}"]
        if errs:
            bad += 1
        lines.append(("FAIL " if errs else "ok   ") + it["id"] + ("" if not errs else "\n    " + "\n    ".join(errs)))
    summary = f"{len(items)} items, {len(items) - bad} pass, {bad} fail"
    rep = "\n".join(lines + ["", summary]) + "\n"
    open(out, "w").write(rep)
    print(rep if bad else summary)
    return bad


if __name__ == "__main__":
    sys.exit(1 if main(*sys.argv[1:]) else 0)
