"""Standalone checker for w480 narrations: re-executes each program with sys.settrace,
records every variable's value history (locals and self.<attr>), and checks claims/errors."""
import ast, copy, json, sys, re

def lit(s):
    return ast.literal_eval(s)

def run_traced(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist = {}      # name -> list of values (consecutive duplicates per frame collapsed)
    last = {}      # (frame id, name) -> last value
    lines = {}     # line number -> executions
    def snap(frame):
        if frame.f_code.co_filename != "<prog>":
            return
        for k, v in list(frame.f_locals.items()):
            items = [(k, v)]
            if hasattr(v, "__dict__") and not callable(v) and type(v).__module__ != "builtins":
                items += [(f"{k}.{a}", av) for a, av in vars(v).items()]
            for name, val in items:
                if hasattr(val, "__dict__") and not isinstance(val, type):
                    continue
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    continue
                key = (id(frame), name)
                if key not in last or last[key] != val:
                    last[key] = val
                    hist.setdefault(name, []).append(val)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        snap(frame)
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            for k, v in list(frame.f_locals.items()):
                pairs = [(k, v)]
                if hasattr(v, "__dict__") and not callable(v):
                    pairs += [(f"{k}.{a}", av) for a, av in vars(v).items()]
                for name, val in pairs:
                    try:
                        lines.setdefault(("at", frame.f_lineno, name), []).append(copy.deepcopy(val))
                    except Exception:
                        pass
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines, g

def arith_value(q):
    expr = q.split("=")[0] if "==" not in q else q
    expr = expr.replace("`", "").strip()
    return eval(expr, {"abs": abs, "len": len, "max": max, "min": min, "divmod": divmod})

def check_claim(c, ret, hist, lines, item):
    w, v = c["what"], lit(c["value"])
    if "seq" in c:
        sq = c["seq"]
        got = lines.get(("at", sq["line"], sq["var"]), [])[sq["slice"][0]:sq["slice"][1]]
        return got == v, f"seq {sq} = {got}"
    if w == "value":
        return c["variable"] in hist and v in hist[c["variable"]], f"value {c['variable']}={v!r}"
    if w == "count":
        if "expr" in c:
            return eval(c["expr"]) == v, f"count expr {c['expr']}"
        m = re.match(r"loop@line (\d+)", c["variable"])
        if not m:
            n = len(hist.get(c["variable"], []))
            return n == v, f"count of values of {c['variable']}: {n} vs {v}"
        return lines.get(int(m.group(1)), 0) == v, f"count line {m.group(1)}: {lines.get(int(m.group(1)),0)} vs {v}"
    if w == "comparison":
        return bool(eval(c["expr"])) == v, f"comparison {c['expr']}"
    if w == "arith":
        if "expr" in c:
            return eval(c["expr"], {"abs": abs, "len": len, "max": max, "min": min, "sum": sum, "range": range, "divmod": divmod}) == v, f"arith expr {c['expr']}"
        return arith_value(c["quote"]) == v, f"arith {c['quote']}"
    if w == "return":
        return v == ret, "return"
    if w == "call":
        return True, "call"
    return False, "unknown claim"

def main():
    items = [json.loads(l) for l in open("narrations.jsonl", encoding="utf-8") if l.strip()]
    fails, out = 0, []
    for it in items:
        errs = []
        ret, hist, lines, g = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            errs.append(f"returned mismatch {ret!r} vs {it['returned']}")
        r = it["rationale"]
        for c in it["claims"]:
            if c["quote"] not in r:
                errs.append(f"quote not in rationale: {c['quote']!r}")
        if it["label"] == "faithful":
            for c in it["claims"]:
                ok, why = check_claim(c, ret, hist, lines, it)
                if not ok:
                    errs.append("false claim: " + why)
            last = r.strip().splitlines()[-1]
            if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
                errs.append("answer line mismatch")
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret:
                    errs.append("forward answer wrong")
            else:
                _, _, _, g2 = run_traced(it["code"], "None")
                if repr(eval(it["answer"], g2)) != it["returned"]:
                    errs.append("backward answer does not reproduce output")
        else:
            e = it["error"]
            if e["quote"] not in r:
                errs.append("error quote not in rationale")
            if e["stated"] not in e["quote"]:
                errs.append("stated not in error quote")
            chk = e["check"]
            t = chk["type"]
            if t == "answer":
                if it["direction"] == "forward":
                    if lit(it["answer"]) == ret:
                        errs.append("wrong answer is actually right")
                else:
                    _, _, _, g2 = run_traced(it["code"], "None")
                    if repr(eval(it["answer"], g2)) == it["returned"]:
                        errs.append("wrong input actually reproduces output")
            else:
                stated = lit(chk.get("stated_literal", e["stated"]))
                if t == "hist":
                    h = hist.get(chk["var"], [])
                    if h[chk["index"]] == stated:
                        errs.append("stated equals value at that point")
                    if e.get("held_elsewhere") and stated not in h:
                        errs.append("held_elsewhere but value never held")
                    if not e.get("held_elsewhere") and stated in h and t == "hist":
                        errs.append("value is held elsewhere but flag false")
                elif t == "absent":
                    if stated in hist.get(chk["var"], []):
                        errs.append("impossible state actually occurs")
                elif t == "seq":
                    got = lines.get(("at", chk["line"], chk["var"]), [])[chk["slice"][0]:chk["slice"][1]]
                    if got == stated:
                        errs.append("stated sequence is right")
                    if e.get("held_elsewhere") and not all(x in hist.get(chk.get("elsewhere_var", chk["var"]), []) for x, y in zip(stated, got) if x != y):
                        errs.append("held_elsewhere but some value never held")
                elif t == "eval":
                    if eval(chk["expr"]) == stated:
                        errs.append("stated equals evaluated truth")
                    if e.get("held_elsewhere") and "elsewhere_expr" in chk and eval(chk["elsewhere_expr"]) != stated:
                        errs.append("held_elsewhere value not held at the other point")
                elif t == "count":
                    if lines.get(chk["line"], 0) == stated:
                        errs.append("stated count is right")
                    if e.get("held_elsewhere") and lines.get(chk.get("elsewhere_line"), 0) != stated:
                        errs.append("held_elsewhere count not the other loop's count")
                elif t == "swap":
                    a, b = chk["vars"]
                    ta, tb = chk["true_a"], chk["true_b"]
                    if chk.get("as_literal"):
                        ta, tb = lit(ta), lit(tb)
                    if stated == (ta, tb):
                        errs.append("swap is not wrong")
                    if (ta not in hist.get(a, [])) or (tb not in hist.get(b, [])):
                        errs.append("true values of swap not in history")
                else:
                    errs.append("unknown check type")
            # the remaining claims (other than the error) must still hold
            for c in it["claims"]:
                if c["quote"] == e["quote"]:
                    continue
                ok, why = check_claim(c, ret, hist, lines, it)
                if not ok and not e.get("carried"):
                    errs.append("other claim false: " + why)
        status = "PASS" if not errs else "FAIL"
        fails += bool(errs)
        out.append(f"{status} {it['id']} " + "; ".join(errs))
    out.append(f"\n{len(items)} items, {len(items)-fails} pass, {fails} fail")
    open("check_report.txt", "w").write("\n".join(out) + "\n")
    print("\n".join(out))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
