#!/usr/bin/env python3
"""Standalone checker for w179 narrations: re-executes every program with sys.settrace,
records each variable's value history and line hit counts, and checks claims / errors."""
import ast, copy, json, sys
from collections import defaultdict

FN = "<w179prog>"

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call):
    hist = defaultdict(list)      # name -> list of distinct consecutive values
    hits = Hits()                 # sequence of (function, line) line events
    at_line = []                  # (line, locals snapshot) at each line event
    g = {"__name__": "w179prog"}
    exec(compile(code, FN, "exec"), g)
    def rec(frame):
        for k, v in list(frame.f_locals.items()):
            if k.startswith("."):
                continue
            items = [(k, v)]
            if k == "self" and hasattr(v, "__dict__"):
                items = [("self." + a, b) for a, b in vars(v).items()]
            for name, val in items:
                h = hist[name]
                s = snap(val)
                if not h or h[-1] != s or type(h[-1]) is not type(s):
                    h.append(s)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event in ("line", "return", "call"):
            rec(frame)
        if event == "line":
            hits.append((frame.f_code.co_name, frame.f_lineno))
            at_line.append((frame.f_lineno, {k: snap(v) for k, v in frame.f_locals.items() if k != "self"}))
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    hits.at_line = at_line
    return ret, hist, hits

class Hits(list):
    pass

def count_hits(hits, spec):
    line = spec["line"]
    if "outer_line" in spec:
        k = spec["nth_outer"]; seen = -1; c = 0
        for _, ln in hits:
            if ln == spec["outer_line"]:
                seen += 1
                continue
            if seen == k and ln == line:
                c += 1
        return c
    return sum(1 for _, ln in hits if ln == line)

WORDS = {"true": True, "false": False, "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
         "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
         "fourteen": 14, "fifteen": 15, "sixteen": 16, "twenty": 20, "holds": True, "fails": False, "truthy": True, "falsy": False, "is true": True, "is false": False}

def lit(s):
    if isinstance(s, str) and s.strip().lower() in WORDS:
        return WORDS[s.strip().lower()]
    return ast.literal_eval(s)

def claim_true(c, ret, hist, hits, g_code):
    w = c["what"]; val = lit(c["value"])
    if w == "value" and c.get("seq") and isinstance(val, list):
        h = [x for x in hist.get(c["variable"], [])]
        it = iter(h)
        return all(any(x == y for y in it) for x in val)
    if w == "value":
        return any(val == h and type(val) == type(h) or (isinstance(h, (int, float)) and not isinstance(h, bool) and val == h) for h in hist.get(c["variable"], []))
    if w == "count":
        return count_hits(hits, c["hits"]) == val
    if w in ("arith", "comparison"):
        return eval(c.get("expr", c["quote"]), {}) == val
    if w == "return":
        return val == ret
    if w == "call":
        g = {}; exec(compile(g_code, FN, "exec"), g)
        return eval(c.get("expr", c["quote"]), g) == val
    raise ValueError(w)

def error_false(item, ret, hist, hits):
    e = item["error"]; ck = e["check"]; t = ck["type"]; stated = lit(e["stated"]) if t not in ("answer_bwd",) else e["stated"]
    if t == "hist":
        h = hist[ck["var"]]; true = h[ck["k"]]
        return true != stated and true == lit(e["actual"]), f"history[{ck['var']}][{ck['k']}]={true!r} stated={stated!r}"
    if t == "hist_item":
        true = hist[ck["var"]][ck["k"]][ck["idx"]]
        return true != stated and true == lit(e["actual"]), f"history[{ck['var']}][{ck['k']}][{ck['idx']}]={true!r} stated={stated!r}"
    if t == "at_line":
        seen = [snapv for ln, snapv in hits.at_line if ln == ck["line"]]
        true = seen[ck["nth"]][ck["var"]]
        return true != stated and true == lit(e["actual"]), f"{ck['var']} at hit {ck['nth']} of line {ck['line']} = {true!r}, stated {stated!r}"
    if t == "absent_key":
        vals = [h.get(ck["key"]) for h in hist[ck["var"]]]
        return stated not in vals, f"{ck['var']}[{ck['key']!r}] takes {vals}, never {stated!r}"
    if t == "absent":
        h = hist[ck["var"]]
        return stated not in h, f"{stated!r} never in history of {ck['var']}"
    if t in ("arith", "compare"):
        true = eval(ck["expr"], {})
        return true != stated and true == lit(e["actual"]), f"{ck['expr']} -> {true!r}, stated {stated!r}"
    if t == "count":
        true = count_hits(hits, ck)
        return true != stated and true == lit(e["actual"]), f"count {true} stated {stated}"
    if t == "answer_fwd":
        return lit(item["answer"]) != ret and lit(e["stated"]) == lit(item["answer"]), f"answer {item['answer']} vs {ret!r}"
    if t == "answer_bwd":
        g = {}; exec(compile(item["code"], FN, "exec"), g)
        out = eval(item["answer"], g)
        return out != lit(item["returned"]), f"{item['answer']} -> {out!r}, output {item['returned']}"
    raise ValueError(t)

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    lines = []; bad = 0
    for it in items:
        probs = []
        ret, hist, hits = run(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append(f"returned mismatch {ret!r} vs {it['returned']}")
        if not it["rationale"].rstrip().splitlines()[-1].startswith("Answer:"):
            probs.append("last line not Answer:")
        if it["rationale"].rstrip().splitlines()[-1] != "Answer: " + it["answer"]:
            probs.append("answer field != Answer line")
        err_quote = it["error"]["quote"] if it["error"] else None
        err_claim_false = False
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append(f"claim quote not in rationale: {c['quote']!r}")
                continue
            ok = claim_true(c, ret, hist, hits, it["code"])
            is_err = it["error"] is not None and (c["quote"] in err_quote or err_quote in c["quote"])
            if is_err:
                err_claim_false = True
            elif not ok:
                probs.append(f"false claim: {c['quote']!r} = {c['value']}")
        if it["direction"] == "forward":
            a_ok = lit(it["answer"]) == ret
        else:
            g = {}; exec(compile(it["code"], FN, "exec"), g)
            a_ok = eval(it["answer"], g) == ret
        want_answer_ok = not (it["error"] and it["error"]["kind"] in ("wrong_final_answer", "backward_wrong_input"))
        if a_ok != want_answer_ok:
            probs.append(f"answer check {a_ok} expected {want_answer_ok}")
        note = ""
        if it["error"]:
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                probs.append("error quote not in rationale")
            if e["stated"].lower() not in e["quote"].lower() and e["check"]["type"] != "answer_bwd":
                probs.append("stated not in quote")
            fb, note = error_false(it, ret, hist, hits)
            if e["kind"] not in ("wrong_final_answer", "backward_wrong_input") and not err_claim_false:
                probs.append("no claim annotates the error quote")
            if not fb:
                probs.append("error not confirmed false: " + note)
            fid = it["faithful_id"]
        status = "PASS" if not probs else "FAIL"
        if probs: bad += 1
        lines.append(f"{status} {it['id']} ({it['label']}{'/' + it['error']['kind'] if it['error'] else ''}) claims={len(it['claims'])} {note}")
        for p in probs:
            lines.append("    - " + p)
    lines.append(f"TOTAL {len(items)} items, {len(items) - bad} pass, {bad} fail")
    return "\n".join(lines), bad

if __name__ == "__main__":
    rep, bad = main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")
    print(rep)
    sys.exit(1 if bad else 0)
