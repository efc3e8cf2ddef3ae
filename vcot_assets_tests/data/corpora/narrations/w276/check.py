"""Standalone checker for w276 narrations: runs each call under sys.settrace, records
per-variable value histories and line hits, and checks claims / errors against them."""
import json, sys, ast, copy

def run(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist, hits = {}, {}
    def snap(frame):
        items = {}
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in getattr(v, "__dict__", {}).items():
                    items["self." + a] = av
            else:
                items[k] = v
        for k, v in items.items():
            try:
                v = copy.deepcopy(v)
            except Exception:
                continue
            h = hist.setdefault(k, [])
            if not h or h[-1] != v:
                h.append(v)
    def tr(frame, ev, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if ev == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        snap(frame)
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, hits, ns

def arith_ok(quote, value):
    for sep in (" = ", "=", " is "):
        if sep in quote:
            lhs = quote.rsplit(sep, 1)[0]
            return eval(lhs, {"abs": abs, "min": min, "max": max, "int": int}) == ast.literal_eval(value)
    raise ValueError("no arith in " + quote)

def claim_true(c, ret, hist, hits):
    w = c["what"]
    if w == "value":
        v = ast.literal_eval(c["value"])
        if c.get("blockends"):
            # values of the variable at the given positions of its change history
            h = hist.get(c["variable"], [])
            return [h[i] for i in c["blockends"]] == v
        if c.get("seq"):
            h = hist.get(c["variable"], [])
            return any(h[i:i + len(v)] == v for i in range(len(h)))
        if c.get("at") is not None:
            return hist[c["variable"]][c["at"]] == v
        return v in hist.get(c["variable"], [])
    if w == "count" and c["variable"].startswith("values_of:"):
        # number of distinct successive values the loop variable took = iterations
        return len(hist.get(c["variable"].split(":")[1], [])) == ast.literal_eval(c["value"])
    if w == "count":
        line = int(c["variable"].split("@line")[1])
        return hits.get(line, 0) == ast.literal_eval(c["value"])
    if w == "arith":
        return arith_ok(c.get("expr", c["quote"]), c["value"])
    if w == "comparison":
        return bool(eval(c["expr"])) == ast.literal_eval(c["value"])
    if w == "return":
        return ret == ast.literal_eval(c["value"])
    if w == "call":
        return True
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    out, bad = [], 0
    for it in items:
        errs = []
        ret, hist, hits, ns = run(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            errs.append("returned mismatch")
        if it["rationale"].strip().splitlines()[-1].strip() != "Answer: " + it["answer"]:
            errs.append("answer line mismatch")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                errs.append("quote missing: " + c["quote"])
        if it["direction"] == "forward":
            ans_ok = ast.literal_eval(it["answer"]) == ret
        else:
            ans_ok = run(it["code"], it["answer"])[0] == ret
        if it["label"] == "faithful":
            if not ans_ok:
                errs.append("answer wrong")
            for c in it["claims"]:
                if not claim_true(c, ret, hist, hits):
                    errs.append("false claim: %r" % c)
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                errs.append("error quote missing")
            k = e["kind"]
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    errs.append("error answer is actually right")
            else:
                if not ans_ok:
                    errs.append("answer should be right")
                ec = [c for c in it["claims"] if c.get("error")]
                if not ec:
                    errs.append("no error claim")
                for c in ec:
                    if claim_true(c, ret, hist, hits):
                        errs.append("error claim is true: %r" % c)
                if e.get("held_elsewhere"):
                    # the wrong value must be one the run really holds somewhere (another moment / variable)
                    for c in ec:
                        sv = ast.literal_eval(c["value"])
                        if c["what"] == "value" and not c.get("seq") and not c.get("blockends"):
                            if not any(sv in h for h in hist.values() if isinstance(h, list)):
                                errs.append("held_elsewhere value never held: %r" % c["value"])
                for c in it["claims"]:
                    if not c.get("error") and not claim_true(c, ret, hist, hits):
                        if not e.get("carried"):
                            errs.append("other false claim: %r" % c)
        status = "PASS" if not errs else "FAIL " + "; ".join(errs)
        bad += bool(errs)
        out.append("%s %s" % (it["id"], status))
    out.append("items=%d failed=%d" % (len(items), bad))
    print("\n".join(out))

if __name__ == "__main__":
    main()
