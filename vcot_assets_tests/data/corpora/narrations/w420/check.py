"""Standalone checker for w420 narrations.jsonl: re-executes every call under sys.settrace
(no project tool code), records per-variable value histories and per-line snapshots, and checks
faithful claims are true and error copies really are false at the stated point."""
import ast, json, re, sys, copy

FN = "<w420prog>"

def canon(v):
    """repr with sets sorted, so set values compare independently of hash order"""
    if isinstance(v, (set, frozenset)):
        if not v:
            return "set()"
        return "{" + ", ".join(sorted(canon(x) for x in v)) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(canon(x) for x in v) + "]"
    if isinstance(v, tuple):
        return "(" + ", ".join(canon(x) for x in v) + ("," if len(v) == 1 else "") + ")"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{canon(k)}: {canon(x)}" for k, x in v.items()) + "}"
    return repr(v)


def run_traced(code, call):
    g = {"__name__": "w420prog"}
    exec(compile(code, FN, "exec"), g)
    hist, snaps, linecount = {}, [], {}
    def rec(frame):
        loc = {}
        for k, v in frame.f_locals.items():
            if k.startswith("."):
                continue
            loc[k] = v
            if k == "self" and hasattr(v, "__dict__"):
                for a, av in vars(v).items():
                    loc["self." + a] = av
        out = {}
        for k, v in loc.items():
            try:
                r = canon(v)
            except Exception:
                continue
            out[k] = r
            h = hist.setdefault(k, [])
            if not h or h[-1] != r:
                h.append(r)
        return out
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == "line":
            snaps.append((frame.f_lineno, rec(frame)))
            linecount[frame.f_lineno] = linecount.get(frame.f_lineno, 0) + 1
        elif event == "return":
            snaps.append(("ret", rec(frame)))
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, snaps, linecount

