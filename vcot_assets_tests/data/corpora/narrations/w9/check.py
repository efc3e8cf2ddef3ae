#!/usr/bin/env python3
"""Standalone checker for the w9 narration corpus.

Runs every program call under sys.settrace (plain CPython, no project code), records per-frame
variable snapshots, loop iteration counts and return values, and then checks each narration:

  * the call's return value repr equals `returned`;
  * faithful items: every `claims` entry is true of the execution
      value      -> the expression in `variable` evaluates to `value` in some recorded snapshot
      count      -> `variable` is `loop@line N`; `value` equals the iteration count of one entry
                    of that loop (or the total over all entries)
      comparison -> `variable` (a program-level expression) evaluates to `value` in some snapshot;
                    a purely literal comparison written in the quote must also evaluate to `value`
      arith      -> the arithmetic written in the quote evaluates to `value`
      return     -> `value` equals the return value (of the called function, or of the function
                    named in `variable`)
    and the answer is right (forward: literal == return value; backward: the call returns it);
  * error items: the error is really false. The error's position is given by a side file
    error_specs.jsonl (id -> spec), e.g. the value of an expression at the k-th execution of a
    line, the iteration count of a loop, the true result of an arithmetic expression.

Usage: python3 check.py [narrations.jsonl] > check_report.txt
"""
import ast
import copy
import json
import re
import sys
import os

HERE = os.path.dirname(os.path.abspath(__file__))
FN = "<w9prog>"


def lit(s):
    return ast.literal_eval(s)


