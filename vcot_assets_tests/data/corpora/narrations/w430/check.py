#!/usr/bin/env python3
"""Standalone checker for w430 narrations: re-executes every program with sys.settrace,
records per-variable value histories (per frame, concatenated in call order), line hit counts,
and verifies claims / answers / error copies. Usage: python3 check.py narrations.jsonl"""
import ast, copy, json, sys, re
from collections import defaultdict

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist = defaultdict(list)          # var -> values (consecutive dup removed per frame)
    lines = defaultdict(int)          # line number -> hits
    last = {}                         # (frame id, var) -> last value
    def record(frame):
        loc = dict(frame.f_locals)
        items = list(loc.items())
        s = loc.get("self")
        if s is not None and hasattr(s, "__dict__"):
            items += [("self." + k, v) for k, v in vars(s).items()]
        for k, v in items:
            if k == "self" or k.startswith("."):
                continue
            key = (id(frame), k)
            sv = snap(v)
            if key not in last or last[key] != sv:
                last[key] = sv
                hist[k].append(sv)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            lines[frame.f_lineno] += 1
        if event in ("line", "return"):
            record(frame)
        if event == "return":
            for key in [k for k in last if k[0] == id(frame)]:
                del last[key]
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines, g

def lit(s):
    return ast.literal_eval(s)

def claim_true(c, ret, hist, lines, g):
    """Return (ok, detail) for whether claim c is true of the execution."""
    w = c["what"]
    if w == "value":
        v = lit(c["value"])
        h = hist.get(c["variable"], [])
        if "from" in c:  # stated tail of the variable's final value
            got = list(h[-1][c["from"]:]) if h else None
            return (got == list(v)), f"final[{c['from']}:] = {got!r}"
        if "idx" in c:   # summarised sequence: k-th stated value vs history[idx[k]]
            got = [h[i] if i < len(h) else None for i in c["idx"]]
            return (got == list(v)), f"history at {c['idx']} = {got!r}"
        if "at" in c:
            at = c["at"]
            return (at < len(h) and h[at] == v), f"history[{at}]={h[at] if at < len(h) else None!r}"
        return (v in h), f"history={h!r}"
    if w == "count":
        m = re.match(r"(loop|header)@line (\d+)", c["variable"])
        n = lines[int(m.group(2))] - (1 if m.group(1) == "header" else 0)   # header runs once more than the body
        return (n == lit(c["value"])), f"hits={n}"
    if w in ("arith", "comparison"):
        r = eval(c["expr"], {})
        return (r == lit(c["value"])), f"{c['expr']} -> {r!r}"
    if w == "return":
        return (lit(c["value"]) == ret), f"returned {ret!r}"
    if w == "call":
        r = eval(c["value"], g)
        return (r == ret), f"{c['value']} -> {r!r}"
    raise ValueError(w)

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    out, bad = [], 0
    byid = {it["id"]: it for it in items}
    for it in items:
        errs = []
        ret, hist, lines, g = run(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            errs.append(f"returned {ret!r} != {it['returned']}")
        txt = it["rationale"]
        last_line = txt.strip().splitlines()[-1]
        if not last_line.startswith("Answer:") or last_line[len("Answer:"):].strip() != it["answer"]:
            errs.append("answer field does not match last line")
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == ret
        else:
            ans_ok = eval(it["answer"], g) == ret and it["answer"].startswith(it["function"] + "(")
        ek = it["error"]["kind"] if it["error"] else None
        for c in it["claims"]:
            if c["quote"] not in txt:
                errs.append(f"quote not in rationale: {c['quote']!r}")
                continue
            ok, det = claim_true(c, ret, hist, lines, g)
            is_err = it["error"] is not None and c["quote"] == it["error"]["quote"]
            if is_err:
                if ok:
                    errs.append(f"error claim is TRUE: {c['quote']!r} {det}")
                if it["error"].get("held_elsewhere"):
                    v = lit(c["value"])
                    h = hist.get(c["variable"], [])
                    if c["what"] == "value" and "idx" in c:
                        wrong = [x for x, i in zip(v, c["idx"]) if i >= len(h) or h[i] != x]
                        allv = [x for hh in hist.values() for x in hh]
                        if not wrong or any(x not in allv for x in wrong):
                            errs.append(f"held_elsewhere seq: wrong values {wrong!r} not held elsewhere")
                    elif c["what"] == "value" and "from" in c:
                        allv = [x for hh in hist.values() for x in hh]
                        fin = list(h[-1][c["from"]:])
                        wrong = [x for x, y in zip(v, fin) if x != y]
                        if not wrong or any(x not in allv for x in wrong):
                            errs.append(f"held_elsewhere tail: {wrong!r} not held elsewhere")
                    elif c["what"] == "value" and v not in [x for hh in hist.values() for x in hh]:
                        errs.append(f"held_elsewhere but value never held: {c['quote']!r}")
                    if c["what"] == "value" and "at" not in c and "idx" not in c and "from" not in c:
                        errs.append("held_elsewhere value claim lacks 'at'")
            elif not ok and not c.get("carried"):
                errs.append(f"false claim: {c['quote']!r} {det}")
        if it["label"] == "faithful":
            if not ans_ok:
                errs.append("faithful answer wrong")
            if it["error"] is not None:
                errs.append("faithful has error")
        else:
            e = it["error"]
            if e["quote"] not in txt:
                errs.append("error quote not in rationale")
            if not any(c["quote"] == e["quote"] for c in it["claims"]):
                errs.append("error has no matching claim")
            if ek in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    errs.append("answer error but answer correct")
            elif ek != "wrong_intermediate_right_answer" and not e.get("carried"):
                pass
            if ek == "wrong_intermediate_right_answer" and not ans_ok:
                errs.append("wrong_intermediate_right_answer but answer wrong")
            if ek == "wrong_final_answer" and it["direction"] != "forward":
                errs.append("wrong_final_answer on backward")
            if ek == "backward_wrong_input" and it["direction"] != "backward":
                errs.append("backward_wrong_input on forward")
            f = byid.get(it["faithful_id"])
            if f is None:
                errs.append("faithful_id missing")
        status = "PASS" if not errs else "FAIL"
        bad += bool(errs)
        out.append(f"{status} {it['id']} ({it['label']}{'/' + ek if ek else ''}, {len(it['claims'])} claims)")
        out += ["    " + e for e in errs]
    out.append(f"\n{len(items)} items, {len(items) - bad} pass, {bad} fail")
    return "\n".join(out), bad

if __name__ == "__main__":
    rep, bad = main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")
    print(rep)
    sys.exit(1 if bad else 0)
