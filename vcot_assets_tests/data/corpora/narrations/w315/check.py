"""Standalone checker for w315 narrations: re-executes each call under sys.settrace and checks
returned values, claims, answers and error copies. Usage: python3 check.py > check_report.txt"""
import ast, copy, json, sys, collections

def run_traced(code, call):
    hist = collections.defaultdict(list)      # variable -> list of successive distinct values
    hits = collections.Counter()             # line number -> times executed
    linevals = collections.defaultdict(list) # line number -> locals snapshot each time it is reached
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    push("self." + a, av)
                continue
            push(k, v)
    def push(k, v):
        try:
            v = copy.deepcopy(v)
        except Exception:
            return
        h = hist[k]
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return tracer
        if event == "line":
            hits[frame.f_lineno] += 1
            d = {}
            for k, v in frame.f_locals.items():
                try:
                    if k == "self":
                        for a, av in vars(v).items():
                            d["self." + a] = copy.deepcopy(av)
                    else:
                        d[k] = copy.deepcopy(v)
                except Exception:
                    pass
            linevals[frame.f_lineno].append(d)
        snap(frame)
        return tracer
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    sys.settrace(tracer)
    try:
        result = eval(compile(call, "<call>", "eval"), ns)
    finally:
        sys.settrace(None)
    hist["__lines__"] = linevals
    return result, hist, hits

def plain_eval(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, hist, hits, returned, code):
    w = c["what"]; val = lit(c["value"])
    if w == "value" and "seq_line" in c:
        seq = [d.get(c["variable"]) for d in hist["__lines__"][c["seq_line"]]]
        return seq == val, f"{c['variable']} at line {c['seq_line']}: {seq}"
    if w == "value" and c.get("subseq"):
        h = hist.get(c["variable"], [])
        n = len(val)
        return any(h[i:i + n] == val for i in range(len(h) - n + 1)), f"{c['variable']} history {h}"
    if w == "value":
        return val in hist.get(c["variable"], []), f"{c['variable']} history {hist.get(c['variable'])}"
    if w == "count" and "header@line" in (c["variable"] or ""):
        line = int(c["variable"].split("@line")[1])
        return hits[line] - 1 == val, f"loop header line {line} ran {hits[line]} times = {hits[line] - 1} iterations"
    if w == "count":
        line = int(c["variable"].split("@line")[1]) if "@line" in c["variable"] else int(c["line"])
        return hits[line] == val, f"line {line} ran {hits[line]} times"
    if w in ("comparison", "arith"):
        r = eval(c["expr"])
        return r == val, f"{c['expr']} -> {r!r}"
    if w == "return":
        return val == returned, f"returned {returned!r}"
    if w == "call":
        r = plain_eval(code, c["expr"] if "expr" in c else c["value"])
        return r == returned, f"call gives {r!r}"
    return False, "unknown claim kind"

def check_error(item, hist, hits, returned):
    e = item["error"]; chk = e["check"]; t = chk["type"]
    stated = lit(e["stated_literal"]) if "stated_literal" in e else None
    if t == "answer_forward":
        a = lit(item["answer"])
        return a != returned, f"answer {a!r} vs returned {returned!r}"
    if t == "answer_backward":
        r = plain_eval(item["code"], item["answer"])
        return r != returned, f"answer call gives {r!r} vs {returned!r}"
    if t == "history_absent":
        h = hist.get(chk["variable"], [])
        return stated not in h, f"{chk['variable']} history {h}"
    if t == "history_at":
        h = hist.get(chk["variable"], [])
        k = chk["index"]
        ok = h[k] != stated and h[k] == lit(e["actual_literal"])
        if e.get("held_elsewhere"):
            ok = ok and stated in h
        return ok, f"{chk['variable']}[{k}] = {h[k]!r}, stated {stated!r}, history {h}"
    if t == "at_line":
        seq = [d.get(chk["variable"]) for d in hist["__lines__"][chk["line"]]]
        v = seq[chk["index"]]
        ok = v != stated and v == lit(e["actual_literal"])
        if e.get("held_elsewhere"):
            ok = ok and stated in seq
        return ok, f"{chk['variable']} at line {chk['line']} visit {chk['index']} = {v!r}, stated {stated!r}; visits {seq}"
    if t == "arith":
        r = eval(chk["expr"])
        ok = r != stated and r == lit(e["actual_literal"])
        if e.get("held_elsewhere"):
            ok = ok and stated in hist.get(chk["variable"], [])
        return ok, f"{chk['expr']} = {r!r}, stated {stated!r}"
    if t == "count":
        n = hits[chk["line"]] - (1 if chk.get("header") else 0)
        ok = n != stated and n == lit(e["actual_literal"])
        if e.get("held_elsewhere"):
            ok = ok and stated in hist.get(chk["variable"], [])
        return ok, f"line {chk['line']} ran {n}, stated {stated!r}"
    if t == "comparison":
        r = bool(eval(chk["expr"]))
        return r != stated, f"{chk['expr']} is {r}, stated {stated}"
    return False, "unknown error check"

def main(path="narrations.jsonl"):
    items = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    fails = 0; n_claims = 0
    for it in items:
        probs = []
        result, hist, hits = run_traced(it["code"], it["call"])
        if repr(result) != it["returned"]:
            probs.append(f"returned {result!r} != {it['returned']}")
        rat = it["rationale"]
        last = rat.rstrip().splitlines()[-1]
        if it["answer"] not in last:
            probs.append("answer not in last line")
        if it["faithful_id"] is None and it["label"] == "faithful":
            if it["direction"] == "forward":
                if lit(it["answer"]) != result: probs.append("forward answer wrong")
            else:
                if plain_eval(it["code"], it["answer"]) != result: probs.append("backward answer wrong")
        for c in it["claims"]:
            if c["quote"] not in rat:
                probs.append(f"claim quote missing: {c['quote']!r}")
                continue
            if c.get("erroneous") or c.get("carried"):
                continue
            n_claims += 1
            ok, why = check_claim(c, hist, hits, result, it["code"])
            if not ok:
                probs.append(f"claim false: {c['quote']!r} ({why})")
        if it["label"] == "error":
            e = it["error"]
            if e["quote"] not in rat:
                probs.append("error quote missing")
            if e["stated"] not in e["quote"]:
                probs.append("stated not in quote")
            ok, why = check_error(it, hist, hits, result)
            if not ok:
                probs.append(f"error is not false: {why}")
            else:
                print(f"  {it['id']}: error confirmed ({e['kind']}): {why}")
            if it["direction"] == "forward" and e["kind"] != "wrong_final_answer" and lit(it["answer"]) != result and not e.get("carried"):
                probs.append("non-final error but answer wrong")
        status = "PASS" if not probs else "FAIL"
        if probs: fails += 1
        print(f"{status} {it['id']} ({len(it['claims'])} claims)")
        for p in probs:
            print("    " + p)
    print(f"\n{len(items)} items, {n_claims} claims checked, {fails} failing")
    return fails

if __name__ == "__main__":
    sys.exit(1 if main(*sys.argv[1:]) else 0)
