#!/usr/bin/env python3
"""Standalone checker for w148 narrations: re-executes each program with sys.settrace,
records per-variable value histories (locals and self.<attr>), line hit counts, and checks
every claim of faithful items and the single planted error of error copies."""
import ast, copy, json, sys

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist, hits = {}, {}
    def snap(frame):
        for k, v in frame.f_locals.items():
            items = [(k, v)]
            if k == "self" and hasattr(v, "__dict__"):
                items = [("self." + a, b) for a, b in vars(v).items()]
            for name, val in list(items):
                if isinstance(val, dict):
                    items += [("%s[%r]" % (name, kk), vv) for kk, vv in val.items() if isinstance(kk, (str, int))]
            for name, val in items:
                if callable(val) or type(val).__module__ not in ("builtins",):
                    continue
                h = hist.setdefault(name, [])
                try:
                    c = copy.deepcopy(val)
                except Exception:
                    continue
                if not h or h[-1] != c or type(h[-1]) != type(c):
                    h.append(c)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
            at = {}
            for k, v in frame.f_locals.items():
                try:
                    at[k] = copy.deepcopy(v)
                except Exception:
                    pass
            hist.setdefault("@line", {}).setdefault(frame.f_lineno, []).append(at)
        snap(frame)
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, hits, ns

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, ret, hist, hits, item):
    w = c["what"]
    if w == "call":
        ns = {}
        exec(item["code"], ns)
        return eval(c["value"], ns) == ret
    val = lit(c["value"])
    if w == "value":
        var = c.get("variable")
        if c.get("sequence"):
            h = hist.get(var, [])
            n = len(val)
            return any(h[i:i + n] == val for i in range(len(h) - n + 1))
        if c.get("at_line"):
            snaps = hist.get("@line", {}).get(c["at_line"], [])
            return [sn.get(var) for sn in snaps] == val
        if c.get("subsequence"):
            h = iter(hist.get(var, []))
            return all(any(x == y for y in h) for x in val)
        if var is None:
            return any(val in h for k, h in hist.items() if k != "@line") or val == ret
        return var in hist and val in hist[var]
    if w == "count":
        line = int(c["variable"].split("@line")[1]) if "@line" in c["variable"] else None
        return hits.get(line, 0) == val
    if w in ("comparison", "arith"):
        expr = c.get("expr") or (c["quote"].replace("`", "").split("=")[0] if w == "arith" else c["quote"].replace("`", ""))
        return eval(expr, {}) == val
    if w == "return":
        return val == ret
    if w == "call":
        ns = {}
        exec(item["code"], ns)
        return eval(c["value"] if isinstance(val, str) else repr(val), ns) == ret
    return False

def check_error(e, item, ret, hist, hits, ns):
    k = e["kind"]
    stated = e["stated"]; actual = e["actual"]
    if e["quote"] not in item["rationale"]:
        return "error quote not in rationale"
    if k in ("wrong_arithmetic", "branch_not_taken"):
        v = eval(e["expr"], {})
        ok = (v == lit(actual)) and (v != lit(stated))
        if e.get("held_elsewhere"):
            ok = ok and any(lit(stated) in hh for kk, hh in hist.items() if kk != "@line")
    elif k == "off_by_one_loop_count":
        n = hits.get(e["line"], 0)
        ok = n == lit(actual) and abs(lit(stated) - n) == 1
    elif k in ("wrong_loop_summary_value", "impossible_state", "wrong_intermediate_right_answer", "swapped_variables"):
        h = hist[e["variable"]]
        at = h[e["index"]]
        ok = at == lit(actual) and at != lit(stated)
        if k == "impossible_state":
            ok = ok and lit(stated) not in h
        if e.get("held_elsewhere"):
            ok = ok and any(lit(stated) in hh for kk, hh in hist.items() if kk != "@line")
        if k in ("wrong_loop_summary_value", "wrong_intermediate_right_answer") and not e.get("held_elsewhere"):
            ok = ok and not any(lit(stated) in hh for kk, hh in hist.items() if kk != "@line")
        if k == "wrong_intermediate_right_answer":
            ns2 = {}
            exec(item["code"], ns2)
            final = lit(item["answer"]) if item["direction"] == "forward" else eval(item["answer"], ns2)
            ok = ok and final == ret
    elif k == "wrong_final_answer":
        ok = lit(item["answer"]) != ret and lit(actual) == ret
    elif k == "backward_wrong_input":
        ns2 = {}
        exec(item["code"], ns2)
        try:
            got = eval(item["answer"], ns2)
        except Exception:
            got = object()
        ok = got != ret
    else:
        return "unknown kind " + k
    return None if ok else "planted error is not actually false (%s)" % k

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    out, bad = [], 0
    byid = {i["id"]: i for i in items}
    for it in items:
        probs = []
        ret, hist, hits, ns = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append("returned mismatch %r" % (ret,))
        if not it["rationale"].rstrip().splitlines()[-1].startswith("Answer:") and "Answer:" not in it["rationale"].rstrip().splitlines()[-1]:
            probs.append("last line is not Answer:")
        if it["answer"] not in it["rationale"].rstrip().splitlines()[-1]:
            probs.append("answer not on last line")
        err = it.get("error")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("claim quote missing: %r" % c["quote"])
                continue
            if err and c["quote"] == err["quote"]:
                continue
            try:
                good = check_claim(c, ret, hist, hits, it)
            except Exception as ex:
                good = False
            if not good:
                probs.append("false claim: %r" % (c,))
        if it["label"] == "faithful":
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret:
                    probs.append("forward answer wrong")
            else:
                ns2 = {}
                exec(it["code"], ns2)
                if eval(it["answer"], ns2) != ret:
                    probs.append("backward answer does not reproduce output")
        else:
            if it["faithful_id"] not in byid:
                probs.append("faithful_id missing")
            r = check_error(err, it, ret, hist, hits, ns)
            if r:
                probs.append(r)
            if err["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                if it["direction"] == "forward" and lit(it["answer"]) != ret:
                    probs.append("error copy has wrong answer too")
        status = "PASS" if not probs else "FAIL"
        bad += bool(probs)
        out.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    out.append("TOTAL %d items, %d failing" % (len(items), bad))
    txt = "\n".join(out) + "\n"
    open("check_report.txt", "w").write(txt)
    print(txt)
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
