#!/usr/bin/env python3
"""Standalone checker for w220 narrations: runs each program under sys.settrace,
records per-variable value histories, line snapshots and line hit counts, and checks claims/errors."""
import ast, copy, json, sys

def run(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist, lines, snaps = {}, {}, []
    def record(frame):
        loc = {}
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items(): loc["self." + a] = av
            else: loc[k] = v
        for k, v in loc.items():
            try: v = copy.deepcopy(v)
            except Exception: pass
            h = hist.setdefault(k, [])
            if not h or h[-1] != v or type(h[-1]) != type(v): h.append(v)
        return loc
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>": return None
        def local(frame, event, arg):
            loc = record(frame)
            if event == "line":
                lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
                snaps.append((frame.f_lineno, copy.deepcopy({k: v for k, v in loc.items() if not callable(v)})))
            return local
        return local(frame, event, arg)
    sys.settrace(tracer)
    try: ret = eval(call, g)
    finally: sys.settrace(None)
    return ret, hist, lines, snaps, g

def lit(s): return ast.literal_eval(s)

def count_of(var, hist, lines):
    if var.startswith("loop@line "): return lines.get(int(var.split()[-1]), 0)
    return len(hist.get(var, []))

def claim_true(c, ret, hist, lines, g, item):
    w = c["what"]
    if w == "value":
        v = lit(c["value"]); h = hist.get(c["variable"], [])
        if v in h: return True
        if isinstance(v, list):   # a summarised sequence of the variable's values, in order
            v = [x for i, x in enumerate(v) if i == 0 or v[i - 1] != x]
            pos = 0
            for x in v:
                try: pos = h.index(x, pos) + 1
                except ValueError: return False
            return True
        return False
    if w == "count": return count_of(c["variable"], hist, lines) == lit(c["value"])
    if w in ("arith", "comparison"): return eval(c["expr"], {}) == lit(c["value"])
    if w == "return": return lit(c["value"]) == ret
    if w == "call": return eval(c["value"], g) == ret
    raise ValueError(w)

def at_values(e, snaps):
    a = e["at"]
    return [s[a["variable"]] for ln, s in snaps if ln == a["line"] and all(s.get(k) == v for k, v in a["when"].items()) and a["variable"] in s]

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")]
    fails, n_claims = [], 0
    for it in items:
        ret, hist, lines, snaps, g = run(it["code"], it["call"])
        p = lambda m: fails.append(f'{it["id"]}: {m}')
        if repr(ret) != it["returned"]: p(f"returned {ret!r} != {it['returned']}")
        last = it["rationale"].rstrip().splitlines()[-1]
        if last != "Answer: " + it["answer"]: p("answer line mismatch")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]: p(f"quote missing {c['quote']!r}")
        if it["label"] == "faithful":
            for c in it["claims"]:
                n_claims += 1
                if not claim_true(c, ret, hist, lines, g, it): p(f"false claim {c}")
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret: p("forward answer wrong")
            elif eval(it["answer"], g) != ret: p("backward answer does not reproduce output")
            continue
        e = it["error"]; k = e["kind"]
        if e["quote"] not in it["rationale"]: p("error quote missing")
        ec = [c for c in it["claims"] if c["quote"] == e["quote"] or e["quote"] in c["quote"] or c["quote"] in e["quote"]]
        if not ec: p("no claim for error"); continue
        # all non-carried, non-error claims must still hold
        for c in it["claims"]:
            if c in ec or c.get("carried"): continue
            n_claims += 1
            if not claim_true(c, ret, hist, lines, g, it): p(f"other claim false {c}")
        stated = e["stated"]
        if k == "wrong_final_answer":
            ok = lit(it["answer"]) != ret and it["direction"] == "forward"
        elif k == "backward_wrong_input":
            ok = it["direction"] == "backward" and eval(it["answer"], g) != ret
        elif "at" in e:
            vals = at_values(e, snaps); ok = bool(vals) and lit(stated) not in vals
            if not ok: p(f"at-check: values there {vals}")
        elif "seq" in e:
            h = hist[e["seq"]["variable"]]; ok = h[e["seq"]["index"]] != lit(stated)
        else:
            ok = not claim_true(ec[0], ret, hist, lines, g, it)
        if not ok: p(f"error {k} is not actually false")
        if e.get("held_elsewhere"):
            sv = lit(stated)
            if not (any(sv in h for h in hist.values()) or sv in lines.values() or any(sv == len(h) for h in hist.values())):
                p("held_elsewhere value occurs nowhere")
    print(f"items: {len(items)}  faithful: {sum(i['label']=='faithful' for i in items)}  errors: {sum(i['label']=='error' for i in items)}  claims checked: {n_claims}")
    for f in fails: print("FAIL", f)
    print("RESULT:", "PASS" if not fails else f"{len(fails)} FAILURES")
    return 1 if fails else 0
if __name__ == "__main__": sys.exit(main())
