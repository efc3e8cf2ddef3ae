#!/usr/bin/env python3
"""Standalone checker for w275 narrations: re-executes each program with sys.settrace and
checks returns, claims, answers and that each error copy's error is really false."""
import ast, copy, json, sys

def safe(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call):
    ns = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), ns)
    hist, hits, at_line = {}, {}, {}
    def snap(frame):
        out = {}
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in getattr(v, "__dict__", {}).items():
                    out["self." + a] = av
            elif not callable(v):
                out[k] = v
                d = getattr(v, "__dict__", None)
                if isinstance(d, dict) and not isinstance(v, type(sys)):
                    for a, av in d.items():  # attributes of an instance held in a local
                        out[k + "." + a] = av
        return out
    def rec(frame):
        for k, v in snap(frame).items():
            h = hist.setdefault(k, [])
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(safe(v))
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            rec(frame)
            ln = frame.f_lineno
            hits[ln] = hits.get(ln, 0) + 1
            at_line.setdefault(ln, []).append({k: safe(v) for k, v in snap(frame).items()})
        elif event == "return":
            rec(frame)
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return result, hist, hits, at_line

def plain_eval(code, call):
    ns = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, res, hist, hits, at_line, code):
    w = c["what"]
    if w == "call":
        return plain_eval(code, c["value"]) == res
    val = lit(c["value"])
    if w == "value":
        var = c["variable"]
        if c.get("seq"):  # a summarised sequence: must be a contiguous run of the history
            h = hist.get(var, [])
            return any(h[i:i + len(val)] == val for i in range(len(h)))
        if "line" in c:  # value at the k-th hit of a line
            return at_line[c["line"]][c["k"]][var] == val
        return val in hist.get(var, [])
    if w == "count":
        return hits.get(c["line"], 0) == val
    if w in ("comparison", "arith"):
        return eval(c["expr"]) == val
    if w == "return":
        return val == res
    return False

def check_error(item, res, hist, hits, at_line):
    e = item["error"]; ch = e["check"]; t = ch["type"]
    stated = lit(e["stated"]) if t not in ("answer",) else None
    if t == "hist":
        h = hist[ch["var"]]
        return h[ch["index"]] != stated and stated != lit(e["actual"]) and h[ch["index"]] == lit(e["actual"])
    if t == "at_line":
        v = at_line[ch["line"]][ch["k"]][ch["var"]]
        return v != stated and v == lit(e["actual"])
    if t == "absent":
        return stated not in hist.get(ch["var"], [])
    if t == "expr":
        return eval(ch["expr"]) != stated and eval(ch["expr"]) == lit(e["actual"])
    if t == "count":
        return hits.get(ch["line"], 0) != stated and hits.get(ch["line"], 0) == lit(e["actual"])
    if t == "answer":
        if item["direction"] == "forward":
            return lit(item["answer"]) != res
        try:
            return plain_eval(item["code"], item["answer"]) != res
        except Exception:
            return True
    return False

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    fails = 0; lines = []
    for it in items:
        probs = []
        res, hist, hits, at_line = run(it["code"], it["call"])
        if repr(res) != it["returned"]:
            probs.append("returned mismatch")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("quote missing: " + c["quote"])
        if not it["rationale"].rstrip().splitlines()[-1].startswith("Answer:") and "Answer:" not in it["rationale"]:
            probs.append("no Answer line")
        if it["label"] == "faithful":
            for c in it["claims"]:
                try:
                    ok = check_claim(c, res, hist, hits, at_line, it["code"])
                except Exception as ex:
                    ok = False
                if not ok:
                    probs.append("false claim: %r" % c)
            if it["direction"] == "forward":
                if lit(it["answer"]) != res: probs.append("forward answer wrong")
            else:
                if plain_eval(it["code"], it["answer"]) != res: probs.append("backward answer wrong")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                probs.append("error quote missing")
            if not check_error(it, res, hist, hits, at_line):
                probs.append("error not confirmed false")
            # all other claims (not the error one) must hold
            for c in it["claims"]:
                if c.get("is_error"):
                    continue
                if e.get("carried") and c.get("carried"):
                    continue
                try:
                    ok = check_claim(c, res, hist, hits, at_line, it["code"])
                except Exception:
                    ok = False
                if not ok:
                    probs.append("false non-error claim: %r" % c)
            # final answer stays right unless the error is about the answer
            if e["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                if it["direction"] == "forward":
                    if lit(it["answer"]) != res: probs.append("answer wrong in non-answer error copy")
                else:
                    if plain_eval(it["code"], it["answer"]) != res: probs.append("answer wrong in non-answer error copy")
        status = "PASS" if not probs else "FAIL"
        if probs: fails += 1
        lines.append(f"{status} {it['id']} ({it['label']}, {len(it['claims'])} claims)" + ("".join("\n    " + p for p in probs)))
    lines.append(f"\n{len(items)} items, {fails} failing")
    out = "\n".join(lines)
    print(out)
    open("check_report.txt", "w").write(out + "\n")
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
