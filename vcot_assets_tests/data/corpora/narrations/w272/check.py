"""Standalone checker for w272 narrations.

Runs each program with sys.settrace, records per-variable value histories (locals and
self.<attr> of every frame of the program), line hit counts and the return value, then checks:
  * `returned` matches real execution;
  * every claim of a faithful item is true (value: the variable takes that value at some point;
    count: the loop body line runs that many times; comparison/arith: the quoted expression
    evaluates to the stated value; return: equals the return value; call: the call returns the
    output);
  * forward answer == return value; backward answer call returns the output;
  * error copies: every claim other than the erroneous one is true, and the error is false at
    the point it is made (checks in error_checks.json: history index, iteration value, count,
    arith, answer), and for held_elsewhere errors the stated value is held somewhere else.
Usage: python3 check.py narrations.jsonl error_checks.json > check_report.txt
"""
import ast
import copy
import json
import sys

PROG = "<program>"


def run_traced(code, call):
    hist = {}      # name -> list of values (each change within a frame)
    lines = {}     # line number -> hit count
    last = {}      # id(frame) -> {name: value}
    before = {}    # line -> [snapshot of frame vars when line is about to run]
    after = {}     # line -> [snapshot of frame vars after line ran]
    pending = {}   # id(frame) -> line just executed

    def snap(frame):
        d = {}
        for k, v in frame.f_locals.items():
            if k == "self":
                for ak, av in vars(v).items():
                    d["self." + ak] = av
            elif not callable(v) and not isinstance(v, type):
                d[k] = v
        return d

    def record(frame):
        cur = last.setdefault(id(frame), {})
        for k, v in snap(frame).items():
            try:
                v2 = copy.deepcopy(v)
            except Exception:
                v2 = repr(v)
            if k not in cur or cur[k] != v2:
                cur[k] = v2
                hist.setdefault(k, []).append(v2)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != PROG:
            return None
        if event == "call":
            last[id(frame)] = {}
        record(frame)
        fid = id(frame)
        if fid in pending and event in ("line", "return"):
            after.setdefault(pending.pop(fid), []).append(copy.deepcopy(snap(frame)))
        if event == "line":
            before.setdefault(frame.f_lineno, []).append(copy.deepcopy(snap(frame)))
            pending[fid] = frame.f_lineno
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        if event == "return":
            last.pop(id(frame), None)
        return tracer

    g = {}
    exec(compile(code, PROG, "exec"), g)
    sys.settrace(tracer)
    try:
        ret = eval(compile(call, PROG, "eval"), g)
    finally:
        sys.settrace(None)
    hist["__before__"] = before
    hist["__after__"] = after
    return ret, hist, lines


def seq_at(hist, var, line, when):
    """Values of var at each execution of a line (before it runs, or after it ran)."""
    snaps = hist["__before__" if when == "before" else "__after__"].get(line, [])
    return [s[var] for s in snaps if var in s]


def parse_at(v):
    # "spilled@after line 19" or "b@before line 5" or "top@before line 5[8:12]"
    name, rest = v.split("@")
    sl = None
    if rest.endswith("]"):
        rest, sl = rest[:-1].split("[")
        a, b = sl.split(":")
        sl = slice(int(a) if a else None, int(b) if b else None)
    when, _, ln = rest.split()
    return name, when, int(ln), sl


def plain_eval(code, call):
    g = {}
    exec(compile(code, "<plain>", "exec"), g)
    return eval(call, g)


def lit(s):
    if not isinstance(s, str):
        return s
    try:
        return ast.literal_eval(s)
    except (ValueError, SyntaxError):
        return s


def check_claim(c, ret, hist, lines, code):
    w = c["what"]
    if w == "call":
        return plain_eval(code, c["value"]) == ret
    val = lit(c["value"])
    if w == "value":
        v = c["variable"]
        if v and "@" in v and not v.startswith("loop@"):
            name, when, ln, sl = parse_at(v)
            seq = seq_at(hist, name, ln, when)
            return (seq[sl] if sl else seq) == val
        return val in hist.get(v, [])
    if w == "count":
        ln = int(c["variable"].split("@line")[1])
        return lines.get(ln, 0) == val
    if w in ("comparison", "arith"):
        expr = c["quote"].strip("`")
        return eval(expr, {}) == val
    if w == "return":
        return ret == val
    if w == "call":
        return plain_eval(code, c["quote"]) == ret
    return False


