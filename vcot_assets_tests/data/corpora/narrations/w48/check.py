#!/usr/bin/env python3
"""Standalone checker for w48 narrations: re-executes each program with sys.settrace,
records every local (and self attribute) at each line/return event, and verifies claims."""
import ast, copy, json, re, sys

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    snaps = []          # dicts of locals (deep-copied) at each event
    lines = []          # (frame id, lineno) line events
    serial = {}
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "call":
            serial[id(frame)] = len(serial) + 1 + sum(serial.values())
        if event in ("line", "return"):
            loc = {}
            for k, v in frame.f_locals.items():
                try:
                    loc[k] = copy.deepcopy(v)
                except Exception:
                    loc[k] = v
            if event == "return":
                loc["__return__"] = arg
            snaps.append(loc)
            if event == "line":
                lines.append((serial[id(frame)], frame.f_lineno))
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return result, snaps, lines, ns

def history(expr, snaps):
    vals = []
    for s in snaps:
        try:
            vals.append(eval(expr, dict(s)))
        except Exception:
            pass
    return vals

def loop_counts(code, lineno, lines):
    tree = ast.parse(code)
    node = None
    for n in ast.walk(tree):
        if isinstance(n, (ast.For, ast.While)) and n.lineno == lineno:
            node = n
    if node is None:
        raise ValueError(f"no loop at line {lineno}")
    first, end = node.body[0].lineno, node.end_lineno
    entries, prev = [], {}
    for fid, ln in lines:
        p = prev.get(fid)
        if ln == lineno and (p is None or not (lineno <= p <= end)):
            entries.append(0)
        if ln == first and p == lineno and entries:
            entries[-1] += 1
        prev[fid] = ln
    return entries

def eq(a, b):
    return type(a) == type(b) and a == b or (isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and not isinstance(b, bool) and a == b)

def collapse(xs):
    out = []
    for x in xs:
        if not out or not eq(out[-1], x):
            out.append(x)
    return out

def arith_expr(c):
    if c.get("expr"):
        return c["expr"]
    q = c["quote"].strip("` ")
    if " = " in q or "=" in q and "==" not in q:
        return q.rsplit("=", 1)[0].strip("` ")
    if " is " in q:
        return q.rsplit(" is ", 1)[0].strip("` ")
    raise ValueError("cannot parse arith " + q)

def claim_ok(c, item, run):
    result, snaps, lines, ns = run
    what = c["what"]
    val = ast.literal_eval(c["value"])
    if what == "value" and c.get("seq"):
        h, want = collapse(history(c["variable"], snaps)), collapse(val)
        return any(all(eq(a, b) for a, b in zip(h[i:i + len(want)], want)) and len(h[i:i + len(want)]) == len(want)
                   for i in range(len(h)))
    if what == "value":
        return any(eq(v, val) for v in history(c["variable"], snaps))
    if what == "count":
        m = re.match(r"loop@line (\d+)", c["variable"])
        cnts = loop_counts(item["code"], int(m.group(1)), lines)
        return val in cnts or val == sum(cnts)
    if what in ("comparison", "arith"):
        e = arith_expr(c)
        v = eval(e, {}, {})
        return bool(v) == val if what == "comparison" else eq(v, val)
    if what == "return":
        return eq(result, val)
    if what == "call":
        return eq(eval(c["variable"], dict(ns)), val)
    raise ValueError(what)

def check_item(item):
    probs = []
    run = run_traced(item["code"], item["call"])
    result = run[0]
    if repr(result) != item["returned"]:
        probs.append(f"returned mismatch {result!r} vs {item['returned']}")
    if item["rationale"].rstrip().splitlines()[-1].find(item["answer"]) < 0:
        probs.append("answer not in last line")
    for c in item["claims"]:
        if c["quote"] not in item["rationale"]:
            probs.append(f"quote not in rationale: {c['quote']!r}")
    # answer
    if item["direction"] == "forward":
        ans_ok = eq(ast.literal_eval(item["answer"]), result)
    else:
        ans_ok = eq(eval(item["answer"], dict(run[3])), ast.literal_eval(item["returned"]))
    err = item["error"]
    if item["label"] == "faithful":
        if not ans_ok:
            probs.append("faithful answer wrong")
        for c in item["claims"]:
            try:
                if not claim_ok(c, item, run):
                    probs.append(f"false claim: {c}")
            except Exception as ex:
                probs.append(f"claim error {c}: {ex}")
    else:
        if err["quote"] not in item["rationale"]:
            probs.append("error quote missing")
        if err["kind"] in ("wrong_final_answer", "backward_wrong_input"):
            if ans_ok:
                probs.append("error answer is actually right")
        else:
            if not ans_ok and not err.get("carried"):
                probs.append("answer wrong in a non-answer error copy")
            ecl = [c for c in item["claims"] if c["quote"] == err["quote"]]
            if not ecl:
                probs.append("no claim for error quote")
            for c in ecl:
                try:
                    if claim_ok(c, item, run):
                        probs.append(f"error claim is true: {c}")
                except Exception as ex:
                    probs.append(f"error claim check failed {c}: {ex}")
        for c in item["claims"]:
            if c["quote"] == err["quote"] or c.get("carried"):
                continue
            try:
                if not claim_ok(c, item, run):
                    probs.append(f"false non-error claim: {c}")
            except Exception as ex:
                probs.append(f"claim error {c}: {ex}")
    return probs

def main(path):
    items = [json.loads(l) for l in open(path)]
    bad = 0
    out = []
    for it in items:
        p = check_item(it)
        n = len(it["claims"])
        out.append(f"{'PASS' if not p else 'FAIL'} {it['id']} ({it['label']}, {n} claims)")
        for x in p:
            out.append("    " + x)
        bad += bool(p)
    out.append(f"\n{len(items)} items, {len(items) - bad} pass, {bad} fail")
    print("\n".join(out))
    return bad

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
