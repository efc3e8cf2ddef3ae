#!/usr/bin/env python3
"""Standalone checker for the w8 narration corpus.

For every item of narrations.jsonl it executes the program itself (plain exec plus
sys.settrace; no outside tool code), then checks:
  * `returned` equals repr of the real return value;
  * every claim of a faithful item:
      value / call  -> the expression in `variable` (a name, `self.attr`, `len(xs)`, ...)
                       evaluates to `value` at some line/return event of some program frame;
                       `seq(expr)` with a list value: the list is a contiguous run of the
                       successive (changed) values expr takes, in execution order;
      count         -> `loop@line N`: the loop whose header is line N ran its body exactly
                       `value` times (steps header -> body, summed over the whole call);
                       `loop@line N#k`: the same, in the k-th function call that reached line N;
      arith         -> the expression (claim `expr`, else the quote left of `=` / ` is `)
                       evaluates to `value`;
      comparison    -> the claim's `expr` (a literal comparison) evaluates to `value`;
      return        -> the function named in `variable` (or the called function) returned `value`;
  * forward answer == returned; backward answer, evaluated, returns the output;
  * error copies: every claim whose quote overlaps error.quote is really false (or, for
    the answer kinds, the Answer is really wrong); all other claims still hold unless the
    error is marked carried (then failing ones are listed as "carried" notes);
  * quotes are exact substrings, the Answer line matches `answer`, ids/links are consistent.
Usage: python3 check.py [narrations.jsonl]  (writes a report to stdout)
"""
import ast
import copy
import json
import re
import sys
from collections import Counter, defaultdict

PROG = "<prog>"


def lit(s):
    return ast.literal_eval(s)


def snapshot(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)


class Run:
    """Executes one call under sys.settrace, recording what claims need."""

    def __init__(self, code, call, exprs):
        self.code = code
        self.exprs = sorted(set(e for e in exprs if e))
        self.history = defaultdict(list)
        self.hits = Counter()
        self.steps = Counter()      # (frame number, previous line, line) within one frame
        self.last = {}
        self.fno = {}
        self.nframes = 0
        self.rets = defaultdict(list)
        self.ns = {"__name__": "program"}
        exec(compile(code, PROG, "exec"), self.ns)
        sys.settrace(self._trace)
        try:
            self.result = eval(compile(call, "<call>", "eval"), self.ns)
        finally:
            sys.settrace(None)

    def _record(self, frame):
        for e in self.exprs:
            try:
                env = dict(self.ns)
                env.update(frame.f_locals)   # one mapping, so comprehensions see locals too
                v = eval(e, env)
            except Exception:
                continue
            self.history[e].append(snapshot(v))

    def _trace(self, frame, event, arg):
        if frame.f_code.co_filename != PROG:
            return None
        if event == "call":
            self.last[id(frame)] = None
            self.nframes += 1
            self.fno[id(frame)] = self.nframes
        if event in ("call", "line", "return"):
            self._record(frame)
        if event == "line":
            self.hits[frame.f_lineno] += 1
            self.steps[(self.fno.get(id(frame)), self.last.get(id(frame)), frame.f_lineno)] += 1
            self.last[id(frame)] = frame.f_lineno
        if event == "return":
            self.rets[frame.f_code.co_name].append(snapshot(arg))
        return self._trace


def loop_body_lines(code, header):
    tree = ast.parse(code)
    for node in ast.walk(tree):
        if isinstance(node, (ast.For, ast.While)) and node.lineno == header:
            return set(range(node.body[0].lineno, node.body[-1].end_lineno + 1))
    raise ValueError("no loop at line %d" % header)


def arith_expr(claim):
    if claim.get("expr"):
        return claim["expr"]
    q = claim["quote"].replace("`", "").replace("\u00d7", "*")
    m = re.match(r"^(.*?)(?:\s+is\s+|\s+gives\s+|(?<![=<>!])=(?!=))\s*[^=]*$", q)
    if not m:
        raise ValueError("cannot read arithmetic in %r" % q)
    return m.group(1).strip()


def check_claim(claim, run, item):
    """Return (ok, detail)."""
    what = claim["what"]
    val = lit(claim["value"])
    var = claim.get("variable")
    if what in ("value", "call") and re.match(r"^seq\((.+)\)$", var or ""):
        inner = re.match(r"^seq\((.+)\)$", var).group(1)
        changes = []
        for h in run.history.get(inner, []):
            if not changes or changes[-1] != h:
                changes.append(h)
        n = len(val)
        ok = any(changes[i:i + n] == list(val) for i in range(len(changes) - n + 1))
        return ok, "successive values of %s are %r, claim %r" % (inner, changes[:30], val)
    if what in ("value", "call"):
        hist = run.history.get(var, [])
        ok = any(h == val and isinstance(h, bool) == isinstance(val, bool) for h in hist)
        return ok, "%s never equals %r (seen %d values)" % (var, val, len(hist))
    if what == "count":
        m = re.match(r"loop@line (\d+)(?:#(\d+))?$", var or "")
        if not m:
            return False, "bad count label %r" % var
        header = int(m.group(1))
        body = loop_body_lines(item["code"], header)
        # one iteration = one step from the loop header into its body
        per_frame = Counter()
        for (f, a, b), c in run.steps.items():
            if a == header and b in body:
                per_frame[f] += c
        if m.group(2):   # loop@line N#k: only the k-th call that ran this loop
            frames = sorted(f for (f, a, b) in run.steps if b == header)
            frames = sorted(set(frames))
            k = int(m.group(2))
            n = per_frame[frames[k - 1]] if len(frames) >= k else 0
        else:
            n = sum(per_frame.values())
        return n == val, "loop at line %s ran %d times, claim %r" % (m.group(1), n, val)
    if what == "arith":
        e = arith_expr(claim)
        got = eval(e, {})
        return got == val and isinstance(got, bool) == isinstance(val, bool), \
            "%s = %r, claim %r" % (e, got, val)
    if what == "comparison":
        got = eval(claim["expr"], {})
        return bool(got) == val, "%s is %r, claim %r" % (claim["expr"], bool(got), val)
    if what == "return":
        fn = var or item["function"]
        rs = run.rets.get(fn, [])
        return any(r == val and type(r) == type(val) for r in rs), \
            "%s returned %r, claim %r" % (fn, rs[:5], val)
    return False, "unknown claim kind %r" % what


