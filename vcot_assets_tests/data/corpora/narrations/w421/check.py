#!/usr/bin/env python3
"""Standalone checker for w421 narrations: re-runs each program under sys.settrace,
records every variable's value history (locals and self.<attr>), per-line execution
counts and the return value, then checks every claim of every item.

Claim checks:
  value      -> the variable takes that value at some point (and, if "at" is given,
                it is the at-th distinct value in that variable's history)
  count      -> "line": N; the loop body line N executed exactly value times
  comparison -> "expr" evaluates (plain Python) to value (True/False)
  arith      -> "expr" evaluates to value
  return     -> value equals the call's return value
  call       -> value is a call that returns the output
Error copies: every claim except the erroneous one must hold; the erroneous one must
fail strictly at its point (history index / iteration count / expression / answer),
its "actual" must be what execution gives, and held_elsewhere values must occur
somewhere in the run.
Usage: python3 check.py [narrations.jsonl]      (writes nothing; print report)
       python3 check.py --dump programs.jsonl   (histories, for writing)
"""
import ast, copy, json, sys
from collections import defaultdict


def lit(s):
    if not isinstance(s, str):
        return s
    try:
        return ast.literal_eval(s)
    except (ValueError, SyntaxError):
        return s


def run_traced(code, call):
    hist = defaultdict(list)
    lines = defaultdict(int)

    def snap(frame):
        if frame.f_code.co_filename != "<prog>":
            return
        for k, v in list(frame.f_locals.items()):
            items = [(k, v)]
            if k == "self" and hasattr(v, "__dict__"):
                items += [("self." + a, b) for a, b in vars(v).items()]
            for name, val in items:
                if callable(val) and not isinstance(val, (list, dict, tuple, set)):
                    continue
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    continue
                h = hist[name]
                if not h or not _same(h[-1], val):
                    h.append(val)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            snap(frame)
            lines[frame.f_lineno] += 1
        elif event == "return":
            snap(frame)
        return tracer

    g = {"__name__": "program"}
    exec(compile(code, "<prog>", "exec"), g)
    sys.settrace(tracer)
    try:
        ret = eval(compile(call, "<call>", "eval"), g)
    finally:
        sys.settrace(None)
    return ret, dict(hist), dict(lines)


def _same(a, b):
    try:
        return type(a) == type(b) and a == b
    except Exception:
        return False


def plain_eval(code, call):
    g = {"__name__": "program"}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)


def claim_ok(c, ctx, strict):
    """Return (ok, actual_at_point)."""
    what = c["what"]
    v = lit(c["value"])
    hist, lines, ret, code = ctx["hist"], ctx["lines"], ctx["ret"], ctx["code"]
    if what == "value":
        var = c.get("variable")
        if var is None:
            allv = [x for h in hist.values() for x in h] + [ret]
            return any(_same(x, v) for x in allv), None
        h = hist.get(var, [])
        if "at" in c:
            act = h[c["at"]] if c["at"] < len(h) else "<missing>"
            return _same(act, v), act
        if strict:
            raise ValueError("strict value check needs 'at': %r" % c["quote"])
        return any(_same(x, v) for x in h), None
    if what == "count":
        act = lines.get(c["line"], 0)
        return act == v, act
    if what in ("comparison", "arith"):
        act = eval(c["expr"], {})
        return _same(act, v) or (what == "arith" and act == v and not isinstance(act, bool)), act
    if what == "return":
        return _same(v, ret), ret
    if what == "call":
        try:
            got = plain_eval(code, v)
        except Exception as e:
            got = "<error %s>" % e
        return _same(got, ret), got
    raise ValueError(what)


def occurs_anywhere(v, ctx):
    return any(_same(x, v) for h in ctx["hist"].values() for x in h) or _same(v, ctx["ret"])


