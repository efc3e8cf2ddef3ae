"""Standalone checker for w412 narrations: runs each call under sys.settrace and checks claims."""
import ast, copy, json, sys
from collections import defaultdict

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist = defaultdict(list)      # (func, var) -> values in order of change
    hits = defaultdict(int)       # (func, line) -> times executed
    rets = defaultdict(list)      # func -> return values
    gall = defaultdict(list)      # var -> values in global execution order
    lines_seen = []               # (func, line, locals snapshot) before each line runs
    finals = {}                   # func -> locals at its last return
    def rec(frame):
        fn = frame.f_code.co_name
        for k, v in frame.f_locals.items():
            if k.startswith(".") :
                continue
            if k == "self":
                for a, av in getattr(v, "__dict__", {}).items():
                    for h in (hist[(fn, "self." + a)], gall["self." + a]):
                        if not h or h[-1] != av:
                            h.append(snap(av))
                continue
            g2 = gall[k]
            try:
                if not g2 or not (g2[-1] == v and type(g2[-1]) == type(v)):
                    g2.append(snap(v))
            except Exception:
                g2.append(snap(v))
            h = hist[(fn, k)]
            try:
                same = bool(h) and h[-1] == v and type(h[-1]) == type(v)
            except Exception:
                same = False
            if not same:
                h.append(snap(v))
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        fn = frame.f_code.co_name
        if event == "line":
            rec(frame)
            lines_seen.append((fn, frame.f_lineno, {k: snap(v) for k, v in frame.f_locals.items()}))
            hits[(fn, frame.f_lineno)] += 1
        elif event == "return":
            rec(frame)
            rets[fn].append(snap(arg))
            finals[fn] = {k: snap(v) for k, v in frame.f_locals.items()}
        return tr
    sys.settrace(tr)
    try:
        result = eval(call, g)
    finally:
        sys.settrace(None)
    g["__finals__"] = finals
    g["__lines__"] = lines_seen
    return result, gall_merge(hist, gall), hits, rets, g

def gall_merge(hist, gall):
    out = dict(hist)
    for k, v in gall.items():
        out[("*", k)] = v
    return out