def check_error(spec, item, ret, hist, lines):
    """Return (ok, msg): ok means the error really is false at its point."""
    t = spec["type"]
    stated = lit(spec["stated"])
    if t == "history_at":
        h = hist[spec["var"]]
        actual = h[spec["index"]]
        if "sub" in spec:
            actual = actual[spec["sub"]]
            h = [x[spec["sub"]] for x in h if x is not None and len(x) > spec["sub"]]
        ok = stated != actual and actual == lit(spec["actual"])
        if spec.get("held_elsewhere"):
            ok = ok and stated in h
        return ok, f"{spec['var']}[{spec['index']}]={actual!r} stated={stated!r}"
    if t == "never":
        h = hist.get(spec["var"], [])
        if "key" in spec:
            h = [x.get(spec["key"]) for x in h if isinstance(x, dict)]
        return stated not in h, f"{spec['var']} history={h!r}"
    if t == "at_line":
        seq = seq_at(hist, spec["var"], spec["line"], spec["when"])
        actual = seq[spec["index"]]
        if "sub" in spec:
            actual = actual[spec["sub"]]
        ok = stated != actual and actual == lit(spec["actual"])
        if spec.get("held_elsewhere"):
            allv = [x[spec["sub"]] if "sub" in spec else x for x in seq] + hist.get(spec["var"], [])
            ok = ok and stated in allv
        return ok, f"{spec['var']}@{spec['when']} {spec['line']}[{spec['index']}]={actual!r} stated={stated!r}"
    if t == "count":
        ln = int(spec["var"].split("@line")[1])
        n = lines.get(ln, 0)
        ok = n != stated and n == lit(spec["actual"])
        return ok, f"line {ln} ran {n}, stated {stated}"
    if t == "arith":
        v = eval(spec["expr"], {})
        ok = v != stated and v == lit(spec["actual"])
        if spec.get("held_var"):
            ok = ok and stated in hist.get(spec["held_var"], [])
        return ok, f"{spec['expr']}={v!r}"
    if t == "comparison":
        v = eval(spec["expr"], {})
        return v != stated, f"{spec['expr']} is {v!r}"
    if t == "answer":
        if item["direction"] == "forward":
            return lit(item["answer"]) != ret, f"answer {item['answer']} vs {ret!r}"
        got = plain_eval(item["code"], item["answer"])
        return got != ret, f"answer call gives {got!r}, output {ret!r}"
    if t == "multi":
        res = [check_error(s, item, ret, hist, lines) for s in spec["checks"]]
        return all(r[0] for r in res), "; ".join(r[1] for r in res)
    return False, "unknown spec"


def main():
    items = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
    specs = json.load(open(sys.argv[2]))
    fails = 0
    for it in items:
        probs = []
        ret, hist, lines = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append(f"returned mismatch {ret!r} vs {it['returned']}")
        r = it["rationale"]
        last_line = r.strip().splitlines()[-1]
        if it["answer"] not in last_line:
            probs.append("answer not on last line")
        err_quote = it["error"]["quote"] if it["error"] else None
        for c in it["claims"]:
            if c["quote"] not in r:
                probs.append(f"claim quote not in rationale: {c['quote']!r}")
                continue
            if it["label"] == "error" and (c["quote"] == err_quote or c["quote"] in err_quote or err_quote in c["quote"]):
                continue
            try:
                ok = check_claim(c, ret, hist, lines, it["code"])
            except Exception as e:  # noqa
                ok = False
            if not ok:
                probs.append(f"false claim: {c}")
        if it["label"] == "faithful":
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret:
                    probs.append("forward answer wrong")
            else:
                if plain_eval(it["code"], it["answer"]) != ret:
                    probs.append("backward answer does not reproduce output")
        else:
            if err_quote not in r:
                probs.append("error quote not in rationale")
            spec = specs.get(it["id"])
            if spec is None:
                probs.append("no error spec")
            else:
                ok, msg = check_error(spec, it, ret, hist, lines)
                confirmed = msg
                if not ok:
                    probs.append("error not confirmed false: " + msg)
            if it["error"]["kind"] != "wrong_final_answer" and it["error"]["kind"] != "backward_wrong_input":
                # answer must still be right
                if it["direction"] == "forward" and lit(it["answer"]) != ret:
                    probs.append("answer changed for non-answer error")
                if it["direction"] == "backward" and plain_eval(it["code"], it["answer"]) != ret:
                    probs.append("answer changed for non-answer error")
        status = "PASS" if not probs else "FAIL"
        if probs:
            fails += 1
        print(f"{status} {it['id']} ({it['label']}, {it['direction']}, {it['style']}, "
              f"{it['error']['kind'] if it['error'] else '-'}) claims={len(it['claims'])}")
        for p in probs:
            print("   ", p)
        if it["label"] == "error" and not probs:
            print("    error confirmed false at its point:", confirmed)
    print(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")


if __name__ == "__main__":
    main()
