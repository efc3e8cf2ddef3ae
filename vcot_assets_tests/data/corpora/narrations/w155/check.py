"""Standalone checker for w155 narrations: runs each program with sys.settrace, records every
variable's value history per function (self attributes as self.<attr>) and line hit counts,
then checks items' returned/answer/claims and that each error copy's error is really false."""
import ast, json, sys, copy

def run(code, call):
    hist, hits = {}, {}
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return tracer
        if event == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        snap = dict(frame.f_locals)
        s = snap.get("self")
        if s is not None and hasattr(s, "__dict__"):
            for k, v in vars(s).items():
                snap["self." + k] = v
        for k, v in snap.items():
            if k == "self" or k.startswith("."):
                continue
            try:
                v = copy.deepcopy(v)
            except Exception:
                pass
            h = hist.setdefault(k, [])
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)
        return tracer
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    sys.settrace(tracer)
    try:
        res = eval(call, ns)
    finally:
        sys.settrace(None)
    return res, hist, hits, ns

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, res, hist, hits, ns, item):
    w, v = c["what"], lit(c["value"])
    if w == "value":
        var = c["variable"]
        if var is None:
            return any(v in h for h in hist.values()) or v == res
        return var in hist and v in hist[var]
    if w == "count":
        line = int(c["variable"].split("line")[-1])
        return hits.get(line, 0) == v
    if w in ("comparison", "arith"):
        return eval(c["expr"]) == v
    if w == "sequence":
        h = hist.get(c["variable"], [])
        return any(h[i:i + len(v)] == list(v) for i in range(len(h)))
    if w == "return":
        return v == res
    if w == "call":
        return eval(c.get("expr", item["answer"]), dict(ns)) == res
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    fails, n_claims = [], 0
    for it in items:
        iid = it["id"]
        def bad(msg):
            fails.append(f"{iid}: {msg}")
        res, hist, hits, ns = run(it["code"], it["call"])
        if repr(res) != it["returned"]:
            bad("returned mismatch")
        if not it["rationale"].rstrip().endswith(it["rationale"].rstrip().splitlines()[-1]) or \
           not it["rationale"].rstrip().splitlines()[-1].startswith(("Answer:", "Predicted Output:")):
            bad("last line is not Answer")
        if it["answer"] not in it["rationale"].rstrip().splitlines()[-1]:
            bad("answer not in last line")
        err = it["error"]
        for c in it["claims"]:
            n_claims += 1
            if c["quote"] not in it["rationale"]:
                bad(f"claim quote missing: {c['quote']!r}")
            ok = check_claim(c, res, hist, hits, ns, it)
            is_err = err is not None and (c["quote"] == err["quote"] or c["quote"] in err["quote"])
            if is_err:
                continue
            if not ok and not c.get("carried"):
                bad(f"claim false: {c['quote']!r} value {c['value']}")
        # answer
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == res
        else:
            try:
                ans_ok = eval(it["answer"], dict(ns)) == res
            except Exception:
                ans_ok = False
        want_ans_ok = not (err and err["kind"] in ("wrong_final_answer", "backward_wrong_input"))
        if ans_ok != want_ans_ok:
            bad(f"answer check {ans_ok} but expected {want_ans_ok}")
        if it["label"] == "faithful":
            if err is not None or it["faithful_id"] is not None:
                bad("faithful with error")
            continue
        # error copy
        if err["quote"] not in it["rationale"]:
            bad("error quote missing")
        if err["stated"] not in err["quote"] and err["kind"] not in ("off_by_one_loop_count",):
            bad("stated not in quote")
        if not any(c["quote"] == err["quote"] for c in it["claims"]) and err["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
            bad("error not among claims")
        ck = err["check"]
        t = ck["type"]
        sv = lit(ck.get("stated_value", err["stated"])) if t != "answer" else None
        if t == "arith":
            false_ok = eval(ck["expr"]) != sv
        elif t == "comparison":
            false_ok = bool(eval(ck["expr"])) != sv
        elif t == "count":
            false_ok = hits.get(ck["line"], 0) != sv
        elif t == "at":
            h = hist.get(ck["variable"], [])
            false_ok = len(h) > ck["index"] and h[ck["index"]] != sv
        elif t == "never":
            false_ok = sv not in hist.get(ck["variable"], [])
        elif t == "answer":
            false_ok = not ans_ok
        else:
            false_ok = False
        if not false_ok:
            bad(f"error not false at its point ({t})")
        if err.get("held_elsewhere"):
            try:
                sv = lit(err["stated"])
            except Exception:
                pass
            if not (any(sv in h for h in hist.values()) or sv == res or sv in hits.values()):
                bad("held_elsewhere but value not held anywhere")
        fid = it["faithful_id"]
        if not any(x["id"] == fid for x in items):
            bad("faithful_id missing")
    out = [f"items: {len(items)}  claims checked: {n_claims}  failures: {len(fails)}"] + fails
    from collections import Counter
    out.append("styles: " + str(Counter(i['style'] for i in items if i['label']=='faithful')))
    out.append("families: " + str(Counter(i['family'] for i in items if i['label']=='faithful')))
    out.append("error kinds: " + str(Counter(i['error']['kind'] for i in items if i['error'])))
    out.append("directions: " + str(Counter(i['direction'] for i in items if i['label']=='faithful')))
    out.append("ALL PASS" if not fails else "FAILURES PRESENT")
    print("\n".join(out))
    open("check_report.txt", "w").write("\n".join(out) + "\n")
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
