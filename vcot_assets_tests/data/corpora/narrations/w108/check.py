#!/usr/bin/env python3
"""Standalone checker for w108 narrations: re-executes each program with sys.settrace,
records per-variable value histories (locals and attributes of user objects, keyed
'name' and 'self.attr'/'obj.attr'), line hit counts, and checks claims and errors."""
import json, sys, copy

def run(code, call):
    g = {"__name__": "program"}
    exec(compile(code, "<prog>", "exec"), g)
    hist, hits, at = {}, {}, {}
    user_types = tuple(v for v in g.values() if isinstance(v, type))

    def rec(name, val):
        try:
            v = copy.deepcopy(val)
        except Exception:
            v = val
        h = hist.setdefault(name, [])
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)

    def snap(frame):
        for k, v in frame.f_locals.items():
            if user_types and isinstance(v, user_types):
                for a, av in vars(v).items():
                    rec(f"{k}.{a}", av)
            else:
                rec(k, v)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        snap(frame)
        if event == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
            for k, v in frame.f_locals.items():
                try:
                    at.setdefault((frame.f_lineno, k), []).append(copy.deepcopy(v))
                except Exception:
                    pass
        return tracer

    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, hits, g, at

def lit(s):
    return eval(s, {})

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") if l.strip()]
    fails, out = 0, []
    for it in items:
        errs = []
        ret, hist, hits, g, at = run(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            errs.append(f"returned {it['returned']} != {ret!r}")
        rat = it["rationale"]
        last = rat.rstrip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            errs.append("answer field does not match last Answer line")
        err = it["error"]
        def answer_ok():
            if it["direction"] == "forward":
                return lit(it["answer"]) == ret
            r2, *_ = run(it["code"], it["answer"])
            return r2 == ret
        def claim_ok(c):
            what, v = c["what"], lit(c["value"])
            if what == "value":
                return any(x == v and type(x) == type(v) or x == v for x in hist.get(c["variable"], []))
            if what == "sequence":
                if "line" in c:   # values of the variable each time that line runs
                    return at.get((c["line"], c["variable"]), []) == v
                h = hist.get(c["variable"], [])   # contiguous run of the value history
                return any(h[i:i + len(v)] == v for i in range(len(h)))
            if what == "count":
                line = int(c["variable"].split("@line")[1])
                return hits.get(line, 0) == v
            if what in ("arith", "comparison"):
                return eval(c.get("expr", c["quote"]), {}) == v
            if what == "return":
                return v == ret
            if what == "call":
                r2, *_ = run(it["code"], c["expr"])
                return r2 == v
            return False
        for c in it["claims"]:
            if c["quote"] not in rat:
                errs.append(f"claim quote not in rationale: {c['quote']!r}")
            if err is not None and c.get("is_error"):
                continue
            if not claim_ok(c):
                errs.append(f"claim false: {c}")
        if it["label"] == "faithful":
            if err is not None: errs.append("faithful item with error")
            if not answer_ok(): errs.append("answer wrong")
        else:
            if err["quote"] not in rat: errs.append("error quote not in rationale")
            if err["stated"] not in err["quote"]: errs.append("stated not in quote")
            chk = err["check"]; t = chk["type"]
            st = None if t == "answer" else lit(chk.get("stated_value", err["stated"]))
            if t == "answer":
                if answer_ok(): errs.append("error answer is actually correct")
            else:
                if not answer_ok(): errs.append("non-answer error copy has a wrong answer")
                if t == "history":
                    h = hist[chk["variable"]]
                    if h[chk["index"]] == st: errs.append("history error not false at that point")
                    if chk["index"] >= 0 and lit(chk.get("actual_value", err["actual"])) != h[chk["index"]]: errs.append("actual mismatch")
                    if err.get("held_elsewhere") and st not in hist.get(chk.get("elsewhere", chk["variable"]), []): errs.append("held_elsewhere but never held")
                elif t == "iter":
                    h = at[(chk["line"], chk["variable"])]
                    if "key" in chk:
                        h = [x.get(chk["key"]) if isinstance(x, dict) else x[chk["key"]] for x in h]
                    if h[chk["index"]] == st: errs.append("iter error not false at that iteration")
                    if lit(chk.get("actual_value", err["actual"])) != h[chk["index"]]: errs.append("actual mismatch")
                    if err.get("held_elsewhere") and st not in hist.get(chk.get("elsewhere", chk["variable"]), []): errs.append("held_elsewhere but never held")
                elif t == "count":
                    n = hits.get(chk["line"], 0)
                    if n == st: errs.append("count error not false")
                    if lit(chk.get("actual_value", err["actual"])) != n: errs.append("actual count mismatch")
                elif t == "expr":
                    v = eval(chk["expr"], {})
                    if v == st: errs.append("expr error not false")
                    if lit(chk.get("actual_value", err["actual"])) != v: errs.append("actual expr mismatch")
                elif t == "never":
                    if st in hist.get(chk["variable"], []): errs.append("impossible_state value does occur")
                else:
                    errs.append("unknown check type")
                if err.get("held_elsewhere") and t in ("count", "expr"):
                    pool = chk.get("elsewhere")
                    if pool is None: errs.append("held_elsewhere needs pool")
                    else:
                        ok = st in hist.get(pool, []) if isinstance(pool, str) else st == lit(str(pool))
                        if not ok: errs.append("held_elsewhere value not held elsewhere")
        status = "PASS" if not errs else "FAIL"
        if errs: fails += 1
        out.append(f"{status} {it['id']} ({it['label']}, {it['direction']}, {it['style']}, {it['family']}, events={it['trace_events']})" + ("".join("\n    - " + e for e in errs)))
    out.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    print("\n".join(out))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
