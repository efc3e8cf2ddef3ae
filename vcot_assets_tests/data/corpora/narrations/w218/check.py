#!/usr/bin/env python3
"""Standalone checker for w218 narrations: re-executes each call under sys.settrace and checks
returned values, claims of faithful items, and that each error copy's error is really false."""
import ast, json, sys, re

def run_traced(code, call):
    hist = {}          # name -> list of distinct successive values (collapsed)
    lines = {}         # (line, next line) transitions in the program -> count
    lastline = {}
    def rec(name, val):
        try:
            v = ast.literal_eval(repr(val))
        except Exception:
            return
        h = hist.setdefault(name, [])
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def snap(frame):
        for k, v in list(frame.f_locals.items()):
            rec(k, v)
            d = getattr(v, "__dict__", None)
            if isinstance(d, dict) and not isinstance(v, type):
                for a, av in d.items():
                    rec(f"{k}.{a}", av)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return tracer
        if event == "line":
            prev = lastline.get(id(frame))
            if prev is not None:
                lines[(prev, frame.f_lineno)] = lines.get((prev, frame.f_lineno), 0) + 1
            lastline[id(frame)] = frame.f_lineno
        if event == "return":
            lastline.pop(id(frame), None)
        snap(frame)
        if event == "return":
            rec("<return:" + frame.f_code.co_name + ">", arg)
        return tracer
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    sys.settrace(tracer)
    try:
        res = eval(compile(call, "<call>", "eval"), g)
    finally:
        sys.settrace(None)
    return res, hist, lines

def plain(code, call):
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def loop_count(lines, label):
    # iterations of the loop whose header is on line N = times control went from N into N+1
    m = re.search(r"line (\d+)", label)
    n = int(m.group(1))
    return lines.get((n, n + 1), 0)

def arith_eval(quote):
    for sep in [" = ", "=", " is ", " gives "]:
        if sep in quote:
            left = quote.replace("`", "").rsplit(sep, 1)[0]
            m = re.search(r"[\d\s()+\-*/%&|^<>]+$", left)
            return eval(m.group(0).strip(), {})
    return eval(quote, {})

def check_claim(c, res, hist, lines):
    what = c["what"]; val = ast.literal_eval(c["value"]) if what != "call" else c["value"]
    if what == "value":
        return val in hist.get(c["variable"], [])
    if what == "count":
        return loop_count(lines, c["variable"]) == val
    if what == "arith":
        return arith_eval(c.get("expr", c["quote"])) == val
    if what == "comparison":
        return bool(eval(c["expr"], {})) == val
    if what == "return":
        return val == res
    if what == "call":
        return True
    return False

def check_error(it, res, hist, lines):
    e = it["error"]; k = e["kind"]; chk = e.get("check", {})
    if k in ("wrong_final_answer",):
        return ast.literal_eval(it["answer"]) != res
    if k == "backward_wrong_input":
        try:
            return plain(it["code"], it["answer"]) != res
        except Exception:
            return True
    t = chk.get("type")
    stated = ast.literal_eval(e["stated"]) if t != "cmp" else None
    if t == "value":
        h = hist.get(chk["variable"], [])
        actual = h[chk["nth"]]
        ok = stated != actual and ast.literal_eval(e["actual"]) == actual
        if e.get("held_elsewhere"):
            ok = ok and any(stated in hh for hh in hist.values())
        return ok
    if t == "arith":
        actual = eval(chk["expr"], {})
        ok = stated != actual and ast.literal_eval(e["actual"]) == actual
        if e.get("held_elsewhere"):
            ok = ok and any(stated in hh for hh in hist.values())
        return ok
    if t == "count":
        actual = loop_count(lines, chk["variable"])
        return stated != actual and ast.literal_eval(e["actual"]) == actual
    if t == "cmp":
        actual = bool(eval(chk["expr"], {}))
        return ast.literal_eval(e["stated"]) != actual
    return False

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    bad = 0; out = []
    for it in items:
        probs = []
        res, hist, lines = run_traced(it["code"], it["call"])
        if repr(res) != it["returned"]:
            probs.append("returned mismatch")
        if it["label"] == "faithful":
            for c in it["claims"]:
                if c["quote"] not in it["rationale"]:
                    probs.append("quote missing: " + c["quote"])
                if not check_claim(c, res, hist, lines):
                    probs.append("claim false: " + json.dumps(c))
            if it["direction"] == "forward":
                if ast.literal_eval(it["answer"]) != res: probs.append("answer wrong")
            else:
                if plain(it["code"], it["answer"]) != res: probs.append("backward answer wrong")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                probs.append("error quote missing")
            if not check_error(it, res, hist, lines):
                probs.append("error not false: " + json.dumps(e))
            if e["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                if it["direction"] == "forward" and ast.literal_eval(it["answer"]) != res:
                    probs.append("answer should stay right")
                if it["direction"] == "backward" and plain(it["code"], it["answer"]) != res:
                    probs.append("answer should stay right")
        if not it["rationale"].rstrip().splitlines()[-1].startswith(("Answer:", "Predicted Output:")):
            probs.append("no answer line")
        bad += bool(probs)
        out.append(f"{'FAIL' if probs else 'ok  '} {it['id']}" + ("".join("\n    " + p for p in probs)))
    out.append(f"\n{len(items)} items, {len(items)-bad} pass, {bad} fail")
    print("\n".join(out))
    return bad

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
