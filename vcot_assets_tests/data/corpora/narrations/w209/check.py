"""Standalone checker for w209 narrations: re-executes each program with sys.settrace and
checks returned values, every claim of faithful items, answers, and that each error copy's
error is really false at the point it names."""
import ast, copy, json, sys

def lit(s):
    return ast.literal_eval(s)

def run_traced(code, call):
    ns = {"__name__": "__prog__"}
    exec(compile(code, "<prog>", "exec"), ns)
    classes = tuple(v for v in ns.values() if isinstance(v, type))
    changes, at_line, linecount = {}, {}, {}
    def snap(frame, lineno):
        vals = {}
        for k, v in frame.f_locals.items():
            if classes and isinstance(v, classes):
                for a, av in vars(v).items():
                    vals[f"{k}.{a}"] = av
            else:
                vals[k] = v
        for k, v in vals.items():
            try:
                v = copy.deepcopy(v)
            except Exception:
                pass
            at_line.setdefault((k, lineno), []).append(v)
            h = changes.setdefault(k, [])
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            linecount[frame.f_lineno] = linecount.get(frame.f_lineno, 0) + 1
            snap(frame, frame.f_lineno)
        elif event == "return":
            snap(frame, -1)
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, changes, at_line, linecount, ns

def plain_eval(code, call):
    ns = {"__name__": "__prog__"}
    exec(compile(code, "<prog>", "exec"), ns)
    return eval(call, ns)

def claim_truth(c, st, item):
    """Return (ok, detail): whether the claim is true of the execution."""
    ret, changes, at_line, linecount, ns = st
    what, var = c["what"], c.get("variable")
    if what == "call":
        try:
            got = plain_eval(item["code"], c["value"])
        except Exception as e:
            return False, f"call raised {e!r}"
        return got == ret, f"call gives {got!r}"
    val = lit(c["value"])
    if what == "value":
        if var not in changes:
            return False, f"no variable {var}"
        if "at_line" in c:
            seq = at_line.get((var, c["at_line"]), [])
            if c.get("seq"):
                s = c.get("start", 0)
                got = seq[s:s + len(val)]
                return got == val, f"{var}@{c['at_line']}[{s}:] = {got}"
            got = seq[c["nth"]] if c["nth"] < len(seq) else None
            return got == val, f"{var}@{c['at_line']}[{c['nth']}] = {got!r}"
        h = changes[var]
        if c.get("seq"):
            ok = any(h[i:i + len(val)] == val for i in range(len(h)))
            return ok, f"{var} changes {h}"
        if "nth" in c:
            got = h[c["nth"]] if c["nth"] < len(h) else None
            return got == val, f"{var} change#{c['nth']} = {got!r}"
        return val in h, f"{var} history {h}"
    if what == "count":
        if var.startswith("loop@line"):
            got = linecount.get(int(var.split()[-1]), 0)
        else:
            got = len(changes.get(var, []))
        return got == val, f"{var} count {got}"
    if what in ("arith", "comparison"):
        got = eval(c["expr"], {})
        if what == "comparison":
            got = bool(got)
        return got == val, f"{c['expr']} -> {got!r}"
    if what == "return":
        return val == ret, f"returned {ret!r}"
    return False, "unknown claim kind"

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    fails, lines = 0, []
    cache = {}
    for it in items:
        key = (it["code"], it["call"])
        if key not in cache:
            cache[key] = run_traced(it["code"], it["call"])
        st = cache[key]
        ret = st[0]
        probs = []
        if repr(ret) != it["returned"]:
            probs.append(f"returned {ret!r} != {it['returned']}")
        if it["answer"] not in it["rationale"].strip().splitlines()[-1]:
            probs.append("answer not on last line")
        # answer
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == ret
        else:
            try:
                ans_ok = plain_eval(it["code"], it["answer"]) == ret
            except Exception:
                ans_ok = False
        err = it["error"]
        ans_should_fail = it["label"] == "error" and (err["kind"] in ("wrong_final_answer", "backward_wrong_input") or err.get("carried_answer"))
        if ans_ok == ans_should_fail:
            probs.append(f"answer {it['answer']} ok={ans_ok} but should_fail={ans_should_fail}")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append(f"quote not in rationale: {c['quote']!r}")
                continue
            ok, det = claim_truth(c, st, it)
            is_err = it["label"] == "error" and c["quote"] == err["quote"]
            if is_err:
                if ok:
                    probs.append(f"error claim is actually true: {c['quote']!r} ({det})")
                if err.get("held_elsewhere"):
                    if c["what"] == "value" and not c.get("seq"):
                        stated = lit(c["value"])
                        if not any(stated == v for h in st[1].values() for v in h):
                            probs.append(f"held_elsewhere but {stated!r} never held")
                    elif c["what"] == "count":
                        pass
            elif c.get("carried") and it["label"] == "error":
                if ok:
                    probs.append(f"carried claim unexpectedly true: {c['quote']!r}")
            elif not ok:
                probs.append(f"false claim: {c['quote']!r} ({det})")
        if it["label"] == "error":
            if err["quote"] not in it["rationale"]:
                probs.append("error quote missing")
            if not any(c["quote"] == err["quote"] for c in it["claims"]):
                probs.append("error quote not among claims")
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        lines.append(f"{status} {it['id']} ({it['label']}, {len(it['claims'])} claims)" + "".join("\n    - " + p for p in probs))
    lines.append(f"\n{len(items)} items, {fails} failing")
    out = "\n".join(lines)
    print(out)
    open("check_report.txt", "w").write(out + "\n")
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