def plain(call, code):
    g = {}
    exec(compile(code, "<plain>", "exec"), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def norm(s):
    try:
        return canon(lit(s))
    except Exception:
        return s

def arith_expr(c):
    if c.get("expr"):
        return c["expr"]
    q = c["quote"].replace("`", "")
    return re.split(r"\s*(?:=|\bis\b|\bgives\b|\bequals\b)\s*", q)[0]

def snap_value(snaps, spec):
    """value of spec['var'] right after the k-th (1-based) execution of line spec['line']"""
    k = 0
    for idx, (ln, loc) in enumerate(snaps):
        if ln == spec["line"]:
            k += 1
            if k == spec["occurrence"]:
                nxt = snaps[idx + 1][1] if idx + 1 < len(snaps) else loc
                src = loc if spec.get("before") else nxt
                return src.get(spec["var"])
    return None

def check_claim(c, ret, hist, linecount, it):
    w = c["what"]
    if w == "value" and c.get("seq"):
        h = hist.get(c["variable"], []); v = [repr(x) for x in lit(c["value"])]
        ok = any(h[i:i + len(v)] == v for i in range(len(h)))
        return ok, f"{c['variable']} history {h}"
    if w == "value" and c["variable"].startswith("("):
        names = [x.strip() for x in c["variable"].strip("()").split(",")]
        want = [canon(x) for x in lit(c["value"])]
        ok = any(all(loc.get(nm) == wv for nm, wv in zip(names, want)) for _, loc in c["_snaps"])
        return ok, f"no snapshot with {names} = {want}"
    if w == "value":
        return norm(c["value"]) in hist.get(c["variable"], []), f"{c['variable']} history {hist.get(c['variable'])}"
    if w == "count":
        line = int(c["variable"].split("@line")[1]) if "@line" in c["variable"] else None
        got = linecount.get(line, 0)
        return got == lit(c["value"]), f"line {line} ran {got}"
    if w == "arith":
        got = eval(arith_expr(c))
        return canon(got) == norm(c["value"]) or got == lit(c["value"]), f"{arith_expr(c)} -> {got!r}"
    if w == "comparison":
        got = bool(eval(c["expr"]))
        return got == lit(c["value"]), f"{c['expr']} -> {got}"
    if w == "return":
        return canon(ret) == norm(c["value"]), f"returned {ret!r}"
    if w == "call":
        got = plain(c["value"], it["code"])
        return repr(got) == it["returned"], f"{c['value']} -> {got!r}"
    return False, "unknown claim kind"

def check_error(e, it, ret, hist, snaps, linecount):
    chk = e["check"]
    t = chk["type"]
    st = e["stated"]
    if t == "arith":
        got = eval(chk["expr"])
        ok = canon(got) == norm(e["actual"]) and canon(got) != norm(st)
        if e.get("held_elsewhere"):
            ok = ok and any(norm(st) in h for h in hist.values())
        return ok, f"{chk['expr']} -> {got!r}, stated {st}"
    if t == "hist":
        h = hist.get(chk["var"], [])
        got = h[chk["index"]] if chk["index"] < len(h) else None
        ok = got == norm(e["actual"]) and got != norm(st)
        if e.get("held_elsewhere"):
            ok = ok and any(norm(st) in hh for hh in hist.values())
        return ok, f"{chk['var']} history[{chk['index']}] = {got}, stated {st}"
    if t == "count":
        got = linecount.get(chk["line"], 0)
        ok = got == lit(e["actual"]) and got != lit(st)
        if e.get("held_elsewhere"):
            ok = ok and any(norm(st) in h for h in hist.values())
        return ok, f"line {chk['line']} ran {got}, stated {st}"
    if t == "cmp":
        got = bool(eval(chk["expr"]))
        return got == lit(e["actual"]) and got != lit(st), f"{chk['expr']} -> {got}, stated {st}"
    if t == "snap":
        got = snap_value(snaps, chk)
        ok = got == norm(e["actual"]) and got != norm(st)
        if e.get("held_elsewhere"):
            ok = ok and any(norm(st) in hh for hh in hist.values())
        return ok, f"{chk['var']} at line {chk['line']}#{chk['occurrence']} = {got}, stated {st}"
    if t == "impossible":
        h = hist.get(chk["var"], [])
        return norm(st) not in h and norm(e["actual"]) in h, f"{chk['var']} history {h}, stated {st}"
    if t == "answer":
        if it["direction"] == "forward":
            return norm(it["answer"]) != it["returned"], f"answer {it['answer']} vs {it['returned']}"
        try:
            got = repr(plain(it["answer"], it["code"]))
        except Exception as ex:
            got = f"raises {ex!r}"
        return got != it["returned"], f"{it['answer']} -> {got} vs {it['returned']}"
    return False, "unknown check"

def main(path="narrations.jsonl"):
    items = [json.loads(l) for l in open(path) if l.strip()]
    byid = {it["id"]: it for it in items}
    fails, lines = 0, []
    for it in items:
        probs = []
        ret, hist, snaps, linecount = run_traced(it["code"], it["call"])
        for c in it["claims"]:
            c["_snaps"] = snaps
        if repr(ret) != it["returned"]:
            probs.append(f"returned mismatch {ret!r} vs {it['returned']}")
        last = it["rationale"].rstrip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            probs.append("last line is not 'Answer: <answer>'")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append(f"claim quote not in rationale: {c['quote']!r}")
        if it["label"] == "faithful":
            for c in it["claims"]:
                ok, why = check_claim(c, ret, hist, linecount, it)
                if not ok:
                    probs.append(f"false claim {c['quote']!r}: {why}")
            if it["direction"] == "forward":
                if norm(it["answer"]) != canon(ret):
                    probs.append("forward answer wrong")
            else:
                got = plain(it["answer"], it["code"])
                if repr(got) != it["returned"]:
                    probs.append(f"backward answer returns {got!r}")
        else:
            e = it["error"]
            f = byid.get(it["faithful_id"])
            if f is None:
                probs.append("no faithful item")
            if e["quote"] not in it["rationale"]:
                probs.append("error quote not in rationale")
            ok, why = check_error(e, it, ret, hist, snaps, linecount)
            if not ok:
                probs.append(f"error not confirmed false: {why}")
            # every other claim of the copy must still be true (except carried ones)
            for c in it["claims"]:
                if c.get("error") or c.get("carried"):
                    continue
                ok2, why2 = check_claim(c, ret, hist, linecount, it)
                if not ok2:
                    probs.append(f"non-error claim false {c['quote']!r}: {why2}")
            if e["kind"] != "wrong_final_answer" and e["kind"] != "backward_wrong_input":
                if f and it["answer"] != f["answer"] and not e.get("carried"):
                    probs.append("answer differs from faithful without carried")
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        lines.append(f"{status} {it['id']}" + "".join("\n    " + p for p in probs))
    lines.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    out = "\n".join(lines)
    print(out)
    return fails

if __name__ == "__main__":
    sys.exit(1 if main(*sys.argv[1:]) else 0)
