"""Standalone checker for w387 narrations: re-executes each program with sys.settrace,
records per-variable value histories and line hits, and checks claims and errors."""
import ast, copy, json, sys

FN = "<w387prog>"

def run_traced(code, call):
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    hist = {}          # name -> list of values (in order of change, all frames)
    lines = []         # executed line numbers, in order
    states = []        # (line number, variables of that frame just before the line runs)
    last = {}          # frame id -> {name: value}

    def snap(frame):
        d = {}
        for k, v in frame.f_locals.items():
            if callable(v) and not isinstance(v, (list, dict, set, tuple)):
                continue
            if k == "self":
                for a, av in vars(v).items():
                    d["self." + a] = av
                continue
            d[k] = v
        return d

    def record(frame):
        prev = last.setdefault(id(frame), {})
        for k, v in snap(frame).items():
            try:
                same = k in prev and prev[k] == v and type(prev[k]) == type(v)
            except Exception:
                same = False
            if not same:
                cv = copy.deepcopy(v)
                hist.setdefault(k, []).append(cv)
                prev[k] = cv

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == "call":
            last.pop(id(frame), None)
            record(frame)
        elif event == "line":
            record(frame)
            lines.append(frame.f_lineno)
            states.append((frame.f_lineno, dict(last[id(frame)])))
        elif event == "return":
            record(frame)
            last.pop(id(frame), None)
        return tracer

    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, (lines, states)


def plain_call(code, call):
    ns = {}
    exec(compile(code, "<plain>", "exec"), ns)
    return eval(call, ns)


def loop_count(lines, sc):
    if "header_line" in sc:   # a for-loop run to exhaustion: header hits - 1
        return sum(1 for l in lines if l == sc["header_line"]) - 1
    body = sc["body_line"]
    if "outer_line" in sc:
        idx = [i for i, l in enumerate(lines) if l == sc["outer_line"]]
        k = sc["outer_iter"]
        start = idx[k]
        end = idx[k + 1] if k + 1 < len(idx) else len(lines)
        seg = lines[start:end]
    else:
        seg = lines
    return sum(1 for l in seg if l == body)


def lit(s):
    return ast.literal_eval(s)


def check_claim(c, ret, hist, lines):
    try:
        return _check_claim(c, ret, hist, lines)
    except Exception as e:
        return (False, f"claim could not be evaluated: {e!r}")


def _check_claim(c, ret, hist, lines):
    """Return (ok, msg) saying whether the claim is TRUE of the execution."""
    lines, states = lines
    w = c["what"]
    if "when" in c:
        L, k = c["when"]["line"], c["when"]["hit"]
        st = [s for l, s in states if l == L][k]
        v = st.get(c["variable"])
        return (v == lit(c["value"]), f"{c['variable']} at line {L} hit {k} = {v!r} vs {c['value']}")
    val = lit(c["value"])
    if w == "value":
        var = c["variable"]
        h = hist.get(var, [])
        if c.get("seq"):
            at = c["at"]
            return (h[at:at + len(val)] == val, f"{var}[{at}:] {h[at:at + len(val)]!r} vs {val!r}")
        if "at" in c:
            at = c["at"]
            return (at < len(h) and h[at] == val, f"{var}[{at}]={h[at] if at < len(h) else None!r} vs {val!r}")
        return (val in h, f"{var} history {h!r} vs {val!r}")
    if w == "count":
        n = loop_count(lines, c["scope"])
        return (n == val, f"count {n} vs {val}")
    if w in ("arith", "comparison"):
        r = eval(c["expr"])
        ok = r == val and type(r) == type(val) if isinstance(val, bool) else r == val
        if w == "comparison" and "held" in c:
            # the branch side: was the guarded line hit (at that point)?
            pass
        return (ok, f"{c['expr']} -> {r!r} vs {val!r}")
    if w == "return":
        return (ret == val, f"return {ret!r} vs {val!r}")
    if w == "call":
        return (True, "call")
    return (False, "unknown claim kind " + w)