def values_of(hist, var):
    if ":" in var:
        fn, v = var.split(":", 1)
        return hist.get((fn, v), [])
    return hist.get(("*", var), [])

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, result, hist, hits, rets, g):
    what = c["what"]
    val = lit(c["value"])
    if what == "value" and c.get("seq"):
        h = [x for x in values_of(hist, c["variable"])]
        val = [x for i, x in enumerate(val) if i == 0 or val[i - 1] != x]  # history collapses repeats
        n = len(val)
        if c.get("subseq"):
            it = iter(h)
            return all(any(x == y for y in it) for x in val), "not an in-order subsequence of %s" % c["variable"]
        return any(h[i:i + n] == list(val) for i in range(len(h) - n + 1)), "sequence not a run of %s" % c["variable"]
    if what == "value" and c.get("per_hit"):
        ph = c["per_hit"]
        got = [loc[ph["variable"]] for fn, ln, loc in g["__lines__"] if fn == ph["func"] and ln == ph["line"]]
        return got == list(val), "per-hit values %r" % (got,)
    if what == "value" and c.get("at_return"):
        return eval(c["expr"], {}, g["__finals__"][c["at_return"]]) == val, "final-state expr"
    if what == "value":
        return val in values_of(hist, c["variable"]), "value not in history of %s" % c["variable"]
    if what == "count":
        ln = c["line"]; fn = c["func"]
        n = hits.get((fn, ln), 0)
        if "per_call" in c:
            n = n // c["per_call"]
        return n == val, "count %s != %s" % (n, val)
    if what in ("arith", "comparison"):
        return eval(c["expr"], {}) == val, "expr %s != %r" % (c["expr"], val)
    if what == "return":
        if c.get("variable") and c["variable"] in rets:
            return val in rets[c["variable"]], "return of %s" % c["variable"]
        return val == result, "return != result"
    if what == "call":
        return eval(c["expr"], g) == val, "call %s != %r" % (c["expr"], val)
    return False, "unknown claim kind"

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    fails = 0
    lines = []
    for it in items:
        probs = []
        result, hist, hits, rets, g = run(it["code"], it["call"])
        if repr(result) != it["returned"]:
            probs.append("returned mismatch %r" % (result,))
        if it["rationale"].rstrip().splitlines()[-1].strip() != "Answer: " + it["answer"] and \
           not it["rationale"].rstrip().splitlines()[-1].strip().endswith(it["answer"]):
            probs.append("answer line mismatch")
        err = it["error"]
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("claim quote missing: %r" % c["quote"])
                continue
            if err and (c["quote"] == err["quote"] or c.get("in_error")):
                continue
            ok, why = check_claim(c, result, hist, hits, rets, g)
            if not ok:
                probs.append("claim false: %r (%s)" % (c["quote"], why))
        ans_ok = None
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == result
        else:
            ans_ok = eval(it["answer"], g) == result
        if it["label"] == "faithful":
            if not ans_ok:
                probs.append("faithful answer wrong")
        else:
            e = err
            if e["quote"] not in it["rationale"]:
                probs.append("error quote missing")
            at = e["at"]; t = at["type"]; stated = lit(e["stated"]) if t not in ("answer",) else None
            if t == "answer":
                if ans_ok:
                    probs.append("error answer is actually right")
                if e["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                    probs.append("answer error with wrong kind")
            else:
                if not ans_ok:
                    probs.append("error copy has wrong final answer")
                if t == "var_index":
                    h = values_of(hist, at["variable"])
                    truth = h[at["index"]]
                    if truth == stated or truth != lit(e["actual"]):
                        probs.append("var_index check failed: truth %r" % (truth,))
                    if e.get("held_elsewhere") and not any(stated in vs for vs in hist.values()):
                        probs.append("held_elsewhere but value never held")
                elif t == "never":
                    if stated in values_of(hist, at["variable"]):
                        probs.append("impossible value actually held")
                elif t in ("arith", "comparison"):
                    truth = eval(at["expr"], {})
                    if truth == stated or truth != lit(e["actual"]):
                        probs.append("arith/comparison check failed")
                    if e.get("held_elsewhere") and not any(stated in vs for vs in hist.values()):
                        probs.append("held_elsewhere but value never held")
                elif t == "count":
                    n = hits.get((at["func"], at["line"]), 0)
                    if "per_call" in at:
                        n //= at["per_call"]
                    if n == stated or n != lit(e["actual"]):
                        probs.append("count check failed %d" % n)
                elif t == "result_expr":
                    truth = eval(at["expr"], {"result": result})
                    if truth == stated or truth != lit(e["actual"]):
                        probs.append("result_expr check failed")
                elif t == "seq_index":
                    h = values_of(hist, at["variable"])
                    truth = h[at["index"]]
                    if truth == stated or truth != lit(e["actual"]):
                        probs.append("seq_index check failed: truth %r" % (truth,))
                    if e.get("held_elsewhere") and not any(stated in vs for vs in hist.values()):
                        probs.append("held_elsewhere but value never held")
                elif t == "at_return":
                    truth = eval(at["expr"], {}, g["__finals__"][at["func"]])
                    if truth == stated or truth != lit(e["actual"]):
                        probs.append("at_return check failed %r" % (truth,))
                elif t == "at_line":
                    hitsl = [loc for fn, ln, loc in g["__lines__"] if fn == at["func"] and ln == at["line"]]
                    truth = eval(at["expr"], {}, hitsl[at["hit"]]) if "expr" in at else hitsl[at["hit"]][at["variable"]]
                    if truth == stated or truth != lit(e["actual"]):
                        probs.append("at_line check failed %r" % (truth,))
                    if e.get("held_elsewhere") and not any(stated in vs for vs in hist.values()):
                        probs.append("held_elsewhere but value never held")
                elif t == "compare_at":
                    truth = eval(at["expr"], {})
                    if truth == stated:
                        probs.append("comparison error is actually true")
                else:
                    probs.append("unknown error check")
        status = "PASS" if not probs else "FAIL"
        if probs:
            fails += 1
        lines.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    lines.append("TOTAL %d items, %d failing" % (len(items), fails))
    print("\n".join(lines))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
