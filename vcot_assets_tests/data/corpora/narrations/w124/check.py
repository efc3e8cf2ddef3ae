"""Standalone checker for w124 narrations: re-executes each program under sys.settrace,
records per-variable value histories, line hit counts and return values, then checks claims."""
import ast, copy, json, sys

def safe(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist, lines, returns, snaps = {}, {}, {}, []
    def rec(frame):
        snap = {}
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    snap["self." + a] = safe(av)
                continue
            if k.startswith(".") or callable(v):
                continue
            snap[k] = safe(v)
        snaps.append(snap)
        for k, v in snap.items():
            h = hist.setdefault(k, [])
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            rec(frame)
        elif event == "return":
            rec(frame)
            returns.setdefault(frame.f_code.co_name, []).append(safe(arg))
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return dict(result=result, hist=hist, lines=lines, returns=returns, snaps=snaps, ns=ns)

def lit(s):
    return ast.literal_eval(s)

def is_subseq(seq, hist):
    """contiguous run of the (consecutive-deduplicated) history"""
    n = len(seq)
    return any(hist[i:i + n] == seq for i in range(len(hist) - n + 1))

def claim_true(c, R):
    what, var = c["what"], c.get("variable")
    val = lit(c["value"])
    if what == "value":
        if c.get("seq"):
            val = [x for i, x in enumerate(val) if i == 0 or val[i - 1] != x]
            return is_subseq(val, R["hist"].get(var, []))
        if "k" in c:
            h = R["hist"].get(var, [])
            return c["k"] < len(h) and h[c["k"]] == val
        return val in R["hist"].get(var, [])
    if what == "count":
        return R["lines"].get(c["line"], 0) == val
    if what in ("comparison", "arith"):
        expr = c.get("expr") or (c["quote"].split("=")[0] if what == "arith" else c["quote"])
        return eval(expr, dict(R["ns"])) == val
    if what == "return":
        if var and var in R["returns"]:
            return val in R["returns"][var]
        return val == R["result"]
    if what == "call":
        return run(R["code"], c["value"] if False else c.get("call", ""))["result"] == R["result"] if c.get("call") else True
    if what == "pair":
        return any(all(s.get(k) == lit(v) for k, v in c["pair"].items()) for s in R["snaps"])
    raise ValueError(what)

def check_item(it):
    errs = []
    R = run(it["code"], it["call"])
    R["code"] = it["code"]
    ret = R["result"]
    if repr(ret) != it["returned"]:
        errs.append(f"returned mismatch {ret!r} vs {it['returned']}")
    text = it["rationale"]
    last = text.strip().splitlines()[-1]
    if it["answer"] not in last:
        errs.append("answer not in last line")
    # answer
    if it["direction"] == "forward":
        ans_ok = lit(it["answer"]) == ret
    else:
        ans_ok = run(it["code"], it["answer"])["result"] == ret
    err = it["error"]
    wrong_quote = err["quote"] if err else None
    if err and err["kind"] in ("wrong_final_answer", "backward_wrong_input"):
        if ans_ok:
            errs.append("error answer is actually right")
    elif not ans_ok:
        errs.append("answer wrong")
    if err:
        if text.count(err["quote"]) != 1:
            errs.append(f"error quote not unique/present: {err['quote']!r}")
    for c in it["claims"]:
        if c["quote"] not in text:
            errs.append(f"claim quote missing: {c['quote']!r}")
            continue
        ok = claim_true(c, R)
        is_wrong = err is not None and c["quote"] == wrong_quote and err["kind"] not in ("wrong_final_answer", "backward_wrong_input")
        if is_wrong:
            if ok:
                errs.append(f"error claim is actually TRUE: {c}")
            if err.get("held_elsewhere"):
                # the wrong value must occur somewhere in the run, just not at that point
                hv = c.get("held_var", c.get("variable"))
                v = lit(c["value"])
                seen = any(v in h for h in R["hist"].values()) if hv is None else (v in R["hist"].get(hv, []) or any(v in h for h in R["hist"].values()))
                if c.get("seq"):
                    seen = all(x in R["hist"].get(c["variable"], []) for x in v)
                if c["what"] in ("count", "arith"):
                    seen = any(v in h for h in R["hist"].values()) or v in R["lines"].values()
                if not seen:
                    errs.append(f"held_elsewhere value never held: {c}")
        elif not ok:
            errs.append(f"claim false: {c}")
    if err and err["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
        if not any(c["quote"] == wrong_quote for c in it["claims"]):
            errs.append("no claim for error quote")
    return errs

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") if l.strip()]
    bad = 0
    ids = set()
    out = []
    for it in items:
        if it["id"] in ids:
            out.append(f"DUP {it['id']}")
            bad += 1
        ids.add(it["id"])
        try:
            e = check_item(it)
        except Exception as ex:
            e = [f"exception {ex!r}"]
        status = "PASS" if not e else "FAIL"
        bad += bool(e)
        out.append(f"{status} {it['id']} ({it['label']}{'/' + it['error']['kind'] if it['error'] else ''}, {len(it['claims'])} claims)" + ("".join("\n    " + x for x in e)))
    out.append(f"\n{len(items) - bad}/{len(items)} items pass")
    print("\n".join(out))
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
