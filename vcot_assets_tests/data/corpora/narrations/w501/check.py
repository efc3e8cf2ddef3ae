"""Standalone checker for w501 narrations: executes each program with sys.settrace,
records per-variable value histories (locals and self.<attr>), per-line hit counts,
and checks every claim / error against real execution."""
import json, sys, copy, ast

def run_traced(code, call):
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    hist, lines = {}, {}
    def rec(name, val):
        try: val = copy.deepcopy(val)
        except Exception: return
        h = hist.setdefault(name, [])
        if not h or h[-1] != val or type(h[-1]) != type(val):
            h.append(val)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>": return tr
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items(): rec("self." + a, av)
            elif not k.startswith(".") and not callable(v): rec(k, v)
        if event == "return": rec("<return:%s>" % frame.f_code.co_name, arg)
        return tr
    sys.settrace(tr)
    try: ret = eval(call, g)
    finally: sys.settrace(None)
    return ret, hist, lines

CODE = [None]
def lit(s): return ast.literal_eval(s)

def check_claim(c, ret, hist, lines, errs, tag):
    w = c["what"]; v = lit(c["value"])
    if w == "value" and c.get("seq"):
        h = hist.get(c["variable"], []); vv = [x for i, x in enumerate(v) if i == 0 or v[i-1] != x]
        if not any(h[i:i+len(vv)] == vv for i in range(len(h))): errs.append(f"{tag}: {c['variable']} seq {v!r} not in {h!r}")
    elif w == "value":
        if v not in hist.get(c["variable"], []): errs.append(f"{tag}: {c['variable']} never {v!r}")
    elif w == "count":
        n = lines.get(c["line"], 0)
        if n != v: errs.append(f"{tag}: count {v} != {n}")
    elif w in ("arith", "comparison"):
        if eval(c["expr"]) != v: errs.append(f"{tag}: {c['expr']} != {v!r}")
    elif w == "call":
        g = {}; exec(CODE[0], g)
        if eval(v, g) != ret: errs.append(f"{tag}: call {v} does not return output")
    elif w == "return":
        if v != ret: errs.append(f"{tag}: return {v!r} != {ret!r}")

def actual_at(e, ret, hist, lines):
    a = e["at"]; t = a["type"]
    if t == "hist": return hist[a["variable"]][a["index"]]
    if t == "count": return lines.get(a["line"], 0)
    if t == "expr": return eval(a["expr"])
    if t == "return": return ret

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    out, nfail = [], 0
    for it in items:
        errs = []
        CODE[0] = it["code"]
        ret, hist, lines = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]: errs.append("returned mismatch")
        if it["answer"] not in it["rationale"].strip().splitlines()[-1]: errs.append("answer not on last line")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]: errs.append("quote missing: " + c["quote"])
        if it["label"] == "faithful":
            for c in it["claims"]: check_claim(c, ret, hist, lines, errs, it["id"])
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret: errs.append("forward answer wrong")
            else:
                g = {}; exec(it["code"], g)
                if eval(it["answer"], g) != ret: errs.append("backward answer wrong")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]: errs.append("error quote missing")
            wrong = [c for c in it["claims"] if c.get("is_error")]
            for c in it["claims"]:
                if not c.get("is_error") and not c.get("carried"): check_claim(c, ret, hist, lines, errs, it["id"])
            k = e["kind"]
            if k == "wrong_final_answer":
                if lit(it["answer"]) == ret: errs.append("final answer not wrong")
            elif k == "backward_wrong_input":
                g = {}; exec(it["code"], g)
                try: r2 = eval(it["answer"], g)
                except Exception as ex: r2 = ex
                if r2 == ret: errs.append("backward wrong input actually returns output")
            else:
                act = actual_at(e, ret, hist, lines)
                if lit(e["stated"]) == act: errs.append("stated equals actual at point")
                if lit(e["actual"]) != act: errs.append(f"actual field {e['actual']} != {act!r}")
                if e.get("held_elsewhere"):
                    allv = [x for h in hist.values() for x in h]
                    if lit(e["stated"]) not in allv: errs.append("held_elsewhere but value never held")
                # final answer still right for non-answer kinds
                if it["direction"] == "forward" and lit(it["answer"]) != ret: errs.append("answer should stay right")
                if it["direction"] == "backward":
                    g = {}; exec(it["code"], g)
                    if eval(it["answer"], g) != ret: errs.append("backward answer should stay right")
        status = "PASS" if not errs else "FAIL"
        nfail += bool(errs)
        out.append(f"{status} {it['id']} " + "; ".join(errs))
    out.append(f"TOTAL {len(items)} items, {len(items)-nfail} pass, {nfail} fail")
    open("check_report.txt", "w").write("\n".join(out) + "\n")
    print("\n".join(out))

if __name__ == "__main__":
    main()
