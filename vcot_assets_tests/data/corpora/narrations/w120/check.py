"""Standalone checker for w120 narrations: runs each program with sys.settrace,
records per-variable value histories (locals and self.* attributes) and line hit
counts, then checks claims, answers and error copies against that execution."""
import ast, json, sys, copy

def run_traced(code, call):
    hist = {}      # var -> list of values in order of change (per frame, concatenated)
    hits = {}      # line -> count
    fname = "<w120prog>"
    def snap(frame):
        loc = frame.f_locals
        items = {k: v for k, v in loc.items() if k != "self"}
        if "self" in loc and hasattr(loc["self"], "__dict__"):
            for k, v in vars(loc["self"]).items():
                items["self." + k] = v
        st = prev.setdefault(frame, {})
        for k, v in items.items():
            try:
                c = copy.deepcopy(v)
            except Exception:
                c = v
            if k not in st or st[k] != c:
                st[k] = c
                hist.setdefault(k, []).append(c)
    prev = {}
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != fname:
            return tracer
        if event == "line":
            snap(frame)
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        elif event == "return":
            snap(frame)
        return tracer
    ns = {}
    exec(compile(code, fname, "exec"), ns)
    sys.settrace(tracer)
    try:
        result = eval(compile(call, fname + "call", "eval"), ns)
    finally:
        sys.settrace(None)
    return result, hist, hits

def plain(code, call):
    ns = {}
    exec(code, ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def arith_val(q):
    left = q.rsplit("=", 1)[0] if ("=" in q.replace("==", "").replace("<=", "").replace(">=", "").replace("!=", "")) else q
    left = left.replace("`", "").strip()
    return eval(left, {})

def claim_true(c, item, hist, hits, result):
    w = c["what"]; v = lit(c["value"])
    if w == "value":
        h = hist.get(c["variable"], [])
        if c.get("subseq"):
            it = iter(h)
            return all(any(x == y for y in it) for x in v)
        if c.get("seq"):
            return any(h[i:i + len(v)] == v for i in range(len(h)))
        return v in h
    if w == "count":
        line = int(c["variable"].split("@line")[1])
        return hits.get(line, 0) == v
    if w == "comparison":
        return bool(eval(c.get("expr", c["quote"].replace("`", "")), {})) == v
    if w == "arith":
        return arith_val(c.get("expr", c["quote"])) == v
    if w == "return":
        return v == result
    if w == "call":
        return plain(item["code"], c["expr"]) == v
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")]
    fails = 0; out = []
    for it in items:
        probs = []
        result, hist, hits = run_traced(it["code"], it["call"])
        if repr(result) != it["returned"]:
            probs.append("returned mismatch %r" % (result,))
        r = it["rationale"]
        last = r.strip().splitlines()[-1]
        if it["answer"] not in last:
            probs.append("answer not in last line")
        for c in it["claims"]:
            if c["quote"] not in r:
                probs.append("claim quote not in rationale: %r" % c["quote"])
        err = it["error"]
        equote = err["quote"] if err else None
        for c in it["claims"]:
            if err and c["quote"] == equote:
                continue
            try:
                ok = claim_true(c, it, hist, hits, result)
            except Exception as e:
                ok = False; probs.append("claim error %r %s" % (c["quote"], e))
            if not ok and not (err and err.get("carried") and c.get("carried")):
                probs.append("false claim: %r" % c["quote"])
        # answer
        if it["direction"] == "forward":
            ans_ok = (lit(it["answer"]) == result)
        else:
            try:
                ans_ok = repr(plain(it["code"], it["answer"])) == it["returned"]
            except Exception:
                ans_ok = False
        wrong_answer_kinds = ("wrong_final_answer", "backward_wrong_input")
        if it["label"] == "faithful" or err["kind"] not in wrong_answer_kinds:
            if not ans_ok:
                probs.append("answer wrong")
        if err:
            if equote not in r:
                probs.append("error quote not in rationale")
            if err["stated"] not in equote:
                probs.append("stated not in quote")
            chk = err["check"]; t = chk["type"]; stated = None if t == "answer" else lit(chk.get("stated_value", err["stated"]))
            if t == "answer":
                if ans_ok: probs.append("error answer is actually right")
            elif t == "history_index":
                h = hist.get(chk["variable"], [])
                actual = h[chk["index"]]
                if actual == stated: probs.append("stated equals value at that point")
                if actual != lit(chk.get("actual_value", err["actual"])): probs.append("actual mismatch %r" % (actual,))
                if err.get("held_elsewhere") and stated not in hist.get(chk.get("held_var", chk["variable"]), []):
                    probs.append("held_elsewhere but never held")
            elif t == "absent":
                if stated in hist.get(chk["variable"], []): probs.append("impossible_state value does occur")
            elif t == "arith":
                if arith_val(chk["expr"]) == stated: probs.append("arith actually right")
                if arith_val(chk["expr"]) != lit(err["actual"]): probs.append("arith actual mismatch")
            elif t == "count":
                line = int(chk["variable"].split("@line")[1])
                if hits.get(line, 0) == stated: probs.append("count actually right")
                if hits.get(line, 0) != lit(err["actual"]): probs.append("count actual mismatch")
            elif t == "comparison":
                if bool(eval(chk["expr"], {})) == stated: probs.append("comparison actually right")
            else:
                probs.append("unknown check " + t)
            if err.get("held_elsewhere") and "held_value" in chk:
                if lit(chk["held_value"]) not in hist.get(chk["held_var"], []):
                    probs.append("held_value not held by %s" % chk["held_var"])
            elif err.get("held_elsewhere") and t in ("arith", "count"):
                hv = hist.get(chk.get("held_var", ""), [])
                if stated not in hv and stated not in hits.values():
                    probs.append("held_elsewhere value not held by %s" % chk.get("held_var"))
        status = "PASS" if not probs else "FAIL"
        if probs: fails += 1
        out.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    out.append("items: %d, failures: %d" % (len(items), fails))
    print("\n".join(out))
    return fails

if __name__ == "__main__":
    sys.exit(1 if main() else 0)
