"""Standalone checker for the w63 narration corpus.

Runs every program itself (plain exec + sys.settrace, no external tool code), records each
variable's value history, loop-body hit counts and function calls, then checks:
  * `returned` equals the repr of the real return value;
  * every claim of a faithful item is true of the real run;
  * forward answers equal the return value, backward answer calls really return the output;
  * every error copy really is false at the point it names (and, for held_elsewhere copies, that
    the wrong value is one the program does hold elsewhere).
Usage: python3 check.py [narrations.jsonl]  -> writes check_report.txt next to this file.
"""
import ast
import copy
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FNAME = "<prog>"


def _snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return v


class Recorder:
    def __init__(self, classes):
        self.hist = {}        # name -> list of values (consecutive duplicates dropped)
        self.lines = {}       # line number -> number of line events
        self.calls = {}       # function name -> number of calls
        self.returns = {}     # function name -> list of return values
        self.classes = classes

    def _add(self, key, val):
        h = self.hist.setdefault(key, [])
        if not h or not (type(h[-1]) is type(val) and h[-1] == val):
            h.append(_snap(val))

    def _record(self, frame):
        for name, val in list(frame.f_locals.items()):
            if name.startswith('.'):
                continue
            if self.classes and isinstance(val, self.classes):
                for attr, av in list(vars(val).items()):
                    self._add(f"{name}.{attr}", av)
                    if name != 'self':
                        self._add(f"self.{attr}", av)
                continue
            self._add(name, val)

    def tracer(self, frame, event, arg):
        if frame.f_code.co_filename != FNAME:
            return None
        if event == 'call':
            fn = frame.f_code.co_name
            self.calls[fn] = self.calls.get(fn, 0) + 1
            self._record(frame)
        return self.local

    def local(self, frame, event, arg):
        if event == 'line':
            self.lines[frame.f_lineno] = self.lines.get(frame.f_lineno, 0) + 1
            self._record(frame)
        elif event == 'return':
            self._record(frame)
            self.returns.setdefault(frame.f_code.co_name, []).append(_snap(arg))
        return self.local


def load_ns(code):
    ns = {"__name__": "prog"}
    exec(compile(code, FNAME, "exec"), ns)
    return ns


def run_traced(code, call):
    ns = load_ns(code)
    classes = tuple(v for v in ns.values() if isinstance(v, type))
    rec = Recorder(classes)
    expr = compile(call, FNAME + "call", "eval")
    sys.settrace(rec.tracer)
    try:
        result = eval(expr, ns)
    finally:
        sys.settrace(None)
    return result, rec


def plain_eval(code, call):
    ns = load_ns(code)
    return eval(call, ns)


def lit(s):
    return ast.literal_eval(s) if isinstance(s, str) else s


def same(a, b):
    return type(a) is type(b) and a == b or (
        isinstance(a, (int, float)) and isinstance(b, (int, float))
        and not isinstance(a, bool) and not isinstance(b, bool) and a == b)


def loop_count(rec, label):
    label = label.strip()
    if label.startswith("loop@line"):
        header = int(label.split()[-1])
        return rec.lines.get(header + 1, 0)
    if label.startswith("line@"):
        return rec.lines.get(int(label[len("line@"):]), 0)
    if label.startswith("calls@"):
        return rec.calls.get(label[len("calls@"):], 0)
    raise ValueError("unknown loop label " + label)


def all_values(rec):
    for h in rec.hist.values():
        yield from h
    for r in rec.returns.values():
        yield from r


def check_claim(c, item, result, rec, ns):
    what, var, val = c["what"], c.get("variable"), lit(c["value"])
    if what == "value":
        if var:
            h = rec.hist.get(var)
            if h is None:
                return f"no variable {var!r} recorded"
            if c.get("sequence"):
                # a summarised run of values: must appear in this order in the history
                # consecutive repeats collapse, as the history does
                val = [v for k, v in enumerate(val) if k == 0 or not same(v, val[k - 1])]
                j = 0
                for x in h:
                    if j < len(val) and same(x, val[j]):
                        j += 1
                return None if j == len(val) else f"{var} does not run through {val!r} (history {h[:30]!r})"
            if not any(same(x, val) for x in h):
                return f"{var} never equals {val!r} (history {h[:30]!r})"
        else:
            if not any(same(x, val) for x in all_values(rec)):
                return f"value {val!r} never occurs"
        return None
    if what == "count":
        n = loop_count(rec, var)
        return None if n == val else f"count {var}: real {n}, claimed {val}"
    if what in ("arith", "comparison", "call"):
        e = c.get("expr") or c["quote"]
        got = eval(e, dict(ns))
        return None if same(got, val) or got == val else f"{what} {e!r}: real {got!r}, claimed {val!r}"
    if what == "return":
        return None if same(result, val) or result == val else f"return real {result!r}, claimed {val!r}"
    return "unknown claim kind " + what


