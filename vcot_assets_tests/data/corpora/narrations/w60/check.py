#!/usr/bin/env python3
"""Standalone checker for w60 narrations: re-executes every call under sys.settrace,
records per-variable value histories (including self.<attr>), line hit counts and the
return value, then checks faithful claims and confirms that error copies are false."""
import ast, copy, json, sys, builtins

FN = "<w60prog>"
LITERAL_TYPES = (int, float, str, bool, type(None), list, tuple, dict, set, frozenset)

def _snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run_traced(code, call):
    ns = {"__name__": "program"}
    exec(compile(code, FN, "exec"), ns)
    hist = {}      # name -> list of values (one entry per change, in time order)
    last = {}      # (frame id, name) -> last snapshot
    hits = {}      # lineno -> count
    frames = {}

    def record(frame):
        fid = id(frame)
        items = []
        for k, v in frame.f_locals.items():
            if k == "self" and hasattr(v, "__dict__"):
                for a, av in vars(v).items():
                    items.append((("obj", id(v)), "self." + a, av))
            elif isinstance(v, LITERAL_TYPES):
                items.append((fid, k, v))
        for owner, k, v in items:
            s = _snap(v)
            key = (owner, k)
            if key not in last or not _eq(last[key], s):
                last[key] = s
                hist.setdefault(k, []).append(s)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == "line":
            record(frame)
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        elif event == "return":
            record(frame)
        elif event == "call":
            frames[id(frame)] = frame
            record(frame)
        return tracer

    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ns, ret, hist, hits

def _eq(a, b):
    try:
        return type(a) == type(b) and a == b or (isinstance(a, (int, float)) and not isinstance(a, bool) and isinstance(b, (int, float)) and not isinstance(b, bool) and a == b)
    except Exception:
        return False

def lit(s):
    if not isinstance(s, str):
        return s
    return ast.literal_eval(s)

def arith_expr(q):
    q = q.replace("`", "").strip()
    # split on the last lone '=' (not part of ==, <=, >=, !=)
    for i in range(len(q) - 1, -1, -1):
        if q[i] == "=" and (i == 0 or q[i - 1] not in "=<>!") and (i + 1 >= len(q) or q[i + 1] != "="):
            return q[:i].strip()
    return q

