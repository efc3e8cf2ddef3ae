"""Standalone checker for w144 narrations: re-executes each program with sys.settrace,
records per-variable value histories and per-line execution counts, and checks claims."""
import sys, json, ast, copy, re
from collections import defaultdict

def run_traced(code, call):
    hist = defaultdict(list)      # var -> list of successive distinct values (per frame, merged in time order)
    last = {}                     # (frame id, var) -> last value seen
    lines = defaultdict(int)
    def snap(frame):
        loc = dict(frame.f_locals)
        items = list(loc.items())
        s = loc.get("self")
        if s is not None and hasattr(s, "__dict__"):
            items += [("self." + k, v) for k, v in vars(s).items()]
        for k, v in items:
            if k.startswith(".") or k == "self":
                continue
            try:
                v2 = copy.deepcopy(v)
            except Exception:
                v2 = v
            key = k
            if key not in last or last[key] != v2:
                last[key] = v2
                hist[k].append(v2)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return tracer
        if event == "line":
            lines[frame.f_lineno] += 1
        snap(frame)
        return tracer
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def is_subseq(seq, h):
    it = iter(h)
    return all(any(x == y for y in it) for x in seq)

def plain_eval(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    return eval(call, ns)

def cmp_left(quote):
    return quote.strip().replace("`", "").split(" is ")[0]

def get_hist(hist, var):
    if var in hist:
        return hist[var]
    if var and "[" in var:
        base, sub = var[:var.index("[")], var[var.index("["):]
        out = []
        for v in hist.get(base, []):
            try:
                x = eval("_v" + sub, {"_v": v})
            except Exception:
                continue
            if not out or out[-1] != x:
                out.append(x)
        return out
    return []

def arith_left(quote):
    q = quote.strip().replace("`", "")
    for sep in (" returns ", " gives ", " = ", "=", " is "):
        if sep in q:
            return q.split(sep)[-2]
    return q

def claim_ok(c, ret, hist, lines, code):
    what, var = c["what"], c["variable"]
    val = ast.literal_eval(c["value"])
    if what == "value" and c.get("sequence"):
        return is_subseq(val, get_hist(hist, var))
    if what == "value":
        return any(h == val for h in get_hist(hist, var))
    if what == "count":
        m = re.search(r"line\s*(\d+)", var)
        return lines[int(m.group(1))] == val
    if what == "comparison":
        return bool(eval(cmp_left(c["quote"]))) == val
    if what == "arith":
        return eval(arith_left(c["quote"])) == val
    if what == "return":
        return ret == val
    if what == "call":
        return plain_eval(code, val) == ret
    raise ValueError(what)

def main(path):
    items = [json.loads(l) for l in open(path)]
    ids = {it["id"]: it for it in items}
    fails, lines_out = 0, []
    for it in items:
        probs = []
        ret, hist, lines = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append("returned mismatch")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("quote not in rationale: %r" % c["quote"])
        if not it["rationale"].rstrip().endswith(it["answer"]):
            probs.append("answer not on last line")
        err = it["error"]
        errq = err["quote"] if err else None
        for c in it["claims"]:
            if err and (c["quote"] == errq or c.get("carried")):
                continue
            if not claim_ok(c, ret, hist, lines, it["code"]):
                probs.append("claim false: %r" % c)
        fwd = it["direction"] == "forward"
        ans_ok = (ast.literal_eval(it["answer"]) == ret) if fwd else (plain_eval(it["code"], it["answer"]) == ret)
        if it["label"] == "faithful":
            if not ans_ok:
                probs.append("answer wrong")
        else:
            if errq not in it["rationale"]:
                probs.append("error quote missing")
            fid = it["faithful_id"]
            if fid not in ids:
                probs.append("faithful missing")
            k = err["kind"]
            stated = err["stated"]
            if k == "wrong_final_answer":
                ok = fwd and not ans_ok
            elif k == "backward_wrong_input":
                ok = (not fwd) and not ans_ok
            else:
                ok = ans_ok  # all other kinds keep the right final answer
                if not ans_ok:
                    probs.append("final answer should be right for " + k)
                ec = [c for c in it["claims"] if c["quote"] == errq]
                if not ec:
                    probs.append("no claim for error quote")
                    ok = False
                else:
                    c = ec[0]
                    v = ast.literal_eval(c["value"])
                    if k == "wrong_arithmetic":
                        ok = eval(arith_left(c["quote"])) != v
                    elif k == "off_by_one_loop_count":
                        m = re.search(r"line\s*(\d+)", c["variable"])
                        ok = abs(lines[int(m.group(1))] - v) == 1
                    elif k == "branch_not_taken":
                        ok = bool(eval(cmp_left(c["quote"]))) != v
                    else:
                        var = err.get("variable") or c["variable"]
                        h = get_hist(hist, var)
                        if c.get("sequence"):
                            ok = not is_subseq(v, h)
                            v = ast.literal_eval(err["stated"])
                        elif err.get("index") is not None:
                            ok = err["index"] < len(h) and h[err["index"]] != v
                        else:
                            ok = all(x != v for x in h)
                    if err.get("held_elsewhere"):
                        allvals = [x for hv in hist.values() for x in hv]
                        if not any(x == v for x in allvals) and not (c["what"] == "count"):
                            probs.append("held_elsewhere but value never held")
            if not ok:
                probs.append("error not actually false")
        status = "PASS" if not probs else "FAIL " + "; ".join(probs)
        if probs:
            fails += 1
        lines_out.append("%s %s" % (it["id"], status))
    lines_out.append("items=%d failures=%d" % (len(items), fails))
    return lines_out, fails

if __name__ == "__main__":
    out, fails = main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")
    print("\n".join(out))
    sys.exit(1 if fails else 0)
