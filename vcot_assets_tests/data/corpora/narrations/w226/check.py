"""Standalone checker for w226 narrations: re-executes each program with sys.settrace."""
import json, sys, ast

def run(code, call):
    hist, hits = {}, {}
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event in ("line", "return"):
            if event == "line":
                hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
            snap = {}
            for k, v in frame.f_locals.items():
                if k == "self":
                    for a, av in vars(v).items():
                        snap["self." + a] = repr(av)
                else:
                    snap[k] = repr(v)
            for k, v in snap.items():
                h = hist.setdefault(k, [])
                if not h or h[-1] != v:
                    h.append(v)
        return tracer
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    sys.settrace(tracer)
    try:
        res = eval(call, ns)
    finally:
        sys.settrace(None)
    return res, hist, hits

def norm(v):
    try:
        return repr(ast.literal_eval(v))
    except Exception:
        return v

def plain_value(code, call):
    ns = {}
    exec(code, ns)
    return eval(call, ns)

def claim_true(c, hist, hits, returned, item):
    w = c["what"]
    if w == "arith":
        expr = c["quote"].strip("`").split("=")[0]
        return eval(expr) == ast.literal_eval(c["value"])
    if w == "comparison":
        return eval(c["expr"]) == ast.literal_eval(c["value"])
    if w == "count":
        if "body_line" in c:
            return hits.get(c["body_line"], 0) == int(c["value"])
        return hits.get(c["line"], 0) - 1 == int(c["value"])
    if w == "return":
        return norm(c["value"]) == norm(returned)
    if w == "call":
        return repr(plain_value(item["code"], c["value"])) == item["returned"]
    if w == "value":
        h = hist.get(c["variable"], [])
        if c.get("seq"):
            seq = [norm(repr(x)) for x in ast.literal_eval(c["value"])]
            return any(h[i:i + len(seq)] == seq for i in range(len(h)))
        if "at_index" in c:
            v = ast.literal_eval(h[c["at_index"]])
            if "key" in c:
                v = v[c["key"]]
            return v == ast.literal_eval(c["value"])
        return norm(c["value"]) in h
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")]
    fails = 0
    out = []
    for it in items:
        res, hist, hits = run(it["code"], it["call"])
        probs = []
        if repr(res) != it["returned"]:
            probs.append("returned mismatch")
        allv = set(v for h in hist.values() for v in h)
        if it["label"] == "faithful":
            for c in it["claims"]:
                if c["quote"] not in it["rationale"]:
                    probs.append("quote missing: " + c["quote"])
                elif not claim_true(c, hist, hits, it["returned"], it):
                    probs.append("false claim: " + c["quote"])
            if it["direction"] == "forward":
                if norm(it["answer"]) != norm(it["returned"]):
                    probs.append("forward answer wrong")
            elif repr(plain_value(it["code"], it["answer"])) != it["returned"]:
                probs.append("backward answer wrong")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                probs.append("error quote missing")
            ec = [c for c in it["claims"] if c["quote"] == e["quote"]] or \
                 [c for c in it["claims"] if e["quote"] in c["quote"] or c["quote"] in e["quote"]]
            if not ec:
                probs.append("no claim for error")
            for c in ec:
                if claim_true(c, hist, hits, it["returned"], it):
                    probs.append("error claim is actually true: " + c["quote"])
            # all other claims must still hold
            for c in it["claims"]:
                if c in ec:
                    continue
                if c["quote"] not in it["rationale"] or not claim_true(c, hist, hits, it["returned"], it):
                    probs.append("non-error claim false: " + c["quote"])
            if e["kind"] == "wrong_final_answer":
                if norm(it["answer"]) == norm(it["returned"]):
                    probs.append("final answer not wrong")
            elif e["kind"] == "backward_wrong_input":
                if repr(plain_value(it["code"], it["answer"])) == it["returned"]:
                    probs.append("backward input not wrong")
            elif it["direction"] == "forward":
                if norm(it["answer"]) != norm(it["returned"]):
                    probs.append("answer changed")
            else:
                if repr(plain_value(it["code"], it["answer"])) != it["returned"]:
                    probs.append("answer changed")
            if e.get("held_elsewhere"):
                if "key" in e:
                    held = {repr(ast.literal_eval(v).get(e["key"])) for v in hist.get(e["variable"], [])}
                else:
                    held = allv
                if norm(e["stated"]) not in held:
                    probs.append("held_elsewhere but stated value never held")
        status = "PASS" if not probs else "FAIL " + "; ".join(probs)
        fails += bool(probs)
        out.append(f"{it['id']}: {status}")
    out.append(f"TOTAL {len(items)} items, {fails} failing")
    print("\n".join(out))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
