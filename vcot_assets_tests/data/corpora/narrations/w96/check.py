"""Standalone checker for w96 narrations (stdlib only).

Runs each program's call under sys.settrace, records per-variable value histories
(locals of every frame, plus attributes of `self` as `self.attr`) and line hit counts,
then checks every item in narrations.jsonl:
  * `returned` matches the real return value;
  * faithful items: every claim is true (value claims: the variable takes that value at
    some point; count: the loop body line ran that many times; comparison/arith: the
    expression in `expr` evaluates to `value`; return: equals the return value);
    forward answers equal the return value, backward answer calls really return it;
  * error items: the error is really false at its point (see `error.check`), every other
    claim stays true, the rest of the text equals the faithful text apart from the error.
"""
import ast, copy, json, sys

HERE = __file__.rsplit("/", 1)[0] if "/" in __file__ else "."


def run_traced(code, call):
    hist, lines, last = {}, {}, {}

    def snap(frame):
        if frame.f_code.co_filename != "<prog>":
            return
        items = dict(frame.f_locals)
        s = items.get("self")
        if s is not None and hasattr(s, "__dict__"):
            for k, v in vars(s).items():
                items["self." + k] = v
        fid = id(frame)
        for k, v in items.items():
            if k == "self":
                continue
            try:
                v = copy.deepcopy(v)
            except Exception:
                pass
            key = (fid, k)
            if key not in last or last[key] != v:
                last[key] = v
                hist.setdefault(k, []).append(v)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event in ("line", "return"):
            snap(frame)
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        return tracer

    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    sys.settrace(tracer)
    try:
        result = eval(call, g)
    finally:
        sys.settrace(None)
    return result, hist, lines


def plain_eval(code, call):
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)


def lit(s):
    return ast.literal_eval(s)


def claim_ok(c, result, hist, lines):
    w = c["what"]
    val = lit(c["value"])
    if w == "value":
        v = c["variable"]
        if v is None:
            return any(val in h for h in hist.values()) or val == result
        return val in hist.get(v, [])
    if w == "count":
        line = int(c["variable"].split("@line")[1]) if "@line" in c["variable"] else int(c["line"])
        # "adjust" lets a claim count a loop by its header line (hits - 1 for a loop entered once)
        return lines.get(line, 0) + c.get("adjust", 0) == val
    if w in ("comparison", "arith"):
        return eval(c["expr"]) == val
    if w == "return":
        return val == result
    if w == "call":
        return True
    raise ValueError(w)


def error_false(item, result, hist, lines, code):
    e = item["error"]
    ch = e["check"]
    stated = lit(e["stated"]) if ch["type"] not in ("answer_call",) else e["stated"]
    t = ch["type"]
    if t == "history":  # variable's k-th value (change history) is the truth at that point
        actual = hist[ch["var"]][ch["index"]]
        ok = stated != actual and repr(actual) == repr(lit(e["actual"]))
        if e.get("held_elsewhere"):  # false at this point, but held by the variable (or another) elsewhere
            ok = ok and (stated in hist[ch["var"]] or any(stated in h for h in hist.values()))
        return ok, f"{ch['var']}[{ch['index']}]={actual!r} stated={stated!r}"
    if t == "never":  # the value is never held by the variable
        ok = stated not in hist.get(ch["var"], [])
        return ok, f"{ch['var']} never {stated!r}"
    if t == "count":
        actual = lines.get(ch["line"], 0)
        return stated != actual and actual == lit(e["actual"]), f"line {ch['line']} ran {actual}"
    if t in ("expr", "arith", "comparison"):
        actual = eval(ch["expr"])
        ok = stated != actual and actual == lit(e["actual"])
        if e.get("held_elsewhere"):  # the wrong result is a value some variable holds elsewhere in the run
            ok = ok and any(stated in h for h in hist.values())
        return ok, f"{ch['expr']} -> {actual!r}"
    if t == "answer":
        return stated != result, f"returned {result!r}"
    if t == "answer_call":
        try:
            got = plain_eval(code, item["answer"])
        except Exception as ex:
            got = ex
        return got != result, f"{item['answer']} -> {got!r}"
    raise ValueError(t)


def main():
    progs = {}
    for l in open(f"{HERE}/programs.jsonl"):
        if l.strip():
            d = json.loads(l)
            progs[d["id"]] = d
    items = [json.loads(l) for l in open(f"{HERE}/narrations.jsonl") if l.strip()]
    byid = {it["id"]: it for it in items}
    fails, out = 0, []
    for it in items:
        probs = []
        code, call = it["code"], it["call"]
        p = progs.get(it["program_id"])
        if p is None or p["code"] != code or p["call"] != call:
            probs.append("program mismatch")
        result, hist, lines = run_traced(code, call)
        if repr(result) != it["returned"]:
            probs.append(f"returned {result!r} != {it['returned']}")
        ev = p.get("events") if p else None
        if ev is not None and it["trace_events"] != (len(ev) if isinstance(ev, list) else ev):
            probs.append("trace_events mismatch")
        r = it["rationale"]
        last = r.rstrip().splitlines()[-1]
        if not last.startswith("Answer:") and not last.startswith("Predicted Output:"):
            probs.append("no Answer line")
        elif last.split(":", 1)[1].strip() != it["answer"]:
            probs.append("answer field != Answer line")
        for c in it["claims"]:
            if c["quote"] not in r:
                probs.append(f"quote not in rationale: {c['quote']!r}")
        err = it.get("error")
        for c in it["claims"]:
            if err and c["quote"] == err["quote"]:
                continue
            if err and err.get("carried") and c.get("carried"):
                continue
            if not claim_ok(c, result, hist, lines):
                probs.append(f"claim false: {c}")
        if it["direction"] == "forward":
            ans_true = lit(it["answer"]) == result
        else:
            try:
                ans_true = plain_eval(code, it["answer"]) == result
            except Exception:
                ans_true = False
        if it["label"] == "faithful":
            if not ans_true:
                probs.append("faithful answer wrong")
        else:
            if err["quote"] not in r:
                probs.append("error quote missing")
            ok, why = error_false(it, result, hist, lines, code)
            if not ok:
                probs.append(f"error not false: {why}")
            if err["kind"] in ("wrong_final_answer", "backward_wrong_input"):
                if ans_true:
                    probs.append("wrong answer actually right")
            elif not ans_true:
                probs.append("answer should stay right")
            f = byid[it["faithful_id"]]
            if not err.get("carried"):
                # a single edited span: texts must agree outside it (the span must touch the quote)
                fr = f["rationale"]
                p0 = 0
                while p0 < min(len(r), len(fr)) and r[p0] == fr[p0]:
                    p0 += 1
                s0 = 0
                while s0 < min(len(r), len(fr)) - p0 and r[-1 - s0] == fr[-1 - s0]:
                    s0 += 1
                qi = r.find(err["quote"])
                span = (p0, len(r) - s0)
                if r == fr or not (span[0] <= qi + len(err["quote"]) and span[1] >= qi) \
                        or span[1] - span[0] > len(err["quote"]) + 40:
                    probs.append("text differs from faithful outside error span")
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        out.append(f"{status} {it['id']} [{it['style']}/{it['family']}/{it['label']}"
                   + (f"/{err['kind']}" if err else "") + "]"
                   + ("" if not probs else "\n    " + "\n    ".join(probs)))
    out.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    text = "\n".join(out)
    open(f"{HERE}/check_report.txt", "w").write(text + "\n")
    print(text)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
