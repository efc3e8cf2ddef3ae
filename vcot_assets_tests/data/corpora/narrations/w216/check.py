"""Standalone checker for w216 narrations: re-executes each call under sys.settrace,
records per-variable value histories (locals and self.<attr>) and line-hit counts, and
checks every claim of faithful items and the marked error of error copies."""
import ast, copy, json, sys
from collections import defaultdict

def run(code, call):
    ns = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = defaultdict(list); lines = defaultdict(int)
    def snap(frame):
        items = {}
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in getattr(v, "__dict__", {}).items():
                    items["self." + a] = av
            elif not k.startswith("."):
                items[k] = v
        for k, v in items.items():
            try: v = copy.deepcopy(v)
            except Exception: pass
            h = hist[k]
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>": return None
        if event == "line":
            lines[frame.f_lineno] += 1
        if event in ("line", "return"):
            snap(frame)
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines, ns

def lit(s):
    return ast.literal_eval(s) if isinstance(s, str) else s

def is_subseq(seq, h):
    it = iter(h)
    return all(any(x == y for y in it) for x in seq)

def value_ok(var, val, hist):
    h = hist.get(var, [])
    if val in h: return True
    if isinstance(val, list) and h and len(val) > 1:
        # a summarised sequence of successive values of the variable
        return is_subseq(val, h)
    return False

def check_item(it):
    errs = []
    ret, hist, lines, ns = run(it["code"], it["call"])
    if repr(ret) != it["returned"]:
        errs.append(f"returned {it['returned']} != real {ret!r}")
    txt = it["rationale"]
    last = txt.rstrip().splitlines()[-1]
    if last != "Answer: " + it["answer"]:
        errs.append("answer line mismatch")
    def answer_correct():
        if it["direction"] == "forward":
            return lit(it["answer"]) == ret
        return run(it["code"], it["answer"])[0] == ret
    if it["label"] == "faithful":
        if not answer_correct(): errs.append("faithful answer wrong")
        for c in it["claims"]:
            if c["quote"] not in txt: errs.append(f"quote missing: {c['quote']}"); continue
            w, var = c["what"], c["variable"]
            val = c["value"] if w == "call" else lit(c["value"])
            ok = True
            if w == "value":
                ok = value_ok(var, val, hist)
            elif w == "count":
                ok = lines[int(var.split("line")[1])] == val
            elif w in ("arith", "comparison"):
                ok = eval(c["expr"]) == val
                if ok and var and w == "arith": ok = value_ok(var, val, hist)
            elif w == "return":
                ok = val == ret
            elif w == "call":
                ok = run(it["code"], c["value"])[0] == ret
            if not ok: errs.append(f"false claim: {c}")
    else:
        e = it["error"]; ch = e["check"]
        if e["quote"] not in txt: errs.append("error quote missing")
        t = ch["type"]; stated = lit(ch.get("stated", e["stated"])) if t not in ("pair", "answer") else None
        if t == "expr":
            real = eval(ch["expr"])
            if "bool" in ch: bad = bool(real) != ch["bool"]
            else: bad = real != stated
        elif t == "count":
            bad = lines[int(ch["variable"].split("line")[1])] != stated
        elif t == "history":
            h = hist[ch["variable"]]
            bad = h[ch["index"]] != stated
        elif t == "never":
            bad = stated not in hist[ch["variable"]]
        elif t == "pair":
            bad = all(hist[x["variable"]][x["index"]] != lit(x["stated"]) for x in ch["items"])
        elif t == "answer":
            bad = not answer_correct()
        else:
            bad = False; errs.append("unknown check")
        if not bad: errs.append(f"error is not actually false: {e}")
        if e.get("held_elsewhere"):
            allvals = [v for h in hist.values() for v in h]
            if stated not in allvals: errs.append("held_elsewhere but value never held")
        elif e["kind"] in ("wrong_intermediate_right_answer", "wrong_loop_summary_value", "wrong_arithmetic", "off_by_one_loop_count") and t == "history":
            pass
        if e["kind"] == "wrong_intermediate_right_answer" and not answer_correct():
            errs.append("wrong_intermediate_right_answer but answer wrong")
        if e["kind"] == "wrong_final_answer" and it["direction"] != "forward":
            errs.append("wrong_final_answer on backward")
    return errs

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    ids = {i["id"] for i in items}
    nfail = 0; out = []
    for it in items:
        if it["faithful_id"] and it["faithful_id"] not in ids:
            errs = ["missing faithful"]
        else:
            try: errs = check_item(it)
            except Exception as ex: errs = [f"exception {ex!r}"]
        out.append(f"{'PASS' if not errs else 'FAIL'} {it['id']}" + ("" if not errs else " :: " + " | ".join(errs)))
        nfail += bool(errs)
    out.append(f"TOTAL {len(items)} items, {len(items)-nfail} pass, {nfail} fail")
    print("\n".join(out))
    return nfail

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
