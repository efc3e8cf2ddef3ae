#!/usr/bin/env python3
"""Standalone checker for w262 narrations: re-executes each program with sys.settrace."""
import sys, json, copy, re, ast

def run_traced(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist = {}          # name -> list of distinct successive values
    line_hits = {}     # line -> count
    trans = {}         # (line, next line in same frame) -> count
    snaps = {}         # line -> list of locals snapshots (before line runs)
    def record(frame):
        loc = {}
        for k, v in frame.f_locals.items():
            if k == "self":
                for ak, av in vars(v).items():
                    loc["self." + ak] = av
            elif not callable(v) and not isinstance(v, type):
                loc[k] = v
        for k, v in loc.items():
            h = hist.setdefault(k, [])
            try:
                vc = copy.deepcopy(v)
            except Exception:
                vc = v
            if not h or h[-1] != vc:
                h.append(vc)
        return loc
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        prev = [None]
        def local(frame, event, arg):
            loc = record(frame)
            if event == "line":
                ln = frame.f_lineno
                if prev[0] is not None:
                    trans[(prev[0], ln)] = trans.get((prev[0], ln), 0) + 1
                prev[0] = ln
                line_hits[ln] = line_hits.get(ln, 0) + 1
                snaps.setdefault(ln, []).append(copy.deepcopy(loc))
            return local
        return local(frame, event, arg)
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, trans, snaps, g

def plain_run(code, call):
    g = {"__name__": "prog"}
    exec(code, g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def eval_expr(q):
    q = q.replace("`", "").strip()
    return eval(q, {})

def claim_truth(c, T, item):
    """Return (ok, detail): whether the claim is true of the real execution."""
    ret, hist, hits, snaps, g = T
    what = c["what"]
    if what == "call":
        got = plain_run(item["code"], c["value"])
        return got == ret, f"{c['value']} -> {got!r}, expected {ret!r}"
    val = lit(c["value"])
    if what == "arith":
        q = c["quote"].replace("`", "")
        if "=" in q and "==" not in q:
            lhs = q.rsplit("=", 1)[0]
        else:
            lhs = q.rsplit(" is ", 1)[0]
        got = eval(lhs, {})
        return got == val, f"{lhs.strip()} -> {got!r}, stated {val!r}"
    if what == "comparison":
        got = eval_expr(c.get("expr", c["quote"]))
        return got == val, f"{c['quote']} -> {got!r}, stated {val!r}"
    if what == "count":
        m = re.match(r"loop@line (\d+)", c["variable"])
        head = int(m.group(1))
        # iterations = times the loop header passes control into its body (head -> head+1)
        got = hits.get((head, head + 1), 0)
        return got == val, f"{c['variable']} iterations {got}, stated {val}"
    if what == "return":
        return ret == val, f"returned {ret!r}, stated {val!r}"
    if what == "value":
        var = c["variable"]
        if "at" in c:
            ln, ks = c["at"]["line"], c["at"]["ks"]
            got = [eval(var, {}, dict(snaps[ln][k])) for k in ks]
            stated = val if c.get("series") else [val]
            return got == stated, f"{var} at line {ln} visits {ks}: {got!r}, stated {stated!r}"
        h = hist.get(var)
        if h is None:
            return False, f"no variable {var}"
        if c.get("series"):
            n = len(val)
            ok = any(h[i:i + n] == val for i in range(len(h) - n + 1))
            return ok, f"{var} history {h!r}, stated series {val!r}"
        if "step" in c:
            got = h[c["step"]] if c["step"] < len(h) else None
            return got == val, f"{var} history[{c['step']}] = {got!r}, stated {val!r}"
        return val in h, f"{var} history {h!r}, stated {val!r}"
    return False, "unknown what"

def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
    items = [json.loads(l) for l in open(path)]
    fails = 0
    out = []
    for it in items:
        probs = []
        T = run_traced(it["code"], it["call"])
        ret = T[0]
        if repr(ret) != it["returned"]:
            probs.append(f"returned mismatch {ret!r} vs {it['returned']}")
        rat = it["rationale"]
        last = rat.rstrip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            probs.append("answer field does not match last Answer line")
        # answer correctness
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == ret
        else:
            ans_ok = (it["answer"].split("(")[0] == it["function"]
                      and plain_run(it["code"], it["answer"]) == ret)
        err = it["error"]
        answer_error = err is not None and err["kind"] in ("wrong_final_answer", "backward_wrong_input")
        if answer_error and ans_ok:
            probs.append("answer error but answer is correct")
        if not answer_error and err is None and not ans_ok:
            probs.append("faithful answer wrong")
        if err is not None and not answer_error and not err.get("carried") and not ans_ok:
            probs.append("non-carried error yet answer wrong")
        # claims
        n_false = 0
        for c in it["claims"]:
            if c["quote"] not in rat:
                probs.append(f"quote not in rationale: {c['quote']!r}")
                continue
            ok, det = claim_truth(c, T, it)
            is_err_claim = err is not None and c["quote"] == err["quote"]
            if is_err_claim:
                if ok:
                    probs.append(f"error claim is actually TRUE: {det}")
                else:
                    n_false += 1
            elif not ok:
                probs.append(f"false claim: {det}")
        if err is not None:
            if err["quote"] not in rat:
                probs.append("error quote not in rationale")
            if not answer_error and n_false == 0:
                probs.append("error copy has no false error claim")
            if err.get("held_elsewhere"):
                # the stated value must occur somewhere in the run (another moment / variable)
                ec = [c for c in it["claims"] if c["quote"] == err["quote"]]
                sv = lit(ec[0]["value"]) if ec else lit(err["stated"])
                allv = [v for h in T[1].values() for v in h]
                if ec and ec[0].get("variable") and not ec[0]["variable"].startswith("loop@"):
                    # also the pinned expression's value at every recorded moment of the run
                    for snl in T[3].values():
                        for sn in snl:
                            try:
                                allv.append(eval(ec[0]["variable"], {}, dict(sn)))
                            except Exception:
                                pass
                if isinstance(sv, list):
                    inside = all(x in allv or any(isinstance(y, (list, tuple)) and len(y) == x for y in allv) for x in sv)
                else:
                    inside = sv in allv or any(isinstance(y, list) and len(y) == sv for y in allv)
                if not inside:
                    probs.append("held_elsewhere but stated value never held")
            if err["kind"] == "impossible_state":
                pass
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        out.append(f"{status} {it['id']} ({it['label']}, {len(it['claims'])} claims)" + "".join("\n    - " + p for p in probs))
    out.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    print("\n".join(out))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
