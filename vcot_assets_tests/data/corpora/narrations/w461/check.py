#!/usr/bin/env python3
"""Standalone checker for w461 narrations: re-executes each program under sys.settrace
and checks returned values, every claim of faithful items, and that each error copy's
error is really false at the point it is stated."""
import ast, copy, json, re, sys

FN = "<w461prog>"

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call):
    hist = {}          # name -> list of distinct consecutive values (across frames of the program)
    lines = []         # sequence of (frame id, line no)
    g = {"__name__": "w461prog"}
    exec(compile(code, FN, "exec"), g)
    def rec(frame):
        loc = frame.f_locals
        items = [(k, v) for k, v in loc.items()]
        if "self" in loc:
            try:
                for a, v in vars(loc["self"]).items():
                    items.append(("self." + a, v))
            except TypeError:
                pass
        for k, v in items:
            if k == "self":
                continue
            h = hist.setdefault(k, [])
            s = snap(v)
            if not h or h[-1] != s:
                h.append(s)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        def local(frame, event, arg):
            rec(frame)
            if event == "line":
                lines.append((id(frame), frame.f_lineno))
            return local
        rec(frame)
        return local
    sys.settrace(tracer)
    try:
        result = eval(compile(call, FN + "call", "eval"), g)
    finally:
        sys.settrace(None)
    return result, hist, lines

def line_count(lines, n):
    return sum(1 for _, l in lines if l == n)

def branch(lines, n, occ):
    """truth of the occ-th (1-based) evaluation of the condition on line n:
    true iff the next line executed in the same frame is n+1."""
    seen = 0
    for idx, (fid, l) in enumerate(lines):
        if l == n:
            seen += 1
            if seen == occ:
                for fid2, l2 in lines[idx + 1:]:
                    if fid2 == fid:
                        return l2 == n + 1
                return False
    raise KeyError(f"line {n} occurrence {occ} never reached")

def derived(hist, name):
    """history of name, where name may be 'd[key]' (a dict/list entry), deduplicated."""
    if name in hist:
        return hist[name]
    m = re.fullmatch(r"(.+?)\[(.+)\]", name)
    base, key = m.group(1), ast.literal_eval(m.group(2))
    out = []
    for v in hist[base]:
        try:
            x = v[key]
        except (KeyError, IndexError, TypeError):
            continue
        if not out or out[-1] != x:
            out.append(x)
    return out

class _H(dict):
    def __missing__(self, k):
        return derived(self.base, k)

def hist_at(hist, spec):
    """'x' -> whole history; 'x#k' -> k-th value (1-based); 'x@a..b' -> slice list."""
    h2 = _H(); h2.base = hist; hist = h2
    m = re.fullmatch(r"(.+)#(\d+)", spec)
    if m:
        return "at", hist[m.group(1)][int(m.group(2)) - 1]
    m = re.fullmatch(r"(.+)@(\d+)\.\.(\d+)", spec)
    if m:
        return "at", hist[m.group(1)][int(m.group(2)) - 1:int(m.group(3))]
    return "any", hist[spec]

def count_of(lines, spec):
    m = re.fullmatch(r"loop@line (\d+)", spec)
    if m:   # iterations = executions of the loop header that continue into the body (line N+1)
        n = int(m.group(1))
        total = 0
        for idx, (fid, l) in enumerate(lines):
            if l == n:
                nxt = next((l2 for fid2, l2 in lines[idx + 1:] if fid2 == fid), None)
                total += (nxt == n + 1)
        return total
    m = re.fullmatch(r"line@(\d+)", spec)
    if m:
        return line_count(lines, int(m.group(1)))
    raise ValueError(spec)

def arith_value(quote, expr=None):
    if expr is None:
        q = quote.replace("`", "")
        expr = re.split(r"\s=\s|=(?=\s*-?\d)", q)[0]
    return eval(expr, {"abs": abs, "len": len, "min": min, "max": max})