def main():
    progs = {}
    for l in open("programs.jsonl"):
        if l.strip():
            p = json.loads(l)
            progs[p["id"]] = p
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    ids = {it["id"] for it in items}
    fails = 0
    out = []
    for it in items:
        errs = []
        prog = progs[it["program_id"]]
        if prog["code"] != it["code"] or prog["call"] != it["call"]:
            errs.append("code/call differ from programs.jsonl")
        ret, hist, lines = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            errs.append(f"returned {ret!r} != {it['returned']}")
        if repr(plain_call(it["code"], it["call"])) != it["returned"]:
            errs.append("plain run differs")
        r = it["rationale"]
        last_line = r.rstrip().splitlines()[-1]
        if not last_line.startswith("Answer:") and not last_line.startswith("Predicted Output:"):
            errs.append("no Answer line")
        if it["answer"] not in last_line:
            errs.append("answer not in last line")
        err = it["error"]
        ekind = err["kind"] if err else None
        # answer
        if it["direction"] == "forward":
            ok = lit(it["answer"]) == ret
        else:
            try:
                ok = plain_call(it["code"], it["answer"]) == ret
            except Exception as e:
                ok = False
            if not it["answer"].startswith(it["function"] + "("):
                errs.append("backward answer does not call function")
        if err and err.get("carried") and not ok:
            pass
        elif ekind in ("wrong_final_answer", "backward_wrong_input"):
            if ok:
                errs.append("error answer is actually right")
        elif not ok:
            errs.append(f"answer wrong: {it['answer']}")
        # claims
        for c in it["claims"]:
            if c["quote"] not in r:
                errs.append("claim quote missing: " + c["quote"])
                continue
            if c.get("is_error"):
                continue
            good, msg = check_claim(c, ret, hist, lines)
            if not good:
                errs.append("false claim: " + c["quote"] + " :: " + msg)
        if it["label"] == "faithful":
            if err is not None or it["faithful_id"] is not None:
                errs.append("faithful has error")
        else:
            if it["faithful_id"] not in ids:
                errs.append("faithful_id missing")
            if err["quote"] not in r:
                errs.append("error quote missing")
            ec = [c for c in it["claims"] if c.get("is_error")]
            if ekind not in ("wrong_final_answer", "backward_wrong_input"):
                if not ec:
                    errs.append("no error claim")
                for c in ec:
                    good, msg = check_claim(c, ret, hist, lines)
                    if good:
                        errs.append("error claim is TRUE: " + msg)
                    if msg.startswith("claim could not be evaluated"):
                        errs.append("error claim not checkable: " + msg)
                    if ekind == "impossible_state":
                        if lit(c["value"]) in hist.get(c["variable"], []):
                            errs.append("impossible_state value occurs in history")
                    if err.get("held_elsewhere"):
                        v = lit(c["value"])
                        if c.get("seq"):
                            h = hist.get(c["variable"], [])[c["at"]:c["at"] + len(v)]
                            wrong = [x for x, y in zip(v, h) if x != y]
                        else:
                            wrong = [v]
                        def held(x):
                            for h in hist.values():
                                for v in h:
                                    try:
                                        if v == x or (isinstance(v, (list, tuple, set)) and x in v) \
                                                or (isinstance(v, dict) and x in v.values()):
                                            return True
                                    except Exception:
                                        pass
                            return False
                        for x in wrong:
                            if not held(x):
                                errs.append(f"held_elsewhere value {x!r} never held")
        status = "PASS" if not errs else "FAIL"
        if errs:
            fails += 1
        out.append(f"{status} {it['id']} ({it['label']}, {ekind}, {len(it['claims'])} claims)" +
                   "".join("\n    " + e for e in errs))
    out.append(f"\n{len(items)} items, {fails} failures")
    txt = "\n".join(out)
    print(txt)
    open("check_report.txt", "w").write(txt + "\n")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
