"""Standalone checker for w263 narrations: re-executes each program with sys.settrace."""
import ast, copy, json, sys
from collections import defaultdict

FN = "<w263prog>"

def lit(s):
    if not isinstance(s, str):
        return s
    try:
        return ast.literal_eval(s)
    except (ValueError, SyntaxError):
        return s

def run(code, call):
    hist = defaultdict(list)          # var -> change history (per frame, merged in time order)
    last = {}                         # (frame id, var) -> last value
    line_snap = defaultdict(list)     # line -> [locals snapshot at each visit]
    line_count = defaultdict(int)
    rets = []
    def snap(frame):
        d = {}
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in getattr(v, "__dict__", {}).items():
                    d["self." + a] = av
            else:
                d[k] = v
        return d
    def record(frame):
        for k, v in snap(frame).items():
            try:
                cv = eval(repr(v))
            except Exception:
                continue
            key = (id(frame), k)
            if key not in last or last[key] != cv or type(last[key]) != type(cv):
                last[key] = cv
                hist[k].append(cv)
    def tr(frame, ev, arg):
        if frame.f_code.co_filename != FN:
            return None
        record(frame)
        if ev == "line":
            line_count[frame.f_lineno] += 1
            d = {}
            for k, v in snap(frame).items():
                try:
                    d[k] = copy.deepcopy(v)
                except Exception:
                    d[k] = v
            line_snap[frame.f_lineno].append(d)
        if ev == "return":
            rets.append(arg)
        return tr
    g = {}
    exec(compile(code, FN, "exec"), g)
    sys.settrace(tr)
    try:
        r = eval(compile(call, FN, "eval"), g)
    finally:
        sys.settrace(None)
    return r, hist, line_count, line_snap, rets

def plain_eval(code, call):
    g = {}
    exec(compile(code, "<w263plain>", "exec"), g)
    return eval(call, g)

def claim_ok(c, res):
    r, hist, lc, ls, rets = res
    w, v = c["what"], lit(c["value"])
    if w == "value":
        var = c["variable"]
        if var is None:
            return any(v in h for h in hist.values()) or v in rets or v == r
        return v in hist.get(var, []) or (var == "return" and v in rets)
    if w == "count":
        lab = c["variable"]
        line = int(lab.split("line")[1])
        return lc.get(line, 0) == v
    if w in ("arith", "comparison"):
        return eval(c["expr"]) == v
    if w == "return":
        return v == r or v in rets
    if w == "call":
        return True
    return False

def error_false(item, res):
    """Return True if the error is really false at the point it is stated."""
    r, hist, lc, ls, rets = res
    e = item["error"]; chk = e["check"]; t = chk["type"]
    stated = lit(e["stated"])
    if t == "answer":
        if item["direction"] == "forward":
            return lit(item["answer"]) != r
        return plain_eval(item["code"], item["answer"]) != r
    if t == "arith":
        ok = eval(chk["expr"]) != stated
        if e.get("held_elsewhere"):
            ok = ok and any(stated in h for h in hist.values())
        return ok
    if t == "comparison":
        return eval(chk["expr"]) != stated
    if t == "count":
        ok = lc.get(chk["line"], 0) != stated
        if e.get("held_elsewhere"):
            ok = ok and any(stated in h for h in hist.values())
        return ok
    if t == "never":
        return stated not in hist.get(chk["variable"], [])
    if t == "at_line":
        snapv = ls[chk["line"]][chk["visit"] - 1]
        if "variable" in chk:
            actual = snapv[chk["variable"]]
            ok = actual != stated and actual == lit(e["actual"])
            if e.get("held_elsewhere"):
                ok = ok and any(stated in h for h in hist.values())
            return ok
        st = chk["stated"]
        return any(snapv[k] != lit(x) for k, x in st.items()) and all(snapv[k] == lit(x) for k, x in chk["expect"].items())
    if t == "nth":
        h = hist[chk["variable"]]
        ok = h[chk["nth"]] != stated and h[chk["nth"]] == lit(e["actual"])
        if e.get("held_elsewhere"):
            ok = ok and any(stated in hh for hh in hist.values())
        return ok
    return False

def main(path):
    items = [json.loads(l) for l in open(path)]
    byid = {it["id"]: it for it in items}
    out, bad = [], 0
    for it in items:
        probs = []
        res = run(it["code"], it["call"])
        r = res[0]
        if repr(r) != it["returned"]:
            probs.append("returned mismatch %r" % (r,))
        if not it["rationale"].rstrip().splitlines()[-1].strip():
            probs.append("empty last line")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("quote missing: " + c["quote"])
        if it["label"] == "faithful":
            for c in it["claims"]:
                if not claim_ok(c, res):
                    probs.append("false claim: %r" % c)
            if it["direction"] == "forward":
                if lit(it["answer"]) != r:
                    probs.append("forward answer wrong")
            else:
                if plain_eval(it["code"], it["answer"]) != r:
                    probs.append("backward answer wrong")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                probs.append("error quote missing")
            if it["faithful_id"] not in byid:
                probs.append("no faithful")
            if not error_false(it, res):
                probs.append("error not false: %r" % e)
            if e["kind"] not in ("wrong_final_answer", "backward_wrong_input") and not e.get("carried"):
                if it["direction"] == "forward" and lit(it["answer"]) != r:
                    probs.append("answer should stay right")
                if it["direction"] == "backward" and plain_eval(it["code"], it["answer"]) != r:
                    probs.append("answer should stay right")
            for c in it["claims"]:
                if c["quote"] == e["quote"]:
                    continue
                if not claim_ok(c, res):
                    probs.append("false non-error claim: %r" % c)
        status = "PASS" if not probs else "FAIL"
        bad += bool(probs)
        out.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    out.append("TOTAL %d items, %d failing" % (len(items), bad))
    return "\n".join(out), bad

if __name__ == "__main__":
    rep, bad = main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")
    print(rep)
    sys.exit(1 if bad else 0)
