#!/usr/bin/env python3
"""Standalone checker for w239 narrations: re-executes each program with sys.settrace
(no trace script, no tool code) and verifies returned values, claims and errors.

Conventions:
- value claims: `variable` is a local name ("total") or an attribute path ("self.level",
  "drum.level"); the value must occur in that variable's change history (across all frames).
  With "at": k, it must equal the k-th entry of that history (0-based).
- count claims: `variable` is "loop@line N" where N is the FIRST BODY LINE of the loop (line
  numbers of the program source); iterations = number of times line N executed.
  A plain loop-variable name is also accepted: count = number of values it took (incl. repeats
  across frames is not supported; used only for single-call loops).
- arith / comparison claims: "expr" (or the quote's text left of the last "=") is evaluated
  with literals; comparison value is True/False.
- return claims: `variable` is a function name; value must be one of its return values
  (with "at": k, the k-th return of that function).
Error items: each error carries "checks", each of which must hold (proving the error is false
at that point), plus all claims not flagged "wrong" are checked as for faithful items.
"""
import ast, copy, json, re, sys
from collections import defaultdict

def run_traced(code, call):
    ns = {"__name__": "w239prog"}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = defaultdict(list)      # var -> list of values in order of change
    last = {}                      # (frame id, var) -> last value seen
    returns = defaultdict(list)
    lines = defaultdict(int)
    snaps = []                     # (line number, copy of locals) at each line event
    classes = {v for v in ns.values() if isinstance(v, type)}

    def snap(frame):
        fid = id(frame)
        items = []
        for k, v in frame.f_locals.items():
            if k.startswith('.'):
                continue
            items.append((k, v))
            if type(v) in classes:
                for a, av in vars(v).items():
                    items.append((k + "." + a, av))
        for k, v in items:
            try:
                cv = copy.deepcopy(v)
            except Exception:
                cv = v
            key = (fid, k)
            if key not in last or last[key] != cv or type(last[key]) != type(cv):
                last[key] = cv
                hist[k].append(cv)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        def local(frame, event, arg):
            if event == "line":
                snap(frame)
                try:
                    snaps.append((frame.f_lineno, copy.deepcopy({k: v for k, v in frame.f_locals.items() if not k.startswith('.')})))
                except Exception:
                    pass
                lines[frame.f_lineno] += 1
            elif event == "return":
                snap(frame)
                returns[frame.f_code.co_name].append(copy.deepcopy(arg))
            return local
        snap(frame)
        return local

    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    hist["__snaps__"] = snaps
    return result, hist, returns, lines, ns

def lit(s):
    return ast.literal_eval(s) if isinstance(s, str) else s

def expr_of(claim):
    if claim.get("expr"):
        return claim["expr"]
    q = claim["quote"].replace("`", "").replace("×", "*")
    if claim.get("what") == "comparison":
        return re.sub(r"\s+is\s+(True|False|true|false)$", "", q.strip())
    return q.rsplit("=", 1)[0].strip()

def count_of(label, hist, lines):
    if label.startswith("loop@line"):
        return lines[int(label.split()[-1])]
    return len(hist[label])

def check_claim(c, hist, returns, lines):
    w = c["what"]
    v = lit(c["value"])
    if w == "value":
        h = hist.get(c["variable"], [])
        if "cond" in c:
            hits = [d for ln, d in hist["__snaps__"] if ln == c["line"] and all(d.get(a) == b for a, b in c["cond"].items())]
            return bool(hits) and all(d.get(c["variable"]) == v for d in hits), f"{len(hits)} states at line {c['line']}"
        if c.get("seq"):
            n = len(v)
            return any(h[i:i+n] == v for i in range(len(h))), f"history of {c['variable']}: {h!r}"
        if "at" in c:
            return len(h) > c["at"] and h[c["at"]] == v, f"hist[{c['variable']}][{c['at']}]={h[c['at']] if len(h)>c['at'] else None!r}"
        return v in h, f"history of {c['variable']}: {h!r}"
    if w == "count" and "cond" in c:
        n = sum(1 for ln, d in hist["__snaps__"] if ln == c["line"] and all(d.get(a) == b for a, b in c["cond"].items()))
        return n == v, f"conditional count={n}"
    if w == "count":
        n = count_of(c["variable"], hist, lines)
        return n == v, f"count={n}"
    if w in ("arith", "comparison"):
        got = eval(expr_of(c), {})
        return got == v and type(got) == type(v) or got == v, f"eval({expr_of(c)!r})={got!r}"
    if w in ("return", "call"):
        r = returns.get(c["variable"], [])
        if "at" in c:
            return len(r) > c["at"] and r[c["at"]] == v, f"returns={r!r}"
        return v in r, f"returns={r!r}"
    return False, "unknown claim kind"

