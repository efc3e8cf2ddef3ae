"""Standalone checker for w225 narrations: runs each call under sys.settrace, records per-variable
value histories (locals and self.<attr>), line hit counts, and checks claims / errors."""
import json, sys, copy, ast, collections

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = collections.defaultdict(list)   # name -> list of values (one per change, per frame)
    hits = collections.Counter()
    last = {}
    def snap(frame):
        fid = id(frame)
        items = dict(frame.f_locals)
        if "self" in items and hasattr(items["self"], "__dict__"):
            for k, v in vars(items["self"]).items():
                items["self." + k] = v
        for k, v in items.items():
            if k == "self":
                continue
            try:
                v2 = copy.deepcopy(v)
            except Exception:
                v2 = repr(v)
            key = (fid, k)
            if key not in last or last[key] != v2:
                last[key] = v2
                hist[k].append(v2)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        snap(frame)
        if event == "line":
            hits[frame.f_lineno] += 1
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, hits, ns

def lit(s):
    return ast.literal_eval(s) if isinstance(s, str) else s

def count_of(var, hist, hits):
    # "loop@line N": N is a body line run once per iteration; a plain name: number of values the loop variable took
    if "@line" in var:
        return hits[int(var.split("@line")[1])]
    return len(hist.get(var, []))

def check_claim(c, ret, hist, hits, ns):
    w = c["what"]; q = c["quote"].replace("`", "")
    for tail in (" is false", " is true", " is False", " is True"):
        if w == "comparison" and q.endswith(tail):
            q = q[: -len(tail)]
    if w == "call":
        return eval(q, dict(ns)) == ret, f"call {q}"
    val = lit(c["value"])
    if w == "value":
        return val in hist.get(c["variable"], []), f"{c['variable']} never {val!r}"
    if w == "count":
        n = count_of(c["variable"], hist, hits)
        return n == val, f"count {n} != {val}"
    if w == "comparison":
        return bool(eval(q, dict(ns))) == val, f"comparison {q} not {val}"
    if w == "arith":
        lhs = q.rsplit("=", 1)[0].strip()
        return eval(lhs, dict(ns)) == val, f"arith {q}"
    if w == "return":
        return val == ret, f"return {val!r} != {ret!r}"
    if w == "call":
        return eval(q, dict(ns)) == ret, f"call {q}"
    return False, "unknown what"

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    out = []; bad = 0
    byid = {it["id"]: it for it in items}
    for it in items:
        probs = []
        ret, hist, hits, ns = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append(f"returned {ret!r} != {it['returned']}")
        rat = it["rationale"]
        for c in it["claims"]:
            if c["quote"] not in rat:
                probs.append(f"quote missing: {c['quote']!r}")
        last_line = rat.strip().splitlines()[-1]
        if it["answer"] not in last_line:
            probs.append("answer not in last line")
        if it["label"] == "faithful":
            for c in it["claims"]:
                try:
                    ok, msg = check_claim(c, ret, hist, hits, ns)
                except Exception as ex:
                    ok, msg = False, f"claim {c['quote']!r} raised {ex!r}"
                if not ok: probs.append(msg)
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret: probs.append("forward answer wrong")
            else:
                if eval(it["answer"], dict(ns)) != ret: probs.append("backward answer wrong")
        else:
            e = it["error"]; k = e["kind"]; chk = e.get("check", {})
            if e["quote"] not in rat: probs.append("error quote missing")
            f = byid[it["faithful_id"]]
            # other claims (not the error one) still true
            for c in it["claims"]:
                if c["quote"] in e["quote"]:
                    continue
                try:
                    ok, msg = check_claim(c, ret, hist, hits, ns)
                except Exception as ex:
                    ok, msg = False, f"claim {c['quote']!r} raised {ex!r}"
                if not ok: probs.append("non-error claim false: " + msg)
            t = chk.get("type")
            if t == "arith":
                if eval(chk["expr"], dict(ns)) == lit(e["stated"]): probs.append("arith not wrong")
            if t == "hist":
                for var, idx, stated in chk["points"]:
                    h = hist[var]
                    if h[idx] == lit(stated): probs.append(f"{var}[{idx}] equals stated")
                    try:
                        if h[idx] != lit(e["actual"]): probs.append(f"{var}[{idx}]={h[idx]!r} is not actual {e['actual']}")
                    except (ValueError, SyntaxError):
                        pass
                    if e.get("held_elsewhere") and not any(lit(stated) == x for v2 in hist for x in hist[v2]):
                        probs.append("held_elsewhere but value never held")
            if t == "absent":
                pairs = chk.get("pairs") or [[chk["var"], e["stated"]]]
                for var, stated in pairs:
                    if lit(stated) in hist[var]: probs.append(f"{var} does take {stated}")
            if t == "count":
                n = count_of(chk["var"], hist, hits)
                if n == lit(e["stated"]): probs.append("count not wrong")
                if n != lit(e["actual"]): probs.append("actual count wrong")
            if t == "comparison":
                if bool(eval(chk["expr"], dict(ns))) == chk["stated_truth"]: probs.append("comparison not wrong")
            if k == "wrong_final_answer":
                if lit(it["answer"]) == ret: probs.append("final answer not wrong")
            elif k == "backward_wrong_input":
                if eval(it["answer"], dict(ns)) == ret: probs.append("backward input not wrong")
            elif it["direction"] == "forward":
                if k != "wrong_final_answer" and lit(it["answer"]) != ret and not e.get("carried"):
                    probs.append("answer wrong though error not final")
            if k == "wrong_intermediate_right_answer" and it["direction"] == "forward" and lit(it["answer"]) != ret:
                probs.append("answer should be right")
        status = "PASS" if not probs else "FAIL"
        if probs: bad += 1
        out.append(f"{status} {it['id']} " + "; ".join(probs))
    out.append(f"TOTAL {len(items)} items, {bad} failing")
    open("check_report.txt", "w").write("\n".join(out) + "\n")
    print("\n".join(out[-5:]) if not bad else "\n".join(o for o in out if not o.startswith("PASS")))
    sys.exit(1 if bad else 0)

if __name__ == "__main__":
    main()
