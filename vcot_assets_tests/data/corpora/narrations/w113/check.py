"""Standalone checker for w113 narrations: re-executes each program with sys.settrace,
records per-variable value histories, and verifies claims / errors."""
import json, sys, copy, re

def run_traced(code, call):
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    hist = {}          # var name -> list of values in order of change
    timeline = []      # (name, value) in order of change, for "during iteration" checks
    lines = {}         # line_no -> execution count
    last = {}          # frame id -> {name: value}
    def snap(frame):
        d = {}
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in getattr(v, "__dict__", {}).items():
                    d["self." + a] = av
            else:
                d[k] = v
        prev = last.setdefault(id(frame), {})
        for k, v in d.items():
            try:
                same = k in prev and prev[k] == v and type(prev[k]) == type(v)
            except Exception:
                same = False
            if not same:
                c = copy.deepcopy(v)
                hist.setdefault(k, []).append(c)
                timeline.append((k, c))
                prev[k] = c
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        snap(frame)
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        if event == "return":
            last.pop(id(frame), None)
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    hist["__timeline__"] = timeline
    return ret, hist, lines

def values_during(hist, var, when_var, when_val):
    """Values `var` holds while `when_var == when_val` (its value on entry included)."""
    cur, inside, vals = None, False, set()
    for k, v in hist["__timeline__"]:
        if k == when_var:
            inside = (v == when_val)
            if inside and cur is not None:
                vals.add(repr(cur))
        if k == var:
            cur = v
            if inside:
                vals.add(repr(v))
    return vals

def evaluate(code, call):
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def arith_value(quote):
    q = quote.strip("` ")
    for sep in [" is ", "="]:
        if sep in q:
            left = q.rsplit(sep, 1)[0] if sep == "=" else q.split(sep, 1)[0]
            return eval(left.strip("` "))
    raise ValueError(quote)

def check_claim(c, ret, hist, lines, code, direction, output):
    """Return True if the claim is true of the execution."""
    w = c["what"]
    if w == "value":
        h = hist.get(c["variable"], [])
        val = eval(c["value"])
        if "when" in c:
            w2 = c["when"]
            return repr(val) in values_during(hist, c["variable"], w2[0], w2[1])
        if "index" in c:
            i = c["index"]
            return i < len(h) and h[i] == val
        return val in h
    if w == "count":
        v = c["variable"]
        m = re.match(r"loop@line (\d+)", v)
        if m:  # number of times the first body line ran
            n = lines.get(int(m.group(1)) + 1, 0)
        else:
            n = len(hist.get(v, []))  # number of values the loop variable took
        return n == eval(c["value"])
    if w == "arith":
        if "expr" in c:
            return eval(c["expr"]) == eval(c["value"])
        return arith_value(c["quote"]) == eval(c["value"])
    if w == "comparison":
        return bool(eval(c["expr"])) == eval(c["value"])
    if w == "return":
        return ret == eval(c["value"])
    if w == "call":
        g = {}
        return evaluate(code, c["value"]) == output
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    ok_all = True
    out = []
    faithful = {i["id"]: i for i in items if i["label"] == "faithful"}
    for it in items:
        probs = []
        ret, hist, lines = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append("returned mismatch %r" % (ret,))
        output = ret
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("quote not in rationale: " + c["quote"])
        last = it["rationale"].strip().splitlines()[-1]
        if it["answer"] not in last:
            probs.append("answer not in last line")
        if it["label"] == "faithful":
            for c in it["claims"]:
                try:
                    if not check_claim(c, ret, hist, lines, it["code"], it["direction"], output):
                        probs.append("false claim: %s" % c["quote"])
                except Exception as e:
                    probs.append("claim error %s: %s" % (c["quote"], e))
            if it["direction"] == "forward":
                if eval(it["answer"]) != ret:
                    probs.append("forward answer wrong")
            else:
                if evaluate(it["code"], it["answer"]) != output:
                    probs.append("backward answer does not reproduce output")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                probs.append("error quote missing")
            f = faithful[it["faithful_id"]]
            if it["rationale"] == f["rationale"]:
                probs.append("identical to faithful")
            k = e["kind"]
            ec = [c for c in it["claims"] if c["quote"] == e["quote"]]
            if k == "wrong_final_answer":
                if eval(it["answer"]) == ret:
                    probs.append("wrong_final_answer is actually right")
            elif k == "backward_wrong_input":
                try:
                    r2 = evaluate(it["code"], it["answer"])
                except Exception:
                    r2 = object()
                if r2 == output:
                    probs.append("backward_wrong_input actually reproduces output")
            else:
                if not ec:
                    probs.append("no claim for error quote")
                for c in ec:
                    if check_claim(c, ret, hist, lines, it["code"], it["direction"], output):
                        probs.append("error claim is TRUE at that point: " + c["quote"])
                    if c["what"] == "value" and e.get("held_elsewhere"):
                        if eval(c["value"]) not in hist.get(c["variable"], []):
                            probs.append("held_elsewhere but value never held")
                    if k == "impossible_state" and eval(c["value"]) in hist.get(c["variable"], []):
                        probs.append("impossible_state value is held somewhere")
                # answer still right for these kinds
                if it["direction"] == "forward" and not e.get("carried") and eval(it["answer"]) != ret:
                    probs.append("forward answer changed for non-final error")
            # other claims (not the error) must hold
            for c in it["claims"]:
                if c["quote"] == e["quote"]:
                    continue
                if e.get("carried"):
                    continue
                try:
                    if not check_claim(c, ret, hist, lines, it["code"], it["direction"], output):
                        probs.append("other claim false: " + c["quote"])
                except Exception as ex:
                    probs.append("claim error %s: %s" % (c["quote"], ex))
        status = "PASS" if not probs else "FAIL"
        ok_all &= not probs
        out.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    out.append("ALL PASS" if ok_all else "SOME FAIL")
    out.append("items: %d" % len(items))
    print("\n".join(out))

if __name__ == "__main__":
    main()
