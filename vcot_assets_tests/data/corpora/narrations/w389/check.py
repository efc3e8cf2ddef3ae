#!/usr/bin/env python3
"""Standalone checker for w389 narrations: re-executes each call under sys.settrace,
records per-variable value histories (locals and self.attributes, all frames),
line execution counts, and verifies claims / errors."""
import ast, copy, json, sys
from collections import defaultdict

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = defaultdict(list)          # name -> list of values in order of change
    last = {}                          # (frame id, name) -> last value
    lines = defaultdict(int)
    def snap(frame):
        fid = id(frame)
        items = dict(frame.f_locals)
        s = items.get("self")
        if s is not None and hasattr(s, "__dict__"):
            for k, v in vars(s).items():
                items["self." + k] = v
        for k, v in items.items():
            if k == "self":
                continue
            try:
                v2 = copy.deepcopy(v)
            except Exception:
                v2 = v
            key = (fid, k)
            if key not in last or last[key] != v2:
                last[key] = v2
                hist[k].append(v2)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        snap(frame)
        if event == "line":
            lines[frame.f_lineno] += 1
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def lit(s):
    return ast.literal_eval(s)

def check_item(it, cache):
    errs = []
    key = (it["code"], it["call"])
    if key not in cache:
        cache[key] = run_traced(it["code"], it["call"])
    ret, hist, lines = cache[key]
    if repr(ret) != it["returned"]:
        errs.append(f"returned mismatch {ret!r} vs {it['returned']}")
    r = it["rationale"]
    last_line = r.strip().splitlines()[-1]
    if not last_line.startswith("Answer:") or last_line[len("Answer:"):].strip() != it["answer"]:
        errs.append("answer field does not match last Answer line")
    def claim_true(c):
        w = c["what"]
        v = c["value"] if w == "call" else lit(c["value"])
        if w == "value":
            h = hist.get(c["variable"], [])
            if c.get("seq"):
                return any(h[k:k + len(v)] == v for k in range(len(h)))
            return v in h
        if w == "count":
            return lines[c["line"]] == v
        if w in ("arith", "comparison"):
            return eval(c["expr"], {}) == v
        if w == "return":
            return v == ret
        if w == "call":
            ns = {}; exec(it["code"], ns)
            return eval(c["value"], ns) == ret
        raise ValueError(w)
    for c in it["claims"]:
        if c["quote"] not in r:
            errs.append(f"claim quote not in rationale: {c['quote']!r}")
    if it["direction"] == "forward":
        ans_ok = lit(it["answer"]) == ret
    else:
        ns = {}; exec(it["code"], ns)
        ans_ok = eval(it["answer"], ns) == ret
    if it["label"] == "faithful":
        if not ans_ok:
            errs.append("faithful answer wrong")
        for c in it["claims"]:
            if not claim_true(c):
                errs.append(f"faithful claim false: {c}")
    else:
        e = it["error"]
        if e["quote"] not in r:
            errs.append("error quote not in rationale")
        ck = e["check"]
        if ck["type"] == "answer":
            stated = actual = None
        else:
            stated = lit(e["stated"]); actual = lit(e["actual"])
        t = ck["type"]
        if t == "answer":
            ok = not ans_ok
        elif t == "hist":
            h = hist[ck["var"]][ck["index"]]
            ok = h == actual and h != stated
        elif t == "count":
            ok = lines[ck["line"]] == actual != stated
        elif t == "expr":
            ok = eval(ck["expr"], {}) == actual != stated
        elif t == "entry":
            states = [d for d in hist[ck["var"]] if isinstance(d, dict) and ck["key"] in d]
            ok = bool(states) and all(d[ck["key"]] == actual and d[ck["key"]] != stated for d in states)
        elif t == "never":
            ok = stated not in hist.get(ck["var"], [])
        else:
            raise ValueError(t)
        if ok and e.get("held_elsewhere"):
            # a held-elsewhere slip must be a value the run really holds at some other point
            allvals = [x for hv in hist.values() for x in hv]
            ok = stated in allvals
        if not ok:
            errs.append(f"error not confirmed false: {e}")
        if e["kind"] not in ("wrong_final_answer", "backward_wrong_input") and not ans_ok and not e.get("carried"):
            errs.append("error copy has a wrong answer but kind is not an answer kind")
        if e["kind"] in ("wrong_final_answer", "backward_wrong_input") and ans_ok:
            errs.append("answer-kind error but answer is right")
        # the other claims (not the erroneous one) must still be true unless carried
        for c in it["claims"]:
            if c["quote"] == e["quote"] or c.get("carried"):
                continue
            if not claim_true(c):
                errs.append(f"non-error claim false: {c}")
    return errs

def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
    items = [json.loads(l) for l in open(path) if l.strip()]
    cache, bad = {}, 0
    out = []
    for it in items:
        errs = check_item(it, cache)
        out.append(f"{'PASS' if not errs else 'FAIL'} {it['id']}" + ("" if not errs else "\n    " + "\n    ".join(errs)))
        bad += bool(errs)
    out.append(f"\n{len(items)} items, {len(items)-bad} pass, {bad} fail")
    print("\n".join(out))
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
