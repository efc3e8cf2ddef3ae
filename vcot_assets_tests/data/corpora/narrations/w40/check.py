#!/usr/bin/env python3
"""Standalone checker for w40 narrations: re-executes every program with sys.settrace
and checks returned values, answers, and every claim. Usage: python3 check.py [narrations.jsonl]"""
import ast, copy, json, re, sys, warnings
warnings.filterwarnings('ignore')
from collections import defaultdict

FILENAME = "<w40prog>"


def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)


class Recorder:
    def __init__(self):
        self.hist = defaultdict(list)      # var name -> list of distinct successive values
        self.returns = defaultdict(list)   # function name -> returned values
        self.lines = defaultdict(int)      # line number -> hits
        self.calls = defaultdict(int)

    def _rec(self, name, val):
        h = self.hist[name]
        if not h or not (type(h[-1]) is type(val) and h[-1] == val):
            h.append(snap(val))

    def _snap_frame(self, frame):
        for k, v in frame.f_locals.items():
            if k.startswith("__") or callable(v) and not isinstance(v, (list, dict, set, tuple)):
                continue
            if k == "self" or (hasattr(v, "__dict__") and not isinstance(v, type)):
                for a, av in vars(v).items():
                    self._rec(("self." if k == "self" else k + ".") + a, av)
                    if k != "self":
                        self._rec("self." + a, av)
                continue
            self._rec(k, v)

    def tracer(self, frame, event, arg):
        if frame.f_code.co_filename != FILENAME:
            return None
        if event == "call":
            self.calls[frame.f_code.co_name] += 1
        self._snap_frame(frame)
        if event == "line":
            self.lines[frame.f_lineno] += 1
        elif event == "return":
            self.returns[frame.f_code.co_name].append(snap(arg))
        return self.tracer


def run(code, call, trace=True):
    ns = {}
    exec(compile(code, FILENAME, "exec"), ns)
    rec = Recorder()
    if trace:
        sys.settrace(rec.tracer)
    try:
        val = eval(compile(call, FILENAME + "call", "eval"), ns)
    finally:
        sys.settrace(None)
    return val, rec


def lit(s):
    return ast.literal_eval(s)


def same(a, b):
    return type(a) is type(b) and a == b or (isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and not isinstance(b, bool) and a == b)


def check_claim(c, rec, item, ret):
    """Return (ok, msg) where ok means the claim is true of the execution."""
    what, var = c["what"], c.get("variable")
    try:
        val = lit(c["value"])
    except Exception as e:
        return False, f"bad literal {c['value']!r}: {e}"
    q = c["quote"].replace("`", "").strip()
    if what == "value" and c.get("seq"):
        h = rec.hist.get(var, [])
        pos = 0
        for x in val:
            while pos < len(h) and not same(h[pos], x):
                pos += 1
            if pos == len(h):
                return False, f"{var} sequence {val} not in history {h}"
        return True, "seq ok"
    if what == "value":
        if var:
            h = rec.hist.get(var)
            if h is None:
                return False, f"unknown variable {var}"
            return any(same(x, val) for x in h), f"{var} history {h[:12]}"
        allv = [x for hh in rec.hist.values() for x in hh]
        return any(same(x, val) for x in allv), "any-var"
    if what == "count":
        m = re.match(r"loop@line (\d+)$", var or "")
        if m:
            n = rec.lines.get(int(m.group(1)), 0)
            return n == val, f"line {m.group(1)} hit {n} times"
        m = re.match(r"values@(\S+)$", var or "")
        if m:
            n = len(rec.hist.get(m.group(1), []))
            return n == val, f"{m.group(1)} took {n} successive values"
        m = re.match(r"calls@(\w+)$", var or "")
        if m:
            n = rec.calls.get(m.group(1), 0)
            return n == val, f"{m.group(1)} called {n} times"
        return False, f"bad count label {var}"
    if what == "comparison":
        q = re.sub(r"\s+(is|was)\s+(true|false)\b.*$", "", q, flags=re.I)
        try:
            got = eval(q, {})
        except Exception as e:
            return False, f"cannot eval comparison {q!r}: {e}"
        return bool(got) == val, f"{q} -> {got}"
    if what == "arith":
        parts = re.split(r"(?<![=<>!])=(?!=)", q)
        lhs = parts[0]
        try:
            got = eval(lhs, {})
        except Exception as e:
            return False, f"cannot eval {lhs!r}: {e}"
        return same(got, val) or got == val, f"{lhs} -> {got!r} vs stated {val!r}"
    if what == "return":
        if var and var in rec.returns:
            return any(same(x, val) for x in rec.returns[var]), f"returns of {var}: {rec.returns[var]}"
        return same(ret, val), f"return {ret!r}"
    if what == "call":
        ns = {}
        exec(compile(item["code"], FILENAME, "exec"), ns)
        got = eval(q if var is None else var, ns)
        return same(got, val), f"call -> {got!r}"
    return False, f"unknown what {what}"