def check_claim(c, res, hist, lines, g_call_eval):
    """returns True if the claim is true of the execution."""
    what, var = c["what"], c.get("variable")
    val = ast.literal_eval(c["value"]) if isinstance(c["value"], str) else c["value"]
    if what == "value":
        mode, h = hist_at(hist, var)
        return (h == val) if mode == "at" else (val in h)
    if what == "count":
        return count_of(lines, var) == val
    if what == "comparison":
        if c.get("expr"):
            return eval(c["expr"]) == val
        m = re.fullmatch(r"if@line (\d+)#(\d+)", var)
        return branch(lines, int(m.group(1)), int(m.group(2))) == val
    if what == "arith":
        return arith_value(c["quote"], c.get("expr")) == val
    if what == "return":
        return res == val
    if what == "call":
        return g_call_eval(val) == res
    raise ValueError(what)

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")]
    progs = {json.loads(l)["id"]: json.loads(l) for l in open("programs.jsonl")}
    bad = 0
    out = []
    for it in items:
        probs = []
        res, hist, lines = run(it["code"], it["call"])
        def call_eval(s, code=it["code"]):
            g = {}
            exec(code, g)
            return eval(s, g)
        if repr(res) != it["returned"]:
            probs.append(f"returned {it['returned']} != {res!r}")
        p = progs.get(it["program_id"])
        if p is None or p["returned"] != it["returned"] or len(p["events"]) != it["trace_events"]:
            probs.append("programs.jsonl mismatch")
        last = it["rationale"].rstrip().splitlines()[-1]
        if last.strip() != "Answer: " + it["answer"]:
            probs.append("last line is not the Answer line")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append(f"quote not in rationale: {c['quote']!r}")
        err = it["error"]
        errq = err["quote"] if err else None
        if err and errq not in it["rationale"]:
            probs.append("error quote not in rationale")
        for c in it["claims"]:
            if err and c["quote"] == errq:
                continue
            try:
                ok = check_claim(c, res, hist, lines, call_eval)
            except Exception as e:
                ok = False
                probs.append(f"claim error {c}: {e}")
            if not ok:
                probs.append(f"false claim: {c['quote']!r} ({c['variable']}={c['value']})")
        # answer
        if it["direction"] == "forward":
            ans_ok = ast.literal_eval(it["answer"]) == res
        else:
            try:
                ans_ok = call_eval(it["answer"]) == res
            except Exception:
                ans_ok = False
        if err is None or err["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
            if not ans_ok:
                probs.append("answer wrong")
        if it["label"] == "faithful" and err is not None:
            probs.append("faithful item has error")
        if err:
            # confirm the error is false at its point
            chk = err["check"]
            kind = err["kind"]
            stated = ast.literal_eval(err["stated"]) if kind not in ("backward_wrong_input", "wrong_final_answer", "swapped_variables") else None
            if kind in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    probs.append("error answer is actually right")
            elif "arith" in chk:
                if eval(chk["arith"], {"abs": abs, "min": min, "max": max}) == stated:
                    probs.append("wrong_arithmetic is actually right")
            elif "count" in chk:
                if count_of(lines, chk["count"]) == stated:
                    probs.append("count is actually right")
            elif "branch" in chk:
                m = re.fullmatch(r"if@line (\d+)#(\d+)", chk["branch"])
                if branch(lines, int(m.group(1)), int(m.group(2))) == stated:
                    probs.append("branch claim actually right")
            elif "expr" in chk:
                if eval(chk["expr"]) == stated:
                    probs.append("condition claim actually right")
            elif "vars" in chk:
                for spec, sv in zip(chk["vars"], chk["stated_values"]):
                    mode, h = hist_at(hist, spec)
                    if (mode == "at" and h == sv) or (mode == "any" and sv in h):
                        probs.append(f"swapped var {spec} actually right")
            elif "var" in chk:
                mode, h = hist_at(hist, chk["var"])
                if mode == "at" and h == stated:
                    probs.append("stated value is right at that point")
                if kind == "impossible_state":
                    name = re.split(r"[#@]", chk["var"])[0]
                    if stated in derived(hist, name):
                        probs.append("impossible_state value does occur")
            else:
                probs.append("no check spec")
            if err.get("held_elsewhere"):
                allvals = [v for h in hist.values() for v in h]
                if isinstance(stated, list):
                    okh = any(v == stated for v in allvals) or all(any(x == v for v in allvals) for x in stated)
                else:
                    okh = any(v == stated for v in allvals) or (kind == "off_by_one_loop_count")
                    if not okh and "var" in chk:
                        okh = stated in derived(hist, re.split(r"[#@]", chk["var"])[0])
                if not okh:
                    probs.append("held_elsewhere value never held")
            # the error claim must be among claims, and must itself be false of the execution
            ecl = [c for c in it["claims"] if c["quote"] == errq]
            if not ecl:
                probs.append("error quote not in claims")
            for c in ecl:
                try:
                    if check_claim(c, res, hist, lines, call_eval):
                        probs.append("error claim evaluates true")
                except Exception as e:
                    probs.append(f"error claim not checkable: {e}")
            if "var" in chk and kind not in ("impossible_state",):
                mode, h = hist_at(hist, chk["var"])
                if mode == "any" and stated in h:
                    probs.append("stated value does occur for this variable")
        status = "PASS" if not probs else "FAIL"
        bad += bool(probs)
        out.append(f"{status} {it['id']}" + ("" if not probs else ": " + "; ".join(probs)))
    out.append(f"\n{len(items) - bad}/{len(items)} items pass")
    print("\n".join(out))
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
