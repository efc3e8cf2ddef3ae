#!/usr/bin/env python3
"""Standalone checker for w73 narrations: re-executes every program with sys.settrace,
records per-variable value histories (locals of program frames, plus self.<attr>),
per-line hit counts, and checks claims / answers / error copies."""
import ast, copy, json, sys, collections

def run(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = collections.defaultdict(list)
    hits = collections.Counter()
    at_line = collections.defaultdict(list)  # line -> [locals repr snapshot at each hit]
    def snap(frame):
        items = dict(frame.f_locals)
        if "self" in items:
            try:
                for k, v in vars(items["self"]).items():
                    items["self." + k] = v
            except TypeError:
                pass
        for k, v in items.items():
            if k == "self":
                continue
            try:
                r = repr(v)
            except Exception:
                continue
            h = hist[k]
            if not h or h[-1][0] != r:
                h.append((r, copy.deepcopy(v)))
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        def local(frame, event, arg):
            if event == "line":
                hits[frame.f_lineno] += 1
                at_line[frame.f_lineno].append(copy.deepcopy({k: v for k, v in frame.f_locals.items() if k != "self"}))
            snap(frame)
            return local
        snap(frame)
        return local
    sys.settrace(tracer)
    try:
        ret = eval(compile(call, "<call>", "eval"), ns)
    finally:
        sys.settrace(None)
    hist["__at_line__"] = at_line
    return ret, hist, hits

def plain_eval(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def arith_value(quote):
    q = quote.replace("×", "*").replace("−", "-").replace("`", "")
    for sep in (" = ", "=", " is ", " gives ", " -> "):
        if sep in q:
            lhs, rhs = q.rsplit(sep, 1)
            return eval(lhs, {}), rhs.strip()
    raise ValueError("no arith separator in %r" % quote)

def claim_ok(c, ret, hist, hits):
    """Return (ok, detail)."""
    what = c["what"]
    val = lit(c["value"])
    if what == "value":
        h = [v for _, v in hist.get(c["variable"], [])]
        if "at_hit" in c:  # value of the variable when line L is reached for the k-th time (0-based)
            line, k = c["at_hit"]
            snaps = hist["__at_line__"].get(line, [])
            got = snaps[k].get(c["variable"], "<unset>") if k < len(snaps) else "<no hit>"
            return got == val, "%s at hit %d of line %d = %r" % (c["variable"], k, line, got)
        if "at" in c:
            at = c["at"]
            ok = at < len(h) and h[at] == val and type(h[at]) == type(val)
            return ok, "history[%d] of %s = %r" % (at, c["variable"], h[at] if at < len(h) else "<out of range>")
        return val in h, "history of %s = %r" % (c["variable"], h)
    if what == "count":
        lab = c["variable"]
        line = int(lab.split("@line")[1])
        return hits[line] == val, "%s hits = %d" % (lab, hits[line])
    if what == "comparison":
        got = eval(c["expr"], {})
        ok = bool(got) == bool(val)
        if "line" in c:  # line N executed (True) / not executed (False) at least once
            ok = ok and ((hits[c["line"]] > 0) == bool(c.get("line_hit", True)))
        return ok, "expr %r -> %r" % (c["expr"], got)
    if what == "arith":
        got, _ = arith_value(c.get("expr", c["quote"]))
        return got == val, "arith %r -> %r" % (c.get("expr", c["quote"]), got)
    if what == "return":
        return val == ret, "returned %r" % (ret,)
    if what == "call":
        return plain_eval(c["code"], c["value"]) == ret if "code" in c else True, "call"
    raise ValueError(what)

def check_item(it, report):
    errs = []
    code, call = it["code"], it["call"]
    ret, hist, hits = run(code, call)
    if repr(ret) != it["returned"]:
        errs.append("returned mismatch %r vs %r" % (ret, it["returned"]))
    if it["trace_events"] <= 0:
        errs.append("trace_events")
    text = it["rationale"]
    last = text.rstrip().splitlines()[-1]
    if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
        errs.append("answer line mismatch: %r" % last)
    is_err = it["label"] == "error"
    ekind = it["error"]["kind"] if is_err else None
    # answer
    if it["direction"] == "forward":
        ans_ok = lit(it["answer"]) == ret and repr(lit(it["answer"])) == repr(ret)
    else:
        try:
            ans_ok = plain_eval(code, it["answer"]) == ret
        except Exception as e:
            ans_ok = False
        if not it["answer"].startswith(it["function"] + "("):
            errs.append("backward answer does not call %s" % it["function"])
    want_ans_ok = not (ekind in ("wrong_final_answer", "backward_wrong_input"))
    if is_err and it["error"].get("carried") and not ans_ok:
        pass  # error carried forward into the final answer
    elif ans_ok != want_ans_ok:
        errs.append("answer correctness %r, expected %r" % (ans_ok, want_ans_ok))
    # claims
    nerr_claims = 0
    for c in it["claims"]:
        if c["quote"] not in text:
            errs.append("quote not in rationale: %r" % c["quote"])
            continue
        ok, det = claim_ok(c, ret, hist, hits)
        if c.get("err"):
            nerr_claims += 1
            if ok:
                errs.append("error claim is actually TRUE: %r (%s)" % (c["quote"], det))
        elif not ok:
            errs.append("claim false: %r (%s)" % (c["quote"], det))
    if is_err:
        e = it["error"]
        if e["quote"] not in text:
            errs.append("error quote not in rationale")
        if ekind not in ("wrong_final_answer", "backward_wrong_input") and nerr_claims == 0:
            errs.append("error copy has no err claim")
        errc = [c for c in it["claims"] if c.get("err")]
        if ekind == "impossible_state" and errc:
            c = errc[0]
            h = [v for _, v in hist.get(c["variable"], [])]
            if lit(c["value"]) in h:
                errs.append("impossible_state value occurs in history")
        if e.get("held_elsewhere") and errc:
            c = errc[0]
            allvals = [v for kk, hh in hist.items() if kk != "__at_line__" for _, v in hh] + [hits[l] for l in hits]
            if lit(c["value"]) not in allvals:
                errs.append("held_elsewhere value %r never held" % c["value"])
        # faithful must differ in exactly intended way
    report.append("%-28s %-6s %-30s %s" % (it["id"], "OK" if not errs else "FAIL",
                                           ekind or "faithful", "; ".join(errs)))
    return not errs

def main(path):
    items = [json.loads(l) for l in open(path)]
    ids = set()
    report = []
    good = 0
    for it in items:
        assert it["id"] not in ids, it["id"]
        ids.add(it["id"])
        try:
            ok = check_item(it, report)
        except Exception as ex:
            report.append("%-28s FAIL exception %r" % (it["id"], ex))
            ok = False
        good += ok
    # faithful ids referenced exist
    for it in items:
        if it["label"] == "error" and it["faithful_id"] not in ids:
            report.append("%s: missing faithful %s" % (it["id"], it["faithful_id"]))
            good -= 1
    report.append("TOTAL %d items, %d pass, %d fail" % (len(items), good, len(items) - good))
    out = "\n".join(report)
    print(out)
    return good == len(items)

if __name__ == "__main__":
    ok = main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")
    sys.exit(0 if ok else 1)
