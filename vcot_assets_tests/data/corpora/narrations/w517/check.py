#!/usr/bin/env python3
"""Standalone checker for w517 narrations: re-executes each program with sys.settrace,
records every variable's value history (locals, plus attributes of instance locals as
'name.attr'), and checks returned value, claims, answers and error specs."""
import ast, copy, json, sys
from collections import defaultdict

FN = "<w517prog>"

def run(code, call):
    hist = defaultdict(list)          # var -> list of successive distinct values (all frames, in order)
    raw = defaultdict(list)           # var -> values as each frame first sees / changes them (no cross-frame merge)
    lines = defaultdict(int)          # line_no -> times executed
    last = {}                         # (frame id, var) -> last value
    serial, counter = {}, [0]
    def snap(frame):
        fid = serial.get(id(frame))
        for k, v in list(frame.f_locals.items()):
            items = [(k, v)]
            if hasattr(v, "__dict__") and not callable(v) and not isinstance(v, type):
                items += [(k + "." + a, b) for a, b in vars(v).items()]
            for name, val in items:
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    continue
                key = (fid, name)
                if key not in last or last[key] != val or type(last[key]) != type(val):
                    last[key] = val
                    raw[name].append(val)
                    if not (hist[name] and hist[name][-1] == val and type(hist[name][-1]) == type(val)):
                        hist[name].append(val)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return tracer
        if event == "call":
            counter[0] += 1
            serial[id(frame)] = counter[0]
        snap(frame)
        if event == "line":
            lines[frame.f_lineno] += 1
        return tracer
    g = {"__name__": "w517prog"}
    exec(compile(code, FN, "exec"), g)
    sys.settrace(tracer)
    try:
        result = eval(compile(call, FN + "call", "eval"), g)
    finally:
        sys.settrace(None)
    hist["__raw__"] = raw
    return result, hist, lines

def plain_call(code, call):
    g = {"__name__": "w517prog"}
    exec(compile(code, "<plain>", "exec"), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s) if isinstance(s, str) else s

def check_claim(c, result, hist, lines, item):
    w = c["what"]
    if c.get("expr") is not None:
        return eval(c["expr"], {}) == lit(c["value"]), "expr %s" % c["expr"]
    if c.get("seq"):
        seq, h, pos = lit(c["value"]), hist["__raw__"].get(c["variable"], []), 0
        for x in seq:
            while pos < len(h) and h[pos] != x:
                pos += 1
            if pos == len(h):
                return False, "sequence not in history of %s" % c["variable"]
            pos += 1
        return True, "seq"
    if w == "value" and "index" in c:
        h = hist.get(c["variable"], [])
        return c["index"] < len(h) and h[c["index"]] == lit(c["value"]), "history %s[%d]" % (c["variable"], c["index"])
    if w == "value":
        v = lit(c["value"])
        return any(x == v and type(x) == type(v) or (isinstance(x, (int, float)) and isinstance(v, (int, float)) and not isinstance(x, bool) and x == v) for x in hist.get(c["variable"], [])), "history %s" % c["variable"]
    if w == "count":
        n = lines[c["body_line"]]
        return n == lit(c["value"]), "count line %s = %d" % (c["body_line"], n)
    if w == "return":
        return result == lit(c["value"]), "return"
    if w == "call":
        return plain_call(item["code"], c["value"]) == result, "call"
    return False, "unknown claim kind"

def check_error(e, result, hist, lines, item):
    msgs, ok = [], True
    for ck in e["check"]:
        st = lit(ck["stated"])
        if "var" in ck:
            h = hist.get(ck["var"], [])
            act = h[ck["index"]]
            good = act != st
            if ck.get("absent"):
                good = good and st not in h
            msgs.append("%s[%d]=%r stated %r" % (ck["var"], ck["index"], act, st))
        elif "expr" in ck:
            act = eval(ck["expr"], {})
            good = act != st
            msgs.append("%s=%r stated %r" % (ck["expr"], act, st))
        elif "count_line" in ck:
            act = lines[ck["count_line"]]
            good = act != st
            msgs.append("count=%d stated %r" % (act, st))
        elif ck.get("answer") == "forward":
            act = result; good = lit(item["answer"]) != result and lit(item["answer"]) == st
            msgs.append("answer %r vs %r" % (st, result))
        elif ck.get("answer") == "backward":
            got = plain_call(item["code"], item["answer"]); act = got
            good = got != result
            msgs.append("call %s -> %r, output %r" % (item["answer"], got, result))
        else:
            good, act = False, None
        if "actual" in ck and good:
            good = act == lit(ck["actual"])
        ok = ok and good
    return ok, "; ".join(msgs)

def main(path, report):
    items = [json.loads(l) for l in open(path) if l.strip()]
    out, fails = [], 0
    for it in items:
        errs = []
        result, hist, lines = run(it["code"], it["call"])
        if repr(result) != it["returned"]:
            errs.append("returned mismatch %r" % (result,))
        if it["function"] not in it["call"]:
            errs.append("function name not in call")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                errs.append("claim quote missing: %r" % c["quote"])
        last_line = it["rationale"].rstrip().splitlines()[-1]
        if not last_line.startswith("Answer:") or last_line[len("Answer:"):].strip() != it["answer"]:
            errs.append("answer line mismatch")
        err = it["error"]
        wrong_quote = err["quote"] if err else None
        if err and err["quote"] not in it["rationale"]:
            errs.append("error quote missing")
        for c in it["claims"]:
            good, why = check_claim(c, result, hist, lines, it)
            is_err = err is not None and c["quote"] == wrong_quote
            if is_err and good and not err.get("held_elsewhere") and err["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                errs.append("error claim unexpectedly true: %r (%s)" % (c["quote"], why))
            if not is_err and not good:
                errs.append("claim false: %r (%s)" % (c["quote"], why))
        if err is None:
            if it["direction"] == "forward":
                if lit(it["answer"]) != result: errs.append("forward answer wrong")
            else:
                if plain_call(it["code"], it["answer"]) != result: errs.append("backward answer wrong")
            msg = "faithful ok"
        else:
            good, msg = check_error(err, result, hist, lines, it)
            if not good: errs.append("error spec not confirmed: " + msg)
            if it["direction"] == "forward" and err["kind"] != "wrong_final_answer" and lit(it["answer"]) != result:
                errs.append("non-final error copy has wrong answer")
            if it["direction"] == "backward" and err["kind"] != "backward_wrong_input" and plain_call(it["code"], it["answer"]) != result:
                errs.append("non-answer error copy has wrong answer")
        status = "PASS" if not errs else "FAIL"
        fails += bool(errs)
        out.append("%s %s %s | %s" % (status, it["id"], (err or {}).get("kind", "faithful"), msg if not errs else "; ".join(errs)))
    out.append("TOTAL %d items, %d failures" % (len(items), fails))
    open(report, "w").write("\n".join(out) + "\n")
    print("\n".join(out[-40:]))
    return fails

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl",
                        sys.argv[2] if len(sys.argv) > 2 else "check_report.txt") else 0)
