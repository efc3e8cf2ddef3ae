"""Standalone checker for the w246 narration corpus.

Replays every call with sys.settrace (no trace script, no tool code) and records:
  hist[var]        - the value history of each variable (consecutive duplicates merged;
                     attributes of `self` as 'self.x'),
  lines[n]         - how many times source line n ran (loop counts),
  after[(n, var)]  - the value of var right after each execution of line n (for summaries),
  before[(n, var)] - the value of var each time line n is about to run.
A count claim names 'loop@line N': the number of times line N ran (minus one with
"header": true, for a for-loop header line, which runs once more than its body).
Claims are then checked; error copies must contain a claim that is false at its point.
"""
import json, sys, copy

FNAME = "<w246prog>"

def run_traced(code, call):
    hist, lines, after, last = {}, {}, {}, {}
    before = {}
    tick = [0]
    def rec(name, val):
        try:
            v = copy.deepcopy(val)
        except Exception:
            return
        h = hist.setdefault(name, [])
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for ak, av in vars(v).items():
                    rec("self." + ak, av)
            else:
                rec(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FNAME or frame.f_code.co_name == "<module>":
            return tracer
        if event in ("line", "return"):
            tick[0] += 1
            pl = last.get(id(frame))
            if pl is not None:
                for k, v in frame.f_locals.items():
                    if k != "self":
                        after.setdefault((pl, k), []).append((tick[0], copy.deepcopy(v)))
            last[id(frame)] = frame.f_lineno if event == "line" else None
            snap(frame)
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            for k, v in frame.f_locals.items():
                if k != "self":
                    before.setdefault((frame.f_lineno, k), []).append(copy.deepcopy(v))
        return tracer
    g = {}
    exec(compile(code, FNAME, "exec"), g)
    sys.settrace(tracer)
    try:
        ret = eval(compile(call, FNAME, "eval"), g)
    finally:
        sys.settrace(None)
    after["before"] = before
    return ret, hist, lines, after

def plain(code, call):
    g = {}
    exec(code, g)
    return eval(call, g)

def series(after, c):
    seq = series_raw(after, c)
    return [len(x) for x in seq] if c.get("fn") == "len" else seq

def series_raw(after, c):
    if "before_line" in c:
        return after["before"].get((c["before_line"], c["variable"]), [])[c.get("skip", 0):]
    out = []
    for ln in c["after_lines"]:
        out += after.get((ln, c["variable"]), [])
    return [x for _, x in sorted(out, key=lambda t: t[0])]

def claim_true(c, run):
    """(ok, detail): ok is True when the claim holds at the point it names."""
    ret, hist, lines, after = run
    what, v = c["what"], eval(c["value"])
    if what == "value":
        if "after_lines" in c or "before_line" in c:
            seq = series(after, c)
            return (seq == list(v), f"series of {c['variable']} = {seq!r}")
        h = hist.get(c["variable"], [])
        if c.get("history"):
            return (h == list(v), f"history of {c['variable']} = {h!r}")
        if "at" in c:
            k = c["at"]
            got = h[k] if -len(h) <= k < len(h) else None
            return (got == v, f"history[{k}] of {c['variable']} = {got!r}")
        return (v in h, f"history of {c['variable']} = {h!r}")
    if what == "count":
        ln = int(c["variable"].split("@line")[1])
        n = lines.get(ln, 0) - (1 if c.get("header") else 0)
        return (n == v, f"line {ln} ran {n} times")
    if what in ("arith", "comparison"):
        r = eval(c["expr"])
        return (r == v, f"{c['expr']} = {r!r}")
    if what == "return":
        return (ret == v, f"returned {ret!r}")
    if what == "call":
        return (None, "")
    return (False, "unknown claim kind")

def held_somewhere(c, run):
    """For held_elsewhere errors: the wrong value does occur in the run, just not there."""
    ret, hist, lines, after = run
    v = eval(c["value"])
    if "after_lines" in c or "before_line" in c:
        actual = series(after, c)
        wrong = [x for x, y in zip(v, actual) if x != y]
        return bool(wrong) and all(x in actual for x in wrong)
    if c["what"] == "count":
        return True
    return any(v in h for h in hist.values())

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    progs = {}
    for l in open("programs.jsonl"):
        d = json.loads(l)
        progs[d["id"]] = d
    ids = [it["id"] for it in items]
    out, bad = [], 0
    for it in items:
        errs = []
        if ids.count(it["id"]) > 1:
            errs.append("duplicate id")
        run = run_traced(it["code"], it["call"])
        ret = run[0]
        if repr(ret) != it["returned"]:
            errs.append(f"returned mismatch {ret!r} vs {it['returned']}")
        p = progs.get(it["program_id"])
        if p is None or p["code"] != it["code"] or p["call"] != it["call"]:
            errs.append("program not in programs.jsonl")
        elif len(p["events"]) != it["trace_events"] or p["returned"] != it["returned"]:
            errs.append("trace_events/returned differ from the traced case")
        r = it["rationale"]
        last = r.rstrip().splitlines()[-1]
        if not (last.startswith("Answer:") or last.startswith("Predicted Output:")):
            errs.append("no final answer line")
        if last.split(":", 1)[1].strip() != it["answer"]:
            errs.append("answer field differs from the last line")
        for c in it["claims"]:
            if c["quote"] not in r:
                errs.append(f"quote missing: {c['quote']!r}")
        if it["direction"] == "forward":
            ans_ok = eval(it["answer"]) == ret
        else:
            try:
                ans_ok = it["answer"].startswith(it["function"] + "(") and plain(it["code"], it["answer"]) == ret
            except Exception:
                ans_ok = False
        if it["label"] == "faithful":
            if it["error"] is not None or it["faithful_id"] is not None:
                errs.append("faithful item with error")
            if not ans_ok:
                errs.append("answer wrong")
            for c in it["claims"]:
                ok, d = claim_true(c, run)
                if ok is False:
                    errs.append(f"false claim {c['quote']!r}: {d}")
        else:
            e = it["error"]
            if e["quote"] not in r:
                errs.append("error quote missing")
            f = next((x for x in items if x["id"] == it["faithful_id"]), None)
            if f is None or f["label"] != "faithful":
                errs.append("faithful missing")
            k = e["kind"]
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    errs.append("answer is not actually wrong")
                if k == "wrong_final_answer" and it["direction"] != "forward":
                    errs.append("wrong_final_answer on backward")
                if k == "backward_wrong_input" and it["direction"] != "backward":
                    errs.append("backward_wrong_input on forward")
                if f is not None and f["rationale"].rsplit("\n", 1)[0] != r.rsplit("\n", 1)[0]:
                    errs.append("answer-error copy changes more than the answer line")
            else:
                if not ans_ok and not e.get("carried"):
                    errs.append("answer wrong in a non-carried error copy")
                inq = [c for c in it["claims"] if c["quote"] in e["quote"] or e["quote"] in c["quote"]]
                if not inq:
                    errs.append("no claim for the error")
                res = [claim_true(c, run) for c in inq]
                if not any(ok is False for ok, _ in res):
                    errs.append(f"error claim is not false: {res}")
                if k == "impossible_state":
                    for c in inq:
                        if c["what"] == "value" and eval(c["value"]) in run[1].get(c["variable"], []):
                            errs.append("impossible_state value does occur")
                if e.get("held_elsewhere"):
                    if not any(ok is False and held_somewhere(c, run) for c, (ok, _) in zip(inq, res)):
                        errs.append("held_elsewhere value is not held anywhere")
                for c in it["claims"]:
                    if c in inq:
                        continue
                    ok, d = claim_true(c, run)
                    if ok is False and not e.get("carried"):
                        errs.append(f"second false claim {c['quote']!r}: {d}")
        status = "PASS" if not errs else "FAIL"
        bad += bool(errs)
        out.append(f"{status} {it['id']} ({it['label']}, {it['direction']}, {it['style']}, "
                   f"{(it['error'] or {}).get('kind', '-')}, {len(it['claims'])} claims)"
                   + "".join("\n    " + x for x in errs))
    out.append(f"\n{len(items) - bad}/{len(items)} items pass")
    text = "\n".join(out)
    open("check_report.txt", "w").write(text + "\n")
    print(text)
    return bad

if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "hist":
        for l in open("programs.jsonl"):
            d = json.loads(l)
            if d["id"] in sys.argv[2:]:
                ret, h, ln, af = run_traced(d["code"], d["call"])
                print(d["id"], repr(ret), dict(sorted(ln.items())))
                for k, v in h.items():
                    if not k.startswith("keeper") and "object" not in repr(v)[:40]:
                        print("  ", k, v)
        sys.exit(0)
    sys.exit(1 if main() else 0)
