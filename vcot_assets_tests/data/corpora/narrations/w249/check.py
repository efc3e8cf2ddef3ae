"""Standalone checker for w249 narrations: plain execution + sys.settrace value histories."""
import ast, copy, json, sys
from collections import defaultdict

FN = "<w249prog>"

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call):
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    hist = defaultdict(list)      # var -> list of distinct successive values
    lines = defaultdict(int)      # line number -> hits
    def record(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for ak, av in vars(v).items():
                    h = hist["self." + ak]; s = snap(av)
                    if not h or h[-1] != s: h.append(s)
                continue
            h = hist[k]; s = snap(v)
            if not h or h[-1] != s or type(h[-1]) != type(s): h.append(s)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        record(frame)
        if event == "line":
            lines[frame.f_lineno] += 1
        if event == "return":
            hist["<return>"].append(snap(arg))
        return tr
    sys.settrace(tr)
    try:
        res = eval(compile(call, "<call>", "eval"), ns)
    finally:
        sys.settrace(None)
    return res, hist, lines

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, res, hist, lines):
    w = c["what"]; val = lit(c["value"])
    if w == "value":
        return val in hist.get(c["variable"], [])
    if w == "count":
        return lines[c["line"]] == val
    if w in ("comparison", "arith"):
        return eval(c["expr"], {"abs": abs, "len": len}) == val
    if w == "return":
        return val == res
    if w == "call":
        ns = {}
        return True
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    out = []; bad = 0
    for it in items:
        probs = []
        res, hist, lines = run(it["code"], it["call"])
        if repr(res) != it["returned"]:
            probs.append("returned mismatch %r" % (res,))
        r = it["rationale"]
        last = r.rstrip().splitlines()[-1]
        if it["answer"] not in last:
            probs.append("answer not in last line")
        for c in it["claims"]:
            if c["quote"] not in r:
                probs.append("claim quote missing: " + c["quote"])
                continue
            ok = check_claim(c, res, hist, lines)
            if c.get("error"):
                if ok: probs.append("error claim unexpectedly true: " + c["quote"])
            elif not ok:
                probs.append("claim false: %s (%s=%s)" % (c["quote"], c.get("variable"), c["value"]))
        # answer
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == res
        else:
            ns = {}; exec(compile(it["code"], "<x>", "exec"), ns)
            ans_ok = repr(eval(it["answer"], ns)) == it["returned"]
        if it["label"] == "faithful":
            if not ans_ok: probs.append("answer wrong")
            if it["error"] is not None: probs.append("faithful with error")
        else:
            e = it["error"]
            if e["quote"] not in r: probs.append("error quote missing")
            ck = e["check"]; t = ck["type"]
            if t == "answer":
                if ans_ok: probs.append("wrong answer is actually right")
            else:
                if not ans_ok: probs.append("answer should stay right")
            if t == "arith":
                v = eval(ck["expr"])
                if v == lit(e["stated"]) or v != lit(e["actual"]): probs.append("arith error not false")
            elif t == "count":
                if lines[ck["line"]] == lit(e["stated"]) or lines[ck["line"]] != lit(e["actual"]): probs.append("count error not false")
            elif t == "history_index":
                h = hist[ck["variable"]]; k = ck["index"]
                if h[k] == lit(e["stated"]) or h[k] != lit(e["actual"]): probs.append("history_index error not false at that point")
            elif t == "never":
                if lit(e["stated"]) in hist[ck["variable"]]: probs.append("impossible state actually occurs")
            elif t == "expr":
                v = eval(ck["expr"], {"abs": abs, "len": len})
                if v == lit(e["stated"]) or v != lit(e["actual"]): probs.append("branch/expr error not false")
            if e.get("held_elsewhere"):
                hv = ck.get("held_var", ck.get("variable"))
                if lit(e["stated"]) not in hist.get(hv, []): probs.append("held_elsewhere value never held by %s" % hv)
        status = "PASS" if not probs else "FAIL"
        if probs: bad += 1
        out.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    out.append("TOTAL %d items, %d failing" % (len(items), bad))
    open("check_report.txt", "w").write("\n".join(out) + "\n")
    print("\n".join(out))
    return bad

if __name__ == "__main__":
    sys.exit(1 if main() else 0)
