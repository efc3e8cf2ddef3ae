"""Standalone checker for w459 narrations: re-executes each call under sys.settrace and checks
claims and errors against the real execution (no tool code used)."""
import ast, copy, json, re, sys
from collections import Counter

def same(a, b):
    try:
        return type(a) == type(b) and a == b
    except Exception:
        return False

def run(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist, lines, iters = {}, Counter(), Counter()
    src = code.splitlines()
    ind = lambda n: len(src[n - 1]) - len(src[n - 1].lstrip())
    prev = {}
    def add(k, v):
        try:
            v = copy.deepcopy(v)
        except Exception:
            pass
        h = hist.setdefault(k, [])
        if not h or not same(h[-1], v):
            h.append(v)
    def record(frame):
        for k, v in list(frame.f_locals.items()):
            if k == "self":
                d = getattr(v, "__dict__", None)
                if d:
                    for a, av in d.items():
                        add("self." + a, av)
            else:
                add(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        record(frame)
        if event == "call":
            prev[id(frame)] = None
        if event == "line":
            L = frame.f_lineno
            lines[L] += 1
            P = prev.get(id(frame))
            if P is not None and src[P - 1].lstrip().startswith(("for ", "while ")) and ind(L) > ind(P):
                iters[P] += 1
            prev[id(frame)] = L
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, (lines, iters), g

def derived(hist, var):
    if var in hist:
        return hist[var]
    m = re.match(r"^([A-Za-z_][A-Za-z_0-9.]*)(\[.*)$", var)
    out = []
    for v in hist.get(m.group(1), []):
        try:
            x = eval("x" + m.group(2), {"x": v})
        except Exception:
            continue
        if not out or not same(out[-1], x):
            out.append(x)
    return out

def lit(s):
    return ast.literal_eval(s)

def count_of(label, lines, iters):
    # "loop@line K": times the loop header on line K entered its body (iterations);
    # "line@K": times line K executed.
    if label.startswith("line@"):
        return lines[int(label[5:])]
    k = int(label.split("line")[1].strip())
    return iters[k]

def arith_expr(claim):
    if claim.get("expr"):
        return claim["expr"]
    q = claim["quote"].replace("`", "")
    for sep in (" = ", "=", " is "):
        if sep in q:
            return q.rsplit(sep, 1)[0].strip()
    return q

def check_item(it, errs):
    rid = it["id"]
    rat = it["rationale"]
    def bad(msg):
        errs.append(f"{rid}: {msg}")
    ret, hist, lines, g = run(it["code"], it["call"])
    if repr(ret) != it["returned"]:
        bad(f"returned {repr(ret)} != {it['returned']}")
    last = rat.strip().splitlines()[-1]
    if not last.startswith("Answer:") and not last.startswith("Predicted Output:"):
        bad("no Answer line at end")
    if it["answer"] not in last:
        bad("answer not in last line")
    if it["function"] not in it["call"]:
        bad("function not in call")
    def claim_ok(c):
        w = c["what"]
        if w == "value":
            var = c["variable"]
            m = re.match(r"^([A-Za-z_][A-Za-z_0-9.]*)(\[.*)$", var)
            if m and var not in hist:
                def sub(v):
                    try:
                        return eval("x" + m.group(2), {"x": v})
                    except Exception:
                        return None
                return any(same(lit(c["value"]), sub(v)) for v in hist.get(m.group(1), []))
            return any(same(lit(c["value"]), v) for v in hist.get(var, []))
        if w == "count":
            return count_of(c["variable"], *lines) == lit(c["value"])
        if w in ("arith", "comparison"):
            return same(eval(arith_expr(c), {}), lit(c["value"]))
        if w == "return":
            return same(lit(c["value"]), ret)
        if w == "call":
            g2 = run(it["code"], c["value"])[0]
            return same(g2, ret)
        raise ValueError(w)
    err = it.get("error")
    wrong_quote = err["quote"] if err else None
    for c in it["claims"]:
        if c["quote"] not in rat:
            bad(f"claim quote not in rationale: {c['quote']!r}")
            continue
        ok = claim_ok(c)
        if it["label"] == "faithful" and not ok:
            bad(f"faithful claim false: {c}")
        if it["label"] == "error" and not ok and c["quote"] != wrong_quote and not c.get("erroneous"):
            bad(f"non-error claim false in error copy: {c}")
    # answer
    if it["direction"] == "forward":
        ans_ok = same(lit(it["answer"]), ret)
    else:
        ans_ok = same(run(it["code"], it["answer"])[0], ret)
    if it["label"] == "faithful":
        if not ans_ok:
            bad("faithful answer wrong")
        if it["faithful_id"] is not None or err is not None:
            bad("faithful has error fields")
        return
    # error copies
    if err["quote"] not in rat:
        bad("error quote not in rationale")
    if err["stated"] not in err["quote"]:
        bad("stated not in error quote")
    kind = err["kind"]
    chk = err.get("check", {})
    t = chk.get("type")
    if kind in ("wrong_final_answer", "backward_wrong_input"):
        if ans_ok:
            bad("error answer is actually right")
        if kind == "wrong_final_answer" and it["direction"] != "forward":
            bad("wrong_final_answer on backward")
        if kind == "backward_wrong_input" and it["direction"] != "backward":
            bad("backward_wrong_input on forward")
        return
    if not ans_ok:
        bad(f"{kind}: answer should still be right")
    stated = lit(chk["stated_value"]) if "stated_value" in chk else None
    if t == "hist":
        h = derived(hist, chk["var"])
        at = h[chk["idx"]]
        if same(at, stated):
            bad(f"stated value is true at that point ({chk})")
        if not same(at, lit(chk["actual_value"])):
            bad(f"actual_value mismatch at point: {at!r}")
        if err.get("held_elsewhere"):
            if not any(same(stated, v) for v in h) and not any(
                    same(stated, v) for hh in hist.values() for v in hh):
                bad("held_elsewhere but value never held")
    elif t == "absent":
        if any(same(stated, v) for v in hist.get(chk["var"], [])):
            bad("impossible_state value does occur")
    elif t == "expr":
        v = eval(chk["expr"], {})
        if same(v, stated):
            bad("arith/comparison error is actually true")
        if "actual_value" in chk and not same(v, lit(chk["actual_value"])):
            bad("actual_value mismatch for expr")
    elif t == "count":
        n = count_of(chk["label"], *lines)
        if n == stated or abs(n - stated) != 1 and kind == "off_by_one_loop_count":
            bad(f"count error wrong: real {n}, stated {stated}")
    else:
        bad(f"unknown check type {t}")
    if err.get("held_elsewhere") and t in ("expr", "count"):
        allv = [v for hh in hist.values() for v in hh]
        if not any(same(stated, v) for v in allv):
            bad("held_elsewhere but value never held")

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")]
    errs = []
    ids = set()
    for it in items:
        if it["id"] in ids:
            errs.append(f"duplicate id {it['id']}")
        ids.add(it["id"])
        try:
            check_item(it, errs)
        except Exception as e:
            errs.append(f"{it['id']}: exception {type(e).__name__}: {e}")
    fids = {it["id"] for it in items if it["label"] == "faithful"}
    for it in items:
        if it["label"] == "error" and it["faithful_id"] not in fids:
            errs.append(f"{it['id']}: faithful_id missing")
    print(f"items: {len(items)}  faithful: {len(fids)}  errors: {len(items) - len(fids)}")
    print(Counter(it["style"] for it in items if it["label"] == "faithful"))
    print(Counter(it["family"] for it in items if it["label"] == "faithful"))
    print(Counter(it["error"]["kind"] for it in items if it["label"] == "error"))
    for e in errs:
        print("FAIL", e)
    print("ALL PASS" if not errs else f"{len(errs)} FAILURES")
    return 1 if errs else 0

if __name__ == "__main__":
    sys.exit(main())
