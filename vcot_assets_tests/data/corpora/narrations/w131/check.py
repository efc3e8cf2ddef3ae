#!/usr/bin/env python3
"""Standalone checker for w131 narrations: runs each program under sys.settrace,
records per-variable value histories (locals and self.<attr>), line execution counts,
and checks claims / answers / errors against the real execution."""
import ast, copy, json, re, sys

def run_traced(code, call):
    hist = {}        # var -> list of successive distinct values (per frame, concatenated in change order)
    lines = {}       # line number -> execution count
    last = {}        # (frame id, var) -> last value
    def rec(frame):
        if frame.f_code.co_filename != "<program>":
            return
        for k, v in list(frame.f_locals.items()):
            items = [(k, v)]
            if k == "self" and hasattr(v, "__dict__"):
                items = [("self." + a, b) for a, b in vars(v).items()]
            for name, val in items:
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    continue
                key = (id(frame), name)
                if key not in last or last[key] != val or type(last[key]) is not type(val):
                    last[key] = val
                    h = hist.setdefault(name, [])
                    if not h or h[-1] != val or type(h[-1]) is not type(val):
                        h.append(val)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<program>":
            return None
        def local(frame, event, arg):
            rec(frame)
            if event == "line":
                lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            return local
        rec(frame)
        return local
    g = {"__name__": "program"}
    exec(compile(code, "<program>", "exec"), g)
    sys.settrace(tracer)
    try:
        result = eval(compile(call, "<program>-call", "eval"), g)
    finally:
        sys.settrace(None)
    return result, hist, lines

def plain_call(code, call):
    g = {"__name__": "program"}
    exec(compile(code, "<program>", "exec"), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s) if isinstance(s, str) else s

def check_claim(c, res, hist, lines):
    what = c["what"]; v = c["value"]
    if what == "value" and c.get("sequence"):
        seq = [x for i, x in enumerate(lit(v)) if i == 0 or x != lit(v)[i - 1]]
        h = hist.get(c["variable"], [])
        ok = any(h[i:i + len(seq)] == seq for i in range(len(h)))
        return ok, f"{c['variable']} history {h}"
    if what == "value":
        return lit(v) in hist.get(c["variable"], []), f"{c['variable']} history {hist.get(c['variable'])}"
    if what == "count":
        m = re.search(r"line (\d+)", c["variable"] or "")
        n = lines.get(int(m.group(1)), 0)
        return n == lit(v), f"line {m.group(1)} ran {n}"
    if what in ("arith", "comparison"):
        expr = c.get("expr") or re.split(r" = | is | holds", c["quote"].replace("`", ""))[0]
        got = eval(expr, {})
        return got == lit(v), f"{expr} -> {got!r}"
    if what in ("return", "call"):
        return lit(v) == res, f"returned {res!r}"
    return False, "unknown claim kind"

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") if l.strip()]
    out = []; bad = 0
    byid = {it["id"]: it for it in items}
    for it in items:
        probs = []
        res, hist, lines = run_traced(it["code"], it["call"])
        if repr(res) != it["returned"]:
            probs.append(f"returned mismatch {res!r} vs {it['returned']}")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append(f"claim quote not in rationale: {c['quote']!r}")
        if not it["rationale"].rstrip().endswith("Answer: " + it["answer"]) and ("Answer: " + it["answer"]) not in it["rationale"].splitlines()[-1]:
            probs.append("answer line mismatch")
        err = it["error"]
        if it["label"] == "faithful":
            for c in it["claims"]:
                ok, why = check_claim(c, res, hist, lines)
                if not ok:
                    probs.append(f"false claim {c['quote']!r}: {why}")
        else:
            if err["quote"] not in it["rationale"]:
                probs.append("error quote not in rationale")
            f = byid.get(it["faithful_id"])
            if f is None:
                probs.append("missing faithful")
            elif f["rationale"] == it["rationale"]:
                probs.append("error copy identical to faithful")
            elif err["quote"] in f["rationale"] and err["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                probs.append("error quote also in faithful text")
            at = err.get("at", {})
            stated = err["stated"]
            t = at.get("type")
            if t == "hist":     # k-th value of var's history
                h = hist.get(at["var"], [])
                actual = h[at["k"]]
                if lit(stated) == actual: probs.append("stated equals actual at that point")
                if lit(err["actual"]) != actual: probs.append(f"declared actual {err['actual']} != {actual!r}")
                if err.get("held_elsewhere") and lit(stated) not in h: probs.append("held_elsewhere but never held")
                if not err.get("held_elsewhere") and lit(stated) in h and err["kind"] == "impossible_state": probs.append("impossible value is held")
            elif t == "expr":   # stated value compared with a Python expression of the truth
                actual = eval(at["expr"], {})
                if lit(stated) == actual: probs.append("arith/comparison not wrong")
                if lit(err["actual"]) != actual: probs.append("declared actual wrong")
                if err.get("held_elsewhere"):
                    h = hist.get(at.get("var", ""), [])
                    if lit(stated) not in h: probs.append("held_elsewhere but never held")
            elif t == "count":
                n = lines.get(at["line"], 0)
                if lit(stated) == n: probs.append("count not wrong")
                if lit(err["actual"]) != n: probs.append("declared actual count wrong")
                if err.get("held_elsewhere") and lit(stated) not in hist.get(at.get("var", ""), []): probs.append("held_elsewhere but never held")
            elif t == "answer_fwd":
                if lit(it["answer"]) == res: probs.append("forward answer not wrong")
            elif t == "answer_bwd":
                try:
                    r2 = plain_call(it["code"], it["answer"])
                except Exception as e:
                    r2 = e
                if repr(r2) == it["returned"]: probs.append("backward answer returns the output")
            elif t == "branch":
                actual = eval(at["expr"], {})
                if lit(stated) == actual: probs.append("branch claim not wrong")
            else:
                probs.append("no error check spec")
            # all claims except the error's must still be true
            for c in it["claims"]:
                if err["quote"] in c["quote"] or c["quote"] in err["quote"]:
                    continue
                ok, why = check_claim(c, res, hist, lines)
                if not ok and not err.get("carried"):
                    probs.append(f"non-error claim false {c['quote']!r}: {why}")
        if it["direction"] == "forward" and it["label"] == "faithful" and lit(it["answer"]) != res:
            probs.append("forward answer wrong")
        if it["direction"] == "backward" and (it["label"] == "faithful" or err["kind"] != "backward_wrong_input"):
            r2 = plain_call(it["code"], it["answer"])
            if repr(r2) != it["returned"]:
                probs.append(f"backward answer gives {r2!r}")
        status = "PASS" if not probs else "FAIL"
        bad += bool(probs)
        out.append(f"{status} {it['id']} ({it['label']}{'/' + err['kind'] if err else ''})" + "".join("\n    - " + p for p in probs))
    out.append(f"\n{len(items)} items, {len(items) - bad} pass, {bad} fail")
    print("\n".join(out))
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
