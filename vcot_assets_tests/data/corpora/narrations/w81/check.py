"""Standalone checker for w81 narrations: re-executes every program with sys.settrace,
records per-variable value histories (including self.<attr>) and per-line hit counts,
and checks claims, answers and injected errors. Usage: python3 check.py [--dump PROGRAM_ID]"""
import ast, copy, json, sys, collections

HERE = __file__.rsplit("/", 1)[0] if "/" in __file__ else "."


def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)


def run(code, call):
    ns = {"__name__": "program"}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = collections.defaultdict(list)   # name -> list of values (change points)
    last = {}                              # (frame number, name) -> last value
    fnum = {}                              # frame object -> unique number (ids can be reused)
    hits = collections.Counter()           # line number -> times executed

    def record(frame):
        for k, v in frame.f_locals.items():
            items = [(k, v)]
            if k == "self" and hasattr(v, "__dict__"):
                items += [("self." + a, b) for a, b in vars(v).items()]
            for name, val in items:
                if name == "self":
                    continue
                key = (fnum.setdefault(frame, len(fnum)), name)
                s = snap(val)
                if key not in last or last[key] != s:
                    last[key] = s
                    # a change point; a new frame starting with the value just seen is not a change
                    if not hist[name] or hist[name][-1] != s:
                        hist[name].append(s)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "call":
            record(frame)
        elif event == "line":
            record(frame)
            hits[frame.f_lineno] += 1
        elif event == "return":
            record(frame)
        return tracer

    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return result, dict(hist), hits, ns


def plain(call, code):
    ns = {"__name__": "program"}
    exec(compile(code, "<prog>", "exec"), ns)
    return eval(call, ns)


def lit(s):
    return ast.literal_eval(s)


def check_item(it, cache, errs):
    pid = it["program_id"]
    if pid not in cache:
        cache[pid] = run(it["code"], it["call"])
    result, hist, hits, ns = cache[pid]
    iid = it["id"]

    def bad(msg):
        errs.append(f"{iid}: {msg}")

    if repr(result) != it["returned"]:
        bad(f"returned {it['returned']} but execution gives {result!r}")
    for q in [c["quote"] for c in it["claims"]] + ([it["error"]["quote"]] if it["error"] else []):
        if q not in it["rationale"]:
            bad(f"quote not in rationale: {q!r}")
    last_line = it["rationale"].rstrip().splitlines()[-1]
    if not last_line.startswith("Answer:") or last_line[len("Answer:"):].strip() != it["answer"]:
        bad(f"answer field does not match last line: {last_line!r}")
    err = it["error"]
    errkind = err["kind"] if err else None

    # claims
    for c in it["claims"]:
        ok = claim_true(c, result, hist, hits)
        is_err_claim = err is not None and (c.get("is_error") or c["quote"] == err["quote"])
        if c.get("carried"):
            if ok:
                bad(f"carried claim is actually true: {c}")
        elif is_err_claim:
            if ok:
                bad(f"error claim is actually true: {c}")
        elif not ok:
            bad(f"claim false: {c}")

    # answer
    if it["direction"] == "forward":
        ans_ok = lit(it["answer"]) == result
    else:
        try:
            ans_ok = plain(it["answer"], it["code"]) == result
        except Exception as e:
            ans_ok = False
        if not it["answer"].startswith(it["function"] + "("):
            bad("backward answer does not call the function")
    if errkind in ("wrong_final_answer", "backward_wrong_input"):
        if ans_ok:
            bad("answer error but answer is correct")
    elif not ans_ok and not (err and err.get("carried") and errkind != "wrong_intermediate_right_answer"):
        bad(f"answer wrong: {it['answer']}")

    if err is None:
        return
    if not any(c.get("is_error") or c["quote"] == err["quote"] for c in it["claims"]) \
            and errkind not in ("wrong_final_answer", "backward_wrong_input"):
        bad("no claim carries the error")
    # error-specific checks: confirm the error is false at that point
    for vc in err.get("var_checks", []):
        h = history(hist, vc["variable"])
        at = vc["at"]
        stated = lit(vc["stated"])
        if at >= len(h):
            bad(f"var_check index out of range {vc}")
            continue
        if h[at] == stated:
            bad(f"stated value equals real value at that point: {vc}")
        if "actual" in vc and lit(vc["actual"]) != h[at]:
            bad(f"var_check actual mismatch {vc} real {h[at]!r}")
    if err.get("held_elsewhere"):
        stated = lit(err["stated"])
        pool = [v for name, h in hist.items() for v in h]
        pool += [x for name, h in hist.items() for d in h if isinstance(d, dict) for x in d.values()]
        if stated not in pool:
            bad("held_elsewhere but stated value never held")
    if errkind == "impossible_state":
        v = err["variable"]
        if lit(err["stated"]) in history(hist, v):
            bad("impossible_state value is actually held")
    if errkind == "wrong_arithmetic":
        if eval(err["expr"]) == lit(err["stated"]):
            bad("wrong_arithmetic is right")
        if eval(err["expr"]) != lit(err["actual"]):
            bad("wrong_arithmetic actual mismatch")
    if errkind == "off_by_one_loop_count":
        real = hits[err["line"]]
        if abs(lit(err["stated"]) - real) != 1 or lit(err["actual"]) != real:
            bad(f"loop count error not off by one (real {real})")
    if errkind == "branch_not_taken":
        if "expr" in err:
            if eval(err["expr"]) == lit(err["stated"]):
                bad("branch claim actually true")
        if "line" in err:
            taken = hits[err["line"]] > 0
            if taken == lit(err["stated"]):
                bad("branch line claim actually true")
    if errkind == "wrong_intermediate_right_answer" and not ans_ok:
        bad("wrong_intermediate_right_answer but answer wrong")
    if errkind in ("wrong_intermediate_right_answer", "wrong_loop_summary_value", "swapped_variables") \
            and not err.get("var_checks"):
        bad("missing var_checks")
    if errkind == "swapped_variables" and len(err["var_checks"]) != 2:
        bad("swapped needs two var_checks")


