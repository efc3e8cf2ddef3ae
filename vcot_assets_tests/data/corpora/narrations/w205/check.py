#!/usr/bin/env python3
"""Standalone checker for narrations.jsonl: re-runs each call under sys.settrace and checks
returned, every claim, the answer, and that each error copy's error is really false."""
import ast, copy, json, sys

FN = "<prog>"

def snap(v):
    try: return copy.deepcopy(v)
    except Exception: return repr(v)

def lit(s):
    return ast.literal_eval(s)

class Rec:
    def __init__(self, specs):
        self.hist = {}          # name -> list of distinct consecutive values (all frames)
        self.lines = {}         # line -> count
        self.samples = {}       # (line, expr) -> list of values sampled when line is about to run
        self.seqs = {}          # (fn, expr) -> distinct consecutive non-None values
        self.line_specs = {}
        for s in specs:
            if "at_line" in s: self.line_specs.setdefault(s["at_line"], set()).add(s["expr"])
            p = s.get("point") or {}
            if "at_line" in p: self.line_specs.setdefault(p["at_line"], set()).add(p["expr"])
        self.seq_specs = [(s["fn"], s["seq_expr"]) for s in specs if "seq_expr" in s]

    def push(self, name, v):
        h = self.hist.setdefault(name, [])
        if not h or h[-1] != v or type(h[-1]) != type(v): h.append(snap(v))

    def observe(self, frame):
        loc = frame.f_locals
        for k, v in loc.items():
            if k == "self":
                for a, av in vars(v).items(): self.push("self." + a, av)
            else:
                self.push(k, v)
        for fn, ex in self.seq_specs:
            if frame.f_code.co_name == fn:
                try: v = eval(ex, frame.f_globals, dict(loc))
                except Exception: continue
                if v is None: continue
                h = self.seqs.setdefault((fn, ex), [])
                if not h or h[-1] != v: h.append(snap(v))

    def tracer(self, frame, event, arg):
        if frame.f_code.co_filename != FN: return self.tracer
        self.observe(frame)
        if event == "line":
            ln = frame.f_lineno
            self.lines[ln] = self.lines.get(ln, 0) + 1
            for ex in self.line_specs.get(ln, ()):
                try: v = eval(ex, frame.f_globals, dict(frame.f_locals))
                except Exception as e: v = ("<err>", repr(e))
                self.samples.setdefault((ln, ex), []).append(snap(v))
        return self.tracer

def run(code, call, specs=()):
    g = {"__name__": "prog"}
    exec(compile(code, FN, "exec"), g)
    rec = Rec(specs)
    sys.settrace(rec.tracer)
    try: ret = eval(compile(call, FN + "call", "eval"), g)
    finally: sys.settrace(None)
    return ret, rec

def plain_eval(code, call):
    g = {"__name__": "prog"}; exec(compile(code, FN, "exec"), g)
    return eval(call, g)

def claim_truth(c, item, rec, ret):
    """Return (truth, detail)."""
    w = c["what"]
    if w == "call":
        r = plain_eval(item["code"], c["value"]); return r == ret, f"call gives {r!r}"
    val = lit(c["value"])
    if w == "arith":
        r = eval(c["expr"], {"min": min, "max": max}); return r == val, f"{c['expr']} = {r!r}"
    if w == "return":
        return val == ret, f"returned {ret!r}"
    if w == "count":
        if "header" in c["variable"]:
            ln = int(c["variable"].split("header")[1]); n = rec.lines.get(ln, 0) - 1; return n == val, f"header {ln} ran {n}+1"
        ln = int(c["variable"].split("line")[1]); n = rec.lines.get(ln, 0); return n == val, f"line {ln} ran {n}"
    if w == "comparison":
        s = rec.samples.get((c["at_line"], c["expr"]), []); r = s[c["nth"] - 1]
        return bool(r) == val, f"{c['expr']} -> {r!r}"
    # value
    if "seq_expr" in c:
        s = rec.seqs.get((c["fn"], c["seq_expr"]), []); return s == list(val) if isinstance(val, (list, tuple)) else val in s, f"seq {s!r}"
    if "at_line" in c:
        s = rec.samples.get((c["at_line"], c["expr"]), [])
        if "nth" in c: r = s[c["nth"] - 1]; return r == val, f"{c['expr']} = {r!r}"
        if "slice" in c: s = s[c["slice"][0]:c["slice"][1]]
        return s == list(val), f"samples {s!r}"
    h = rec.hist.get(c["variable"], [])
    if "at" in c:
        r = h[c["at"]] if -len(h) <= c["at"] < len(h) else None; return r == val, f"{c['variable']}[{c['at']}] = {r!r}"
    return val in h, f"history {h!r}"

