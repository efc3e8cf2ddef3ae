"""Standalone checker for w415 narrations: re-executes each program under sys.settrace."""
import ast, copy, json, sys
from collections import defaultdict

FN = "<w415prog>"

def run(code, call):
    hist = defaultdict(list)      # var -> values, consecutive duplicates dropped
    rets = defaultdict(list)      # function name -> return values
    linehits = defaultdict(int)   # line -> count of 'line' events
    samples = defaultdict(list)   # line -> list of snapshots (state before that line runs)

    def snap(frame):
        s = {}
        for k, v in frame.f_locals.items():
            if k == "self":
                for ak, av in vars(v).items():
                    s["self." + ak] = av
            else:
                s[k] = v
        out = {}
        for k, v in s.items():
            try:
                out[k] = copy.deepcopy(v)
            except Exception:
                out[k] = v
        return out

    def record(s):
        for k, v in s.items():
            h = hist[k]
            if not h or h[-1] != v or type(h[-1]) is not type(v):
                h.append(v)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        def local(frame, event, arg):
            s = snap(frame)
            record(s)
            if event == "line":
                linehits[frame.f_lineno] += 1
                samples[frame.f_lineno].append(s)
            elif event == "return":
                rets[frame.f_code.co_name].append(copy.deepcopy(arg))
                samples["ret:" + frame.f_code.co_name].append(s)
            return local
        return local(frame, event, arg)

    ns = {}
    exec(compile(code, FN, "exec"), ns)
    callcode = compile(call, FN, "eval")
    sys.settrace(tracer)
    try:
        result = eval(callcode, ns)
    finally:
        sys.settrace(None)
    return result, hist, rets, linehits, samples

def plain_eval(code, call):
    ns = {}
    exec(compile(code, "<plain>", "exec"), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, item, ctx):
    result, hist, rets, linehits, samples = ctx
    w, var, val = c["what"], c["variable"], c["value"]
    if c["quote"] not in item["rationale"]:
        return "quote not in rationale"
    if w == "value":
        v = lit(val)
        if "seq_line" in c or "seq_ret" in c:
            # seq_line: sample before each run of that line; seq_ret: sample when that function returns
            key = c["seq_line"] if "seq_line" in c else "ret:" + c["seq_ret"]
            seq = [s.get(var) for s in samples[key]]
            if "seq_slice" in c:
                seq = seq[c["seq_slice"][0]:c["seq_slice"][1]]
            if c.get("seq_item"):
                seq = seq[0] if seq else None
            return None if seq == v else "sequence %r != %r" % (v, seq)
        return None if v in hist.get(var, []) else "%s never %r (history %r)" % (var, v, hist.get(var))
    if w == "count":
        # body_line: executions of the loop's first body line; iter_var: distinct successive values of the loop variable
        n = linehits[c["body_line"]] if "body_line" in c else len(hist[c["iter_var"]])
        return None if n == lit(val) else "count %s != %d" % (val, n)
    if w in ("arith", "comparison"):
        got = eval(c["expr"])
        return None if got == lit(val) else "%s evaluates to %r not %s" % (c["expr"], got, val)
    if w == "return":
        v = lit(val)
        if var is None:
            return None if v == result else "return %r != %r" % (v, result)
        return None if v in rets.get(var, []) else "%s never returned %r" % (var, v)
    if w == "call":
        got = plain_eval(item["code"], val)
        return None if got == result else "call gives %r" % (got,)
    return "unknown what " + w

