"""Standalone checker for w451 narrations: re-executes each program with sys.settrace and
checks claims of faithful items, and that each error copy's error is really false."""
import ast, copy, json, sys
from collections import defaultdict

class Hits(defaultdict):
    pass

def run_traced(code, call):
    hist = defaultdict(list)   # name -> values in time order (consecutive duplicates removed)
    hits = Hits(int)           # line -> number of 'line' events
    samples = defaultdict(list)  # line -> list of locals snapshots at each 'line' event there
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    rec("self." + a, av)
            elif not callable(v):
                rec(k, v)
    def rec(k, v):
        try: v = copy.deepcopy(v)
        except Exception: pass
        h = hist[k]
        if not h or h[-1] != v: h.append(v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>": return None
        snap(frame)
        if event == "line":
            hits[frame.f_lineno] += 1
            samples[frame.f_lineno].append({k: copy.deepcopy(v) for k, v in frame.f_locals.items() if k != "self" and not callable(v)})
        return tr
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    sys.settrace(tr)
    try: ret = eval(compile(call, "<prog-call>", "eval"), g)
    finally: sys.settrace(None)
    hits.samples = samples
    return ret, hist, hits

def plain_call(code, call):
    g = {}; exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def derived_seq(hist, var):
    # var like buckets[1] -> sequence of that key's values over time
    name, key = var.split("[", 1); key = ast.literal_eval(key.rstrip("]"))
    out = []
    for d in hist[name]:
        if isinstance(d, dict) and key in d and (not out or out[-1] != d[key]): out.append(d[key])
    return out

def check_claim(c, ret, hist, hits):
    w, val = c["what"], ast.literal_eval(c["value"])
    if w == "count" and c.get("iters"): return len(hist[c["iters"]]) == val
    if w == "value" and c.get("at_line"):
        got = [s[c["variable"]] for s in hits.samples[c["at_line"]] if c["variable"] in s][c.get("skip", 0):]
        return got[:len(val)] == val
    if w == "value" and c.get("subseq"):
        it = iter(hist[c["variable"]]); return all(any(x == v for x in it) for v in val)
    if w == "value":
        if c.get("seq"): return derived_seq(hist, c["variable"]) == [v for i, v in enumerate(val) if i == 0 or val[i-1] != v]
        return val in hist[c["variable"]]
    if w == "count": return hits[c["line"]] == val
    if w == "comparison": return eval(c["expr"]) == val
    if w == "arith" and c.get("expr"): return eval(c["expr"]) == val
    if w == "arith":
        if "=" not in c["quote"]: raise ValueError("arith claim needs expr: " + c["quote"])
        expr = c["quote"].strip("`").split("=")[0]
        return eval(expr) == val
    if w == "return": return val == ret
    raise ValueError(w)

def check_error(it, ret, hist, hits):
    e = it["error"]; ch = e["check"]; w = ch["what"]
    if e["kind"] == "wrong_final_answer":
        return ast.literal_eval(it["answer"]) != ret
    if e["kind"] == "backward_wrong_input":
        return plain_call(it["code"], it["answer"]) != ret
    if w == "arith": return eval(ch["expr"]) != ast.literal_eval(ch.get("stated_value", e["stated"]))
    if w == "comparison": return eval(ch["expr"]) != ast.literal_eval(e["stated"])
    if w == "count": return hits[ch["line"]] != ast.literal_eval(e["stated"])
    if w in ("return", "return_mid"): return ast.literal_eval(e["stated"]) != ret
    sv = ast.literal_eval(ch.get("stated_value", e["stated"]))
    if w == "value":
        h = hist[ch["var"]]
        ok = h[ch["index"]] != sv   # false at that point
        if ch.get("never"): ok = ok and sv not in h
        return ok
    if w == "at_line":
        got = [s[ch["var"]] for s in hits.samples[ch["line"]] if ch["var"] in s][ch.get("skip", 0):]
        return got[ch["index"]] != sv
    if w == "seq":
        return derived_seq(hist, ch["var"])[ch["index"]] != sv
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    fails = 0; lines = []
    for it in items:
        ret, hist, hits = run_traced(it["code"], it["call"])
        probs = []
        if repr(ret) != it["returned"]: probs.append("returned mismatch")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]: probs.append("quote missing: " + c["quote"])
        if not it["rationale"].rstrip().splitlines()[-1].startswith("Answer: "): probs.append("no Answer line")
        if it["rationale"].rstrip().splitlines()[-1][8:] != it["answer"]: probs.append("answer field != Answer line")
        if it["label"] == "faithful":
            for c in it["claims"]:
                if not check_claim(c, ret, hist, hits): probs.append("false claim: " + c["quote"])
            if it["direction"] == "forward":
                if ast.literal_eval(it["answer"]) != ret: probs.append("forward answer wrong")
            else:
                if plain_call(it["code"], it["answer"]) != ret: probs.append("backward answer wrong")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]: probs.append("error quote missing")
            if not check_error(it, ret, hist, hits): probs.append("error is not false: " + e["quote"])
            for c in it["claims"]:
                if c["quote"] == e["quote"]: continue
                if not e.get("carried") and not check_claim(c, ret, hist, hits): probs.append("other claim false: " + c["quote"])
        status = "PASS" if not probs else "FAIL " + "; ".join(probs)
        fails += bool(probs)
        lines.append(f"{it['id']:28s} {it['label']:8s} {(it['error'] or {}).get('kind',''):32s} {status}")
    lines.append(f"\n{len(items)} items, {len(items)-fails} pass, {fails} fail")
    print("\n".join(lines))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
