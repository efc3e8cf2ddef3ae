#!/usr/bin/env python3
"""Standalone checker for the w36 narration corpus.

Runs each item's call under sys.settrace, records every variable's value history
(per frame, plus attributes of instance objects as `name.attr`), and checks claims.
Claim conventions (extra optional keys):
  value:      variable holds value at some point; with "line": L, holds it right after line L runs
              (with "occurrence": k, right after the k-th execution of line L).
  count:      variable "loop@line N" -> number of times line N executed; with "body": M,
              number of times line N was directly followed by line M (iterations of a header).
  comparison: "expr" (a literal Python expression) evaluates to value (True/False).
  arith:      "expr" (or the quote's left side of '=') evaluates to value.
  call:       "expr" evaluated in the program namespace equals value.
  return:     value equals the call's return value.
Error items: the claim whose quote equals error.quote must be FALSE; other claims must be
true unless error.carried is true. wrong_final_answer / backward_wrong_input check the answer.
"""
import ast, copy, json, sys, collections

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run_traced(code, call):
    ns = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = collections.defaultdict(list)          # name -> [values]
    after = collections.defaultdict(list)         # (line, name) -> [values after line ran]
    linecount = collections.Counter()
    last_line = {}
    def record(frame, into_line=None):
        for k, v in frame.f_locals.items():
            if k.startswith('.'):
                continue
            items = [(k, v)]
            d = getattr(v, '__dict__', None)
            if isinstance(d, dict) and not isinstance(v, type) and not callable(v):
                for a, av in d.items():
                    items.append((k + '.' + a, av))
            for name, val in items:
                s = snap(val)
                h = hist[name]
                if not h or not _eq(h[-1], s):
                    h.append(s)
                if into_line is not None:
                    after[(into_line, name)].append(s)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        fid = id(frame)
        if event == 'call':
            record(frame)
            last_line[fid] = None
            return tracer
        prev = last_line.get(fid)
        record(frame, prev)
        if event == 'line':
            linecount[frame.f_lineno] += 1
            linecount[(prev, frame.f_lineno)] += 1
            last_line[fid] = frame.f_lineno
        elif event == 'return':
            last_line.pop(fid, None)
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return ns, result, hist, after, linecount

def _eq(a, b):
    try:
        return type(a) == type(b) and a == b
    except Exception:
        return False

def lit(s):
    return ast.literal_eval(s)

def claim_ok(c, ns, result, hist, after, linecount):
    what = c["what"]
    if what == "value":
        val = lit(c["value"])
        var = c["variable"]
        if "line" in c:
            seq = after.get((c["line"], var), [])
            if "occurrence" in c:
                k = c["occurrence"] - 1
                return k < len(seq) and _eqv(seq[k], val)
            return any(_eqv(x, val) for x in seq)
        return any(_eqv(x, val) for x in hist.get(var, []))
    if what == "count":
        var = c["variable"]
        n = int(var.split("@line")[1]) if "@line" in var else c["line"]
        if "body" in c:   # iterations = transitions from header line n to body line c["body"]
            return linecount[(n, c["body"])] == lit(c["value"])
        return linecount[n] == lit(c["value"])
    if what in ("comparison", "arith"):
        expr = c.get("expr") or c["quote"].replace('`', '').rsplit('=', 1)[0]
        return _eqv(eval(expr, {}), lit(c["value"]))
    if what == "call":
        return _eqv(eval(c["expr"], dict(ns)), lit(c["value"]))
    if what == "return":
        return _eqv(result, lit(c["value"]))
    raise ValueError(what)

def _eqv(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) == type(b) and a == b
    try:
        return a == b
    except Exception:
        return False

