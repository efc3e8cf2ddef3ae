"""Standalone checker for w211 narrations: re-executes each program with sys.settrace and
checks returned values, every claim of faithful items, and that each error copy's error is false."""
import ast, copy, json, sys

FILE = "<prog>"

def run(code, call):
    ns = {}
    exec(compile(code, FILE, "exec"), ns)
    hist, lines = {}, {}
    def snap(frame):
        for k, v in list(frame.f_locals.items()):
            items = [(k, v)]
            if k == "self" and hasattr(v, "__dict__"):
                items = [("self." + a, b) for a, b in vars(v).items()]
            for name, val in items:
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    val = repr(val)
                h = hist.setdefault(name, [])
                if not h or h[-1] != val or type(h[-1]) is not type(val):
                    h.append(val)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FILE:
            return None
        if event == "line":
            snap(frame)
            if not frame.f_code.co_name.startswith("<"):  # skip genexpr/comprehension frames
                lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        elif event == "return":
            snap(frame)
        return tracer
    cc = compile(call, "<call>", "eval")
    sys.settrace(tracer)
    try:
        result = eval(cc, ns)
    finally:
        sys.settrace(None)
    return result, hist, lines

def plain(code, call):
    ns = {}
    exec(compile(code, FILE, "exec"), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def is_sublist(seq, h):
    n = len(seq)
    return any(h[i:i + n] == seq for i in range(len(h) - n + 1))

def check_claim(c, it, res, hist, lines):
    w = c["what"]
    if c["quote"] not in it["rationale"]:
        return "quote not in rationale"
    if w == "value":
        v = lit(c["value"])
        h = hist.get(c["variable"], [])
        if c.get("seq"):
            return None if is_sublist(v, h) else f"sequence {v} not in history {h}"
        return None if v in h else f"{c['variable']}={v!r} never held ({h})"
    if w in ("arith", "comparison"):
        got = eval(c["expr"])
        return None if got == lit(c["value"]) else f"{c['expr']} = {got!r}, stated {c['value']}"
    if w == "count":
        got = lines.get(c["line"], 0) - (1 if c.get("header") else 0)  # a for-header line runs once more than the body
        return None if got == lit(c["value"]) else f"line {c['line']} ran {got}, stated {c['value']}"
    if w == "return":
        return None if lit(c["value"]) == res else f"return {res!r}, stated {c['value']}"
    if w == "call":
        got = plain(it["code"], c["value"])
        return None if got == res else f"call gives {got!r}"
    return "unknown claim kind"

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    out, bad = [], 0
    for it in items:
        probs = []
        res, hist, lines = run(it["code"], it["call"])
        if repr(res) != it["returned"]:
            probs.append(f"returned {res!r} != {it['returned']}")
        if not it["rationale"].rstrip().splitlines()[-1].startswith("Answer: " + it["answer"]):
            probs.append("answer field does not match Answer line")
        ans_ok = (lit(it["answer"]) == res) if it["direction"] == "forward" else (plain(it["code"], it["answer"]) == res)
        if it["label"] == "faithful":
            if not ans_ok:
                probs.append("faithful answer wrong")
            for c in it["claims"]:
                p = check_claim(c, it, res, hist, lines)
                if p:
                    probs.append(f"claim {c['quote']!r}: {p}")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                probs.append("error quote missing")
            ck = e["check"]
            stated, actual = e["stated"], e["actual"]
            if ck["type"] == "answer":
                if ans_ok:
                    probs.append("wrong answer actually right")
                if it["direction"] == "backward" and repr(plain(it["code"], it["answer"])) != actual:
                    probs.append("actual of wrong call mismatch")
                if it["direction"] == "forward" and repr(res) != actual:
                    probs.append("actual mismatch")
            else:
                if ck["type"] == "expr":
                    truth = eval(ck["expr"])
                elif ck["type"] == "count":
                    truth = lines.get(ck["line"], 0)
                elif ck["type"] == "value_at":
                    truth = hist[ck["variable"]][ck["k"]]
                if truth != lit(actual):
                    probs.append(f"actual {actual} != execution {truth!r}")
                if truth == lit(stated):
                    probs.append("stated value is actually true at that point")
                if e["kind"] == "impossible_state":
                    if lit(stated) in hist.get(ck["variable"], []):
                        probs.append("impossible_state value is held somewhere")
                if e.get("held_elsewhere"):
                    allv = [v for h in hist.values() for v in h]
                    if lit(stated) not in allv:
                        probs.append("held_elsewhere but value never held")
            if it["direction"] == "forward" and e["kind"] != "wrong_final_answer" and not ans_ok:
                probs.append("non-answer error copy has wrong answer")
            if it["direction"] == "backward" and e["kind"] != "backward_wrong_input" and not ans_ok:
                probs.append("non-answer error copy has wrong call")
            # the error claim must be present
            if not any(c["quote"] == e["quote"] for c in it["claims"]):
                probs.append("error claim missing")
            # other claims (not the error one, not carried ones) should still be true
            for c in it["claims"]:
                if c["quote"] == e["quote"] or c["what"] == "call" and e["kind"] == "backward_wrong_input":
                    continue
                if c["what"] == "return" and e["kind"] == "wrong_final_answer":
                    continue
                p = check_claim(c, it, res, hist, lines)
                if p:
                    probs.append(f"other claim {c['quote']!r}: {p}")
        status = "OK" if not probs else "FAIL"
        bad += bool(probs)
        out.append(f"{status} {it['id']} ({it['label']}, {len(it['claims'])} claims)" + "".join("\n    " + p for p in probs))
    out.append(f"\n{len(items)} items, {len(items) - bad} pass, {bad} fail")
    txt = "\n".join(out)
    print(txt)
    open("check_report.txt", "w").write(txt + "\n")
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
