"""Standalone checker for w166 narrations: re-runs every program with sys.settrace and
checks claims, answers and the errors in error copies against real execution."""
import ast, json, sys, copy, re

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = {}      # var -> list of values (each change, in order, across frames)
    hits = {}      # line -> hit count (code lines, 1-based)
    rets = {}      # function -> list of returned values
    last = {}      # (frame id, var) -> last recorded repr
    def rec(frame):
        items = dict(frame.f_locals)
        s = items.get("self")
        if s is not None and hasattr(s, "__dict__"):
            for k, v in vars(s).items():
                items["self." + k] = v
        for k, v in items.items():
            if k == "self":
                continue
            try:
                snap = copy.deepcopy(v)
            except Exception:
                snap = v
            key = (id(frame), k)
            if key not in last or last[key] != snap:
                last[key] = snap
                hist.setdefault(k, []).append(snap)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            rec(frame)
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        elif event == "return":
            rec(frame)
            rets.setdefault(frame.f_code.co_name, []).append(copy.deepcopy(arg))
        return tr
    sys.settrace(tr)
    try:
        out = eval(call, ns)
    finally:
        sys.settrace(None)
    return out, hist, hits, rets

def plain_eval(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def arith_expr(c):
    if c.get("expr"):
        return c["expr"]
    q = c["quote"].replace("`", "")
    return q.split("=")[0] if "==" not in q else q.rsplit("=", 1)[0]

def claim_true(c, hist, hits, rets, out):
    what = c["what"]; val = lit(c["value"])
    if what == "value":
        v = c["variable"]
        if "index" in c:
            h = hist.get(v, [])
            return c["index"] < len(h) and h[c["index"]] == val
        return val in hist.get(v, [])
    if what == "count":
        m = re.match(r"loop@line (\d+)", c["variable"])
        n = hits.get(int(m.group(1)), 0) - c.get("entries", 1)
        return n == val
    if what in ("arith", "comparison"):
        return eval(arith_expr(c), {}) == val
    if what == "return":
        if c.get("variable") and c["variable"] in rets:
            return val in rets[c["variable"]]
        return val == out
    if what == "call":
        return True
    raise ValueError(what)

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    progs = {json.loads(l)["id"]: json.loads(l) for l in open("programs.jsonl") if l.strip()}
    fails = []; lines = []
    for it in items:
        errs = []
        out, hist, hits, rets = run_traced(it["code"], it["call"])
        if repr(out) != it["returned"]:
            errs.append("returned mismatch %r" % (out,))
        p = progs.get(it["program_id"])
        if p is None or p["code"] != it["code"] or p["call"] != it["call"] or len(p["events"]) != it["trace_events"]:
            errs.append("program/trace mismatch")
        if it["rationale"].rstrip().splitlines()[-1].strip() != "Answer: " + it["answer"] and not it["rationale"].rstrip().endswith(it["answer"]):
            errs.append("answer line mismatch")
        e = it["error"]
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                errs.append("quote not in rationale: %r" % c["quote"])
            if e is not None and (c["quote"] == e["quote"] or c.get("is_error")):
                continue
            try:
                ok = claim_true(c, hist, hits, rets, out)
            except Exception as ex:
                ok = False; errs.append("claim error %r %s" % (c["quote"], ex))
            if not ok:
                errs.append("false claim: %r" % c["quote"])
        # answers
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == out
        else:
            try:
                ans_ok = plain_eval(it["code"], it["answer"]) == out
            except Exception:
                ans_ok = False
        if e is not None and e.get("carried") and e["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
            pass  # a carried error may change the final answer
        elif it["label"] == "faithful" or (e and e["kind"] not in ("wrong_final_answer", "backward_wrong_input")):
            if not ans_ok:
                errs.append("answer wrong")
        else:
            if ans_ok:
                errs.append("error answer is actually right")
        if e is not None:
            if e["quote"] not in it["rationale"]:
                errs.append("error quote missing")
            chk = e.get("check", {})
            t = chk.get("type")
            if t == "answer":
                pass  # handled above
            elif t == "value_at":
                raw = hist.get(chk["variable"], [])
                h = [v for k, v in enumerate(raw) if k == 0 or raw[k - 1] != v]  # consecutive repeats merged
                if chk["index"] < len(h) and h[chk["index"]] == lit(e["stated"]):
                    errs.append("stated value true at that point")
                if chk["index"] >= len(h) or repr(h[chk["index"]]) != repr(lit(e["actual"])):
                    errs.append("actual mismatch at point: %r" % (h[chk['index']] if chk['index'] < len(h) else None))
            elif t == "absent":
                if lit(e["stated"]) in hist.get(chk["variable"], []):
                    errs.append("impossible state actually occurs")
            elif t in ("arith", "comparison"):
                if eval(chk["expr"], {}) == lit(e["stated"]):
                    errs.append("stated arith/comparison is true")
                if eval(chk["expr"], {}) != lit(e["actual"]):
                    errs.append("actual arith mismatch")
            elif t == "count":
                n = hits.get(chk["line"], 0) - chk.get("entries", 1)
                if n == lit(e["stated"]) or n != lit(e["actual"]):
                    errs.append("count check failed (%d)" % n)
            elif t == "swap":
                for var, st, idx in chk["pairs"]:
                    h = hist.get(var, [])
                    if h[idx] == lit(st):
                        errs.append("swap value true for %s" % var)
            else:
                errs.append("no check for error")
            if e.get("held_elsewhere"):
                v = chk.get("variable") or chk.get("held_var")
                pool = [x for vs in hist.values() for x in vs] + [x for vs in rets.values() for x in vs]
                if lit(e["stated"]) not in pool:
                    errs.append("held_elsewhere but value never held")
        status = "PASS" if not errs else "FAIL"
        lines.append("%s %s %s" % (status, it["id"], "; ".join(errs)))
        if errs:
            fails.append(it["id"])
    lines.append("TOTAL %d items, %d failed" % (len(items), len(fails)))
    open("check_report.txt", "w").write("\n".join(lines) + "\n")
    print("\n".join(lines[-30:]))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
