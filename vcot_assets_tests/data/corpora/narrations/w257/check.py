"""Standalone checker for w257 narrations: re-executes every program with sys.settrace and
verifies claims, answers and (for error copies) that the flagged error really is false."""
import ast, copy, json, sys
from collections import defaultdict

def norm(v):
    if isinstance(v, (list, tuple)): return [norm(x) for x in v]
    if isinstance(v, dict): return {k: norm(x) for k, x in v.items()}
    return v

def snap(v):
    try: return norm(copy.deepcopy(v))
    except Exception: return repr(v)

def run(code, call):
    """Return (result, histories, line_counts). histories: name -> list of distinct consecutive values."""
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = defaultdict(list); lines = defaultdict(int)
    def record(frame):
        for k, v in list(frame.f_locals.items()):
            if k == "self":
                for a, av in list(getattr(v, "__dict__", {}).items()):
                    s = snap(av); h = hist["self." + a]
                    if not h or h[-1] != s: h.append(s)
                continue
            if callable(v) and not isinstance(v, (list, dict)): continue
            s = snap(v); h = hist[k]
            if not h or h[-1] != s: h.append(s)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>": return None
        if event == "line": lines[frame.f_lineno] += 1
        if event in ("line", "return"): record(frame)
        return tracer
    sys.settrace(tracer)
    try: res = eval(call, ns)
    finally: sys.settrace(None)
    return res, hist, lines, ns

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, res, hist, lines, ns, returned):
    """Return True if the claim is true of the execution."""
    w, v = c["what"], c["value"]
    if c.get("py"): v = ast.literal_eval(v)
    if w == "value":
        h = hist.get(c["variable"], [])
        if "index" in c:
            i = c["index"]
            return -len(h) <= i < len(h) and h[i] == norm(v)
        return norm(v) in h
    if w == "count":
        n = int(c["variable"].split("@line")[1]); return lines[n] == v
    if w in ("arith", "comparison"):
        return norm(eval(c["expr"], {})) == norm(v)
    if w == "return":
        return norm(v) == norm(returned)
    if w == "call":
        return norm(eval(v, dict(ns))) == norm(returned)
    raise ValueError(w)

def main(path, report):
    items = [json.loads(l) for l in open(path) if l.strip()]
    out = []; fails = 0
    ids = {it["id"] for it in items}
    for it in items:
        probs = []
        res, hist, lines, ns = run(it["code"], it["call"])
        if repr(res) != it["returned"]: probs.append(f"returned mismatch {res!r} vs {it['returned']}")
        returned = res
        # answer
        if it["direction"] == "forward":
            ans_ok = norm(lit(it["answer"])) == norm(returned)
        else:
            fn = it["answer"].split("(")[0]
            ans_ok = fn == it["function"] and norm(eval(it["answer"], dict(ns))) == norm(returned)
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]: probs.append(f"quote missing: {c['quote']!r}")
        if it["label"] == "faithful":
            if not ans_ok: probs.append("answer wrong")
            for c in it["claims"]:
                if not check_claim(c, res, hist, lines, ns, returned): probs.append(f"false claim {c}")
            if it["faithful_id"] is not None or it["error"] is not None: probs.append("faithful meta")
        else:
            e = it["error"]
            if it["faithful_id"] not in ids: probs.append("no faithful parent")
            if e["quote"] not in it["rationale"]: probs.append("error quote missing")
            errs = [c for c in it["claims"] if c.get("error")]
            if not errs: probs.append("no error claim")
            for c in it["claims"]:
                ok = check_claim(c, res, hist, lines, ns, returned)
                if c.get("error"):
                    if ok: probs.append(f"error claim is actually TRUE {c}")
                    if c["what"] == "value" and e["kind"] != "swapped_variables" and not e.get("held_elsewhere") and norm(ast.literal_eval(c["value"]) if c.get("py") else c["value"]) in hist.get(c["variable"], []):
                        probs.append(f"non-held error value occurs in history {c}")
                    if e.get("held_elsewhere") and c["what"] == "value":
                        if not any(norm(ast.literal_eval(c["value"]) if c.get("py") else c["value"]) in h for h in hist.values()):
                            probs.append(f"held_elsewhere value never held {c}")
                elif not ok: probs.append(f"non-error claim false {c}")
            if e["kind"] in ("wrong_final_answer", "backward_wrong_input") and ans_ok: probs.append("answer should be wrong")
            if e["kind"] not in ("wrong_final_answer", "backward_wrong_input") and not e.get("carried") and not ans_ok:
                probs.append("answer wrong though error not carried")
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        out.append(f"{status} {it['id']} ({it['label']}, {it['direction']}, {it['style']}, {it['family']}, "
                   f"{(it['error'] or {}).get('kind', '-')}, events={it['trace_events']}, claims={len(it['claims'])})")
        out += ["    " + p for p in probs]
    out.append(f"\n{len(items)} items, {len(items)-fails} pass, {fails} fail")
    open(report, "w").write("\n".join(out) + "\n")
    print("\n".join(out[-40:]))
    return fails

if __name__ == "__main__":
    p = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
    r = sys.argv[2] if len(sys.argv) > 2 else "check_report.txt"
    sys.exit(1 if main(p, r) else 0)
