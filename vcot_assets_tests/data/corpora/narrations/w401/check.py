"""Standalone checker for w401 narrations: plain execution + sys.settrace histories."""
import ast, copy, json, sys

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = {}          # name -> list of values (in change order, per frame merged)
    lines = {}         # line number -> hits
    last = {}          # (frame id, name) -> last value
    def snap(frame):
        items = dict(frame.f_locals)
        s = items.get("self")
        if s is not None and hasattr(s, "__dict__"):
            for k, v in vars(s).items():
                items["self." + k] = v
        for k, v in items.items():
            if k == "self" or callable(v):
                continue
            key = (id(frame), k)
            try:
                v = copy.deepcopy(v)
            except Exception:
                pass
            if key not in last or last[key] != v:
                last[key] = v
                hist.setdefault(k, []).append(v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        snap(frame)
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines, ns

def lit(s):
    return ast.literal_eval(s)

def claim_ok(c, ret, hist, lines, ns):
    what, var = c["what"], c.get("variable")
    val = lit(c["value"])
    if what == "value":
        h = hist.get(var, [])
        if "nth" in c:
            return c["nth"] < len(h) and h[c["nth"]] == val
        return val in h
    if what == "count":
        ln = int(var.split("@line")[1])
        return lines.get(ln, 0) == val
    if what == "arith":
        expr = c.get("expr") or c["quote"].rsplit("=", 1)[0]
        return eval(expr) == val
    if what == "comparison":
        expr = c.get("expr") or c["quote"]
        return bool(eval(expr)) == val
    if what == "return":
        return ret == val
    if what == "call":
        return eval(c.get("expr") or c["quote"], dict(ns)) == val
    raise ValueError(what)

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    progs = {json.loads(l)["id"]: json.loads(l) for l in open("programs.jsonl")}
    bad = 0
    out = []
    for it in items:
        errs = []
        ret, hist, lines, ns = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            errs.append("returned mismatch")
        p = progs.get(it["program_id"])
        if p is None or p["returned"] != it["returned"] or len(p["events"]) != it["trace_events"]:
            errs.append("programs.jsonl mismatch")
        r = it["rationale"]
        last = r.strip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            errs.append("answer line mismatch")
        for c in it["claims"]:
            if c["quote"] not in r:
                errs.append("quote missing: " + c["quote"])
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == ret
        else:
            ans_ok = eval(it["answer"], dict(ns)) == ret
        e = it["error"]
        if it["label"] == "faithful":
            if not ans_ok:
                errs.append("answer wrong")
            for c in it["claims"]:
                if not claim_ok(c, ret, hist, lines, ns):
                    errs.append("false claim: " + json.dumps(c))
        else:
            if e["quote"] not in r:
                errs.append("error quote missing")
            if e["kind"] in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    errs.append("erroneous answer is actually right")
            else:
                if not ans_ok:
                    errs.append("answer should be right")
                ec = [c for c in it["claims"] if c["quote"] == e["quote"]]
                if not ec:
                    errs.append("no claim for error")
                for c in ec:
                    if claim_ok(c, ret, hist, lines, ns):
                        errs.append("error claim is actually true: " + json.dumps(c))
                    if e.get("held_elsewhere"):
                        if c["what"] == "value" and lit(c["value"]) not in hist.get(c["variable"], []):
                            errs.append("held_elsewhere value never held")
                        if c["what"] != "value":
                            hv = c.get("held_variable")
                            if not hv or lit(c["value"]) not in hist.get(hv, []):
                                errs.append("held_elsewhere: stated value not held by held_variable")
            for c in it["claims"]:
                if c["quote"] != e["quote"] and not (e.get("carried") and c.get("carried")):
                    if not claim_ok(c, ret, hist, lines, ns):
                        errs.append("other false claim: " + json.dumps(c))
        status = "PASS" if not errs else "FAIL"
        if errs:
            bad += 1
        out.append(f"{status} {it['id']} ({it['label']}, {len(it['claims'])} claims)" + ("".join("\n    " + x for x in errs)))
    out.append(f"\n{len(items)} items, {len(items) - bad} pass, {bad} fail")
    open("check_report.txt", "w").write("\n".join(out) + "\n")
    print("\n".join(out[-40:]))

if __name__ == "__main__":
    main()
