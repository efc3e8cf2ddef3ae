"""Standalone checker for w224 narrations: re-executes each program with sys.settrace."""
import ast, copy, json, sys
from collections import defaultdict

def lit(s):
    return ast.literal_eval(s)

def run(code, call):
    ns = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = defaultdict(list); lines = defaultdict(int)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in getattr(v, "__dict__", {}).items():
                    rec("self." + a, av)
            elif not callable(v) and not k.startswith("."):
                rec(k, v)
    def rec(k, v):
        try: v = copy.deepcopy(v)
        except Exception: return
        h = hist[k]
        if not h or h[-1] != v or type(h[-1]) != type(v): h.append(v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>": return None
        snap(frame)
        if event == "line": lines[frame.f_lineno] += 1
        return tr
    sys.settrace(tr)
    try: ret = eval(call, ns)
    finally: sys.settrace(None)
    return ns, ret, hist, lines

def count_of(lines, label, hist=None):
    if not label.startswith("loop@"):
        return len(hist[label])  # loop variable: number of values it took
    return lines[int(label.split("@line")[1])]

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")]
    fails = 0; out = []
    for it in items:
        errs = []
        ns, ret, hist, lines = run(it["code"], it["call"])
        if repr(ret) != it["returned"]: errs.append(f"returned {ret!r} != {it['returned']}")
        last = it["rationale"].rstrip().splitlines()[-1]
        if last != "Answer: " + it["answer"]: errs.append("answer line mismatch")
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == ret
        else:
            if not it["answer"].startswith(it["function"] + "("): errs.append("answer not a call of function")
            _, r2, _, _ = run(it["code"], it["answer"]); ans_ok = r2 == ret
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]: errs.append("quote missing: " + c["quote"])
        if it["label"] == "faithful":
            if not ans_ok: errs.append("answer wrong")
            for c in it["claims"]:
                w = c["what"]; v = c["value"]
                if w == "value":
                    val = lit(v)
                    if val not in hist[c["variable"]] and not (isinstance(val, list) and val == hist[c["variable"]]):
                        errs.append(f"value {c['variable']}={v} never held")
                elif w == "count":
                    if count_of(lines, c["variable"], hist) != int(v): errs.append(f"count {c['variable']} {count_of(lines, c['variable'])} != {v}")
                elif w in ("arith", "comparison"):
                    if eval(c["expr"]) != lit(v): errs.append(f"{w} {c['expr']} != {v}")
                    if w == "arith" and c["variable"] and lit(v) not in hist[c["variable"]]: errs.append("arith var value never held")
                elif w == "return":
                    if lit(v) != ret: errs.append("return claim wrong")
                elif w == "call":
                    _, r3, _, _ = run(it["code"], v)
                    if r3 != ret: errs.append("call claim wrong")
        else:
            e = it["error"]; ck = e["check"]; st = e["stated"]
            if e["quote"] not in it["rationale"]: errs.append("error quote missing")
            t = ck["type"]
            if t == "answer":
                if ans_ok: errs.append("erroneous answer is actually right")
            elif not e["carried"]:
                if not ans_ok: errs.append("answer should stay right")
            if t == "arith":
                if eval(ck["expr"]) == lit(st): errs.append("arith error is true")
                if eval(ck["expr"]) != lit(e["actual"]): errs.append("arith actual wrong")
            elif t == "count":
                n = count_of(lines, ck["loop"], hist)
                if n == int(st) or n != int(e["actual"]): errs.append(f"count error check failed {n}")
            elif t == "hist":
                h = hist[ck["var"]]; got = h[ck["index"]]
                if "elem" in ck: got = got[ck["elem"]]
                if got == lit(st) or got != lit(e["actual"]): errs.append(f"hist check failed {got!r}")
            elif t == "last":
                got = tuple(hist[v][-1] for v in ck["vars"])
                if got == eval(ck["expr"]) or got != eval(ck["actual_expr"]): errs.append(f"last check failed {got}")
            elif t == "never":
                if lit(st) in hist[ck["var"]]: errs.append("impossible value actually held")
            elif t == "cmp":
                if eval(ck["expr"]) == lit(st) or eval(ck["expr"]) != lit(e["actual"]): errs.append("cmp error check failed")
            if e["held_elsewhere"]:
                allv = [x for h in hist.values() for x in h]
                if lit(st) not in allv: errs.append("held_elsewhere but value never held anywhere")
        status = "PASS" if not errs else "FAIL " + "; ".join(errs)
        if errs: fails += 1
        out.append(f"{it['id']}: {status}")
    out.append(f"TOTAL {len(items)} items, {fails} failures")
    print("\n".join(out))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