def history(hist, name):
    """History of a variable, or of one entry of a dict variable written as name[key]."""
    if name.endswith("]") and "[" in name:
        base, key = name[:-1].split("[", 1)
        key = ast.literal_eval(key)
        out = []
        for d in hist.get(base, []):
            if isinstance(d, dict) and key in d and (not out or out[-1] != d[key]):
                out.append(d[key])
        return out
    return hist.get(name, [])


def claim_true(c, result, hist, hits):
    w = c["what"]
    val = lit(c["value"])
    if w == "value":
        h = history(hist, c["variable"])
        if "at" in c:
            return c["at"] < len(h) and h[c["at"]] == val
        if c.get("subseq"):
            # values listed in order, each a change point of the variable (other points skipped)
            pos = 0
            for x in val:
                while pos < len(h) and h[pos] != x:
                    pos += 1
                if pos == len(h):
                    return False
                pos += 1
            return True
        if c.get("seq"):
            # a summarised sequence: consecutive repeats collapse, must appear contiguously in history
            col = [x for i, x in enumerate(val) if i == 0 or val[i - 1] != x]
            return any(h[i:i + len(col)] == col for i in range(len(h) - len(col) + 1))
        return val in h
    if w == "count":
        return hits[c["line"]] == val
    if w in ("arith", "comparison", "call"):
        return eval(c["expr"]) == val
    if w == "return":
        return result == val
    raise ValueError(w)


def main():
    items = [json.loads(l) for l in open(f"{HERE}/narrations.jsonl") if l.strip()]
    if len(sys.argv) > 2 and sys.argv[1] == "--dump":
        progs = {json.loads(l)["id"]: json.loads(l) for l in open(f"{HERE}/programs.jsonl")}
        p = progs[sys.argv[2]]
        result, hist, hits, _ = run(p["code"], p["call"])
        print("result", repr(result))
        for k, v in hist.items():
            print(k, v)
        print("hits", dict(sorted(hits.items())))
        return
    cache, errs = {}, []
    ids = collections.Counter(i["id"] for i in items)
    for k, n in ids.items():
        if n > 1:
            errs.append(f"duplicate id {k}")
    for it in items:
        check_item(it, cache, errs)
    styles = collections.Counter(i["style"] for i in items if i["label"] == "faithful")
    fams = collections.Counter(i["family"] for i in items if i["label"] == "faithful")
    kinds = collections.Counter(i["error"]["kind"] for i in items if i["error"])
    lines = [f"items: {len(items)} (faithful {sum(1 for i in items if i['label']=='faithful')}, "
             f"error {sum(1 for i in items if i['label']=='error')})",
             f"programs: {len(cache)}", f"styles (faithful): {dict(styles)}",
             f"families (faithful): {dict(fams)}", f"error kinds: {dict(kinds)}",
             f"claims checked: {sum(len(i['claims']) for i in items)}"]
    lines += ["FAIL " + e for e in errs] or ["ALL CHECKS PASS"]
    out = "\n".join(lines)
    print(out)
    open(f"{HERE}/check_report.txt", "w").write(out + "\n")
    sys.exit(1 if errs else 0)


if __name__ == "__main__":
    main()
