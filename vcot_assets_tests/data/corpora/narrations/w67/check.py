#!/usr/bin/env python3
"""Standalone checker for w67 narrations: re-executes each program with sys.settrace and
verifies every claim, the answer, and that each error copy's error is really false."""
import ast, json, re, sys, copy

FN = "<w67prog>"

def run(code, call):
    """Execute call; return (returned, hist, counts, rets).
    hist[(func, var)] -> list of values on each change (locals and self.<attr>), in order.
    counts[(func, line)] -> number of times the line executed (all frames).
    rets[func] -> list of return values."""
    hist, counts, rets, last = {}, {}, {}, {}
    def snap(frame):
        fn = frame.f_code.co_name
        key = id(frame)
        prev = last.setdefault(key, {})
        items = {}
        for k, v in frame.f_locals.items():
            items[k] = v
            if k == "self" and hasattr(v, "__dict__"):
                for a, av in vars(v).items():
                    items["self." + a] = av
        for k, v in items.items():
            try:
                cv = copy.deepcopy(v)
            except Exception:
                cv = v
            if k not in prev or prev[k] != cv:
                prev[k] = cv
                hist.setdefault((fn, k), []).append(cv)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        def local(frame, event, arg):
            snap(frame)
            if event == "line":
                counts[(frame.f_code.co_name, frame.f_lineno)] = counts.get((frame.f_code.co_name, frame.f_lineno), 0) + 1
            elif event == "return":
                rets.setdefault(frame.f_code.co_name, []).append(copy.deepcopy(arg))
            return local
        last[id(frame)] = {}
        snap(frame)
        return local
    g = {"__name__": "w67"}
    exec(compile(code, FN, "exec"), g)
    sys.settrace(tracer)
    try:
        val = eval(compile(call, FN, "eval"), g)
    finally:
        sys.settrace(None)
    return val, hist, counts, rets

def plain_eval(code, call):
    g = {"__name__": "w67"}
    exec(compile(code, "<plain>", "exec"), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s) if isinstance(s, str) else s

def arith_expr(c):
    if c.get("expr"):
        return c["expr"]
    q = c["quote"].replace("`", "")
    m = re.match(r"^(.*?)\s*(?:==|=|\bis\b|\bgives\b|\bequals\b|->|→)\s*[^=]*$", q)
    return m.group(1) if m else q

def find_values(hist, val):
    return [k for k, vs in hist.items() if any(type(v) == type(val) and v == val for v in vs)]

def check_claim(c, ctx):
    """Return (ok, detail): ok means the claim is true of the execution."""
    code, returned, hist, counts, rets = ctx
    w = c["what"]
    val = lit(c["value"])
    if w == "value":
        var = c["variable"]
        fn = c.get("function")
        keys = [k for k in hist if k[1] == var and (fn is None or k[0] == fn)]
        if not keys:
            return False, f"no variable {var}"
        vals = []
        for k in keys:
            vals += hist[k]
        if c.get("seq") == "sub":
            it_ = iter(vals)
            ok = all(any(x == y for y in it_) for x in val)
            return ok, f"{var} subseq hist={vals!r}"
        if c.get("seq"):
            want = [x for j, x in enumerate(val) if j == 0 or val[j - 1] != x]
            ok = any(vals[j:j + len(want)] == want for j in range(len(vals) - len(want) + 1))
            return ok, f"{var} seq hist={vals!r}"
        if "at" in c:
            i = c["at"]
            ok = i < len(vals) and vals[i] == val
            return ok, f"{var}[{i}] actual={vals[i] if i < len(vals) else None!r} hist={vals!r}"
        return (val in vals), f"{var} hist={vals!r}"
    if w == "count":
        m = re.search(r"line\s*(\d+)", c["variable"] or "")
        fn = c.get("function")
        body = c.get("body_line") or (int(m.group(1)) + 1)
        n = sum(v for (f, ln), v in counts.items() if ln == body and (fn is None or f == fn))
        if "per_call" in c:
            n = c["per_call"]
        return n == val, f"count={n}"
    if w in ("arith", "comparison"):
        e = arith_expr(c)
        r = eval(e, {})
        return (r == val and type(r) == type(val)) or (r == val and not isinstance(r, bool)), f"{e} -> {r!r}"
    if w == "return":
        return val == returned, f"returned={returned!r}"
    if w == "call":
        fn = c["variable"]
        return val in rets.get(fn, []), f"{fn} returns {rets.get(fn)!r}"
    return False, "unknown claim kind"

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")]
    progs = {}
    fails = 0
    out = []
    for it in items:
        pid = it["program_id"]
        if pid not in progs:
            progs[pid] = run(it["code"], it["call"])
        returned, hist, counts, rets = progs[pid]
        ctx = (it["code"], returned, hist, counts, rets)
        problems = []
        if repr(returned) != it["returned"]:
            problems.append(f"returned {returned!r} != {it['returned']}")
        if not it["rationale"].rstrip().splitlines()[-1].startswith("Answer:"):
            problems.append("last line not Answer:")
        last = it["rationale"].rstrip().splitlines()[-1][len("Answer:"):].strip()
        if last != it["answer"]:
            problems.append("answer field differs from Answer line")
        # answer
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == returned
        else:
            try:
                ans_ok = plain_eval(it["code"], it["answer"]) == returned and it["answer"].startswith(it["function"] + "(")
            except Exception as ex:
                ans_ok = False
        err = it["error"]
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                problems.append(f"quote not in rationale: {c['quote']!r}")
        if it["label"] == "faithful":
            if not ans_ok:
                problems.append("answer wrong")
            for c in it["claims"]:
                ok, d = check_claim(c, ctx)
                if not ok:
                    problems.append(f"false claim {c['quote']!r}: {d}")
        else:
            if it["rationale"].count(err["quote"]) != 1:
                problems.append("error quote must occur exactly once in rationale")
            k = err["kind"]
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    problems.append("error answer is actually right")
                if k == "wrong_final_answer" and it["direction"] != "forward":
                    problems.append("wrong_final_answer on backward")
                if k == "backward_wrong_input" and it["direction"] != "backward":
                    problems.append("backward_wrong_input on forward")
            else:
                if not ans_ok and not err.get("carried"):
                    problems.append("final answer should stay right (unless the error is carried)")
            ecl = [c for c in it["claims"] if c["quote"] == err["quote"]]
            if k not in ("wrong_final_answer", "backward_wrong_input") and not ecl:
                problems.append("no claim matches error quote")
            for c in it["claims"]:
                ok, d = check_claim(c, ctx)
                if c in ecl:
                    if ok:
                        problems.append(f"error claim is true: {c['quote']!r}: {d}")
                    if err.get("held_elsewhere"):
                        if "at" not in c and c["what"] == "value" and not c.get("seq"):
                            problems.append("held_elsewhere value claim needs 'at'")
                        if c.get("seq"):
                            hv = [v for k_, vs in hist.items() for v in vs]
                            if not all(x in hv for x in lit(c["value"])):
                                problems.append("held_elsewhere seq value never held")
                        elif not find_values(hist, lit(c["value"])) and lit(c["value"]) not in rets.get(it["function"], []) :
                            problems.append("held_elsewhere value never held anywhere")
                elif not ok and not err.get("carried"):
                    problems.append(f"other claim false: {c['quote']!r}: {d}")
        status = "PASS" if not problems else "FAIL"
        if problems:
            fails += 1
        out.append(f"{status} {it['id']} ({it['label']}{'/' + it['error']['kind'] if it['error'] else ''}, {len(it['claims'])} claims)" + "".join("\n    " + p for p in problems))
    out.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    print("\n".join(out))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
