"""Standalone checker for w196 narrations: re-executes each program with sys.settrace."""
import json, sys, copy, ast

def run_traced(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist, lines = {}, {}
    def rec(frame):
        for k, v in frame.f_locals.items():
            items = [(k, v)]
            if k == "self":
                try:
                    items += [("self." + a, b) for a, b in vars(v).items()]
                except TypeError:
                    pass
            for name, val in items:
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    continue
                h = hist.setdefault(name, [])
                if not h or h[-1] != val or type(h[-1]) != type(val):
                    h.append(val)
    def tr(frame, ev, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        rec(frame)
        if ev == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines, g

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, ret, hist, lines, g, returned):
    w = c["what"]
    if w == "call":
        return repr(eval(c["value"], g)) == returned
    v = lit(c["value"])
    if w == "value":
        h = hist.get(c["variable"], [])
        if "index" in c:
            return c["index"] < len(h) and h[c["index"]] == v
        if c.get("members"):
            return all(x in h for x in v)
        if c.get("seq"):
            return any(h[i:i+len(v)] == list(v) for i in range(len(h)))
        return v in h
    if w == "count" and c["variable"].startswith("loop@var "):
        return len(hist.get(c["variable"][9:], [])) == v
    if w == "count":
        return lines.get(int(c["variable"].split("@line")[1]), 0) == v
    if w in ("comparison", "arith"):
        return eval(c["expr"]) == v
    if w == "return":
        return v == ret
    if w == "call":
        return repr(eval(c["value"], g)) == returned
    return False

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    out, bad = [], 0
    for it in items:
        errs = []
        ret, hist, lines, g = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            errs.append("returned mismatch")
        r = it["rationale"]
        if not r.rstrip().splitlines()[-1].startswith("Answer:") and "Predicted Output" not in r.rstrip().splitlines()[-1]:
            errs.append("last line")
        for c in it["claims"]:
            if c["quote"] not in r:
                errs.append("quote missing: " + c["quote"])
        ans = it["answer"]
        if it["direction"] == "forward":
            ans_ok = lit(ans) == ret
        else:
            _, _, _, g2 = run_traced(it["code"], it["call"])
            ans_ok = repr(eval(ans, g2)) == it["returned"]
        if it["label"] == "faithful":
            for c in it["claims"]:
                if not check_claim(c, ret, hist, lines, g, it["returned"]):
                    errs.append("false claim: " + json.dumps(c))
            if not ans_ok:
                errs.append("answer wrong")
        else:
            e = it["error"]
            if e["quote"] not in r:
                errs.append("error quote missing")
            chk = e["check"]; t = chk["type"]
            stated = lit(e["stated"]) if t != "answer" else e["stated"]
            if t == "answer":
                if ans_ok:
                    errs.append("error answer is actually right")
            else:
                if not ans_ok and e["kind"] != "wrong_final_answer" and not e.get("carried"):
                    errs.append("answer should stay right")
                if t == "hist_index":
                    h = hist.get(chk["var"], [])
                    if h[chk["index"]] == stated or h[chk["index"]] != lit(e["actual"]):
                        errs.append("hist_index error not false / actual wrong")
                elif t == "expr":
                    if eval(chk["expr"]) == stated or eval(chk["expr"]) != lit(e["actual"]):
                        errs.append("expr error not false")
                elif t == "count":
                    n = lines.get(chk["line"], 0)
                    if n == stated or n != lit(e["actual"]):
                        errs.append("count error not false")
                elif t == "count_var":
                    n = len(hist.get(chk["var"], []))
                    if n == stated or n != lit(e["actual"]):
                        errs.append("count_var error not false")
                elif t == "never":
                    if stated in hist.get(chk["var"], []):
                        errs.append("impossible state actually held")
                else:
                    errs.append("unknown check")
            if e.get("held_elsewhere"):
                allv = [x for hh in hist.values() for x in hh]
                if stated not in allv and stated != ret:
                    errs.append("held_elsewhere value not held anywhere")
            # all other claims must still be true, except the erroneous ones
            for c in it["claims"]:
                if c.get("is_error") or c.get("carried"):
                    continue
                if not check_claim(c, ret, hist, lines, g, it["returned"]):
                    errs.append("other claim false: " + json.dumps(c))
        status = "PASS" if not errs else "FAIL"
        bad += bool(errs)
        out.append(f"{status} {it['id']} " + "; ".join(errs))
    out.append(f"TOTAL {len(items)} items, {len(items)-bad} pass, {bad} fail")
    open("check_report.txt", "w").write("\n".join(out) + "\n")
    print("\n".join(out))
    return bad

if __name__ == "__main__":
    sys.exit(1 if main() else 0)
