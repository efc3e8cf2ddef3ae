#!/usr/bin/env python3
"""Standalone checker for the w230 narration corpus.

For each item of narrations.jsonl it executes the program (plain exec + sys.settrace, no other
tooling), records every local variable's value history per function (consecutive duplicates
collapsed, plus `self.attr` snapshots for methods) and per-line hit counts, and then checks:
  * `returned` equals repr of the real return value;
  * every claim of a faithful item is true (value seen in the variable's history; count equals
    line hits of `loop@line N`; arith / comparison / call expressions evaluate to the value;
    return equals the return value);
  * forward answers equal the return value; backward answers, evaluated, return the output;
  * for error copies, the flagged error is really false at that point (history index, count,
    expression, or answer), and held_elsewhere values really occur elsewhere in the run.
Extra per-claim data (explicit expressions, history indices) lives in checkspec.json.
"""
import ast, copy, json, sys, os

HERE = os.path.dirname(os.path.abspath(__file__))

def safe_copy(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return v

PLAIN = (int, float, str, bool, list, dict, tuple, set, frozenset, type(None))

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = {}          # name -> list of values (consecutive dups collapsed)
    hits = {}          # line -> count
    def rec(name, val):
        if not isinstance(val, PLAIN):
            return
        h = hist.setdefault(name, [])
        if not h or h[-1] != val or type(h[-1]) != type(val):
            h.append(safe_copy(val))
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for ak, av in getattr(v, "__dict__", {}).items():
                    rec("self." + ak, av)
            else:
                rec(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event in ("line", "return", "call"):
            snap(frame)
        if event == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return result, hist, hits, ns

def plain_eval(call, code):
    ns = {}
    exec(compile(code, "<prog2>", "exec"), ns)
    return eval(call, ns)

def strip_expr(quote):
    q = quote.replace("`", "").strip()
    for sep in (" is ", " holds", " fails", " returns", ", ", " so "):
        if sep in q:
            q = q.split(sep)[0]
    if "=" in q and not any(op in q for op in ("==", "<=", ">=", "!=")):
        q = q.rsplit("=", 1)[0]
    return q.strip()

def check_claim(c, spec, run):
    """Return (is_true, detail)."""
    result, hist, hits, ns = run
    what = c["what"]
    val = ast.literal_eval(c["value"])
    var = c["variable"]
    if what == "value":
        h = hist.get(var)
        if h is None:
            return None, f"no history for {var}"
        idx = spec.get("h")
        if idx is not None:
            if idx >= len(h):
                return None, f"{var} history too short ({len(h)}) for index {idx}"
            return (h[idx] == val), f"{var}[{idx}]={h[idx]!r} vs {val!r}"
        return (val in h), f"{var} history {h!r} vs {val!r}"
    if what == "count":
        line = int(var.split("@line")[1]) if "@line" in var else spec.get("line")
        n = hits.get(line, 0)
        if spec.get("expr") == "hdr":   # header line of a for loop: last hit is the exit check
            n -= 1
        return (n == val), f"line {line} hits {n} vs {val!r}"
    if what in ("arith", "comparison", "call"):
        expr = spec.get("expr") or strip_expr(c["quote"])
        try:
            got = eval(expr, dict(ns))
        except Exception as e:
            return None, f"cannot eval {expr!r}: {e}"
        return (got == val and type(got) == type(val) if isinstance(val, bool) else got == val), f"{expr} -> {got!r} vs {val!r}"
    if what == "return":
        return (result == val), f"return {result!r} vs {val!r}"
    return None, f"unknown what {what}"

def main():
    items = [json.loads(l) for l in open(os.path.join(HERE, "narrations.jsonl"), encoding="utf-8") if l.strip()]
    specs = json.load(open(os.path.join(HERE, "checkspec.json"), encoding="utf-8"))
    ok = bad = 0
    lines = []
    cache = {}
    for it in items:
        problems = []
        key = (it["code"], it["call"])
        if key not in cache:
            cache[key] = run_traced(it["code"], it["call"])
        run = cache[key]
        result = run[0]
        if repr(result) != it["returned"]:
            problems.append(f"returned {it['returned']} != {result!r}")
        if it["trace_events"] < 1:
            problems.append("no trace_events")
        rat = it["rationale"]
        last = rat.strip().splitlines()[-1]
        if not last.startswith("Answer:") and not last.startswith("Predicted Output:"):
            problems.append("last line not Answer")
        if last.split(":", 1)[1].strip() != it["answer"]:
            problems.append("answer field differs from Answer line")
        sp = specs.get(it["id"], {})
        for i, c in enumerate(it["claims"]):
            if c["quote"] not in rat:
                problems.append(f"claim quote not in rationale: {c['quote']!r}")
                continue
            cs = sp.get("claims", [{}] * len(it["claims"]))[i]
            truth, detail = check_claim(c, cs, run)
            is_err_claim = bool(cs.get("err"))
            if truth is None:
                problems.append(f"claim unverifiable: {detail}")
            elif it["label"] == "faithful" or not is_err_claim:
                if not truth:
                    problems.append(f"false claim {c['quote']!r}: {detail}")
            else:
                if truth:
                    problems.append(f"error claim is actually true {c['quote']!r}: {detail}")
                if it["error"].get("held_elsewhere"):
                    v = ast.literal_eval(c["value"])
                    allv = [x for h in run[1].values() for x in h]
                    if v not in allv:
                        problems.append(f"held_elsewhere value {v!r} not held anywhere")
                if c["what"] == "value" and cs.get("h") is None and it["error"]["kind"] != "impossible_state":
                    problems.append("value error without history index")
                if it["error"]["kind"] == "impossible_state":
                    v = ast.literal_eval(c["value"])
                    if v in run[1].get(c["variable"], []):
                        problems.append("impossible_state value is held by variable")
        # answers
        if it["direction"] == "forward":
            try:
                ans = ast.literal_eval(it["answer"])
            except Exception as e:
                ans = ("<unparsable>", str(e))
            right = ans == result
        else:
            try:
                out = plain_eval(it["answer"], it["code"])
                right = repr(out) == it["returned"]
            except Exception as e:
                right = False
        ek = (it.get("error") or {}).get("kind")
        if ek in ("wrong_final_answer", "backward_wrong_input"):
            if right:
                problems.append("answer error but answer is right")
        elif not right and not (it.get("error") or {}).get("carried"):
            # a carried error may legitimately carry through to the final answer
            problems.append(f"answer wrong: {it['answer']}")
        if it["label"] == "error":
            e = it["error"]
            if e["quote"] not in rat:
                problems.append("error quote not in rationale")
            if ek not in ("wrong_final_answer", "backward_wrong_input"):
                if not any(sp.get("claims", [{}]*len(it["claims"]))[i].get("err") for i in range(len(it["claims"]))):
                    problems.append("error copy has no flagged claim")
        if problems:
            bad += 1
            lines.append(f"FAIL {it['id']}: " + "; ".join(problems))
        else:
            ok += 1
            lines.append(f"ok   {it['id']} ({it['label']}, {len(it['claims'])} claims)")
    # negative control: every faithful claim, deliberately corrupted, must be judged false
    caught = missed = 0
    for it in items:
        if it["label"] != "faithful":
            continue
        run = cache[(it["code"], it["call"])]
        for i, c in enumerate(it["claims"]):
            v = ast.literal_eval(c["value"])
            if isinstance(v, bool): badv = not v
            elif isinstance(v, int): badv = v + 1000
            elif isinstance(v, str): badv = v + "zz"
            elif isinstance(v, list): badv = v + [999]
            elif isinstance(v, tuple): badv = v + (999,)
            elif isinstance(v, dict): badv = {**v, "zz": 1}
            elif v is None: badv = 12345
            else: continue
            t, _ = check_claim(dict(c, value=repr(badv)), specs[it["id"]]["claims"][i], run)
            if t is False: caught += 1
            else:
                missed += 1
                lines.append(f"NEGCTL-MISS {it['id']}: {c['quote']!r}")
    if missed:
        bad += 1
    lines.append(f"negative control: {caught} corrupted faithful claims judged false, {missed} missed")
    lines.append(f"\n{ok} passed, {bad} failed, {len(items)} items")
    rep = "\n".join(lines)
    print(rep)
    open(os.path.join(HERE, "check_report.txt"), "w").write(rep + "\n")
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
