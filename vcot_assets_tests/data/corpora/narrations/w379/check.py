#!/usr/bin/env python3
"""Standalone checker for w379/narrations.jsonl.

Runs every program call under sys.settrace, records each variable's value history
(locals of every frame of the program, plus self.<attr> of instances), how often each
line runs per invocation, and the return value; then checks every item:

* returned / forward answer / backward answer against real execution;
* every claim of a faithful item (value in history, count = iterations, arith evaluates,
  comparison evaluates, return matches); every quote is a substring of the rationale;
* for error copies: the claim named by error.quote is FALSE at the stated point
  (via error["check"]), and all the other claims are still true (unless carried).
"""
import ast
import copy
import json
import sys
from collections import defaultdict

FN = "<w379-prog>"


class Recorder:
    def __init__(self):
        self.hist = defaultdict(list)      # name -> successive values (consecutive dupes dropped per frame)
        self.last = {}                     # (frame id, name) -> last value
        self.lines = defaultdict(list)     # (func, line) -> list of hit counts per invocation
        self.cur_inv = {}                  # frame id -> {(func,line): hits}
        self.at_line = defaultdict(list)   # (func, line) -> locals snapshot each time the line is reached

    def snap(self, frame):
        items = dict(frame.f_locals)
        self_obj = items.get("self")
        if self_obj is not None and hasattr(self_obj, "__dict__"):
            for k, v in vars(self_obj).items():
                items["self." + k] = v
        for name, v in items.items():
            if name == "self" or name.startswith("."):
                continue
            try:
                v = copy.deepcopy(v)
            except Exception:
                continue
            key = (id(self_obj) if name.startswith("self.") else id(frame), name)
            if key not in self.last or self.last[key] != v or type(self.last[key]) != type(v):
                self.last[key] = v
                self.hist[name].append(v)

    def tracer(self, frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        fid = id(frame)
        if event == "call":
            self.cur_inv[fid] = defaultdict(int)
        if event == "line":
            self.snap(frame)
            self.cur_inv[fid][(frame.f_code.co_name, frame.f_lineno)] += 1
            try:
                self.at_line[(frame.f_code.co_name, frame.f_lineno)].append(copy.deepcopy(dict(frame.f_locals)))
            except Exception:
                pass
        if event == "return":
            self.snap(frame)
            for k, n in self.cur_inv.pop(fid, {}).items():
                self.lines[k].append(n)
        return self.tracer


def execute(code, call):
    g = {"__name__": "w379prog"}
    exec(compile(code, FN, "exec"), g)
    rec = Recorder()
    sys.settrace(rec.tracer)
    try:
        ret = eval(compile(call, FN + "call", "eval"), g)
    finally:
        sys.settrace(None)
    return ret, rec


def plain_eval(code, call):
    g = {"__name__": "w379prog"}
    exec(compile(code, FN, "exec"), g)
    return eval(call, g)


def loop_counts(rec, func, line):
    """Iterations per invocation of the loop whose header is at `line` (header hits - 1,
    or hits when a body line is given with kind='body')."""
    return [n - 1 for n in rec.lines.get((func, line), [])]


def claim_true(c, rec, ret, code):
    what = c["what"]
    val = ast.literal_eval(c["value"])
    if what == "value":
        var = c["variable"]
        h = rec.hist.get(var, [])
        if "at_line" in c:                # the variable's value each time a given line runs
            h = [snap.get(var) for snap in rec.at_line.get(tuple(c["at_line"]), [])]
        if "map" in c:                    # e.g. "len(v)": look at a function of the variable
            h = [eval(c["map"], {"v": v}) for v in h]
            h = [v for i, v in enumerate(h) if i == 0 or h[i - 1] != v]
        if c.get("seq"):                  # a summarised run of successive values
            n = len(val)
            return any(h[i:i + n] == list(val) for i in range(len(h) - n + 1))
        if "k" in c:                      # value at a given point of the history
            k = c["k"]
            return -len(h) <= k < len(h) and h[k] == val
        return val in h
    if what == "count":
        func, line = c["loop"]
        counts = loop_counts(rec, func, line)
        if c.get("body"):                 # line is a body line: iterations = its hits
            counts = list(rec.lines.get((func, line), []))
        if c.get("per_outer"):            # inner loop: body hits / outer-loop iterations (same for every outer pass)
            outer = loop_counts(rec, func, c["per_outer"])
            counts = [b / o for b, o in zip(counts, outer) if o]
        if "inv" in c:
            return c["inv"] < len(counts) and counts[c["inv"]] == val
        return val in counts
    if what in ("arith", "comparison"):
        return eval(c["expr"], {}) == val
    if what == "return":
        return val == ret
    if what == "call":
        return plain_eval(code, c["expr"]) == val
    raise ValueError(what)


def main():
    items = [json.loads(l) for l in open("narrations.jsonl", encoding="utf-8") if l.strip()]
    progs = {json.loads(l)["id"]: json.loads(l) for l in open("programs.jsonl", encoding="utf-8") if l.strip()}
    fails, lines = 0, []
    cache = {}
    for it in items:
        errs = []
        pid = it["program_id"]
        if pid not in cache:
            cache[pid] = execute(it["code"], it["call"])
        ret, rec = cache[pid]
        if repr(ret) != it["returned"]:
            errs.append(f"returned {it['returned']} != real {ret!r}")
        if pid in progs and (progs[pid]["code"] != it["code"] or progs[pid]["call"] != it["call"]
                             or progs[pid]["returned"] != it["returned"] or len(progs[pid]["events"]) != it["trace_events"]):
            errs.append("item does not match programs.jsonl")
        text = it["rationale"]
        last = text.strip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            errs.append("answer field does not match last Answer line")
        # answer
        if it["direction"] == "forward":
            ans_ok = ast.literal_eval(it["answer"]) == ret
        else:
            if not (it["answer"].startswith(it["function"] + "(") or "." + it["function"] + "(" in it["answer"]):
                errs.append("backward answer names another function")
            ans_ok = plain_eval(it["code"], it["answer"]) == ret
        err = it["error"]
        answer_error = err is not None and err["kind"] in ("wrong_final_answer", "backward_wrong_input")
        if ans_ok == answer_error:
            errs.append(f"answer check wrong (ans_ok={ans_ok}, answer_error={answer_error})")
        # claims
        for c in it["claims"]:
            if c["quote"] not in text:
                errs.append(f"quote not in rationale: {c['quote']!r}")
                continue
            is_err = err is not None and c["quote"] == err["quote"] and c.get("is_error")
            try:
                ok = claim_true(c, rec, ret, it["code"])
            except Exception as e:  # noqa
                errs.append(f"claim crashed {c['quote']!r}: {e}")
                continue
            if is_err and ok:
                errs.append(f"error claim is TRUE: {c['quote']!r}")
            if not is_err and not ok and not c.get("carried"):
                errs.append(f"claim false: {c['quote']!r} ({c.get('variable')}={c['value']})")
        if err is not None:
            if err["quote"] not in text:
                errs.append("error quote not in rationale")
            if not answer_error and not any(c.get("is_error") and c["quote"] == err["quote"] for c in it["claims"]):
                errs.append("error has no matching claim")
            if err.get("held_elsewhere"):
                ec = next((c for c in it["claims"] if c.get("is_error")), None)
                sv = ast.literal_eval(ec["value"]) if ec else None
                allv = [v for h in rec.hist.values() for v in h] + [n - 1 for v in rec.lines.values() for n in v]
                if ec and ec.get("map"):
                    allv = [eval(ec["map"], {"v": v}) for v in rec.hist.get(ec["variable"], [])]
                vals = list(sv) if ec and ec.get("seq") else [sv]
                if ec is None or not all(any(type(x) == type(y) and x == y for y in allv) for x in vals):
                    errs.append("held_elsewhere but stated value is not held anywhere in the run")
            fid = it["faithful_id"]
            base = next((x for x in items if x["id"] == fid), None)
            if base is None:
                errs.append("faithful_id missing")
        status = "PASS" if not errs else "FAIL"
        fails += bool(errs)
        lines.append(f"{status} {it['id']} ({it['direction']}, {it['style']}, {it['family']}, "
                     f"{'faithful' if err is None else err['kind']}, {len(it['claims'])} claims)")
        lines.extend("    - " + e for e in errs)
    lines.append(f"\n{len(items) - fails}/{len(items)} items pass")
    out = "\n".join(lines)
    print(out)
    open("check_report.txt", "w").write(out + "\n")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
