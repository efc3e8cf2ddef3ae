#!/usr/bin/env python3
"""Standalone checker for w431 narrations: re-executes each program with sys.settrace and
checks every claim (faithful items) and that the marked error is really false (error copies)."""
import ast, copy, json, sys, warnings
warnings.filterwarnings("ignore")

PATH = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
_MISSING = object()


def lit(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return s


def run(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = {}          # name -> list of values (one entry per change)
    line_snaps = {}    # lineno -> list of snapshots (dict name->value) when that line is about to run
    rets = []          # (function name, return value)
    last = {}          # id(frame) -> last snapshot

    def snap(frame):
        d = {}
        for k, v in frame.f_locals.items():
            if k.startswith("__"):
                continue
            try:
                d[k] = copy.deepcopy(v)
            except Exception:
                d[k] = v
            if k == "self" and hasattr(v, "__dict__"):
                for a, av in vars(v).items():
                    d["self." + a] = copy.deepcopy(av)
        return d

    def record(frame):
        d = snap(frame)
        prev = last.get(id(frame), {})
        for k, v in d.items():
            if k not in prev or not _eq(prev[k], v):
                h = hist.setdefault(k, [])
                if not h or not _eq(h[-1], v):
                    h.append(v)
        last[id(frame)] = d
        return d

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "call":
            last[id(frame)] = {}
            record(frame)
        elif event == "line":
            d = record(frame)
            line_snaps.setdefault(frame.f_lineno, []).append(d)
        elif event == "return":
            d = record(frame)
            line_snaps.setdefault("ret:" + frame.f_code.co_name, []).append(d)
            rets.append((frame.f_code.co_name, copy.deepcopy(arg)))
            last.pop(id(frame), None)
        return tracer

    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return ns, result, hist, line_snaps, rets


def _eq(a, b):
    try:
        return type(a) == type(b) and a == b or (a == b and not isinstance(a, bool) and not isinstance(b, bool))
    except Exception:
        return False


def expr_of(claim):
    if claim.get("expr"):
        return claim["expr"]
    q = claim["quote"].strip().strip("`")
    for sep in (" = ", "=", " is ", " gives ", " equals "):
        if sep in q and claim["what"] == "arith":
            return q.split(sep)[0].strip().strip("`")
    return q


def loop_count(var, line_snaps):
    n = int(var.split("line")[-1].strip())
    return len(line_snaps.get(n, []))


def check_claim(claim, ctx):
    """Return (ok, detail) saying whether the claim is TRUE of the execution."""
    ns, result, hist, line_snaps, rets = ctx
    what, var, val = claim["what"], claim.get("variable"), lit(claim["value"])
    if claim.get("series"):
        sr = claim["series"]
        if sr["line"] == "hist":
            vals = list(hist.get(sr["variable"], []))
        else:
            vals = [s.get(sr["variable"], _MISSING) for s in line_snaps.get(sr["line"], [])]
        vals = vals[sr["from"]:][:len(val)] if sr["from"] >= 0 else vals[sr["from"]:][:len(val)]
        return vals == list(val), f"series {vals}"
    if what == "value":
        if claim.get("at"):
            return at_check(claim["at"], val, ctx)
        if var:
            h = hist.get(var, [])
            return any(_eq(x, val) for x in h), f"{var} history {h[:40]}"
        allv = [x for h in hist.values() for x in h] + [r for _, r in rets]
        return any(_eq(x, val) for x in allv), "any variable"
    if what == "count":
        c = loop_count(var, line_snaps)
        return c == val, f"count {c}"
    if what in ("comparison", "arith", "call"):
        e = expr_of(claim)
        env = dict(ns)
        if claim.get("at"):
            a = claim["at"]
            env.update(line_snaps[a["line"]][a["k"] - 1])
        got = eval(e, env)
        return _eq(got, val) or (what == "arith" and got == val and not isinstance(got, bool)), f"{e} -> {got!r}"
    if what == "return":
        return _eq(result, val) or result == val, f"returned {result!r}"
    raise ValueError(what)


def at_check(at, val, ctx):
    ns, result, hist, line_snaps, rets = ctx
    if "nth" in at:
        got = hist[at["variable"]][at["nth"]]
    else:
        got = line_snaps[at["line"]][at["k"] - 1][at["variable"]]
    return _eq(got, val), f"{at} -> {got!r}"


def main():
    items = [json.loads(l) for l in open(PATH, encoding="utf-8") if l.strip()]
    byid = {it["id"]: it for it in items}
    fails = 0
    lines = []
    cache = {}
    for it in items:
        probs = []
        key = (it["code"], it["call"])
        if key not in cache:
            cache[key] = run(it["code"], it["call"])
        ctx = cache[key]
        ns, result, hist, line_snaps, rets = ctx
        if repr(result) != it["returned"]:
            probs.append(f"returned {result!r} != {it['returned']}")
        if not it["rationale"].rstrip().endswith(it["answer"]):
            probs.append("answer not at end of rationale")
        last = it["rationale"].rstrip().splitlines()[-1]
        if it["answer"] not in last:
            probs.append("answer not in last line")
        err = it.get("error")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append(f"quote not in rationale: {c['quote']!r}")
                continue
            is_err = err is not None and c["quote"] == err["quote"]
            try:
                ok, det = check_claim(c, ctx)
            except Exception as ex:
                ok, det = False, f"exception {ex!r}"
            if is_err:
                if ok:
                    probs.append(f"error claim is TRUE: {c['quote']!r} ({det})")
            elif not ok:
                probs.append(f"claim false: {c['quote']!r} ({det})")
        # answer
        if it["direction"] == "forward":
            ans_ok = _eq(lit(it["answer"]), result) or lit(it["answer"]) == result
        else:
            try:
                got = eval(it["answer"], dict(ns))
                ans_ok = _eq(got, result) or got == result
            except Exception:
                ans_ok = False
        if it["label"] == "faithful":
            if not ans_ok:
                probs.append("faithful answer wrong")
        else:
            if err is None or err["quote"] not in it["rationale"]:
                probs.append("error quote missing")
            else:
                k = err["kind"]
                if k in ("wrong_final_answer", "backward_wrong_input"):
                    if ans_ok:
                        probs.append("wrong answer is actually right")
                else:
                    if not ans_ok and k != "wrong_final_answer":
                        # carried errors may change the answer; only allowed if carried
                        if not err.get("carried"):
                            probs.append("answer wrong but error not carried")
                    ec = [c for c in it["claims"] if c["quote"] == err["quote"]]
                    if not ec:
                        probs.append("no claim for error quote")
                    if k == "wrong_intermediate_right_answer" and not ans_ok:
                        probs.append("wrong_intermediate_right_answer but answer wrong")
                if err.get("held_elsewhere"):
                    ec = [c for c in it["claims"] if c["quote"] == err["quote"]]
                    if ec and not (ec[0].get("at") or ec[0].get("series") or ec[0]["what"] in ("arith", "count")):
                        probs.append("held_elsewhere claim is not checked at a specific point")
                    stated = lit(err.get("held_value", err["stated"]))
                    allv = [x for h in hist.values() for x in h] + [r for _, r in rets]
                    allv += [len(s) for s in line_snaps.values()]
                    for x in list(allv):  # elements held inside containers (e.g. bins['a'])
                        if isinstance(x, dict):
                            allv += list(x.values())
                        elif isinstance(x, (list, tuple)):
                            allv += list(x)
                    if not any(_eq(x, stated) for x in allv):
                        probs.append(f"held_elsewhere but {stated!r} never held")
            f = byid.get(it["faithful_id"])
            if f is None:
                probs.append("faithful_id missing")
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        lines.append(f"{status} {it['id']} ({it['label']}, {it['direction']}, {it['style']}, "
                     f"{(err or {}).get('kind', '-')}, {len(it['claims'])} claims)")
        for p in probs:
            lines.append("    " + p)
    lines.append(f"\n{len(items)} items, {fails} failing")
    print("\n".join(lines))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
