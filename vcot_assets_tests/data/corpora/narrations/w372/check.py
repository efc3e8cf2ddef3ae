#!/usr/bin/env python3
"""Standalone checker for narrations.jsonl: re-executes each program under sys.settrace,
records per-variable value histories and per-line execution counts, and checks every claim
of faithful items and the single error of each error copy."""
import ast, copy, json, sys
from collections import defaultdict

HERE = __file__.rsplit('/', 1)[0] if '/' in __file__ else '.'
FN = "<prog>"

def lit(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return s

def run(code, call):
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    hist = defaultdict(list)
    lines = defaultdict(int)

    def rec(name, val):
        try:
            v = copy.deepcopy(val)
        except Exception:
            v = val
        h = hist[name]
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)

    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    rec("self." + a, av)
            elif type(v).__module__ == "builtins" or isinstance(v, (int, str, list, dict, tuple, set)):
                rec(k, v)

    def local(frame, event, arg):
        if event == "line":
            lines[frame.f_lineno] += 1
            snap(frame)
        elif event == "return":
            snap(frame)
        return local

    def glob(frame, event, arg):
        if frame.f_code.co_filename == FN:
            snap(frame)
            return local
        return None

    sys.settrace(glob)
    try:
        result = eval(compile(call, FN + "call", "eval"), ns)
    finally:
        sys.settrace(None)
    return ns, result, hist, lines

def is_subseq(seq, h):
    it = iter(h)
    return all(any(x == y for y in it) for x in seq)

def check_claim(c, ns, result, hist, lines, item):
    what = c["what"]; val = lit(c["value"]); var = c.get("variable")
    if c.get("expr") is not None and what in ("arith", "comparison", "value"):
        if eval(c["expr"]) != val:
            return f"expr {c['expr']} != {val!r}"
    if what == "value":
        if var is None:
            return None if c.get("expr") else "value claim without variable/expr"
        if var not in hist:
            return f"no history for {var}"
        if c.get("seq"):
            return None if is_subseq(val, hist[var]) else f"{val!r} not a subsequence of {var} history {hist[var]!r}"
        return None if val in hist[var] else f"{var}={val!r} never held (history {hist[var]!r})"
    if what == "count":
        n = int(var.split("line")[-1])
        return None if lines[n] == val else f"{var} ran {lines[n]} times, claim {val}"
    if what in ("arith", "comparison"):
        return None if c.get("expr") else "no expr"
    if what == "return":
        return None if val == result else f"return {val!r} != {result!r}"
    if what == "call":
        got = eval(item["answer"], ns)
        return None if got == val == result else f"call gives {got!r}"
    return f"unknown what {what}"

def check_item(item):
    probs = []
    ns, result, hist, lines = run(item["code"], item["call"])
    if repr(result) != item["returned"]:
        probs.append(f"returned field {item['returned']} != {result!r}")
    text = item["rationale"]
    if not text.rstrip().endswith("Answer: " + item["answer"]):
        probs.append("last line is not the Answer")
    for c in item["claims"]:
        if c["quote"] not in text:
            probs.append(f"quote not in rationale: {c['quote']!r}")
    if item["direction"] == "forward":
        ans_ok = lit(item["answer"]) == result
    else:
        ans_ok = eval(item["answer"], ns) == result
    if item["label"] == "faithful":
        if not ans_ok:
            probs.append("answer wrong")
        for c in item["claims"]:
            p = check_claim(c, ns, result, hist, lines, item)
            if p:
                probs.append(f"claim {c['quote']!r}: {p}")
        return probs
    e = item["error"]
    if e["quote"] not in text:
        probs.append("error quote not in rationale")
    kind = e["kind"]
    if kind in ("wrong_final_answer", "backward_wrong_input"):
        if ans_ok:
            probs.append("answer is not wrong")
    elif not ans_ok and not e.get("carried"):
        probs.append("answer wrong in a non-answer error copy")
    ck = e.get("check", {})
    stated = lit(ck.get("value", e["stated"]))
    actual = lit(e["actual"])
    if "expr" in ck:
        got = eval(ck["expr"])
        if got == stated or got != actual:
            probs.append(f"expr {ck['expr']} = {got!r}; stated {stated!r} actual {actual!r}")
    if "count" in ck:
        n = int(ck["count"].split("line")[-1])
        if lines[n] == stated or lines[n] != actual:
            probs.append(f"count {lines[n]} vs stated {stated}")
    if "absent" in ck:
        if stated in hist[ck["absent"]]:
            probs.append(f"{ck['absent']}={stated!r} does occur")
    if "at" in ck:
        h = hist[ck["at"]]
        k = ck["k"]
        if k >= len(h) or h[k] == stated:
            probs.append(f"{ck['at']} history[{k}] = {h[k] if k < len(h) else None!r} equals stated")
        if "value" not in ck and k < len(h) and h[k] != actual:
            probs.append(f"{ck['at']} history[{k}] = {h[k]!r} != actual {actual!r}")
    if e.get("held_elsewhere"):
        var = ck.get("at")
        if not var or stated not in hist[var]:
            probs.append("held_elsewhere but stated value not held elsewhere")
    if not ck and kind not in ("wrong_final_answer", "backward_wrong_input"):
        probs.append("no check for error")
    return probs

def main():
    path = sys.argv[1] if len(sys.argv) > 1 else HERE + "/narrations.jsonl"
    items = [json.loads(l) for l in open(path) if l.strip()]
    ids = set()
    bad = 0
    out = []
    for it in items:
        if it["id"] in ids:
            out.append(f"DUP {it['id']}")
            bad += 1
        ids.add(it["id"])
        probs = check_item(it)
        if probs:
            bad += 1
            out.append(f"FAIL {it['id']}: " + "; ".join(probs))
        else:
            out.append(f"ok   {it['id']} ({it['label']}, {len(it['claims'])} claims"
                       + (f", error={it['error']['kind']}" if it['error'] else "") + ")")
    out.append(f"\n{len(items)} items, {len(items) - bad} pass, {bad} fail")
    print("\n".join(out))
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
