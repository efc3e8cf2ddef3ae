"""Standalone checker for w306 narrations: re-executes each program under sys.settrace,
records per-variable value histories (locals of every frame, plus self.<attr>), line hit
counts and function return values, then checks every claim and every error copy."""
import ast, copy, json, sys

FN = "<w306prog>"

def run_traced(code, call):
    hist, hits, rets = {}, {}, {}
    def note(name, val):
        try:
            v = copy.deepcopy(val)
        except Exception:
            v = repr(val)
        h = hist.setdefault(name, [])
        if not h or h[-1] != v or type(h[-1]) is not type(v):
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    note("self." + a, av)
            elif not callable(v) or isinstance(v, (list, dict, set, tuple, str, int)):
                if type(v).__module__ == "builtins":
                    note(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return tracer
        snap(frame)
        if event == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        if event == "return":
            rets.setdefault(frame.f_code.co_name, []).append(copy.deepcopy(arg))
        return tracer
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    sys.settrace(tracer)
    try:
        result = eval(compile(call, FN + "call", "eval"), ns)
    finally:
        sys.settrace(None)
    return result, hist, hits, rets

def plain_call(code, call):
    ns = {}
    exec(code, ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s) if isinstance(s, str) else s

def arith_expr(c):
    if "expr" in c:
        return c["expr"]
    q = c["quote"].strip("` ")
    return q.rsplit("=", 1)[0] if c["what"] == "arith" else q

def check_claim(c, st):
    result, hist, hits, rets = st
    w, val = c["what"], lit(c["value"])
    if w == "value":
        h = hist.get(c["variable"], [])
        if c.get("subseq"):
            it = iter(h)
            return all(any(x == y for y in it) for x in val)
        if c.get("seq"):
            s0 = c.get("index", 0)
            return h[s0:s0 + len(val)] == list(val)
        if "index" in c:
            return c["index"] < len(h) and h[c["index"]] == val
        return val in h
    if w == "count":
        line = int(c.get("line") or c["variable"].split("line")[-1])
        return hits.get(line, 0) == val
    if w in ("arith", "comparison"):
        return eval(arith_expr(c)) == val
    if w == "return":
        return result == val
    if w == "call":
        return val in rets.get(c["variable"], [])
    raise ValueError(w)

def check_error(item, st):
    e = item["error"]; ck = e["check"]; result, hist, hits, rets = st
    stated, actual = lit(e["stated"]), lit(e["actual"])
    msgs = []
    if e["quote"] not in item["rationale"]:
        msgs.append("error quote missing")
    t = ck["type"]
    if t == "hist":
        h = hist.get(ck["variable"], [])
        real = h[ck["index"]] if ck["index"] < len(h) else None
    elif t == "expr":
        real = eval(ck["expr"])
    elif t == "count":
        real = hits.get(ck["line"], 0)
    elif t == "answer":
        real = result; stated = lit(item["answer"])
    elif t == "call":
        real = result
        got = plain_call(item["code"], item["answer"])
        if got == result:
            msgs.append("wrong input actually returns the output")
        stated = None
    else:
        raise ValueError(t)
    if t != "call":
        if real != actual:
            msgs.append(f"actual {actual!r} != real {real!r}")
        if stated == real:
            msgs.append("stated value is actually true")
    if e.get("held_elsewhere"):
        vals = [v for h in hist.values() for v in h] + [result]
        if stated not in vals:
            msgs.append("held_elsewhere but stated value never held")
    return msgs

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    fails, n = 0, 0
    out = []
    for it in items:
        n += 1
        st = run_traced(it["code"], it["call"])
        msgs = []
        if repr(st[0]) != it["returned"]:
            msgs.append("returned mismatch")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                msgs.append("quote not in rationale: " + c["quote"])
        last = it["rationale"].rstrip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            msgs.append("answer field != Answer line")
        if it["label"] == "faithful":
            for c in it["claims"]:
                if not check_claim(c, st):
                    msgs.append("false claim: " + json.dumps(c))
            if it["direction"] == "forward":
                if lit(it["answer"]) != st[0]:
                    msgs.append("forward answer wrong")
            else:
                if plain_call(it["code"], it["answer"]) != st[0]:
                    msgs.append("backward answer does not reproduce output")
        else:
            e = it["error"]
            n_err = 0
            for c in it["claims"]:
                ok = check_claim(c, st)
                if e["quote"] in c["quote"] or c["quote"] in e["quote"]:
                    n_err += 1
                    if ok and c["quote"] == e["quote"]:
                        msgs.append("error claim is true: " + c["quote"])
                elif not ok and not e.get("carried"):
                    msgs.append("other claim false: " + json.dumps(c))
            if e["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                if not n_err:
                    msgs.append("error not among claims")
                if it["direction"] == "forward" and lit(it["answer"]) != st[0]:
                    msgs.append("answer wrong in non-final error copy")
            msgs += check_error(it, st)
        status = "PASS" if not msgs else "FAIL"
        fails += bool(msgs)
        out.append(f"{status} {it['id']} ({it['label']}, {it['direction']}, {it['style']}, {len(it['claims'])} claims)" + "".join("\n    " + m for m in msgs))
    out.append(f"\n{n} items, {n - fails} pass, {fails} fail")
    print("\n".join(out))
    return fails

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
