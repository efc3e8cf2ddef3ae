#!/usr/bin/env python3
"""Standalone checker for w441 narrations: re-executes each program under sys.settrace."""
import sys, json, copy, ast

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = {}          # var -> list of distinct consecutive values (per-variable change history)
    lines = []         # sequence of (frame id, lineno) line events in program frames
    def rec(frame):
        for k, v in frame.f_locals.items():
            items = [(k, v)]
            if k == "self" and hasattr(v, "__dict__"):
                items = [("self." + a, b) for a, b in vars(v).items()]
            for name, val in items:
                try: val = copy.deepcopy(val)
                except Exception: pass
                h = hist.setdefault(name, [])
                if not h or h[-1] != val or type(h[-1]) != type(val):
                    h.append(val)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event in ("line", "return"):
            rec(frame)
        if event == "line":
            lines.append((id(frame), frame.f_lineno))
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ns, ret, hist, lines

def loop_iters(lines, loop_line, body):
    n = 0
    for (f1, l1), (f2, l2) in zip(lines, lines[1:]):
        if l1 == loop_line and f1 == f2 and body[0] <= l2 <= body[1]:
            n += 1
    return n

def contiguous_in(seq, hist):
    col = [x for i, x in enumerate(seq) if i == 0 or seq[i - 1] != x]
    return any(hist[i:i + len(col)] == col for i in range(len(hist) - len(col) + 1))

def check_claim(c, ret, hist, lines, call_ns):
    w = c["what"]
    v = ast.literal_eval(c["value"]) if w != "call" else c["value"]
    if w == "value":
        h = hist.get(c["variable"], [])
        if c.get("sequence"):
            return contiguous_in(list(v), h)
        return v in h
    if w == "count":
        return loop_iters(lines, c["loop_line"], c["body"]) == v
    if w in ("arith", "comparison"):
        expr = c.get("expr") or c["quote"].strip("`").split(" = ")[0].split(" is ")[0]
        return eval(expr, {}) == v
    if w == "return":
        return v == ret
    if w == "call":
        _, r2, _, _ = run_traced(call_ns, v)
        return r2 == ret
    return False

def check_error(e, item, ret, hist, lines):
    chk = e["check"]; t = chk["type"]
    stated = e["stated"]
    if t == "answer_fwd":
        return ast.literal_eval(item["answer"]) != ret
    if t == "answer_bwd":
        _, r2, _, _ = run_traced(item["code"], item["answer"])
        return r2 != ret
    sv = ast.literal_eval(stated)
    if t == "arith":
        return eval(chk["expr"], {}) != sv and eval(chk["expr"], {}) == ast.literal_eval(e["actual"])
    if t == "comparison":
        return eval(chk["expr"], {}) != sv
    if t == "count":
        n = loop_iters(lines, chk["loop_line"], chk["body"])
        return n != sv and n == ast.literal_eval(e["actual"])
    if t == "never":
        return sv not in hist.get(chk["variable"], [])
    if t == "value_at":
        h = hist[chk["variable"]]
        return h[chk["index"]] != sv and h[chk["index"]] == ast.literal_eval(e["actual"])
    if t == "sequence":
        h = hist[chk["variable"]]
        act = ast.literal_eval(e["actual"])
        # positional: the summarised sequence that really occurs differs from the stated one
        return contiguous_in(list(act), h) and list(sv) != list(act) and len(sv) == len(act)
    return False

def held_somewhere(sv, hist, ret):
    if isinstance(sv, (list, tuple)) and sv and not isinstance(sv, str):
        return all(any(x in h for h in hist.values()) for x in sv)
    return any(sv in h for h in hist.values())

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    fails = 0; out = []
    for it in items:
        probs = []
        ns, ret, hist, lines = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append(f"returned mismatch {ret!r} vs {it['returned']}")
        if not it["rationale"].rstrip().endswith("Answer: " + it["answer"]):
            probs.append("last line is not the Answer line")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append(f"quote not in rationale: {c['quote']!r}")
            if c.get("wrong") or c.get("carried"):
                continue
            if not check_claim(c, ret, hist, lines, it["code"]):
                probs.append(f"false claim: {c}")
        if it["label"] == "faithful":
            if it["direction"] == "forward" and ast.literal_eval(it["answer"]) != ret:
                probs.append("forward answer wrong")
            if it["direction"] == "backward":
                _, r2, _, _ = run_traced(it["code"], it["answer"])
                if r2 != ret: probs.append("backward answer does not reproduce output")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                probs.append("error quote not in rationale")
            if not check_error(e, it, ret, hist, lines):
                probs.append(f"error not confirmed false: {e}")
            if e.get("held_elsewhere") and not held_somewhere(ast.literal_eval(e["stated"]), hist, ret):
                probs.append("held_elsewhere but stated value never held")
            if it["direction"] == "forward" and e["kind"] != "wrong_final_answer" and not e.get("carried"):
                if ast.literal_eval(it["answer"]) != ret: probs.append("answer wrong in non-answer error copy")
        status = "PASS" if not probs else "FAIL"
        if probs: fails += 1
        out.append(f"{status} {it['id']} ({len(it['claims'])} claims)" + "".join("\n    " + p for p in probs))
    out.append(f"\n{len(items)} items, {fails} failing")
    print("\n".join(out))
    return fails

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
