"""Standalone checker for w426 narrations: re-executes each program with sys.settrace,
records per-variable value histories and per-line hit counts, and checks claims/errors."""
import ast, copy, json, sys

def run(code, call):
    g = {"__name__": "program"}
    exec(compile(code, "<prog>", "exec"), g)
    hist, hits, snaps = {}, {}, {}
    def locals_of(frame):
        out = {}
        for k, v in frame.f_locals.items():
            out[k] = v
            if hasattr(v, "__dict__") and not callable(v):
                for a, av in vars(v).items():
                    out[f"{k}.{a}"] = av
        try:
            return copy.deepcopy(out)
        except Exception:
            return dict(out)
    def snap(frame):
        for k, v in frame.f_locals.items():
            items = [(k, v)]
            if hasattr(v, "__dict__") and not callable(v):
                items += [(f"{k}.{a}", av) for a, av in vars(v).items()]
            for name, val in items:
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    continue
                h = hist.setdefault(name, [])
                if not h or h[-1] != val or type(h[-1]) != type(val):
                    h.append(val)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
            snaps[(frame.f_lineno, hits[frame.f_lineno])] = locals_of(frame)
        if event in ("line", "return"):
            snap(frame)
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, hits, g, snaps

def lit(s):
    return ast.literal_eval(s)

def actual_of(spec, hist, hits, snaps):
    t = spec["type"]
    if t == "at_line_hit":
        # value of the variable when line `line` starts executing for the `hit`-th time
        v = snaps[(spec["line"], spec["hit"])][spec["variable"]]
        return v[spec["key"]] if "key" in spec else v
    if t == "value_at":
        return hist[spec["variable"]][spec["at"]]
    if t == "count":
        return hits.get(spec["line"], 0) - spec.get("minus", 0)
    if t in ("arith", "comparison"):
        return eval(spec["expr"], {})
    raise ValueError(t)

def check_item(it, problems):
    iid = it["id"]
    def bad(msg):
        problems.append(f"{iid}: {msg}")
    ret, hist, hits, g, snaps = run(it["code"], it["call"])
    if repr(ret) != it["returned"]:
        bad(f"returned {ret!r} != {it['returned']}")
    text = it["rationale"]
    lastline = text.strip().splitlines()[-1]
    if not lastline.startswith("Answer:") or lastline[len("Answer:"):].strip() != it["answer"]:
        bad(f"answer field does not match last line: {lastline!r}")
    for c in it["claims"]:
        if c["quote"] not in text:
            bad(f"claim quote not in rationale: {c['quote']!r}")
    err = it["error"]
    wrong_quote = err["quote"] if err else None
    if err and err["quote"] not in text:
        bad("error quote not in rationale")
    # claims
    for c in it["claims"]:
        is_err_claim = err is not None and c["quote"] == wrong_quote
        if is_err_claim:
            continue
        if c["what"] == "call":
            if eval(c["value"], g) != ret:
                bad(f"call claim false: {c}")
            continue
        val = lit(c["value"])
        ok = True
        w = c["what"]
        if w == "value":
            h = hist.get(c["variable"], [])
            if "line" in c:
                got = snaps.get((c["line"], c["hit"]), {}).get(c["variable"], object())
                if "key" in c:
                    got = got[c["key"]] if isinstance(got, (dict, list, tuple)) and (c["key"] in got if isinstance(got, dict) else True) else object()
                ok = got == val
            elif "at" in c:
                ok = len(h) > c["at"] and h[c["at"]] == val
            else:
                ok = val in h
        elif w == "count":
            ok = hits.get(c["line"], 0) - c.get("minus", 0) == val
        elif w in ("arith", "comparison"):
            ok = eval(c["expr"], {}) == val
        elif w == "return":
            ok = ret == val
        elif w == "call":
            ok = eval(c["value"] if False else c["expr"], g) == ret
        if is_err_claim:
            continue
        if not ok:
            bad(f"claim false: {c}")
    # answer
    if it["direction"] == "forward":
        ans_ok = lit(it["answer"]) == ret
    else:
        ans_ok = eval(it["answer"], g) == lit(it["returned"])
    if it["label"] == "faithful":
        if not ans_ok:
            bad("faithful answer wrong")
        return
    kind = err["kind"]
    if kind in ("wrong_final_answer", "backward_wrong_input"):
        if ans_ok:
            bad("error answer is actually right")
        if kind == "wrong_final_answer" and it["direction"] != "forward":
            bad("wrong_final_answer on backward")
        if kind == "backward_wrong_input" and it["direction"] != "backward":
            bad("backward_wrong_input on forward")
        return
    if not ans_ok and not err.get("carried"):
        bad("error copy answer wrong but not a final-answer error")
    spec = err["check"]
    act = actual_of(spec, hist, hits, snaps)
    stated = lit(err["stated_literal"]) if "stated_literal" in err else lit(err["stated"])
    if act == stated:
        bad(f"error not false at that point: stated {stated!r} actual {act!r}")
    if repr(act) != repr(lit(err["actual"])) and act != lit(err["actual"]):
        bad(f"error 'actual' {err['actual']} != execution {act!r}")
    if err.get("held_elsewhere"):
        if spec["type"] == "value_at":
            if stated not in hist.get(spec["variable"], []) and not any(stated in h for h in hist.values()):
                bad("held_elsewhere but stated value never held")
        elif not any(stated in h for h in hist.values() if isinstance(h, list)):
            bad("held_elsewhere but stated value never held by any variable")

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    problems = []
    lines = []
    ids = set()
    for it in items:
        if it["id"] in ids:
            problems.append(f"duplicate id {it['id']}")
        ids.add(it["id"])
        before = len(problems)
        try:
            check_item(it, problems)
        except Exception as e:
            problems.append(f"{it['id']}: exception {e!r}")
        status = "OK  " if len(problems) == before else "FAIL"
        extra = "" if it["error"] is None else f" error={it['error']['kind']}"
        lines.append(f"{status} {it['id']}  claims={len(it['claims'])}{extra}")
    nf = sum(it["label"] == "faithful" for it in items)
    print(f"items: {len(items)}  faithful: {nf}  errors: {len(items) - nf}")
    print(f"programs: {len({it['program_id'] for it in items})}")
    for ln in lines:
        print(ln)
    for p in problems:
        print("FAIL", p)
    print("ALL PASS" if not problems else f"{len(problems)} problems")
    return 1 if problems else 0

if __name__ == "__main__":
    sys.exit(main())
