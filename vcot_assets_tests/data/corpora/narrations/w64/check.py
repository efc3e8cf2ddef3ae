#!/usr/bin/env python3
"""Standalone checker for w64 narrations: runs each program with sys.settrace and checks
claims, answers and error copies against the real execution. Writes check_report.txt."""
import ast, copy, json, re, sys

HERE = "/work/corpus/narrations/w64"


def run_traced(code, call):
    ns = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), ns)
    snaps = []      # (func, lineno, event, locals-copy)
    hits = {}       # lineno -> count of 'line' events
    calls = {}      # func name -> number of calls

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "call":
            calls[frame.f_code.co_name] = calls.get(frame.f_code.co_name, 0) + 1
        if event == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        try:
            loc = copy.deepcopy(dict(frame.f_locals))
        except Exception:
            loc = dict(frame.f_locals)
        if event == "return":
            loc["__return__"] = arg
        snaps.append((frame.f_code.co_name, frame.f_lineno, event, loc))
        return tracer

    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return ns, result, snaps, hits, calls


def history(expr, snaps, ns):
    """Values the expression takes over the run (per snapshot, consecutive repeats collapsed)."""
    out = []
    for func, line, ev, loc in snaps:
        try:
            v = eval(expr, dict(ns), loc)
        except Exception:
            continue
        if not out or not same(out[-1], v):
            out.append(v)
    return out


def same(a, b):
    try:
        return type(a) == type(b) and a == b or (isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and not isinstance(b, bool) and a == b)
    except Exception:
        return False


def arith_value(quote):
    """Evaluate the longest leading part of the quote that is a Python expression."""
    q = quote.replace("`", "").strip()
    q = re.split(r"\s+(?:is|gives|keeps|equals|becomes|stays|makes)\s+|(?<![=<>!])=(?!=)", q)[0]
    env = {"__builtins__": {"len": len, "max": max, "min": min, "abs": abs, "bin": bin, "ord": ord, "chr": chr, "sum": sum}}
    for cut in range(len(q), 0, -1):
        part = q[:cut]
        if "=" in part[-1:]:
            continue
        try:
            return eval(part.strip(), env)
        except Exception:
            continue
    raise ValueError("no expression in " + quote)


def check_claim(c, ctx):
    ns, result, snaps, hits, calls = ctx
    what, var, val = c["what"], c["variable"], ast.literal_eval(c["value"]) if isinstance(c["value"], str) else c["value"]
    if what == "value" and "sequence" in c:
        h = history(var, snaps, ns)
        seq = []
        for x in ast.literal_eval(c["sequence"]):
            if not seq or not same(seq[-1], x):
                seq.append(x)
        it = iter(h)
        ok = all(any(same(x, y) for y in it) for x in seq)
        return ok, f"sequence {seq} vs history({var})={h}"
    if what == "value":
        h = history(var, snaps, ns)
        return any(same(x, val) for x in h), f"history({var})={h[:40]}"
    if what == "count":
        m = re.match(r"loop@line (\d+)", var)
        line = int(m.group(1)) + 1
        n = hits.get(line, 0)
        return n == val, f"body line {line} hits={n}"
    if what == "comparison":
        if var:
            h = history(var, snaps, ns)
            return any(same(x, val) for x in h), f"history({var})={h}"
        q = c["quote"].replace("`", "")
        q = re.split(r"\s+(?:is|was|holds|fails)\b", q)[0]
        q = re.sub(r"^(?:Since|since|as|because|Check:)\s+", "", q.strip())
        try:
            return same(bool(eval(q)), val), f"eval({q})"
        except Exception as e:
            return False, f"cannot evaluate {q!r}: {e}"
    if what == "arith":
        try:
            a = arith_value(c["quote"])
        except Exception as e:
            return False, str(e)
        return same(a, val) or a == val, f"arith={a!r}"
    if what == "return":
        return repr(result) == repr(val), f"returned={result!r}"
    if what == "call":
        r = eval(var, dict(ns))
        return r == val, f"{var} -> {r!r}"
    return False, "unknown what"


def real_value(chk, ctx, item):
    ns, result, snaps, hits, calls = ctx
    t = chk["type"]
    if t == "nth":
        h = history(chk["var"], snaps, ns)
        return h[chk["k"]], h
    if t == "eval":
        return eval(chk["expr"]), None
    if t == "count":
        return hits.get(chk["line"], 0), None
    if t == "return":
        return result, None
    if t == "answer_fwd":
        return result, None
    raise ValueError(t)


