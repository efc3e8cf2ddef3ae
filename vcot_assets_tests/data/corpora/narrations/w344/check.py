#!/usr/bin/env python3
"""Standalone checker for w344 narrations: runs each program with sys.settrace,
records per-variable value histories (H), line hit counts (L) and the return
value (R), then checks every claim, the answer, and that each error is false."""
import ast, copy, json, sys
from collections import defaultdict

FN = "<prog>"

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call):
    H = defaultdict(list)   # name -> history of distinct successive values
    L = defaultdict(int)    # line number -> executions
    def rec(name, v):
        h = H[name]
        if not h or h[-1] != v or type(h[-1]) is not type(v):
            h.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return tracer
        for k, v in list(frame.f_locals.items()):
            if k == "self":
                for ak, av in vars(v).items():
                    rec("self." + ak, snap(av))
            elif not k.startswith("."):
                rec(k, snap(v))
        if event == "line":
            L[frame.f_lineno] += 1
        return tracer
    g = {}
    exec(compile(code, FN, "exec"), g)
    sys.settrace(tracer)
    try:
        R = eval(compile(call, FN + "call", "eval"), g)
    finally:
        sys.settrace(None)
    return dict(H), dict(L), R

def plain(code, call):
    g = {}
    exec(compile(code, "<plain>", "exec"), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def claim_ok(c, H, L, R, item):
    what = c["what"]
    val = lit(c["value"])
    if "at" in c:
        got = eval(c["at"], {"H": H, "L": L, "R": R})
        return got == val, f"at={c['at']} gives {got!r}"
    if what == "arith":
        expr = c.get("expr", c["quote"].split("=")[0])
        got = eval(expr.replace("×", "*"))
        return got == val, f"{expr} = {got!r}"
    if what == "return":
        return R == val, f"returned {R!r}"
    if what == "value":
        hist = H.get(c["variable"], [])
        return any(h == val and type(h) is type(val) or h == val for h in hist), f"history {hist!r}"
    if what == "call":
        got = plain(item["code"], c["value"] if isinstance(val, str) else c["quote"])
        return got == R, f"call gives {got!r}"
    return False, f"claim kind {what} needs 'at'"

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    out, bad = [], 0
    for it in items:
        H, L, R = run(it["code"], it["call"])
        errs = []
        if repr(R) != it["returned"]:
            errs.append(f"returned {R!r} != {it['returned']}")
        if it["rationale"].strip().splitlines()[-1].strip() != "Answer: " + it["answer"]:
            errs.append("last line is not 'Answer: <answer>'")
        e = it["error"]
        equote = e["quote"] if e else None
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                errs.append(f"claim quote not in rationale: {c['quote']!r}")
                continue
            is_err = e is not None and (c["quote"] == equote or equote in c["quote"] or c["quote"] in equote)
            if is_err or c.get("carried"):
                continue
            ok, why = claim_ok(c, H, L, R, it)
            if not ok:
                errs.append(f"false claim {c['quote']!r} -> {c['value']} ({why})")
        # answer
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == R
        else:
            try:
                ans_ok = plain(it["code"], it["answer"]) == R
            except Exception as ex:
                ans_ok = False
        if it["label"] == "faithful":
            if e is not None: errs.append("faithful item has error")
            if not ans_ok: errs.append(f"answer {it['answer']} wrong")
        else:
            if equote not in it["rationale"]:
                errs.append("error quote missing")
            if not any(c["quote"] == equote for c in it["claims"]) and e["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                errs.append("error has no matching claim")
            k = e["kind"]
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok: errs.append("answer error but answer is right")
            else:
                if not ans_ok and not e.get("carried"):
                    errs.append("answer wrong in a non-answer error copy")
                stated = lit(e["stated"])
                if "at" in e:
                    got = eval(e["at"], {"H": H, "L": L, "R": R})
                    if got == stated: errs.append(f"error not false: {e['at']} = {got!r}")
                    if got != lit(e["actual"]): errs.append(f"actual mismatch {got!r} vs {e['actual']}")
                elif k == "wrong_arithmetic":
                    got = eval(e["expr"])
                    if got == stated: errs.append("arith error not false")
                    if got != lit(e["actual"]): errs.append("arith actual mismatch")
                else:
                    errs.append("error needs 'at' or expr")
                if e.get("held_elsewhere"):
                    stated = lit(e["held_value"]) if "held_value" in e else stated
                    # the wrong value must occur somewhere in the run
                    allv = [v for h in H.values() for v in h] + [R]
                    flat = []
                    for v in allv:
                        flat.append(v)
                        if isinstance(v, (list, tuple)): flat.extend(v)
                    if stated not in flat: errs.append("held_elsewhere but value never held")
        status = "PASS" if not errs else "FAIL"
        if errs: bad += 1
        out.append(f"{status} {it['id']} ({it['label']}, {it['direction']}, {it['style']}, "
                   f"{e['kind'] if e else '-'}) claims={len(it['claims'])}" + "".join("\n    " + x for x in errs))
    out.append(f"\n{len(items)} items, {len(items)-bad} pass, {bad} fail")
    open("check_report.txt", "w").write("\n".join(out) + "\n")
    print("\n".join(out[-1:]))
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
