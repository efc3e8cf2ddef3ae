"""Standalone checker for w72 narrations: re-executes every call under sys.settrace and
checks claims, answers and error copies against the real execution (no tool code used)."""
import ast, copy, json, sys, re

def run_traced(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    snaps = []          # (event, lineno, funcname, locals-copy)
    lines = {}          # lineno -> hit count
    returns = {}        # funcname -> list of return values
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event in ("line", "return"):
            try:
                loc = copy.deepcopy(dict(frame.f_locals))
            except Exception:
                loc = dict(frame.f_locals)
            snaps.append((event, frame.f_lineno, frame.f_code.co_name, loc))
            if event == "line":
                lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            else:
                returns.setdefault(frame.f_code.co_name, []).append(copy.deepcopy(arg))
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, g)
    finally:
        sys.settrace(None)
    return g, result, snaps, lines, returns

def history(expr, snaps):
    out = []
    for ev, ln, fn, loc in snaps:
        try:
            v = eval(expr, {}, loc)
        except Exception:
            continue
        if not out or out[-1] != v or type(out[-1]) != type(v):
            out.append(v)
    return out

def value_at(at, snaps):
    if "index" in at:
        h = history(at["var"], snaps)
        return h[at["index"]]
    k = -1
    for ev, ln, fn, loc in snaps:
        if ev == "line" and ln == at["line"]:
            k += 1
            if k == at["hit"]:
                return eval(at["expr"], {}, loc)
    raise ValueError("no such point %r" % at)

WORDS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()

def count_between(at, snaps):
    """hits of line at['count_line'] after the at['from_hit']-th hit of at['from_line'],
    up to the next hit of from_line."""
    k, n, on = -1, 0, False
    for ev, ln, fn, loc in snaps:
        if ev != "line":
            continue
        if ln == at["from_line"]:
            k += 1
            if on:
                break
            on = (k == at["from_hit"])
        elif on and ln == at["count_line"]:
            n += 1
    return n

def lit(s):
    if isinstance(s, str) and s.strip().lower() in WORDS:
        return WORDS.index(s.strip().lower())
    try:
        return ast.literal_eval(s)
    except Exception:
        return s

def arith_split(q):
    for sep in (" = ", "=", " returns ", " is ", " gives "):
        if sep in q:
            lhs, rhs = q.rsplit(sep, 1)
            return lhs.strip().strip("`"), rhs.strip().strip("`")
    raise ValueError("arith quote without result: " + q)

def check_claim(c, run, item):
    g, result, snaps, lines, returns = run
    w, val = c["what"], lit(c["value"])
    if c["quote"] not in item["rationale"]:
        return "quote not in rationale: %r" % c["quote"]
    if w == "arith":
        lhs, _ = arith_split(c["quote"])
        got = eval(lhs, {})
        return None if got == val else "arith %r gives %r" % (lhs, got)
    if w == "count" and "at" in c:
        got = count_between(c["at"], snaps)
        return None if got == val else "count %r is %r" % (c["at"], got)
    if w == "count":
        m = re.match(r"loop@line (\d+)", c["variable"])
        got = lines.get(int(m.group(1)), 0)
        return None if got == val else "count %s is %r" % (c["variable"], got)
    if w == "return":
        fn = c["variable"] or item["function"]
        vals = returns.get(fn, [])
        return None if val in vals else "%s never returned %r (%r)" % (fn, val, vals)
    if w == "call":
        got = eval(c["variable"], g)
        return None if got == val else "call gives %r" % (got,)
    if c.get("at", {}).get("seq"):
        h = history(c["variable"], snaps)
        n = len(val)
        ok = any(h[i:i + n] == list(val) for i in range(len(h) - n + 1))
        return None if ok else "sequence %r not in history of %s" % (val, c["variable"])
    if "at" in c:
        got = value_at(c["at"], snaps)
        return None if got == val else "at %r value %r" % (c["at"], got)
    h = history(c["variable"], snaps)
    return None if val in h else "%s never %r (history %r)" % (c["variable"], val, h[:12])