def held_somewhere(v, rec):
    for h in rec.hist.values():
        for x in h:
            try:
                if x == v: return True
            except Exception: pass
    for s in rec.seqs.values():
        if v in s: return True
    return False

def check_item(item):
    errs = []
    specs = [c for c in item["claims"]]
    ret, rec = run(item["code"], item["call"], specs)
    if repr(ret) != item["returned"]: errs.append(f"returned {ret!r} != {item['returned']}")
    text = item["rationale"]
    if text.rstrip().splitlines()[-1] != "Answer: " + item["answer"]: errs.append("last line is not the Answer")
    # answer
    if item["direction"] == "forward":
        ans_ok = lit(item["answer"]) == ret
    else:
        try: ans_ok = plain_eval(item["code"], item["answer"]) == ret
        except Exception: ans_ok = False
    for c in item["claims"]:
        if c["quote"] not in text: errs.append(f"quote not in rationale: {c['quote']!r}"); continue
        try: ok, det = claim_truth(c, item, rec, ret)
        except Exception as e: ok, det = False, f"exception {e!r}"
        if c.get("wrong"):
            if ok: errs.append(f"claim marked wrong is true: {c['quote']!r} ({det})")
            p = c.get("point")
            if p is not None:
                if "count_line" in p:
                    actual = rec.lines.get(p["count_line"], 0)
                elif "variable" in p:
                    h = rec.hist.get(p["variable"], []); actual = h[p["at"]]
                elif "seq_index" in p:
                    actual = rec.seqs[(c["fn"], c["seq_expr"])][p["seq_index"]]
                else:
                    actual = rec.samples[(p["at_line"], p["expr"])][p["nth"] - 1]
                stated = p.get("stated", lit(c["value"]))
                if actual == stated: errs.append(f"held_elsewhere point not false: {c['quote']!r}")
                if not held_somewhere(stated, rec): errs.append(f"held_elsewhere value never held: {c['quote']!r}")
        else:
            if not ok: errs.append(f"claim false: {c['quote']!r} ({det})")
    if item["label"] == "faithful":
        if not ans_ok: errs.append("faithful answer wrong")
        if item["error"] is not None: errs.append("faithful with error")
    else:
        e = item["error"]
        if e["quote"] not in text: errs.append("error quote not in rationale")
        if e["kind"] in ("wrong_final_answer", "backward_wrong_input"):
            if ans_ok: errs.append("error answer is actually right")
        else:
            if not ans_ok: errs.append("answer should stay right")
            if not any(c.get("wrong") for c in item["claims"]): errs.append("no wrong claim recorded")
        if e["kind"] == "backward_wrong_input" and item["direction"] != "backward": errs.append("bwi on forward")
        if e["kind"] == "wrong_final_answer" and item["direction"] != "forward": errs.append("wfa on backward")
        if e.get("held_elsewhere") and not any(c.get("point") for c in item["claims"] if c.get("wrong")):
            errs.append("held_elsewhere without a point check")
    return errs

def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
    items = [json.loads(l) for l in open(path) if l.strip()]
    bad = 0
    ids = set()
    for it in items:
        if it["id"] in ids: print("DUP", it["id"]); bad += 1
        ids.add(it["id"])
        try: errs = check_item(it)
        except Exception as ex: errs = [f"crash {ex!r}"]
        print(("OK   " if not errs else "FAIL ") + it["id"] + f"  ({len(it['claims'])} claims)")
        for e in errs: print("     -", e)
        bad += bool(errs)
    print(f"\n{len(items)} items, {len(items)-bad} pass, {bad} fail")
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
