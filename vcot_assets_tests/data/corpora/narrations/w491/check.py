"""Standalone checker for w491 narrations: runs each call under sys.settrace, records the value
history of every variable/expression named in claims, line counts, and the return value, then
checks faithful claims are all true and that each error copy's error claim is false."""
import ast, copy, json, sys
from collections import Counter

FN = "<prog>"

def run(code, call, watch):
    hist = {w: [] for w in watch}
    lines = Counter()
    prev = {}
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == "call":
            prev[id(frame)] = None
        if event in ("line", "return"):
            if event == "line":
                # loop iterations: transitions header line N -> first body line N+1 in one frame
                p = prev.get(id(frame))
                if p is not None and frame.f_lineno == p + 1:
                    lines[p] += 1
                prev[id(frame)] = frame.f_lineno
            for w in watch:
                try:
                    v = eval(w, frame.f_globals, frame.f_locals)
                except Exception:
                    continue
                h = hist[w]
                if not h or h[-1] != v:
                    h.append(copy.deepcopy(v))
        return tracer
    g = {}
    exec(compile(code, FN, "exec"), g)
    sys.settrace(tracer)
    try:
        res = eval(call, g)
    finally:
        sys.settrace(None)
    return res, hist, lines

def plain(code, call):
    g = {}
    exec(compile(code, FN, "exec"), g)
    return eval(call, g)

def is_subseq(seq, hist):
    it = iter(hist)
    return all(any(x == y for y in it) for x in seq)

def claim_ok(c, res, hist, lines, code):
    what, val = c["what"], ast.literal_eval(c["value"])
    if what == "return":
        return val == res
    if what == "call":
        return plain(code, c["quote"].split("Answer:", 1)[1].strip()) == res
    if what in ("arith", "comparison"):
        return eval(c["expr"], {}) == val
    if what == "count":
        n = int(c["variable"].split("@line")[1])
        return lines[n] == val
    key = c.get("expr") or c["variable"]
    h = hist[key]
    if "at" in c:
        if c.get("seq"):  # a summarised run of values: contiguous slice of the history
            return h[c["at"]:c["at"] + len(val)] == val
        return c["at"] < len(h) and h[c["at"]] == val
    if val in h:
        return True
    if isinstance(val, list) and len(val) > 1:
        return is_subseq(val, h)
    return False

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    out, bad = [], 0
    for it in items:
        code, call = it["code"], it["call"]
        watch = set()
        for c in it["claims"]:
            if c["what"] == "value":
                watch.add(c.get("expr") or c["variable"])
        e = it["error"] or {}
        if e.get("variable"):
            watch.add(e["variable"])
        res, hist, lines = run(code, call, sorted(watch))
        probs = []
        if repr(res) != it["returned"]:
            probs.append("returned mismatch %r" % (res,))
        for c in it["claims"]:
            assert c["quote"] in it["rationale"], c["quote"]
        assert it["rationale"].rstrip().endswith("Answer: " + it["answer"]), "answer line"
        if it["direction"] == "forward":
            ans_ok = ast.literal_eval(it["answer"]) == res
        else:
            ans_ok = plain(code, it["answer"]) == res
        results = [(c, claim_ok(c, res, hist, lines, code)) for c in it["claims"]]
        if it["label"] == "faithful":
            if not ans_ok:
                probs.append("answer wrong")
            for c, ok in results:
                if not ok:
                    probs.append("false claim: %s" % c["quote"])
        else:
            q = e["quote"]
            assert q in it["rationale"]
            # claims carrying the error: those whose quote contains the error quote, else those inside it
            touched_ids = [k for k, (c, _) in enumerate(results) if q in c["quote"]] or \
                          [k for k, (c, _) in enumerate(results) if c["quote"] in q]
            touched = [results[k] for k in touched_ids]
            others = [r for k, r in enumerate(results) if k not in touched_ids]
            if e["kind"] in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    probs.append("error answer is actually right")
            else:
                if not ans_ok:
                    probs.append("answer should stay right")
                if not touched or any(ok for _, ok in touched):
                    probs.append("error claim not false: %s" % q)
            for c, ok in others:
                if not ok and not e.get("carried"):
                    probs.append("other claim false: %s" % c["quote"])
            if e.get("held_elsewhere"):
                st = ast.literal_eval(e["stated"])
                if st not in hist.get(e["variable"], []):
                    probs.append("held_elsewhere value never held")
            # faithful text must differ from error text only near the error
        status = "PASS" if not probs else "FAIL"
        bad += bool(probs)
        out.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    kinds = Counter((it["error"] or {}).get("kind", "faithful") for it in items)
    out.append("items=%d programs=%d failures=%d" % (len(items), len({i["program_id"] for i in items}), bad))
    out.append("kinds: " + json.dumps(dict(kinds)))
    open("check_report.txt", "w").write("\n".join(out) + "\n")
    print("\n".join(out))
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
