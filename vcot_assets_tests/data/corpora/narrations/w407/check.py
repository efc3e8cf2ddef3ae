#!/usr/bin/env python3
"""Standalone checker for w407 narrations: re-executes every program with sys.settrace,
records each variable's value history (locals plus self.<attr>), and checks claims/errors."""
import sys, json, copy, re

def run_traced(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist, lines = {}, {}
    def rec(frame):
        loc = dict(frame.f_locals)
        items = []
        for k, v in loc.items():
            if k == "self":
                for a, av in getattr(v, "__dict__", {}).items():
                    items.append(("self." + a, av))
            elif not callable(v):
                items.append((k, v))
        for k, v in items:
            try:
                v = copy.deepcopy(v)
            except Exception:
                continue
            h = hist.setdefault(k, [])
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        rec(frame)
        if event == "return":
            h = hist.setdefault("<return:" + frame.f_code.co_name + ">", [])
            h.append(copy.deepcopy(arg))
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, g)
    finally:
        sys.settrace(None)
    return result, hist, lines

def plain_eval(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def lit(s):
    return eval(s, {})

def loop_count(lines, label):
    m = re.search(r"line\s*(\d+)", label)
    return lines.get(int(m.group(1)), 0)

def claim_ok(c, result, hist, lines):
    what = c["what"]; val = lit(c["value"])
    if what == "value" and (c.get("seq") or c.get("dictkey")):
        h = hist.get(c["variable"], [])
        if c.get("dictkey"):
            series = []
            for d in h:
                if isinstance(d, dict) and c["dictkey"] in d and (not series or series[-1] != d[c["dictkey"]]):
                    series.append(d[c["dictkey"]])
            h = series
        n = len(val)
        if c.get("subseq"):
            it = iter(h)
            return all(any(x == y for y in it) for x in val)
        return any(h[i:i + n] == val for i in range(len(h) - n + 1))
    if what == "value":
        h = hist.get(c["variable"], [])
        if "position" in c:
            return c["position"] < len(h) and h[c["position"]] == val
        return val in h
    if what == "count":
        return loop_count(lines, c["variable"]) == val
    if what in ("arith", "comparison"):
        r = eval(c["expr"], {})
        if c.get("listify"):
            r = list(r)
        return r == val
    if what == "return":
        return val == result
    if what == "call":
        return True
    raise ValueError(what)

def main():
    items = [json.loads(l) for l in open("narrations.jsonl", encoding="utf-8") if l.strip()]
    byid = {it["id"]: it for it in items}
    out, fails = [], 0
    for it in items:
        probs = []
        result, hist, lines = run_traced(it["code"], it["call"])
        if repr(result) != it["returned"]:
            probs.append("returned mismatch %r" % (result,))
        last = it["rationale"].rstrip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            probs.append("answer line mismatch")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("quote not found: " + c["quote"])
        if it["direction"] == "forward":
            ans_ok = (lit(it["answer"]) == result)
        else:
            try:
                ans_ok = (plain_eval(it["code"], it["answer"]) == result)
            except Exception:
                ans_ok = False
        if it["label"] == "faithful":
            if not ans_ok:
                probs.append("faithful answer wrong")
            for c in it["claims"]:
                if not claim_ok(c, result, hist, lines):
                    probs.append("false claim: %s" % c["quote"])
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                probs.append("error quote not found")
            f = byid.get(it["faithful_id"])
            if f is None:
                probs.append("no faithful")
            k = e["kind"]
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    probs.append("error answer is actually right")
            else:
                if not ans_ok:
                    probs.append("answer wrong in non-answer error")
                ec = [c for c in it["claims"] if c.get("is_error")]
                if len(ec) != 1:
                    probs.append("need exactly one is_error claim")
                else:
                    c = ec[0]
                    if claim_ok(c, result, hist, lines):
                        probs.append("error claim is actually true: " + c["quote"])
                    if e.get("held_elsewhere"):
                        h = hist.get(c.get("held_var") or c.get("variable"), [])
                        if c.get("seq") or c.get("dictkey"):
                            pass
                        elif c["what"] == "value" and lit(c["value"]) not in h:
                            probs.append("held_elsewhere but value never held")
                        if c["what"] == "value" and "position" not in c and not c.get("seq"):
                            probs.append("held_elsewhere needs position")
                for c in it["claims"]:
                    if c.get("is_error") or c.get("carried"):
                        continue
                    if not claim_ok(c, result, hist, lines):
                        probs.append("other claim false: " + c["quote"])
        status = "PASS" if not probs else "FAIL"
        if probs:
            fails += 1
        out.append("%s %s %s/%s %s" % (status, it["id"], it["style"], it["label"],
                                        (it["error"] or {}).get("kind", "")) + ("" if not probs else " :: " + "; ".join(probs)))
    out.append("TOTAL %d items, %d failing" % (len(items), fails))
    txt = "\n".join(out) + "\n"
    open("check_report.txt", "w").write(txt)
    print(txt)
    sys.exit(1 if fails else 0)

if __name__ == "__main__":
    main()
