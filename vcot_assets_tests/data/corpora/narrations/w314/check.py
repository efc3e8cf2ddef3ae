"""Standalone checker for w314 narrations: re-executes each program under sys.settrace,
records every variable's value history, line hit counts and function return values, then
checks every item (faithful claims true, error copies really wrong at the stated point)."""
import ast, copy, json, re, sys
from collections import defaultdict

HERE = "/work/corpus/narrations/w314"
FN = "<w314-prog>"


def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return v


def run_traced(code, call):
    hist = defaultdict(list)      # var -> list of values (appended on first sight / change)
    lines = defaultdict(int)      # line number -> hits
    rets = defaultdict(list)      # function name -> returned values
    last = {}                     # frame id -> {var: value}

    def observe(frame):
        cur = {}
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    cur["self." + a] = av
            else:
                cur[k] = v
        prev = last.setdefault(id(frame), {})
        for k, v in cur.items():
            try:
                same = k in prev and prev[k] == v and type(prev[k]) is type(v)
            except Exception:
                same = False
            if not same:
                h = hist[k]
                try:
                    dup = bool(h) and h[-1] == v and type(h[-1]) is type(v)
                except Exception:
                    dup = False
                if not dup:
                    h.append(snap(v))
                prev[k] = snap(v)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return tracer
        if event == "call":
            last.pop(id(frame), None)
            observe(frame)
        elif event == "line":
            lines[frame.f_lineno] += 1
            observe(frame)
        elif event == "return":
            observe(frame)
            rets[frame.f_code.co_name].append(snap(arg))
            last.pop(id(frame), None)
        return tracer

    ns = {}
    exec(compile(code, FN, "exec"), ns)
    sys.settrace(tracer)
    try:
        result = eval(compile(call, FN + "call", "eval"), ns)
    finally:
        sys.settrace(None)
    return result, hist, lines, rets


def plain_run(code, call):
    ns = {}
    exec(compile(code, "<plain>", "exec"), ns)
    return eval(call, ns)


def lit(s):
    return ast.literal_eval(s)


def eq(a, b):
    return type(a) == type(b) and a == b or (isinstance(a, (int, float)) and isinstance(b, (int, float))
                                            and not isinstance(a, bool) and not isinstance(b, bool) and a == b)


def count_of(label, lines):
    m = re.fullmatch(r"loop@line (\d+)", label)
    if not m:
        raise ValueError("bad count label " + label)
    return lines[int(m.group(1))]


def arith_expr(claim):
    if claim.get("expr"):
        return claim["expr"]
    q = claim["quote"].replace("`", "")
    q = re.split(r"\s*(?:=(?!=)|\bis\b|gives|equals)\s*", q)[0]
    return q


def check_claim(c, result, hist, lines, rets):
    what, var = c["what"], c.get("variable")
    val = lit(c["value"])
    if what == "value":
        h = hist.get(var, [])
        if any(eq(x, val) for x in h):
            return True, ""
        if isinstance(val, list):  # a summarised sequence: must occur in order in the history
            it = iter(h)
            val = [v for k, v in enumerate(val) if k == 0 or not eq(v, val[k - 1])]
            return all(any(eq(x, v) for x in it) for v in val), f"{var} history {h} (sequence)"
        return False, f"{var} history {h}"
    if what == "count":
        n = count_of(var, lines)
        return n == val, f"count {var} = {n}"
    if what == "arith":
        got = eval(arith_expr(c), {})
        return eq(got, val) or got == val, f"{arith_expr(c)} -> {got!r}"
    if what == "comparison":
        got = bool(eval(arith_expr(c), {}))
        return got == val, f"{arith_expr(c)} -> {got}"
    if what == "return":
        if var in (None, "", "result"):
            return eq(result, val), f"returned {result!r}"
        return any(eq(r, val) for r in rets.get(var, [])), f"{var} returns {rets.get(var)}"
    if what == "call":
        if isinstance(val, list) and not any(eq(r, val) for r in rets.get(var, [])):
            return rets.get(var, []) == val, f"{var} returns {rets.get(var)} (sequence)"
        return any(eq(r, val) for r in rets.get(var, [])), f"{var} returns {rets.get(var)}"
    return False, "unknown what " + what


