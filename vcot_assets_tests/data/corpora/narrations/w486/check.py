"""Standalone checker for w486 narrations: runs each call under sys.settrace and
checks returned values, every claim of faithful items, and that each error copy's
error is really false at the point it is stated.

Claim conventions (extra keys beyond the brief's schema):
  value:      "variable" is a Python expression evaluated in the frame of function
              "func" (default: the item's function) at every line/return event;
              the claimed value must occur in that expression's history.
  count:      "line" = 1-based line of the loop body's first statement; the number of
              times that line executes must equal the value.
  comparison/arith: "expr" (pure Python, literals or names of the final frame of
              "func") must evaluate to the value.
  return:     value == returned value.
  call:       evaluating value (a call) returns the item's output.
Error "check" spec: type history (variable, func, index into the distinct-value
history), arith (expr), count (line), final (expr in final locals), answer.
"""
import ast, copy, json, sys

def run_traced(code, call, fname, tracked):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist = {t: [] for t in tracked}
    lines = {}
    finals = {}
    def local(frame, event, arg):
        if event in ("line", "return"):
            name = frame.f_code.co_name
            if event == "line":
                lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            for (fn, ex) in tracked:
                if fn != name:
                    continue
                try:
                    v = copy.deepcopy(eval(ex, g, dict(frame.f_locals)))
                except Exception:
                    continue
                h = hist[(fn, ex)]
                if not h or h[-1] != v:
                    h.append(v)
            if event == "return":
                finals[name] = dict(frame.f_locals)
        return local
    def glob(frame, event, arg):
        if frame.f_code.co_filename == "<prog>":
            return local
        return None
    sys.settrace(glob)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines, finals, g

def plain_eval(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def check_item(it):
    errs = []
    fn = it["function"]
    claims = it["claims"]
    tracked = set()
    for c in claims:
        if c["what"] == "value":
            tracked.add((c.get("func", fn), c["variable"]))
    e = it.get("error")
    chk = (e or {}).get("check", {})
    if chk.get("type") == "history":
        tracked.add((chk.get("func", fn), chk["variable"]))
    if chk.get("held_var"):
        tracked.add((chk.get("held_func", fn), chk["held_var"]))
    if e and e.get("held_elsewhere"):
        for c in claims:
            if c["what"] == "value":
                tracked.add((c.get("func", fn), c["variable"]))
    tracked = sorted(tracked)
    ret, hist, lines, finals, g = run_traced(it["code"], it["call"], fn, tracked)
    if repr(ret) != it["returned"]:
        errs.append(f"returned mismatch {ret!r} vs {it['returned']}")
    rat = it["rationale"]
    wrong_quote = e["quote"] if e else None
    for c in claims:
        if c["quote"] not in rat:
            errs.append(f"quote not in rationale: {c['quote']!r}")
        is_err_claim = e is not None and c["quote"] == wrong_quote
        ok = True
        w = c["what"]
        try:
            if w == "value":
                ok = lit(c["value"]) in hist[(c.get("func", fn), c["variable"])]
            elif w == "count":
                ok = lines.get(c["line"], 0) == lit(c["value"])
            elif w in ("comparison", "arith"):
                env = dict(finals.get(c.get("func", fn), {}))
                ok = eval(c["expr"], g, env) == lit(c["value"])
            elif w == "return":
                ok = lit(c["value"]) == ret
            elif w == "call":
                ok = repr(plain_eval(it["code"], c["value"])) == it["returned"]
        except Exception as ex:
            ok = False
            errs.append(f"claim eval failed {c['quote']!r}: {ex}")
        if is_err_claim:
            if ok and w != "value":
                errs.append(f"error claim is actually true: {c['quote']!r}")
        elif not ok:
            errs.append(f"false claim: {c['quote']!r} ({w} {c['value']})")
    # final answer
    ans = it["answer"]
    if it["direction"] == "forward":
        ans_ok = lit(ans) == ret
    else:
        try:
            ans_ok = repr(plain_eval(it["code"], ans)) == it["returned"]
        except Exception:
            ans_ok = False
    if not rat.rstrip().splitlines()[-1].strip().endswith(ans):
        errs.append("answer not on last line")
    if e is None:
        if not ans_ok:
            errs.append("faithful answer wrong")
        return errs
    # error copy
    if e["quote"] not in rat:
        errs.append("error quote missing from rationale")
    if e["stated"] not in e["quote"]:
        errs.append("stated not inside quote")
    t = chk.get("type")
    stated = lit(e["stated_value"]) if "stated_value" in e else None
    actual = lit(e["actual_value"]) if "actual_value" in e else None
    if t == "answer":
        if ans_ok:
            errs.append("wrong answer is actually right")
    else:
        if not ans_ok:
            errs.append("error copy (non-answer kind) has wrong answer")
        if t == "history":
            h = hist[(chk.get("func", fn), chk["variable"])]
            k = chk["index"]
            if not (k < len(h) and h[k] == actual and h[k] != stated):
                errs.append(f"history check failed: {h} idx {k} stated {stated} actual {actual}")
        elif t == "arith":
            v = eval(chk["expr"], g, {})
            if not (v == actual and v != stated):
                errs.append(f"arith check failed {v} {stated} {actual}")
        elif t == "count":
            n = lines.get(chk["line"], 0)
            if not (n == actual and n != stated):
                errs.append(f"count check failed {n} {stated} {actual}")
        elif t == "final":
            env = dict(finals.get(chk.get("func", fn), {}))
            v = eval(chk["expr"], g, env)
            if not (v == actual and v != stated):
                errs.append(f"final check failed {v} {stated} {actual}")
        else:
            errs.append(f"unknown check {t}")
    if e.get("held_elsewhere"):
        everything = [v for h in hist.values() for v in h] + [n for n in lines.values()]
        if t == "count":
            everything += list(range(0, max(lines.values()) + 1))
        if stated not in everything:
            errs.append("held_elsewhere but stated value never held")
    return errs

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    ids = {it["id"] for it in items}
    out, bad = [], 0
    for it in items:
        if it["faithful_id"] and it["faithful_id"] not in ids:
            errs = ["faithful_id missing"]
        else:
            errs = check_item(it)
        if errs:
            bad += 1
        out.append(f"{'PASS' if not errs else 'FAIL'} {it['id']}" + "".join("\n    " + x for x in errs))
    out.append(f"\n{len(items)} items, {len(items) - bad} pass, {bad} fail")
    txt = "\n".join(out)
    print(txt)
    open("check_report.txt", "w").write(txt + "\n")
    sys.exit(1 if bad else 0)

if __name__ == "__main__":
    main()
