"""Standalone checker for w320 narrations: runs each program with sys.settrace, records
per-variable value histories and line hit counts, and checks claims / answers / errors."""
import ast, copy, json, sys

def run_traced(code, call):
    hist, hits = {}, {}
    def snap(frame):
        if frame.f_code.co_filename != "<prog>":
            return
        for k, v in frame.f_locals.items():
            items = [(k, v)]
            if k == "self" and hasattr(v, "__dict__"):
                items = [("self." + a, b) for a, b in vars(v).items()]
            for name, val in items:
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    continue
                h = hist.setdefault(name, [])
                if not h or h[-1] != val or type(h[-1]) != type(val):
                    h.append(val)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        snap(frame)
        if event == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        return tr
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    sys.settrace(tr)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, hits

def plain(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def is_contig(seq, h):
    """ordered subsequence test: the stated values occur in this order in the history"""
    it = iter(h)
    return all(any(x == y for y in it) for x in seq)

def count_of(label, hist, hits):
    # "loop@line N": hits of line N; "loop@var X": number of values X took;
    # "loop@line N per X": hits of line N divided by number of values of X
    if "@var " in label:
        return len(hist.get(label.split("@var ")[1].strip(), []))
    rest = label.split("@line")[1]
    if " per " in rest:
        ln, var = rest.split(" per ")
        return hits.get(int(ln), 0) / len(hist[var.strip()])
    return hits.get(int(rest), 0)

def check_claim(c, ret, hist, hits, item):
    w, v = c["what"], c["value"]
    if w == "value" and c.get("seq"):
        return is_contig(lit(v), hist.get(c["variable"], []))
    if w == "value":
        return c["variable"] in hist and lit(v) in hist[c["variable"]]
    if w == "count":
        return count_of(c["variable"], hist, hits) == lit(v)
    if w in ("arith", "comparison"):
        expr = c.get("expr") or c["quote"].rsplit("=", 1)[0].rstrip("=").strip()
        return eval(expr) == lit(v)
    if w == "return":
        return lit(v) == ret
    if w == "call":
        return plain(item["code"], v) == ret
    raise ValueError(w)

def check_error(e, item, ret, hist, hits):
    k, chk = e["kind"], e.get("check", {})
    if item["rationale"].count(e["quote"]) < 1:
        return "error quote not in rationale"
    if k == "wrong_final_answer":
        return None if lit(item["answer"]) != ret else "answer is actually right"
    if k == "backward_wrong_input":
        try:
            r = plain(item["code"], item["answer"])
        except Exception:
            r = object()
        return None if r != ret else "wrong input actually returns output"
    t = chk["type"]
    stated = lit(chk["stated_value"]) if "stated_value" in chk else lit(e["stated"])
    actual = lit(chk["actual_value"]) if "actual_value" in chk else lit(e["actual"])
    if t == "seq":
        h = hist.get(chk["var"], [])
        if not is_contig(actual, h):
            return "actual sequence not in history"
        # stated summary must differ from the true one at some position, and the element
        # stated there must not be the value actually held at that point
        if len(stated) != len(actual):
            return None if not is_contig(stated, h) else "stated sequence is true"
        diffs = [(s_, a_) for s_, a_ in zip(stated, actual) if s_ != a_]
        if not diffs:
            return "stated sequence equals actual"
        if e.get("held_elsewhere") and not all(s_ in h for s_, _ in diffs):
            return "held_elsewhere but stated element never held"
        return None
    if t == "value_at":
        h = hist.get(chk["var"], [])
        n = chk["nth"]
        if n >= len(h):
            return "nth out of range"
        if h[n] != lit(e["actual"]):
            return f"actual mismatch: history[{n}]={h[n]!r}"
        if h[n] == stated:
            return "stated value is true at that point"
        if e.get("held_elsewhere") and stated not in h:
            return "held_elsewhere but stated never held"
        if k == "impossible_state" and stated in h:
            return "impossible_state value is actually held"
        return None
    if t == "elem":
        h = hist.get(chk["var"], [])
        val = h[chk["nth"]][chk["index"]]
        if val != actual:
            return f"elem actual mismatch {val!r}"
        if val == stated:
            return "elem stated is right"
        if e.get("held_elsewhere") and "held_var" in chk and stated not in hist.get(chk["held_var"], []):
            return "held_elsewhere but stated never held"
        return None
    if t == "count":
        n = count_of(chk["label"], hist, hits) if "label" in chk else hits.get(chk["line"], 0)
        if n != lit(e["actual"]):
            return f"count actual mismatch {n}"
        return None if n != stated else "count stated is right"
    if t == "expr":
        r = eval(chk["expr"])
        if r != lit(e["actual"]):
            return f"expr actual mismatch {r!r}"
        return None if r != stated else "stated is right"
    return "unknown check"

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    out, bad = [], 0
    for it in items:
        probs = []
        ret, hist, hits = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append(f"returned mismatch {ret!r}")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append(f"claim quote missing: {c['quote']!r}")
        last = it["rationale"].rstrip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            probs.append("last line / answer mismatch")
        err = it.get("error")
        eq = err["quote"] if err else None
        for c in it["claims"]:
            if err and eq and (c["quote"] in eq or eq in c["quote"]) and c.get("is_error"):
                continue
            try:
                ok = check_claim(c, ret, hist, hits, it)
            except Exception as ex:
                ok = False
            if not ok:
                probs.append(f"claim false: {c['quote']!r} {c['value']!r}")
        if it["direction"] == "forward":
            # order check: per variable, the scalar value claims, taken in the order they are
            # written, must occur in that order in the variable's history (claims marked
            # "restated" are summaries placed out of execution order and are skipped)
            seen = {}
            for c in sorted(it["claims"], key=lambda c: it["rationale"].find(c["quote"])):
                if c["what"] == "value" and not c.get("seq") and not c.get("restated") and not c.get("is_error"):
                    seen.setdefault(c["variable"], []).append(lit(c["value"]))
            for var, vals in seen.items():
                if not is_contig(vals, hist.get(var, [])):
                    probs.append(f"order check failed for {var}: {vals}")
        if it["label"] == "faithful":
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret:
                    probs.append("forward answer wrong")
            else:
                if plain(it["code"], it["answer"]) != ret:
                    probs.append("backward answer wrong")
        else:
            msg = check_error(err, it, ret, hist, hits)
            if msg:
                probs.append("error check: " + msg)
            if err["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                if it["direction"] == "forward" and lit(it["answer"]) != ret:
                    probs.append("error copy final answer should be right")
                if it["direction"] == "backward" and plain(it["code"], it["answer"]) != ret:
                    probs.append("error copy backward answer should be right")
        status = "PASS" if not probs else "FAIL"
        bad += bool(probs)
        out.append(f"{status} {it['id']} ({it['label']}, {it['direction']}, {it['style']}, "
                   f"{(err or {}).get('kind', '-')}, claims={len(it['claims'])})"
                   + "".join("\n    " + p for p in probs))
    out.append(f"\n{len(items)} items, {len(items)-bad} pass, {bad} fail")
    print("\n".join(out))
    return bad

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