def check_item(it, cache):
    errs = []
    key = it["program_id"]
    if key not in cache:
        ret, hist, lines = run_traced(it["code"], it["call"])
        cache[key] = {"ret": ret, "hist": hist, "lines": lines, "code": it["code"]}
    ctx = cache[key]
    ret = ctx["ret"]
    if repr(ret) != it["returned"]:
        errs.append("returned mismatch %r vs %s" % (ret, it["returned"]))
    if plain_eval(it["code"], it["call"]) != ret:
        errs.append("plain run differs")
    rat = it["rationale"]
    last = rat.strip().splitlines()[-1]
    if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
        errs.append("answer field does not match last line")
    err = it.get("error")
    # answer
    if it["direction"] == "forward":
        ans_ok = _same(lit(it["answer"]), ret)
    else:
        try:
            got = plain_eval(it["code"], it["answer"])
            ans_ok = _same(got, ret)
        except Exception:
            ans_ok = False
        if not it["answer"].startswith(it["function"] + "("):
            errs.append("backward answer does not call the function")
    want_ans_ok = not (err and err["kind"] in ("wrong_final_answer", "backward_wrong_input"))
    if ans_ok != want_ans_ok:
        errs.append("answer check %s, expected %s" % (ans_ok, want_ans_ok))
    n_bad = 0
    for c in it["claims"]:
        if c["quote"] not in rat:
            errs.append("claim quote not in rationale: %r" % c["quote"])
            continue
        is_err = bool(err) and c["quote"] == err["quote"]
        ok, act = claim_ok(c, ctx, strict=is_err)
        if is_err:
            n_bad += 1
            if ok:
                errs.append("error claim is actually TRUE: %r" % c["quote"])
            if err["kind"] == "impossible_state":
                if any(_same(x, lit(c["value"])) for x in ctx["hist"].get(c["variable"], [])):
                    errs.append("impossible_state value occurs for the variable")
            if act is not None and err["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                if not _same(act, lit(err["actual"])) and str(act) != err["actual"]:
                    errs.append("error actual %r != execution %r" % (err["actual"], act))
            if err.get("held_elsewhere"):
                if not occurs_anywhere(lit(err["stated"]), ctx):
                    errs.append("held_elsewhere but stated value never occurs")
            if not _same(lit(c["value"]), lit(err["stated"])) and lit(c["value"]) != err["stated"]:
                errs.append("error claim value != stated")
        elif not ok:
            errs.append("claim false: %r (%s=%r, actual %r)" % (c["quote"], c.get("variable"), c["value"], act))
    if err:
        if err["quote"] not in rat:
            errs.append("error quote not in rationale")
        if n_bad != 1:
            errs.append("error copy must have exactly one claim with the error quote (has %d)" % n_bad)
    else:
        if it["label"] != "faithful":
            errs.append("label")
    return errs


def dump(path):
    for l in open(path):
        r = json.loads(l)
        ret, hist, lines = run_traced(r["code"], r["call"])
        print("==", r["id"], repr(ret))
        for k, h in hist.items():
            print("  %-12s %s" % (k, " | ".join(repr(x) for x in h)))
        print("  lines", dict(sorted(lines.items())))


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--dump":
        return dump(sys.argv[2])
    path = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
    items = [json.loads(l) for l in open(path) if l.strip()]
    cache = {}
    bad = 0
    from collections import Counter
    for it in items:
        errs = check_item(it, cache)
        status = "PASS" if not errs else "FAIL"
        bad += bool(errs)
        print("%s %s (%d claims)" % (status, it["id"], len(it["claims"])))
        for e in errs:
            print("    -", e)
    by_f = defaultdict(list)
    fai = {it["id"]: it for it in items if it["label"] == "faithful"}
    for it in items:
        if it["label"] == "error":
            by_f[it["faithful_id"]].append(it)
            f = fai.get(it["faithful_id"])
            probs = []
            if f is None:
                probs.append("faithful_id missing")
            elif f["rationale"] == it["rationale"]:
                probs.append("error copy identical to faithful")
            k = it["error"]["kind"]
            if k == "wrong_final_answer" and it["direction"] != "forward":
                probs.append("wrong_final_answer on backward item")
            if k == "backward_wrong_input" and it["direction"] != "backward":
                probs.append("backward_wrong_input on forward item")
            for p in probs:
                print("FAIL %s - %s" % (it["id"], p)); bad += 1
    for fid, copies in by_f.items():
        kinds = [c["error"]["kind"] for c in copies]
        if len(kinds) != len(set(kinds)) or not 2 <= len(kinds) <= 3:
            print("FAIL %s - error copies must be 2-3 of distinct kinds: %s" % (fid, kinds)); bad += 1
    ids = [it["id"] for it in items]
    if len(ids) != len(set(ids)):
        print("FAIL duplicate ids"); bad += 1
    progs = {it["program_id"] for it in items}
    print()
    print("items: %d  programs: %d  faithful: %d  error copies: %d" % (
        len(items), len(progs), sum(it["label"] == "faithful" for it in items),
        sum(it["label"] == "error" for it in items)))
    print("styles:", dict(Counter(it["style"] for it in items if it["label"] == "faithful")))
    print("families:", dict(Counter(it["family"] for it in items if it["label"] == "faithful")))
    print("directions:", dict(Counter(it["direction"] for it in items if it["label"] == "faithful")))
    print("error kinds:", dict(Counter(it["error"]["kind"] for it in items if it["error"])))
    print("held_elsewhere:", sum(bool(it["error"] and it["error"].get("held_elsewhere")) for it in items),
          "by kind:", dict(Counter(it["error"]["kind"] for it in items if it["error"] and it["error"].get("held_elsewhere"))))
    ev = [it["trace_events"] for it in items if it["label"] == "faithful"]
    print("trace events: <30: %d, 30-100: %d, >100: %d, >200: %d (min %d, max %d)" % (
        sum(e < 30 for e in ev), sum(30 <= e <= 100 for e in ev), sum(e > 100 for e in ev), sum(e > 200 for e in ev), min(ev), max(ev)))
    print("kinds:", dict(Counter(it["kind"] for it in items if it["label"] == "faithful")))
    print("RESULT:", "ALL PASS" if bad == 0 else "%d FAILING" % bad)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
