"""Standalone checker for w482 narrations: re-executes each program with sys.settrace."""
import json, sys, ast
from collections import defaultdict

def lit(s):
    return ast.literal_eval(s)

def run(code, call):
    hist = defaultdict(list)      # var -> value history (changes, per frame, in order)
    hits = defaultdict(int)       # line number -> times executed
    last = {}
    serial = {}
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return tr
        if event == "call":          # a fresh activation: frame ids may be reused
            serial[id(frame)] = len(serial) + 1 + max(serial.values(), default=0)
        if event == "line":
            hits[frame.f_lineno] += 1
        for k, v in frame.f_locals.items():
            if k == "self":
                for ak, av in vars(v).items():
                    rec(frame, "self." + ak, av)
                continue
            rec(frame, k, v)
        return tr
    def rec(frame, k, v):
        try:
            v = ast.literal_eval(repr(v))
        except Exception:
            return
        key = (serial.get(id(frame)), k)
        if key not in last or last[key] != v:
            last[key] = v
            hist[k].append(v)
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    sys.settrace(tr)
    try:
        ret = eval(compile(call, "<prog>", "eval"), ns)
    finally:
        sys.settrace(None)
    return ret, hist, hits

def plain(code, call):
    ns = {}
    exec(compile(code, "<x>", "exec"), ns)
    return eval(call, ns)

def check_claim(c, ret, hist, hits, ns_eval):
    w = c["what"]
    if w == "call":
        return ns_eval(c["value"]) == ret, "call does not return the output"
    v = lit(c["value"])
    if w == "value":
        return v in hist[c["variable"]], f"{c['variable']}={v!r} not in history {hist[c['variable']]}"
    if w == "count":
        return hits[c["line"]] == v, f"count line {c['line']} is {hits[c['line']]} not {v}"
    if w in ("arith", "comparison"):
        got = eval(c["expr"])
        return got == v, f"{c['expr']} = {got!r} not {v!r}"
    if w == "return":
        return v == ret, f"return {ret!r} not {v!r}"
    return False, "unknown claim kind"

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    fails, n = [], 0
    for it in items:
        ret, hist, hits = run(it["code"], it["call"])
        errs = []
        if repr(ret) != it["returned"]:
            errs.append(f"returned {ret!r} != {it['returned']}")
        ns_eval = lambda call, code=it["code"]: plain(code, call)
        if not it["rationale"].rstrip().endswith(it["answer"]):
            errs.append("answer not on last line")
        eq = it["error"]["quote"] if it["error"] else None
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                errs.append("claim quote missing: " + c["quote"]); continue
            if eq is not None and (c["quote"] == eq or c.get("is_error")):
                continue
            ok, msg = check_claim(c, ret, hist, hits, ns_eval)
            if not ok:
                errs.append("claim false: " + c["quote"] + " :: " + msg)
        fa_ok = (lit(it["answer"]) == ret) if it["direction"] == "forward" else (ns_eval(it["answer"]) == ret)
        if it["label"] == "faithful":
            if not fa_ok:
                errs.append("final answer wrong")
        else:
            e = it["error"]; ch = e["check"]; st = lit(e["stated"]) if ch["type"] != "answer" else None
            if e["quote"] not in it["rationale"]:
                errs.append("error quote missing")
            t = ch["type"]
            if t == "hist_index":
                if hist[ch["variable"]][ch["index"]] == st: errs.append("error not false at point")
                if lit(e["actual"]) != hist[ch["variable"]][ch["index"]]: errs.append("actual mismatch")
            elif t == "count":
                if hits[ch["line"]] == st or hits[ch["line"]] != lit(e["actual"]): errs.append("count error not false")
            elif t in ("expr", "comparison"):
                got = eval(ch["expr"])
                if got == st or got != lit(e["actual"]): errs.append("expr error not false")
            elif t == "not_in_hist":
                if st in hist[ch["variable"]]: errs.append("impossible state actually occurs")
            elif t == "answer":
                if fa_ok: errs.append("wrong answer is actually right")
            else:
                errs.append("unknown check")
            if t != "answer" and e["kind"] != "wrong_final_answer" and not fa_ok and not e.get("carried"):
                errs.append("answer wrong but not carried")
            if e.get("held_elsewhere"):
                allv = [x for h in hist.values() for x in h]
                if st not in allv: errs.append("held_elsewhere but value never held")
        n += 1
        status = "PASS" if not errs else "FAIL"
        print(f"{status} {it['id']}" + ("" if not errs else " :: " + " | ".join(errs)))
        if errs: fails.append(it["id"])
    print(f"\n{n} items checked, {len(fails)} failing")
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
