"""Standalone checker for the w330 narration corpus.

Runs each program's call under sys.settrace, records every local variable's value
history (and self.<attr> histories) plus line hit counts, then checks each item:
returned value, every claim of faithful items, the answer, and that each error copy's
error really is false at the point it is stated. Extra per-claim check hints
(history index `at`, evaluable `expr`) are read from claim_checks.json.
"""
import ast, copy, json, sys

HERE = __file__.rsplit("/", 1)[0] if "/" in __file__ else "."

def lit(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return s

def run(code, call):
    hist, hits, seq = {}, {}, []
    def snap(frame):
        for k, v in frame.f_locals.items():
            items = [(k, v)]
            if k == "self" and hasattr(v, "__dict__"):
                items = [("self." + a, b) for a, b in vars(v).items()]
            for name, val in items:
                if callable(val) and not isinstance(val, type):
                    continue
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    pass
                h = hist.setdefault(name, [])
                if not h or h[-1] != val or type(h[-1]) != type(val):
                    h.append(val)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
            seq.append(frame.f_lineno)
        snap(frame)
        return tr
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    sys.settrace(tr)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    hits["seq"] = seq
    return ret, hist, hits, ns

def sub_in(sub, h):
    return any(h[i:i + len(sub)] == sub for i in range(len(h) - len(sub) + 1))

def claim_ok(c, chk, ret, hist, hits, ns):
    what, var, val = c["what"], c["variable"], lit(c["value"])
    if "expr_hist" in chk:  # a value derived from variables' final values, e.g. len(words)
        env = {k: h[-1] for k, h in hist.items() if "." not in k}
        return eval(chk["expr_hist"], env) == val
    if "seq" in chk:  # a summarised run of successive values of one variable
        return sub_in(list(val), hist.get(var, []))
    if what == "count" and "segment" in chk:  # hits of a line within the k-th pass of a start line
        start, k = chk["segment"]
        line = int(str(var).split("@line")[1])
        seq, n, inside = hits["seq"], 0, -1
        for ln in seq:
            if ln == start:
                inside += 1
            elif ln == line and inside == k:
                n += 1
        return n == val
    if what == "value":
        if "at" in chk:
            h = hist.get(var, [])
            return chk["at"] < len(h) and h[chk["at"]] == val
        if var is None:
            return any(val in h for h in hist.values()) or val == ret
        return val in hist.get(var, [])
    if what == "count":
        line = int(str(var).split("@line")[1])
        if chk.get("header"):  # a for-header line runs once more than its body
            return hits.get(line, 0) - 1 == val
        return hits.get(line, 0) == val
    if what in ("comparison", "arith"):
        return eval(chk["expr"], dict(ns)) == val
    if what == "return":
        return val == ret
    if what == "call":
        return eval(chk.get("expr", c["quote"]), dict(ns)) == val
    raise ValueError(what)

def main():
    items = [json.loads(l) for l in open(f"{HERE}/narrations.jsonl")]
    checks = json.load(open(f"{HERE}/claim_checks.json"))
    fails, lines = 0, []
    for it in items:
        errs = []
        ret, hist, hits, ns = run(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            errs.append(f"returned {ret!r} != {it['returned']}")
        chks = checks.get(it["id"], {})
        err = it["error"]
        for i, c in enumerate(it["claims"]):
            if c["quote"] not in it["rationale"]:
                errs.append(f"claim quote not in rationale: {c['quote']!r}")
                continue
            chk = chks.get(str(i), {})
            if chk.get("carried"):
                continue
            ok = claim_ok(c, chk, ret, hist, hits, ns)
            is_err = err is not None and chk.get("is_err", False)
            if is_err and ok:
                errs.append(f"error claim is actually TRUE: {c['quote']!r}")
            if not is_err and not ok:
                errs.append(f"claim false: {c['quote']!r} {c['variable']}={c['value']}")
        last = it["rationale"].rstrip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            errs.append("answer line mismatch")
        kind = err["kind"] if err else None
        if it["direction"] == "forward":
            good = lit(it["answer"]) == ret
        else:
            try:
                good = eval(it["answer"], dict(ns)) == ret
            except Exception:
                good = False
        if kind in ("wrong_final_answer", "backward_wrong_input"):
            if good:
                errs.append("wrong answer is actually right")
        elif not good:
            errs.append(f"answer wrong: {it['answer']}")
        if err:
            if err["quote"] not in it["rationale"]:
                errs.append("error quote not in rationale")
            if kind not in ("wrong_final_answer", "backward_wrong_input") and not any(chks.get(str(i), {}).get("is_err") for i in range(len(it["claims"]))):
                errs.append("error quote has no claim")
        status = "PASS" if not errs else "FAIL"
        fails += bool(errs)
        lines.append(f"{status} {it['id']} ({it['label']}{', ' + kind if kind else ''}) claims={len(it['claims'])}")
        lines += ["    " + e for e in errs]
    lines.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    out = "\n".join(lines)
    open(f"{HERE}/check_report.txt", "w").write(out + "\n")
    print(out)
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
