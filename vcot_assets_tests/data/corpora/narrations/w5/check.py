#!/usr/bin/env python3
"""Standalone checker for w5 narrations.

For every item of narrations.jsonl it executes the program itself (plain exec + sys.settrace,
no other tooling) and checks:
  * `returned` equals repr of the real return value of `call`;
  * every claim of a faithful item is true of the execution:
      value      -> the variable takes that value at some line/return event (per-frame
                    locals, plus `obj.attr` for instances of the program's own classes);
      count      -> the loop (`loop@line N`, or the loop whose target is the named variable)
                    ran that many iterations, in total or in one entry of the loop;
      comparison -> the comparison in the quote evaluates to the stated True/False (with
                    literals, or in some recorded state when it names variables);
      arith      -> the expression in the quote evaluates to the stated result;
      return     -> the call (or the named function, for helpers) returned that value;
      call       -> the expression in the quote evaluates to the value (in the program's
                    namespace, or in some recorded state);
  * forward: `answer` == the real return value; backward: evaluating `answer` returns it;
  * error copies: the claims touching error.quote are really false (individually, or jointly:
    no single recorded state has all of them), `error.actual` is true where it is a literal,
    the wrong answer is wrong for wrong_final_answer / backward_wrong_input, and the claims
    outside the error still hold unless the error is marked `carried`.
Writes a report to stdout; exit status 1 if anything fails.
"""
import ast
import warnings
import copy
import json
import re
import sys
from collections import defaultdict

FNAME = "<prog>"
warnings.filterwarnings("ignore")
NUM_WORDS = {}


def lit(s):
    return ast.literal_eval(s)


class Run:
    def __init__(self, code, call):
        self.code = code
        self.call = call
        self.tree = ast.parse(code)
        self.hist = defaultdict(list)      # var -> list of values (consecutive dupes removed)
        self.snaps = []                    # list of (func, line, {var: value})
        self.returns = defaultdict(list)   # func -> list of return values
        self.lines = defaultdict(list)     # frame id -> list of line numbers
        self.frame_func = {}
        ns = {}
        exec(compile(code, FNAME, "exec"), ns)
        self.ns = ns
        self.classes = tuple(v for v in ns.values() if isinstance(v, type))
        self.top = None
        sys.settrace(self._trace)
        try:
            self.result = eval(compile(call, FNAME + "call", "eval"), ns)
        finally:
            sys.settrace(None)

    def _state(self, frame):
        st = {}
        for k, v in frame.f_locals.items():
            if k.startswith("."):
                continue
            try:
                st[k] = copy.deepcopy(v)
            except Exception:
                continue
            if self.classes and isinstance(v, self.classes):
                for ak, av in vars(v).items():
                    try:
                        st[k + "." + ak] = copy.deepcopy(av)
                    except Exception:
                        pass
        return st

    def _record(self, frame, event, arg):
        fid = id(frame)
        name = frame.f_code.co_name
        st = self._state(frame)
        self.snaps.append((name, frame.f_lineno, st))
        for k, v in st.items():
            h = self.hist[k]
            if not h or not _same(h[-1], v):
                h.append(v)
        if event == "line":
            self.lines[fid].append(frame.f_lineno)
            self.frame_func[fid] = name
        if event == "return":
            self.returns[name].append(copy.deepcopy(arg))

    def _trace(self, frame, event, arg):
        if frame.f_code.co_filename != FNAME:
            return None
        if event in ("line", "return"):
            self._record(frame, event, arg)
        return self._trace

    # ---- loops
    def loop_nodes(self):
        out = []
        for node in ast.walk(self.tree):
            if isinstance(node, (ast.For, ast.While)):
                out.append(node)
        return out

    def loop_counts(self, node):
        head, end, first = node.lineno, node.end_lineno, node.body[0].lineno
        per_entry = []
        for fid, seq in self.lines.items():
            prev = None
            cur = None
            for ln in seq:
                if ln == head and (prev is None or not (head <= prev <= end)):
                    if cur is not None:
                        per_entry.append(cur)
                    cur = 0
                if ln == first and cur is not None and prev == head:
                    cur += 1
                prev = ln
            if cur is not None:
                per_entry.append(cur)
        return sum(per_entry), per_entry


def _same(a, b):
    try:
        return type(a) is type(b) and a == b
    except Exception:
        return False


def _eq(a, b):
    try:
        if isinstance(a, bool) != isinstance(b, bool):
            return False
        return a == b and type(a) == type(b) or (
            isinstance(a, (int, float)) and isinstance(b, (int, float))
            and not isinstance(a, bool) and a == b)
    except Exception:
        return False


