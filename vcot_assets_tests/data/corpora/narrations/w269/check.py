#!/usr/bin/env python3
"""Standalone checker for w269 narrations: re-executes every program with sys.settrace and
checks returned values, claims, answers and that each error copy's error is really false."""
import json, sys, ast, copy, collections

def run(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = collections.defaultdict(list)      # var -> list of distinct successive values (any frame)
    last = {}
    linecount = collections.Counter()
    snaps = collections.defaultdict(list)     # lineno -> list of locals snapshots (before the line runs)
    def snapshot(frame):
        d = {}
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    d["self." + a] = copy.deepcopy(av)
            else:
                try: d[k] = copy.deepcopy(v)
                except Exception: d[k] = v
        return d
    def record(frame):
        d = snapshot(frame)
        for k, v in d.items():
            key = (id(frame), k)
            if key not in last or last[key] != v or type(last[key]) != type(v):
                last[key] = v; hist[k].append(v)
        return d
    def local(frame, event, arg):
        if event == "line":
            linecount[frame.f_lineno] += 1
            snaps[frame.f_lineno].append(record(frame))
        elif event == "return":
            record(frame)
        return local
    def glob(frame, event, arg):
        if frame.f_code.co_filename == "<prog>":
            if event == "call": record(frame)
            return local
        return None
    sys.settrace(glob)
    try:
        res = eval(call, ns)
    finally:
        sys.settrace(None)
    return ns, res, hist, linecount, snaps

def lit(s):
    return ast.literal_eval(s)

def get(snap, var):
    """Value of `var` in a locals snapshot; supports subscripts like self.lanes['n']."""
    if var in snap: return snap[var]
    if "[" in var:
        base, rest = var.split("[", 1)
        if base in snap:
            try: return eval("_x[" + rest, {"_x": snap[base]})
            except Exception: return MISSING
    return MISSING

MISSING = object()

def history(hist, var):
    if var in hist: return hist[var]
    if "[" in var:
        base = var.split("[", 1)[0]
        vals = [get({base: h}, var) for h in hist.get(base, [])]
        return [v for v in vals if v is not MISSING]
    return []

def claim_ok(c, ns, res, hist, linecount, snaps):
    """True if the claim holds in the real execution."""
    w = c["what"]; val = lit(c["value"])
    if w in ("arith", "comparison"):
        return eval(c.get("expr", c["quote"]), dict(ns)) == val
    if w == "call":
        return eval(c["expr"], dict(ns)) == val
    if w == "return":
        return res == val
    if w == "count":
        line = int(c["variable"].split("line")[1])
        return linecount[line] == val
    if w == "value":
        at = c.get("at")
        var = c["variable"]
        if at and at.get("seq"):
            s = snaps[at["line"]][at["start"] - 1: at["start"] - 1 + len(val)]
            return [get(x, var) for x in s] == val
        if at:
            s = snaps[at["line"]]
            if len(s) < at["nth"]: return False
            return get(s[at["nth"] - 1], var) == val
        return val in history(hist, var)
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")]
    byid = {it["id"]: it for it in items}
    progs = {}
    fails = []; nclaims = 0
    ids = set()
    for it in items:
        errs = []
        if it["id"] in ids: errs.append("duplicate id")
        ids.add(it["id"])
        ns, res, hist, lc, snaps = run(it["code"], it["call"])
        if repr(res) != it["returned"]: errs.append(f"returned {res!r} != {it['returned']}")
        r = it["rationale"]
        if not r.rstrip().endswith("Answer: " + it["answer"]): errs.append("answer line mismatch")
        # answer check
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == res
        else:
            ans_ok = eval(it["answer"], dict(ns)) == res
        err = it["error"]
        ans_kinds = ("wrong_final_answer", "backward_wrong_input")
        if it["label"] == "faithful" or err["kind"] not in ans_kinds:
            if not ans_ok: errs.append("answer does not match execution")
        else:
            if ans_ok: errs.append("error answer is actually right")
        fclaims = set()
        if err is not None:
            fclaims = {(c["quote"], c["value"]) for c in byid[it["faithful_id"]]["claims"]}
            n_err = sum((c["quote"], c["value"]) not in fclaims for c in it["claims"])
            if err["kind"] not in ans_kinds and n_err != 1: errs.append(f"{n_err} error claims (want 1)")
            if err["kind"] in ans_kinds and n_err != 0: errs.append(f"{n_err} error claims (want 0)")
        for c in it["claims"]:
            nclaims += 1
            if c["quote"] not in r: errs.append(f"quote not in rationale: {c['quote']}")
            ok = claim_ok(c, ns, res, hist, lc, snaps)
            # an error copy's error claim = a claim not present (same quote and value) in its faithful item
            is_err = err is not None and (c["quote"], c["value"]) not in fclaims
            if is_err:
                if ok: errs.append(f"error claim is true: {c['quote']}")
                if err.get("held_elsewhere"):
                    # the stated wrong value must be one the program really holds at some other point
                    # (in the claimed variable or in another variable)
                    st = lit(err["stated"])
                    if not any(st == v for vals in hist.values() for v in vals):
                        errs.append("held_elsewhere but value never held")
            elif not ok:
                errs.append(f"claim false: {c['quote']} ({c['variable']}={c['value']})")
        if err is not None:
            if err["quote"] not in r: errs.append("error quote not in rationale")
            if err["kind"] not in ans_kinds and not any(c["quote"] in err["quote"] or err["quote"] in c["quote"] for c in it["claims"]):
                errs.append("no claim for error")
        status = "PASS" if not errs else "FAIL"
        print(f"{status} {it['id']} ({it['label']}, {it['direction']}, {it['style']}, {len(it['claims'])} claims)")
        for e in errs: print("   -", e)
        if errs: fails.append(it["id"])
    print(f"\n{len(items)} items, {nclaims} claims checked, {len(fails)} failing")
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
