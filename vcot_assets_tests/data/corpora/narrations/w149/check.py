"""Standalone checker for w149 narrations: re-executes every program with sys.settrace,
records each variable's value history (consecutive duplicates collapsed) plus line-hit and
call counts, then checks the claims of faithful items and the falsity of each error copy."""
import ast, copy, json, sys
from collections import defaultdict

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call):
    ns = {"__name__": "program"}
    exec(compile(code, "<program>", "exec"), ns)
    hist = defaultdict(list)       # var -> history of values
    lines = defaultdict(int)       # line number -> hits
    calls = defaultdict(int)       # function name -> calls
    def rec(name, val):
        h = hist[name]
        v = snap(val)
        if not h or not (type(h[-1]) is type(v) and h[-1] == v):
            h.append(v)
    def record_locals(frame):
        for k, v in frame.f_locals.items():
            if hasattr(v, "__dict__") and type(v).__module__ == "program":
                for a, av in vars(v).items():
                    rec(f"{k}.{a}", av)
            else:
                rec(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<program>":
            return None
        if event == "call":
            calls[frame.f_code.co_name] += 1
        if event == "line":
            lines[frame.f_lineno] += 1
        record_locals(frame)
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return result, hist, lines, calls

def evalcall(code, call):
    ns = {"__name__": "program_b"}
    exec(code, ns)
    return eval(call, ns)

def arith_value(claim):
    expr = claim.get("expr")
    if expr is None:
        q = claim["quote"]
        lhs = q.rsplit("=", 1)[0] if "==" not in q else q
        expr = lhs.strip().rstrip("=").strip()
    return eval(expr.replace("`", ""), {})

def count_actual(label, lines, calls):
    if label.startswith("loop@line"):
        n = int(label.split()[-1])
        return lines.get(n + 1, 0)
    if label.startswith("header@line"):   # a loop header is evaluated once more than the body runs
        return lines.get(int(label.split()[-1]), 0) - 1
    if label.startswith("line@"):
        return lines.get(int(label[5:]), 0)
    if label.startswith("calls@"):
        return calls.get(label[6:], 0)
    raise ValueError(label)

def claim_true(c, ctx):
    result, hist, lines, calls, code = ctx
    val = ast.literal_eval(c["value"]) if isinstance(c["value"], str) else c["value"]
    w = c["what"]
    if w in ("value", "call") and "expr" not in c:
        h = hist.get(c["variable"], [])
        if c.get("seq") == "sub":      # listed values occur in this order
            it = iter(h)
            return all(any(x == v for x in it) for v in val), f"history={h!r}"
        if c.get("seq") == "slice":    # listed values are consecutive states
            n = len(val)
            return any(h[i:i + n] == list(val) for i in range(len(h) - n + 1)), f"history={h!r}"
        if "index" in c:
            return c["index"] < len(h) and h[c["index"]] == val, f"history[{c['index']}]={h[c['index']] if c['index'] < len(h) else None!r}"
        return any(type(x) is type(val) and x == val or x == val for x in h), f"history={h!r}"
    if w == "call":
        ns = {}
        exec(code, ns)
        got = eval(c["expr"], ns)
        return got == val, f"{c['expr']} -> {got!r}"
    if w == "count":
        got = count_actual(c["variable"], lines, calls)
        return got == val, f"count={got}"
    if w == "comparison":
        got = bool(eval(c.get("expr", c["quote"]).replace("`", ""), {}))
        return got == val, f"eval -> {got}"
    if w == "arith":
        got = arith_value(c)
        return got == val, f"eval -> {got!r}"
    if w == "return":
        return result == val, f"returned {result!r}"
    raise ValueError(w)

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    out, fails = [], 0
    cache = {}
    for it in items:
        probs = []
        key = (it["code"], it["call"])
        if key not in cache:
            r, h, ln, cl = run(it["code"], it["call"])
            cache[key] = (r, h, ln, cl, it["code"])
        ctx = cache[key]
        result = ctx[0]
        if repr(result) != it["returned"]:
            probs.append(f"returned mismatch {result!r} vs {it['returned']}")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append(f"claim quote not in rationale: {c['quote']!r}")
        last = it["rationale"].rstrip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            probs.append(f"answer field/line mismatch: {last!r}")
        err = it["error"]
        if it["direction"] == "forward":
            ans_ok = ast.literal_eval(it["answer"]) == result
        else:
            try:
                ans_ok = evalcall(it["code"], it["answer"]) == result
            except Exception as e:
                ans_ok = False
        if it["label"] == "faithful":
            if not ans_ok:
                probs.append("faithful answer wrong")
            for c in it["claims"]:
                ok, info = claim_true(c, ctx)
                if not ok:
                    probs.append(f"false claim {c['quote']!r}: {info}")
        else:
            k = err["kind"]
            if err["quote"] not in it["rationale"]:
                probs.append("error quote not in rationale")
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    probs.append("error answer is actually correct")
            else:
                if not ans_ok and not err.get("carried"):
                    probs.append("answer should stay right for this kind")
                ec = [c for c in it["claims"] if c["quote"] == err["quote"]]
                if not ec:
                    probs.append("error claim missing from claims")
                for c in ec:
                    ok, info = claim_true(c, ctx)
                    if ok:
                        probs.append(f"error claim is TRUE at that point: {info}")
                    if k == "impossible_state" and c["what"] == "value":
                        h = ctx[1].get(c["variable"], [])
                        v = ast.literal_eval(c["value"])
                        if v in h:
                            probs.append("impossible_state value does occur")
                    if err.get("held_elsewhere"):
                        v = ast.literal_eval(c["value"])
                        everywhere = [x for hh in ctx[1].values() for x in hh]
                        if c["what"] == "count":
                            everywhere += list(ctx[2].values())
                        if c.get("seq"):   # every listed element is a value the program does hold somewhere
                            if not all(x in everywhere for x in v):
                                probs.append("held_elsewhere but a listed value is never held")
                        elif v not in everywhere:
                            probs.append("held_elsewhere but value never held")
            # the non-error claims of error copies must still hold
            for c in it["claims"]:
                if c["quote"] == err["quote"] or c.get("carried"):
                    continue
                ok, info = claim_true(c, ctx)
                if not ok:
                    probs.append(f"non-error claim false {c['quote']!r}: {info}")
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        out.append(f"{status} {it['id']}" + ("" if not probs else "\n    " + "\n    ".join(probs)))
    out.append(f"\n{len(items)} items, {len(items)-fails} pass, {fails} fail")
    print("\n".join(out))
    return fails

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
