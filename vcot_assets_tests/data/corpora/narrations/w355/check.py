"""Standalone checker for w355 narrations: re-executes each program with sys.settrace and
checks every claim (faithful: all true; error copies: the error claim false, the rest true)."""
import ast, json, sys
from collections import defaultdict

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    changes = defaultdict(list)        # var -> list of distinct successive values
    after = defaultdict(list)          # (line, var) -> values seen right after `line` ran
    linecount = defaultdict(int)       # line -> times executed
    last = {}
    def snap(frame):
        d = {k: v for k, v in frame.f_locals.items() if k != "self"}
        s = frame.f_locals.get("self")
        if s is not None and hasattr(s, "__dict__"):
            for k, v in vars(s).items():
                d["self." + k] = v
        return {k: repr(v) for k, v in d.items()}
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        def local(frame, event, arg):
            cur = snap(frame)
            prev = last.get(id(frame))
            if prev is not None:
                for k, v in cur.items():
                    after[(prev, k)].append(v)
            for k, v in cur.items():
                if not changes[k] or changes[k][-1] != v:
                    changes[k].append(v)
            if event == "line":
                linecount[frame.f_lineno] += 1
                last[id(frame)] = frame.f_lineno
            return local
        return local(frame, event, arg)
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return result, changes, after, linecount

def plain_eval(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, res, changes, after, linecount):
    what = c["what"]
    if what in ("arith", "comparison"):
        expr = c.get("expr") or c["quote"]
        return eval(expr, {"abs": abs, "min": min, "max": max, "len": len, "sum": sum, "range": range}) == lit(c["value"])
    if what == "return":
        return res == lit(c["value"])
    if what == "count":
        return linecount[c["line"]] == lit(c["value"])
    if what == "call":
        return True
    var = c["variable"]
    if "after_line" in c:
        hist = [lit(v) for v in after[(c["after_line"], var)]]
    else:
        hist = [lit(v) for v in changes[var]]
    val = lit(c["value"])
    if c.get("seq"):
        return hist[c.get("start", 0):c.get("stop", None)] == val
    if "index" in c:
        return c["index"] < len(hist) and hist[c["index"]] == val
    return val in hist

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    byid = {i["id"]: i for i in items}
    bad = 0
    lines = []
    for it in items:
        probs = []
        res, changes, after, linecount = run_traced(it["code"], it["call"])
        if repr(res) != it["returned"]:
            probs.append("returned mismatch %r" % (res,))
        if it["rationale"].rstrip().splitlines()[-1].strip() != "Answer: " + it["answer"] and \
           not it["rationale"].rstrip().endswith(it["answer"]):
            probs.append("answer line mismatch")
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == res
        else:
            ans_ok = repr(plain_eval(it["code"], it["answer"])) == it["returned"]
        err = it["error"]
        ekind = err["kind"] if err else None
        if ekind in ("wrong_final_answer", "backward_wrong_input"):
            if ans_ok: probs.append("error answer is actually right")
        elif not ans_ok and not (err and err.get("carried")):
            probs.append("answer wrong")
        equote = err["quote"] if err else None
        if err and equote not in it["rationale"]:
            probs.append("error quote not in rationale")
        found_err_claim = False
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("claim quote missing: %r" % c["quote"])
                continue
            ok = check_claim(c, res, changes, after, linecount)
            is_err = err is not None and c.get("is_error")
            if err and err.get("carried") and c.get("carried"):
                continue
            if is_err:
                found_err_claim = True
                if ok: probs.append("error claim is TRUE: %r" % c["quote"])
                if err.get("held_elsewhere"):
                    # stated value must occur somewhere in the run for that variable
                    allv = [lit(v) for vs in changes.values() for v in vs]
                    if c["what"] == "count":
                        pass
                    elif c["what"] == "arith":
                        if lit(c["value"]) not in allv:
                            probs.append("held_elsewhere arith value never held: %r" % c["quote"])
                    elif c.get("seq"):
                        hist = [lit(v) for v in after[(c["after_line"], c["variable"])]] if "after_line" in c else allv
                        hist = hist[c.get("start", 0):c.get("stop", None)]
                        wrong = [x for x, y in zip(lit(c["value"]), hist) if x != y]
                        if not wrong or any(x not in allv for x in wrong):
                            probs.append("held_elsewhere seq value never held: %r" % c["quote"])
                    elif lit(c["value"]) not in allv:
                        probs.append("held_elsewhere value never held: %r" % c["quote"])
            elif not ok:
                probs.append("claim false: %r (%s)" % (c["quote"], c["value"]))
        if err and ekind not in ("wrong_final_answer", "backward_wrong_input") and not found_err_claim:
            probs.append("no error claim")
        if err and it["faithful_id"] not in byid:
            probs.append("faithful_id missing")
        status = "PASS" if not probs else "FAIL"
        bad += bool(probs)
        lines.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    lines.append("items=%d failures=%d" % (len(items), bad))
    out = "\n".join(lines)
    print(out)
    open("check_report.txt", "w").write(out + "\n")
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
