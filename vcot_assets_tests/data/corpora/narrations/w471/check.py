#!/usr/bin/env python3
"""Standalone checker for w471 narrations: re-executes each call under sys.settrace and checks
claims, answers and error copies against the real execution."""
import ast, copy, json, re, sys
from collections import defaultdict

HERE = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"

# Point checks for error copies whose wrong value is held elsewhere in the run:
# id -> (variable, line, k[, stated]): the variable's value at the k-th (0-based) hit of `line`
# must differ from the stated value (taken from the claim unless given).
AT = {
    "w471-3-bwd-e3": ("score", 5, 2),
    "w471-4-fwd-e1": ("a", 6, 19, 4),
    "w471-14-bwd-e1": ("i", 9, 9, 6),
    "w471-14-bwd-e2": ("i", 9, 10, 3),
    "w471-16-bwd-e1": ("gap", 7, 7, 7),
    "w471-17-fwd-e1": ("items", 7, 3, [4, 9]),
    "w471-19-fwd-e1": ("od", 8, 8, 18),
    "w471-20-bwd-e1": ("lo", 4, 0, 9),
    "w471-21-fwd-e2": ("pos", 8, 4, 1),
    "w471-22-bwd-e1": ("s", 9, 3, 15),
    "w471-23-fwd-e2": ("out", 3, 4, "L"),
    "w471-5-bwd-e2": ("lo", 6, 1),
    "w471-7-bwd-e2": ("have", 10, 2),
    "w471-9-fwd-e3": ("v", 7, 7),
    "w471-11-bwd-e3": ("points", 9, 2),
}

# Comparisons whose quote names a variable rather than its value: quote -> expression.
EXPR = {
    '`key.isalpha()` returns False for "x1"': '"x1".isalpha()',
    '`key.isalpha()` returns True for "x1"': '"x1".isalpha()',
    "the 6 below it is not greater than or equal to 0": "6 >= 0",
    "len(items) = 0 < 3": "0 < 3",
    "the bits come out 0, 1, 1, 0, 1": "[(22 >> i) & 1 for i in range(5)]",
    "the bits come out 0, 1, 1, 1, 1": "[(22 >> i) & 1 for i in range(5)]",
    '`raw.strip("-")` gives \'oak\'': "'-oak-'.strip('-')",
    "`w == stop` is False": "'then' == 'end'",
    '`w.startswith("the")` is True': "'then'.startswith('the')",
    '`w.startswith("the")` is False': "'then'.startswith('the')",
}

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return v

def run(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = defaultdict(list)          # var -> deduplicated value history
    at_line = defaultdict(list)       # line -> list of locals snapshots when line is reached
    hits = defaultdict(int)   # line N -> times control went from N straight to N + 1
    last = {}
    top = {}
    def record(frame):
        loc = {}
        for k, v in frame.f_locals.items():
            if k == "self":
                for ak, av in vars(v).items():
                    loc[ak] = snap(av)
            else:
                loc[k] = snap(v)
        for k, v in loc.items():
            h = hist[k]
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)
        return loc
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            prev = last.get(id(frame))
            if prev is not None and frame.f_lineno == prev + 1:
                hits[prev] += 1          # header line -> first body line: one iteration
            last[id(frame)] = frame.f_lineno
            at_line[frame.f_lineno].append(record(frame))
        elif event in ("call", "return"):
            last.pop(id(frame), None)
            top.update(record(frame))
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return ns, result, hist, at_line, hits, top

def lit(s):
    return ast.literal_eval(s)

def split_expr(q):
    if q in EXPR:
        return EXPR[q], None
    m = re.match(r"(?:Check )?(.+?)(?:, which is|:) (True|False)$", q)
    if m:
        return m.group(1), m.group(2)
    if q.count("`") >= 2 and not q.startswith("`"):
        return q.split("`")[1], None
    q = q.replace("`", "").strip().rstrip(".")
    for sep in (" returns ", " is ", " = "):
        if sep in q:
            i = q.rfind(sep)
            return q[:i].split(" = ")[-1].strip(), q[i + len(sep):].strip()
    return q, None