def check_item(it):
    errs = []
    rat = it["rationale"]
    ns, result, hist, after, lc = run_traced(it["code"], it["call"])
    if repr(result) != it["returned"]:
        errs.append("returned mismatch %r vs %s" % (result, it["returned"]))
    last = rat.rstrip().splitlines()[-1]
    if not last.startswith("Answer:") and "Predicted Output:" not in last:
        errs.append("last line is not an Answer line")
    if it["answer"] not in last:
        errs.append("answer not in last line")
    for c in it["claims"]:
        if c["quote"] not in rat:
            errs.append("quote not in rationale: %r" % c["quote"])
    err = it.get("error")
    ans_ok = None
    if it["direction"] == "forward":
        try:
            ans_ok = _eqv(lit(it["answer"]), result)
        except Exception:
            ans_ok = False
    else:
        try:
            ns2 = {"__name__": "prog"}
            exec(compile(it["code"], "<prog2>", "exec"), ns2)
            ans_ok = repr(eval(it["answer"], ns2)) == it["returned"]
        except Exception as e:
            ans_ok = False
        fn = it["answer"].split("(")[0].strip()
        if fn != it["function"]:
            errs.append("backward answer calls %s not %s" % (fn, it["function"]))
    if it["label"] == "faithful":
        if err is not None:
            errs.append("faithful item has error")
        if not ans_ok:
            errs.append("answer wrong")
        for c in it["claims"]:
            try:
                if not claim_ok(c, ns, result, hist, after, lc):
                    errs.append("false claim: %r" % (c,))
            except Exception as e:
                errs.append("claim crashed %r: %s" % (c, e))
    else:
        k = err["kind"]
        if err["quote"] not in rat:
            errs.append("error quote not in rationale")
        if k in ("wrong_final_answer", "backward_wrong_input"):
            if ans_ok:
                errs.append("error answer is actually right")
            if k == "wrong_final_answer" and it["direction"] != "forward":
                errs.append("wrong_final_answer on backward")
            if k == "backward_wrong_input" and it["direction"] != "backward":
                errs.append("backward_wrong_input on forward")
        else:
            if not ans_ok and not err.get("carried"):
                errs.append("answer should stay right for %s (not carried)" % k)
        bad = [c for c in it["claims"] if c["quote"] == err["quote"]]
        if k not in ("wrong_final_answer", "backward_wrong_input"):
            if not bad:
                errs.append("no claim matches error quote")
            for c in bad:
                try:
                    if claim_ok(c, ns, result, hist, after, lc):
                        errs.append("error claim is actually TRUE: %r" % (c,))
                except Exception as e:
                    errs.append("error claim crashed %r: %s" % (c, e))
        for c in it["claims"]:
            if c in bad or err.get("carried"):
                continue
            try:
                if not claim_ok(c, ns, result, hist, after, lc):
                    errs.append("non-error claim false: %r" % (c,))
            except Exception as e:
                errs.append("claim crashed %r: %s" % (c, e))
    return errs

def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
    items = [json.loads(l) for l in open(path) if l.strip()]
    ids = set()
    nfail = 0
    byid = {it["id"]: it for it in items}
    for it in items:
        if it["id"] in ids:
            print("DUPLICATE", it["id"]); nfail += 1
        ids.add(it["id"])
        if it["label"] == "error" and it["faithful_id"] not in byid:
            print("MISSING faithful", it["id"]); nfail += 1
        errs = check_item(it)
        status = "PASS" if not errs else "FAIL"
        if errs:
            nfail += 1
        print("%s %s (%d claims)" % (status, it["id"], len(it["claims"])))
        for e in errs:
            print("    ", e)
    c = collections.Counter
    print()
    print("items:", len(items), "failures:", nfail)
    print("labels:", dict(c(i["label"] for i in items)))
    fa = [i for i in items if i["label"] == "faithful"]
    print("faithful by style:", dict(c(i["style"] for i in fa)))
    print("faithful by family:", dict(c(i["family"] for i in fa)))
    print("faithful by direction:", dict(c(i["direction"] for i in fa)))
    print("faithful by kind:", dict(c(i["kind"] for i in fa)))
    print("errors by kind:", dict(c(i["error"]["kind"] for i in items if i["error"])))
    print("all items by style:", dict(c(i["style"] for i in items)))
    print("all items by direction:", dict(c(i["direction"] for i in items)))
    print("trace events:", sorted(i["trace_events"] for i in fa))
    print("RESULT:", "ALL PASS" if nfail == 0 else "FAILURES")
    return 1 if nfail else 0

if __name__ == "__main__":
    sys.exit(main())
