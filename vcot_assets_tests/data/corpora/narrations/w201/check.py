"""Standalone checker for w201 narrations: re-executes each program with sys.settrace,
records every variable's value history, and checks claims/answers/errors."""
import ast, copy, json, sys

def lit(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return s

def run(code, call):
    per_fn, glob, lines, samples = {}, {}, {}, {}
    def push(hist, key, val):
        h = hist.setdefault(key, [])
        if not h or h[-1] != val:
            h.append(val)
    def rec(frame):
        fn = frame.f_code.co_name
        for k, v in list(frame.f_locals.items()):
            items = [(k, v)]
            if k == "self" and hasattr(v, "__dict__"):
                items = [("self." + a, b) for a, b in vars(v).items()]
            for name, val in items:
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    val = repr(val)
                push(per_fn, (fn, name), val)
                push(glob, name, val)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        rec(frame)
        if event == "line":
            key = (frame.f_code.co_name, frame.f_lineno)
            lines[key] = lines.get(key, 0) + 1
            for k, v in frame.f_locals.items():
                try:
                    v = copy.deepcopy(v)
                except Exception:
                    v = repr(v)
                samples.setdefault(key + (k,), []).append(v)
        return tracer
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    sys.settrace(tracer)
    try:
        ret = eval(compile(call, "<prog>", "eval"), g)
    finally:
        sys.settrace(None)
    glob["__samples__"] = samples
    return ret, per_fn, glob, lines

def plain_call(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def history(claim, per_fn, glob):
    var = claim["variable"]
    if "at_line" in claim:  # values of var each time line at_line (in fn) is about to run
        return glob["__samples__"].get((claim["fn"], claim["at_line"], var), [])
    h = per_fn.get((claim["fn"], var), []) if claim.get("fn") else glob.get(var, [])
    if "key" in claim:
        out = []
        for v in h:
            if isinstance(v, dict) and claim["key"] in v and (not out or out[-1] != v[claim["key"]]):
                out.append(v[claim["key"]])
        h = out
    return h

def contiguous(sub, h):
    return any(h[i:i + len(sub)] == sub for i in range(len(h) - len(sub) + 1))

def claim_true(c, item, ret, per_fn, glob, lines):
    what, val = c["what"], lit(c["value"])
    if what in ("arith", "comparison"):
        return eval(c["expr"]) == val
    if what == "return":
        return val == ret
    if what == "call":
        return plain_call(item["code"], c["value"]) == ret
    if what == "count" and "line" in c:
        return lines.get((c["fn"], c["line"]), 0) == val
    h = history(c, per_fn, glob)
    if c.get("seq"):
        return contiguous(val, h)
    if "at" in c:
        return c["at"] < len(h) and h[c["at"]] == val
    return val in h

def check(item):
    probs = []
    ret, per_fn, glob, lines = run(item["code"], item["call"])
    if repr(ret) != item["returned"]:
        probs.append(f"returned {item['returned']} != {ret!r}")
    fwd = item["direction"] == "forward"
    for c in item["claims"]:
        if c["quote"] not in item["rationale"]:
            probs.append(f"quote missing: {c['quote']!r}")
    if item["label"] == "faithful":
        for c in item["claims"]:
            if not claim_true(c, item, ret, per_fn, glob, lines):
                probs.append(f"false claim: {c['quote']!r}")
        if fwd and lit(item["answer"]) != ret:
            probs.append("forward answer wrong")
        if not fwd and plain_call(item["code"], item["answer"]) != ret:
            probs.append("backward answer does not reproduce output")
        if not item["rationale"].rstrip().endswith("Answer: " + item["answer"]):
            probs.append("last line is not the Answer line")
    else:
        e = item["error"]
        if e["quote"] not in item["rationale"]:
            probs.append("error quote missing")
        errs = [c for c in item["claims"] if c.get("is_error")]
        for c in item["claims"]:
            if not c.get("is_error") and not claim_true(c, item, ret, per_fn, glob, lines):
                probs.append(f"non-error claim false: {c['quote']!r}")
        for c in errs:
            if claim_true(c, item, ret, per_fn, glob, lines):
                probs.append(f"error claim is actually true: {c['quote']!r}")
            if e.get("held_elsewhere"):
                # the value must be held somewhere in the run, just not at that point
                h = history(c, per_fn, glob)
                v = lit(c["value"])
                held = v in h or any(v in hh for k, hh in glob.items() if isinstance(hh, list)) if not c.get("seq") else \
                    any(x in h or any(x in hh for hh in glob.values()) for x in v)
                if not held:
                    probs.append("held_elsewhere but value never held")
        if e["kind"] == "wrong_final_answer":
            if lit(item["answer"]) == ret:
                probs.append("wrong_final_answer but answer is right")
        elif e["kind"] == "backward_wrong_input":
            if plain_call(item["code"], item["answer"]) == ret:
                probs.append("backward_wrong_input but call reproduces output")
        else:
            if not errs:
                probs.append("no error claim")
            if fwd and lit(item["answer"]) != ret:
                probs.append("answer should still be right")
            if not fwd and plain_call(item["code"], item["answer"]) != ret:
                probs.append("answer should still be right")
    return probs

def main(path="narrations.jsonl"):
    items = [json.loads(l) for l in open(path) if l.strip()]
    ids = set(i["id"] for i in items)
    bad = 0
    for it in items:
        p = check(it)
        if it["faithful_id"] and it["faithful_id"] not in ids:
            p.append("faithful_id missing")
        bad += bool(p)
        print(("FAIL " if p else "ok   ") + it["id"] + ("  " + "; ".join(p) if p else ""))
    print(f"\n{len(items)} items, {len(items) - bad} pass, {bad} fail")
    return bad

if __name__ == "__main__":
    sys.exit(1 if main(*sys.argv[1:]) else 0)