def answer_line(text):
    last = text.rstrip().splitlines()[-1].strip()
    m = re.match(r"^\**Answer:\**\s*(.*)$", last)
    if not m:
        return None
    return m.group(1).strip().strip("`").strip()


def check_item(item, byid):
    probs = []     # hard failures
    notes = []     # informational (carried errors)
    t = item["rationale"]
    exprs = [re.sub(r"^seq\((.+)\)$", r"\1", c.get("variable") or "")
             for c in item["claims"] if c["what"] in ("value", "call")]
    run = Run(item["code"], item["call"], exprs)
    if repr(run.result) != item["returned"]:
        probs.append("returned %r != real %r" % (item["returned"], run.result))
    # format / consistency
    if answer_line(t) != item["answer"]:
        probs.append("Answer line %r != answer field %r" % (answer_line(t), item["answer"]))
    for c in item["claims"]:
        if c["quote"] not in t:
            probs.append("claim quote not in text: %r" % c["quote"])
    called = re.findall(r"([A-Za-z_]\w*)\(", item["call"])
    if not called or called[-1] != item["function"]:
        probs.append("function field does not match call")
    # the answer
    if item["direction"] == "forward":
        ans_ok = item["answer"] == item["returned"] or lit(item["answer"]) == run.result
    else:
        ns = {"__name__": "program"}
        exec(compile(item["code"], PROG, "exec"), ns)
        try:
            names = re.findall(r"([A-Za-z_]\w*)\(", item["answer"])
            if not names or names[-1] != item["function"]:
                raise ValueError("answer does not call %s" % item["function"])
            got = eval(item["answer"], ns)
            ans_ok = repr(got) == item["returned"]
        except Exception as ex:  # noqa
            ans_ok = False
    err = item["error"]
    if item["label"] == "faithful":
        if err is not None or item["faithful_id"] is not None:
            probs.append("faithful item with error/faithful_id")
        if not ans_ok:
            probs.append("answer %r is wrong" % item["answer"])
        for c in item["claims"]:
            try:
                ok, why = check_claim(c, run, item)
            except Exception as ex:
                ok, why = False, "error %r" % ex
            if not ok:
                probs.append("false claim %r: %s" % (c["quote"], why))
        return probs, notes
    # error copy
    if item["faithful_id"] not in byid:
        probs.append("faithful_id %r missing" % item["faithful_id"])
    if err["quote"] not in t:
        probs.append("error quote not in text")
    kind = err["kind"]
    if kind in ("wrong_final_answer", "backward_wrong_input"):
        if ans_ok:
            probs.append("%s but the answer is right" % kind)
        if kind == "wrong_final_answer" and item["direction"] != "forward":
            probs.append("wrong_final_answer on backward item")
        if kind == "backward_wrong_input" and item["direction"] != "backward":
            probs.append("backward_wrong_input on forward item")
        err_claims = []
    else:
        if not ans_ok and not err.get("carried"):
            probs.append("answer wrong in a non-carried %s copy" % kind)
        err_claims = [c for c in item["claims"]
                      if c["quote"] in err["quote"] or err["quote"] in c["quote"]]
        if not err_claims:
            probs.append("no claim carries the error value %r" % err["stated"])
        for c in err_claims:
            ok, why = check_claim(c, run, item)
            if ok:
                probs.append("error claim is actually TRUE: %r (%s)" % (c["quote"], why))
    for c in item["claims"]:
        if c in err_claims:
            continue
        try:
            ok, why = check_claim(c, run, item)
        except Exception as ex:
            ok, why = False, "error %r" % ex
        if not ok:
            if err.get("carried"):
                notes.append("carried: %r (%s)" % (c["quote"], why))
            else:
                probs.append("false non-error claim %r: %s" % (c["quote"], why))
    # the copy must differ from its faithful text
    f = byid.get(item["faithful_id"])
    if f and f["rationale"] == t:
        probs.append("error copy identical to faithful text")
    return probs, notes


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
    items = [json.loads(l) for l in open(path) if l.strip()]
    byid = {i["id"]: i for i in items}
    if len(byid) != len(items):
        print("DUPLICATE IDS")
    nfail = 0
    for it in items:
        try:
            probs, notes = check_item(it, byid)
        except Exception as ex:
            probs, notes = ["checker crashed: %r" % ex], []
        status = "PASS" if not probs else "FAIL"
        nfail += bool(probs)
        extra = ""
        if it["label"] == "error":
            extra = " [%s confirmed false]" % it["error"]["kind"] if not probs else ""
        print("%s %s (%d claims)%s" % (status, it["id"], len(it["claims"]), extra))
        for p in probs:
            print("    - " + p)
        for n in notes:
            print("    . " + n)
    print()
    print("items: %d  faithful: %d  error copies: %d  failures: %d" % (
        len(items), sum(i["label"] == "faithful" for i in items),
        sum(i["label"] == "error" for i in items), nfail))
    print("ALL PASS" if nfail == 0 else "SOME FAILURES")
    return 0 if nfail == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
