"""Standalone checker for w472 narrations: runs each program under sys.settrace, records
per-variable value histories and per-line 'state after the k-th execution' snapshots, and
checks every claim / error against real execution. Usage: python3 check.py > check_report.txt"""
import ast, copy, json, sys

FILE = "<w472prog>"

def lit(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return s

def snap(frame):
    d = {}
    for k, v in frame.f_locals.items():
        if k == "self":
            for a, av in vars(v).items():
                d["self." + a] = av
        else:
            d[k] = v
    try:
        return copy.deepcopy(d)
    except Exception:
        return dict(d)

def run(code, call):
    ns = {}
    exec(compile(code, FILE, "exec"), ns)
    hist, after, hits, last = {}, {}, {}, {}
    def record(frame, prev_line):
        s = snap(frame)
        for k, v in s.items():
            h = hist.setdefault(k, [])
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)
        if prev_line is not None:
            after.setdefault(prev_line, []).append(s)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FILE:
            return None
        if event == "call":
            last[id(frame)] = None
            record(frame, None)
            return tracer
        if event in ("line", "return"):
            record(frame, last.get(id(frame)))
            if event == "line":
                hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
                last[id(frame)] = frame.f_lineno
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, after, hits, ns

def plain_eval(code, call):
    ns = {}
    exec(compile(code, FILE, "exec"), ns)
    return eval(call, ns)

def claim_ok(c, ret, hist, after, hits):
    """True if claim c is true of the execution."""
    what, val = c["what"], lit(c["value"])
    if what == "value":
        var = c["variable"]
        if "line" in c:  # value right after the k-th execution of line
            got = after[c["line"]][c["k"]].get(var)
            if "key" in c:  # one entry of a dict variable
                got = got.get(c["key"])
            return got == val
        return var in hist and val in hist[var]
    if what == "count":
        if "header_line" in c:  # a for/while header runs once more than the body
            return hits.get(c["header_line"], 0) - 1 == val
        return hits.get(c["line"], 0) == val
    if what in ("arith", "comparison"):
        return eval(c["expr"]) == val
    if what == "return":
        return ret == val
    raise ValueError(what)

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    bad = 0
    for it in items:
        errs = []
        ret, hist, after, hits, ns = run(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            errs.append(f"returned {ret!r} != {it['returned']}")
        err = it["error"]
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                errs.append(f"quote not in rationale: {c['quote']!r}")
            ok = claim_ok(c, ret, hist, after, hits)
            is_err_claim = err is not None and c["quote"] == err["quote"]
            if is_err_claim and ok:
                errs.append(f"error claim is actually TRUE: {c}")
            if not is_err_claim and not ok:
                errs.append(f"claim false: {c}")
        # answer
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == ret
        else:
            try:
                ans_ok = plain_eval(it["code"], it["answer"]) == ret and it["answer"].startswith(it["function"] + "(") or \
                         (plain_eval(it["code"], it["answer"]) == ret and it["function"] in it["answer"])
            except Exception as e:
                ans_ok = False
        if not it["rationale"].rstrip().endswith(it["answer"]):
            errs.append("answer line does not end rationale")
        if err is None or err["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
            if not ans_ok:
                errs.append(f"answer wrong: {it['answer']}")
        if err is not None:
            if err["quote"] not in it["rationale"]:
                errs.append("error quote missing")
            if err["kind"] in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    errs.append("error answer is actually right")
            elif not any(c["quote"] == err["quote"] for c in it["claims"]):
                errs.append("error has no matching claim")
            if err.get("held_elsewhere"):
                # stated value must occur somewhere in the run (but not at that point: checked above)
                var = err.get("variable")
                v = lit(err["stated"])
                if err["kind"] == "off_by_one_loop_count":
                    pass
                elif "key" in err and v in [h.get(err["key"]) for h in hist.get(var, [])]:
                    pass
                elif var is None or v not in hist.get(var, []):
                    errs.append(f"held_elsewhere but {err['stated']} never held by {var}")
        status = "PASS" if not errs else "FAIL"
        bad += bool(errs)
        print(f"{status} {it['id']} ({it['label']}{'/' + err['kind'] if err else ''})")
        for e in errs:
            print("    ", e)
    print(f"\n{len(items)} items, {len(items) - bad} pass, {bad} fail")
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
