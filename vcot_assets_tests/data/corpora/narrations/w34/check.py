#!/usr/bin/env python3
"""Standalone checker for w34 narrations: runs each program under sys.settrace and verifies
every claim, the forward/backward answers, and that each error copy's error is really false.

Conventions of this corpus (see NOTES.md):
  value/call claims: `variable` is a Python expression (a name, `self.attr`, `len(parts)`...)
      evaluated against every recorded local-variable snapshot (line and return events of the
      program's frames); true if it equals `value` in at least one snapshot.
  count claims: `variable` is `loop@line N`: the number of times line N (first line of the loop
      body) executes.
  comparison claims: the quote holds a literal comparison (in backticks or plain); it is
      evaluated and must equal `value` (True/False).
  arith claims: quote `EXPR = RESULT` / `EXPR is RESULT`; EXPR must evaluate to `value`.
  return claims: `value` equals the call's return value.
  swapped_variables errors: the two claims sharing the error quote must never hold together.
"""
import ast, copy, json, re, sys

WORDS = {"zero":0,"one":1,"two":2,"three":3,"four":4,"five":5,"six":6,"seven":7,"eight":8,
         "nine":9,"ten":10,"eleven":11,"twelve":12,"thirteen":13,"fourteen":14,"fifteen":15,
         "sixteen":16,"seventeen":17,"eighteen":18,"nineteen":19,"twenty":20,"thirty":30,
         "forty":40,"fifty":50,"sixty":60,"seventy":70,"eighty":80,"ninety":90,"hundred":100}

def run(code, call):
    snaps, hits = [], {}
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return tracer
        if event == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        if event in ("line", "return"):
            try:
                s = copy.deepcopy(dict(frame.f_locals))
            except Exception:
                s = dict(frame.f_locals)
            snaps.append(s)
        return tracer
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    sys.settrace(tracer)
    try:
        ret = eval(compile(call, "<prog>", "eval"), g)
    finally:
        sys.settrace(None)
    return g, ret, snaps, hits

