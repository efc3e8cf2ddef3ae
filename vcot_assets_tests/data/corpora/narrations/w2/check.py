#!/usr/bin/env python3
"""Standalone checker for the w2 narration corpus.

For every item of narrations.jsonl it executes the program itself (no tool code), records with
sys.settrace a deep-copied snapshot of every frame's locals at each line/return event, the
iterations of every for/while loop (a transition from the loop header line into the loop body)
and every return value. Then:
  * `returned` must equal repr(call result);
  * forward: the answer literal must equal the result; backward: evaluating the answer call must
    give the result (for error copies of kind wrong_final_answer / backward_wrong_input: must not);
  * faithful items: every claim must be true:
      value      -- the expression in `variable` evaluates to `value` in some snapshot (a list
                    value may also be an in-order subsequence of the expression's value history,
                    i.e. a summarised sequence like "total goes 3, 7, 12");
      count      -- `variable` is "loop@line N" (optionally "(call k)"): iterations equal value;
      comparison -- the literal comparison in the quote (number words / English operators
                    normalised) evaluates to value;
      arith      -- the expression left of the last "=" / " is " in the quote evaluates to value;
      return     -- variable null: the call's result; else some return of that function;
      call       -- the call expression in `variable` evaluates to value (module level, or in
                    some snapshot when it uses locals);
  * error copies: the claim(s) that differ from the faithful version and lie in error.quote must
    be false (swapped_variables: the stated pair never holds at the same time), counts must be off
    by exactly one for off_by_one_loop_count, other differing claims are allowed only when
    carried is true, and the final answer must stay right except for the answer kinds or carried
    errors.
Writes a line per item and a final summary line to stdout (redirect to check_report.txt).
"""
import ast, copy, json, math, re, sys, os
from collections import Counter, defaultdict

PROG = "<w2-program>"
UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen"]
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}


def words_to_digits(s):
    def conv(m):
        neg, w = m.group(1), m.group(2).lower()
        parts = re.split(r"[- ]", w)
        val = 0
        for p in parts:
            if p in TENS:
                val += TENS[p]
            elif p == "hundred":
                val = (val or 1) * 100
            elif p in UNITS:
                val += UNITS.index(p)
        return ("-" if neg else "") + str(val)
    unit = "|".join(UNITS[::-1])
    tens = "|".join(TENS)
    num = r"(?:(?:%s)(?:[- ](?:%s))?|(?:%s)(?: hundred(?: (?:%s)(?:[- ](?:%s))?)?)?)" % (
        tens, unit, unit, tens, unit)
    num = r"(?:(?:%s)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?" \
          r"|(?:one|two|three|four|five|six|seven|eight|nine) hundred(?: and)?(?: (?:%s|%s))?" \
          r"|%s)" % (tens, tens, unit, unit)
    return re.sub(r"\b(negative |minus )?(%s)\b" % num, conv, s, flags=re.I)


OPS_WORDS = [
    (r"is greater than or equal to", ">="), (r"is less than or equal to", "<="),
    (r"is not greater than", "<="), (r"is not less than", ">="),
    (r"is greater than", ">"), (r"is bigger than", ">"), (r"is larger than", ">"),
    (r"is less than", "<"), (r"is smaller than", "<"),
    (r"is not equal to", "!="), (r"does not equal", "!="), (r"doesn't equal", "!="),
    (r"is equal to", "=="), (r"equals", "=="), (r"exceeds", ">"), (r"is at least", ">="),
    (r"is at most", "<="), (r"is not above", "<="), (r"is not below", ">="),
    (r"isn't", "!="), (r"is not", "!="), (r"not equal to", "!="), (r"equal to", "=="),
    (r"is below", "<"), (r"is above", ">"), (r"≤", "<="), (r"≥", ">="), (r"≠", "!="),
]
LITERAL_OK = re.compile(r"^[\d\s\+\-\*/%\(\)&\|\^~<>.xXoObBa-fA-F_]+$")


