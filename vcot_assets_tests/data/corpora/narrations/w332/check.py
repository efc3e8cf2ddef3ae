#!/usr/bin/env python3
"""Standalone checker for w332 narrations: runs each call under sys.settrace, records every
variable's value history (locals and self.<attr>) and per-line hit counts, then verifies claims
and confirms each error copy's error is really false at its point. Writes check_report.txt."""
import ast, copy, json, sys

FN = "<w332>"

def run_traced(code, call):
    hist, hits = {}, {}
    last = {}
    def rec(frame):
        key = id(frame)
        for k, v in list(frame.f_locals.items()):
            items = [(k, v)]
            if k == "self" and hasattr(v, "__dict__"):
                items = [("self." + a, b) for a, b in vars(v).items()]
            for name, val in items:
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    continue
                lk = (key, name)
                if lk in last and last[lk] == val and type(last[lk]) == type(val):
                    continue
                last[lk] = val
                hist.setdefault(name, []).append(val)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return tracer
        if event == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        rec(frame)
        return tracer
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, hits

def plain(code, call):
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    return eval(call, ns)

def contiguous(seq, h):
    seq = [x for i, x in enumerate(seq) if i == 0 or seq[i - 1] != x]
    n = len(seq)
    return any(h[i:i + n] == seq for i in range(len(h) - n + 1))

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, ret, hist, hits, code, item):
    what, var = c["what"], c.get("variable")
    if what == "call":
        got = plain(code, c["expr"])
        return got == lit(item["returned"]), f"call -> {got!r}"
    val = lit(c["value"])
    if what == "value":
        h = hist.get(var, [])
        if val in h:
            return True, ""
        if isinstance(val, list) and contiguous(val, h):
            return True, ""
        return False, f"{var}={val!r} not in history {h!r}"
    if what == "count":
        if var.startswith("line:"):
            n = hits.get(int(var[5:]), 0)
            return n == val, f"line hits {n}"
        return val in hist.get(var, []), f"counter {var} history {hist.get(var)}"
    if what in ("arith", "comparison"):
        got = eval(c["expr"], {})
        return got == val, f"{c['expr']} -> {got!r}"
    if what == "return":
        return ret == val, f"returned {ret!r}"
    return False, "unknown what"

def main():
    items = [json.loads(l) for l in open("narrations.jsonl", encoding="utf-8") if l.strip()]
    out, bad = [], 0
    for it in items:
        probs = []
        ret, hist, hits = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append(f"returned mismatch {ret!r}")
        r = it["rationale"]
        last = [l for l in r.strip().splitlines() if l.strip()][-1]
        if last.strip() != "Answer: " + it["answer"]:
            probs.append("last line is not the Answer line")
        err = it["error"]
        for c in it["claims"]:
            if c["quote"] not in r:
                probs.append(f"quote missing: {c['quote']!r}")
                continue
            if err and c["quote"] == err["quote"]:
                continue
            ok, why = check_claim(c, ret, hist, hits, it["code"], it)
            if not ok:
                probs.append(f"claim false: {c['quote']!r}: {why}")
        # answers
        wrong_answer = err and err["kind"] in ("wrong_final_answer", "backward_wrong_input")
        if it["direction"] == "forward":
            good = lit(it["answer"]) == ret
        else:
            good = plain(it["code"], it["answer"]) == ret
        if good == bool(wrong_answer):
            probs.append(f"answer check: good={good} but error kind={err and err['kind']}")
        if err:
            if err["quote"] not in r:
                probs.append("error quote not in rationale")
            chk = err["check"]
            if err["kind"] == "backward_wrong_input":
                pass  # checked above: the answer call does not return the output
            elif chk.get("type") == "seq":
                seq = lit(err["stated"])
                if contiguous(seq, hist[chk["variable"]]):
                    probs.append("stated seq actually occurs")
                if err.get("held_elsewhere"):
                    flat = [x for x in seq]
                    if not all(x in hist[chk["variable"]] for x in flat):
                        probs.append("held_elsewhere but a stated value never occurs")
            else:
                env = {"hist": hist, "hits": hits, "ret": ret}
                actual = eval(chk["actual_expr"], env)
                stated = lit(err["stated"])
                if actual == stated:
                    probs.append(f"error not false: actual {actual!r} == stated")
                if actual != lit(err["actual"]):
                    probs.append(f"error.actual {err['actual']} != computed {actual!r}")
                if err["kind"] == "impossible_state" and stated in hist.get(chk.get("variable"), []):
                    probs.append("impossible_state value occurs")
                if err.get("held_elsewhere"):
                    hv = chk.get("held_var")
                    if stated not in hist.get(hv, []):
                        probs.append(f"held_elsewhere but {stated!r} never in {hv}")
        status = "PASS" if not probs else "FAIL"
        bad += bool(probs)
        out.append(f"{status} {it['id']} ({len(it['claims'])} claims)" + "".join("\n    " + p for p in probs))
    out.append(f"\n{len(items)} items, {len(items) - bad} pass, {bad} fail")
    open("check_report.txt", "w").write("\n".join(out) + "\n")
    print("\n".join(out[-1:]))
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
