#!/usr/bin/env python3
"""Standalone checker for w422 narrations: re-executes every program with sys.settrace,
records per-variable value histories (locals and obj.attr of local objects) and line-hit
counts, and checks every claim / answer / error annotation against the real execution."""
import ast, copy, json, sys
from collections import defaultdict

FN = "<w422-prog>"

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run_traced(code, call):
    hist = defaultdict(list)   # name -> consecutive-distinct values, in time order
    hits = defaultdict(int)    # line -> hit count (line events)
    def record(frame):
        for name, val in frame.f_locals.items():
            items = [(name, val)]
            if hasattr(val, "__dict__") and not callable(val) and not isinstance(val, type):
                items += [(f"{name}.{a}", av) for a, av in vars(val).items()]
            for n, v in items:
                h = hist[n]
                if not h or not _eq(h[-1], v):
                    h.append(snap(v))
    def local(frame, event, arg):
        if event == "line":
            hits[frame.f_lineno] += 1
        record(frame)
        return local
    def glob(frame, event, arg):
        if frame.f_code.co_filename == FN:
            record(frame)
            return local
        return None
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    sys.settrace(glob)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return result, hist, hits

def _eq(a, b):
    try:
        return type(a) == type(b) and a == b
    except Exception:
        return False

def plain_eval(code, call):
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    return eval(call, ns)

def is_subseq(seq, h):
    n = len(seq)
    return any(list(h[i:i + n]) == list(seq) for i in range(len(h) - n + 1))

def claim_ok(c, code, result, hist, hits):
    w, val = c["what"], c["value"]
    if w == "value":
        v = ast.literal_eval(val)
        if c.get("seq"):
            h = [x for x in hist.get(c["variable"], []) if x not in c.get("drop", [])]
            if c.get("gaps"):
                it = iter(h)
                return all(any(_eq(x, want) for x in it) for want in v)
            return is_subseq(v, h)
        if c["variable"]:
            return any(_eq(x, v) for x in hist.get(c["variable"], []))
        return any(_eq(x, v) for h in hist.values() for x in h) or v == result
    if w == "count":
        return hits.get(c["line"], 0) == ast.literal_eval(val)
    if w in ("arith", "comparison"):
        return eval(c["expr"], {}) == ast.literal_eval(val)
    if w == "return":
        return ast.literal_eval(val) == result
    if w == "call":
        return plain_eval(code, val) == result
    raise ValueError(w)

def main(path, out):
    lines, bad, n = [], 0, 0
    for row in open(path, encoding="utf-8"):
        it = json.loads(row); n += 1
        probs = []
        code = it["code"]
        result, hist, hits = run_traced(code, it["call"])
        if repr(result) != it["returned"]:
            probs.append(f"returned mismatch {result!r} vs {it['returned']}")
        rat = it["rationale"]
        last = rat.strip().splitlines()[-1]
        if last != "Answer: " + it["answer"]:
            probs.append("last line is not the Answer line")
        err = it["error"]
        equote = err["quote"] if err else None
        for c in it["claims"]:
            if c["quote"] not in rat:
                probs.append(f"claim quote not in rationale: {c['quote']!r}")
                continue
            if equote is not None and c["quote"] == equote:
                continue
            try:
                ok = claim_ok(c, code, result, hist, hits)
            except Exception as ex:
                ok = False; probs.append(f"claim error {c['quote']!r}: {ex}")
            if not ok:
                probs.append(f"false claim: {c['quote']!r} -> {c['value']}")
        # answers
        if it["direction"] == "forward":
            ans_ok = ast.literal_eval(it["answer"]) == result
        else:
            ans_ok = plain_eval(code, it["answer"]) == result
        if it["label"] == "faithful":
            if not ans_ok:
                probs.append("faithful answer wrong")
            if err is not None:
                probs.append("faithful item has error")
        else:
            if equote not in rat:
                probs.append("error quote not in rationale")
            ch = err.get("check", {})
            stated = ast.literal_eval(err["stated"]) if err["kind"] not in ("backward_wrong_input",) else None
            if err["kind"] in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    probs.append("error answer is actually right")
            else:
                if not ans_ok:
                    probs.append("error copy answer should stay right")
                if "expr" in ch:
                    real = eval(ch["expr"], {})
                    if real == stated or repr(real) != err["actual"] and real != ast.literal_eval(err["actual"]):
                        probs.append(f"expr check failed: real {real!r}")
                elif "count_line" in ch:
                    real = hits.get(ch["count_line"], 0)
                    if real == stated or real != ast.literal_eval(err["actual"]):
                        probs.append(f"count check failed: real {real}")
                elif "at" in ch:
                    var, k = ch["at"]
                    h = hist.get(var, [])
                    if k >= len(h) or not _eq(h[k], ast.literal_eval(err["actual"])) or _eq(h[k], stated):
                        probs.append(f"at-check failed: {var}[{k}] = {h[k] if k < len(h) else None!r}")
                    if err["kind"] == "impossible_state" and any(_eq(x, stated) for x in h):
                        probs.append("impossible_state value is actually held")
                else:
                    probs.append("no check spec")
                held = any(_eq(x, stated) for hh in hist.values() for x in hh)
                if err.get("held_elsewhere") and not held:
                    probs.append("held_elsewhere but value never held")
                if not err.get("held_elsewhere") and held and err["kind"] in (
                        "wrong_intermediate_right_answer", "wrong_loop_summary_value",
                        "wrong_arithmetic", "off_by_one_loop_count"):
                    probs.append("held_elsewhere is false but the stated value is held by some variable")
        status = "OK  " if not probs else "FAIL"
        bad += bool(probs)
        lines.append(f"{status} {it['id']}" + ("" if not probs else "  " + " | ".join(probs)))
    lines.append(f"\n{n} items, {n - bad} pass, {bad} fail")
    open(out, "w").write("\n".join(lines) + "\n")
    print("\n".join(lines[-40:]))
    return bad

if __name__ == "__main__":
    p = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
    sys.exit(1 if main(p, sys.argv[2] if len(sys.argv) > 2 else "check_report.txt") else 0)
