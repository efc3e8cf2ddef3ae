"""Standalone checker for w151 narrations: re-executes each program with sys.settrace,
records per-variable value histories (locals and self.<attr>), loop-line hit counts,
and checks every claim / answer / error against the real execution."""
import json, sys, copy, ast

def run_traced(code, call, fname):
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    hist = {}      # name -> list of values in order of change (per frame merged in time order)
    hits = {}      # line number -> hit count
    last = {}      # name -> repr of last recorded value (consecutive duplicates collapsed)
    def snap(frame):
        items = dict(frame.f_locals)
        s = items.get("self")
        if s is not None and hasattr(s, "__dict__"):
            for k, v in vars(s).items():
                items["self." + k] = v
        for k, v in items.items():
            if k == "self":
                continue
            try:
                val = copy.deepcopy(v)
            except Exception:
                val = v
            if k not in last or last[k] != repr(val):
                last[k] = repr(val)
                hist.setdefault(k, []).append(val)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return tracer
        snap(frame)
        if event == "call":
            hits["call:" + frame.f_code.co_name] = hits.get("call:" + frame.f_code.co_name, 0) + 1
        if event == "line" and not frame.f_code.co_name.startswith("<"):
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, g)
    finally:
        sys.settrace(None)
    return result, hist, hits

CODE = [None]

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, res, hist, hits, text):
    errs = []
    if c["quote"] not in text:
        errs.append("quote not in rationale: %r" % c["quote"])
    v = lit(c["value"])
    w = c["what"]
    if w == "value":
        h = hist.get(c["variable"], [])
        if c.get("seq"):
            # every element of the stated sequence, in order, is a subsequence of the history
            pos = 0
            for x in v:
                while pos < len(h) and h[pos] != x:
                    pos += 1
                if pos == len(h):
                    errs.append("sequence %r is not a subsequence of %s history %r" % (v, c["variable"], h))
                    break
            v = None
        elif v not in h:
            errs.append("value %r never held by %s (history %r)" % (v, c["variable"], h[:30]))
        if "index" in c and h[c["index"]] != v:
            errs.append("value %r not %s's value #%d (%r)" % (v, c["variable"], c["index"], h[c["index"]]))
    elif w == "count":
        n = hits.get(c["line"], 0)
        if n != v:
            errs.append("count %r != %d hits of %s" % (v, n, c["line"]))
    elif w in ("arith", "comparison"):
        r = eval(c["expr"])
        if r != v:
            errs.append("%s %r evaluates to %r, not %r" % (w, c["expr"], r, v))
    elif w == "return":
        if v != res:
            errs.append("return %r != %r" % (v, res))
    elif w == "call":
        g = {}
        exec(CODE[0], g)
        call = c["quote"].split("Answer:")[-1].strip()
        if eval(call, g) != v:
            errs.append("call %s does not return %r" % (call, v))
    else:
        errs.append("unknown claim kind %r" % w)
    return errs

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    progs = {json.loads(l)["id"]: json.loads(l) for l in open("programs.jsonl")}
    ok = bad = 0
    out = []
    for it in items:
        errs = []
        p = progs[it["program_id"]]
        CODE[:] = [it["code"]]
        res, hist, hits = run_traced(it["code"], it["call"], it["function"])
        if repr(res) != it["returned"]:
            errs.append("returned mismatch %r vs %s" % (res, it["returned"]))
        if p["call"] != it["call"] or p["code"] != it["code"]:
            errs.append("program differs from programs.jsonl")
        if len(p["events"]) != it["trace_events"]:
            errs.append("trace_events mismatch")
        text = it["rationale"]
        last_line = text.strip().splitlines()[-1]
        e = it["error"]
        ekind = e["kind"] if e else None
        # answer
        if it["direction"] == "forward":
            right = lit(it["answer"]) == res
        else:
            g = {}
            exec(it["code"], g)
            try:
                right = repr(eval(it["answer"], g)) == it["returned"]
            except Exception:
                right = False
        if it["answer"] not in last_line:
            errs.append("answer not in last line")
        if ekind in ("wrong_final_answer", "backward_wrong_input"):
            if right:
                errs.append("error answer is actually right")
        elif not right and not (e and e.get("carried")):
            errs.append("answer wrong: %s" % it["answer"])
        for c in it["claims"]:
            if e and c.get("is_error"):
                continue
            errs += check_claim(c, res, hist, hits, text)
        if e:
            if e["quote"] not in text:
                errs.append("error quote not in text")
            if e["stated"] not in e["quote"]:
                errs.append("stated not in error quote")
            chk = e["check"]
            t = chk["type"]
            stated = lit(chk.get("stated_value", e["stated"])) if t not in ("answer",) else None
            if t == "arith" or t == "comparison":
                r = eval(chk["expr"])
                if r == stated:
                    errs.append("error arith/comparison is actually right")
            elif t == "value_at":
                h = hist.get(chk["variable"], [])
                if h[chk["index"]] == stated:
                    errs.append("error value is actually right at that point")
                if e.get("held_elsewhere") and stated not in h:
                    errs.append("held_elsewhere but value never held")
                if not e.get("held_elsewhere") and stated in h and ekind == "impossible_state":
                    errs.append("impossible_state value is held somewhere")
            elif t == "count":
                n = hits.get(chk["line"], 0)
                if n == stated:
                    errs.append("error count is actually right")
                if e.get("held_elsewhere") and stated not in chk.get("elsewhere", []):
                    errs.append("held_elsewhere count not justified")
            elif t == "answer":
                pass
            elif t == "return_differs":
                if stated == res:
                    errs.append("stated return equals real")
            if e.get("held_elsewhere") and t in ("arith",):
                if stated not in hist.get(chk["variable"], []):
                    errs.append("held_elsewhere arith value never held by %s" % chk["variable"])
        status = "PASS" if not errs else "FAIL"
        ok += not errs
        bad += bool(errs)
        out.append("%s %s %s" % (status, it["id"], "; ".join(errs)))
    out.append("TOTAL %d items: %d pass, %d fail" % (len(items), ok, bad))
    print("\n".join(out))
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
