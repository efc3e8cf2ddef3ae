"""Standalone checker for w364 narrations: re-executes each program with sys.settrace,
records per-variable value histories, line hit counts and per-function return values,
then checks claims, answers and that every error copy really is wrong."""
import ast, copy, json, sys

def run_traced(code, call):
    hist, lines, rets = {}, {}, {}
    def rec(name, val):
        try:
            v = copy.deepcopy(val)
        except Exception:
            return
        h = hist.setdefault(name, [])
        if not h or h[-1] != v:
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    rec("self." + a, av)
            elif not k.startswith("."):
                rec(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return tracer
        snap(frame)
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        if event == "return":
            rets.setdefault(frame.f_code.co_name, []).append(copy.deepcopy(arg))
        return tracer
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    sys.settrace(tracer)
    try:
        out = eval(compile(call, "<call>", "eval"), g)
    finally:
        sys.settrace(None)
    return out, hist, lines, rets

def plain(code, call):
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def check_claim(c, hist, lines, rets, returned):
    what, var = c["what"], c["variable"]
    val = ast.literal_eval(c["value"])
    if what == "value" and var.endswith("[sub]"):
        it = iter(hist.get(var[:-5], []))
        return all(any(x == y for y in it) for x in val), f"{val!r} not a subsequence of {hist.get(var[:-5])}"
    if what == "value" and var.endswith("[*]"):
        return hist.get(var[:-3]) == val, f"{var} history {hist.get(var[:-3])} != {val!r}"
    if what == "value":
        return var in hist and val in hist[var], f"{var}={val!r} not in {hist.get(var)}"
    if what == "count":
        ln = int(var.split("@line")[1])
        return lines.get(ln, 0) == val, f"line {ln} ran {lines.get(ln, 0)} != {val}"
    if what in ("arith", "comparison"):
        got = eval(c.get("expr", c["quote"]), {})
        return got == val, f"{c.get('expr', c['quote'])} -> {got!r} != {val!r}"
    if what == "return":
        if var in (None, "", "result"):
            return val == returned, f"return {val!r} != {returned!r}"
        return val in rets.get(var, []), f"{var} returns {rets.get(var)} lack {val!r}"
    if what == "call":
        return True, ""
    return False, "unknown what " + what

def check_error(item, hist, lines, rets, returned, code):
    e = item["error"]; chk = e["check"]; t = chk["type"]
    stated = ast.literal_eval(chk["stated"]) if "stated" in chk else None
    if t == "value_at":
        h = hist.get(chk["variable"], [])
        ok = chk["index"] < len(h) and h[chk["index"]] != stated
        if e.get("held_elsewhere"):
            ok = ok and stated in h
        return ok, f"value_at {chk} hist={h}"
    if t == "absent":
        return stated not in hist.get(chk["variable"], []), f"absent {chk}"
    if t in ("arith", "comparison"):
        return eval(chk["expr"], {}) != stated, f"{chk}"
    if t == "count":
        ln = chk["line"]; ok = lines.get(ln, 0) != stated
        if e.get("held_elsewhere"):
            ok = ok and stated in chk.get("elsewhere_from", [stated])
        return ok, f"count {chk} real {lines.get(ln,0)}"
    if t == "answer":
        return ast.literal_eval(item["answer"]) != returned, "answer equals return"
    if t == "call":
        try:
            r = plain(code, item["answer"])
        except Exception as ex:
            return True, f"raises {ex}"
        return r != returned, f"call returns {r!r}"
    return False, "unknown check " + t

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    bad = 0; report = []
    for it in items:
        probs = []
        out, hist, lines, rets = run_traced(it["code"], it["call"])
        if repr(out) != it["returned"]:
            probs.append(f"returned {out!r} != {it['returned']}")
        if not it["rationale"].rstrip().splitlines()[-1].startswith(("Answer:", "Predicted Output:")):
            probs.append("last line not Answer")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("quote missing: " + c["quote"])
        if it["label"] == "faithful":
            for c in it["claims"]:
                ok, msg = check_claim(c, hist, lines, rets, out)
                if not ok: probs.append("claim false: " + msg)
            if it["direction"] == "forward":
                if ast.literal_eval(it["answer"]) != out: probs.append("forward answer wrong")
            else:
                if plain(it["code"], it["answer"]) != out: probs.append("backward answer wrong")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]: probs.append("error quote missing")
            for c in it["claims"]:
                if c.get("is_error"): continue
                ok, msg = check_claim(c, hist, lines, rets, out)
                if not ok: probs.append("non-error claim false: " + msg)
            ok, msg = check_error(it, hist, lines, rets, out, it["code"])
            if not ok: probs.append("error not false: " + msg)
            if e["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                if it["direction"] == "forward" and ast.literal_eval(it["answer"]) != out and not e.get("carried"):
                    probs.append("answer changed without carry")
        status = "PASS" if not probs else "FAIL"
        bad += bool(probs)
        report.append(f"{status} {it['id']} ({it['label']}, {it['direction']}, {it['style']}, {it['family']}, claims={len(it['claims'])})")
        for p in probs: report.append("    " + p)
    report.append(f"\n{len(items)} items, {len(items)-bad} pass, {bad} fail")
    txt = "\n".join(report)
    open("check_report.txt", "w").write(txt + "\n")
    print(txt)
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
