"""Standalone checker for w470 narrations: re-executes each program under sys.settrace
(tracer.py) and checks returned values, every claim, answers, and that each error is false."""
import json, ast, sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tracer import run_traced, plain

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, ctx):
    res, hist, counts, code = ctx
    w, v = c["what"], lit(c["value"])
    last = {k: h[-1] for k, h in hist.items()}
    if w == "value":
        if c.get("expr"):
            return eval(c["expr"], {"H": last}) == v
        h = hist.get(c["variable"], [])
        if c.get("seq"):
            n = len(v)
            return any(h[i:i + n] == v for i in range(len(h) - n + 1))
        return v in h
    if w == "count":
        return sum(counts.get((f, l), 0) for f, l in c["lines"]) == v
    if w in ("comparison", "arith"):
        return eval(c["expr"], {}) == v
    if w == "call":
        if c.get("expr"):
            return eval(c["expr"], {}) == v
        return plain(code, v.split("Answer: ")[-1]) == res
    if w == "return":
        return v == res
    raise ValueError(w)

def check_value_at(chk, stated, actual, hist, held):
    h = hist.get(chk["var"], [])
    st, ac = lit(stated), lit(actual)
    ok = chk["index"] < len(h) and h[chk["index"]] == ac and st != ac
    if held:
        ok = ok and st in hist.get(chk.get("held_var", chk["var"]), [])
    return ok

def check_error(item, ctx):
    res, hist, counts, code = ctx
    e = item["error"]; chk = e["check"]; t = chk["type"]
    if e["quote"] not in item["rationale"]:
        return False, "quote missing"
    if t == "answer":
        if item["direction"] == "forward":
            return lit(item["answer"]) != res, "answer"
        try:
            got = plain(code, item["answer"])
        except Exception as ex:
            return True, "answer raises"
        return got != res, "answer returns %r" % (got,)
    if t == "arith":
        ok = eval(chk["expr"], {}) != lit(e["stated"]) and eval(chk["expr"], {}) == lit(e["actual"])
        if e.get("held_elsewhere"):
            ok = ok and lit(e["stated"]) in hist.get(chk["held_var"], [])
        return ok, "arith"
    if t == "comparison":
        return eval(chk["expr"], {}) != lit(e["stated"]), "comparison"
    if t == "count":
        n = sum(counts.get((f, l), 0) for f, l in chk["lines"])
        ok = n != lit(e["stated"]) and n == lit(e["actual"])
        if e.get("held_elsewhere"):
            ok = ok and lit(e["stated"]) in hist.get(chk["held_var"], [])
        return ok, "count %d" % n
    if t == "absent":
        return lit(e["stated"]) not in hist.get(chk["var"], []), "absent"
    if t == "value_at":
        return check_value_at(chk, e["stated"], e["actual"], hist, e.get("held_elsewhere")), "value_at"
    if t == "multi":
        return all(check_value_at(c, c["stated"], c["actual"], hist, False) for c in chk["checks"]), "multi"
    return False, "unknown check"

def main(path):
    items = [json.loads(l) for l in open(path)]
    ok_all, lines = True, []
    cache = {}
    for it in items:
        key = (it["code"], it["call"])
        if key not in cache:
            res, hist, counts = run_traced(it["code"], it["call"])
            cache[key] = (res, hist, counts, it["code"])
        ctx = cache[key]
        res = ctx[0]
        probs = []
        if repr(res) != it["returned"]:
            probs.append("returned mismatch")
        if not it["rationale"].rstrip().endswith("Answer: " + it["answer"]):
            probs.append("answer line")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("claim quote missing: " + c["quote"])
        if it["label"] == "faithful":
            for c in it["claims"]:
                if not check_claim(c, ctx):
                    probs.append("false claim: " + c["quote"])
            if it["direction"] == "forward":
                if lit(it["answer"]) != res: probs.append("forward answer wrong")
            else:
                if plain(it["code"], it["answer"]) != res: probs.append("backward answer wrong")
        else:
            ok, why = check_error(it, ctx)
            if not ok:
                probs.append("error not confirmed false: " + why)
            errq = it["error"]["quote"]
            for c in it["claims"]:
                if c["quote"] in errq or errq in c["quote"]:
                    continue
                if not check_claim(c, ctx):
                    probs.append("other claim false: " + c["quote"])
            if it["error"]["kind"] not in ("wrong_final_answer", "backward_wrong_input") and not it["error"]["carried"]:
                if it["direction"] == "forward":
                    if lit(it["answer"]) != res: probs.append("answer should stay right")
                elif plain(it["code"], it["answer"]) != res: probs.append("answer should stay right")
        status = "PASS" if not probs else "FAIL"
        ok_all &= not probs
        lines.append(f"{status} {it['id']} ({len(it['claims'])} claims)" + ("" if not probs else " :: " + "; ".join(probs)))
    lines.append(f"TOTAL {len(items)} items, {sum(l.startswith('PASS') for l in lines)} pass -> {'ALL PASS' if ok_all else 'FAILURES'}")
    return ok_all, lines

if __name__ == "__main__":
    ok, lines = main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "narrations.jsonl"))
    print("\n".join(lines))
    sys.exit(0 if ok else 1)