def _is_lit(s):
    s = s.strip(" ,;:")
    if not s:
        return False
    if LITERAL_OK.match(s) and re.search(r"\d", s):
        return True
    try:
        v = ast.literal_eval(s)
        return isinstance(v, (str, int, float, list, tuple, bool)) or v is None
    except Exception:
        return False


def _safe_eval(s):
    s = s.strip(" ,;:")
    return eval(s, {"__builtins__": {}}, {})


def normalise(q):
    q = q.replace("`", "").replace("**", "").replace("×", "*").replace("−", "-")
    q = words_to_digits(q)
    return q


def eval_comparison(q):
    q = normalise(q)
    for w, op in OPS_WORDS:
        q = re.sub(w, " %s " % op, q, flags=re.I)
    m = re.search(r"(<=|>=|==|!=|<(?![<])|>(?![>]))", q)
    # find a comparison operator that is not part of a shift
    for m in re.finditer(r"<=|>=|==|!=|(?<![<>])[<>](?![<>=])|\bnot in\b|\bin\b", q):
        left, op, right = q[:m.start()], m.group(0), q[m.end():]
        lv = None
        for i in range(len(left)):
            cand = left[i:]
            if _is_lit(cand):
                try:
                    lv = _safe_eval(cand); break
                except Exception:
                    pass
        rv = None; found = False
        for j in range(len(right), 0, -1):
            cand = right[:j]
            if "," in cand and not cand.strip().startswith(("(", "[", "{")):
                continue
            if _is_lit(cand):
                try:
                    rv = _safe_eval(cand); found = True; break
                except Exception:
                    pass
        if lv is not None and found:
            return _safe_eval("%r %s %r" % (lv, op, rv))
    return bool(eval_arith(q))


def eval_arith(q):
    q = normalise(q)
    q = re.sub(r"\bplus\b", "+", q); q = re.sub(r"\btimes\b", "*", q)
    q = re.sub(r"\bmod(ulo)?\b", "%", q)
    # split at the last "=" that is not part of a comparison operator, or at " is "/"→"/"gives"
    idx = None
    for m in re.finditer(r"(?<![<>=!])=(?!=)|\bis\b|→|\bgives\b|\bmakes\b", q):
        idx = m
    if idx is None:
        raise ValueError("no '=' in arith quote %r" % q)
    left = q[:idx.start()]
    for i in range(len(left)):
        cand = left[i:].strip()
        if cand and _is_lit(cand):
            try:
                return _safe_eval(cand)
            except Exception:
                pass
    raise ValueError("cannot evaluate arith quote %r" % q)


def same(a, b):
    if isinstance(a, bool) != isinstance(b, bool):
        return False
    if isinstance(a, int) and isinstance(b, int):
        return a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return type(a) == type(b) and len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    try:
        return a == b and type(a) == type(b)
    except Exception:
        return False


