"""Standalone checker for w391 narrations: re-executes every call under sys.settrace and
checks returned values, every claim of faithful items and the planted error of error copies."""
import ast, copy, json, sys
from collections import defaultdict

FN = "<w391-prog>"

def run(code, call):
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    hist = defaultdict(list)      # var -> list of successive values (all frames, in order)
    last = {}                     # (frame id, var) -> repr
    lines = defaultdict(int)      # line_no -> executions; also (line_no, func, k) per k-th call of func
    ncalls = defaultdict(int); fcall = {}
    def snap(frame):
        loc = frame.f_locals
        items = []
        for k, v in loc.items():
            if k == "self":
                for ak, av in getattr(v, "__dict__", {}).items():
                    items.append(("self." + ak, av))
            else:
                items.append((k, v))
        for k, v in items:
            try:
                r = repr(v)
            except Exception:
                continue
            h = hist[k]
            if not h or repr(h[-1]) != r:
                try:
                    hist[k].append(copy.deepcopy(v))
                except Exception:
                    hist[k].append(r)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == "call":
            ncalls[frame.f_code.co_name] += 1
            fcall[id(frame)] = ncalls[frame.f_code.co_name]
        if event == "line":
            snap(frame)
            lines[frame.f_lineno] += 1
            lines[(frame.f_lineno, frame.f_code.co_name, fcall.get(id(frame)))] += 1
        elif event == "return":
            snap(frame)
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(compile(call, FN + "call", "eval"), ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def plain_eval(call, code):
    ns = {}
    exec(code, ns)
    return eval(call, ns)

def derive(hist, v):
    """History of an item like best[2]: best's successive values projected on key 2."""
    base, key = v.split("[", 1)
    key = ast.literal_eval(key[:-1])
    out = []
    for d in hist.get(base, []):
        try:
            x = d[key]
        except Exception:
            continue
        if not out or repr(out[-1]) != repr(x):
            out.append(x)
    return out

def count_of(lab, lines):
    """'loop@line N': times line N ran (N = first line of the loop body);
    'header@line N': times the loop header on line N ran, minus the final exit test;
    'loop@line N in f#K': times line N ran during the K-th call of f."""
    if " in " in lab:
        left, right = lab.split(" in ")
        f, k = right.split("#")
        return lines[(int(left.split("@line")[1]), f, int(k))]
    n = lines[int(lab.split("@line")[1])]
    return n - 1 if lab.startswith("header@") else n

def lit(s):
    return ast.literal_eval(s)

def eq(a, b):
    return type(a) == type(b) and a == b or (isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and not isinstance(b, bool) and a == b)

def check_claim(c, ret, hist, lines, code):
    """Return None if the claim is true, else a message."""
    w, val = c["what"], lit(c["value"])
    if w == "value":
        v = c["variable"]
        if v and v not in hist and "[" in v:
            hist[v] = derive(hist, v)
        pool = hist.get(v, []) if v else [x for h in hist.values() for x in h] + [ret]
        if v and v not in hist:
            return f"variable {v} never recorded"
        if not any(eq(x, val) for x in pool):
            return f"{v} never holds {val!r} (history {pool[:12]!r})"
        if "index" in c and not eq(hist[v][c["index"]], val):
            return f"{v}[{c['index']}] is {hist[v][c['index']]!r}, not {val!r}"
    elif w == "count":
        n = count_of(c["variable"], lines)
        if n != val:
            return f"{lab} runs {n} times, not {val}"
    elif w in ("comparison", "arith"):
        got = eval(c["expr"])
        if not eq(got, val):
            return f"{c['expr']} gives {got!r}, not {val!r}"
    elif w == "return":
        if not eq(ret, val):
            return f"return is {ret!r}, not {val!r}"
    elif w == "call":
        got = plain_eval(c["expr"], code)
        if not eq(got, val):
            return f"{c['expr']} returns {got!r}, not {val!r}"
    return None

def check_error(item, ret, hist, lines):
    e = item["error"]; ck = e["check"]; t = ck["type"]
    if t == "answer":
        if item["direction"] == "forward":
            a = lit(item["answer"])
            return None if not eq(a, ret) else "forward answer is actually right"
        got = plain_eval(item["answer"], item["code"])
        return None if not eq(got, ret) else "backward answer actually returns the output"
    stated = lit(ck.get("stated_value", e["stated"]))
    if t == "at":
        if ck["variable"] not in hist and "[" in ck["variable"]:
            hist[ck["variable"]] = derive(hist, ck["variable"])
        h = hist[ck["variable"]]
        true = h[ck["index"]]
        if eq(true, stated):
            return f"{ck['variable']}[{ck['index']}] really is {stated!r}"
        if e.get("held_elsewhere"):
            if not any(eq(x, stated) for x in h) and not any(eq(x, stated) for hh in hist.values() for x in hh):
                return "held_elsewhere but value never held"
        return None
    if t == "never":
        if ck["variable"] not in hist and "[" in ck["variable"]:
            hist[ck["variable"]] = derive(hist, ck["variable"])
        if any(eq(x, stated) for x in hist[ck["variable"]]):
            return f"{ck['variable']} does hold {stated!r}"
        return None
    if t == "count":
        n = count_of(ck["label"], lines) if "label" in ck else lines[ck["line"]]
        if n == stated:
            return f"count really is {n}"
        if e.get("held_elsewhere"):
            other = eval(ck["held_expr"], {"lines": lines, "hist": hist, "len": len})
            if other != stated:
                return f"held_elsewhere count {stated!r} is not {ck['held_expr']} = {other!r}"
        return None
    if t in ("arith", "comparison"):
        got = eval(ck["expr"])
        if eq(got, stated):
            return f"{ck['expr']} really is {stated!r}"
        if e.get("held_elsewhere") and not any(eq(x, stated) for hh in hist.values() for x in hh):
            return "held_elsewhere but the stated value is never held"
        return None
    return f"unknown check {t}"

def main():
    items = [json.loads(l) for l in open("narrations.jsonl", encoding="utf-8") if l.strip()]
    fails = 0; out = []
    byid = {i["id"]: i for i in items}
    nclaims = 0
    for it in items:
        probs = []
        ret, hist, lines = run(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append(f"returned {ret!r} != {it['returned']}")
        rat = it["rationale"]
        last = rat.rstrip().splitlines()[-1]
        if not last.startswith("Answer:") and not last.startswith("Predicted Output:"):
            probs.append("last line is not an Answer line")
        if it["answer"] not in last:
            probs.append("answer not in last line")
        for c in it["claims"]:
            nclaims += 1
            if c["quote"] not in rat:
                probs.append(f"claim quote not in rationale: {c['quote']!r}")
            if it["label"] == "error" and (c.get("is_error") or c.get("carried")):
                continue
            m = check_claim(c, ret, hist, lines, it["code"])
            if m:
                probs.append(f"claim {c['quote']!r}: {m}")
        if it["label"] == "faithful":
            if it["direction"] == "forward":
                if not eq(lit(it["answer"]), ret):
                    probs.append("forward answer wrong")
            else:
                if not eq(plain_eval(it["answer"], it["code"]), ret):
                    probs.append("backward answer wrong")
        else:
            e = it["error"]
            if e["quote"] not in rat:
                probs.append("error quote not in rationale")
            if it["faithful_id"] not in byid:
                probs.append("faithful_id missing")
            elif byid[it["faithful_id"]]["rationale"] == rat:
                probs.append("error copy identical to faithful")
            if not any(c.get("is_error") and c["quote"] in rat for c in it["claims"]):
                probs.append("no is_error claim for the planted error")
            m = check_error(it, ret, hist, lines)
            if m:
                probs.append("error not false: " + m)
            if e["kind"] != "wrong_final_answer" and e["kind"] != "backward_wrong_input":
                if it["direction"] == "forward" and not eq(lit(it["answer"]), ret):
                    probs.append("non-answer error copy has wrong answer")
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        out.append(f"{status} {it['id']} ({len(it['claims'])} claims)")
        out.extend("    " + p for p in probs)
    out.append(f"\n{len(items)} items, {nclaims} claims, {fails} failing")
    txt = "\n".join(out)
    print(txt)
    open("check_report.txt", "w").write(txt + "\n")
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