def check_claim(c, ex, item):
    ns, result, hist, at_line, hits, top = ex
    what, var = c["what"], c["variable"]
    val = lit(c["value"])
    if what == "return":
        return val == result
    if what == "count":
        m = re.search(r"line (\d+)", var)
        # iterations = times control passed from the loop header to its first body line
        return hits[int(m.group(1))] == val
    if what in ("arith", "comparison"):
        left, _ = split_expr(c["quote"])
        env = dict(ns); env.update(top)
        try:
            got = eval(left, env)
        except Exception as e:
            return False
        return got == val
    if what == "value":
        h = hist.get(var, [])
        if val in h and any(type(x) == type(val) for x in h if x == val):
            return True
        if isinstance(val, list) and not any(isinstance(x, list) for x in h):
            for i in range(len(h) - len(val) + 1):
                if h[i:i + len(val)] == val:
                    return True
            # a summarised sequence: contiguous run of the var's per-hit values at some line
            for line, snaps in at_line.items():
                seq = [s[var] for s in snaps if var in s]
                for i in range(len(seq) - len(val) + 1):
                    if seq[i:i + len(val)] == val:
                        return True
        return False
    raise ValueError(what)

def main():
    items = [json.loads(l) for l in open(HERE) if l.strip()]
    report, bad = [], 0
    for it in items:
        errs = []
        ex = run(it["code"], it["call"])
        result = ex[1]
        if repr(result) != it["returned"]:
            errs.append(f"returned {repr(result)} != {it['returned']}")
        ns = ex[0]
        # answer
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == result
        else:
            ns2 = {}
            exec(it["code"], ns2)
            ans_ok = eval(it["answer"], ns2) == result
        err = it["error"]
        if it["label"] == "faithful":
            if not ans_ok:
                errs.append("answer wrong")
            for c in it["claims"]:
                if not check_claim(c, ex, it):
                    errs.append(f"false claim: {c['quote']!r}")
        else:
            k = err["kind"]
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    errs.append("error answer is actually right")
            elif not ans_ok and not err.get("carried"):
                errs.append("answer wrong in non-carried copy")
            ecl = [c for c in it["claims"] if c["quote"] in err["quote"] or err["quote"] in c["quote"]]
            if k not in ("backward_wrong_input",) and not ecl:
                errs.append("no claim matches error quote")
            for c in it["claims"]:
                ok = check_claim(c, ex, it)
                if c in ecl:
                    if it["id"] in AT:
                        spec = AT[it["id"]]
                        var, line, kk = spec[:3]
                        stated = spec[3] if len(spec) > 3 else lit(c["value"])
                        at = ex[3][line][kk][var]
                        if at == stated:
                            errs.append(f"held-elsewhere value true at point: {c['quote']!r}")
                        if err.get("held_elsewhere") and stated not in ex[2][var]:
                            errs.append(f"held_elsewhere but never held: {c['quote']!r}")
                    elif ok and k not in ("wrong_final_answer",):
                        errs.append(f"error claim is actually true: {c['quote']!r}")
                    elif k == "wrong_final_answer" and ok:
                        errs.append("wrong final answer is true")
                elif not ok and not err.get("carried"):
                    errs.append(f"non-error claim false: {c['quote']!r}")
            if err.get("held_elsewhere") and it["id"] not in AT:
                errs.append("held_elsewhere without point check")
        status = "PASS" if not errs else "FAIL"
        bad += bool(errs)
        report.append(f"{status} {it['id']} ({it['label']}, {it.get('error') and it['error']['kind']}, claims={len(it['claims'])})" + ("".join("\n    " + e for e in errs)))
    report.append(f"\n{len(items) - bad}/{len(items)} items pass")
    print("\n".join(report))
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