def check_error_check(k, item, hist, returns, lines, ns, returned):
    t = k["type"]
    if t == "hist":
        h = hist.get(k["var"], [])
        ok = len(h) > k["at"] and h[k["at"]] != lit(k["stated"])
        if "actual" in k:
            ok = ok and h[k["at"]] == lit(k["actual"])
        return ok, f"hist[{k['var']}]={h!r}"
    if t == "absent":
        h = hist.get(k["var"], [])
        return lit(k["stated"]) not in h, f"hist[{k['var']}]={h!r}"
    if t == "held":
        h = hist.get(k["var"], []) if "var" in k else returns.get(k["func"], [])
        return lit(k["value"]) in h, f"held check {k} in {h!r}"
    if t == "arith":
        got = eval(k["expr"], {})
        return got != lit(k["stated"]), f"eval={got!r}"
    if t == "cmp":
        got = eval(k["expr"], {})
        return bool(got) != lit(k["stated"]), f"eval={got!r}"
    if t == "count":
        n = count_of(k["loop"], hist, lines)
        return n != lit(k["stated"]), f"count={n}"
    if t == "ret":
        r = returns.get(k["func"], [])
        return len(r) > k["at"] and r[k["at"]] != lit(k["stated"]), f"returns={r!r}"
    if t == "when":
        hits = [d for ln, d in hist["__snaps__"] if ln == k["line"] and all(d.get(a) == b for a, b in k["cond"].items())]
        ok = bool(hits) and all(d.get(k["var"]) != lit(k["stated"]) for d in hits)
        if "actual" in k:
            ok = ok and all(d.get(k["var"]) == lit(k["actual"]) for d in hits)
        return ok, f"{len(hits)} matching states"
    if t == "answer":
        if item["direction"] == "forward":
            return lit(item["answer"]) != returned, "forward answer"
        got = eval(item["answer"], run_traced(item["code"], "None")[4])
        return got != returned, f"backward answer gives {got!r}"
    return False, "unknown check"

def main():
    items = [json.loads(l) for l in open("narrations.jsonl", encoding="utf-8") if l.strip()]
    report, fails = [], 0
    for it in items:
        probs = []
        result, hist, returns, lines, ns = run_traced(it["code"], it["call"])
        if repr(result) != it["returned"]:
            probs.append(f"returned {result!r} != {it['returned']}")
        txt = it["rationale"]
        last = txt.strip().splitlines()[-1]
        if not (last.startswith("Answer:") or last.startswith("Predicted Output:")) or it["answer"] not in last:
            probs.append("answer line mismatch")
        for c in it["claims"]:
            if c["quote"] not in txt:
                probs.append(f"claim quote not in text: {c['quote']!r}")
            if c.get("wrong"):
                continue
            ok, why = check_claim(c, hist, returns, lines)
            if not ok:
                probs.append(f"claim false: {c['quote']!r} ({why})")
        if it["label"] == "faithful":
            if it["direction"] == "forward":
                if lit(it["answer"]) != result:
                    probs.append("forward answer wrong")
            else:
                ns2 = run_traced(it["code"], "None")[4]
                if eval(it["answer"], ns2) != result:
                    probs.append("backward answer does not reproduce output")
        else:
            e = it["error"]
            if e["quote"] not in txt:
                probs.append("error quote not in text")
            if e["stated"] not in e["quote"] and e["kind"] in ("wrong_arithmetic", "impossible_state", "wrong_intermediate_right_answer", "wrong_loop_summary_value"):
                probs.append("stated not in quote")
            if not e.get("checks"):
                probs.append("no checks for error")
            for k in e.get("checks", []):
                ok, why = check_error_check(k, it, hist, returns, lines, ns, result)
                if not ok:
                    probs.append(f"error check failed: {k} ({why})")
            if e["kind"] not in ("wrong_final_answer", "backward_wrong_input") and not e.get("carried"):
                # the final answer must still be right
                if it["direction"] == "forward" and lit(it["answer"]) != result:
                    probs.append("answer wrong in non-final-answer error")
                if it["direction"] == "backward":
                    ns2 = run_traced(it["code"], "None")[4]
                    if eval(it["answer"], ns2) != result:
                        probs.append("backward answer wrong in non-answer error")
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        report.append(f"{status} {it['id']}" + "".join("\n    " + p for p in probs))
    report.append(f"\n{len(items)} items, {len(items)-fails} pass, {fails} fail")
    out = "\n".join(report)
    open("check_report.txt", "w").write(out + "\n")
    print(out)
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