def main():
    items = [json.loads(l) for l in open(f"{HERE}/narrations.jsonl") if l.strip()]
    by_id = {it["id"]: it for it in items}
    out, fails = [], 0
    cache = {}
    for it in items:
        msgs = []
        key = it["program_id"]
        if key not in cache:
            cache[key] = run_traced(it["code"], it["call"])
        result, hist, lines, rets = cache[key]
        if repr(result) != it["returned"]:
            msgs.append(f"returned mismatch {result!r} vs {it['returned']}")
        if not it["rationale"].rstrip().endswith(it["answer"]) or "Answer:" not in it["rationale"].splitlines()[-1]:
            msgs.append("answer not on last Answer line")
        err = it.get("error")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                msgs.append(f"claim quote not in rationale: {c['quote']!r}")
                continue
            if c.get("is_error") or c.get("carried"):
                continue
            try:
                ok, info = check_claim(c, result, hist, lines, rets)
            except Exception as e:
                ok, info = False, f"exception {e!r}"
            if not ok:
                msgs.append(f"false claim {c['quote']!r}: {info}")
        # final answer
        if it["direction"] == "forward":
            ans_ok = eq(lit(it["answer"]), result)
        else:
            try:
                ans_ok = repr(plain_run(it["code"], it["answer"])) == it["returned"]
            except Exception as e:
                ans_ok = False
        if it["label"] == "faithful":
            if not ans_ok:
                msgs.append("faithful answer wrong")
            if err is not None or it["faithful_id"] is not None:
                msgs.append("faithful with error/faithful_id")
        else:
            if it["faithful_id"] not in by_id:
                msgs.append("faithful_id missing")
            if err["quote"] not in it["rationale"]:
                msgs.append("error quote not in rationale")
            if err["stated"] not in err["quote"]:
                msgs.append("stated not in error quote")
            ck = err["check"]
            t = ck["type"]
            stated = err["stated"]
            if t in ("answer",):
                if ans_ok:
                    msgs.append("error answer is actually right")
            else:
                if not ans_ok:
                    msgs.append("error copy final answer wrong but kind is not an answer error")
                sv = lit(ck.get("stated_value", stated))
                if t == "history_index":
                    h = hist[ck["variable"]]
                    actual = h[ck["index"]]
                    if "key" in ck:
                        actual = actual[ck["key"]]
                    if eq(actual, sv):
                        msgs.append(f"stated equals actual at point {actual!r}")
                    if repr(actual) != err["actual"] and str(actual) != err["actual"]:
                        msgs.append(f"error.actual {err['actual']} != history {actual!r}")
                elif t == "return_index":
                    actual = rets[ck["function"]][ck["index"]]
                    if eq(actual, sv) or repr(actual) != err["actual"]:
                        msgs.append(f"return_index check failed: {actual!r} vs stated {sv!r}")
                elif t == "count":
                    n = count_of(ck["variable"], lines)
                    if n == sv or str(n) != err["actual"]:
                        msgs.append(f"count check failed: real {n}, stated {sv}, actual field {err['actual']}")
                elif t in ("arith", "comparison"):
                    got = eval(ck["expr"], {})
                    if t == "comparison":
                        got = bool(got)
                    if eq(got, sv) or repr(got) != err["actual"] and str(got) != err["actual"]:
                        msgs.append(f"{t} check failed: {ck['expr']} -> {got!r}, stated {sv!r}")
                elif t == "absent":
                    if any(eq(h, sv) for h in hist[ck["variable"]]):
                        msgs.append("impossible state actually occurs")
                elif t == "return":
                    got = result
                    if eq(got, sv):
                        msgs.append("stated return is real")
                else:
                    msgs.append("unknown check " + t)
                if err.get("held_elsewhere"):
                    allv = [v for h in hist.values() for v in h] + list(lines.values()) + [r for rs in rets.values() for r in rs]
                    if not any(eq(v, sv) for v in allv):
                        msgs.append("held_elsewhere but value never held")
        status = "PASS" if not msgs else "FAIL"
        fails += bool(msgs)
        out.append(f"{status} {it['id']} ({it['label']}{'/' + err['kind'] if err else ''})" + "".join("\n    " + m for m in msgs))
    out.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    text = "\n".join(out)
    open(f"{HERE}/check_report.txt", "w").write(text + "\n")
    print(text)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