def check_error(e, run, item):
    g, result, snaps, lines, returns = run
    k = e["kind"]
    if e["quote"] not in item["rationale"]:
        return "error quote not in rationale"
    if e["stated"] not in e["quote"]:
        return "stated not in quote"
    stated = lit(e["stated"])
    if k == "wrong_final_answer":
        return None if lit(item["answer"]) != result else "final answer is right"
    if k == "backward_wrong_input":
        try:
            got = eval(item["answer"], g)
        except Exception as ex:
            return None
        return None if got != result else "wrong input actually returns output"
    if k == "wrong_arithmetic":
        lhs, _ = arith_split(e["quote"])
        bad = eval(lhs, {}) != stated
        if not bad:
            return "arith is right"
    elif k == "off_by_one_loop_count":
        if "count_line" in e["at"]:
            got = count_between(e["at"], snaps)
        else:
            m = re.match(r"loop@line (\d+)", e["at"]["loop"])
            got = lines.get(int(m.group(1)), 0)
        if abs(got - stated) != 1:
            return "count %r vs stated %r not off by one" % (got, stated)
    elif k == "branch_not_taken":
        got = value_at(e["at"], snaps)
        if isinstance(stated, str):
            stated = stated.lower() in ("true", "holds", "yes", "taken")
        if bool(got) == bool(stated):
            return "branch claim is true"
    else:
        got = value_at(e["at"], snaps)
        if got == stated:
            return "stated value is true at that point"
        if lit(e["actual"]) != got:
            return "recorded actual %r but execution gives %r" % (e["actual"], got)
    # final answer must still be right except for kinds that change it
    if k not in ("wrong_final_answer", "backward_wrong_input") and not e.get("carried"):
        if item["direction"] == "forward" and lit(item["answer"]) != result:
            return "answer changed"
    if e.get("held_elsewhere"):
        allv = set()
        def walk(v, depth):
            allv.add(repr(v))
            if depth == 0:
                return
            if isinstance(v, dict):
                for x in v.values():
                    walk(x, depth - 1)
            elif isinstance(v, (list, tuple)):
                for x in v:
                    walk(x, depth - 1)
            for a in getattr(v, "__dict__", {}).values():
                walk(a, depth - 1)
        for ev, ln, fn, loc in snaps:
            for v in loc.values():
                walk(v, 3)
        if k == "off_by_one_loop_count":
            pass
        elif repr(stated) not in allv:
            return "held_elsewhere but %r never held" % (stated,)
    return None

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")]
    fails = 0
    out = []
    cache = {}
    for it in items:
        probs = []
        key = (it["code"], it["call"])
        if key not in cache:
            cache[key] = run_traced(it["code"], it["call"])
        run = cache[key]
        result = run[1]
        if repr(result) != it["returned"]:
            probs.append("returned mismatch %r" % (result,))
        if not it["rationale"].rstrip().endswith("Answer: " + it["answer"]) and \
           ("Answer: " + it["answer"]) not in it["rationale"].strip().splitlines()[-1]:
            probs.append("answer line mismatch")
        wrongq = it["error"]["quote"] if it["error"] else None
        for c in it["claims"]:
            if it["label"] == "error" and c["quote"] == wrongq:
                continue
            try:
                p = check_claim(c, run, it)
            except Exception as ex:
                p = "claim error %r: %s" % (c["quote"], ex)
            if p:
                probs.append(p)
        if it["label"] == "faithful" or (not it["error"].get("carried")) and it["error"]["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
            if it["direction"] == "forward":
                if lit(it["answer"]) != result:
                    probs.append("forward answer wrong")
            else:
                g = run[0]
                if eval(it["answer"], g) != result:
                    probs.append("backward answer does not reproduce output")
        if it["label"] == "error":
            try:
                p = check_error(it["error"], run, it)
            except Exception as ex:
                p = "error check failed: %s" % ex
            if p:
                probs.append(p)
        status = "FAIL" if probs else "ok"
        fails += bool(probs)
        out.append("%-24s %-6s %s" % (it["id"], status, "; ".join(probs)))
    out.append("items: %d  failures: %d" % (len(items), fails))
    print("\n".join(out))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