def plain_call(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def words_to_digits(s):
    def rep(m):
        w = m.group(0).lower()
        return str(WORDS[w]) if w in WORDS else m.group(0)
    s = re.sub(r"\bnegative one\b", "-1", s)
    return re.sub(r"[A-Za-z]+", rep, s)

def expr_candidates(quote):
    q = quote
    ticks = re.findall(r"`([^`]+)`", q)
    c = list(ticks) + [q]
    out = []
    for x in c:
        x = words_to_digits(x) if not re.search(r"['\"]", x) else x
        x = re.sub(r"\s+(is|are)\s+(true|false|True|False)\b.*$", "", x)
        x = re.sub(r"\b(holds|fails)\b.*$", "", x).strip().rstrip(",.;:")
        out.append(x)
    return out

def eval_in_snaps(expr, g, snaps, target):
    for s in snaps:
        try:
            v = eval(expr, dict(g), dict(s))
        except Exception:
            continue
        if v == target and type(v) == type(target) or (v == target and not isinstance(v, bool) and not isinstance(target, bool)):
            return True
    return False

def check_claim(c, g, ret, snaps, hits):
    """Return (ok, message)."""
    what = c["what"]
    try:
        val = ast.literal_eval(c["value"])
    except Exception:
        return False, "value not a literal: %r" % c["value"]
    var = c.get("variable")
    if what in ("value", "call"):
        if var is None:
            for s in snaps:
                if any(_eq(v, val) for v in s.values()):
                    return True, ""
            return _eq(ret, val), "no variable holds %r" % (val,)
        return eval_in_snaps(var, g, snaps, val), "%s never equals %r" % (var, val)
    if what == "count":
        m = re.match(r"loop@line (\d+)$", var or "")
        if not m:
            return False, "bad count variable %r" % var
        n = hits.get(int(m.group(1)), 0)
        return n == val, "line %s ran %d times, claim %r" % (m.group(1), n, val)
    if what == "comparison":
        for e in expr_candidates(c["quote"]):
            try:
                v = eval(e, {}, {})
            except Exception:
                continue
            if isinstance(v, bool):
                return v == val, "comparison %r is %r" % (e, v)
        for e in expr_candidates(c["quote"]):
            try:
                compile(e, "x", "eval")
            except Exception:
                continue
            if eval_in_snaps(e, g, snaps, val):
                return True, ""
        return False, "comparison not verifiable: %r" % c["quote"]
    if what == "arith":
        q = words_to_digits(c["quote"].replace("`", ""))
        parts = re.split(r"(?<![=<>!])=(?!=)|\bis\b|\bgives\b|\bequals\b|\bmakes\b", q)
        vals = []
        for p in parts:
            p = p.strip().strip(",.;:")
            try:
                vals.append(eval(p, {}, {}))
            except Exception:
                pass
        if len(vals) < 2:
            return False, "arith not evaluable: %r" % c["quote"]
        ok = _eq(vals[0], val) and _eq(vals[-1], val) if len(vals) else False
        return ok, "arith %r evaluates to %r, claim %r" % (c["quote"], vals, val)
    if what == "return":
        return _eq(ret, val), "returned %r, claim %r" % (ret, val)
    return False, "unknown what %r" % what

def _eq(a, b):
    if isinstance(a, bool) != isinstance(b, bool):
        return False
    try:
        return a == b
    except Exception:
        return False

def main(path):
    items = [json.loads(l) for l in open(path)]
    fails = 0
    lines = []
    byid = {it["id"]: it for it in items}
    for it in items:
        errs = []
        g, ret, snaps, hits = run(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            errs.append("returned mismatch %r vs %r" % (ret, it["returned"]))
        if it["answer"] not in it["rationale"].strip().splitlines()[-1]:
            errs.append("answer not in last line")
        if not it["rationale"].strip().splitlines()[-1].startswith("Answer:"):
            errs.append("last line is not an Answer line")
        # answer
        if it["direction"] == "forward":
            try:
                ans_ok = _eq(ast.literal_eval(it["answer"]), ret)
            except Exception:
                ans_ok = False
        else:
            try:
                ans_ok = repr(plain_call(it["code"], it["answer"])) == it["returned"]
                if it["function"] + "(" not in it["answer"]:
                    ans_ok = False
            except Exception:
                ans_ok = False
        err = it["error"]
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                errs.append("quote not in rationale: %r" % c["quote"])
        if it["label"] == "faithful":
            if not ans_ok:
                errs.append("answer wrong: %r" % it["answer"])
            for c in it["claims"]:
                ok, msg = check_claim(c, g, ret, snaps, hits)
                if not ok:
                    errs.append("false claim %r: %s" % (c["quote"], msg))
        else:
            f = byid.get(it["faithful_id"])
            if f is None:
                errs.append("faithful_id missing")
            if err["quote"] not in it["rationale"]:
                errs.append("error quote not in rationale")
            kind = err["kind"]
            ecl = [c for c in it["claims"] if c["quote"] == err["quote"]]
            if kind != "swapped_variables":
                ecl = [c for c in ecl if c["value"] == err["stated"]] or ecl
            others = [c for c in it["claims"] if c not in ecl]
            if kind == "wrong_final_answer":
                if ans_ok:
                    errs.append("wrong_final_answer but answer is right")
                if it["direction"] != "forward":
                    errs.append("wrong_final_answer on backward item")
            elif kind == "backward_wrong_input":
                if ans_ok:
                    errs.append("backward_wrong_input but call returns the output")
            else:
                if not ans_ok and kind == "wrong_intermediate_right_answer":
                    errs.append("answer should stay right")
                if not ecl:
                    errs.append("no claim carries the error quote")
                elif kind == "swapped_variables":
                    vals = [(c["variable"], ast.literal_eval(c["value"])) for c in ecl]
                    joint = False
                    for s in snaps:
                        okall = True
                        for var, v in vals:
                            try:
                                if not _eq(eval(var, dict(g), dict(s)), v):
                                    okall = False
                            except Exception:
                                okall = False
                        if okall:
                            joint = True
                    if joint or len(vals) < 2:
                        errs.append("swapped values do hold together (or <2 claims)")
                else:
                    for c in ecl:
                        ok, msg = check_claim(c, g, ret, snaps, hits)
                        if ok:
                            errs.append("error claim is actually true: %r" % c["quote"])
                if kind not in ("wrong_final_answer",) and it["direction"] == "forward" and not ans_ok and not err.get("carried"):
                    errs.append("forward answer wrong though error is not carried/final")
            for c in others:
                ok, msg = check_claim(c, g, ret, snaps, hits)
                if not ok and not err.get("carried"):
                    errs.append("other claim false %r: %s" % (c["quote"], msg))
        status = "PASS" if not errs else "FAIL"
        if errs:
            fails += 1
        lines.append("%s %s %s/%s/%s %s" % (status, it["id"], it["direction"], it["style"], it["label"],
                     (err or {}).get("kind", "")))
        for e in errs:
            lines.append("    " + e)
    import collections
    F = [i for i in items if i["label"] == "faithful"]
    lines.append("")
    lines.append("faithful %d, error copies %d" % (len(F), len(items) - len(F)))
    for key in ("style", "direction", "family", "kind"):
        lines.append("faithful by %s: %s" % (key, dict(sorted(collections.Counter(i[key] for i in F).items()))))
    lines.append("error copies by kind: %s" % dict(sorted(collections.Counter(i["error"]["kind"] for i in items if i["error"]).items())))
    lines.append("all items by style: %s" % dict(sorted(collections.Counter(i["style"] for i in items).items())))
    lines.append("all items by direction: %s" % dict(sorted(collections.Counter(i["direction"] for i in items).items())))
    ev = [i["trace_events"] for i in F]
    lines.append("trace events: <30: %d, 30-100: %d, >100: %d, >200: %d" % (sum(e < 30 for e in ev), sum(30 <= e <= 100 for e in ev), sum(e > 100 for e in ev), sum(e > 200 for e in ev)))
    lines.append("claims checked: %d" % sum(len(i["claims"]) for i in items))
    lines.append("TOTAL %d items, %d failing" % (len(items), fails))
    print("\n".join(lines))
    return fails

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
