"""Standalone checker for w511 narrations: runs each program under sys.settrace, records
per-variable value histories (locals and self.<attr>), per-line hit counts per frame, and checks
claims of faithful items and the single error of error copies."""
import json, sys, ast, copy

def run(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = {}          # name -> list of values (consecutive duplicates collapsed)
    lines = {}         # (func, line) -> total hits
    frames = {}        # func -> list of {line: hits} per call
    line_vals = {}     # line -> list of shallow local snapshots taken when that line is reached
    fid = {}
    def rec(name, v):
        try: v = copy.deepcopy(v)
        except Exception: return
        h = hist.setdefault(name, [])
        if not h or h[-1] != v or type(h[-1]) != type(v): h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items(): rec("self." + a, av)
            else: rec(k, v)
    def tr(frame, ev, arg):
        if frame.f_code.co_filename != "<prog>": return None
        fn = frame.f_code.co_name
        if ev == "call":
            frames.setdefault(fn, []).append({}); fid[id(frame)] = len(frames[fn]) - 1
        if ev == "line":
            lines[(fn, frame.f_lineno)] = lines.get((fn, frame.f_lineno), 0) + 1
            d = frames[fn][fid[id(frame)]]; d[frame.f_lineno] = d.get(frame.f_lineno, 0) + 1
            line_vals.setdefault(frame.f_lineno, []).append({k: copy.deepcopy(v) for k, v in frame.f_locals.items() if k != "self"})
        snap(frame)
        return tr
    sys.settrace(tr)
    try: ret = eval(call, ns)
    finally: sys.settrace(None)
    return ret, hist, lines, frames, ns, line_vals

def count_of(c, lines, frames):
    if c.get("frame_index") is not None:
        return frames[c["func"]][c["frame_index"]].get(c["line"], 0)
    return sum(v for (f, l), v in lines.items() if l == c["line"] and (c.get("func") in (None, f)))

def arith_eval(quote):
    q = quote.replace("`", "")
    parts = [p.strip() for p in q.split("=") if p.strip()]
    return eval(parts[-2]), ast.literal_eval(parts[-1])

def check_claim(c, ret, hist, lines, frames):
    w = c["what"]
    if w == "value":
        v = ast.literal_eval(c["value"]); h = hist.get(c["variable"], [])
        if c.get("finals"):   # the variable's value each time line c["line"] is reached
            return [snap[c["variable"]] for snap in LV[0][c["line"]]] == v
        if c.get("seq"): return h == v or any(h[i:i+len(v)] == v for i in range(len(h)))
        return v in h
    if w == "count": return count_of(c, lines, frames) == ast.literal_eval(c["value"])
    if w == "arith" and c.get("expr"): return eval(c["expr"]) == ast.literal_eval(c["value"])
    if w == "arith":
        got, written = arith_eval(c["quote"]); return got == ast.literal_eval(c["value"]) == written
    if w == "comparison": return eval(c["expr"]) == ast.literal_eval(c["value"])
    if w == "return": return ast.literal_eval(c["value"]) == ret
    raise ValueError(w)

def check_error(it, e, ret, hist, lines, frames, ns):
    k = e["kind"]
    if k == "wrong_final_answer": return ast.literal_eval(it["answer"]) != ret
    if k == "backward_wrong_input": return eval(it["answer"], ns) != ret
    if k == "wrong_arithmetic":
        ok = eval(e["arith"]) != ast.literal_eval(e["stated"])
        if e.get("held_elsewhere"): ok = ok and ast.literal_eval(e["stated"]) in hist[e["held_var"]]
        return ok
    if k == "branch_not_taken": return eval(e["expr"]) != ast.literal_eval(e["stated"])
    if k == "off_by_one_loop_count":
        actual = count_of(e, lines, frames); st = ast.literal_eval(e["stated"])
        ok = actual != st and abs(actual - st) == 1
        if e.get("held_elsewhere"): ok = ok and count_of(e["held_count"], lines, frames) == st
        return ok
    if k == "impossible_state": return ast.literal_eval(e["stated"]) not in hist[e["variable"]]
    if k in ("wrong_loop_summary_value", "wrong_intermediate_right_answer", "swapped_variables"):
        st = ast.literal_eval(e.get("stated_value", e["stated"])); h = hist[e["variable"]]
        if "expr_actual" in e: ok = eval(e["expr_actual"]) != st
        elif "finals_index" in e: ok = LV[0][e["line"]][e["finals_index"]][e["variable"]] != st
        else: ok = h[e["occurrence"]] != st          # false AT THAT POINT
        if e.get("held_elsewhere"): ok = ok and st in hist[e.get("held_var", e["variable"])]
        if k == "wrong_intermediate_right_answer": ok = ok and ast.literal_eval(it["answer"] if it["direction"]=="forward" else repr(ret)) == ret
        return ok
    raise ValueError(k)

LV = [None]
def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    fails = 0; report = []
    for it in items:
        ret, hist, lines, frames, ns, LV[0] = run(it["code"], it["call"])
        probs = []
        if repr(ret) != it["returned"]: probs.append("returned mismatch")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]: probs.append("quote missing: " + c["quote"])
            if c.get("is_error"): continue
            if not check_claim(c, ret, hist, lines, frames): probs.append("claim false: " + c["quote"])
        if it["label"] == "faithful":
            if it["direction"] == "forward":
                if ast.literal_eval(it["answer"]) != ret: probs.append("answer wrong")
            else:
                if eval(it["answer"], ns) != ret: probs.append("backward answer does not reproduce output")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]: probs.append("error quote missing")
            if not check_error(it, e, ret, hist, lines, frames, ns): probs.append("error not confirmed false")
            if e["kind"] != "wrong_final_answer" and e["kind"] != "backward_wrong_input":
                a_ok = (ast.literal_eval(it["answer"]) == ret) if it["direction"] == "forward" else (eval(it["answer"], ns) == ret)
                if not a_ok: probs.append("answer should stay right")
        status = "PASS" if not probs else "FAIL " + "; ".join(probs)
        fails += bool(probs)
        report.append(f"{it['id']:28s} {it['label']:8s} {(it['error'] or {}).get('kind','-'):32s} {status}")
    report.append(f"\n{len(items)} items, {len(items)-fails} pass, {fails} fail")
    open("check_report.txt", "w").write("\n".join(report) + "\n")
    print("\n".join(report))
main()
