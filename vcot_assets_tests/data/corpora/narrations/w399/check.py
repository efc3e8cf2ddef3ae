"""Standalone checker for w399 narrations: runs each program under sys.settrace, records every
variable's value history (locals plus self.<attr>), line execution counts, and checks claims."""
import json, sys, copy, ast

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run_traced(code, call):
    hist = {}      # name -> list of distinct successive values
    lines = {}     # line number -> executions (program frames only)
    def rec(name, val):
        h = hist.setdefault(name, [])
        if not h or h[-1] != val or type(h[-1]) != type(val):
            h.append(snap(val))
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    rec("self." + a, av)
            elif not callable(v) and not k.startswith("."):
                rec(k, v)
        if event == "return":
            rec("<return:%s>" % frame.f_code.co_name, arg)
        return tracer
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    sys.settrace(tracer)
    try:
        result = eval(compile(call, "<call>", "eval"), ns)
    finally:
        sys.settrace(None)
    return result, hist, lines

def plain_call(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    return eval(call, ns)

def history_of(hist, name):
    """name, or name[key] (the key's successive values in a dict/list variable's history)."""
    if name in hist:
        return hist[name]
    if name.startswith("len(") and name.endswith(")") and name[4:-1] in hist:
        out = []
        for v in hist[name[4:-1]]:
            if not out or out[-1] != len(v):
                out.append(len(v))
        return out
    if "[" in name and name.endswith("]"):
        base, key = name[:-1].split("[", 1)
        key = ast.literal_eval(key)
        out = []
        for v in hist.get(base, []):
            try:
                x = v[key]
            except Exception:
                continue
            if not out or out[-1] != x:
                out.append(x)
        return out
    return None

def is_subsequence(seq, h):
    i = 0
    for x in h:
        if i < len(seq) and seq[i] == x:
            i += 1
    return i == len(seq)

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, rationale, result, hist, lines, problems, tag):
    if c["quote"] not in rationale:
        problems.append(f"{tag}: quote not in rationale: {c['quote']!r}")
        return None
    return claim_truth(c, result, hist, lines, problems, tag)

def claim_truth(c, result, hist, lines, problems, tag):
    w = c["what"]; val = lit(c["value"]) if w != "call" else c["value"]
    if w == "value":
        h = history_of(hist, c["variable"])
        if h is None:
            problems.append(f"{tag}: unknown variable {c['variable']}"); return None
        if c.get("series"):
            # a variable re-assigned the same value shows once in the history, so
            # consecutive repeats in the stated series collapse too
            col = [x for k, x in enumerate(val) if k == 0 or val[k - 1] != x]
            return is_subsequence(col, h)
        return val in h
    if w == "count":
        lab = c["variable"]
        if lab.startswith("iters:"):
            n = len(hist.get(lab[6:], []))
        else:
            n = lines.get(int(lab.split("@line")[1]), 0)
        return val == n
    if w in ("arith", "comparison"):
        return eval(c["expr"]) == val
    if w == "return":
        return val == result
    if w == "call":
        return None
    problems.append(f"{tag}: bad what {w}"); return None

def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
    report = sys.argv[2] if len(sys.argv) > 2 else "check_report.txt"
    items = [json.loads(l) for l in open(path) if l.strip()]
    byid = {it["id"]: it for it in items}
    out = []; nfail = 0
    for it in items:
        problems = []; tag = it["id"]
        result, hist, lines = run_traced(it["code"], it["call"])
        if repr(result) != it["returned"]:
            problems.append(f"returned mismatch {result!r} vs {it['returned']}")
        # answer line present and last
        last = it["rationale"].rstrip().splitlines()[-1]
        if not last.startswith("Answer:") and not last.startswith("Predicted Output:"):
            problems.append("last line is not an Answer line")
        if it["answer"] not in last:
            problems.append("answer field not in last line")
        err = it["error"]
        if it["label"] == "error":
            if it["faithful_id"] not in byid:
                problems.append("faithful_id missing")
            if err["quote"] not in it["rationale"]:
                problems.append("error quote not in rationale")
            if err["stated"] not in err["quote"]:
                problems.append("stated not inside error quote")
        # answer correctness
        if it["direction"] == "forward":
            ans_ok = (lit(it["answer"]) == result)
        else:
            try:
                ans_ok = (plain_call(it["code"], it["answer"]) == result)
            except Exception as e:
                ans_ok = False
        expect_ans_ok = not (err and err["kind"] in ("wrong_final_answer", "backward_wrong_input"))
        if ans_ok != expect_ans_ok:
            problems.append(f"answer correctness {ans_ok}, expected {expect_ans_ok}")
        # claims
        for c in it["claims"]:
            t = check_claim(c, it["rationale"], result, hist, lines, problems, tag)
            is_err = err is not None and c.get("is_error")
            is_carried = c.get("carried")
            if t is None:
                continue
            if is_err:
                if t is not False or "ERRCHK" in c:
                    pass
                # error claim must be false at its point
                ck = err.get("check", {})
                if ck.get("type") == "history":
                    h = history_of(hist, ck["variable"])
                    k = ck["index"]
                    sv = lit(err["stated"])
                    if h[k] == sv:
                        problems.append(f"error claim TRUE at history index {k}")
                    if err.get("held_elsewhere") and not any(sv in hh for hh in hist.values()):
                        problems.append("held_elsewhere but value never held")
                    if lit(err["actual"]) != h[k]:
                        problems.append(f"actual {err['actual']} != history[{k}] {h[k]!r}")
                elif ck.get("type") == "series_at":
                    h = history_of(hist, ck["variable"]); sv = lit(err["stated"])
                    if not is_subsequence(ck["series"], h):
                        problems.append("series_at: true series is not in the history")
                    if ck["series"][ck["pos"]] != lit(err["actual"]) or sv == lit(err["actual"]):
                        problems.append("series_at: stated/actual mismatch")
                    if t is not False:
                        problems.append("series claim with the error is not false")
                    if err.get("held_elsewhere") and not any(sv in hh for hh in hist.values()):
                        problems.append("held_elsewhere but value never held by that variable")
                elif t is not False:
                    problems.append(f"error claim is not false: {c['quote']!r}")
                if ck.get("type") not in ("history", "series_at") and err.get("held_elsewhere"):
                    sv = lit(err["stated"])
                    if not any(sv in hh for hh in hist.values()) and not any(sv == n for n in lines.values()):
                        problems.append("held_elsewhere but value never held")
            elif is_carried:
                continue
            elif t is False:
                problems.append(f"claim false: {c['quote']!r} ({c['variable']}={c['value']})")
        if err and err["kind"] in ("wrong_final_answer", "backward_wrong_input"):
            pass
        if err and err["kind"] == "wrong_final_answer" and it["direction"] != "forward":
            problems.append("wrong_final_answer on backward item")
        if err and err["kind"] == "backward_wrong_input" and it["direction"] != "backward":
            problems.append("backward_wrong_input on forward item")
        if err and not any(c.get("is_error") for c in it["claims"]) and err["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
            problems.append("error copy has no is_error claim")
        status = "PASS" if not problems else "FAIL"
        nfail += bool(problems)
        out.append(f"{status} {tag} ({it['label']}{'/' + err['kind'] if err else ''}, {len(it['claims'])} claims)")
        for p in problems:
            out.append("    " + p)
    out.append(f"\n{len(items)} items, {len(items) - nfail} pass, {nfail} fail")
    txt = "\n".join(out)
    open(report, "w").write(txt + "\n")
    print(txt)
    sys.exit(1 if nfail else 0)

if __name__ == "__main__":
    main()