def lit(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return s


class Run:
    def __init__(self, code, call):
        self.code, self.call = code, call
        self.ns = {"__name__": "w2prog"}
        exec(compile(code, PROG, "exec"), self.ns)
        self.loops = {}
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, (ast.For, ast.While)):
                self.loops[node.lineno] = (node.body[0].lineno, node.body[-1].end_lineno)
        self.snaps, self.returns = [], []
        self.iters = Counter()
        self.calls = Counter()
        self.finfo = {}
        sys.settrace(self._global)
        try:
            self.result = eval(call, self.ns)
        finally:
            sys.settrace(None)

    def _snap(self, frame, event):
        d = {}
        for k, v in frame.f_locals.items():
            try:
                d[k] = copy.deepcopy(v)
            except Exception:
                d[k] = v
        fn, idx, _ = self.finfo[frame]
        self.snaps.append((fn, idx, frame.f_lineno, event, d))

    def _global(self, frame, event, arg):
        if frame.f_code.co_filename != PROG or event != "call":
            return None
        fn = frame.f_code.co_name
        self.calls[fn] += 1
        self.finfo[frame] = [fn, self.calls[fn], None]
        return self._local

    def _local(self, frame, event, arg):
        info = self.finfo[frame]
        if event == "line":
            ln, prev = frame.f_lineno, info[2]
            if prev in self.loops and prev != ln:
                b0, b1 = self.loops[prev]
                if b0 <= ln <= b1:
                    self.iters[(info[0], info[1], prev)] += 1
            info[2] = ln
            self._snap(frame, event)
        elif event == "return":
            self._snap(frame, event)
            self.returns.append((info[0], info[1], copy.deepcopy(arg)))
        return self._local

    # ---- queries
    def values_of(self, expr):
        out = []
        for fn, idx, ln, ev, d in self.snaps:
            try:
                out.append(eval(expr, dict(self.ns), dict(d)))
            except Exception:
                pass
        return out

    def value_holds(self, expr, val):
        hist = self.values_of(expr)
        if any(same(h, val) for h in hist):
            return True
        if isinstance(val, (list, tuple)) and val:
            seq = []
            for h in hist:
                if not seq or not same(seq[-1], h):
                    seq.append(h)
            want = []
            for v in val:
                if not want or not same(want[-1], v):
                    want.append(v)
            val = want
            i = 0
            for h in seq:
                if i < len(val) and same(h, val[i]):
                    i += 1
            return i == len(val)
        return False

    def joint_holds(self, pairs):
        for fn, idx, ln, ev, d in self.snaps:
            ok = True
            for expr, val in pairs:
                try:
                    if not same(eval(expr, dict(self.ns), dict(d)), val):
                        ok = False; break
                except Exception:
                    ok = False; break
            if ok:
                return True
        return False

    def loop_count(self, label):
        m = re.match(r"loop@line\s*(\d+)(?:\s*\(call\s*(\d+)\))?", label)
        if not m:
            raise ValueError("bad loop label %r" % label)
        line = int(m.group(1)); call = int(m.group(2)) if m.group(2) else None
        if line not in self.loops:
            raise ValueError("no loop header at line %d" % line)
        return sum(v for (fn, idx, ln), v in self.iters.items()
                   if ln == line and (call is None or idx == call))

    def eval_call(self, expr):
        ns = {"__name__": "w2prog"}
        exec(compile(self.code, PROG, "exec"), ns)
        return eval(expr, ns)


def claim_true(run, c):
    what, var, val = c["what"], c["variable"], lit(c["value"])
    if what == "value":
        if var is None:
            raise ValueError("value claim without variable")
        return run.value_holds(var, val)
    if what == "count":
        return run.loop_count(var) == val
    if what == "comparison":
        return eval_comparison(c["quote"]) == val
    if what == "arith":
        return same(eval_arith(c["quote"]), val) or eval_arith(c["quote"]) == val
    if what == "return":
        if var is None:
            return same(run.result, val)
        return any(fn == var and same(r, val) for fn, idx, r in run.returns)
    if what == "call":
        try:
            return same(run.eval_call(var), val)
        except Exception:
            return run.value_holds(var, val)
    raise ValueError("unknown claim kind %r" % what)


def answer_ok(run, item):
    if item["direction"] == "forward":
        try:
            return same(ast.literal_eval(item["answer"]), run.result)
        except Exception:
            return False
    try:
        return same(run.eval_call(item["answer"]), run.result)
    except Exception:
        return False