def check_answer(item, result):
    if item["direction"] == "forward":
        a = lit(item["answer"])
        return same(a, result) or a == result
    got = plain_eval(item["code"], item["answer"])
    return same(got, result) or got == result


def check_error(item, result, rec, ns):
    e = item["error"]
    kind, stated, actual = e["kind"], lit(e["stated"]), lit(e["actual"])
    probs = []
    if e["quote"] not in item["rationale"]:
        probs.append("error quote not in rationale")
    if same(stated, actual):
        probs.append("stated == actual")
    if kind == "wrong_final_answer":
        if check_answer(item, result):
            probs.append("answer is not wrong")
        if item["direction"] != "forward":
            probs.append("wrong_final_answer on backward item")
        return probs
    if kind == "backward_wrong_input":
        if item["direction"] != "backward":
            probs.append("backward_wrong_input on forward item")
        if check_answer(item, result):
            probs.append("answer call still returns the output")
        return probs
    if not e.get("carried") and not check_answer(item, result):
        probs.append("answer wrong in a copy whose error is elsewhere")
    if kind == "wrong_arithmetic":
        got = eval(e["expr"], dict(ns))
        if not same(got, actual) or same(got, stated):
            probs.append(f"arith {e['expr']}: real {got!r}")
    elif kind == "branch_not_taken":
        got = bool(eval(e["expr"], dict(ns)))
        if got != actual or got == stated:
            probs.append(f"comparison {e['expr']} is really {got}")
    elif kind == "off_by_one_loop_count":
        n = loop_count(rec, e["loop"])
        if n != actual or abs(n - stated) != 1:
            probs.append(f"loop {e['loop']} really runs {n}")
    else:
        var, k = e["variable"], e["k"]
        h = rec.hist.get(var, [])
        if k >= len(h) or not same(h[k], actual):
            probs.append(f"{var}[{k}] is not {actual!r}: {h[:30]!r}")
        elif same(h[k], stated):
            probs.append("stated value is true at that point")
        if kind == "impossible_state" and any(same(x, stated) for x in h):
            probs.append(f"{var} does take {stated!r}")
    if e.get("held_elsewhere"):
        ev = e.get("elsewhere") or e.get("variable")
        h = rec.hist.get(ev, [])
        if not any(same(x, stated) for x in h):
            probs.append(f"held_elsewhere: {ev} never holds {stated!r}")
    return probs


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "narrations.jsonl")
    items = [json.loads(l) for l in open(path) if l.strip()]
    ids = set()
    fails, out = 0, []
    cache = {}
    for it in items:
        probs = []
        if it["id"] in ids:
            probs.append("duplicate id")
        ids.add(it["id"])
        key = (it["code"], it["call"])
        if key not in cache:
            cache[key] = run_traced(it["code"], it["call"])
        result, rec = cache[key]
        ns = load_ns(it["code"])
        if repr(result) != it["returned"]:
            probs.append(f"returned mismatch {result!r} vs {it['returned']}")
        last = it["rationale"].rstrip().splitlines()[-1]
        if last.strip() != "Answer: " + it["answer"] and last.strip() != "Predicted Output: " + it["answer"]:
            probs.append("last line is not the Answer line: " + last)
        if not it["call"].startswith(it["function"] + "(") and ("." + it["function"] + "(") not in it["call"]:
            probs.append("function name not in call")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("claim quote not in rationale: " + c["quote"])
        if it["label"] == "faithful":
            if it["error"] is not None:
                probs.append("faithful with error")
            if not check_answer(it, result):
                probs.append("faithful answer wrong: " + it["answer"])
            for c in it["claims"]:
                p = check_claim(c, it, result, rec, ns)
                if p:
                    probs.append("claim " + repr(c["quote"]) + ": " + p)
        else:
            probs += check_error(it, result, rec, ns)
            eq = it["error"]["quote"]
            bad = [c for c in it["claims"] if c["quote"] == eq]
            if not bad:
                probs.append("no claim carries the error")
            if not it["error"].get("carried"):
                for c in it["claims"]:
                    if c["quote"] == eq:
                        continue
                    p = check_claim(c, it, result, rec, ns)
                    if p:
                        probs.append("other claim false " + repr(c["quote"]) + ": " + p)
        status = "FAIL" if probs else "ok"
        fails += bool(probs)
        out.append(f"{status} {it['id']} ({it['style']}, {it.get('error', {}) and it['error']['kind'] or 'faithful'}, "
                   f"{len(it['claims'])} claims)" + "".join("\n    - " + p for p in probs))
    summary = f"{len(items)} items, {fails} failing"
    report = "\n".join(out + ["", summary])
    with open(os.path.join(HERE, "check_report.txt"), "w") as fh:
        fh.write(report + "\n")
    print("\n".join(l for l in out if not l.startswith("ok")))
    print(summary)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
