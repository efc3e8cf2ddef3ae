#!/usr/bin/env python3
"""Standalone checker for w287 narrations (no tool code used).

Per item: re-runs the call under sys.settrace, recording each variable's value history
(per name, across frames of the program; attributes of `self` recorded as `self.attr`) and
the number of times each line executes. Then checks:
  * `returned` matches repr of the real return value;
  * every claim quote is a substring of the rationale;
  * value claims: the variable really takes the value (at history index `index` if given,
    a position in the variable's change history; `iter` + `line` pins it to the value the
    variable has when line `line` runs for the iter-th time);
  * count claims: line `line` really executes that many times (less `minus` exits of a loop header);
  * comparison / arith claims: `expr` evaluates to the stated value;
  * return claims equal the real return; call claims evaluate to the output;
  * forward answer == return value; backward answer call really returns the output;
  * error copies: the claim marked "wrong": true is really false at that point, and all other
    claims are true; held_elsewhere copies: the wrong value is held by the program somewhere else;
    wrong_final_answer / backward_wrong_input: the answer really is wrong.
"""
import ast, copy, json, sys

PROG = "<w287-prog>"


def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)


def run_traced(code, call):
    ns = {}
    exec(compile(code, PROG, "exec"), ns)
    hist = {}          # name -> its successive distinct values (all frames, consecutive repeats merged)
    linecount = {}
    at_line = {}       # (line, k) -> snapshot of locals when line runs k-th time (1-based)

    def record(frame):
        loc = dict(frame.f_locals)
        items = []
        for k, v in loc.items():
            if k == "self":
                for a, av in getattr(v, "__dict__", {}).items():
                    items.append(("self." + a, av))
            else:
                items.append((k, v))
        out = {}
        for k, v in items:
            s = snap(v)
            out[k] = s
            h = hist.setdefault(k, [])
            if not h or h[-1] != s or type(h[-1]) != type(s):
                h.append(s)
        return out

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != PROG:
            return tracer
        if event == "line":
            state = record(frame)
            n = frame.f_lineno
            linecount[n] = linecount.get(n, 0) + 1
            at_line[(n, linecount[n])] = state
        elif event in ("return", "call"):
            record(frame)
        return tracer

    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return result, hist, linecount, at_line, ns


def plain_eval(code, call):
    ns = {}
    exec(compile(code, PROG, "exec"), ns)
    return eval(call, ns)


def lit(s):
    return ast.literal_eval(s)


def eq(a, b):
    return type(a) == type(b) and a == b or (isinstance(a, (int, float)) and not isinstance(a, bool)
                                              and isinstance(b, (int, float)) and not isinstance(b, bool) and a == b)


def check_claim(c, item, run):
    """Return (ok, msg). ok True means the claim is true of the execution."""
    result, hist, linecount, at_line, ns = run
    what = c["what"]
    if what == "value":
        var = c["variable"]
        val = lit(c["value"])
        if "iter" in c:
            st = at_line.get((c["line"], c["iter"]))
            if st is None or var not in st:
                return False, f"no state for {var} at line {c['line']} iter {c['iter']}"
            return eq(st[var], val), f"{var} at line {c['line']}#{c['iter']} is {st[var]!r}, stated {val!r}"
        h = hist.get(var)
        if h is None:
            return False, f"variable {var} never seen"
        if "index" in c:
            idx = c["index"]
            if idx >= len(h) or idx < -len(h):
                return False, f"{var} history too short {h!r}"
            return eq(h[idx], val), f"{var}[{idx}] is {h[idx]!r}, stated {val!r}"
        return any(eq(x, val) for x in h), f"{var} history {h!r}, stated {val!r}"
    if what == "count":
        # for a loop header line, `minus` removes the final (exit) evaluations
        n = linecount.get(c["line"], 0) - c.get("minus", 0)
        return n == lit(c["value"]), f"line {c['line']} ran {n}, stated {c['value']}"
    if what in ("comparison", "arith"):
        v = eval(c["expr"], {})
        return eq(v, lit(c["value"])), f"{c['expr']} -> {v!r}, stated {c['value']}"
    if what == "return":
        v = lit(c["value"])
        return eq(v, result) or v == result, f"returned {result!r}, stated {v!r}"
    if what == "call":
        v = plain_eval(item["code"], c["value"])
        return v == result, f"{c['value']} -> {v!r}, output {result!r}"
    return False, f"unknown claim kind {what}"


def held_somewhere(val, hist):
    return any(eq(x, val) for h in hist.values() for x in h)


def main(path):
    items = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    by_id = {it["id"]: it for it in items}
    fails = 0
    lines = []
    for it in items:
        errs = []
        run = run_traced(it["code"], it["call"])
        result = run[0]
        if repr(result) != it["returned"]:
            errs.append(f"returned mismatch {result!r} vs {it['returned']}")
        rat = it["rationale"]
        last_line = rat.strip().splitlines()[-1]
        if it["answer"] not in last_line:
            errs.append("answer not in last line")
        wrong_claims = []
        for c in it["claims"]:
            if c["quote"] not in rat:
                errs.append(f"quote not in rationale: {c['quote']!r}")
                continue
            ok, msg = check_claim(c, it, run)
            if c.get("wrong"):
                wrong_claims.append(c)
                if ok:
                    errs.append(f"error claim is actually TRUE: {msg}")
                if it["error"].get("held_elsewhere") and c["what"] == "value":
                    if not held_somewhere(lit(c["value"]), run[1]):
                        errs.append("held_elsewhere but value not held anywhere")
                if c["what"] == "value" and it["error"]["kind"] == "impossible_state":
                    if any(eq(x, lit(c["value"])) for x in run[1].get(c["variable"], [])):
                        errs.append("impossible_state value is held by the variable")
            elif not ok:
                errs.append(f"claim false: {c['quote']!r}: {msg}")
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == result and repr(lit(it["answer"])) == repr(result)
        else:
            ans_ok = plain_eval(it["code"], it["answer"]) == result
            if not it["answer"].startswith(it["function"] + "("):
                errs.append("backward answer does not call the function")
        if it["label"] == "faithful":
            if it["error"] is not None or it["faithful_id"] is not None:
                errs.append("faithful item has error/faithful_id")
            if not ans_ok:
                errs.append(f"answer wrong: {it['answer']}")
        else:
            e = it["error"]
            if it["faithful_id"] not in by_id:
                errs.append("faithful_id missing")
            if e["quote"] not in rat:
                errs.append("error quote not in rationale")
            if e["kind"] in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    errs.append("answer should be wrong but is right")
            else:
                if not ans_ok:
                    errs.append("answer wrong in a copy whose error is elsewhere")
                if not wrong_claims:
                    errs.append("no wrong claim marked")
        status = "PASS" if not errs else "FAIL"
        if errs:
            fails += 1
        lines.append(f"{status} {it['id']} ({it['label']}, {it['direction']}, {it['style']}, "
                     f"{(it['error'] or {}).get('kind', '-')}) claims={len(it['claims'])}")
        for e in errs:
            lines.append("    " + e)
    lines.append(f"TOTAL {len(items)} items, {len(items) - fails} pass, {fails} fail")
    return fails, "\n".join(lines)


if __name__ == "__main__":
    p = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
    fails, rep = main(p)
    print(rep)
    sys.exit(1 if fails else 0)
