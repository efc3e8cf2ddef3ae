"""Standalone checker for w71 narrations: runs each program with sys.settrace,
records per-variable value histories, loop line counts and return values, then
checks every claim, answer, and error annotation."""
import ast, copy, json, sys

def lit(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return s

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = {}          # name -> list of successive distinct values (across frames)
    lines = {}         # line number -> times executed
    rets = {}          # function name -> list of return values
    last = {}          # (frame id, name) -> last value
    def rec(frame):
        loc = dict(frame.f_locals)
        items = list(loc.items())
        s = loc.get("self")
        if s is not None and hasattr(s, "__dict__"):
            items += [("self." + k, v) for k, v in vars(s).items()]
        for k, v in items:
            if k == "self":
                continue
            h = hist.setdefault(k, [])
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(snap(v))
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        rec(frame)
        if event == "return":
            rets.setdefault(frame.f_code.co_name, []).append(snap(arg))
        return tr
    sys.settrace(tr)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return result, hist, lines, rets, ns

def fresh_eval(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    return eval(call, ns)

def claim_true(c, res, hist, lines, rets, ns):
    what, var, val = c["what"], c.get("variable"), lit(c["value"])
    if what == "value":
        h = hist.get(var, [])
        if c.get("seq"):
            n = len(val)
            return any(h[i:i + n] == val for i in range(len(h) - n + 1)), f"{var} history={h!r}"
        if "at" in c:
            at = c["at"]
            return at < len(h) and h[at] == val and type(h[at]) == type(val), f"{var}[{at}]={h[at] if at < len(h) else None!r}"
        return any(x == val and type(x) == type(val) for x in h), f"{var} history={h!r}"
    if what == "count":
        ln = int(var.split("@line")[1]) if var and "@line" in var else c["line"]
        return lines.get(ln, 0) == val, f"line {ln} ran {lines.get(ln, 0)}"
    if what in ("comparison", "arith"):
        got = eval(c.get("expr", c["quote"]), {})
        return got == val and type(got) == type(val), f"eval={got!r}"
    if what == "return":
        if var and var in rets and var != "__top__":
            return val in rets[var], f"returns of {var}={rets[var]!r}"
        return val == res, f"returned {res!r}"
    if what == "call":
        got = fresh_eval(CODE, c.get("expr", c["quote"]))
        return got == val, f"call gave {got!r}"
    raise ValueError(what)

def main(path):
    global CODE
    items = [json.loads(l) for l in open(path) if l.strip()]
    out, bad = [], 0
    ids = set()
    byid = {it["id"]: it for it in items}
    for it in items:
        probs = []
        if it["id"] in ids:
            probs.append("duplicate id")
        ids.add(it["id"])
        CODE = it["code"]
        res, hist, lines, rets, ns = run(it["code"], it["call"])
        if repr(res) != it["returned"]:
            probs.append(f"returned mismatch {res!r} vs {it['returned']}")
        rat = it["rationale"]
        lastline = rat.rstrip().splitlines()[-1]
        if not lastline.startswith("Answer:") or lastline[len("Answer:"):].strip() != it["answer"]:
            probs.append("answer line mismatch")
        err = it["error"]
        for c in it["claims"]:
            if c["quote"] not in rat:
                probs.append(f"quote not in rationale: {c['quote']!r}")
                continue
            ok, info = claim_true(c, res, hist, lines, rets, ns)
            is_err = err is not None and c.get("error_claim")
            if is_err:
                if ok:
                    probs.append(f"error claim is actually true: {c['quote']!r} ({info})")
                if err.get("held_elsewhere"):
                    v = lit(c["value"])
                    vs = v if c.get("seq") else [v]
                    if c["what"] == "value" and not all(any(x == e for x in hist.get(c["variable"], [])) for e in vs):
                        probs.append("held_elsewhere but value never held")
            elif not ok and not c.get("carried"):
                probs.append(f"false claim: {c['quote']!r} ({info})")
        # answer
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == res
        else:
            try:
                ans_ok = fresh_eval(it["code"], it["answer"]) == res
            except Exception:
                ans_ok = False
            if not it["answer"].startswith(it["function"] + "("):
                probs.append("backward answer does not call function")
        if it["label"] == "faithful":
            if err is not None or it["faithful_id"] is not None:
                probs.append("faithful item has error/faithful_id")
            if not ans_ok:
                probs.append("faithful answer wrong")
        else:
            if it["faithful_id"] not in byid:
                probs.append("faithful_id missing")
            if err["quote"] not in rat:
                probs.append("error quote not in rationale")
            if err["stated"] not in err["quote"]:
                probs.append("stated not inside quote")
            k = err["kind"]
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    probs.append("wrong answer is actually right")
                if k == "backward_wrong_input" and it["direction"] != "backward":
                    probs.append("backward_wrong_input on forward")
                if k == "wrong_final_answer" and it["direction"] != "forward":
                    probs.append("wrong_final_answer on backward")
            else:
                if not any(c.get("error_claim") for c in it["claims"]):
                    probs.append("no error claim")
                if not ans_ok and not err.get("carried"):
                    probs.append("answer wrong though error not carried")
                if k == "wrong_intermediate_right_answer" and not ans_ok:
                    probs.append("wrong_intermediate_right_answer with wrong answer")
        status = "OK" if not probs else "FAIL"
        bad += bool(probs)
        out.append(f"{status} {it['id']} ({it['label']}, {it['direction']}, {it['style']}, "
                   f"{err['kind'] if err else '-'}; {len(it['claims'])} claims)")
        out += ["    " + p for p in probs]
    out.append(f"\n{len(items)} items, {len(items) - bad} passed, {bad} failed")
    return "\n".join(out), bad

if __name__ == "__main__":
    text, bad = main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")
    print(text)
    sys.exit(1 if bad else 0)