def candidates(quote):
    """Expressions that may be hidden in a quote: backticked parts first, then token spans."""
    out = []
    for m in re.findall(r"`([^`]+)`", quote):
        out.append(m.strip())
    q = quote.replace("`", "").strip().rstrip(".,;:")
    q = re.sub(r"[\s,]*(which\s+)?(is|are)\s+(true|false|True|False)\b.*$", "", q)
    toks = q.split()
    spans = []
    for i in range(len(toks)):
        for j in range(i + 1, len(toks) + 1):
            spans.append(" ".join(toks[i:j]).strip(",;:"))
    spans.sort(key=len, reverse=True)
    out.extend(spans)
    return out


def eval_in(expr, env):
    return eval(compile(expr, "<q>", "eval"), {"__builtins__": __builtins__}, env)


def check_comparison(run, quote, value):
    for c in candidates(quote):
        if not re.search(r"(<|>|==|!=|\bin\b|\bnot\b|\bis\b|\.is\w+\(|\.startswith\()", c):
            continue
        try:
            r = eval_in(c, dict(run.ns))
            if isinstance(r, bool):
                return r == value, c
        except Exception:
            pass
        res = set()
        for _, _, st in run.snaps:
            env = dict(run.ns)
            env.update(st)
            try:
                r = eval_in(c, env)
            except Exception:
                continue
            if isinstance(r, bool):
                res.add(r)
        if res:
            return value in res, c
    return None, None


ASSIGN_SPLIT = re.compile(r"(?<![<>=!])=(?!=)|\bis\b|\bgives\b|\bequals\b|\u2192|->")


def check_arith(run, quote, value):
    q = quote.replace("`", "")
    parts = list(ASSIGN_SPLIT.finditer(q))
    if not parts:
        return None, None
    m = parts[-1]
    left = q[: m.start()].strip()
    toks = left.split()
    for i in range(len(toks)):
        expr = " ".join(toks[i:]).strip(",;:")
        if not re.search(r"[-+*/%&|^<>]", expr):
            continue
        try:
            r = eval_in(expr, {})
        except Exception:
            continue
        if isinstance(r, (int, float)) and not isinstance(r, bool):
            return _eq(r, value), expr
    return None, None


def check_call(run, quote, value):
    q = quote
    if q.startswith("Answer:"):
        q = q[len("Answer:"):]
    first = None
    for c in candidates(q):
        if "(" not in c and "[" not in c and "." not in c:
            continue
        res = []
        try:
            res.append(eval_in(c, dict(run.ns)))
        except Exception:
            for _, _, st in run.snaps:
                env = dict(run.ns)
                env.update(st)
                try:
                    res.append(eval_in(c, env))
                except Exception:
                    continue
        if not res:
            continue
        if any(_eq(r, value) or (r == value and type(r) == type(value)) for r in res):
            return True, c
        if first is None:
            first = c
    if first is not None:
        return False, first
    return None, None


def check_claim(run, cl):
    what, var, quote = cl["what"], cl.get("variable"), cl["quote"]
    value = lit(cl["value"])
    if what == "value":
        if var not in run.hist:
            return None, "variable %r never recorded" % var
        ok = any(_eq(v, value) for v in run.hist[var])
        return ok, "history of %s" % var
    if what == "count":
        nodes = run.loop_nodes()
        m = re.match(r"loop@line (\d+)$", var or "")
        if m:
            ln = int(m.group(1))
            nodes = [n for n in nodes if n.lineno == ln]
        else:
            nodes = [n for n in nodes if isinstance(n, ast.For)
                     and var in {x.id for x in ast.walk(n.target) if isinstance(x, ast.Name)}]
        if not nodes:
            return None, "no loop for %r" % var
        for n in nodes:
            total, per = run.loop_counts(n)
            if value == total or value in per:
                return True, "loop %d: total %d, per entry %s" % (n.lineno, total, per)
        return False, "loop counts %s" % [run.loop_counts(n) for n in nodes]
    if what == "comparison":
        ok, expr = check_comparison(run, quote, value)
        return ok, "comparison %r" % expr
    if what == "arith":
        ok, expr = check_arith(run, quote, value)
        return ok, "arith %r" % expr
    if what == "return":
        if var in (None, "", run.call.split("(")[0]) or var not in run.returns:
            return _eq(run.result, value) or run.result == value, "top-level return"
        return any(_eq(v, value) for v in run.returns[var]), "returns of %s" % var
    if what == "call":
        ok, expr = check_call(run, quote, value)
        return ok, "call %r" % expr
    return None, "unknown what %r" % what


def joint_possible(run, claims):
    """Is there one recorded state where every value claim holds at once?"""
    vals = [(c["variable"], lit(c["value"])) for c in claims if c["what"] == "value"]
    if len(vals) < 2:
        return None
    for _, _, st in run.snaps:
        if all(v in st and _eq(st[v], x) for v, x in vals):
            return True
    return False


