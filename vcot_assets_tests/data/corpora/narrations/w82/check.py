#!/usr/bin/env python3
"""Standalone checker for w82 narrations: re-executes each program under sys.settrace,
records per-variable value histories (locals, self.<attr>, '<fn>()' return values) and
per-line hit counts, then checks every claim and every error annotation."""
import json, sys, copy, ast
from collections import Counter, defaultdict

FN = "<w82>"

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return v

def run(code, call):
    hist = defaultdict(list)
    hits = Counter()
    def push(name, v):
        h = hist[name]
        if not h or not (type(h[-1]) is type(v) and h[-1] == v):
            h.append(snap(v))
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return tracer
        if event == "line":
            hits[frame.f_lineno] += 1
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    push("self." + a, av)
            elif not k.startswith("."):
                push(k, v)
        if event == "return":
            push(frame.f_code.co_name + "()", arg)
        return tracer
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    sys.settrace(tracer)
    try:
        res = eval(compile(call, FN + "call", "eval"), ns)
    finally:
        sys.settrace(None)
    return res, hist, hits

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, hist, hits, returned_val, problems, tag):
    what, val = c["what"], lit(c["value"])
    if what == "value" and c.get("seq"):
        h = hist.get(c["variable"], [])
        j = 0
        for x in h:
            if j < len(val) and x == val[j]:
                j += 1
        if j != len(val):
            problems.append(f"{tag}: sequence {val!r} not a subsequence of {c['variable']} history {h[:40]}")
    elif what in ("value", "call"):
        h = hist.get(c["variable"], [])
        if not any(type(x) == type(val) and x == val or (isinstance(x, (int, float)) and not isinstance(x, bool) and isinstance(val, (int, float)) and x == val) for x in h):
            problems.append(f"{tag}: {c['variable']}={val!r} never held (history {h[:20]})")
    elif what == "count":
        n = hits.get(c["line"], 0)
        if n != val:
            problems.append(f"{tag}: count line {c['line']} is {n}, claimed {val}")
    elif what in ("arith", "comparison"):
        expr = c.get("expr") or c["quote"].split("=")[0]
        r = eval(expr)
        if r != val:
            problems.append(f"{tag}: {expr} -> {r!r}, claimed {val!r}")
    elif what == "return":
        if val != returned_val:
            problems.append(f"{tag}: return {val!r} != {returned_val!r}")
    else:
        problems.append(f"{tag}: unknown what {what}")

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    progs = {json.loads(l)["id"]: json.loads(l) for l in open("programs.jsonl")}
    out, nbad = [], 0
    for it in items:
        probs = []
        res, hist, hits = run(it["code"], it["call"])
        if repr(res) != it["returned"]:
            probs.append(f"returned {res!r} != {it['returned']}")
        if progs[it["program_id"]]["returned"] != it["returned"]:
            probs.append("programs.jsonl returned mismatch")
        retv = res
        err = it["error"]
        # answer
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == retv
        else:
            r2, _, _ = run(it["code"], it["answer"])
            ans_ok = r2 == retv and it["answer"].startswith(it["function"])
        if it["rationale"].rstrip().splitlines()[-1].strip() != "Answer: " + it["answer"]:
            probs.append("last line is not the Answer line")
        expect_ans_ok = not (err and err["kind"] in ("wrong_final_answer", "backward_wrong_input"))
        if ans_ok != expect_ans_ok:
            probs.append(f"answer correctness {ans_ok}, expected {expect_ans_ok}")
        for i, c in enumerate(it["claims"]):
            if c["quote"] not in it["rationale"]:
                probs.append(f"claim {i} quote not in rationale")
            if c.get("is_error") or c.get("carried"):
                continue
            check_claim(c, hist, hits, retv, probs, f"claim {i} {c['quote'][:40]!r}")
        if err:
            if err["quote"] not in it["rationale"]:
                probs.append("error quote not in rationale")
            ck = err["check"]; st = lit(err["stated"]) if ck["type"] != "answer" else None
            t = ck["type"]
            if t == "hist":
                h = hist.get(ck["var"], [])
                k = ck["index"]
                if k < len(h) and h[k] == st and type(h[k]) == type(st):
                    probs.append(f"error not false: {ck['var']}[{k}] == {st!r}")
                if k >= len(h):
                    probs.append(f"hist index {k} out of range for {ck['var']} ({h})")
                if lit(err["actual"]) != h[k] if k < len(h) else False:
                    probs.append(f"actual {err['actual']} != history {h[k]!r}")
                if err.get("held_elsewhere"):
                    if not any(st == x for hh in hist.values() for x in hh):
                        probs.append("held_elsewhere but value never held")
            elif t == "absent":
                if st in hist.get(ck["var"], []):
                    probs.append(f"impossible value {st!r} actually held by {ck['var']}")
            elif t in ("arith", "cmp"):
                r = eval(ck["expr"])
                if r == st:
                    probs.append(f"error arith/cmp not false: {ck['expr']} == {st!r}")
                if r != lit(err["actual"]):
                    probs.append(f"actual mismatch {r!r} vs {err['actual']}")
                if err.get("held_elsewhere") and not any(st == x for hh in hist.values() for x in hh):
                    probs.append("held_elsewhere but value never held")
            elif t == "count":
                n = hits.get(ck["line"], 0)
                if n == st or n != lit(err["actual"]):
                    probs.append(f"count error not false/actual wrong: {n} vs stated {st}")
            elif t == "answer":
                if ans_ok:
                    probs.append("answer error but answer is right")
            else:
                probs.append("unknown check type")
        status = "PASS" if not probs else "FAIL"
        nbad += bool(probs)
        out.append(f"{status} {it['id']} ({it['direction']}, {it['style']}, {err['kind'] if err else 'faithful'})")
        out.extend("    " + p for p in probs)
    out.append(f"\n{len(items)} items, {len(items)-nbad} pass, {nbad} fail")
    rep = "\n".join(out)
    open("check_report.txt", "w").write(rep + "\n")
    print(rep[-3000:])
    return 1 if nbad else 0

if __name__ == "__main__":
    sys.exit(main())
