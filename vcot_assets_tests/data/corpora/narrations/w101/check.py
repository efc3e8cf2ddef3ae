"""Standalone checker for w101 narrations: re-executes each program with sys.settrace
and checks the claims of faithful items and the falsity of the error in error copies."""
import ast, copy, json, re, sys
from collections import defaultdict

FN = "<prog>"


def run(code, call):
    hist = defaultdict(list)
    lines = defaultdict(int)

    def snap(frame):
        for k, v in list(frame.f_locals.items()):
            if k == "self":
                for ak, av in list(getattr(v, "__dict__", {}).items()):
                    push("self." + ak, av)
                continue
            if callable(v) and not isinstance(v, (int, str)):
                continue
            push(k, v)

    def push(k, v):
        try:
            v = copy.deepcopy(v)
        except Exception:
            return
        h = hist[k]
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == "line":
            lines[frame.f_lineno] += 1
            snap(frame)
        elif event == "return":
            snap(frame)
        return tracer

    ns = {}
    exec(compile(code, FN, "exec"), ns)
    sys.settrace(tracer)
    try:
        result = eval(compile(call, FN + "call", "eval"), ns)
    finally:
        sys.settrace(None)
    return result, hist, lines


def plain(q):
    return q.replace("`", "").strip()


def arith_value(q):
    q = plain(q).replace(" is ", " = ")
    lhs = q.rsplit("=", 1)[0] if "==" not in q else q
    return eval(lhs, {})


def comp_value(q):
    q = re.sub(r"\s*(,\s*)?(is true|is false|was true|was false|true|false|holds|fails)\.?$", "", plain(q), flags=re.I)
    return bool(eval(q, {}))


def count_of(var, lines, hist=None):
    """`loop@line N`: times line N (the loop's first body line) ran; otherwise the name of a
    loop variable that takes a new value on each iteration: the length of its history."""
    m = re.match(r"loop@line (\d+)", var)
    if m:
        return lines[int(m.group(1))]
    return len(hist.get(var, []))


def check_claim(c, returned, hist, lines):
    """Return (ok, detail)."""
    w = c["what"]
    val = ast.literal_eval(c["value"])
    if w == "value" and isinstance(val, tuple):
        # a summarised sequence: must be an ordered subsequence of the variable's history
        h = iter(hist.get(c["variable"], []))
        return all(any(x == v for x in h) for v in val), f"{c['variable']} history lacks sequence {val!r}"
    if w == "value":
        h = hist.get(c["variable"], [])
        return (val in h and any(type(x) == type(val) or isinstance(x, (int, float)) for x in h if x == val),
                f"{c['variable']} history has no {val!r}")
    if w == "return":
        return val == returned, f"return {returned!r} != {val!r}"
    if w == "count":
        n = count_of(c["variable"], lines, hist)
        return n == val, f"count {n} != {val}"
    if w == "arith":
        r = arith_value(c["quote"])
        return r == val, f"arith {c['quote']} gives {r!r}"
    if w == "comparison":
        r = comp_value(c["quote"])
        return r == val, f"comparison {c['quote']} is {r}"
    if w == "call":
        return True, ""
    return False, "unknown claim kind"


def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    out = []
    bad = 0
    cache = {}
    for it in items:
        errs = []
        key = (it["code"], it["call"])
        if key not in cache:
            cache[key] = run(it["code"], it["call"])
        returned, hist, lines = cache[key]
        if repr(returned) != it["returned"]:
            errs.append(f"returned {returned!r} != {it['returned']}")
        if it["rationale"].strip().splitlines()[-1].strip() != "Answer: " + it["answer"]:
            errs.append("last line is not the Answer line")
        ns = {}
        exec(compile(it["code"], FN, "exec"), ns)
        if it["direction"] == "forward":
            ans_ok = ast.literal_eval(it["answer"]) == returned
        else:
            ans_ok = eval(it["answer"], ns) == returned
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                errs.append(f"claim quote missing: {c['quote']!r}")
        e = it["error"]
        if it["label"] == "faithful":
            if not ans_ok:
                errs.append("answer wrong")
            for c in it["claims"]:
                ok, d = check_claim(c, returned, hist, lines)
                if not ok:
                    errs.append(d)
        else:
            if e["quote"] not in it["rationale"]:
                errs.append("error quote missing")
            k = e["kind"]
            if k == "wrong_final_answer" or k == "backward_wrong_input":
                if ans_ok:
                    errs.append("error answer is actually right")
            else:
                if not ans_ok:
                    errs.append("answer should stay right")
                # the error claim must be false, and the `actual` must be true at that point
                ec = [c for c in it["claims"] if c["quote"] == e["quote"]]
                if len(ec) != 1:
                    errs.append("no claim for the error quote")
                else:
                    c = ec[0]
                    ok, _ = check_claim(c, returned, hist, lines)
                    at = e.get("at")
                    if at:
                        h = hist.get(at["variable"], [])
                        truth = h[at["index"]] if at["index"] < len(h) else None
                        if at.get("len"):  # the narration states len(variable)
                            truth = len(truth)
                        if truth != ast.literal_eval(e["actual"]):
                            errs.append(f"actual {e['actual']} is not {at['variable']}[{at['index']}]={truth!r}")
                        if truth == ast.literal_eval(e["stated"]):
                            errs.append("stated value is true at that point")
                        if e.get("held_elsewhere") and ast.literal_eval(e["stated"]) not in h:
                            errs.append("held_elsewhere but value never held")
                    elif c["what"] in ("value",) and k != "impossible_state":
                        errs.append("value error needs an 'at' point")
                    elif ok and c["what"] != "value":
                        errs.append("error claim is actually true")
                    if k == "impossible_state" and ok:
                        errs.append("impossible value does occur")
                    if c["what"] == "count" and count_of(c["variable"], lines, hist) != ast.literal_eval(e["actual"]):
                        errs.append("actual count wrong")
                    if c["what"] == "arith" and arith_value(c["quote"]) != ast.literal_eval(e["actual"]):
                        errs.append("actual arith wrong")
                    if c["what"] == "comparison" and comp_value(c["quote"]) != ast.literal_eval(e["actual"]):
                        errs.append("actual comparison wrong")
            # other claims of the error copy must still be true unless carried
            if not e.get("carried"):
                for c in it["claims"]:
                    if c["quote"] == e["quote"]:
                        continue
                    ok, d = check_claim(c, returned, hist, lines)
                    if not ok:
                        errs.append("non-error claim false: " + d)
        status = "PASS" if not errs else "FAIL"
        bad += bool(errs)
        out.append(f"{status} {it['id']} ({len(it['claims'])} claims)" + ("" if not errs else ": " + "; ".join(errs)))
    out.append(f"\n{len(items)} items, {len(items) - bad} pass, {bad} fail")
    txt = "\n".join(out)
    open("check_report.txt", "w").write(txt + "\n")
    print(txt)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