def check_item(it, prog_cache, out):
    errs = []
    code, call = it["code"], it["call"]
    key = (code, call)
    if key not in prog_cache:
        prog_cache[key] = run_traced(code, call)
    ns, ret, hist, hits = prog_cache[key]
    env = dict(ns)
    if repr(ret) != it["returned"]:
        errs.append(f"returned mismatch {ret!r} vs {it['returned']}")
    rat = it["rationale"]
    last_line = rat.rstrip().splitlines()[-1]
    if not last_line.startswith("Answer:"):
        errs.append("last line is not Answer:")
    elif last_line[len("Answer:"):].strip() != it["answer"]:
        errs.append("answer field differs from Answer line")
    err = it.get("error")
    equote = err["quote"] if err else None
    if err and equote not in rat:
        errs.append("error quote not in rationale")
    for c in it["claims"]:
        q = c["quote"]
        if q not in rat:
            errs.append(f"claim quote not found: {q!r}")
            continue
        if err and (q == equote or c.get("is_error") or c.get("carried")):
            continue
        w = c["what"]
        try:
            if w == "value":
                v = lit(c["value"])
                hv = hist.get(c["variable"], [])
                if not any(_eq(v, h) for h in hv):
                    errs.append(f"value claim false: {c['variable']}={v!r} not in {hv!r}")
            elif w == "count":
                lab = c["variable"]
                if lab.startswith("loop@line"):
                    n = int(lab.split("line")[1].strip())
                    got = hits.get(n, 0)
                else:
                    got = len(hist.get(lab, []))
                if got != lit(c["value"]):
                    errs.append(f"count claim false: {lab} ran {got} not {c['value']}")
            elif w == "comparison":
                e = c.get("expr") or q.replace("`", "")
                r = bool(eval(e, env))
                if r != lit(c["value"]):
                    errs.append(f"comparison false: {e} is {r}")
            elif w == "arith":
                e = c.get("expr") or arith_expr(q)
                r = eval(e, env)
                if not _eq(r, lit(c["value"])):
                    errs.append(f"arith false: {e} = {r!r} not {c['value']}")
            elif w == "return":
                if not _eq(lit(c["value"]), ret):
                    errs.append(f"return claim false: {c['value']}")
            elif w == "call":
                r = eval(c.get("expr") or q.replace("`", ""), env)
                if not _eq(r, lit(c["value"])):
                    errs.append(f"call claim false: {q} -> {r!r}")
            else:
                errs.append(f"unknown claim kind {w}")
        except Exception as ex:
            errs.append(f"claim {q!r} raised {ex!r}")
    # the final answer
    try:
        if it["direction"] == "forward":
            ok = _eq(lit(it["answer"]), ret)
        else:
            ok = _eq(eval(it["answer"], env), ret)
    except Exception as ex:
        ok = False
        errs.append(f"answer raised {ex!r}")
    if it["label"] == "faithful":
        if not ok:
            errs.append("faithful answer is wrong")
    else:
        ck = err.get("check", {})
        t = ck.get("type")
        stated = lit(ck["value"]) if "value" in ck else None
        if stated is None and t not in ("answer", "swap"):
            stated = lit(err["stated"])
        try:
            if t == "answer":
                if ok:
                    errs.append("error answer is actually right")
            else:
                if not ok:
                    errs.append("error copy has a wrong final answer but kind is not an answer error")
                if t == "at":
                    hv = hist.get(ck["variable"], [])
                    k = ck["index"]
                    if k >= len(hv) or _eq(hv[k], stated):
                        errs.append(f"'at' error not false: {ck['variable']}[{k}]")
                    if "actual" in ck and not _eq(hv[k], lit(ck["actual"])):
                        errs.append(f"'at' actual wrong: {hv[k]!r}")
                elif t == "never":
                    hv = hist.get(ck["variable"], [])
                    if any(_eq(stated, h) for h in hv):
                        errs.append("impossible_state value does occur")
                elif t == "count":
                    got = hits.get(ck["line"], 0) if "line" in ck else len(hist.get(ck["variable"], []))
                    if got == stated:
                        errs.append("count error not false")
                    if "actual" in ck and got != lit(ck["actual"]):
                        errs.append(f"count actual wrong: {got}")
                elif t == "cmp":
                    if bool(eval(ck["expr"], env)) == stated:
                        errs.append("branch error not false")
                elif t == "arith":
                    r = eval(ck["expr"], env)
                    if _eq(r, stated):
                        errs.append("arith error not false")
                    if "actual" in ck and not _eq(r, lit(ck["actual"])):
                        errs.append(f"arith actual wrong {r!r}")
                elif t == "swap":
                    # two variables' values exchanged at one point: the stated pair must be
                    # the real pair reversed, and the two real values must differ
                    ha, hb = hist.get(ck["a"], []), hist.get(ck["b"], [])
                    ra, rb = ha[ck["ai"]], hb[ck["bi"]]
                    sa, sb = lit(ck["stated_a"]), lit(ck["stated_b"])
                    if _eq(ra, rb) or not (_eq(sa, rb) and _eq(sb, ra)):
                        errs.append(f"swap check failed: real {ra!r},{rb!r} stated {sa!r},{sb!r}")
                else:
                    errs.append(f"unknown error check {t}")
            if err.get("held_elsewhere"):
                allv = [h for hv in hist.values() for h in hv]
                if not any(_eq(stated, h) for h in allv):
                    errs.append("held_elsewhere but value never held")
        except Exception as ex:
            errs.append(f"error check raised {ex!r}")
    return errs

def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
    items = [json.loads(l) for l in open(path) if l.strip()]
    cache = {}
    bad = 0
    lines = []
    for it in items:
        e = check_item(it, cache, lines)
        status = "PASS" if not e else "FAIL"
        if e:
            bad += 1
        lines.append(f"{status} {it['id']}" + ("" if not e else "\n    " + "\n    ".join(e)))
    lines.append(f"\n{len(items) - bad}/{len(items)} items pass")
    print("\n".join(lines))
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