def check_error(item, ctx):
    result, hist, rets, linehits, samples = ctx
    e = item["error"]; ck = e["check"]; t = ck["type"]
    if e["quote"] not in item["rationale"]:
        return "error quote missing"
    held = e.get("held_elsewhere", False)
    allvals = [x for h in hist.values() for x in h]
    def held_ok(v):
        if not held:
            # held_elsewhere false: the wrong value should not be one the program holds anywhere
            return None if v not in allvals else "held_elsewhere false but %r is held somewhere" % (v,)
        if "elsewhere_var" in ck:
            return None if v in hist.get(ck["elsewhere_var"], []) else "held_elsewhere but %r not in %s" % (v, ck["elsewhere_var"])
        return None if v in allvals else "held_elsewhere but %r never held" % (v,)
    if t == "arith":
        got = eval(ck["expr"]); v = lit(ck["stated"])
        if got == v:
            return "arith error is actually correct"
        return held_ok(v)
    if t == "comparison":
        return None if eval(ck["expr"]) != ck["stated"] else "comparison is actually true as stated"
    if t == "count":
        n = linehits[ck["line"]] if "line" in ck else len(hist[ck["iter_var"]])
        return None if n != ck["stated"] else "count actually right"
    if t == "value_at":
        h = hist[ck["variable"]]; v = lit(ck["stated"])
        if h[ck["index"]] == v:
            return "value at point is actually right"
        if h[ck["index"]] != lit(e["actual"]):
            return "actual mismatch %r vs %s" % (h[ck["index"]], e["actual"])
        return held_ok(v)
    if t == "seq_at":
        seq = [s.get(ck["variable"]) for s in samples[ck["line"]]]
        v = lit(ck["stated"])
        if seq[ck["index"]] == v:
            return "value at that iteration is actually right"
        if seq[ck["index"]] != lit(e["actual"]):
            return "actual mismatch %r vs %s" % (seq[ck["index"]], e["actual"])
        return held_ok(v)
    if t == "never":
        v = lit(ck["stated"])
        return None if v not in hist.get(ck["variable"], []) else "value is actually held"
    if t == "swap":
        a = hist[ck["a"]][ck["a_index"]]; b = hist[ck["b"]][ck["b_index"]]
        if a == lit(ck["a_stated"]) or b == lit(ck["b_stated"]):
            return "swap not wrong"
        if a != lit(ck["b_stated"]) or b != lit(ck["a_stated"]):
            return "not a swap of the two values"
        return None
    if t == "answer":
        if item["direction"] == "forward":
            return None if lit(item["answer"]) != result else "forward answer actually right"
        got = plain_eval(item["code"], item["answer"])
        return None if got != result else "backward answer actually returns output"
    return "unknown check " + t

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    ids = {i["id"] for i in items}
    fails = 0; lines = []
    for it in items:
        probs = []
        ctx = run(it["code"], it["call"])
        result = ctx[0]
        if repr(result) != it["returned"]:
            probs.append("returned mismatch %r" % (result,))
        last = it["rationale"].rstrip().splitlines()[-1]
        if last != "Answer: " + it["answer"]:
            probs.append("last line is not the Answer line")
        if it["label"] == "faithful":
            for c in it["claims"]:
                p = check_claim(c, it, ctx)
                if p: probs.append("claim %r: %s" % (c["quote"], p))
            if it["direction"] == "forward":
                if lit(it["answer"]) != result: probs.append("forward answer wrong")
            else:
                if plain_eval(it["code"], it["answer"]) != result: probs.append("backward answer wrong")
        else:
            if it["faithful_id"] not in ids: probs.append("faithful_id missing")
            p = check_error(it, ctx)
            if p: probs.append("error: " + p)
            # the remaining (non-error) claims must still be true
            for c in it["claims"]:
                if c["quote"] == it["error"]["quote"] or c["quote"] in it["error"]["quote"] or it["error"]["quote"] in c["quote"]:
                    continue
                if it["error"]["kind"] in ("wrong_final_answer", "backward_wrong_input") and c["quote"].startswith("Answer:"):
                    continue
                if it["error"].get("carried"):
                    continue
                p = check_claim(c, it, ctx)
                if p: probs.append("claim %r: %s" % (c["quote"], p))
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        lines.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    lines.append("TOTAL %d items, %d failing" % (len(items), fails))
    print("\n".join(lines))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