class Run:
    def __init__(self, code, call):
        self.code = code
        self.call = call
        self.lines = code.split("\n")
        self.snaps = []          # (func, lineno, kind, locals-copy)
        self.line_events = []    # (frame-id, func, lineno)
        self.returns = []        # (func, value)
        self.g = {"__name__": "w9prog"}
        exec(compile(code, FN, "exec"), self.g)
        self.frame_ids = {}
        sys.settrace(self._trace)
        try:
            self.result = eval(compile(call, FN + "call", "eval"), self.g)
        finally:
            sys.settrace(None)

    def _copy_locals(self, frame):
        out = {}
        for k, v in frame.f_locals.items():
            try:
                out[k] = copy.deepcopy(v)
            except Exception:
                out[k] = v
        return out

    def _trace(self, frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        fid = self.frame_ids.setdefault(id(frame), len(self.frame_ids))
        func = frame.f_code.co_name
        if event in ("line", "return", "call"):
            self.snaps.append((func, frame.f_lineno, event, self._copy_locals(frame)))
        if event == "line":
            self.line_events.append((fid, func, frame.f_lineno))
        if event == "return":
            self.returns.append((func, copy.deepcopy(arg)))
            self.frame_ids.pop(id(frame), None)
        return self._trace

    # ---- queries -------------------------------------------------------------------------
    def eval_in(self, expr, loc):
        return eval(expr, self.g, dict(loc))

    def values_of(self, expr, func=None):
        vals = []
        for f, ln, ev, loc in self.snaps:
            if func and f != func:
                continue
            try:
                vals.append(self.eval_in(expr, loc))
            except Exception:
                pass
        return vals

    def takes_value(self, expr, value, func=None):
        return any(_eq(v, value) for v in self.values_of(expr, func))

    def value_at(self, func, line, hit, expr):
        n = 0
        for f, ln, ev, loc in self.snaps:
            if ev == "line" and f == func and ln == line:
                n += 1
                if n == hit:
                    return self.eval_in(expr, loc)
        raise LookupError("line %d hit %d not reached in %s" % (line, hit, func))

    def seq(self, expr, func=None):
        out = []
        for v in self.values_of(expr, func):
            if not out or not _eq(out[-1], v):
                out.append(v)
        return out

    def loop_counts(self, header):
        indent = len(self.lines[header - 1]) - len(self.lines[header - 1].lstrip())
        first = header + 1
        end = header
        for i in range(header, len(self.lines)):
            t = self.lines[i]
            if t.strip() == "":
                continue
            if len(t) - len(t.lstrip()) <= indent:
                break
            end = i + 1
        counts = []
        last_line = {}
        current = {}
        for fid, func, ln in self.line_events:
            prev = last_line.get(fid)
            if ln == header and not (prev is not None and first <= prev <= end):
                if fid in current:
                    counts.append(current[fid])
                current[fid] = 0
            if ln == first and prev == header and fid in current:
                current[fid] += 1
            last_line[fid] = ln
        counts.extend(current.values())
        return counts


def _eq(a, b):
    try:
        return type(a) == type(b) and a == b or (isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and not isinstance(b, bool) and a == b)
    except Exception:
        return False


ARITH_RE = re.compile(r"([-+*/%&|^~<>()\d\s.]+?)\s*(?:=|\bis\b|\bgives\b|->)\s*(-?\d+)")


def arith_parts(quote):
    q = quote.replace("`", "").replace("×", "*")
    m = None
    for m2 in ARITH_RE.finditer(q):
        lhs = m2.group(1).strip()
        if re.search(r"[-+*/%&|^~<>]", lhs) and re.search(r"\d", lhs):
            m = m2
            break
    if not m:
        return None
    return m.group(1).strip(), int(m.group(2))


def literal_comparison(quote):
    for seg in re.findall(r"`([^`]+)`", quote):
        if re.fullmatch(r"[\d\s.+\-*/%()<>=!&|^'\"a-zA-Z,\[\]]+", seg) and re.search(r"(<=|>=|==|!=|<|>|\bin\b)", seg):
            try:
                node = ast.parse(seg, mode="eval")
            except SyntaxError:
                continue
            if all(not isinstance(n, ast.Name) for n in ast.walk(node)):
                return seg, eval(seg, {})
    return None


def check_claim(run, item, c, problems):
    what = c["what"]
    var = c.get("variable")
    q = c["quote"]
    if q not in item["rationale"]:
        problems.append("claim quote not in rationale: %r" % q)
        return
    try:
        val = lit(c["value"])
    except Exception:
        problems.append("claim value not a literal: %r" % c["value"])
        return
    if what == "value":
        if not run.takes_value(var, val):
            problems.append("value claim false: %s = %r (%r)" % (var, val, q))
    elif what == "count":
        m = re.fullmatch(r"loop@line (\d+)", var or "")
        if not m:
            problems.append("count claim without loop@line: %r" % var)
            return
        counts = run.loop_counts(int(m.group(1)))
        if val not in counts and val != sum(counts):
            problems.append("count claim false: %s = %r, real %r (%r)" % (var, val, counts, q))
    elif what == "comparison":
        lc = literal_comparison(q)
        if lc is not None and lc[1] != val:
            problems.append("literal comparison %r is %r, claimed %r" % (lc[0], lc[1], val))
        if var and not run.takes_value("bool(%s)" % var, val):
            problems.append("comparison never %r: %s (%r)" % (val, var, q))
    elif what == "arith":
        ap = arith_parts(q)
        if ap is None:
            problems.append("cannot parse arith quote %r" % q)
            return
        real = eval(ap[0], {})
        if real != val or ap[1] != val:
            problems.append("arith false: %s = %r, claimed %r" % (ap[0], real, val))
    elif what == "return":
        if var in (None, item["function"]):
            if not _eq(run.result, val):
                problems.append("return claim false: %r vs %r" % (val, run.result))
        elif not any(f == var and _eq(v, val) for f, v in run.returns):
            problems.append("return claim false for %s: %r" % (var, val))
    elif what == "call":
        try:
            got = eval(var, run.g)
        except Exception as e:
            problems.append("call claim failed %r: %s" % (var, e))
            return
        if not _eq(got, val):
            problems.append("call claim false: %s -> %r not %r" % (var, got, val))
    else:
        problems.append("unknown claim kind %r" % what)


def check_answer(run, item):
    """True when the item's answer is right."""
    if item["direction"] == "forward":
        try:
            return _eq(lit(item["answer"]), run.result)
        except Exception:
            return False
    g = {"__name__": "w9prog_b"}
    exec(compile(item["code"], FN, "exec"), g)
    try:
        got = eval(item["answer"], g)
    except Exception:
        return False
    return _eq(got, run.result) and (item["function"] + "(") in item["answer"]


def check_error(run, item, spec, problems):
    err = item["error"]
    if err["quote"] not in item["rationale"]:
        problems.append("error quote not in rationale")
    t = spec["type"]
    stated = lit(err["stated"]) if t != "answer" else err["stated"]
    t = spec["type"]
    if t == "arith":
        real = eval(spec["expr"], {})
        if _eq(real, stated):
            problems.append("arith error is actually right")
        if str(real) != str(err["actual"]) and not _eq(real, lit(err["actual"])):
            problems.append("arith actual mismatch %r vs %r" % (real, err["actual"]))
    elif t == "at":
        real = run.value_at(spec["func"], spec["line"], spec["hit"], spec["expr"])
        if _eq(real, stated):
            problems.append("'at' error is actually right: %r" % real)
        if not _eq(real, lit(err["actual"])):
            problems.append("'at' actual mismatch: real %r, actual field %r" % (real, err["actual"]))
    elif t == "never":
        if run.takes_value(spec["expr"], stated, spec.get("func")):
            problems.append("impossible state is reachable: %s = %r" % (spec["expr"], stated))
    elif t == "count":
        counts = run.loop_counts(spec["line"])
        want = spec.get("entry")
        real = counts[want] if want is not None else counts
        if (want is not None and real == stated) or (want is None and stated in counts):
            problems.append("count error is actually right: %r" % (counts,))
        if want is not None and real != lit(err["actual"]):
            problems.append("count actual mismatch %r" % real)
    elif t == "seq":
        real = run.seq(spec["expr"], spec.get("func"))
        if spec.get("skip_first"):
            real = real[spec["skip_first"]:]

        def contains(big, small):
            return any(all(_eq(big[i + j], small[j]) for j in range(len(small)))
                       for i in range(len(big) - len(small) + 1))
        if contains(real, list(spec["stated_seq"])):
            problems.append("summary sequence error is actually a real run: %r" % (spec["stated_seq"],))
        if not contains(real, list(spec["actual_seq"])):
            problems.append("summary actual %r not a real run of %r" % (spec["actual_seq"], real))
        if spec["stated_seq"].count(stated) <= spec["actual_seq"].count(stated) and stated in spec["actual_seq"]:
            problems.append("stated element %r is not the changed one" % (stated,))
    elif t == "answer":
        pass
    else:
        problems.append("unknown spec type %r" % t)
    right = check_answer(run, item)
    if err["kind"] in ("wrong_final_answer", "backward_wrong_input"):
        if right:
            problems.append("answer error but answer is right")
    else:
        if not right and not err.get("carried"):
            problems.append("non-answer error but answer is wrong")


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "narrations.jsonl")
    specs = {}
    sp = os.path.join(HERE, "error_specs.jsonl")
    if os.path.exists(sp):
        for line in open(sp):
            if line.strip():
                d = json.loads(line)
                specs[d["id"]] = d["spec"]
    items = [json.loads(l) for l in open(path) if l.strip()]
    runs = {}
    n_ok = n_bad = 0
    ids = set()
    for item in items:
        problems = []
        if item["id"] in ids:
            problems.append("duplicate id")
        ids.add(item["id"])
        key = (item["code"], item["call"])
        if key not in runs:
            runs[key] = Run(item["code"], item["call"])
        run = runs[key]
        if repr(run.result) != item["returned"]:
            problems.append("returned mismatch: %r vs %s" % (run.result, item["returned"]))
        last = item["rationale"].rstrip().split("\n")[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != item["answer"]:
            problems.append("answer field does not match last line: %r" % last)
        if item["label"] == "faithful":
            for c in item["claims"]:
                check_claim(run, item, c, problems)
            if not check_answer(run, item):
                problems.append("faithful answer is wrong: %r" % item["answer"])
        else:
            spec = specs.get(item["id"])
            if spec is None:
                problems.append("no error spec")
            else:
                try:
                    check_error(run, item, spec, problems)
                except Exception as e:
                    problems.append("error check crashed: %r" % e)
            if not any(c["quote"] == item["error"]["quote"] for c in item["claims"]):
                problems.append("error not among claims")
        status = "PASS" if not problems else "FAIL"
        if problems:
            n_bad += 1
        else:
            n_ok += 1
        print("%s %s (%d claims)" % (status, item["id"], len(item["claims"])))
        for p in problems:
            print("    - " + p)
    print("\nTOTAL %d items: %d pass, %d fail" % (len(items), n_ok, n_bad))
    return 1 if n_bad else 0


if __name__ == "__main__":
    sys.exit(main())