def answer_ok(item, ret):
    if item["direction"] == "forward":
        try:
            return same(lit(item["answer"]), ret) or lit(item["answer"]) == ret and type(lit(item["answer"])) is type(ret)
        except Exception:
            return False
    try:
        got, _ = run(item["code"], item["answer"], trace=False)
    except Exception:
        return False
    return repr(got) == item["returned"]


def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    ids = {it["id"] for it in items}
    fails, lines = 0, []
    for it in items:
        errs = []
        ret, rec = run(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            errs.append(f"returned {it['returned']} but execution gives {ret!r}")
        fn = re.match(r"\s*(\w+)", it["call"]).group(1)
        last = it["rationale"].rstrip().splitlines()[-1]
        if not last.startswith("Answer:") or it["answer"] not in last:
            errs.append("last line is not 'Answer: <answer>'")
        if it["direction"] == "backward" and not it["answer"].startswith(it["function"] + "("):
            errs.append("backward answer is not a call of function")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                errs.append(f"claim quote not in rationale: {c['quote']!r}")
        if it["label"] == "faithful":
            if it["faithful_id"] is not None or it["error"] is not None:
                errs.append("faithful item with error fields")
            if not answer_ok(it, ret):
                errs.append(f"answer {it['answer']} wrong")
            for c in it["claims"]:
                ok, msg = check_claim(c, rec, it, ret)
                if not ok:
                    errs.append(f"FALSE claim {c['quote']!r} ({msg})")
        else:
            e = it["error"]
            if it["faithful_id"] not in ids:
                errs.append("faithful_id missing")
            if e["quote"] not in it["rationale"]:
                errs.append(f"error quote not in rationale: {e['quote']!r}")
            if e["kind"] == "wrong_final_answer":
                if it["direction"] != "forward":
                    errs.append("wrong_final_answer on backward item")
                if answer_ok(it, ret):
                    errs.append("wrong_final_answer but answer is right")
            elif e["kind"] == "backward_wrong_input":
                if answer_ok(it, ret):
                    errs.append("backward_wrong_input but answer call returns the output")
            else:
                if not e.get("carried") and not answer_ok(it, ret):
                    errs.append(f"answer {it['answer']} wrong in {e['kind']} copy")
                ec = [c for c in it["claims"] if c["quote"] == e["quote"]]
                if not ec:
                    errs.append("no claim matching the error quote")
                for c in ec:
                    ok, msg = check_claim(c, rec, it, ret)
                    if ok:
                        errs.append(f"error claim is actually TRUE: {c['quote']!r} ({msg})")
            for c in it["claims"]:
                if c["quote"] == e["quote"] or c.get("carried"):
                    continue
                ok, msg = check_claim(c, rec, it, ret)
                if not ok:
                    errs.append(f"non-error claim false in error copy: {c['quote']!r} ({msg})")
        status = "PASS" if not errs else "FAIL"
        fails += bool(errs)
        lines.append(f"{status} {it['id']} ({len(it['claims'])} claims)")
        lines += ["    " + x for x in errs]
    lines.append(f"\n{len(items) - fails}/{len(items)} items pass")
    print("\n".join(lines))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"))
