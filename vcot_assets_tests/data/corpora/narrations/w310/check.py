"""Standalone checker for w310 narrations: re-executes each program with sys.settrace,
records per-variable value histories and line hit counts, then checks claims and errors."""
import ast, copy, json, sys

def literal(s):
    return ast.literal_eval(s)

def run_traced(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist, lines = {}, {}
    def snap(frame):
        items = dict(frame.f_locals)
        out = {}
        for k, v in items.items():
            if k == "self":
                for ak, av in getattr(v, "__dict__", {}).items():
                    out["self." + ak] = av
                continue
            out[k] = v
        for k, v in out.items():
            try:
                v = copy.deepcopy(v)
            except Exception:
                continue
            h = hist.setdefault(k, [])
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        def local(frame, event, arg):
            if event == "line":
                snap(frame)
                lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            elif event == "return":
                snap(frame)
            return local
        snap(frame)
        return local
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines, g

def plain_eval(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def arith_expr(q):
    q = q.replace("`", "")
    for sep in ("=", " is "):
        if sep in q:
            return q.split(sep)[0]
    return q

def check_item(it, problems):
    pid = it["id"]
    def bad(msg):
        problems.append(f"{pid}: {msg}")
    ret, hist, lines, g = run_traced(it["code"], it["call"])
    if repr(ret) != it["returned"]:
        bad(f"returned mismatch {ret!r} vs {it['returned']}")
    text = it["rationale"]
    last = text.strip().splitlines()[-1]
    if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
        bad("last line/answer mismatch")
    for c in it["claims"]:
        if c["quote"] not in text:
            bad(f"claim quote not in text: {c['quote']!r}")
    err = it["error"]
    err_quote = err["quote"] if err else None
    if err and err_quote not in text:
        bad("error quote not in text")
    # answer
    if it["direction"] == "forward":
        ok_ans = literal(it["answer"]) == ret
    else:
        try:
            ok_ans = plain_eval(it["code"], it["answer"]) == ret
        except Exception:
            ok_ans = False
    want_ans_ok = not (err and err["kind"] in ("wrong_final_answer", "backward_wrong_input"))
    if err and err.get("carried") and not want_ans_ok is False and not ok_ans:
        pass  # an error carried forward into the final answer is allowed
    elif ok_ans != want_ans_ok:
        bad(f"answer correctness {ok_ans}, expected {want_ans_ok}")
    # claims
    for c in it["claims"]:
        is_err = err is not None and (c["quote"] == err_quote or err_quote in c["quote"] or c["quote"] in err_quote) and c.get("is_error", True) and c.get("value") == err.get("stated_value", c.get("value"))
        if err is not None and c.get("is_error"):
            is_err = True
        elif err is not None and not c.get("is_error"):
            is_err = False
        if is_err:
            continue  # checked by the error block below
        ok = claim_true(c, hist, lines, ret)
        if ok is not True:
            bad(f"claim false: {c} ({ok})")
    if err:
        check_error(it, err, hist, lines, ret, bad)

def claim_true(c, hist, lines, ret):
    what = c["what"]
    val = literal(c["value"])
    if what == "value":
        var = c["variable"] or ""
        if "[" in var:
            base, rest = var.split("[", 1)
            vals = []
            for hv in hist.get(base, []):
                try:
                    vals.append(eval("hv[" + rest, {"hv": hv}))
                except Exception:
                    pass
            return True if val in vals else f"subscript values {vals}"
        h = hist.get(c["variable"])
        if h is None:
            return f"no variable {c['variable']}"
        return True if val in h else f"value not in history {h}"
    if what == "count":
        ln = int(c["variable"].split("@line")[1]) if "@line" in c["variable"] else None
        n = lines.get(ln, 0)
        if c["variable"].startswith("header@"):
            n -= 1  # a for-header line runs once more than the body
        return True if n == val else f"count {n}"
    if what in ("arith", "comparison"):
        expr = c.get("expr") or arith_expr(c["quote"])
        r = eval(expr, {})
        return True if r == val else f"evaluates to {r!r}"
    if what == "return":
        return True if ret == val else f"return {ret!r}"
    if what == "call":
        return True
    return f"unknown what {what}"

def var_history(hist, var):
    """History of a plain name, or of a subscripted name like self.slots[4] (consecutive repeats merged)."""
    if "[" not in var:
        return hist.get(var, [])
    base, rest = var.split("[", 1)
    out = []
    for hv in hist.get(base, []):
        try:
            v = eval("hv[" + rest, {"hv": hv})
        except Exception:
            continue
        if not out or out[-1] != v:
            out.append(v)
    return out

def check_error(it, err, hist, lines, ret, bad):
    kind = err["kind"]
    stated, actual = err["stated"], err["actual"]
    if stated == actual:
        bad("stated == actual")
    at = err.get("at")
    if kind in ("wrong_final_answer",):
        if literal(it["answer"]) == ret:
            bad("final answer is right")
        return
    if kind == "backward_wrong_input":
        try:
            r = plain_eval(it["code"], it["answer"])
        except Exception as e:
            r = e
        if r == ret:
            bad("backward wrong input actually returns output")
        return
    checks = at if isinstance(at, list) else [at]
    for a in checks:
        if a is None:
            bad("error without 'at' locator"); continue
        if "expr" in a:
            r = eval(a["expr"], {})
            if r != literal(a["actual"]) or r == literal(a["stated"]):
                bad(f"error expr {a['expr']} = {r!r}; stated {a['stated']} actual {a['actual']}")
        elif "line" in a:
            n = lines.get(a["line"], 0) - (1 if a.get("header") else 0)
            if n != literal(a["actual"]) or n == literal(a["stated"]):
                bad(f"loop count at line {a['line']} = {n}; stated {a['stated']}")
        elif "variable" in a:
            h = var_history(hist, a["variable"])
            k = a["index"]
            if k >= len(h) or h[k] != literal(a["actual"]) or h[k] == literal(a["stated"]):
                bad(f"history {a['variable']}[{k}] = {h[k] if k < len(h) else None!r}; stated {a['stated']} actual {a['actual']}")
            if kind == "impossible_state" and literal(a["stated"]) in h:
                bad("impossible_state value occurs in history")
        else:
            bad(f"bad locator {a}")
    if err.get("held_elsewhere"):
        found = False
        for a in checks:
            found = found or any(literal(a["stated"]) in h for h in hist.values())
        if err.get("held_in"):
            found = found or literal(err["stated"]) in var_history(hist, err["held_in"])
        if not found:
            bad("held_elsewhere but stated value never held")

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    problems = []
    ids = set()
    for it in items:
        if it["id"] in ids:
            problems.append(f"duplicate id {it['id']}")
        ids.add(it["id"])
        try:
            check_item(it, problems)
        except Exception as e:
            problems.append(f"{it['id']}: exception {e!r}")
    for it in items:
        if it["faithful_id"] and it["faithful_id"] not in ids:
            problems.append(f"{it['id']}: missing faithful {it['faithful_id']}")
    lines = [f"items: {len(items)}", f"faithful: {sum(i['label']=='faithful' for i in items)}",
             f"errors: {sum(i['label']=='error' for i in items)}", f"problems: {len(problems)}"]
    lines += problems
    lines.append("ALL PASS" if not problems else "FAILURES")
    open("check_report.txt", "w").write("\n".join(lines) + "\n")
    print("\n".join(lines))

if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--dump":
        for l in open(sys.argv[2]):
            d = json.loads(l)
            ret, hist, lines, g = run_traced(d["code"], d["call"])
            print("==", d["id"], repr(ret)); 
            for k, v in hist.items(): print("  ", k, v)
            print("   lines", dict(sorted(lines.items())))
        sys.exit()
    main()
