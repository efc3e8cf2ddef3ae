"""Standalone checker for w195 narrations: re-executes each program with sys.settrace and
checks returned values, every claim of faithful items, and that each error copy's error is false."""
import ast, copy, json, sys
from collections import defaultdict

def lit(s):
    return ast.literal_eval(s)

def run(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist = defaultdict(list)       # var -> list of values in change order (consecutive dups collapsed)
    hits = defaultdict(int)        # line -> times executed
    rets = defaultdict(list)       # function name -> return values
    snaps = defaultdict(list)      # line -> list of locals snapshots at each hit (before the line runs)

    def snap(frame):
        items = dict(frame.f_locals)
        if "self" in items:
            for k, v in vars(items["self"]).items():
                items["self." + k] = v
        for k, v in items.items():
            if k == "self":
                continue
            try:
                v = copy.deepcopy(v)
            except Exception:
                pass
            h = hist[k]
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            snap(frame)
            hits[frame.f_lineno] += 1
            try:
                snaps[frame.f_lineno].append(copy.deepcopy({k: v for k, v in frame.f_locals.items() if k != "self"}))
            except Exception:
                snaps[frame.f_lineno].append({})
        elif event == "return":
            snap(frame)
            rets[frame.f_code.co_name].append(copy.deepcopy(arg))
        return tracer

    sys.settrace(tracer)
    try:
        result = eval(call, g)
    finally:
        sys.settrace(None)
    run.snaps = snaps
    return result, hist, hits, rets, g

def check_claim(c, hist, hits, rets, g, result):
    what = c["what"]
    val = lit(c["value"])
    if what == "value":
        if c.get("subseq"):
            h, k = hist.get(c["variable"], []), 0
            for v in val:
                while k < len(h) and h[k] != v:
                    k += 1
                if k == len(h):
                    return False
            return True
        if c.get("seq"):
            return hist.get(c["variable"], []) == val
        return val in hist.get(c["variable"], [])
    if what == "count":
        if c["variable"].startswith("iter:"):
            return len(hist[c["variable"][5:]]) == val
        line = int(c["variable"].split("@line")[1])
        return hits[line] == val
    if what in ("comparison", "arith"):
        expr = c.get("expr")
        if expr is None:
            expr = c["quote"].replace("`", "").split("=")[-2]
        return eval(expr, {}) == val
    if what == "return":
        fn = c.get("variable")
        if fn and fn in rets:
            return val in rets[fn]
        return val == result
    if what == "call":
        return eval(c["quote"].replace("`", ""), g) == val
    raise ValueError(what)

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")]
    out, bad = [], 0
    for it in items:
        probs = []
        result, hist, hits, rets, g = run(it["code"], it["call"])
        if repr(result) != it["returned"]:
            probs.append("returned mismatch %r" % (result,))
        if it["function"] not in it["call"]:
            probs.append("function not in call")
        r = it["rationale"]
        if not r.rstrip().splitlines()[-1].startswith("Answer:") and "Answer:" not in r.rstrip().splitlines()[-1]:
            probs.append("last line not Answer")
        if it["answer"] not in r.rstrip().splitlines()[-1]:
            probs.append("answer not in last line")
        err = it["error"]
        for c in it["claims"]:
            if c["quote"] not in r:
                probs.append("quote missing: %r" % c["quote"])
                continue
            if err and c["quote"] == err["quote"]:
                continue
            if c.get("carried"):
                continue
            try:
                ok = check_claim(c, hist, hits, rets, g, result)
            except Exception as e:
                ok = False
                probs.append("claim error %r: %s" % (c["quote"], e))
            if not ok:
                probs.append("false claim: %r" % c["quote"])
        # answer
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == result
        else:
            g2 = {"__name__": "prog"}
            exec(it["code"], g2)
            ans_ok = eval(it["answer"], g2) == lit(it["returned"])
            if (it["function"] + "(") not in it["answer"]:
                probs.append("backward answer is not a call of the function")
        final_wrong = err and err["kind"] in ("wrong_final_answer", "backward_wrong_input")
        if final_wrong and ans_ok:
            probs.append("error answer is actually right")
        if not final_wrong and not ans_ok:
            probs.append("answer wrong")
        if err:
            if err["quote"] not in r:
                probs.append("error quote missing")
            if err["stated"] not in err["quote"]:
                probs.append("stated not in quote")
            ck = err["check"]
            stated, actual = lit(err["stated_value"]), lit(err["actual_value"])
            if ck["type"] == "answer":
                # falsity already confirmed above: the Answer line's value/call does not give the output
                stated, actual = object(), None
            if ck["type"] == "hist":
                truth = hist[ck["var"]][ck["k"]]
            elif ck["type"] == "line":
                truth = hits[ck["line"]]
            elif ck["type"] == "iter":
                truth = len(hist[ck["var"]])
            elif ck["type"] == "snap":
                truth = run.snaps[ck["line"]][ck["nth"] - 1][ck["var"]]
            elif ck["type"] == "expr":
                truth = eval(ck["expr"], {})
            elif ck["type"] == "answer":
                truth = actual
                if err.get("held_elsewhere"):
                    probs.append("held_elsewhere not supported for answer errors")
            if truth != actual:
                probs.append("error actual %r != execution %r" % (actual, truth))
            if truth == stated:
                probs.append("error stated value is true at that point")
            if err.get("held_elsewhere"):
                held = any(stated in h for h in hist.values()) or any(stated == v for v in hits.values())
                if not held:
                    probs.append("held_elsewhere but value never held")
            # faithful twin must exist and differ only around the error
        status = "PASS" if not probs else "FAIL"
        bad += bool(probs)
        out.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    ids = {it["id"] for it in items}
    for it in items:
        if it["faithful_id"] and it["faithful_id"] not in ids:
            out.append("FAIL %s missing faithful twin" % it["id"]); bad += 1
    out.append("items=%d failed=%d" % (len(items), bad))
    print("\n".join(out))
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