def key(c):
    return (c["quote"], c["variable"], c["value"], c["what"])


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "narrations.jsonl")
    items = [json.loads(l) for l in open(path)]
    byid = {it["id"]: it for it in items}
    runs = {}
    fails = []
    nclaims = 0
    stats = Counter()
    for it in items:
        msgs = []
        k = (it["code"], it["call"])
        if k not in runs:
            runs[k] = Run(it["code"], it["call"])
        run = runs[k]
        if repr(run.result) != it["returned"]:
            msgs.append("returned %s != real %r" % (it["returned"], run.result))
        if it["function"] not in it["answer"] and it["direction"] == "backward":
            msgs.append("backward answer does not call %s" % it["function"])
        if it["label"] == "faithful":
            if not answer_ok(run, it):
                msgs.append("answer %r wrong" % it["answer"])
            for c in it["claims"]:
                nclaims += 1
                if c["quote"] not in it["rationale"]:
                    msgs.append("quote not in rationale: %r" % c["quote"])
                try:
                    ok = claim_true(run, c)
                except Exception as e:
                    ok = False; msgs.append("claim error %r: %s" % (c["quote"], e))
                if not ok:
                    msgs.append("FALSE claim %r (%s=%s, %s)" % (c["quote"], c["variable"], c["value"], c["what"]))
        else:
            e = it["error"]; f = byid[it["faithful_id"]]
            stats[e["kind"]] += 1
            if e["quote"] not in it["rationale"]:
                msgs.append("error quote not in rationale")
            if it["rationale"] == f["rationale"]:
                msgs.append("rationale identical to faithful")
            fkeys = set(key(c) for c in f["claims"])
            pool = Counter(key(c) for c in f["claims"])
            changed = []
            for c in it["claims"]:
                if pool[key(c)] > 0:
                    pool[key(c)] -= 1
                else:
                    changed.append(c)
            err_claims = [c for c in changed if c["quote"] in e["quote"] or e["quote"] in c["quote"]]
            others = [c for c in changed if c not in err_claims]
            if not err_claims:
                msgs.append("no changed claim inside the error quote")
            if others and not e["carried"]:
                msgs.append("other claims changed but carried is false: %r" % [c["quote"] for c in others])
            kind = e["kind"]
            try:
                if kind == "swapped_variables":
                    pairs = [(c["variable"], lit(c["value"])) for c in err_claims if c["what"] == "value"]
                    if len(pairs) < 2:
                        msgs.append("swapped_variables needs two value claims")
                    elif run.joint_holds(pairs):
                        msgs.append("swapped pair actually holds together")
                else:
                    for c in err_claims:
                        if claim_true(run, c):
                            msgs.append("error claim is TRUE: %r" % c["quote"])
                        if kind == "off_by_one_loop_count":
                            if c["what"] != "count":
                                msgs.append("off_by_one without count claim")
                            elif abs(run.loop_count(c["variable"]) - lit(c["value"])) != 1:
                                msgs.append("count not off by exactly one")
            except Exception as ex:
                msgs.append("error check failed: %s" % ex)
            aok = answer_ok(run, it)
            if kind in ("wrong_final_answer", "backward_wrong_input"):
                if aok:
                    msgs.append("answer still right for %s" % kind)
                if kind == "wrong_final_answer" and it["direction"] != "forward":
                    msgs.append("wrong_final_answer on backward item")
                if kind == "backward_wrong_input" and it["direction"] != "backward":
                    msgs.append("backward_wrong_input on forward item")
            elif not aok and not e["carried"]:
                msgs.append("answer wrong but error not carried")
            if kind == "wrong_intermediate_right_answer" and not aok:
                msgs.append("wrong_intermediate_right_answer with wrong answer")
        status = "OK  " if not msgs else "FAIL"
        if msgs:
            fails.append(it["id"])
        print("%s %s %s" % (status, it["id"], "; ".join(msgs)))
    nf = sum(1 for it in items if it["label"] == "faithful")
    print("SUMMARY: %d items (%d faithful, %d error copies), %d faithful claims checked, "
          "%d failures%s" % (len(items), nf, len(items) - nf, nclaims, len(fails),
                              "" if not fails else ": " + ", ".join(fails)))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
