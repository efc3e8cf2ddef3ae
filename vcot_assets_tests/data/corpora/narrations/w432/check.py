"""Standalone checker for w432 narrations: runs each program with sys.settrace, records every
variable's value history (locals and self.<attr>) and line-hit counts, then checks claims,
answers and error copies. Usage: python3 check.py [narrations.jsonl] > check_report.txt"""
import ast, copy, json, sys
from collections import defaultdict

FN = "<w432prog>"


def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)


def run(code, call):
    hist = defaultdict(list)      # name -> successive values (per-frame changes, in time order)
    lines = defaultdict(int)      # line -> number of 'line' events
    snaps = defaultdict(list)     # line -> snapshot of locals (and self.<attr>) at each 'line' event

    def note(frame):
        items = dict(frame.f_locals)
        s = items.get("self")
        if s is not None and hasattr(s, "__dict__"):
            for a, v in vars(s).items():
                items["self." + a] = v
        cur = {}
        for k, v in items.items():
            if k == "self" or callable(v) and not isinstance(v, (list, dict)):
                continue
            sv = snap(v)
            cur[k] = sv
            if not hist[k] or hist[k][-1] != sv:   # successive distinct values, in time order
                hist[k].append(sv)
        return cur

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return tracer
        cur = note(frame)
        if event == "line":
            lines[frame.f_lineno] += 1
            snaps[frame.f_lineno].append(cur)
        return tracer

    ns = {}
    exec(compile(code, FN, "exec"), ns)
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines, snaps


def plain_eval(call, code):
    ns = {}
    exec(compile(code, "<plain>", "exec"), ns)
    return eval(call, ns)


def arith_expr(quote):
    q = quote.strip("` ")
    for sep in (" = ", "=", " is "):
        parts = q.split(sep)
        if len(parts) >= 3:
            return parts[-2].strip("` ")
        if len(parts) == 2:
            return parts[0].strip("` ")
    return q


ENV = {"abs": abs, "min": min, "max": max, "len": len, "bin": bin, "sum": sum, "str": str}


def at_line(snaps, line, var, skip=0):
    return [s[var] for s in snaps[line] if var in s][skip:]


def check_claim(c, ret, hist, lines, snaps, item):
    """Return (ok, why)."""
    what, var = c["what"], c.get("variable")
    val = ast.literal_eval(c["value"])
    if what == "value" and "at_line" in c:
        seq = at_line(snaps, c["at_line"], var, c.get("skip", 0))
        if c.get("agg") == "sum":
            seq = [sum(x) for x in seq]
        return (seq == val, f"{var} at line {c['at_line']}: {seq}")
    if what == "value":
        h = hist.get(var, [])
        return (val in h, f"{var} history {h[:12]}")
    if what == "count":
        ln = int(var.split("line")[1])
        n = lines[ln] - (1 if var.startswith("header") else 0)
        return (n == val, f"{var} counts {n}")
    if what in ("arith", "comparison"):
        expr = c.get("expr") or arith_expr(c["quote"])
        got = eval(expr, dict(ENV))
        return (got == val, f"{expr} -> {got!r}")
    if what == "return":
        return (val == ret, f"returned {ret!r}")
    if what == "call":
        got = plain_eval(c["value"] if isinstance(val, str) else c["quote"], item["code"])
        return (got == ret, f"call gives {got!r}")
    return (False, "unknown what")


def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    by_id = {it["id"]: it for it in items}
    fails, n_claims = 0, 0
    cache = {}
    out = []
    for it in items:
        problems = []
        key = it["program_id"]
        if key not in cache:
            cache[key] = run(it["code"], it["call"])
        ret, hist, lines, snaps = cache[key]
        if repr(ret) != it["returned"]:
            problems.append(f"returned {ret!r} != {it['returned']}")
        txt = it["rationale"]
        last = txt.strip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            problems.append("answer line mismatch")
        err = it.get("error")
        err_quote = err["quote"] if err else None
        for c in it["claims"]:
            n_claims += 1
            if c["quote"] not in txt:
                problems.append(f"quote not in rationale: {c['quote']!r}")
                continue
            if it["direction"] == "backward" and c["what"] == "call":
                continue
            is_err = err is not None and c["quote"] == err_quote
            if c.get("carried") or is_err:
                continue   # the error claim is judged by its positional 'verify' spec below
            try:
                ok, why = check_claim(c, ret, hist, lines, snaps, it)
            except Exception as e:
                ok, why = False, f"exception {e!r}"
            if not ok:
                problems.append(f"claim false: {c['quote']!r} ({why})")
        # answers
        if it["direction"] == "forward":
            ans_ok = ast.literal_eval(it["answer"]) == ret
        else:
            try:
                ans_ok = plain_eval(it["answer"], it["code"]) == ret
            except Exception as e:
                ans_ok = False
        want_ans_ok = not (err and err["kind"] in ("wrong_final_answer", "backward_wrong_input"))
        if ans_ok != want_ans_ok:
            problems.append(f"answer check {ans_ok} expected {want_ans_ok}")
        if err:
            if err_quote not in txt:
                problems.append("error quote not in rationale")
            if err["kind"] not in ("wrong_final_answer", "backward_wrong_input") and not any(
                    c["quote"] == err_quote for c in it["claims"]):
                problems.append("error has no matching claim")
            v = err.get("verify", {})
            t = v.get("type")
            st, ac = err["stated"], err["actual"]
            if t == "history":
                h = hist.get(v["variable"], [])
                got = h[v["index"]] if len(h) > v["index"] else None
                if got != ast.literal_eval(ac) or got == ast.literal_eval(st):
                    problems.append(f"history verify failed: {v} -> {got!r}")
            elif t == "at_line":
                seq = at_line(snaps, v["line"], v["variable"])
                if v.get("agg") == "sum":
                    seq = [sum(x) for x in seq]
                got = seq[v["index"]] if len(seq) > v["index"] else None
                if got != ast.literal_eval(ac) or got == ast.literal_eval(st):
                    problems.append(f"at_line verify failed: {v} -> {got!r}")
            elif t == "count":
                got = lines[v["line"]] - v.get("minus", 0)
                if got != int(ac) or got == int(st):
                    problems.append(f"count verify failed {got}")
            elif t == "arith":
                got = eval(v["expr"], dict(ENV))
                if got != ast.literal_eval(ac) or got == ast.literal_eval(st):
                    problems.append(f"arith verify failed {got!r}")
            elif t == "never":
                h = hist.get(v["variable"], [])
                if ast.literal_eval(st) in h:
                    problems.append(f"impossible_state value occurs: {h}")
            elif t == "answer":
                pass  # covered by the answer check above
            else:
                problems.append("no verify spec")
            if err.get("held_elsewhere") and "held_expr" in v:
                if eval(v["held_expr"], dict(ENV)) != ast.literal_eval(st):
                    problems.append("held_expr does not give the stated value")
            elif err.get("held_elsewhere"):
                hv = v.get("variable")
                pool = [x for vals in hist.values() for x in vals] + list(lines.values())
                if hv:
                    pool = hist.get(hv, []) + pool
                if ast.literal_eval(st) not in pool:
                    problems.append("held_elsewhere but stated value never held")
            if it["faithful_id"] not in by_id:
                problems.append("faithful_id missing")
        status = "PASS" if not problems else "FAIL"
        if problems:
            fails += 1
        out.append(f"{status} {it['id']} ({it['label']}{'/' + err['kind'] if err else ''})")
        for p in problems:
            out.append("    " + p)
    out.append(f"\n{len(items)} items, {n_claims} claims, {fails} failing")
    print("\n".join(out))
    return fails


if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
