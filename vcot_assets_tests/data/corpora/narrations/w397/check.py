"""Standalone checker for w397 narrations: re-executes each program with sys.settrace,
records per-variable value histories (consecutive distinct values, frames of the program's
own code only, self.<attr> included) and line-execution counts, then checks every claim."""
import ast, copy, json, sys

FN = "<w397-prog>"

def run_traced(code, call):
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    hist, lines = {}, {}
    def snap(frame):
        loc = dict(frame.f_locals)
        items = list(loc.items())
        s = loc.get("self")
        if s is not None and hasattr(s, "__dict__"):
            items += [("self." + k, v) for k, v in vars(s).items()]
        for k, v in items:
            if k == "self":
                continue
            try:
                v = copy.deepcopy(v)
            except Exception:
                pass
            h = hist.setdefault(k, [])
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event in ("line", "return"):
            snap(frame)
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        return tr
    sys.settrace(tr)
    try:
        res = eval(call, ns)
    finally:
        sys.settrace(None)
    return ns, res, hist, lines

def plain_call(code, call):
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    return eval(call, ns)

def claim_ok(c, ns, res, hist, lines):
    """Returns (truth, detail)."""
    what = c["what"]
    val = ast.literal_eval(c["value"]) if what != "call" else None
    if what == "value":
        h = hist.get(c["variable"], [])
        if "at" in c:
            at = c["at"]
            ok = at < len(h) and h[at] == val and type(h[at]) == type(val)
            return ok, f"{c['variable']}[{at}]={h[at] if at < len(h) else '<none>'!r}"
        return any(x == val and type(x) == type(val) for x in h), f"history {h!r}"
    if what == "count":
        var = c["variable"]
        assert var.startswith("loop@line ")
        n = lines.get(int(var.split()[-1]), 0)
        return n == val, f"line count {n}"
    if what in ("arith", "comparison"):
        got = eval(c["expr"], {})
        return got == val and type(got) == type(val), f"{c['expr']} -> {got!r}"
    if what == "return":
        return res == val, f"return {res!r}"
    if what == "call":
        got = plain_call_ns(ns, c["value"])
        return got == res, f"{c['value']} -> {got!r}"
    raise ValueError(what)

def plain_call_ns(ns, call):
    return eval(call, dict(ns))

def main():
    progs = {json.loads(l)["id"]: json.loads(l) for l in open("programs.jsonl") if l.strip()}
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    byid = {it["id"]: it for it in items}
    fails, out = 0, []
    for it in items:
        errs = []
        p = progs[it["program_id"]]
        if p["code"] != it["code"]:
            errs.append("code mismatch with programs.jsonl")
        ns, res, hist, lines = run_traced(it["code"], p["call"])
        if repr(res) != it["returned"] or it["returned"] != p["returned"]:
            errs.append(f"returned {repr(res)} vs {it['returned']}")
        if len(p["events"]) != it["trace_events"]:
            errs.append("trace_events mismatch")
        rat = it["rationale"]
        last = rat.strip().splitlines()[-1]
        if not last.startswith("Answer:") and not last.startswith("Predicted Output:"):
            errs.append("no final Answer line")
        if it["answer"] not in last:
            errs.append("answer not in last line")
        # answer check
        if it["direction"] == "forward":
            ans_ok = ast.literal_eval(it["answer"]) == res
        else:
            try:
                ans_ok = plain_call_ns(ns, it["answer"]) == res and it["answer"].startswith(it["function"]) or \
                    (plain_call_ns(ns, it["answer"]) == res and it["function"] in it["answer"])
            except Exception as e:
                ans_ok = False
        err = it["error"]
        ekind = err["kind"] if err else None
        if ekind in ("wrong_final_answer", "backward_wrong_input"):
            if ans_ok:
                errs.append("error answer is actually right")
        elif not ans_ok:
            errs.append("answer wrong")
        if err:
            if err["quote"] not in rat:
                errs.append("error quote not in rationale")
            if it["faithful_id"] not in byid:
                errs.append("faithful_id missing")
        found_err_claim = False
        for c in it["claims"]:
            if c["quote"] not in rat:
                errs.append(f"quote not found: {c['quote']!r}")
                continue
            try:
                ok, det = claim_ok(c, ns, res, hist, lines)
            except Exception as e:
                ok, det = False, f"exception {e}"
            is_err = err is not None and c["quote"] == err["quote"] and c["value"] == err.get("claim_value", c["value"]) and c.get("is_error")
            if is_err:
                found_err_claim = True
                if ok:
                    errs.append(f"error claim is TRUE: {c} ({det})")
                if err.get("held_elsewhere"):
                    v = ast.literal_eval(c["value"])
                    anywhere = any(v == x for h in hist.values() for x in h) or any(v == n for n in lines.values())
                    if not anywhere:
                        errs.append(f"held_elsewhere but value never held: {c['value']}")
            elif not ok:
                errs.append(f"claim false: {c} ({det})")
        if err and ekind not in ("wrong_final_answer", "backward_wrong_input") and not found_err_claim:
            errs.append("no claim marked is_error")
        status = "PASS" if not errs else "FAIL"
        fails += bool(errs)
        out.append(f"{status} {it['id']} ({it['label']}{'/' + ekind if ekind else ''}, {len(it['claims'])} claims)")
        out += ["    " + e for e in errs]
    out.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    txt = "\n".join(out)
    print(txt)
    open("check_report.txt", "w").write(txt + "\n")
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
