"""Standalone checker for w416 narrations: re-executes every call under sys.settrace and checks claims."""
import sys, json, copy, re

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<w416>", "exec"), ns)
    hist = {}      # var -> list of distinct successive values (per frame, merged in order)
    last = {}      # (frame id, var) -> last value
    lines = {}
    linesnap = {}  # line -> list of local snapshots taken when that line is about to run
    flines = {}    # line -> list of per-frame counts, in order of first hit
    fidx = {}
    serial = [0]
    def snap(frame, fid):
        items = dict(frame.f_locals)
        s = items.get("self")
        if s is not None and hasattr(s, "__dict__"):
            for k, v in vars(s).items():
                items["self." + k] = v
        for k, v in items.items():
            try:
                v2 = copy.deepcopy(v)
            except Exception:
                v2 = v
            key = (fid, k)
            if key not in last or last[key] != v2:
                last[key] = v2
                hist.setdefault(k, []).append(v2)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<w416>":
            return None
        serial[0] += 1
        fid = serial[0]
        def local(frame, event, arg):
            if event == "line":
                ln = frame.f_lineno
                try:
                    linesnap.setdefault(ln, []).append(copy.deepcopy(dict(frame.f_locals)))
                except Exception:
                    linesnap.setdefault(ln, []).append(dict(frame.f_locals))
                lines[ln] = lines.get(ln, 0) + 1
                k = (fid, ln)
                if k not in fidx:
                    fidx[k] = len(flines.setdefault(ln, []))
                    flines[ln].append(0)
                flines[ln][fidx[k]] += 1
            snap(frame, fid)
            return local
        snap(frame, fid)
        return local
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    lines["per_frame"] = flines
    lines["snap"] = linesnap
    return ns, ret, hist, lines

def plain_eval(call, code):
    ns = {}
    exec(compile(code, "<w416>", "exec"), ns)
    return eval(call, ns)

def expr_of(c):
    if c.get("expr"):
        return c["expr"]
    q = c["quote"].replace("`", "")
    m = re.split(r"\s*(?:=|\bis\b|\bgives\b)\s*", q, maxsplit=1)
    return m[0]

