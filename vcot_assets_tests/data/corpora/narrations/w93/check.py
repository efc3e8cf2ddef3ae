#!/usr/bin/env python3
"""Standalone checker for w93 narrations: re-runs every program under sys.settrace,
records per-variable value histories and line hit counts, and checks claims/answers/errors."""
import ast, copy, json, sys

HERE = __file__.rsplit("/", 1)[0] if "/" in __file__ else "."

def run_traced(code, call):
    hist = {}      # name -> list of values in order of change (consecutive duplicates merged)
    hits = {}      # line number -> times executed
    atline = {}    # line number -> list of local snapshots taken each time the line is reached
    last = {}      # (frame id, name) -> last value

    def snap(frame):
        vals = {}
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    vals["self." + a] = av
            else:
                vals[k] = v
        for k, v in vals.items():
            try:
                v = copy.deepcopy(v)
            except Exception:
                continue
            key = (id(frame), k)
            if key not in last or last[key] != v:
                last[key] = v
                h = hist.setdefault(k, [])
                if not h or h[-1] != v:
                    h.append(v)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
            cur = {}
            for k, v in frame.f_locals.items():
                if k == "self":
                    for a, av in vars(v).items():
                        cur["self." + a] = av
                else:
                    cur[k] = v
            try:
                cur = copy.deepcopy(cur)
            except Exception:
                pass
            atline.setdefault(frame.f_lineno, []).append(cur)
        snap(frame)
        return tracer

    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    sys.settrace(tracer)
    try:
        result = eval(compile(call, "<prog>", "eval"), ns)
    finally:
        sys.settrace(None)
    return result, hist, hits, atline

def plain_eval(code, call):
    ns = {}
    exec(compile(code, "<p2>", "exec"), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def claim_true(c, item, hist, hits, result, atline):
    w = c["what"]
    v = lit(c["value"]) if w != "call" else c["value"]
    if w == "value":
        h = hist.get(c["variable"], [])
        if "at_line" in c:
            seq = [snap.get(c["variable"]) for snap in atline.get(c["at_line"], [])]
            if "iter" in c:
                return c["iter"] < len(seq) and seq[c["iter"]] == v
            return seq == v
        if "k" in c:
            return c["k"] < len(h) and h[c["k"]] == v
        return v in h
    if w == "count":
        if "group_by" in c:
            seq = [snap.get(c["group_by"]) for snap in atline.get(c["line"], [])]
            return sum(1 for i, x in enumerate(seq) if i == 0 or seq[i - 1] != x) == v
        return hits.get(c["line"], 0) == v
    if w in ("arith", "comparison"):
        r = eval(c["expr"])
        return (bool(r) == v) if w == "comparison" else (r == v)
    if w == "return":
        return v == result
    if w == "call":
        return plain_eval(item["code"], v) == result
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open(HERE + "/narrations.jsonl") if l.strip()]
    progs = {p["id"]: p for p in map(json.loads, open(HERE + "/programs.jsonl")) if p}
    lines, bad = [], 0
    cache = {}
    for it in items:
        probs = []
        pid = it["program_id"]
        if pid not in cache:
            cache[pid] = run_traced(it["code"], it["call"])
        result, hist, hits, atline = cache[pid]
        if repr(result) != it["returned"]:
            probs.append("returned mismatch")
        if progs[pid]["code"] != it["code"] or progs[pid]["call"] != it["call"]:
            probs.append("program mismatch")
        if len(progs[pid]["events"]) != it["trace_events"]:
            probs.append("trace_events mismatch")
        last = it["rationale"].rstrip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            probs.append("Answer line / answer field mismatch")
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == result
        else:
            try:
                ans_ok = it["answer"].startswith(it["function"] + "(") or "." + it["function"] + "(" in it["answer"]
                ans_ok = ans_ok and plain_eval(it["code"], it["answer"]) == result
            except Exception:
                ans_ok = False
        err = it["error"]
        err_quote = err["quote"] if err else None
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("claim quote not in rationale: %r" % c["quote"])
                continue
            ok = claim_true(c, it, hist, hits, result, atline)
            if it["label"] == "error" and c.get("is_error"):
                if ok:
                    probs.append("error claim is actually true: %r" % c["quote"])
            elif not ok:
                probs.append("false claim: %r" % c["quote"])
        if it["label"] == "faithful":
            if not ans_ok:
                probs.append("answer wrong")
            if err is not None or it["faithful_id"] is not None:
                probs.append("faithful item has error")
        else:
            if err_quote not in it["rationale"]:
                probs.append("error quote not in rationale")
            k = err["kind"]
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    probs.append("answer error but answer is right")
            else:
                if not ans_ok and not err.get("carried"):
                    probs.append("answer should stay right for kind " + k)
                ec = [c for c in it["claims"] if c.get("is_error")]
                if len(ec) != 1:
                    probs.append("need exactly one is_error claim")
                elif ec[0]["quote"] not in err_quote and err_quote not in ec[0]["quote"]:
                    probs.append("error claim quote does not match error quote")
                # held_elsewhere: stated value occurs in the run, but not at that point
                if err.get("held_elsewhere") and ec:
                    c = ec[0]
                    v = lit(c["value"])
                    if c["what"] == "value":
                        if not ("k" in c or "iter" in c) or not any(v in h for h in hist.values()):
                            probs.append("held_elsewhere value not held elsewhere / no position")
                    elif c["what"] in ("arith", "count"):
                        if not any(v in h for h in hist.values()) and v not in hits.values():
                            probs.append("held_elsewhere value never held")
            fi = [x for x in items if x["id"] == it["faithful_id"]]
            if not fi:
                probs.append("faithful_id missing")
        status = "OK " if not probs else "BAD"
        bad += bool(probs)
        lines.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    lines.append("items: %d, failing: %d" % (len(items), bad))
    out = "\n".join(lines)
    open(HERE + "/check_report.txt", "w").write(out + "\n")
    print(out)
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
