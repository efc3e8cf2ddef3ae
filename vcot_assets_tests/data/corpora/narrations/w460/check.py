"""Standalone checker for w460 narrations: re-executes each call with sys.settrace."""
import ast, json, sys, copy

def run(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist, lines = {}, {}
    def rec(name, val):
        try:
            v = copy.deepcopy(val)
        except Exception:
            return
        h = hist.setdefault(name, [])
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in getattr(v, "__dict__", {}).items():
                    rec("self." + a, av)
            elif not callable(v):
                rec(k, v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        def local(frame, event, arg):
            snap(frame)
            if event == "line":
                lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            return local
        snap(frame)
        return local
    sys.settrace(tr)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines, ns

def claim_ok(c, ret, hist, lines):
    what, val = c["what"], ast.literal_eval(c["value"])
    if what == "value":
        return val in hist.get(c["variable"], [])
    if what == "count":
        n = int(c["variable"].split("line")[1])
        if c["variable"].startswith("header@"):
            return lines.get(n, 0) - 1 == val
        return lines.get(n, 0) == val
    if what in ("arith", "comparison"):
        return eval(c["expr"]) == val
    if what == "return":
        return val == ret
    if what == "call":
        return True
    raise ValueError(what)

def error_false(it, ret, hist, lines, ns):
    e = it["error"]; chk = e["check"]; stated = ast.literal_eval(e["stated"]) if chk["type"] != "answer" else None
    assert e["quote"] in it["rationale"], "error quote missing"
    t = chk["type"]
    if t == "hist":
        h = hist[chk["variable"]]
        ok = stated != h[chk["index"]] and ast.literal_eval(e["actual"]) == h[chk["index"]]
        if e.get("held_elsewhere"):
            ok = ok and stated in h
        return ok
    if t == "count":
        c = lines.get(chk["line"], 0) - (1 if chk.get("header") else 0)
        ok = stated != c and ast.literal_eval(e["actual"]) == c
        return ok
    if t == "expr":
        ok = eval(chk["expr"]) != stated and eval(chk["expr"]) == ast.literal_eval(e["actual"])
        if e.get("held_elsewhere"):
            ok = ok and stated in hist.get(chk.get("variable", ""), [])
        return ok
    if t == "answer":
        if it["direction"] == "forward":
            return ast.literal_eval(it["answer"]) != ret
        return eval(it["answer"], ns) != ret
    raise ValueError(t)

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    progs = {json.loads(l)["id"]: json.loads(l) for l in open("programs.jsonl")}
    bad = 0
    for it in items:
        errs = []
        ret, hist, lines, ns = run(it["code"], it["call"])
        if repr(ret) != it["returned"]: errs.append("returned mismatch")
        if progs[it["program_id"]]["returned"] != it["returned"]: errs.append("traced returned mismatch")
        if len(progs[it["program_id"]]["events"]) != it["trace_events"]: errs.append("events mismatch")
        if not it["rationale"].rstrip().endswith("Answer: " + it["answer"]): errs.append("answer line")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]: errs.append("quote missing: " + c["quote"])
            is_err = it["label"] == "error" and (c["quote"] in it["error"]["quote"] or it["error"]["quote"] in c["quote"])
            if not is_err and not claim_ok(c, ret, hist, lines): errs.append("false claim: " + json.dumps(c))
        if it["label"] == "faithful":
            if it["direction"] == "forward":
                if ast.literal_eval(it["answer"]) != ret: errs.append("fwd answer wrong")
            else:
                if eval(it["answer"], ns) != ret: errs.append("bwd answer wrong")
        else:
            if not error_false(it, ret, hist, lines, ns): errs.append("error not false / actual wrong")
            if it["error"]["kind"] != "wrong_final_answer" and it["error"]["kind"] != "backward_wrong_input":
                if it["direction"] == "forward" and ast.literal_eval(it["answer"]) != ret: errs.append("unexpected answer change")
                if it["direction"] == "backward" and eval(it["answer"], ns) != ret: errs.append("unexpected answer change")
        status = "PASS" if not errs else "FAIL"
        bad += bool(errs)
        print(f"{status} {it['id']} " + "; ".join(errs))
    print(f"\n{len(items)} items, {len(items)-bad} pass, {bad} fail")
    return bad

if __name__ == "__main__":
    sys.exit(1 if main() else 0)
