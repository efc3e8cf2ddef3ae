"""Standalone checker for w497 narrations: re-executes every program with sys.settrace,
records per-variable value histories and per-line hit counts, and verifies claims/errors."""
import ast, json, sys, copy

def lit(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return s

def run_traced(code, call):
    hist, hits, last = {}, {}, {}
    def snap(frame):
        fid = id(frame)
        prev = last.setdefault(fid, {})
        items = dict(frame.f_locals)
        s = items.get("self")
        if s is not None and hasattr(s, "__dict__"):
            for k, v in vars(s).items():
                items["self." + k] = v
        for k, v in items.items():
            if k == "self":
                continue
            try:
                v = copy.deepcopy(v)
            except Exception:
                continue
            if k not in prev or prev[k] != v:
                prev[k] = v
                h = hist.setdefault(k, [])
                if not h or h[-1] != v:  # merge frames: skip re-reads of an unchanged value
                    h.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return tracer
        snap(frame)
        if event == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        return tracer
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    sys.settrace(tracer)
    try:
        ret = eval(compile(call, "<call>", "eval"), g)
    finally:
        sys.settrace(None)
    return ret, hist, hits

def plain_call(code, call):
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def check_claim(c, ret, hist, hits, code):
    w, v = c["what"], lit(c["value"]) if isinstance(c["value"], str) else c["value"]
    if w == "value":
        h = hist.get(c["variable"], [])
        if c.get("subseq"):
            it = iter(h)
            return all(any(x == y for y in it) for x in v)
        if c.get("sequence"):
            n = len(v)
            return any(h[i:i + n] == v for i in range(len(h)))
        return v in h
    if w == "count":
        return hits.get(int(c["line"]), 0) == v
    if w in ("arith", "comparison"):
        return eval(c["expr"]) == v
    if w == "return":
        return ret == v
    if w == "call":
        return plain_call(code, c["value"]) == ret
    return False

def check_error(e, it, ret, hist, hits):
    ck = e["check"]; t = ck["type"]
    stated = lit(e["stated"]); actual = lit(e["actual"])
    if t == "history_at":
        h = hist[ck["variable"]]
        if ck.get("sequence"):
            ok = h[ck["index"]] == actual and actual != stated
        else:
            ok = h[ck["index"]] == actual and actual != stated
        if e.get("held_elsewhere"):
            ok = ok and any(stated in hh for hh in hist.values())
        return ok
    if t == "never":
        return stated not in hist.get(ck["variable"], [])
    if t in ("arith", "comparison"):
        r = eval(ck["expr"])
        ok = r == actual and r != stated
        if e.get("held_elsewhere"):
            ok = ok and any(stated in hh for hh in hist.values())
        return ok
    if t == "count":
        n = hits.get(int(ck["line"]), 0)
        ok = n == actual and n != stated
        if e.get("held_elsewhere"):
            ok = ok and any(stated in hh for hh in hist.values())
        return ok
    if t == "final":
        return lit(it["answer"]) != ret and actual == ret
    if t == "call":
        try:
            return plain_call(it["code"], it["answer"]) != ret
        except Exception:
            return True
    return False

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    byid = {it["id"]: it for it in items}
    fails = 0; lines = []
    for it in items:
        probs = []
        ret, hist, hits = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append("returned mismatch")
        if not it["rationale"].rstrip().splitlines()[-1].startswith("Answer:"):
            probs.append("no Answer line")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("quote missing: " + c["quote"])
        if it["label"] == "faithful":
            for c in it["claims"]:
                if not check_claim(c, ret, hist, hits, it["code"]):
                    probs.append("false claim: " + c["quote"])
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret:
                    probs.append("forward answer wrong")
            else:
                if plain_call(it["code"], it["answer"]) != ret:
                    probs.append("backward answer wrong")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                probs.append("error quote missing")
            if it["faithful_id"] not in byid:
                probs.append("no faithful")
            if not check_error(e, it, ret, hist, hits):
                probs.append("error not confirmed false")
            # every other claim must still be true
            for c in it["claims"]:
                if c.get("is_error"):
                    continue
                if not check_claim(c, ret, hist, hits, it["code"]):
                    probs.append("other claim false: " + c["quote"])
            if e["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                if it["direction"] == "forward" and lit(it["answer"]) != ret:
                    probs.append("answer changed")
        status = "PASS" if not probs else "FAIL " + "; ".join(probs)
        fails += bool(probs)
        lines.append(f"{it['id']}: {status}")
    lines.append(f"TOTAL {len(items)} items, {fails} failing")
    out = "\n".join(lines)
    print(out)
    open("check_report.txt", "w").write(out + "\n")
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
