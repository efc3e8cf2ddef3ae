"""Standalone checker for w282 narrations: runs each program with sys.settrace, records every
variable's value history (per name, in time order, self attributes as self.attr), counts line hits,
and checks claims, answers and error copies. Usage: python3 check.py > check_report.txt"""
import ast, copy, json, re, sys
from collections import defaultdict

FN = "<prog>"

def run_traced(code, call):
    hist = defaultdict(list)           # name -> list of successive distinct values
    hits = defaultdict(int)            # line number -> hit count
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for ak, av in vars(v).items():
                    rec("self." + ak, av)
                continue
            rec(k, v)
    def rec(k, v):
        try:
            v = copy.deepcopy(v)
        except Exception:
            pass
        h = hist[k]
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return tracer
        if event == "line":
            hits[frame.f_lineno] += 1
        snap(frame)
        return tracer
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, hits

def plain_call(code, call):
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def count_of(label, hits):
    m = re.fullmatch(r"loop@line (\d+)", label)
    return hits[int(m.group(1))]

def arith_eval(quote):
    q = quote.replace("`", "").strip()
    lhs, rhs = re.split(r"\s*(?<![=!<>])=(?!=)\s*|\s+is\s+|\s+gives\s+", q, maxsplit=1)
    return eval(lhs, {}), rhs

def check_claim(c, ret, hist, hits, code):
    w = c["what"]
    if w == "value":
        v = lit(c["value"])
        return any(x == v and type(x) == type(v) or (x == v and isinstance(x, (int, float)) and isinstance(v, (int, float)) and not isinstance(x, bool)) for x in hist.get(c["variable"], [])), f"{c['variable']} history {hist.get(c['variable'])}"
    if w == "count":
        n = count_of(c["variable"], hits)
        return n == lit(c["value"]), f"count {n}"
    if w == "comparison":
        got = bool(eval(c["quote"].replace("`", ""), {}))
        return got == lit(c["value"]), f"eval {got}"
    if w == "arith":
        got, _ = arith_eval(c["quote"])
        return got == lit(c["value"]), f"eval {got!r}"
    if w == "return":
        return lit(c["value"]) == ret, f"returned {ret!r}"
    if w == "call":
        got = plain_call(code, c["value"])
        return got == ret, f"call gives {got!r}"
    return False, "unknown what"

def all_values(hist):
    for h in hist.values():
        for x in h:
            yield x

def check_error(item, ret, hist, hits):
    e = item["error"]; k = e["kind"]; msgs = []; ok = True
    if e["quote"] not in item["rationale"]:
        return False, ["error quote not in rationale"]
    pr = e.get("probe") or {}
    stated = e["stated"]
    if k == "wrong_final_answer":
        ok = lit(item["answer"]) != ret; msgs.append(f"answer {item['answer']} vs {ret!r}")
    elif k == "backward_wrong_input":
        got = plain_call(item["code"], item["answer"])
        ok = got != ret; msgs.append(f"wrong call gives {got!r} vs {ret!r}")
    elif k == "wrong_arithmetic":
        got, rhs = arith_eval(pr.get("expr", e["quote"]))
        ok = got != lit(stated) and got == lit(e["actual"]); msgs.append(f"eval {got!r} stated {stated}")
    elif k == "off_by_one_loop_count":
        n = count_of(pr["loop"], hits)
        ok = n == lit(e["actual"]) and abs(n - lit(stated)) == 1; msgs.append(f"count {n} stated {stated}")
    elif k == "branch_not_taken":
        got = bool(eval(pr["expr"], {}))
        ok = got == lit(e["actual"]) and got != lit(stated); msgs.append(f"cond {pr['expr']} is {got}")
    elif k == "impossible_state":
        h = hist.get(pr["var"], [])
        ok = lit(stated) not in h; msgs.append(f"{pr['var']} history {h}")
    elif k in ("wrong_loop_summary_value", "wrong_intermediate_right_answer"):
        h = hist.get(pr["var"], [])
        at = h[pr["index"]]
        ok = at == lit(e["actual"]) and at != lit(stated); msgs.append(f"{pr['var']}[{pr['index']}]={at!r} stated {stated}")
        if k == "wrong_intermediate_right_answer":
            ok = ok and lit(item["answer"]) == ret if item["direction"] == "forward" else ok and plain_call(item["code"], item["answer"]) == ret
    elif k == "swapped_variables":
        for var, idx, sv in pr["pairs"]:
            at = hist[var][idx]
            ok = ok and at != sv; msgs.append(f"{var}[{idx}]={at!r} stated {sv!r}")
    else:
        ok = False; msgs.append("unknown kind")
    if e.get("held_elsewhere"):
        sv = lit(stated)
        if k == "off_by_one_loop_count":
            he = sv in hits.values() or any(sv == x for x in all_values(hist))
        else:
            he = any(x == sv for x in all_values(hist))
        ok = ok and he; msgs.append(f"held elsewhere: {he}")
    return ok, msgs

def main():
    items = [json.loads(l) for l in open("narrations.jsonl", encoding="utf-8") if l.strip()]
    progs = {json.loads(l)["id"]: json.loads(l) for l in open("programs.jsonl", encoding="utf-8") if l.strip()}
    nfail = 0
    for it in items:
        fails = []
        ret, hist, hits = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            fails.append(f"returned {ret!r} != {it['returned']}")
        p = progs.get(it["program_id"])
        if p is None or p["returned"] != it["returned"] or p["code"] != it["code"]:
            fails.append("programs.jsonl mismatch")
        if not it["rationale"].rstrip().endswith("Answer: " + it["answer"]) and "Answer: " + it["answer"] not in it["rationale"].splitlines()[-1]:
            fails.append("answer line mismatch")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                fails.append(f"claim quote missing: {c['quote']!r}")
                continue
            if it["label"] == "error" and (c["quote"] in it["error"]["quote"] or it["error"]["quote"] in c["quote"]):
                continue  # the erroneous claim itself: checked as an error below
            if it["label"] == "error" and it["error"]["kind"] == "swapped_variables" and any(
                    c["variable"] == v and lit(c["value"]) == sv for v, _, sv in it["error"]["probe"]["pairs"]):
                continue  # second half of a swapped pair
            good, why = check_claim(c, ret, hist, hits, it["code"])
            if not good:
                fails.append(f"claim false: {c} ({why})")
        if it["label"] == "faithful":
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret: fails.append("forward answer wrong")
            else:
                if plain_call(it["code"], it["answer"]) != ret: fails.append("backward answer wrong")
        else:
            good, msgs = check_error(it, ret, hist, hits)
            if not good:
                fails.append(f"error not confirmed: {msgs}")
            elif it["error"]["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                # final answer must still be right
                if it["direction"] == "forward" and lit(it["answer"]) != ret and not it["error"].get("carried"):
                    fails.append("answer changed by non-answer error")
        status = "PASS" if not fails else "FAIL"
        if fails: nfail += 1
        print(f"{status} {it['id']} ({it['label']}, {it['direction']}, {it['style']}, {it['family']}, claims={len(it['claims'])})")
        for f in fails:
            print("   ", f)
    print(f"\n{len(items)} items, {nfail} failing")
    return 1 if nfail else 0

if __name__ == "__main__":
    sys.exit(main())