def claim_truth(c, ctx):
    """Return (ok, detail) whether claim c is true of the execution."""
    ns, ret, hist, lines = ctx
    what = c["what"]
    val = eval(c["value"])
    m = re.match(r"(\w+)\[@(\d+)\]$", c["variable"] or "")
    if what == "value" and m:
        h = [d[m.group(1)] for d in lines["snap"].get(int(m.group(2)), []) if m.group(1) in d]
        n = len(val)
        ok = any(h[i:i + n] == val for i in range(len(h) - n + 1))
        return ok, f"values of {m.group(1)} at line {m.group(2)}: {h}"
    if what == "value" and c["variable"].endswith("[*]"):
        h = hist.get(c["variable"][:-3], [])
        n = len(val)
        ok = any(h[i:i + n] == val or h[i:i + n] == val[::-1] for i in range(len(h) - n + 1))
        return ok, f"sequence vs history {h}"
    if what == "value":
        h = hist.get(c["variable"])
        if h is None:
            return False, f"no variable {c['variable']}"
        return (val in h), f"{c['variable']} history {h[:12]}"
    if what == "count":
        m = re.match(r"loop@line (\d+)(?:#(\d+))?", c["variable"])
        if m.group(2):
            pf = lines["per_frame"].get(int(m.group(1)), [])
            k = int(m.group(2)) - 1
            n = pf[k] if k < len(pf) else 0
        else:
            n = lines.get(int(m.group(1)), 0)
        return n == val, f"line {m.group(1)} ran {n} times"
    if what in ("arith", "comparison", "call"):
        got = eval(expr_of(c), dict(ns))
        return got == val, f"{expr_of(c)} -> {got!r}"
    if what == "return":
        return val == ret, f"returned {ret!r}"
    return False, "unknown what"

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")]
    byid = {it["id"]: it for it in items}
    fails = 0
    out = []
    for it in items:
        problems = []
        ctx = run_traced(it["code"], it["call"])
        ret = ctx[1]
        if repr(ret) != it["returned"]:
            problems.append(f"returned {ret!r} != {it['returned']}")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                problems.append(f"quote not in rationale: {c['quote']!r}")
        if it["label"] == "faithful":
            for c in it["claims"]:
                ok, d = claim_truth(c, ctx)
                if not ok:
                    problems.append(f"false claim {c['quote']!r}: {d}")
            if it["direction"] == "forward":
                if eval(it["answer"]) != ret:
                    problems.append("forward answer wrong")
            else:
                if plain_eval(it["answer"], it["code"]) != ret:
                    problems.append("backward answer does not reproduce output")
        else:
            e = it["error"]
            fa = byid[it["faithful_id"]]
            if e["quote"] not in it["rationale"]:
                problems.append("error quote missing")
            fq = {(c["quote"], c["value"]) for c in fa["claims"]}
            for c in it["claims"]:
                if (c["quote"], c["value"]) in fq:
                    ok, d = claim_truth(c, ctx)
                    if not ok:
                        problems.append(f"shared claim false {c['quote']!r}: {d}")
            k = e["kind"]
            if k == "wrong_final_answer":
                if eval(it["answer"]) == ret:
                    problems.append("wrong_final_answer is actually right")
            elif k == "backward_wrong_input":
                try:
                    r2 = plain_eval(it["answer"], it["code"])
                except Exception as ex:
                    r2 = ex
                if r2 == ret:
                    problems.append("backward_wrong_input reproduces output")
            else:
                ec = [c for c in it["claims"] if c["quote"] == e["quote"]]
                if not ec:
                    problems.append("no claim for error quote")
                for c in ec:
                    ok, d = claim_truth(c, ctx)
                    if c["what"] == "value" and (c["variable"].endswith("[*]") or "[@" in c["variable"]):
                        if ok:
                            problems.append("error sequence is true")
                        if e.get("held_elsewhere"):
                            h = ctx[2].get(c["variable"].split("[")[0], [])
                            bad = [x for x in eval(c["value"]) if x not in h]
                            if bad:
                                problems.append(f"held_elsewhere sequence has never-held {bad}")
                    elif c["what"] == "value":
                        h = ctx[2].get(c["variable"], [])
                        sv = eval(c["value"])
                        if e.get("held_elsewhere"):
                            at = e.get("at")
                            if sv not in h:
                                problems.append("held_elsewhere value never held")
                            if at is None or h[at] == sv or h[at] != eval(e["actual"]):
                                problems.append(f"held_elsewhere point check failed: {h}")
                        elif ok:
                            problems.append(f"error claim true: {d}")
                    elif ok:
                        problems.append(f"error claim true: {d}")
                    if e.get("held_elsewhere") and c["what"] in ("arith", "call"):
                        seen = any(sv2 == eval(c["value"]) for vs in ctx[2].values() for sv2 in vs)
                        if not seen:
                            problems.append("held_elsewhere value not seen anywhere")
                if k == "wrong_intermediate_right_answer":
                    if it["direction"] == "forward" and eval(it["answer"]) != ret:
                        problems.append("answer should stay right")
            if it["direction"] == "forward" and k not in ("wrong_final_answer",) and not e.get("carried"):
                if eval(it["answer"]) != ret:
                    problems.append("non-final error changed the answer")
            if it["direction"] == "backward" and k != "backward_wrong_input" and not e.get("carried"):
                if plain_eval(it["answer"], it["code"]) != ret:
                    problems.append("non-answer error changed the backward answer")
        status = "PASS" if not problems else "FAIL"
        if problems:
            fails += 1
        out.append(f"{status} {it['id']} ({it['label']}, {it.get('error') and it['error']['kind']}, {len(it['claims'])} claims)" + "".join("\n    " + p for p in problems))
    out.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    print("\n".join(out))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
