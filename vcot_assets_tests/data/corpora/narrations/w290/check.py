#!/usr/bin/env python3
"""Standalone checker for w290 narrations: re-executes every program with sys.settrace,
records per-variable value histories (locals and self.<attr>), per-frame line counts, and
checks every claim / answer / error annotation against that real execution."""
import ast, copy, json, sys

HERE = "/work/corpus/narrations/w290"
FNAME = "<w290-prog>"


def run_traced(code, call):
    ns = {}
    exec(compile(code, FNAME, "exec"), ns)
    hist = {}          # name -> list of distinct consecutive values
    frames = []        # list of (code object, {line: count})
    linevals = {}      # line -> list of locals snapshots taken when that line is about to run
    fcounts = {}

    def note(name, val):
        try:
            val = copy.deepcopy(val)
        except Exception:
            return
        h = hist.setdefault(name, [])
        if not h or h[-1] != val or type(h[-1]) is not type(val):
            h.append(val)

    def snap(frame):
        for k, v in list(frame.f_locals.items()):
            if k == "self":
                for a, av in vars(v).items():
                    note("self." + a, av)
            else:
                note(k, v)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FNAME:
            return None
        if event == "call":
            d = {}
            frames.append((frame.f_code, d))
            fcounts[id(frame)] = d
            snap(frame)
        elif event == "line":
            snap(frame)
            try:
                linevals.setdefault(frame.f_lineno, []).append(copy.deepcopy({k: v for k, v in frame.f_locals.items() if k != "self"}))
            except Exception:
                pass
            d = fcounts[id(frame)]
            d[frame.f_lineno] = d.get(frame.f_lineno, 0) + 1
        elif event == "return":
            snap(frame)
        return tracer

    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return result, hist, (frames, linevals)


def plain_call(code, call):
    ns = {}
    exec(compile(code, FNAME, "exec"), ns)
    return eval(call, ns)


def line_count(frames, line, nth=None):
    fs = [(c, d) for c, d in frames if line in {l for _, _, l in c.co_lines()}]
    if nth is not None:
        return fs[nth - 1][1].get(line, 0)
    return sum(d.get(line, 0) for _, d in fs)


def claim_ok(c, item, result, hist, frames, linevals):
    """Return (ok, detail) for one claim against the real execution."""
    what, val = c["what"], c["value"]
    if what == "call":
        try:
            got = plain_call(item["code"], val)
        except Exception as e:
            return False, f"call raised {e!r}"
        return got == result, f"{val} -> {got!r}"
    v = ast.literal_eval(val)
    if what == "return":
        return v == result, f"return {result!r}"
    if what in ("arith", "comparison"):
        got = eval(c["expr"], {})
        return got == v, f"{c['expr']} = {got!r}"
    if what == "count":
        line = c.get("line")
        if line is None:
            line = int(c["variable"].split("@line")[1].split()[0])
        got = line_count(frames, line, c.get("nth_call"))
        if c.get("header"):
            # a loop header runs once more than the loop body (the final, failing test)
            got -= 1
            return got == v, f"loop header at line {line}: {got} iterations"
        return got == v, f"line {line} ran {got} times"
    if what == "value":
        h = hist.get(c["variable"])
        if h is None:
            return False, f"no variable {c['variable']}"
        if "at_line" in c:
            # values of the variable each time line at_line is reached, after the first time
            got = [d.get(c["variable"]) for d in linevals.get(c["at_line"], [])][1:1 + len(v)]
            return got == v, f"at line {c['at_line']}: {got}"
        if "span_from" in c:
            # consecutive values of the history starting at index span_from
            got = h[c["span_from"]:c["span_from"] + len(v)]
            return got == v, f"{c['variable']} history from {c['span_from']}: {got}"
        if c.get("seq"):
            return (h == v or h[1:] == v), f"history {h}"
        if "at" in c:
            ok = c["at"] < len(h) and h[c["at"]] == v
            return ok, f"{c['variable']}[{c['at']}] = {h[c['at']] if c['at'] < len(h) else None!r}"
        return v in h, f"history {h}"
    return False, "unknown claim kind"


def main():
    items = [json.loads(l) for l in open(f"{HERE}/narrations.jsonl") if l.strip()]
    progs = {json.loads(l)["id"]: json.loads(l) for l in open(f"{HERE}/programs.jsonl") if l.strip()}
    fails, lines = 0, []
    for it in items:
        errs = []
        p = progs[it["program_id"]]
        if p["code"] != it["code"] or p["call"] != it["call"]:
            errs.append("code/call differ from programs.jsonl")
        if len(p["events"]) != it["trace_events"]:
            errs.append("trace_events mismatch")
        result, hist, (frames, linevals) = run_traced(it["code"], it["call"])
        if repr(result) != it["returned"]:
            errs.append(f"returned {result!r} != {it['returned']}")
        last = it["rationale"].rstrip().splitlines()[-1]
        if last.strip() != "Answer: " + it["answer"]:
            errs.append(f"last line {last!r} does not carry answer")
        # answer check
        if it["direction"] == "forward":
            ans_ok = ast.literal_eval(it["answer"]) == result
        else:
            try:
                ans_ok = plain_call(it["code"], it["answer"]) == result
            except Exception:
                ans_ok = False
            if not it["answer"].split("(")[0].endswith(it["function"]) and it["function"] not in it["answer"]:
                errs.append("answer does not call the function")
        err = it["error"]
        answer_error = err is not None and err["kind"] in ("wrong_final_answer", "backward_wrong_input")
        if answer_error:
            if ans_ok:
                errs.append("answer-error copy but answer is right")
        elif not ans_ok:
            errs.append(f"answer {it['answer']} wrong")
        for ci, c in enumerate(it["claims"]):
            if c["quote"] not in it["rationale"]:
                errs.append(f"quote not in rationale: {c['quote']!r}")
                continue
            ok, det = claim_ok(c, it, result, hist, frames, linevals)
            # the error's own claim is the last one of an error copy
            is_err_claim = err is not None and ci == len(it["claims"]) - 1
            if is_err_claim:
                if ok:
                    errs.append(f"error claim is actually TRUE: {c['quote']!r} ({det})")
                if err.get("held_elsewhere"):
                    v = ast.literal_eval(c["value"])
                    if c["what"] == "value" and isinstance(v, list) and ("at_line" in c or c.get("seq")):
                        if any(x not in hist.get(c["variable"], []) for x in v):
                            errs.append("held_elsewhere but a listed value is never held")
                    elif c["what"] == "value" or (c["what"] == "arith" and c.get("variable")):
                        if v not in hist.get(c["variable"], []):
                            errs.append(f"held_elsewhere but {v!r} never held by {c['variable']}")
                    elif c["what"] == "count":
                        pass
            elif not ok:
                errs.append(f"claim false: {c['quote']!r} ({det})")
        if err is not None:
            if err["quote"] not in it["rationale"]:
                errs.append("error quote not in rationale")
            if not any((c["quote"] in err["quote"] or err["quote"] in c["quote"]) for c in it["claims"]):
                errs.append("no claim annotates the error")
            if it["faithful_id"] not in {x["id"] for x in items}:
                errs.append("faithful_id missing")
        status = "PASS" if not errs else "FAIL"
        fails += bool(errs)
        lines.append(f"{status} {it['id']} ({it['label']}{'/' + err['kind'] if err else ''}, {len(it['claims'])} claims)")
        for e in errs:
            lines.append("    " + e)
    lines.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    out = "\n".join(lines)
    print(out)
    open(f"{HERE}/check_report.txt", "w").write(out + "\n")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
