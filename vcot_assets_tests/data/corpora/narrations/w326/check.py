"""Standalone checker for w326 narrations: re-executes each program under sys.settrace and
checks every claim against the real execution (no use of the trace script or tool code)."""
import ast, copy, json, sys
from collections import defaultdict

FILE = "<w326prog>"

def run(code, call):
    g = {"__name__": "w326prog"}
    exec(compile(code, FILE, "exec"), g)
    hist = defaultdict(list)          # name -> consecutive-deduped value history
    lines = defaultdict(int)          # lineno -> number of line events
    samples = defaultdict(lambda: defaultdict(list))  # lineno -> name -> values at that line

    def snap(frame):
        out = {}
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    out["self." + a] = av
            else:
                out[k] = v
        return out

    def record(frame, event):
        st = snap(frame)
        for k, v in st.items():
            try:
                v = copy.deepcopy(v)
            except Exception:
                pass
            h = hist[k]
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)
        if event == "line":
            lines[frame.f_lineno] += 1
            for k, v in st.items():
                samples[frame.f_lineno][k].append(copy.deepcopy(v))

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FILE:
            return None
        if event in ("line", "return"):
            record(frame, event)
        return tracer

    sys.settrace(tracer)
    try:
        result = eval(compile(call, FILE, "eval"), g)
    finally:
        sys.settrace(None)
    return g, result, hist, lines, samples

def plain_call(code, call):
    g = {}
    exec(code, g)
    return eval(call, g)

def claim_true(c, ctx):
    g, result, hist, lines, samples = ctx
    what, var = c["what"], c["variable"]
    if what == "value":
        val = ast.literal_eval(c["value"])
        if c.get("seq"):
            if "line" in c:
                got = samples[c["line"]][var]
                if c.get("fn") == "len":
                    got = [len(x) for x in got]
                return got == val
            h = hist[var]
            n = len(val)
            return any(h[i:i + n] == val for i in range(len(h) - n + 1))
        h = hist[var]
        if not h:
            raise ValueError(f"no history for {var}")
        if "at" in c:
            at = c["at"]
            return -len(h) <= at < len(h) and h[at] == val
        return val in h
    if what == "count":
        lineno = int(var.split("@line ")[1])
        return lines[lineno] - 1 == int(c["value"])
    if what in ("comparison", "arith"):
        return eval(c["expr"]) == ast.literal_eval(c["value"])
    if what == "return":
        return ast.literal_eval(c["value"]) == result
    if what == "call":
        return plain_call(g_code[0], c["value"]) == result
    raise ValueError(what)

g_code = [None]

def check_item(it):
    probs = []
    g_code[0] = it["code"]
    ctx = run(it["code"], it["call"])
    result = ctx[1]
    if repr(result) != it["returned"]:
        probs.append(f"returned mismatch {result!r} vs {it['returned']}")
    r = it["rationale"]
    lastline = r.strip().splitlines()[-1]
    if lastline != "Answer: " + it["answer"] and lastline != "Predicted Output: " + it["answer"]:
        probs.append("answer field does not match last line")
    if it["direction"] == "forward":
        ans_ok = ast.literal_eval(it["answer"]) == result
    else:
        ans_ok = plain_call(it["code"], it["answer"]) == result
    err = it["error"]
    ans_should_fail = err is not None and err["kind"] in ("wrong_final_answer", "backward_wrong_input")
    if ans_ok == ans_should_fail:
        probs.append(f"answer check {ans_ok} but error kind {err and err['kind']}")
    for c in it["claims"]:
        if c["quote"] not in r:
            probs.append(f"quote missing: {c['quote']!r}")
            continue
        is_err = err is not None and c["quote"] == err["quote"]
        ok = claim_true(c, ctx)
        if is_err and ok:
            probs.append(f"error claim is actually TRUE: {c['quote']!r}")
        if not is_err and not ok:
            probs.append(f"claim FALSE: {c['quote']!r} ({c['variable']}={c['value']})")
    if err is not None:
        if err["quote"] not in r:
            probs.append("error quote missing")
        if not any(c["quote"] == err["quote"] for c in it["claims"]):
            probs.append("error has no matching claim")
        if "held_elsewhere" in err and err["held_elsewhere"]:
            c = next(c for c in it["claims"] if c["quote"] == err["quote"])
            # the wrong value must occur somewhere in the run (only not at that point)
            hist = ctx[2]
            if c["what"] == "arith":
                allv = [v for h in hist.values() for v in h]
                if ast.literal_eval(c["value"]) not in allv:
                    probs.append("held_elsewhere but value never held")
            elif c["what"] == "value":
                val = ast.literal_eval(c["value"])
                vals = val if c.get("seq") else [val]
                if not all(v in hist[c["variable"]] for v in vals):
                    probs.append("held_elsewhere but value never held by variable")
            elif c["what"] == "count":
                pass
    return probs

def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
    items = [json.loads(l) for l in open(path) if l.strip()]
    ids = set()
    nbad = 0
    out = []
    for it in items:
        if it["id"] in ids:
            out.append(f"DUPLICATE id {it['id']}")
            nbad += 1
        ids.add(it["id"])
        try:
            probs = check_item(it)
        except Exception as e:
            probs = [f"exception {type(e).__name__}: {e}"]
        status = "PASS" if not probs else "FAIL"
        if probs:
            nbad += 1
        out.append(f"{status} {it['id']} ({len(it['claims'])} claims)" + "".join("\n    " + p for p in probs))
    out.append(f"\n{len(items)} items, {len(items) - nbad} pass, {nbad} fail")
    print("\n".join(out))
    return 1 if nbad else 0

if __name__ == "__main__":
    sys.exit(main())
