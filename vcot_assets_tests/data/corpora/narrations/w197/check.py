"""Standalone checker for w197 narrations: runs each call under sys.settrace,
records per-variable value histories (including self.<attr>) and per-line hit
counts of the program's own code, then checks claims and error copies."""
import ast, copy, json, re, sys

def run_traced(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist, hits = {}, {}
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
                v = copy.deepcopy(v)
            except Exception:
                continue
            h = hist.setdefault(k, [])
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        snap(frame)
        if event == "return":
            hist.setdefault("<return:" + frame.f_code.co_name + ">", []).append(copy.deepcopy(arg))
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, hits

def plain_call(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def arith_value(quote):
    q = quote.replace("`", "").replace("×", "*")
    segs = re.split(r"(?<![=!<>])=(?!=)", q)
    expr = segs[-2].strip()
    expr = re.sub(r"^(?:[A-Za-z]+\s+)+", "", expr)
    return eval(expr, {"__builtins__": {"min": min, "max": max, "len": len, "abs": abs}}, {})

def count_of(hits, var):
    m = re.search(r"line (\d+)", var)
    return hits.get(int(m.group(1)), 0)

def check_claim(c, ret, hist, hits):
    w, v = c["what"], lit(c["value"])
    if w == "value":
        return c["variable"] in hist and v in hist[c["variable"]]
    if w == "count":
        return count_of(hits, c["variable"]) == v
    if w == "arith":
        return arith_value(c["quote"]) == v
    if w == "return":
        return v == ret
    if w == "comparison":
        return isinstance(v, bool) and eval(c["expr"], {"__builtins__": {"len": len, "min": min}}, {}) == v
    if w == "call":
        return True
    return False

def check_error(item, ret, hist, hits):
    e = item["error"]
    at = e.get("at", {})
    actual = lit(at["actual_value"]) if "actual_value" in at else None
    kind = e["kind"]
    stated = lit(at["value"]) if "value" in at else (lit(e["stated"]) if kind not in ("backward_wrong_input",) else None)
    if kind in ("wrong_final_answer",):
        return lit(item["answer"]) != ret
    if kind == "backward_wrong_input":
        try:
            r2 = plain_call(item["code"], item["answer"])
        except Exception:
            return True
        return r2 != lit(item["returned"])
    t = at.get("type")
    if t == "arith":
        return arith_value(e["quote"]) != stated and arith_value(e["quote"]) == lit(e["actual"])
    if t == "count":
        return count_of(hits, at["var"]) != stated and count_of(hits, at["var"]) == (actual if actual is not None else lit(e["actual"]))
    if t == "history":
        h = hist[at["var"]]
        act = lit(at["actual_value"]) if "actual_value" in at else lit(e["actual"]) if "value" not in at else h[at["index"]]
        ok = h[at["index"]] != stated and h[at["index"]] == act
        if e.get("held_elsewhere"):
            ok = ok and any(stated in hh for hh in hist.values() if isinstance(hh, list))
        return ok
    if t == "never":
        return stated not in hist.get(at["var"], [])
    if t == "comparison":
        return eval(at["expr"], {"__builtins__": {"len": len, "min": min}}, {}) != stated
    return False

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    byid = {i["id"]: i for i in items}
    fails, n = [], 0
    for it in items:
        n += 1
        msgs = []
        ret, hist, hits = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            msgs.append("returned mismatch")
        if not it["rationale"].rstrip().endswith("Answer: " + it["answer"]) and "Answer: " + it["answer"] not in it["rationale"].splitlines()[-1]:
            msgs.append("answer line mismatch")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                msgs.append("quote missing: " + c["quote"])
        if it["label"] == "faithful":
            for c in it["claims"]:
                if not check_claim(c, ret, hist, hits):
                    msgs.append("false claim: %r" % c)
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret:
                    msgs.append("forward answer wrong")
            else:
                if plain_call(it["code"], it["answer"]) != lit(it["returned"]):
                    msgs.append("backward answer does not reproduce output")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                msgs.append("error quote missing")
            if e["stated"] not in e["quote"]:
                msgs.append("stated not in quote")
            if not check_error(it, ret, hist, hits):
                msgs.append("error not confirmed false")
            f = byid.get(it["faithful_id"])
            if f is None:
                msgs.append("no faithful")
            # every other claim shared with faithful must still be true
            for c in it["claims"]:
                if c["quote"] == e["quote"] or c.get("carried"):
                    continue
                if not check_claim(c, ret, hist, hits):
                    msgs.append("false non-error claim: %r" % c)
        if msgs:
            fails.append((it["id"], msgs))
    out = ["items checked: %d" % n, "failures: %d" % len(fails)]
    for i, m in fails:
        out.append(i + ": " + "; ".join(m))
    out.append("RESULT: " + ("PASS" if not fails else "FAIL"))
    open("check_report.txt", "w").write("\n".join(out) + "\n")
    print("\n".join(out))

if __name__ == "__main__":
    main()
