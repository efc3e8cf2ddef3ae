"""Standalone checker for the w302 narration corpus.

Runs each program's call under sys.settrace (plain Python, no project code), records every
variable's value history (locals and self.<attr>, deduplicated per frame), per-invocation line
hit counts, and the return value; then checks the item's claims, its answer and, for error
copies, that the annotated error really is false at the point it refers to.

Extra keys the checker uses (beyond the brief's schema):
  claim["expr"]   for arith/comparison claims: a plain Python expression whose value is compared
                  with claim["value"];
  claim["line"]   for count claims: the first body line of the loop; the count is the number of
                  times that line runs in one invocation of its function;
  error["point"]  {"variable": v, "nth": k}  -> the k-th recorded value of v (0-based, merged
                  over frames in execution order), or {"line": n, "call_index": i} for counts.
"""
import ast, copy, json, sys, types
from collections import defaultdict

PROG = "<program>"
HELD_KINDS = ("wrong_intermediate_right_answer", "wrong_loop_summary_value", "wrong_arithmetic", "off_by_one_loop_count")


def run_traced(code, call):
    hist = defaultdict(list)           # name -> list of values in order
    hits = []                          # list of (funcname, {line: n}) per invocation
    frame_last = {}                    # id(frame) -> {name: last value}
    frame_hits = {}
    attr_last = {}                     # (id(obj), attr) -> last value, deduplicated across frames

    def snap(frame):
        last = frame_last.setdefault(id(frame), {})
        items = {k: v for k, v in frame.f_locals.items() if k != "self"}
        if "self" in frame.f_locals and hasattr(frame.f_locals["self"], "__dict__"):
            obj = frame.f_locals["self"]
            for k, v in vars(obj).items():
                v2 = copy.deepcopy(v)
                key = (id(obj), k)
                if key not in attr_last or attr_last[key] != v2:
                    attr_last[key] = v2
                    hist["self." + k].append(v2)
        for k, v in items.items():
            if isinstance(v, (types.FunctionType, type)) or hasattr(v, "__dict__") and not isinstance(v, (list, dict, set, tuple)):
                continue
            try:
                v2 = copy.deepcopy(v)
            except Exception:
                continue
            if k not in last or last[k] != v2:
                last[k] = v2
                hist[k].append(v2)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != PROG:
            return None
        if event == "call":
            d = {}
            frame_hits[id(frame)] = d
            hits.append((frame.f_code.co_name, d))
            frame_last[id(frame)] = {}
        if event == "line":
            snap(frame)
            d = frame_hits[id(frame)]
            d[frame.f_lineno] = d.get(frame.f_lineno, 0) + 1
        if event == "return":
            snap(frame)
            frame_last.pop(id(frame), None)
            frame_hits.pop(id(frame), None)
        return tracer

    g = {"__name__": "program"}
    exec(compile(code, PROG, "exec"), g)
    sys.settrace(tracer)
    try:
        ret = eval(compile(call, "<call>", "eval"), g)
    finally:
        sys.settrace(None)
    return ret, hist, hits


def plain_call(code, call):
    g = {"__name__": "program"}
    exec(compile(code, "<plain>", "exec"), g)
    return eval(call, g)


def counts_for(hits, line):
    return [d.get(line, 0) for _, d in hits if any(l <= line for l in d) and d.get(line, 0) > 0]


def check_claim(c, ret, hist, hits):
    """Return (ok, msg) for whether the claim is true of the execution."""
    val = ast.literal_eval(c["value"])
    w = c["what"]
    if w == "value" and c.get("subsequence"):
        h = hist.get(c["variable"], [])
        it = iter(h)
        return (all(any(x == y for y in it) for x in val), f"{c['variable']} history {h[:40]}")
    if w == "value" and c.get("sequence"):
        h = hist.get(c["variable"], [])
        n = len(val)
        return (any(h[i:i + n] == val for i in range(len(h) - n + 1)), f"{c['variable']} history {h[:40]}")
    if w == "value":
        h = hist.get(c["variable"], [])
        return (val in h, f"{c['variable']} history {h[:40]}")
    if w == "return":
        return (val == ret, f"returned {ret!r}")
    if w in ("arith", "comparison"):
        got = eval(c["expr"])
        return (got == val, f"{c['expr']} = {got!r}")
    if w == "count" and "distinct_of" in c:
        n = len(set(map(repr, hist.get(c["distinct_of"], []))))
        return (val == n, f"distinct values of {c['distinct_of']}: {n}")
    if w == "count":
        cs = counts_for(hits, c["line"])
        return (val in cs, f"counts at line {c['line']}: {cs}")
    if w == "call":
        return (True, "")
    return (False, f"unknown claim kind {w}")


