"""Standalone checker for w406 narrations: runs each program under sys.settrace, records per-variable
value histories (locals + self attributes) and line hit counts, then checks every claim, the answer,
and for error copies that the stated error value is really false at that point."""
import ast, copy, json, re, sys
from collections import Counter, defaultdict

def run(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist = defaultdict(list)
    hits = Counter()
    def rec(frame):
        items = dict(frame.f_locals)
        s = items.get("self")
        if s is not None and hasattr(s, "__dict__"):
            for k, v in vars(s).items():
                items["self." + k] = v
        for k, v in items.items():
            if k == "self":
                continue
            try:
                v = copy.deepcopy(v)
            except Exception:
                pass
            h = hist[k]
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        def local(frame, event, arg):
            if event == "line":
                hits[frame.f_lineno] += 1
            rec(frame)
            return local
        rec(frame)
        return local
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, hits, g

def lit(s):
    return ast.literal_eval(s)

def is_run(h, v):
    v = list(v)
    return any(h[i:i + len(v)] == v for i in range(len(h) - len(v) + 1))

def claim_ok(c, ret, hist, hits, g):
    w = c["what"]; v = lit(c["value"])
    if w == "value" and c.get("seq"):
        return is_run(hist.get(c["variable"], []), v)
    if w == "value":
        return any(x == v and type(x) == type(v) for x in hist.get(c["variable"], []))
    if w == "count":
        return hits[int(c["variable"].split("@line ")[1])] == v
    if w in ("comparison", "arith"):
        expr = c.get("expr")
        if not expr:
            q = c["quote"].replace("`", "")
            segs = re.split(r"(?<![<>=!])=(?!=)", q)
            expr = segs[-2] if len(segs) >= 2 else q.rsplit(" is ", 1)[0]
        return eval(expr, {}) == v
    if w == "return":
        return ret == v
    if w == "call":
        return eval(c["quote"].split("Answer: ", 1)[-1], dict(g)) == ret
    raise ValueError(w)

def _perturb(v):
    if isinstance(v, bool): return not v
    if isinstance(v, int): return v + 1
    if isinstance(v, str): return v + "x"
    if isinstance(v, list) and v: return v[:-1] + [_perturb(v[-1])]
    if isinstance(v, tuple) and v: return v[:-1] + (_perturb(v[-1]),)
    if isinstance(v, dict) and v:
        d = dict(v); k = list(d)[-1]; d[k] = _perturb(d[k]); return d
    if isinstance(v, set): return v | {999}
    return None

def mutation_sanity():
    """Perturb every claim value of every faithful item and count how many the checker rejects.
    Value claims are checked as 'the variable takes this value at some point', so a counter's +1
    (held a moment later) is accepted by design; everything else should be rejected."""
    tot = caught = 0
    for l in open("narrations.jsonl"):
        it = json.loads(l)
        if it["error"]: continue
        ret, hist, hits, g = run(it["code"], it["call"])
        for c in it["claims"]:
            if c["what"] == "call": continue
            p = _perturb(lit(c["value"]))
            if p is None: continue
            tot += 1
            if not claim_ok(dict(c, value=repr(p)), ret, hist, hits, g): caught += 1
    return f"{caught}/{tot} perturbed faithful claims rejected (the rest are value claims whose perturbed value the variable also holds at another moment)"

def main():
    fails = []; n = 0; lines = []
    progs = {}
    for l in open("narrations.jsonl"):
        it = json.loads(l); n += 1
        ret, hist, hits, g = run(it["code"], it["call"])
        errs = []
        if repr(ret) != it["returned"]:
            errs.append("returned mismatch %r" % (ret,))
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                errs.append("quote not in rationale: %r" % c["quote"])
        if not it["rationale"].rstrip().endswith(it["answer"]):
            errs.append("answer not at end of rationale")
        e = it["error"]
        for c in it["claims"]:
            is_err = e is not None and c["quote"] == e["quote"]
            ok = claim_ok(c, ret, hist, hits, g)
            if not is_err and not ok:
                errs.append("claim false: %r" % c)
        # answer
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == ret
        else:
            try:
                g2 = {"__name__": "prog"}; exec(it["code"], g2)
                ans_ok = eval(it["answer"], g2) == ret
            except Exception:
                ans_ok = False
        if e is None:
            if not ans_ok:
                errs.append("faithful answer wrong")
        else:
            if e["quote"] not in it["rationale"]:
                errs.append("error quote missing")
            chk = e["check"]; t = chk["type"]; stated = chk.get("stated_value")
            if t == "answer":
                if ans_ok: errs.append("error answer is actually right")
            else:
                if not ans_ok: errs.append("answer wrong in non-answer error copy")
                if t == "hist_index":
                    h = hist[chk["variable"]]
                    if h[chk["index"]] == lit(stated): errs.append("stated equals value at that point")
                    if e.get("held_elsewhere") and not any(x == lit(stated) for hh in hist.values() for x in hh):
                        errs.append("held_elsewhere but value never held")
                elif t == "never":
                    if any(x == lit(stated) for x in hist[chk["variable"]]): errs.append("impossible state actually held")
                elif t == "count":
                    if hits[chk["line"]] == lit(stated): errs.append("count actually right")
                    if e.get("held_elsewhere") and lit(stated) not in [hits[x] for x in hits] + [len(h) for h in hist.values()]:
                        errs.append("held_elsewhere count not seen")
                elif t == "expr":
                    if eval(chk["expr"], {}) == lit(stated): errs.append("expr error actually right")
                    if e.get("held_elsewhere") and not any(x == lit(stated) for hh in hist.values() for x in hh):
                        errs.append("held_elsewhere but value never held")
                elif t == "seq":
                    if is_run(hist[chk["variable"]], lit(stated)): errs.append("stated sequence actually occurs")
                    if e.get("held_elsewhere") and not all(any(x == y for x in hist[chk["variable"]]) for y in lit(stated)):
                        errs.append("held_elsewhere but a value never held")
                else:
                    errs.append("unknown check " + t)
            # the error claim must be false
            ec = [c for c in it["claims"] if c["quote"] == e["quote"]]
            if t != "answer" and (not ec or claim_ok(ec[0], ret, hist, hits, g) and t not in ("hist_index",)):
                errs.append("error claim missing or true")
        status = "OK " if not errs else "FAIL"
        lines.append(f"{status} {it['id']} ({it['style']}, {it['family']}, {it['label']}{'/' + e['kind'] if e else ''})")
        for x in errs:
            lines.append("     " + x)
        if errs: fails.append(it["id"])
    lines.append(f"\n{n} items, {len(fails)} failing")
    lines.append("sanity (checker sensitivity): " + mutation_sanity())
    open("check_report.txt", "w").write("\n".join(lines) + "\n")
    print("\n".join(lines[-40:]))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
