"""Standalone checker for w190 narrations: runs each program under sys.settrace,
records per-variable value histories and line hit counts, and checks claims/errors."""
import ast, copy, json, sys
from collections import defaultdict

FN = "<w190>"

def run(code, call):
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    hist = defaultdict(list)
    hits = defaultdict(int)
    snaps = []
    def rec(frame):
        for k, v in list(frame.f_locals.items()):
            names = [(k, v)]
            if k == "self" and hasattr(v, "__dict__"):
                names = [("self." + a, b) for a, b in vars(v).items()]
            for name, val in names:
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    continue
                h = hist[name]
                if not h or h[-1] != val or type(h[-1]) != type(val):
                    h.append(val)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == "line":
            hits[frame.f_lineno] += 1
            snap = {}
            for k, v in frame.f_locals.items():
                try: snap[k] = copy.deepcopy(v)
                except Exception: pass
            snaps.append((frame.f_lineno, snap))
        rec(frame)
        return tr
    sys.settrace(tr)
    try:
        ret = eval(compile(call, FN + "call", "eval"), ns)
    finally:
        sys.settrace(None)
    hist['__snaps__'] = snaps
    return ret, hist, hits, ns

def ev(s):
    return eval(s, {})

def strip(q):
    return q.replace("`", "").strip()

def seq(hist, var, line):
    return [snap.get(var) for ln, snap in hist["__snaps__"] if ln == line]

def check_claim(c, ret, hist, hits, item):
    what, var, val = c["what"], c.get("variable"), c["value"]
    if what == "value" and c.get("run"):
        h = hist.get(var, []); r = ev(val)
        return any(h[i:i + len(r)] == r for i in range(len(h)))
    if what == "value" and "seq_line" in c:
        return seq(hist, var, c["seq_line"])[c.get("seq_from", 0):] == ev(val)
    if what == "value":
        v = ev(val)
        if var is None:
            return any(v in h for k, h in hist.items() if k != '__snaps__') or v == ret
        return v in hist.get(var, [])
    if what == "count":
        line = c.get("line")
        if line is None:
            line = int(var.split("@line")[1]) if "@line" in var else None
        return hits.get(line, 0) == ev(val)
    if what in ("comparison", "arith"):
        expr = c.get("expr")
        if expr is None:
            expr = strip(c["quote"])
            if what == "arith":
                expr = expr.rsplit("=", 1)[0]
        return ev(expr) == ev(val)
    if what == "return":
        return ev(val) == ret
    if what == "call":
        return run(item["code"], val)[0] == ret
    return False

def check_error(item, ret, hist, hits):
    e = item["error"]; ck = e["check"]; t = ck["type"]
    stated, actual = e["stated"], e["actual"]
    if e["quote"] not in item["rationale"]:
        return "quote missing"
    if t == "history_at":
        h = hist.get(ck["variable"], [])
        if ck["index"] >= len(h) or h[ck["index"]] != ev(actual): return "actual wrong %r" % (h,)
        if ev(stated) == h[ck["index"]]: return "stated is true"
        if e.get("held_elsewhere"):
            if not any(ev(stated) in hh for k, hh in hist.items() if k != '__snaps__'): return "held_elsewhere but never held"
        return None
    if t == "not_in_history":
        if any(ev(stated) in hh for k, hh in hist.items() if k != '__snaps__'): return "stated occurs somewhere"
        return None
    if t == "seq_at":
        sq = seq(hist, ck["variable"], ck["line"])
        v = sq[ck["pos"]]
        if v != ev(actual) or v == ev(stated): return "seq value %r" % (v,)
        if e.get("held_elsewhere") and ev(stated) not in sq: return "not held elsewhere"
        return None
    if t == "not_in_var":
        return None if ev(stated) not in hist.get(ck["variable"], []) else "stated occurs in var"
    if t == "count":
        n = hits.get(ck["line"], 0)
        return None if n == ev(actual) and n != ev(stated) else "count %d" % n
    if t in ("arith", "comparison"):
        if e.get("held_elsewhere") and not any(ev(stated) in hh for k, hh in hist.items() if k != '__snaps__'):
            return "held_elsewhere but never held"
        v = ev(ck["expr"])
        return None if v == ev(actual) and v != ev(stated) else "expr gives %r" % (v,)
    if t == "answer":
        if item["direction"] == "forward":
            return None if ev(item["answer"]) != ret and ev(item["answer"]) == ev(stated) else "answer is right"
        try:
            r2 = run(item["code"], item["answer"])[0]
        except Exception as ex:
            return None
        return None if r2 != ret else "backward answer returns output"
    return "unknown check"

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    bad = 0; lines = []
    for it in items:
        probs = []
        ret, hist, hits, ns = run(it["code"], it["call"])
        if repr(ret) != it["returned"]: probs.append("returned mismatch %r" % (ret,))
        last = it["rationale"].rstrip().splitlines()[-1]
        if not last.startswith("Answer:") and "Answer:" not in last: probs.append("no Answer line")
        if it["answer"] not in last: probs.append("answer not in last line")
        wrongq = it["error"]["quote"] if it["error"] else None
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("claim quote missing: " + c["quote"]); continue
            if c.get("wrong"):
                continue
            try: ok = check_claim(c, ret, hist, hits, it)
            except Exception as ex: ok = False; c = dict(c, exc=str(ex))
            if not ok: probs.append("false claim: %r" % (c,))
        if it["label"] == "faithful":
            if it["direction"] == "forward":
                if ev(it["answer"]) != ret: probs.append("forward answer wrong")
            else:
                if run(it["code"], it["answer"])[0] != ret: probs.append("backward answer wrong")
        else:
            r = check_error(it, ret, hist, hits)
            if r: probs.append("error not confirmed: " + r)
            if it["error"]["kind"] != "wrong_final_answer" and it["error"]["kind"] != "backward_wrong_input":
                # final answer must still be right
                if it["direction"] == "forward" and ev(it["answer"]) != ret: probs.append("answer broken")
                if it["direction"] == "backward" and run(it["code"], it["answer"])[0] != ret: probs.append("answer broken")
        status = "PASS" if not probs else "FAIL"
        if probs: bad += 1
        lines.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    lines.append("items=%d failed=%d" % (len(items), bad))
    out = "\n".join(lines)
    print(out)
    open("check_report.txt", "w").write(out + "\n")
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