def main():
    items = [json.loads(l) for l in open("narrations.jsonl", encoding="utf-8") if l.strip()]
    progs = {json.loads(l)["id"]: json.loads(l) for l in open("programs.jsonl", encoding="utf-8") if l.strip()}
    ids = {it["id"] for it in items}
    n_fail = 0
    out = []
    for it in items:
        errs = []
        ret, hist, hits = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            errs.append(f"returned mismatch {ret!r} vs {it['returned']}")
        p = progs.get(it["program_id"])
        if p is None or p["code"] != it["code"] or p["call"] != it["call"] or p["returned"] != it["returned"]:
            errs.append("does not match programs.jsonl")
        elif (p["events"] if isinstance(p["events"], int) else len(p["events"])) != it["trace_events"]:
            errs.append("trace_events mismatch")
        rat = it["rationale"]
        last = rat.rstrip().splitlines()[-1]
        if not last.startswith("Answer:") and not last.startswith("Predicted Output:"):
            errs.append("last line is not an Answer line")
        if it["answer"] not in last:
            errs.append("answer not in last line")
        err = it["error"]
        ekind = err["kind"] if err else None
        # answer
        if it["direction"] == "forward":
            ok = ast.literal_eval(it["answer"]) == ret
        else:
            try:
                ok = repr(plain_call(it["code"], it["answer"])) == it["returned"]
            except Exception as e:
                ok = False
        if ekind in ("wrong_final_answer", "backward_wrong_input"):
            if ok:
                errs.append("answer error is not an error")
        elif not ok:
            errs.append(f"answer wrong: {it['answer']}")
        # claims
        for c in it["claims"]:
            if c["quote"] not in rat:
                errs.append(f"quote not in rationale: {c['quote']!r}")
                continue
            is_err_claim = err is not None and c["quote"] == err["quote"]
            good, msg = check_claim(c, ret, hist, hits)
            if is_err_claim:
                continue  # checked below
            if not good and not (err and err.get("carried") and c.get("carried")):
                errs.append(f"false claim {c['quote']!r}: {msg}")
        # error copy checks
        if err:
            if it["label"] != "error" or it["faithful_id"] not in ids:
                errs.append("bad label/faithful_id")
            if err["quote"] not in rat:
                errs.append("error quote not in rationale")
            if err["stated"] not in err["quote"]:
                errs.append("error stated not in quote")
            fa = next(x for x in items if x["id"] == it["faithful_id"])
            if err["quote"] in fa["rationale"] and ekind not in ("wrong_final_answer", "backward_wrong_input"):
                errs.append("error quote also in faithful text")
            if ekind not in ("wrong_final_answer", "backward_wrong_input"):
                ec = [c for c in it["claims"] if c["quote"] == err["quote"]]
                if not ec:
                    errs.append("no claim for the error")
                for c in ec:
                    pt = err.get("point")
                    stated = ast.literal_eval(c["value"])
                    if pt and "value" in pt:
                        stated = pt["value"]
                    if pt and "nth" in pt:
                        h = hist.get(pt["variable"], [])
                        if pt["nth"] >= len(h) or h[pt["nth"]] == stated:
                            errs.append(f"error not false at point: {pt} history {h}")
                        if err.get("held_elsewhere") and not any(stated in hv for hv in hist.values()):
                            errs.append("held_elsewhere but value never held by any variable")
                        if (not err.get("held_elsewhere") and ekind in HELD_KINDS
                                and any(stated in hv for hv in hist.values())):
                            errs.append("value is held elsewhere but held_elsewhere is false")
                        if repr(h[pt["nth"]]) != err["actual"] and str(h[pt["nth"]]) != err["actual"]:
                            errs.append(f"actual {err['actual']} != {h[pt['nth']]!r}")
                    elif pt and "line" in pt:
                        cs = [d.get(pt["line"], 0) for _, d in hits if d.get(pt["line"], 0) > 0]
                        if cs[pt["call_index"]] == stated:
                            errs.append("count error not false")
                        if err.get("held_elsewhere") and stated not in cs:
                            errs.append("held_elsewhere count never held")
                    else:
                        good, msg = check_claim(c, ret, hist, hits)
                        if good:
                            errs.append(f"error claim is actually true: {msg}")
                    if ekind == "impossible_state":
                        h = hist.get(c["variable"], [])
                        if stated in h:
                            errs.append("impossible_state value is held somewhere")
        else:
            if it["label"] != "faithful" or it["faithful_id"] is not None:
                errs.append("bad faithful label")
        status = "PASS" if not errs else "FAIL"
        n_fail += bool(errs)
        out.append(f"{status} {it['id']} ({it['direction']}, {it['style']}, {it['family']}, {ekind or 'faithful'}, {len(it['claims'])} claims)")
        for e in errs:
            out.append("    " + e)
    # negative control: perturb every checkable claim of each faithful item; the checker should reject most
    caught = total = 0
    for it in items:
        if it["label"] != "faithful":
            continue
        ret, hist, hits = run_traced(it["code"], it["call"])
        for c in it["claims"]:
            v = ast.literal_eval(c["value"])
            if isinstance(v, bool):
                pv = not v
            elif isinstance(v, int):
                pv = v + 7919
            elif isinstance(v, str):
                pv = v + "~"
            else:
                continue
            c2 = dict(c, value=repr(pv))
            if c2.get("sequence") or c2.get("subsequence"):
                continue
            total += 1
            good, _ = check_claim(c2, ret, hist, hits)
            caught += not good
    out.append(f"\nnegative control: {caught}/{total} perturbed scalar claims of faithful items rejected")
    out.append(f"\n{len(items)} items, {len(items) - n_fail} pass, {n_fail} fail")
    print("\n".join(out))
    return 1 if n_fail else 0


if __name__ == "__main__":
    sys.exit(main())
