"""Standalone checker for w292 narrations: runs each program under sys.settrace,
records per-variable value histories (change-only) and line hit counts, and checks
returned values, claims, answers and error copies."""
import ast, copy, json, sys

def run_traced(code, call):
    hist = {}      # var -> list of values (appended when changed)
    hits = {}      # line_no -> count
    def snap(frame):
        if frame.f_code.co_filename != "<prog>":
            return
        items = dict(frame.f_locals)
        s = items.get("self")
        if s is not None and hasattr(s, "__dict__"):
            for k, v in vars(s).items():
                items["self." + k] = v
        for k, v in items.items():
            if k == "self" or callable(v):
                continue
            try:
                v = copy.deepcopy(v)
            except Exception:
                continue
            h = hist.setdefault(k, [])
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        snap(frame)
        return tracer
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, hits

def plain(code, call):
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def is_subseq(seq, h):
    # histories are change-only, so collapse adjacent repeats in the claimed sequence
    seq = [x for k, x in enumerate(seq) if k == 0 or seq[k - 1] != x]
    it = iter(h)
    return all(any(x == y for y in it) for x in seq)

def check_claim(c, ret, hist, hits):
    w = c["what"]
    if w == "value":
        h = hist.get(c["variable"], [])
        v = lit(c["value"])
        if c.get("seq"):
            return is_subseq(v, h)
        if "at" in c:
            return c["at"] < len(h) and h[c["at"]] == v
        return v in h
    if w == "count":
        lab = c["variable"]
        if "@line " not in lab:   # loop variable name: one distinct value per iteration
            return len(hist.get(lab, [])) == lit(c["value"])
        line = int(lab.split("@line ")[1])
        return hits.get(line, 0) == lit(c["value"])
    if w in ("arith", "comparison"):
        return eval(c["expr"]) == lit(c["value"])
    if w == "return":
        return lit(c["value"]) == ret
    if w == "call":
        return True
    raise ValueError(w)

def check_error(it, ret, hist, hits):
    e = it["error"]
    ck = e["check"]
    t = ck["type"]
    stated = lit(ck["stated"]) if "stated" in ck else None
    if t == "value_at":
        h = hist.get(ck["var"], [])
        actual = h[ck["index"]]
        ok = actual != stated
        if e.get("held_elsewhere"):
            ok = ok and stated in h
        if ck.get("never"):
            ok = ok and stated not in h
        return ok, f"{ck['var']}[{ck['index']}]={actual!r} stated={stated!r}"
    if t == "never":
        h = hist.get(ck["var"], [])
        return stated not in h, f"{ck['var']} history={h!r} stated={stated!r}"
    if t == "expr":
        actual = eval(ck["expr"])
        ok = actual != stated
        if e.get("held_elsewhere") and "var" in ck:
            ok = ok and stated in hist.get(ck["var"], [])
        return ok, f"{ck['expr']}={actual!r} stated={stated!r}"
    if t == "prog_expr":   # an expression evaluated against the program's own functions
        g = {}
        exec(compile(it["code"], "<prog>", "exec"), g)
        actual = eval(ck["expr"], g)
        ok = actual != stated
        if e.get("held_elsewhere") and "var" in ck:
            ok = ok and stated in hist.get(ck["var"], [])
        return ok, f"{ck['expr']}={actual!r} stated={stated!r}"
    if t == "count":
        line = int(ck["label"].split("@line ")[1])
        actual = hits.get(line, 0)
        ok = actual != stated and abs(actual - stated) == 1
        return ok, f"count={actual} stated={stated}"
    if t == "answer":
        return lit(it["answer"]) != ret, f"answer={it['answer']} returned={ret!r}"
    if t == "call":
        got = plain(it["code"], it["answer"])
        return got != lit(it["returned"]), f"{it['answer']} -> {got!r}"
    raise ValueError(t)

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    fails = 0
    out = []
    for it in items:
        msgs = []
        ret, hist, hits = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            msgs.append(f"returned mismatch {ret!r} vs {it['returned']}")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                msgs.append(f"quote not in rationale: {c['quote']!r}")
        if not it["rationale"].rstrip().endswith("Answer: " + it["answer"]):
            msgs.append("last line is not the Answer")
        if it["label"] == "faithful":
            for c in it["claims"]:
                if not check_claim(c, ret, hist, hits):
                    msgs.append(f"claim false: {c}")
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret:
                    msgs.append("forward answer wrong")
            else:
                if plain(it["code"], it["answer"]) != ret:
                    msgs.append("backward answer does not reproduce output")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                msgs.append("error quote missing")
            ok, info = check_error(it, ret, hist, hits)
            if not ok:
                msgs.append("error not confirmed false: " + info)
            # every other claim still true, the error claim is false
            for c in it["claims"]:
                good = check_claim(c, ret, hist, hits)
                if c.get("is_error"):
                    if good and e["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                        msgs.append(f"error claim evaluates true: {c}")
                elif not good and not e.get("carried"):
                    msgs.append(f"non-error claim false: {c}")
            if e["kind"] == "wrong_final_answer" and lit(it["answer"]) == ret:
                msgs.append("final answer not wrong")
            if e["kind"] == "backward_wrong_input" and plain(it["code"], it["answer"]) == ret:
                msgs.append("backward answer not wrong")
            if e["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                if it["direction"] == "forward" and lit(it["answer"]) != ret:
                    msgs.append("error copy changed forward answer")
            info = " | " + info
        else_info = info if it["label"] == "error" else ""
        status = "PASS" if not msgs else "FAIL"
        fails += bool(msgs)
        out.append(f"{status} {it['id']} ({it['label']}{', ' + it['error']['kind'] if it['error'] else ''}){else_info}")
        for m in msgs:
            out.append("    " + m)
    out.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    print("\n".join(out))
    return fails

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
