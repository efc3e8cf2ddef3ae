"""Standalone checker for w294 narrations: runs each call under sys.settrace, records
per-function variable histories and line hit counts, and checks claims / errors."""
import json, sys, copy, re
from collections import defaultdict

def run_traced(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist = defaultdict(list)      # (func, var) -> list of successive distinct values
    anyhist = defaultdict(list)   # var -> all values (any func)
    lines = defaultdict(int)      # line no -> hits
    def snap(frame):
        fn = frame.f_code.co_name
        for k, v in frame.f_locals.items():
            items = [(k, v)]
            if k == "self" and hasattr(v, "__dict__"):
                items = [("self." + a, b) for a, b in vars(v).items()]
            for name, val in items:
                try: val = copy.deepcopy(val)
                except Exception: pass
                h = hist[(fn, name)]
                if not h or h[-1] != val:
                    h.append(val); anyhist[name].append(val)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        snap(frame)
        if event == "line":
            lines[frame.f_lineno] += 1
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, anyhist, lines, g

def plain_eval(call, code):
    g = {}
    exec(code, g)
    return eval(call, g)

def clean(expr):
    return expr.replace("`", "").strip()

def check_claim(c, ret, hist, anyhist, lines):
    w = c["what"]; val = eval(c["value"])
    if w == "value":
        var = c["variable"]
        h = anyhist.get(var, [])
        if isinstance(val, list) and h and not any(isinstance(v, list) for v in h):
            n = len(val)
            return any(h[i:i+n] == val for i in range(len(h)-n+1)), f"{var} sequence {val} not in {h}"
        return any(v == val for v in anyhist.get(var, [])), f"{var} never {val!r}"
    if w == "count":
        m = re.search(r"line (\d+)", c["variable"])
        got = lines[int(m.group(1))]
        return got == val, f"count {got} != {val}"
    if w in ("arith", "comparison"):
        got = eval(clean(c.get("expr", c["quote"])))
        return got == val, f"{c.get('expr', c['quote'])} -> {got!r} != {val!r}"
    if w == "return":
        return ret == val, f"return {ret!r} != {val!r}"
    if w == "call":
        return True, ""
    return False, "unknown what"

def check_error(it, ret, hist, anyhist, lines):
    e = it["error"]; k = e["kind"]; ch = e.get("check", {})
    if k == "wrong_final_answer":
        return eval(it["answer"]) != ret and eval(e["actual"]) == ret, "answer not wrong"
    if k == "backward_wrong_input":
        got = plain_eval(it["answer"], it["code"])
        return got != ret, f"wrong input actually returns {got!r}"
    stated = eval(e["stated"]) if ch.get("literal", True) else e["stated"]
    if e.get("held_elsewhere"):
        # the wrong value must be one the run really holds somewhere else (another moment/variable)
        allv = [v for h in anyhist.values() for v in h] + list(lines.values())
        if not any(type(v) == type(stated) and v == stated for v in allv):
            return False, f"held_elsewhere but {stated!r} never held"
    t = ch.get("type")
    if t == "hist":   # k-th distinct value of var in func
        h = hist[(ch["func"], ch["var"])]
        true = h[ch["index"]]
        ok = true != stated and true == eval(e["actual"])
        return ok, f"hist {ch['var']}[{ch['index']}]={true!r} stated {stated!r}"
    if t == "never":
        return all(v != stated for v in anyhist[ch["var"]]), f"{ch['var']} does take {stated!r}"
    if t == "expr":
        got = eval(clean(ch["expr"]))
        return got != stated and got == eval(e["actual"]), f"{ch['expr']} -> {got!r}"
    if t == "count":
        got = lines[ch["line"]]
        return got != stated and got == eval(e["actual"]), f"count {got}"
    if t == "swap":
        ok = True
        for var, idx, sv in ch["pairs"]:
            true = hist[(ch["func"], var)][idx]
            ok = ok and true != sv
        return ok, "swap check"
    return False, "no check"

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    out = []; bad = 0
    for it in items:
        probs = []
        ret, hist, anyhist, lines, g = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append(f"returned {ret!r} != {it['returned']}")
        if not it["rationale"].rstrip().endswith(it["answer"]):
            probs.append("answer not on last line")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append(f"quote missing: {c['quote']!r}")
        if it["label"] == "faithful":
            for c in it["claims"]:
                ok, msg = check_claim(c, ret, hist, anyhist, lines)
                if not ok: probs.append("claim: " + msg)
            if it["direction"] == "forward":
                if eval(it["answer"]) != ret: probs.append("forward answer wrong")
            else:
                if plain_eval(it["answer"], it["code"]) != ret: probs.append("backward answer wrong")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]: probs.append("error quote missing")
            ok, msg = check_error(it, ret, hist, anyhist, lines)
            if not ok: probs.append("error not false: " + msg)
            # all other claims (not the error one) must still hold unless carried
            for c in it["claims"]:
                if e["quote"] in c["quote"] or c["quote"] in e["quote"] or c.get("carried"):
                    continue
                ok, msg = check_claim(c, ret, hist, anyhist, lines)
                if not ok: probs.append("other claim: " + msg)
            if e["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                if it["direction"] == "forward" and eval(it["answer"]) != ret: probs.append("answer should stay right")
                if it["direction"] == "backward" and plain_eval(it["answer"], it["code"]) != ret: probs.append("answer should stay right")
        status = "PASS" if not probs else "FAIL"
        bad += bool(probs)
        out.append(f"{status} {it['id']} ({it['label']}, {len(it['claims'])} claims)" + ("" if not probs else " :: " + "; ".join(probs)))
    out.append(f"\n{len(items)} items, {len(items)-bad} pass, {bad} fail")
    txt = "\n".join(out)
    print(txt)
    open("check_report.txt", "w").write(txt + "\n")
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
