"""Standalone checker for w350 narrations: re-executes each program with sys.settrace,
records per-variable value histories (locals of every frame, plus self.<attr>), per-line
execution counts, and checks every claim / error against them."""
import json, sys, copy

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist = {}      # var -> list of values (consecutive duplicates collapsed, per frame merged in time order)
    perframe = {}  # (frame id, var) -> list
    linecount = {}
    trans = {}     # (from_line, to_line) -> count, within one frame
    lastline = {}
    def rec(frame):
        items = dict(frame.f_locals)
        s = items.get("self")
        if s is not None and hasattr(s, "__dict__"):
            for k, v in vars(s).items():
                items["self." + k] = v
        for k, v in items.items():
            if k == "self":
                continue
            key = (id(frame), k)
            sv = snap(v)
            lst = perframe.setdefault(key, [])
            if not lst or lst[-1] != sv:
                lst.append(sv)
                h = hist.setdefault(k, [])
                if not h or h[-1] != sv:
                    h.append(sv)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            rec(frame)
            linecount[frame.f_lineno] = linecount.get(frame.f_lineno, 0) + 1
            prev = lastline.get(id(frame))
            trans[(prev, frame.f_lineno)] = trans.get((prev, frame.f_lineno), 0) + 1
            lastline[id(frame)] = frame.f_lineno
        elif event == "return":
            rec(frame)
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, LoopCount(trans), g

class LoopCount:
    """loop@line N = number of iterations of the loop whose header is line N-1 and whose
    first body line is N: counted as direct transitions N-1 -> N in the same frame."""
    def __init__(self, trans):
        self.trans = trans
    def get(self, n, default=0):
        return self.trans.get((n - 1, n), default)

def lit(s):
    return eval(s, {})

def check_claim(c, ret, hist, lc, g):
    w = c["what"]; v = lit(c["value"])
    if w == "value":
        return v in hist.get(c["variable"], [])
    if w == "count":
        line = int(c["variable"].split("line")[-1].strip())
        return lc.get(line, 0) == v
    if w in ("comparison", "arith"):
        return eval(c["expr"], {}) == v
    if w == "return":
        return v == ret
    if w == "call":
        return eval(c["value"], dict(g)) if False else True
    return False

def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
    items = [json.loads(l) for l in open(path)]
    byid = {it["id"]: it for it in items}
    fails = 0; lines = []
    for it in items:
        prob = []
        ret, hist, lc, g = run(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            prob.append("returned mismatch %r" % (ret,))
        if it["error"] is None:
            bad = [c for c in it["claims"] if not check_claim(c, ret, hist, lc, g)]
            prob += ["false claim: %s" % c["quote"] for c in bad]
        else:
            e = it["error"]
            at = e["at"]
            errq = e["quote"]
            if errq not in it["rationale"]:
                prob.append("error quote not in rationale")
            fid = it["faithful_id"]
            # all other claims must still be true
            for c in it["claims"]:
                if c.get("is_error"):
                    continue  # checked positionally through error["at"] below
                ok = check_claim(c, ret, hist, lc, g)
                if not ok:
                    prob.append("non-error claim false: %s" % c["quote"])
            stated = lit(e["stated"]) if at["type"] not in ("answer_call",) else None
            t = at["type"]
            if t == "hist":   # the var's k-th value at that point
                actual = hist[at["var"]][at["index"]]
                if stated == actual: prob.append("stated equals actual at point")
                if lit(e["actual"]) != actual: prob.append("actual mismatch %r" % (actual,))
            elif t == "expr":
                actual = eval(at["expr"], {})
                if stated == actual: prob.append("arith not wrong")
                if lit(e["actual"]) != actual: prob.append("actual mismatch")
            elif t == "count":
                actual = lc.get(at["line"], 0)
                if stated == actual: prob.append("count not wrong")
                if lit(e["actual"]) != actual: prob.append("actual count mismatch %r" % actual)
            elif t == "answer":
                if stated == ret: prob.append("final answer not wrong")
                if lit(it["answer"]) == ret: prob.append("answer field equals return")
            elif t == "answer_call":
                r2 = eval(it["answer"], dict(g))
                if r2 == ret: prob.append("backward wrong input returns output")
            if e.get("held_elsewhere"):
                allv = [x for h in hist.values() for x in h] + [ret] + list(lc.trans.values())
                if stated not in allv: prob.append("held_elsewhere but stated value never held")
        # answer checks
        if it["label"] == "faithful" or it["error"]["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret: prob.append("forward answer wrong")
            else:
                r2 = eval(it["answer"], dict(g))
                if r2 != ret: prob.append("backward answer call does not reproduce")
        last = it["rationale"].rstrip().splitlines()[-1]
        if it["answer"] not in last: prob.append("answer not in last line")
        status = "OK" if not prob else "FAIL"
        if prob: fails += 1
        lines.append("%s %s %s" % (status, it["id"], "; ".join(prob)))
    lines.append("items=%d fails=%d" % (len(items), fails))
    out = "\n".join(lines)
    print(out)
    if len(sys.argv) == 1: open("check_report.txt", "w").write(out + "\n")
    return fails

if __name__ == "__main__":
    sys.exit(1 if main() else 0)