def overlaps(a, b):
    return a in b or b in a


def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    runs = {}
    fails = 0
    lines = []
    by_id = {it["id"]: it for it in items}
    for it in items:
        key = (it["code"], it["call"])
        if key not in runs:
            runs[key] = Run(it["code"], it["call"])
        run = runs[key]
        probs = []
        if repr(run.result) != it["returned"]:
            probs.append("returned %s != real %r" % (it["returned"], run.result))
        for cl in it["claims"]:
            if cl["quote"] not in it["rationale"]:
                probs.append("claim quote not in rationale: %r" % cl["quote"])
        last = it["rationale"].rstrip().splitlines()[-1]
        if it["answer"] not in last:
            probs.append("answer %r not in last line" % it["answer"])
        # answer
        if it["direction"] == "forward":
            try:
                ans_ok = _eq(lit(it["answer"]), run.result) or lit(it["answer"]) == run.result
            except Exception:
                ans_ok = False
        else:
            try:
                got = eval(compile(it["answer"], "<ans>", "eval"), dict(run.ns))
                ans_ok = got == run.result and type(got) == type(run.result)
            except Exception as e:
                ans_ok = False
        if it["label"] == "faithful":
            if it["error"] is not None or it["faithful_id"] is not None:
                probs.append("faithful item with error/faithful_id")
            if not ans_ok:
                probs.append("answer wrong: %s" % it["answer"])
            for cl in it["claims"]:
                ok, why = check_claim(run, cl)
                if ok is not True:
                    probs.append("claim %s %r=%s (%s): %s" % (cl["what"], cl["variable"], cl["value"],
                                                           cl["quote"], "FALSE" if ok is False else "UNCHECKABLE " + why))
        else:
            err = it["error"]
            if it["faithful_id"] not in by_id:
                probs.append("faithful_id missing")
            if err["quote"] not in it["rationale"]:
                probs.append("error quote not in rationale")
            kind = err["kind"]
            if kind == "wrong_final_answer":
                if ans_ok:
                    probs.append("wrong_final_answer but answer is right")
                if it["direction"] != "forward":
                    probs.append("wrong_final_answer on backward item")
            elif kind == "backward_wrong_input":
                if ans_ok:
                    probs.append("backward_wrong_input but call returns the output")
                if it["direction"] != "backward":
                    probs.append("backward_wrong_input on forward item")
            else:
                if not ans_ok:
                    probs.append("answer wrong in a non-answer error copy")
            errc = [c for c in it["claims"] if overlaps(c["quote"], err["quote"])]
            if not errc:
                probs.append("no claim covers the error quote")
            else:
                results = [check_claim(run, c) for c in errc]
                false_ind = [c for c, (ok, _) in zip(errc, results) if ok is False]
                unk = [c for c, (ok, _) in zip(errc, results) if ok is None]
                joint = joint_possible(run, errc)
                if unk:
                    probs.append("error claim uncheckable: %r" % [c["quote"] for c in unk])
                if not false_ind and joint is not False:
                    probs.append("error claims all true: %r" % [c["quote"] for c in errc])
                # actual should be true where it is a literal of a single false claim
                if len(false_ind) == 1 and kind not in ("wrong_final_answer", "backward_wrong_input"):
                    c = dict(false_ind[0])
                    try:
                        lit(err["actual"])
                        c["value"] = err["actual"]
                        ok, why = check_claim(run, c)
                        if ok is False:
                            probs.append("error.actual %r is not true either (%s)" % (err["actual"], why))
                    except Exception:
                        pass
            if not err.get("carried"):
                for cl in it["claims"]:
                    if overlaps(cl["quote"], err["quote"]):
                        continue
                    if it["direction"] == "backward" and cl["quote"].startswith("Answer:"):
                        continue
                    if kind == "wrong_final_answer" and cl["quote"].startswith("Answer:"):
                        continue
                    ok, why = check_claim(run, cl)
                    if ok is not True:
                        probs.append("non-error claim fails: %s %r (%s)" % (cl["what"], cl["quote"], why))
        status = "PASS" if not probs else "FAIL"
        if probs:
            fails += 1
        lines.append("%s %s (%s, %s, %s, %d claims)" % (status, it["id"], it["label"],
                     (it["error"] or {}).get("kind", "-"), it["direction"], len(it["claims"])))
        for p in probs:
            lines.append("    " + p)
    lines.append("")
    lines.append("%d items, %d pass, %d fail" % (len(items), len(items) - fails, fails))
    print("\n".join(lines))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"))
