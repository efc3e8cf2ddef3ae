#!/usr/bin/env python3
"""Standalone checker for w200 narrations: re-executes each program with sys.settrace,
records per-variable value histories and per-line snapshots, and checks claims/errors."""
import sys, json, copy, ast, re

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = {}          # name -> list of values (consecutive duplicates removed)
    snaps = {}         # line -> list of dict snapshots of frame state before the line runs
    hits = {}          # line -> count
    def state(frame):
        st = {}
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in getattr(v, "__dict__", {}).items():
                    st["self." + a] = av
            else:
                st[k] = v
        return st
    def record(frame):
        for k, v in state(frame).items():
            try:
                v = copy.deepcopy(v)
            except Exception:
                pass
            h = hist.setdefault(k, [])
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        record(frame)
        if event == "line":
            ln = frame.f_lineno
            hits[ln] = hits.get(ln, 0) + 1
            snaps.setdefault(ln, []).append(copy.deepcopy(state(frame)))
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, snaps, hits

def plain(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def at_point(p, hist, snaps, hits):
    """Value at a point: {'variable','index'} (history) or {'variable','line','hit'} (snapshot)
    or {'count_line': N, 'entries': E} (loop iterations = header hits - entries)."""
    if "hist_from" in p:
        return hist[p["variable"]][p["hist_from"]:p.get("upto")]
    if "all" in p:
        r = [st[p["variable"]] for st in snaps[p["line"]]]
        if "slice" in p:
            r = r[p["slice"][0]:p["slice"][1]]
        return r
    if "count_line" in p:
        return hits.get(p["count_line"], 0) - p.get("entries", 1)
    if "line" in p:
        return snaps[p["line"]][p["hit"]][p["variable"]]
    return hist[p["variable"]][p["index"]]

def check_claim(c, ret, hist, snaps, hits):
    v = lit(c["value"])
    w = c["what"]
    if "point" in c:
        return at_point(c["point"], hist, snaps, hits) == v
    if w == "value":
        return v in hist.get(c["variable"], [])
    if w in ("arith", "comparison"):
        return eval(c["expr"]) == v
    if w == "return":
        return v == ret
    if w == "count":
        raise ValueError("count claim needs point")
    if w == "call":
        return True
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    byid = {it["id"]: it for it in items}
    bad = 0
    lines = []
    for it in items:
        probs = []
        ret, hist, snaps, hits = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append("returned mismatch %r" % (ret,))
        rat = it["rationale"]
        last = rat.strip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            probs.append("answer line mismatch")
        for c in it["claims"]:
            if c["quote"] not in rat:
                probs.append("quote missing: %r" % c["quote"])
        if it["label"] == "faithful":
            for c in it["claims"]:
                try:
                    ok = check_claim(c, ret, hist, snaps, hits)
                except Exception as e:
                    ok = False; c = dict(c, err=str(e))
                if not ok:
                    probs.append("false claim: %r" % (c,))
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret:
                    probs.append("forward answer wrong")
            else:
                if plain(it["code"], it["answer"]) != ret:
                    probs.append("backward answer does not reproduce output")
        else:
            e = it["error"]
            f = byid.get(it["faithful_id"])
            if f is None:
                probs.append("no faithful")
            if e["quote"] not in rat:
                probs.append("error quote missing")
            k = e["kind"]
            stated = e["stated"]
            if k == "wrong_final_answer":
                if lit(it["answer"]) == ret: probs.append("final answer not wrong")
                if lit(f["answer"]) != ret: probs.append("faithful answer wrong?")
            elif k == "backward_wrong_input":
                try:
                    r2 = plain(it["code"], it["answer"])
                except Exception as ex:
                    r2 = ex
                if r2 == ret: probs.append("wrong input actually reproduces")
            else:
                sv = lit(stated)
                if "expr" in e:
                    truth = eval(e["expr"])
                else:
                    truth = at_point(e["point"], hist, snaps, hits)
                if truth == sv:
                    probs.append("stated error value is actually true")
                if repr(truth) != repr(lit(e["actual"])):
                    probs.append("actual mismatch %r vs %r" % (truth, e["actual"]))
                if e.get("held_elsewhere"):
                    pool = [x for h in hist.values() for x in h]
                    pool += [y for x in list(pool) if isinstance(x, dict) for y in x.values()]
                    hv = lit(e["held_value"]) if "held_value" in e else sv
                    if hv not in pool:
                        probs.append("held_elsewhere but value never held")
                if k == "wrong_intermediate_right_answer":
                    a = lit(it["answer"]) if it["direction"] == "forward" else plain(it["code"], it["answer"])
                    if a != ret: probs.append("final answer not right")
            if e.get("kind") not in ("wrong_final_answer", "backward_wrong_input"):
                if it["direction"] == "forward" and lit(it["answer"]) != ret and not e.get("carried"):
                    probs.append("answer changed but not carried")
        status = "OK  " if not probs else "FAIL"
        if probs: bad += 1
        lines.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    lines.append("items=%d failures=%d" % (len(items), bad))
    out = "\n".join(lines)
    print(out)
    open("check_report.txt", "w").write(out + "\n")
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
