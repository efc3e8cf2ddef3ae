#!/usr/bin/env python3
"""Standalone checker for w345 narrations: re-executes every program with sys.settrace,
records per-variable value histories (locals and self.<attr>), line hit counts, and checks
claims / errors against them. Writes check_report.txt next to itself."""
import ast, copy, json, os, sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
FN = "<w345prog>"


def run(code, call):
    hist = defaultdict(list)     # var -> list of successive distinct values (across frames)
    lines = defaultdict(int)     # lineno -> hits
    last = {}                    # (frame id, var) -> last value

    def snap(frame):
        items = dict(frame.f_locals)
        s = items.get("self")
        if s is not None and hasattr(s, "__dict__"):
            for k, v in vars(s).items():
                items["self." + k] = v
        for k, v in items.items():
            if callable(v) or k == "self":
                continue
            key = (id(frame), k)
            try:
                v2 = copy.deepcopy(v)
            except Exception:
                continue
            if key not in last or last[key] != v2 or type(last[key]) != type(v2):
                last[key] = v2
                hist[k].append(v2)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == "line":
            lines[frame.f_lineno] += 1
        snap(frame)
        return tracer

    ns = {"__name__": "w345prog"}
    exec(compile(code, FN, "exec"), ns)
    sys.settrace(tracer)
    try:
        result = eval(compile(call, FN + "call", "eval"), ns)
    finally:
        sys.settrace(None)
    return result, hist, lines


def plain_eval(code, call):
    ns = {"__name__": "w345prog"}
    exec(code, ns)
    return eval(call, ns)


def lit(s):
    try:
        return ast.literal_eval(s)
    except (ValueError, SyntaxError):
        return s  # not a literal (a call, or a description such as "never 8")


def same(a, b):
    return a == b and type(a) == type(b) or (isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and a == b)


def check_claim(c, item, result, hist, lines):
    w = c["what"]
    if w == "value":
        v = lit(c["value"])
        return any(same(v, h) for h in hist.get(c["variable"], [])), f"{c['variable']}={c['value']} in history"
    if w == "count":
        n = lines[int(c["variable"].split("@line")[1])]
        return n == lit(c["value"]), f"{c['variable']} ran {n}"
    if w in ("comparison", "arith"):
        expr = c.get("expr") or c["quote"].split("=")[0].replace("`", "")
        got = eval(expr, {})
        return same(got, lit(c["value"])) or got == lit(c["value"]), f"{expr} -> {got!r}"
    if w == "return":
        return lit(c["value"]) == result, f"returned {result!r}"
    if w == "call":
        got = plain_eval(item["code"], c["value"])
        return got == result, f"{c['value']} -> {got!r}"
    return False, "unknown claim kind"


def check_error(e, item, result, hist, lines):
    """Every check must show that the stated thing is FALSE at its point."""
    out = []
    checks = e["check"] if isinstance(e["check"], list) else [e["check"]]
    for ck in checks:
        t = ck["type"]
        st = lit(ck.get("stated", e["stated"]))
        ac = lit(ck.get("actual", e["actual"]))
        if t == "arith":
            got = eval(ck["expr"], {})
            ok = got == ac and got != st
            msg = f"{ck['expr']} = {got!r}, stated {st!r}"
        elif t == "value_at":
            h = hist[ck["var"]]
            got = h[ck["index"]]
            ok = same(got, ac) and not same(got, st)
            if e.get("held_elsewhere"):
                pool = hist[ck.get("elsewhere_var", ck["var"])]
                ok = ok and any(same(st, x) for x in pool)
            msg = f"{ck['var']}[{ck['index']}] = {got!r}, stated {st!r}"
        elif t == "never":
            ok = not isinstance(st, str) or ck.get("str_ok", False)
            ok = not any(same(st, x) for x in hist[ck["var"]])
            msg = f"{st!r} never held by {ck['var']} (history {hist[ck['var']]!r})"
        elif t == "count":
            n = lines[int(ck["loop"].split("@line")[1])]
            ok = n == ac and n != st
            msg = f"{ck['loop']} ran {n}, stated {st}"
        elif t == "comparison":
            got = eval(ck["expr"], {})
            ok = got == ac and got != st
            msg = f"{ck['expr']} is {got}, stated {st}"
        elif t == "answer_fwd":
            ok = st != result and ac == result
            msg = f"answer {st!r} vs returned {result!r}"
        elif t == "answer_bwd":
            got = plain_eval(item["code"], ck.get("stated", e["stated"]))
            ok = got != result
            msg = f"{e['stated']} -> {got!r}, output {result!r}"
        else:
            ok, msg = False, "unknown check"
        if e.get("held_elsewhere") and t in ("arith", "count", "value_at"):
            pool = hist[ck.get("elsewhere_var", ck.get("var", ""))]
            held = any(same(st, x) for x in pool)
            ok = ok and held
            msg += f"; held elsewhere by {ck.get('elsewhere_var', ck.get('var'))}: {held}"
        out.append((ok, msg))
    return out


def main():
    items = [json.loads(l) for l in open(os.path.join(HERE, "narrations.jsonl")) if l.strip()]
    rep, bad = [], 0
    for it in items:
        probs = []
        result, hist, lines = run(it["code"], it["call"])
        if repr(result) != it["returned"]:
            probs.append(f"returned {result!r} != {it['returned']}")
        r = it["rationale"]
        last = [l for l in r.strip().splitlines() if l.strip()][-1]
        if it["answer"] not in last:
            probs.append("answer not on last line")
        for c in it["claims"]:
            if c["quote"] not in r:
                probs.append(f"quote missing: {c['quote']!r}")
        err = it["error"]
        if err and err["quote"] not in r:
            probs.append(f"error quote missing: {err['quote']!r}")
        for c in it["claims"]:
            if err and (c["quote"] == err["quote"] or c.get("error")):
                continue
            ok, msg = check_claim(c, it, result, hist, lines)
            if not ok:
                probs.append(f"claim false: {c['quote']!r} ({msg})")
        if it["label"] == "faithful":
            if it["direction"] == "forward":
                if lit(it["answer"]) != result:
                    probs.append("forward answer wrong")
            else:
                if plain_eval(it["code"], it["answer"]) != result:
                    probs.append("backward answer does not reproduce output")
        else:
            for ok, msg in check_error(err, it, result, hist, lines):
                if not ok:
                    probs.append("error not confirmed: " + msg)
            if err["kind"] == "wrong_final_answer" and it["direction"] == "forward" and lit(it["answer"]) == result:
                probs.append("wrong_final_answer has right answer")
            if err["kind"] == "backward_wrong_input" and plain_eval(it["code"], it["answer"]) == result:
                probs.append("backward_wrong_input answer works")
        status = "PASS" if not probs else "FAIL"
        bad += bool(probs)
        rep.append(f"{status} {it['id']} ({it['label']}, {it['direction']}, {it['style']}, {len(it['claims'])} claims)")
        rep += ["    " + p for p in probs]
    rep.append(f"\n{len(items)} items, {len(items) - bad} pass, {bad} fail")
    open(os.path.join(HERE, "check_report.txt"), "w").write("\n".join(rep) + "\n")
    print("\n".join(rep[-15:]))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
