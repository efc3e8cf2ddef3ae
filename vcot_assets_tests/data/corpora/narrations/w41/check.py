"""Standalone checker for w41 narrations: runs each program with sys.settrace and
verifies returned values, claims, answers, and that error copies really are wrong."""
import ast, copy, json, re, sys
from collections import defaultdict

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = defaultdict(list)   # variable name -> list of values seen
    lines = defaultdict(int)   # line number -> executions
    def rec(frame):
        for k, v in frame.f_locals.items():
            try:
                v2 = copy.deepcopy(v)
            except Exception:
                v2 = v
            if not hist[k] or hist[k][-1] != v2:
                hist[k].append(v2)
            if k == "self" and hasattr(v, "__dict__"):
                for a, av in vars(v).items():
                    key = "self." + a
                    av2 = copy.deepcopy(av)
                    if not hist[key] or hist[key][-1] != av2:
                        hist[key].append(av2)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return tracer
        if event == "line":
            lines[frame.f_lineno] += 1
        rec(frame)
        if event == "return":
            hist["<return:" + frame.f_code.co_name + ">"].append(copy.deepcopy(arg))
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return result, hist, lines

def plain_eval(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def strip_q(q):
    return q.replace("`", "").strip()

def eval_arith(q):
    q = strip_q(q)
    ms = list(re.finditer(r"(?<![=!<>])=(?!=)| is | gives | equals ", q))
    m = ms[-1]
    left, right = q[:m.start()], q[m.end():]
    env = {"divmod": divmod, "max": max, "min": min, "sum": sum, "len": len}
    return eval(left.strip(), env), lit(right.strip())

def check_claim(c, hist, lines, returned, code):
    """returns (ok, detail)"""
    w, v = c["what"], c["value"]
    if w == "value":
        val = lit(v)
        seen = hist.get(c["variable"], [])
        return (val in seen), f"{c['variable']} history {seen[:12]}"
    if w == "count":
        m = re.search(r"line (\d+)", c["variable"] or "")
        n = int(m.group(1))
        body = n + 1
        got = lines.get(body, 0)
        return got == lit(v), f"loop@{n} ran {got}"
    if w == "comparison":
        got = eval(strip_q(c["quote"]), {})
        return bool(got) == lit(v), f"{c['quote']} -> {got}"
    if w == "arith":
        got, stated = eval_arith(c["quote"])
        return (got == lit(v) and stated == lit(v)), f"{c['quote']} -> {got}"
    if w == "return":
        return lit(v) == returned, f"returned {returned!r}"
    if w == "call":
        got = plain_eval(code, strip_q(c["quote"]))
        return got == lit(v), f"{c['quote']} -> {got!r}"
    return False, "unknown what"

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    ids = {it["id"] for it in items}
    nfail = 0
    out = []
    for it in items:
        errs = []
        res, hist, lines = run_traced(it["code"], it["call"])
        if repr(res) != it["returned"]:
            errs.append(f"returned mismatch {res!r} vs {it['returned']}")
        rat = it["rationale"]
        last = rat.rstrip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            errs.append("answer field does not match last Answer line")
        for c in it["claims"]:
            if c["quote"] not in rat:
                errs.append(f"claim quote not in rationale: {c['quote']!r}")
        err = it.get("error")
        if it["label"] == "error":
            if it["faithful_id"] not in ids:
                errs.append("faithful_id missing")
            if err["quote"] not in rat:
                errs.append("error quote not in rationale")
        # answer check
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == res
        else:
            ans_ok = plain_eval(it["code"], it["answer"]) == res
        wrong_answer_kinds = ("wrong_final_answer", "backward_wrong_input")
        if it["label"] == "faithful" or err["kind"] not in wrong_answer_kinds:
            if not ans_ok:
                errs.append("answer is wrong")
        else:
            if ans_ok:
                errs.append("error copy's answer is actually right")
        # claims (the error claim is the last claim whose quote is the error quote)
        err_claim = None
        if it["label"] == "error":
            for c in it["claims"]:
                if c["quote"] == err["quote"]:
                    err_claim = c
        for c in it["claims"]:
            ok, det = check_claim(c, hist, lines, res, it["code"])
            is_err_claim = it["label"] == "error" and c is err_claim
            if is_err_claim:
                if ok:
                    errs.append(f"error claim is actually true: {c['quote']!r} ({det})")
            elif not ok:
                if it["label"] == "error" and err.get("carried"):
                    continue
                errs.append(f"false claim {c['quote']!r}: {det}")
        if it["label"] == "error" and not any(c["quote"] == err["quote"] for c in it["claims"]):
            errs.append("no claim matches the error quote")
        status = "PASS" if not errs else "FAIL"
        if errs:
            nfail += 1
        out.append(f"{status} {it['id']} ({len(it['claims'])} claims)" + "".join("\n    - " + e for e in errs))
    out.append(f"\n{len(items)} items, {len(items)-nfail} pass, {nfail} fail")
    print("\n".join(out))
    return nfail

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
