"""Standalone checker for w429 narrations: re-executes each program with sys.settrace,
records per-variable value histories (locals and self.<attr>), per-line execution counts,
and verifies every claim of faithful items plus the falsity of each error copy's error."""
import ast, copy, json, sys

FN = "<w429prog>"

def run(code, call):
    g = {"__name__": "w429prog"}
    exec(compile(code, FN, "exec"), g)
    hist, last, lines = {}, {}, {}
    def snap(frame):
        fid = id(frame)
        items = dict(frame.f_locals)
        s = items.get("self")
        if s is not None and hasattr(s, "__dict__"):
            for k, v in vars(s).items():
                items["self." + k] = v
        for k, v in items.items():
            try:
                v2 = copy.deepcopy(v)
            except Exception:
                v2 = repr(v)
            key = (fid, k)
            if key not in last or last[key] != v2 or type(last[key]) != type(v2):
                last[key] = v2
                hist.setdefault(k, []).append(v2)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        if event in ("line", "return", "call"):
            snap(frame)
        return tr
    sys.settrace(tr)
    try:
        res = eval(compile(call, FN + "call", "eval"), g)
    finally:
        sys.settrace(None)
    return res, hist, lines

def held_values(hist):
    allv = [x for h in hist.values() for x in h]
    for x in list(allv):
        if isinstance(x, dict):
            allv.extend(x.values())
        elif isinstance(x, (list, tuple)):
            allv.extend(x)
    return allv

def lit(s):
    return ast.literal_eval(s) if isinstance(s, str) else s

def quiet_eval(call, code):
    g = {}
    exec(code, g)
    return eval(call, g)

def check_item(it):
    errs = []
    R = it["rationale"]
    res, hist, lines = run(it["code"], it["call"])
    if repr(res) != it["returned"]:
        errs.append(f"returned mismatch {res!r} vs {it['returned']}")
    for c in it["claims"]:
        if c["quote"] not in R:
            errs.append(f"quote not in rationale: {c['quote']!r}")
    if not R.rstrip().splitlines()[-1].startswith("Answer:") and "Answer:" not in R.rstrip().splitlines()[-1]:
        errs.append("last line is not an Answer line")
    if it["answer"] not in R.rstrip().splitlines()[-1]:
        errs.append("answer not on last line")
    err = it.get("error")
    bad_quote = err["quote"] if err else None
    for c in it["claims"]:
        if bad_quote is not None and (c["quote"] == bad_quote or c.get("carried")):
            continue  # the erroneous claim (and claims carrying it forward) are checked below
        ok = claim_ok(c, res, hist, lines, it)
        if not ok:
            errs.append(f"claim false: {c}")
    # answer
    if it["direction"] == "forward":
        ans_ok = lit(it["answer"]) == res
    else:
        ans_ok = quiet_eval(it["answer"], it["code"]) == res
    if it["label"] == "faithful":
        if not ans_ok:
            errs.append("faithful answer wrong")
        if err is not None:
            errs.append("faithful item has error")
    else:
        if err["quote"] not in R:
            errs.append("error quote not in rationale")
        ck = err.get("check", {})
        t = ck.get("type")
        st = err["stated"]
        if t == "answer":
            if ans_ok:
                errs.append("error answer is actually right")
        else:
            if not ans_ok and not err.get("carried"):
                errs.append("error copy has wrong answer but error kind is not about answer")
        if t == "expr":
            v = eval(ck["expr"])
            if v == lit(st) or v != lit(err["actual"]):
                errs.append(f"expr error not false: {ck['expr']}={v}")
        elif t == "count":
            n = lines.get(ck["line"], 0) - ck.get("minus", 0)
            if n == lit(st) or n != lit(err["actual"]):
                errs.append(f"count error not false: {n}")
        elif t == "hist":
            for var, idx, stv in ck["points"]:
                h = hist.get(var, [])
                if idx >= len(h) or h[idx] == lit(stv):
                    errs.append(f"hist error not false: {var}[{idx}]={h[idx] if idx < len(h) else None} vs {stv}")
            if err.get("held_elsewhere"):
                allv = held_values(hist)
                if lit(st) not in allv:
                    errs.append("held_elsewhere but value never held")
        elif t == "notin":
            if lit(st) in hist.get(ck["variable"], []):
                errs.append("impossible_state value is actually held")
        elif t == "cmp":
            if eval(ck["expr"]) == lit(st):
                errs.append("comparison error is actually right")
        elif t == "hx":
            # a Python expression over the recorded execution that is True iff the stated value is false there
            if not eval(ck["expr"], {"hist": hist, "lines": lines, "res": res}):
                errs.append(f"hx error not false: {ck['expr']}")
            if err.get("held_elsewhere"):
                allv = held_values(hist)
                if lit(st) not in allv:
                    errs.append("held_elsewhere but value never held")
        elif t != "answer":
            errs.append(f"unknown check type {t}")
        if err.get("held_elsewhere") and t in ("expr", "count"):
            allv = held_values(hist)
            if lit(st) not in allv and lit(st) not in lines.values():
                errs.append("held_elsewhere but value never held")
    return errs

def claim_ok(c, res, hist, lines, it):
    w = c["what"]
    v = lit(c["value"])
    if w == "value":
        if c["variable"]:
            return v in hist.get(c["variable"], [])
        return any(v in h for h in hist.values())
    if w == "sequence":
        h = iter(hist.get(c["variable"], []))
        return all(any(x == y for y in h) for x in v)
    if w == "count":
        return lines.get(c["line"], 0) - c.get("minus", 0) == v
    if w in ("arith", "comparison"):
        return eval(c.get("expr", c["quote"])) == v
    if w == "return":
        return v == res
    if w == "call":
        return quiet_eval(c["value"] if isinstance(c["value"], str) and "(" in c["value"] else it["answer"], it["code"]) == res
    return False

def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
    items = [json.loads(l) for l in open(path) if l.strip()]
    nbad = 0
    out = []
    for it in items:
        e = check_item(it)
        out.append(("PASS" if not e else "FAIL") + " " + it["id"] + ("" if not e else " :: " + " | ".join(e)))
        nbad += bool(e)
    out.append(f"{len(items)} items, {len(items) - nbad} pass, {nbad} fail")
    print("\n".join(out))
    return 1 if nbad else 0

if __name__ == "__main__":
    sys.exit(main())
