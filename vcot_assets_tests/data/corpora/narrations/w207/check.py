"""Standalone checker for w207 narrations: runs each call under sys.settrace, records per-variable
value histories (locals and self.<attr>), per-line hit counts, and checks claims and errors."""
import json, sys, copy, re

def run_traced(code, call):
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    hist, lines = {}, {}
    def snap(frame):
        if frame.f_code.co_filename != "<prog>":
            return
        items = list(frame.f_locals.items())
        s = frame.f_locals.get("self")
        if s is not None and hasattr(s, "__dict__"):
            items += [("self." + k, v) for k, v in vars(s).items()]
        for k, v in items:
            if k == "self":
                continue
            try:
                v = copy.deepcopy(v)
            except Exception:
                continue
            h = hist.setdefault(k, [])
            if not h or h[-1] != v:
                h.append(v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        snap(frame)
        if event == "line":
            key = (frame.f_code.co_name, frame.f_lineno)
            lines[key] = lines.get(key, 0) + 1
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines, g

def line_count(lines, label, hist=None):
    if label.startswith("iter:"):
        return len(hist[label[5:]])
    m = re.match(r"loop@line (\d+)", label)
    n = int(m.group(1))
    return sum(c for (fn, ln), c in lines.items() if ln == n)

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    ok = bad = 0
    out = []
    for it in items:
        errs = []
        ret, hist, lines, g = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            errs.append(f"returned mismatch {ret!r}")
        r = it["rationale"]
        last = r.strip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            errs.append("answer field does not match last line")
        for c in it["claims"]:
            if c["quote"] not in r:
                errs.append(f"quote not in rationale: {c['quote']!r}")
        e = it["error"]
        if e is not None and e["quote"] not in r:
            errs.append("error quote missing")
        # claims checked only for faithful items; for error items all claims except the error one
        for c in it["claims"]:
            if e is not None and c.get("is_error"):
                continue
            val = eval(c["value"])
            w = c["what"]
            if w == "value":
                h = hist.get(c["variable"], [])
                if val not in h:
                    errs.append(f"value claim false: {c['variable']}={val!r} hist={h}")
            elif w == "count":
                n = line_count(lines, c["variable"], hist)
                if n != val:
                    errs.append(f"count claim false: {c['variable']} {val} vs {n}")
            elif w in ("arith", "comparison"):
                ex = c.get("expr", c["quote"])
                if eval(ex, dict(g)) != val:
                    errs.append(f"{w} claim false: {ex} != {val!r}")
            elif w == "return":
                if val != ret:
                    errs.append(f"return claim false {val!r}")
            elif w == "call":
                if eval(c.get("expr", c["quote"]), dict(g)) != val:
                    errs.append(f"call claim false {c['quote']}")
        # answer
        if it["direction"] == "forward":
            ans_ok = eval(it["answer"]) == ret
        else:
            g2 = {}
            exec(it["code"], g2)
            ans_ok = eval(it["answer"], g2) == ret
        if it["label"] == "faithful":
            if not ans_ok:
                errs.append("faithful answer wrong")
        else:
            chk = e["check"]
            t = chk["type"]
            stated = eval(e["stated"]) if t != "call" else None
            if t == "hist":
                h = hist[chk["variable"]]
                actual = h[chk["index"]]
                if "item" in chk:
                    actual = actual[chk["item"]]
                if actual == stated or repr(actual) != e["actual"] and actual != eval(e["actual"]):
                    errs.append(f"hist error not confirmed: {h} idx {chk['index']}")
                pool = [x[chk["item"]] for x in h if (isinstance(x, dict) and chk["item"] in x) or (isinstance(x, list) and len(x) > chk["item"])] if "item" in chk else sum((hh for hh in hist.values()), [])
                if e.get("held_elsewhere") and stated not in pool:
                    errs.append("held_elsewhere but value never held")
                if not e.get("held_elsewhere") and e["kind"] == "impossible_state" and stated in h:
                    errs.append("impossible_state value is actually held")
            elif t in ("arith", "comparison"):
                if eval(chk["expr"], dict(g)) == stated:
                    errs.append("arith/comparison error is actually true")
            elif t == "count":
                n = line_count(lines, chk["variable"], hist)
                if n == stated:
                    errs.append("count error actually true")
            elif t == "answer":
                if ans_ok:
                    errs.append("wrong answer is actually right")
            elif t == "call":
                if ans_ok:
                    errs.append("backward wrong input actually returns output")
            if e["kind"] in ("wrong_final_answer", "backward_wrong_input") and ans_ok:
                errs.append("answer should be wrong")
            if e["kind"] not in ("wrong_final_answer", "backward_wrong_input") and not ans_ok and not e.get("carried"):
                errs.append("answer should be right")
        status = "PASS" if not errs else "FAIL"
        ok += not errs; bad += bool(errs)
        out.append(f"{status} {it['id']}" + ("" if not errs else "  " + "; ".join(errs)))
    out.append(f"total {len(items)} pass {ok} fail {bad}")
    print("\n".join(out))
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
