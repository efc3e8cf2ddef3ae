#!/usr/bin/env python3
"""Standalone checker for w303 narrations: re-runs every program under sys.settrace,
records per-variable value histories (consecutive duplicates collapsed, attributes of
`self` recorded as self.<attr>) and per-line execution counts, then checks claims and errors."""
import ast, json, sys, types
from collections import defaultdict

FN = "<w303-prog>"


def run(code, call):
    hist = defaultdict(list)
    counts = defaultdict(int)

    def snap(frame):
        for name, val in list(frame.f_locals.items()):
            if isinstance(val, (types.FunctionType, type, types.ModuleType)):
                continue
            items = [(name, val)]
            if name == "self" and hasattr(val, "__dict__"):
                items += [("self." + a, v) for a, v in vars(val).items()]
            for n, v in items:
                r = repr(v)
                if not hist[n] or hist[n][-1] != r:
                    hist[n].append(r)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == "line":
            counts[frame.f_lineno] += 1
        if event in ("line", "return"):
            snap(frame)
        return tracer

    ns = {}
    exec(compile(code, FN, "exec"), ns)
    sys.settrace(tracer)
    try:
        result = eval(compile(call, FN + "call", "eval"), ns)
    finally:
        sys.settrace(None)
    return result, hist, counts


def plain(code, call):
    ns = {}
    exec(compile(code, "<plain>", "exec"), ns)
    return eval(call, ns)


def lit(s):
    return repr(ast.literal_eval(s))


def count_of(label, counts, hist=None):
    if label.startswith("values:"):  # number of successive values a loop variable took
        return len(hist[label[7:]])
    assert label.startswith("loop@line "), label
    return counts[int(label.split()[-1])]


def claim_true(c, item, hist, counts):
    w = c["what"]
    if w == "value":
        h = hist.get(c["variable"], [])
        if c.get("sequence"):
            seq = [repr(x) for x in ast.literal_eval(c["value"])]
            return any(h[i:i + len(seq)] == seq for i in range(len(h)))
        return lit(c["value"]) in h
    if w in ("arith", "comparison"):
        return repr(eval(c["expr"])) == lit(c["value"])
    if w == "count":
        return count_of(c["variable"], counts, hist) == ast.literal_eval(c["value"])
    if w == "return":
        return lit(c["value"]) == item["returned"]
    if w == "call":
        return repr(plain(item["code"], c["value"])) == item["returned"]
    raise ValueError(w)


def error_false(e, item, hist, counts):
    ck = e["check"]; t = ck["type"]
    if t == "expr":
        got = repr(eval(ck["expr"]))
        ok = got != lit(e["stated"]) and got == lit(e["actual"])
        if ck.get("impossible_var"):  # the stated value is never held by that variable
            ok = ok and lit(e["stated"]) not in hist[ck["impossible_var"]]
    elif t == "count":
        n = count_of(ck["label"], counts, hist)
        ok = n != int(e["stated"]) and n == int(e["actual"])
    elif t in ("hist", "seq"):
        h = hist[ck["variable"]]
        idx = ck["index"] if t == "hist" else ck["start"] + ck["pos"]
        at = h[idx]
        if "dictkey" in ck:  # one entry of a dict at that moment
            at = repr(ast.literal_eval(at)[ck["dictkey"]])
        ok = at == lit(e["actual"]) and at != lit(e["stated"])
        if ck.get("impossible"):
            ok = ok and lit(e["stated"]) not in h
    elif t == "answer":
        ok = lit(item["answer"]) != item["returned"]
    elif t == "call":
        ok = repr(plain(item["code"], item["answer"])) != item["returned"]
    else:
        raise ValueError(t)
    if e.get("held_elsewhere"):
        allv = {v for h in hist.values() for v in h} | {repr(v) for v in counts.values()}
        ok = ok and lit(e["stated"]) in allv
    return ok


def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    progs = {json.loads(l)["id"]: json.loads(l) for l in open("programs.jsonl")}
    fails, lines = 0, []
    for it in items:
        probs = []
        result, hist, counts = run(it["code"], it["call"])
        if repr(result) != it["returned"]:
            probs.append("returned mismatch")
        p = progs[it["program_id"]]
        if p["returned"] != it["returned"] or len(p["events"]) != it["trace_events"]:
            probs.append("programs.jsonl mismatch")
        last = it["rationale"].rstrip().splitlines()[-1]
        if last.strip() != "Answer: " + it["answer"]:
            probs.append("last line is not the Answer line")
        err_quote = it["error"]["quote"] if it["error"] else None
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("quote missing: " + c["quote"]); continue
            truth = claim_true(c, it, hist, counts)
            is_err = err_quote is not None and c["quote"] == err_quote
            if is_err and it["error"]["check"]["type"] in ("hist", "seq"):
                continue  # point-specific: confirmed false at its moment by error_false below
            if is_err and truth:
                probs.append("error claim is true: " + c["quote"])
            if not is_err and not truth:
                probs.append("false claim: " + c["quote"])
        if it["label"] == "faithful":
            if it["direction"] == "forward":
                if lit(it["answer"]) != it["returned"]:
                    probs.append("forward answer wrong")
            elif repr(plain(it["code"], it["answer"])) != it["returned"]:
                probs.append("backward answer wrong")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                probs.append("error quote missing")
            if not error_false(e, it, hist, counts):
                probs.append("error not confirmed false")
            if e["kind"] not in ("wrong_final_answer", "backward_wrong_input", "wrong_arithmetic") or not e.get("carried"):
                # answer stays right unless the error is about the answer (or carried into it)
                if it["direction"] == "forward" and e["kind"] != "wrong_final_answer" and not e.get("carried"):
                    if lit(it["answer"]) != it["returned"]:
                        probs.append("answer should stay right")
                if it["direction"] == "backward" and e["kind"] != "backward_wrong_input" and not e.get("carried"):
                    if repr(plain(it["code"], it["answer"])) != it["returned"]:
                        probs.append("answer should stay right")
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        lines.append(f"{status} {it['id']} ({it['label']}, {len(it['claims'])} claims)" + ("" if not probs else ": " + "; ".join(probs)))
    lines.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    out = "\n".join(lines)
    print(out)
    open("check_report.txt", "w").write(out + "\n")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
