#!/usr/bin/env python3
"""Standalone checker for w442 narrations: re-executes each program with sys.settrace."""
import ast, copy, json, sys

_ctr = [0]
def next_serial():
    _ctr[0] += 1
    return _ctr[0]

def run(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist, lines, last, serial = {}, {}, {}, {}
    def rec(frame):
        fid = serial[id(frame)]
        items = dict(frame.f_locals)
        s = items.get("self")
        if s is not None and hasattr(s, "__dict__"):
            for k, v in vars(s).items():
                items["self." + k] = v
        for k, v in items.items():
            if k == "self":
                continue
            try:
                v2 = copy.deepcopy(v)
            except Exception:
                continue
            key = (fid, k)
            if key not in last or last[key] != v2 or type(last[key]) != type(v2):
                last[key] = v2
                hist.setdefault(k, []).append(v2)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "call":
            serial[id(frame)] = next_serial()
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        rec(frame)
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines, ns

def lit(s):
    return ast.literal_eval(s)

def claim_true(c, ret, hist, lines):
    what, var = c["what"], c.get("variable")
    val = lit(c["value"])
    if what == "value":
        if var is None:
            return val == ret or any(val in h for h in hist.values())
        h = hist.get(var, [])
        if c.get("seq"):
            h = [x for k, x in enumerate(h) if k == 0 or h[k - 1] != x]  # collapse repeats across frames
            n = len(val)
            return any(h[i:i + n] == val for i in range(len(h) - n + 1))
        if "index" in c:
            return c["index"] < len(h) and h[c["index"]] == val
        return val in h
    if what == "count":
        if "histlen" in c:
            return len(hist.get(c["histlen"], [])) == val
        return lines.get(c["line"], 0) == val
    if what in ("arith", "comparison"):
        return eval(c.get("expr", c["quote"]), {}) == val
    if what == "return":
        return val == ret
    raise ValueError(what)

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    fails, out = 0, []
    for it in items:
        probs = []
        ret, hist, lines, ns = run(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append("returned mismatch")
        if not it["rationale"].rstrip().endswith(it["rationale"].rstrip().splitlines()[-1]) or not it["rationale"].rstrip().splitlines()[-1].startswith("Answer:"):
            probs.append("no final Answer line")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("quote not in rationale: %r" % c["quote"])
            ok = claim_true(c, ret, hist, lines)
            if c.get("wrong"):
                if ok:
                    probs.append("error claim is actually true: %r" % c["quote"])
                if c.get("held_elsewhere"):
                    h = hist.get(c["variable"], [])
                    vals = lit(c["value"]) if c.get("seq") else [lit(c["value"])]
                    if c["what"] == "value" and any(v not in h for v in vals):
                        probs.append("held_elsewhere value never held: %r" % c["quote"])
                    if c["what"] == "arith" and not any(lit(c["value"]) in hh for hh in hist.values()):
                        probs.append("held_elsewhere arith value never held: %r" % c["quote"])
                    if c["what"] == "count" and not any(lit(c["value"]) in hh for hh in hist.values()):
                        probs.append("held_elsewhere count never held by any variable: %r" % c["quote"])
            elif not ok:
                probs.append("claim false: %r" % c["quote"])
        # answer
        ans = it["answer"]
        if it["direction"] == "forward":
            good = lit(ans) == ret
        else:
            ret2, *_ = run(it["code"], ans)
            good = ret2 == lit(it["returned"]) and type(ret2) == type(lit(it["returned"]))
        if ("Answer: " + ans) not in it["rationale"].rstrip().splitlines()[-1]:
            probs.append("answer not in last line")
        bad_answer_kinds = ("wrong_final_answer", "backward_wrong_input")
        if it["label"] == "error" and it["error"]["kind"] in bad_answer_kinds:
            if good:
                probs.append("answer error but answer is right")
        elif not good:
            probs.append("answer wrong")
        if it["label"] == "error":
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                probs.append("error quote missing")
            if e["kind"] not in bad_answer_kinds and not any(c.get("wrong") for c in it["claims"]):
                probs.append("no wrong claim for error")
        status = "PASS" if not probs else "FAIL"
        if probs:
            fails += 1
        out.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    out.append("items: %d, failures: %d" % (len(items), fails))
    open("check_report.txt", "w").write("\n".join(out) + "\n")
    print("\n".join(out[-15:]))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
