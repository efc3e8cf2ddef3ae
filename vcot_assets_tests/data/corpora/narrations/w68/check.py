#!/usr/bin/env python3
"""Standalone checker for w68 narrations: re-executes each call under sys.settrace and
checks returned value, claims, answers and error copies. Usage: python3 check.py [narrations.jsonl]"""
import sys, json, copy, ast

def literal(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return eval(s, {})

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = {}      # var -> list of values (consecutive duplicates collapsed)
    hits = {}      # line -> count
    def snap(frame):
        for k, v in list(frame.f_locals.items()):
            items = [(k, v)]
            if k == "self":
                try:
                    items = [("self." + a, b) for a, b in vars(v).items()]
                    items += [(a, b) for a, b in vars(v).items()]
                except Exception:
                    items = []
            for name, val in items:
                if callable(val) and not isinstance(val, (list, dict, tuple)):
                    continue
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    continue
                h = hist.setdefault(name, [])
                if not h or h[-1] != val or type(h[-1]) != type(val):
                    h.append(val)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        snap(frame)
        if event == "return":
            h = hist.setdefault("<return>", [])
            h.append(copy.deepcopy(arg))
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, hits, ns

def plain_call(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    return eval(call, ns)

def in_hist(hist, var, val):
    return any(x == val and type(x) == type(val) or (x == val and isinstance(x, (int, float)) and isinstance(val, (int, float)) and not isinstance(x, bool)) for x in hist.get(var, []))

def anywhere(hist, val):
    return any(in_hist(hist, v, val) for v in hist)

def check_claim(c, ret, hist, hits, code):
    w = c["what"]; val = literal(c["value"])
    if w == "value":
        return in_hist(hist, c["variable"], val), "value %r of %s not in history" % (val, c["variable"])
    if w == "count":
        line = int(c["variable"].split("@line")[1])
        return hits.get(line, 0) == val, "count %r vs hits %r" % (val, hits.get(line, 0))
    if w in ("arith", "comparison"):
        got = eval(c["quote"].replace("−", "-").strip("`"), {})
        return got == val and type(got) == type(val) or (w == "arith" and got == val), "%s evaluates to %r not %r" % (c["quote"], got, val)
    if w == "return":
        return val == ret, "return %r vs %r" % (val, ret)
    if w == "call":
        got = plain_call(code, c["quote"])
        return got == val, "call %s gives %r not %r" % (c["quote"], got, val)
    return False, "unknown what"

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    byid = {it["id"]: it for it in items}
    fails = 0; lines = []
    cache = {}
    for it in items:
        errs = []
        key = (it["code"], it["call"])
        if key not in cache:
            cache[key] = run_traced(it["code"], it["call"])
        ret, hist, hits, ns = cache[key]
        if repr(ret) != it["returned"]:
            errs.append("returned mismatch %r vs %s" % (ret, it["returned"]))
        r = it["rationale"]
        last = r.rstrip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            errs.append("answer line mismatch")
        ekind = it["error"]["kind"] if it["error"] else None
        # answer checks
        if it["direction"] == "forward":
            ok = literal(it["answer"]) == ret
        else:
            try:
                ok = plain_call(it["code"], it["answer"]) == ret
            except Exception:
                ok = False
        if ekind in ("wrong_final_answer", "backward_wrong_input"):
            if ok: errs.append("error answer is actually right")
        elif not ok and not (it["error"] and it["error"].get("carried")):
            errs.append("answer wrong")
        fid = it.get("faithful_id")
        fclaims = {json.dumps(c, sort_keys=True) for c in byid[fid]["claims"]} if fid else set()
        for c in it["claims"]:
            if c["quote"] not in r:
                errs.append("quote not in rationale: %r" % c["quote"])
            is_err = it["error"] and c["quote"] == it["error"]["quote"]
            if is_err:
                continue
            if it["error"] and it["error"].get("carried") and json.dumps(c, sort_keys=True) not in fclaims:
                continue  # carried-forward consequence of the error
            if ekind == "swapped_variables" and json.dumps(c, sort_keys=True) not in fclaims:
                # the other half of the swap: must be false too
                good, msg = check_claim(c, ret, hist, hits, it["code"])
                at2 = it["error"].get("at2")
                if at2 is not None:
                    good = hist[at2["variable"]][at2["index"]] == literal(c["value"])
                if good:
                    errs.append("swap partner claim is true: %r" % c["quote"])
                continue
            try:
                good, msg = check_claim(c, ret, hist, hits, it["code"])
            except Exception as e:
                good, msg = False, "exception %r" % e
            if not good:
                errs.append("claim false: %r (%s)" % (c["quote"], msg))
        if it["error"]:
            e = it["error"]
            if e["quote"] not in r:
                errs.append("error quote not in rationale")
            ec = [c for c in it["claims"] if c["quote"] == e["quote"]]
            if ekind not in ("wrong_final_answer", "backward_wrong_input"):
                if not ec:
                    errs.append("error has no claim")
                else:
                    c = ec[0]
                    try:
                        good, msg = check_claim(c, ret, hist, hits, it["code"])
                    except Exception as ex:
                        good, msg = False, str(ex)
                    at = e.get("at")
                    val = literal(c["value"])
                    if at is not None:
                        truth = hist[at["variable"]][at["index"]]
                        good = (truth == val)
                        if repr(truth) != e["actual"] and str(truth) != e["actual"]:
                            errs.append("actual %s != history value %r" % (e["actual"], truth))
                    if good:
                        errs.append("error claim is actually true: %r" % c["quote"])
                    if e.get("held_elsewhere"):
                        if c["what"] == "count":
                            pass
                        elif not anywhere(hist, val):
                            errs.append("held_elsewhere but value never held")
                    elif ekind == "impossible_state" and in_hist(hist, c["variable"], val):
                        errs.append("impossible_state value occurs")
                    if ekind == "off_by_one_loop_count":
                        line = int(c["variable"].split("@line")[1])
                        if abs(hits.get(line, 0) - val) != 1:
                            errs.append("count not off by one")
        status = "PASS" if not errs else "FAIL"
        if errs: fails += 1
        lines.append("%s %s %s" % (status, it["id"], "; ".join(errs)))
    lines.append("TOTAL %d items, %d failures" % (len(items), fails))
    out = "\n".join(lines)
    print(out)
    return fails

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
