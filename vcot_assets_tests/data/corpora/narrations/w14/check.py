#!/usr/bin/env python3
"""Standalone checker for w14 narrations.

Runs every item's call in-process with sys.settrace, records each variable's value
history (per program frame, merged in time order; instance attributes as
"<local>.<attr>"), line execution sequence and function return values, then checks:
  * `returned` equals repr of the real return value;
  * every claim of a faithful item is true; the error claim of an error copy is false,
    all its other non-carried claims true;
  * forward answer == return value (unless error kind wrong_final_answer, then !=);
  * backward answer call returns the output (unless backward_wrong_input, then it doesn't).
Claim semantics:
  value      : variable takes `value` at some point (or its nth distinct value if "nth")
  count      : variable "loop@line B" -> number of executions of line B (total), or of
               any run, where runs are delimited by executions of line P ("loop@line B per P")
  arith      : `expr` (or the quote's "lhs = rhs") evaluates to value
  comparison : `expr` evaluates to value (concrete; else in some recorded frame state)
  call       : like comparison
  return     : some program function (or `variable` if named) returned value
Usage: python3 check.py narrations.jsonl > check_report.txt
"""
import ast, copy, json, re, sys, types

FN = "<w14prog>"


def literal(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return eval(s, {})


class Recorder:
    def __init__(self, classes):
        self.hist = {}      # name -> list of values (change history)
        self.last = {}      # (frame id, name) -> last value
        self.lines = []     # sequence of executed line numbers
        self.returns = []   # (func name, value)
        self.states = []    # snapshots of locals (for contextual exprs)
        self.classes = classes

    def snap(self, frame):
        d = {}
        for k, v in frame.f_locals.items():
            if isinstance(v, tuple(self.classes)) if self.classes else False:
                for a, av in vars(v).items():
                    d[f"{k}.{a}"] = av
                d[k] = v  # kept for expressions such as self.items['rice']
            else:
                d[k] = v
        try:
            d = copy.deepcopy(d)
        except Exception:
            pass
        fid = id(frame)
        for k, v in d.items():
            if self.classes and isinstance(v, tuple(self.classes)):
                continue
            key = (fid, k)
            if key not in self.last or self.last[key] != v or type(self.last[key]) != type(v):
                self.last[key] = v
                self.hist.setdefault(k, []).append(v)
        self.states.append(d)

    def tracer(self, frame, event, arg):
        if frame.f_code.co_filename != FN:
            return self.tracer
        if event == "line":
            self.snap(frame)
            self.lines.append(frame.f_lineno)
        elif event == "return":
            self.snap(frame)
            self.returns.append((frame.f_code.co_name, copy.deepcopy(arg)))
        elif event == "call":
            self.snap(frame)
        return self.tracer


def run(code, call, record=True):
    ns = {"__name__": "w14prog"}
    exec(compile(code, FN, "exec"), ns)
    classes = [v for v in ns.values() if isinstance(v, type)]
    rec = Recorder(classes)
    cc = compile(call, "<call>", "eval")
    if record:
        sys.settrace(rec.tracer)
        try:
            val = eval(cc, ns)
        finally:
            sys.settrace(None)
    else:
        val = eval(cc, ns)
    return val, rec


def eq(a, b):
    return a == b and type(a) == type(b) or (isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and not isinstance(b, bool) and a == b)


def arith_expr(c):
    if c.get("expr"):
        return c["expr"]
    q = c["quote"].replace("`", "").strip()
    m = re.match(r"^(.*?[^<>!=])=(?!=)\s*([^=]+)$", q)
    if not m:
        raise ValueError("cannot parse arith quote: " + q)
    return m.group(1).strip()


def ctx_eval(expr, rec):
    try:
        return [eval(expr, {})]
    except NameError:
        out = []
        for st in rec.states:
            try:
                out.append(eval(expr, {}, dict(st)))
            except Exception:
                pass
        return out


def history(var, rec):
    """Change history of a variable name, or of an expression over frame locals."""
    if var in rec.hist:
        return rec.hist[var]
    out = []
    for st in rec.states:
        try:
            v = eval(var, {}, dict(st))
        except Exception:
            continue
        if not out or not eq(out[-1], v):
            out.append(copy.deepcopy(v))
    return out


def loop_counts(var, rec):
    m = re.match(r"loop@line (\d+)(?: per (\d+))?$", var)
    if not m:
        raise ValueError("bad count variable " + var)
    b = int(m.group(1))
    if m.group(2) is None:
        return [rec.lines.count(b)]
    p = int(m.group(2))
    segs, cur, started = [], 0, False
    for ln in rec.lines:
        if ln == p:
            if started:
                segs.append(cur)
            started, cur = True, 0
        elif ln == b and started:
            cur += 1
    if started:
        segs.append(cur)
    return segs


def claim_true(c, rec, retval):
    what = c["what"]
    val = literal(c["value"])
    if what == "value":
        h = history(c["variable"], rec)
        if c.get("seq"):
            it = iter(h)
            return all(any(eq(x, v) for x in it) for v in val), h
        if "nth" in c:
            n = c["nth"]
            return len(h) >= n and eq(h[n - 1], val), (h[n - 1] if len(h) >= n else None)
        return any(eq(x, val) for x in h), h
    if what == "count":
        if not c["variable"].startswith("loop@"):
            # a loop variable: number of values it was assigned (distinct consecutive values)
            n = len(history(c["variable"], rec))
            return val == n, n
        cs = loop_counts(c["variable"], rec)
        return val in cs, cs
    if what == "arith":
        r = eval(arith_expr(c), {})
        return eq(r, val) or r == val, r
    if what in ("comparison", "call"):
        expr = c.get("expr") or arith_expr(c)
        rs = ctx_eval(expr, rec)
        return any(r == val for r in rs), rs[:5]
    if what == "return":
        rets = [v for f, v in rec.returns if c.get("variable") in (None, f)]
        return any(eq(v, val) for v in rets) or eq(retval, val), rets
    raise ValueError("unknown claim kind " + what)


def check_item(it):
    errs = []
    val, rec = run(it["code"], it["call"])
    if repr(val) != it["returned"]:
        errs.append(f"returned mismatch: {repr(val)} vs {it['returned']}")
    rat = it["rationale"]
    last = rat.rstrip().splitlines()[-1]
    if it["answer"] not in last:
        errs.append("answer not on last line")
    err = it.get("error")
    kind = err["kind"] if err else None
    if it["label"] == "error":
        if not err or err["quote"] not in rat:
            errs.append("error quote missing from rationale")
    for c in it["claims"]:
        if c["quote"] not in rat:
            errs.append(f"claim quote not in rationale: {c['quote']!r}")
            continue
        try:
            ok, got = claim_true(c, rec, val)
        except Exception as e:
            errs.append(f"claim {c['quote']!r} raised {e!r}")
            continue
        is_err_claim = err is not None and c["quote"] == err["quote"] and c.get("error", True) is not False and kind not in ("wrong_final_answer", "backward_wrong_input")
        if is_err_claim:
            if ok:
                errs.append(f"error claim is actually TRUE: {c['quote']!r} got {got!r}")
        elif c.get("carried"):
            pass
        elif not ok:
            errs.append(f"false claim: {c['quote']!r} value={c['value']} got {got!r}")
    if err and kind not in ("wrong_final_answer", "backward_wrong_input"):
        if not any(c["quote"] == err["quote"] for c in it["claims"]):
            errs.append("error has no matching claim")
    # answers
    if it["direction"] == "forward":
        try:
            a = literal(it["answer"])
            good = eq(a, val) or repr(a) == repr(val)
        except Exception as e:
            good = False
        if kind == "wrong_final_answer":
            if good:
                errs.append("wrong_final_answer but answer is right")
        elif not good and not (err and err.get("carried")):
            errs.append(f"forward answer {it['answer']} != {val!r}")
    else:
        try:
            v2, _ = run(it["code"], it["answer"], record=False)
            good = repr(v2) == it["returned"]
        except Exception as e:
            good = False
        if it["function"] + "(" not in it["answer"]:
            errs.append("backward answer does not call function")
        if kind == "backward_wrong_input":
            if good:
                errs.append("backward_wrong_input but the call returns the output")
        elif not good:
            errs.append(f"backward answer {it['answer']} does not return {it['returned']}")
    if it["label"] == "faithful" and (err is not None or it["faithful_id"] is not None):
        errs.append("faithful item with error/faithful_id")
    return errs


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
    items = [json.loads(l) for l in open(path) if l.strip()]
    ids = set()
    bad = 0
    from collections import Counter
    for it in items:
        if it["id"] in ids:
            print("DUPLICATE id", it["id"]); bad += 1
        ids.add(it["id"])
        errs = check_item(it)
        status = "PASS" if not errs else "FAIL"
        if errs:
            bad += 1
        print(f"{status} {it['id']} ({it['label']}{'/' + it['error']['kind'] if it.get('error') else ''}, {len(it['claims'])} claims)")
        for e in errs:
            print("    ", e)
    print()
    print(f"items: {len(items)}  failures: {bad}")
    print("labels:", dict(Counter(i["label"] for i in items)))
    print("styles (faithful):", dict(Counter(i["style"] for i in items if i["label"] == "faithful")))
    print("families (faithful):", dict(Counter(i["family"] for i in items if i["label"] == "faithful")))
    print("directions (faithful):", dict(Counter(i["direction"] for i in items if i["label"] == "faithful")))
    print("error kinds:", dict(Counter(i["error"]["kind"] for i in items if i.get("error"))))
    print("ALL PASS" if bad == 0 else "SOME FAILURES")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
