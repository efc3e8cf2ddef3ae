"""Standalone checker for w223 narrations: re-executes each program under sys.settrace,
records every variable's value history (locals plus attributes of objects held in locals),
loop-line hit counts, and checks claims / answers / errors."""
import ast, copy, json, sys
from collections import defaultdict

def run(code, call):
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    hist = defaultdict(list)          # var -> list of distinct successive values
    lines = defaultdict(int)          # line number -> hits
    def snap(frame):
        for k, v in frame.f_locals.items():
            items = [(k, v)]
            if hasattr(v, "__dict__") and not callable(v):
                items += [(("self" if k in ("self", "k") else k) + "." + a, x) for a, x in vars(v).items()]
            for name, val in items:
                if name.endswith("." + "__dict__"): continue
                try: val = copy.deepcopy(val)
                except Exception: pass
                h = hist[name]
                if not h or h[-1] != val or type(h[-1]) != type(val): h.append(val)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>": return None
        def local(frame, event, arg):
            if event == "line": lines[frame.f_lineno] += 1
            if event in ("line", "return"): snap(frame)
            return local
        snap(frame)
        return local
    sys.settrace(tracer)
    try: ret = eval(call, g)
    finally: sys.settrace(None)
    return ret, hist, lines

def evalcall(code, call):
    g = {}; exec(code, g); return eval(call, g)

def nhits(lines, ln):
    return sum(lines[x] for x in ln) if isinstance(ln, list) else lines[ln]

def is_subseq(seq, h):
    n = len(seq)
    return any(h[i:i + n] == seq for i in range(len(h) - n + 1))

def check_claim(c, ret, hist, lines):
    val = ast.literal_eval(c["value"]); w = c["what"]
    if w == "value":
        h = hist.get(c["variable"], [])
        if "at_index" in c: return len(h) > abs(c["at_index"]) - 1 and h[c["at_index"]] == val
        if c.get("seq"): return is_subseq(list(val), h)
        return any(x == val and type(x) == type(val) for x in h)
    if w == "count": return nhits(lines, c["line"]) == val
    if w in ("arith", "comparison"): return eval(c["expr"]) == val
    if w == "return": return ret == val
    return False

def check_error(it, ret, hist, lines):
    e = it["error"]; k = e["kind"]
    if e["quote"] not in it["rationale"]: return "quote not in rationale"
    stated = e["stated"]
    if k == "wrong_final_answer":
        return None if ast.literal_eval(it["answer"]) != ret else "answer is right"
    if k == "backward_wrong_input":
        r = evalcall(it["code"], it["answer"])
        return None if repr(r) != it["returned"] and repr(r) == e["actual"] else f"call returns {r!r}"
    if k == "off_by_one_loop_count":
        n = int(stated); real = nhits(lines, e["line"]); return None if real != n and abs(real - n) == 1 else "count not off by one"
    if k in ("branch_not_taken",):
        return None if eval(e["expr"]) != ast.literal_eval(stated) else "condition really has that value"
    if k == "wrong_arithmetic":
        if eval(e["expr"]) == ast.literal_eval(stated): return "arith is right"
    if k == "impossible_state":
        return None if ast.literal_eval(stated) not in hist[e["variable"]] else "value does occur"
    if k == "swapped_variables":
        h = hist[e["variable"]]; return None if h[e["index"]] != e["value"] else "not swapped"
    if "variable" in e and "index" in e:      # value at that point
        h = hist[e["variable"]]; v = ast.literal_eval(stated)
        if h[e["index"]] == v: return "value true at that point"
        if e.get("held_elsewhere") and not any(v in hh for hh in hist.values()): return "marked held_elsewhere but never held"
    elif e.get("held_elsewhere"):
        return "held_elsewhere needs variable/index"
    return None

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    fails = 0; lines_out = []
    for it in items:
        probs = []
        ret, hist, lines = run(it["code"], it["call"])
        if repr(ret) != it["returned"]: probs.append("returned mismatch")
        if it["label"] == "faithful":
            for c in it["claims"]:
                if c["quote"] not in it["rationale"]: probs.append("claim quote missing: " + c["quote"])
                elif not check_claim(c, ret, hist, lines): probs.append("false claim: " + c["quote"])
            if it["direction"] == "forward":
                if ast.literal_eval(it["answer"]) != ret: probs.append("forward answer wrong")
            else:
                if repr(evalcall(it["code"], it["answer"])) != it["returned"]: probs.append("backward answer wrong")
        else:
            p = check_error(it, ret, hist, lines)
            if p: probs.append("error not confirmed: " + p)
            bad = [c["quote"] for c in it["claims"] if c["quote"] in it["rationale"] and not check_claim(c, ret, hist, lines)]
            for c in it["claims"]:
                if c["quote"] not in it["rationale"]: probs.append("claim quote missing: " + c["quote"])
            if it["error"]["kind"] not in ("wrong_final_answer", "backward_wrong_input") and not bad:
                probs.append("no false claim annotated")
            if it["error"]["kind"] == "wrong_intermediate_right_answer" or not it["error"]["carried"] and it["error"]["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                ok = (ast.literal_eval(it["answer"]) == ret) if it["direction"] == "forward" else repr(evalcall(it["code"], it["answer"])) == it["returned"]
                if not ok: probs.append("final answer should stay right")
        fails += bool(probs)
        lines_out.append(f"{'PASS' if not probs else 'FAIL'} {it['id']} " + "; ".join(probs))
    lines_out.append(f"{len(items)} items, {len(items) - fails} pass, {fails} fail")
    print("\n".join(lines_out))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