def all_values(ctx):
    ns, result, snaps, hits, calls = ctx
    vals = []
    for func, line, ev, loc in snaps:
        for k, v in loc.items():
            vals.append(v)
            if hasattr(v, "__dict__"):
                vals.extend(vars(v).values())
    return vals


def main():
    progs = {}
    for line in open(f"{HERE}/programs.jsonl"):
        d = json.loads(line)
        progs[d["id"]] = d
    items = [json.loads(l) for l in open(f"{HERE}/narrations.jsonl")]
    ids = {it["id"] for it in items}
    report, fails = [], 0
    for it in items:
        errs = []
        p = progs[it["program_id"]]
        if p["code"] != it["code"] or p["call"] != it["call"]:
            errs.append("code/call differ from programs.jsonl")
        ctx = run_traced(it["code"], it["call"])
        ns, result = ctx[0], ctx[1]
        if repr(result) != it["returned"]:
            errs.append(f"returned mismatch {result!r} vs {it['returned']}")
        last = it["rationale"].rstrip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            errs.append("last line is not 'Answer: <answer>'")
        err = it["error"]
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                errs.append(f"claim quote not in rationale: {c['quote']!r}")
                continue
            if err and (c["quote"] == err["quote"] or c.get("erroneous") or c.get("carried")):
                continue
            ok, info = check_claim(c, ctx)
            if not ok:
                errs.append(f"false claim {c['quote']!r} value={c['value']!r}: {info}")
        # answer
        if it["direction"] == "forward":
            ans_ok = ast.literal_eval(it["answer"]) == result and repr(ast.literal_eval(it["answer"])) == repr(result)
        else:
            m = re.match(r"(\w+)\(", it["answer"])
            fn_ok = m and m.group(1) == it["function"]
            try:
                r2 = eval(it["answer"], dict(ns))
                ans_ok = bool(fn_ok) and repr(r2) == it["returned"]
            except Exception as e:
                ans_ok = False
        if it["label"] == "faithful":
            if err is not None or it["faithful_id"] is not None:
                errs.append("faithful item with error/faithful_id")
            if not ans_ok:
                errs.append(f"answer wrong: {it['answer']}")
        else:
            if it["faithful_id"] not in ids:
                errs.append("faithful_id missing")
            if err["quote"] not in it["rationale"]:
                errs.append("error quote not in rationale")
            k = err["kind"]
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    errs.append("error answer is actually right")
                if k == "wrong_final_answer" and it["direction"] != "forward":
                    errs.append("wrong_final_answer on backward")
                if k == "backward_wrong_input" and it["direction"] != "backward":
                    errs.append("backward_wrong_input on forward")
            else:
                if not ans_ok:
                    errs.append("error copy has wrong answer but kind is not an answer kind")
                if not err.get("checks"):
                    errs.append("no checks for error")
                for chk in err.get("checks", []):
                    if chk["type"] == "never":
                        h = history(chk["var"], ctx[2], ns)
                        if any(same(x, chk["stated"]) for x in h):
                            errs.append(f"impossible value {chk['stated']!r} is held by {chk['var']}")
                        continue
                    real, h = real_value(chk, ctx, it)
                    stated = chk["stated"]
                    if same(real, stated) or real == stated:
                        errs.append(f"error not false: check {chk} real={real!r}")
                    if "actual" in chk and not (real == chk["actual"]):
                        errs.append(f"check actual mismatch {chk} real={real!r}")
                if err.get("held_elsewhere"):
                    st = err["checks"][0]["stated"]
                    if not any(same(v, st) for v in all_values(ctx)) and not any(
                        same(v, st) for v in ctx[3].values()):
                        errs.append(f"held_elsewhere but {st!r} never held")
        status = "PASS" if not errs else "FAIL"
        if errs:
            fails += 1
        report.append(f"{status} {it['id']} ({it['direction']}, {it['style']}, {it['label']}"
                      + (f", {err['kind']}" if err else "") + ")")
        for e in errs:
            report.append("    " + e)
    report.append(f"\n{len(items)} items, {fails} failing")
    open(f"{HERE}/check_report.txt", "w").write("\n".join(report) + "\n")
    print("\n".join(r for r in report if not r.startswith("PASS")))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
