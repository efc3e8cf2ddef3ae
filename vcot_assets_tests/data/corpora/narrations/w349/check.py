"""Standalone checker for w349 narrations: runs each call with sys.settrace, records per-variable
value histories and per-line hit counts, and checks claims / answers / errors."""
import json, sys, copy, ast

def run_traced(code, call):
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    hist = {}      # name -> list of values (consecutive duplicates collapsed)
    lines = {}     # line number -> hit count
    def rec(name, val):
        try:
            v = copy.deepcopy(val)
        except Exception:
            return
        h = hist.setdefault(name, [])
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if hasattr(v, "__dict__") and not callable(v) and not isinstance(v, type):
                for a, av in vars(v).items():
                    rec(k + "." + a, av)
            else:
                rec(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        snap(frame)
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines, g

WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
WORDS.update({"negative one": -1, "twenty": 20, "fifteen": 15, "thirteen": 13, "fourteen": 14, "sixteen": 16})

TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
for _t, _v in TENS.items():
    WORDS[_t] = _v
    for _u in range(1, 10):
        WORDS["%s-%s" % (_t, "one two three four five six seven eight nine".split()[_u - 1])] = _v + _u

def lit(s):
    if s.strip().lower() in WORDS:
        return WORDS[s.strip().lower()]
    return ast.literal_eval(s)

def arith_value(claim):
    expr = claim.get("expr")
    if expr is None:
        q = claim["quote"].replace("`", "")
        expr = q.rsplit("=", 1)[0] if "==" not in q else q
    return eval(expr, {})

def check_claim(c, ret, hist, lines):
    w = c["what"]
    if w == "value":
        v = lit(c["value"])
        if c.get("seq"):
            seq = [x for i, x in enumerate(v) if i == 0 or v[i - 1] != x]
            h = hist.get(c["variable"], [])
            return any(h[i:i + len(seq)] == seq for i in range(len(h)))
        if "index" in c:
            return hist[c["variable"]][c["index"]] == v
        return v in hist.get(c["variable"], [])
    if w == "count" and c["variable"].startswith("iter@"):
        return len(hist.get(c["variable"][5:], [])) == lit(c["value"])
    if w == "count":
        line = int(c["variable"].split("@line")[1])
        return lines.get(line, 0) == lit(c["value"])
    if w in ("arith", "comparison"):
        return arith_value(c) == lit(c["value"])
    if w == "return":
        return lit(c["value"]) == ret
    if w == "call":
        return True
    return False

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    progs = {json.loads(l)["id"]: json.loads(l) for l in open("programs.jsonl")}
    out, bad = [], 0
    for it in items:
        errs = []
        p = progs[it["program_id"]]
        ret, hist, lines, g = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"] or p["returned"] != it["returned"]:
            errs.append("returned mismatch")
        if it["rationale"].rstrip().splitlines()[-1].strip() != "Answer: " + it["answer"] and \
           not it["rationale"].rstrip().endswith(it["answer"]):
            errs.append("answer line mismatch")
        # answer
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == ret
        else:
            ans_ok = eval(it["answer"], dict(g)) == ret
        err = it["error"]
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                errs.append("quote missing: " + c["quote"])
                continue
            if err and err["quote"] in c["quote"] or (err and c["quote"] in err["quote"]):
                continue
            if not check_claim(c, ret, hist, lines):
                errs.append("false claim: %r" % c)
        if it["label"] == "faithful":
            if not ans_ok:
                errs.append("answer wrong")
        else:
            k = err["kind"]
            if err["quote"] not in it["rationale"]:
                errs.append("error quote missing")
            if err["stated"] not in err["quote"]:
                errs.append("stated not in quote")
            if k == "wrong_final_answer" or k == "backward_wrong_input":
                if ans_ok:
                    errs.append("error answer is actually right")
            else:
                if not ans_ok and not err.get("carried"):
                    errs.append("answer wrong in non-answer error")
                st = lit(err["stated"]) if k != "branch_not_taken" else None
                if k == "wrong_arithmetic":
                    val = eval(err["expr"], {})
                    if val == st or repr(val) != err["actual"] and str(val) != err["actual"]:
                        errs.append("arith error not confirmed (%r)" % val)
                elif k == "off_by_one_loop_count":
                    n = lines.get(int(err["variable"].split("@line")[1]), 0)
                    if n == st or abs(n - st) != 1 or str(n) != err["actual"]:
                        errs.append("count error not confirmed (%r)" % n)
                elif k == "branch_not_taken":
                    val = eval(err["expr"], {})
                    if str(val) != err["actual"] or err["stated"] == err["actual"]:
                        errs.append("branch error not confirmed")
                elif k == "impossible_state":
                    if st in hist.get(err["variable"], []):
                        errs.append("impossible value occurs")
                else:
                    h = hist.get(err["variable"], [])
                    i = err["index"]
                    if i >= len(h) or h[i] == st or h[i] != lit(err["actual"]):
                        errs.append("positional error not confirmed (%r)" % (h[i] if i < len(h) else None))
                    if err.get("held_elsewhere") and not any(st in hh for hh in hist.values() if isinstance(hh, list)):
                        errs.append("held_elsewhere value not held anywhere")
        status = "PASS" if not errs else "FAIL"
        bad += bool(errs)
        out.append("%s %s %s" % (status, it["id"], "; ".join(errs)))
    out.append("items: %d  failures: %d" % (len(items), bad))
    open("check_report.txt", "w").write("\n".join(out) + "\n")
    print("\n".join(out[-30:]))
    return bad

if __name__ == "__main__":
    sys.exit(1 if main() else 0)
