"""Standalone checker for w394 narrations: runs each program under sys.settrace,
records per-variable value histories (locals and self.<attr>), loop body hit counts,
and verifies claims / error copies. Usage: python3 check.py [narrations.jsonl] [--hist]"""
import sys, json, ast, copy

def run_traced(code, call):
    g = {"__name__": "program"}
    exec(compile(code, "<prog>", "exec"), g)
    hist = {}      # var -> list of repr values (consecutive distinct per frame)
    last = {}      # (frame id, var) -> repr
    lines = {}     # line number -> hits
    def snap(frame):
        loc = dict(frame.f_locals)
        items = []
        for k, v in loc.items():
            if k == "self":
                for a, av in getattr(v, "__dict__", {}).items():
                    items.append(("self." + a, av))
            else:
                items.append((k, v))
        for k, v in items:
            try:
                r = repr(v)
            except Exception:
                continue
            if "object at 0x" in r:
                continue
            key = (id(frame), k)
            if last.get(key) != r:
                last[key] = r
                hist.setdefault(k, []).append(r)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        snap(frame)
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines, g

def plain_eval(code, call):
    g = {"__name__": "program"}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def count_of(label, lines):
    # label "loop@line L": iterations = hits of the first body line L+1 (or a plain
    # loop variable name: iterations = number of values it took, see check_claim)
    L = int(label.split("line")[1])
    return lines.get(L + 1, 0)

def rep(v):
    return repr(ast.literal_eval(v)) if isinstance(v, str) else repr(v)

def check_claim(c, ret, hist, lines):
    w = c["what"]
    if w == "value":
        return rep(c["value"]) in hist.get(c["variable"], [])
    if w == "count":
        if not c["variable"].startswith("loop@"):
            # plain loop variable: iterations = number of values it took
            return len(hist.get(c["variable"], [])) == ast.literal_eval(c["value"])
        return count_of(c["variable"], lines) == ast.literal_eval(c["value"])
    if w in ("arith", "comparison"):
        return eval(c["expr"]) == ast.literal_eval(c["value"])
    if w == "return":
        return ast.literal_eval(c["value"]) == ret
    if w == "call":
        return True
    return False

def main():
    path = "narrations.jsonl"
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if args: path = args[0]
    items = [json.loads(l) for l in open(path) if l.strip()]
    fails = 0; out = []
    for it in items:
        errs = []
        ret, hist, lines, g = run_traced(it["code"], it["call"])
        if "--hist" in sys.argv and it["label"] == "faithful":
            print(it["id"], {k: v for k, v in hist.items()}, lines)
        if repr(ret) != it["returned"]:
            errs.append("returned mismatch %r" % (ret,))
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                errs.append("quote missing: " + c["quote"])
        if not it["rationale"].rstrip().endswith("Answer: " + it["answer"]) and it["answer"] not in it["rationale"].rstrip().splitlines()[-1]:
            errs.append("answer line mismatch")
        ans_ok = None
        if it["direction"] == "forward":
            try: ans_ok = ast.literal_eval(it["answer"]) == ret
            except Exception: ans_ok = False
        else:
            try: ans_ok = plain_eval(it["code"], it["answer"]) == ret
            except Exception: ans_ok = False
        e = it["error"]
        if it["label"] == "faithful":
            for c in it["claims"]:
                if not check_claim(c, ret, hist, lines):
                    errs.append("false claim: %s" % c["quote"])
            if not ans_ok: errs.append("answer wrong")
        else:
            if e["quote"] not in it["rationale"]: errs.append("error quote missing")
            bad = [c for c in it["claims"] if not check_claim(c, ret, hist, lines)]
            k = e["kind"]
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok: errs.append("answer is not wrong")
                if bad: errs.append("other claims false: %s" % [c["quote"] for c in bad])
            else:
                if not ans_ok and not e.get("carried"): errs.append("answer should stay right")
                has_at = "at" in e and e["at"].get("index") is not None
                if len(bad) < 1 and not has_at: errs.append("no false claim found for error")
                if k in ("wrong_arithmetic",):
                    if eval(e["expr"]) == ast.literal_eval(e["stated"]): errs.append("arith not wrong")
                if k == "branch_not_taken":
                    if eval(e["expr"]) == ast.literal_eval(e["stated"]): errs.append("comparison not wrong")
                if k == "off_by_one_loop_count":
                    n = count_of(e["at"]["variable"], lines) if "at" in e else eval(e["expr"])
                    if n == ast.literal_eval(e["stated"]) or abs(n - ast.literal_eval(e["stated"])) != 1:
                        errs.append("count not off by one")
                if "at" in e and e["at"].get("index") is not None:
                    h = hist.get(e["at"]["variable"], [])
                    idx = e["at"]["index"]
                    if idx >= len(h) or h[idx] == rep(e["stated"]): errs.append("value at point not wrong")
                    if idx < len(h) and h[idx] != rep(e["actual"]): errs.append("actual mismatch at point %s" % h[idx])
                if k == "impossible_state":
                    if rep(e["stated"]) in hist.get(e["at"]["variable"], []): errs.append("impossible value occurs")
                if e.get("held_elsewhere"):
                    if not any(rep(e["stated"]) in h for h in hist.values()) and not any(ast.literal_eval(e["stated"]) == n for n in lines.values()):
                        errs.append("held_elsewhere value never held")
        status = "PASS" if not errs else "FAIL"
        if errs: fails += 1
        out.append("%s %s %s" % (status, it["id"], "; ".join(errs)))
    out.append("items: %d, failures: %d" % (len(items), fails))
    print("\n".join(out))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
