#!/usr/bin/env python3
"""Standalone checker for w288 narrations: re-executes each program with sys.settrace,
records per-variable value histories and per-line execution counts, and checks every claim,
the answer, and that each error copy's error is really false at its point."""
import ast, copy, json, re, sys

FN = "<w288prog>"

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

class Rec:
    def __init__(self):
        self.hist = {}        # var -> list of values (consecutive changes per frame, global order)
        self.last = {}        # (frame id, var) -> last value
        self.lines = {}       # lineno -> executions
        self.at_line = {}     # lineno -> list of locals snapshots taken when the line is about to run
    def record(self, frame):
        loc = {}
        for k, v in frame.f_locals.items():
            if k == "self" or (hasattr(v, "__dict__") and type(v).__module__ == "__w288__"):
                for ak, av in vars(v).items():
                    loc[f"{k}.{ak}"] = av
                if k == "self":
                    continue
            loc[k] = v
        for k, v in loc.items():
            key = (id(frame), k)
            if key not in self.last or self.last[key] != v:
                s = snap(v)
                self.last[key] = s
                self.hist.setdefault(k, []).append(s)
        return loc
    def tracer(self, frame, event, arg):
        if frame.f_code.co_filename != FN:
            return self.tracer
        loc = self.record(frame)
        if event == "line":
            self.lines[frame.f_lineno] = self.lines.get(frame.f_lineno, 0) + 1
            self.at_line.setdefault(frame.f_lineno, []).append({k: snap(v) for k, v in loc.items()})
        return self.tracer

def run(code, call):
    g = {"__name__": "__w288__"}
    exec(compile(code, FN, "exec"), g)
    r = Rec()
    sys.settrace(r.tracer)
    try:
        res = eval(compile(call, "<call>", "eval"), g)
    finally:
        sys.settrace(None)
    return res, r, g

def plain_eval(code, call):
    g = {"__name__": "__w288__"}
    exec(compile(code, FN + "2", "exec"), g)
    return eval(call, g)

def lit(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return s

def arith_lhs(q):
    q = q.replace("`", "").strip()
    parts = re.split(r"(?<![=!<>])=(?!=)", q)
    return parts[0]

def check_claim(c, it, res, rec, g):
    what, var, val = c["what"], c.get("variable"), lit(c["value"])
    if what == "value":
        if c.get("expr"):
            return eval(c["expr"], dict(g)) == val, "expr"
        h = rec.hist.get(var, [])
        if c.get("seq"):
            d = [x for i, x in enumerate(h) if i == 0 or h[i - 1] != x]
            n = len(val)
            return any(d[i:i + n] == val for i in range(len(d) - n + 1)), f"sequence in history of {var}"
        return val in h, f"history of {var}"
    if what == "count":
        line = int(re.search(r"@line (\d+)", c.get("count_line") or var).group(1))
        return rec.lines.get(line, 0) == val, f"line {line} ran {rec.lines.get(line, 0)}"
    if what == "return":
        return res == val, "return"
    if what in ("arith", "comparison", "call"):
        expr = c.get("expr") or arith_lhs(c["quote"])
        got = eval(expr, dict(g))
        return got == val, f"{expr} -> {got!r}"
    return False, "unknown what"

def check_error(e, it, res, rec, g):
    at = e["at"]; t = at["type"]
    stated, actual = lit(e["stated"]), lit(e["actual"])
    if t == "hist":
        h = rec.hist.get(at["var"], [])
        ok = at["index"] < len(h) and h[at["index"]] == actual and stated != actual
        msg = f"{at['var']}[{at['index']}]={h[at['index']] if at['index'] < len(h) else None!r}"
    elif t == "line":   # value of var when line runs for the k-th time (0-based)
        snaps = rec.at_line.get(at["line"], [])
        v = snaps[at["k"]].get(at["var"]) if at["k"] < len(snaps) else None
        ok = v == actual and stated != actual
        msg = f"{at['var']} at line {at['line']} #{at['k']} = {v!r}"
    elif t == "count":
        n = rec.lines.get(at["line"], 0)
        ok = n == actual and stated != actual
        msg = f"line {at['line']} ran {n}"
    elif t in ("arith", "expr"):
        v = eval(at["expr"], dict(g))
        ok = v == actual and stated != actual
        msg = f"{at['expr']} -> {v!r}"
    elif t == "never":
        h = rec.hist.get(at["var"], [])
        ok = stated not in h and actual in h
        msg = f"{at['var']} history {h!r}"
    elif t == "answer":
        if it["direction"] == "forward":
            ok = lit(it["answer"]) != res and repr(res) == it["returned"]
            msg = f"answer {it['answer']} vs {res!r}"
        else:
            try:
                got = plain_eval(it["code"], it["answer"])
            except Exception as ex:
                got = ex
            ok = repr(got) != it["returned"]
            msg = f"{it['answer']} -> {got!r}"
    else:
        return False, "unknown at"
    if e.get("held_elsewhere"):
        held = any(stated in h for h in rec.hist.values()) or stated in [v for vs in rec.at_line.values() for s in vs for v in s.values()]
        if t in ("count", "arith"):
            held = held or any(stated == n for n in rec.lines.values())
        ok = ok and held
        msg += f"; held elsewhere={held}"
    return ok, msg

def main(path):
    items = [json.loads(l) for l in open(path)]
    out, bad = [], 0
    for it in items:
        probs = []
        emsg = ""
        res, rec, g = run(it["code"], it["call"])
        if repr(res) != it["returned"]:
            probs.append(f"returned {res!r} != {it['returned']}")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append(f"quote missing: {c['quote']!r}")
        if not it["rationale"].rstrip().splitlines()[-1].startswith("Answer:") and "Answer:" not in it["rationale"].rstrip().splitlines()[-1]:
            probs.append("last line not Answer")
        if it["label"] == "faithful":
            for c in it["claims"]:
                ok, msg = check_claim(c, it, res, rec, g)
                if not ok:
                    probs.append(f"claim false: {c['quote']!r} ({msg})")
            if it["direction"] == "forward":
                if lit(it["answer"]) != res:
                    probs.append("forward answer wrong")
            else:
                got = plain_eval(it["code"], it["answer"])
                if repr(got) != it["returned"]:
                    probs.append(f"backward answer returns {got!r}")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                probs.append("error quote missing")
            ok, msg = check_error(e, it, res, rec, g)
            emsg = f" [{e['kind']}: stated {e['stated']} vs {msg}]"
            if not ok:
                probs.append(f"error not confirmed false: {msg}")
            # untouched claims still hold
            for c in it["claims"]:
                if c.get("is_error") or c.get("carried"):
                    continue
                ok2, msg2 = check_claim(c, it, res, rec, g)
                if not ok2:
                    probs.append(f"non-error claim false: {c['quote']!r} ({msg2})")
        status = "PASS" if not probs else "FAIL"
        bad += bool(probs)
        out.append(f"{status} {it['id']} ({it['label']}, {len(it['claims'])} claims){emsg}" + "".join("\n    " + p for p in probs))
    out.append(f"\n{len(items)} items, {len(items) - bad} pass, {bad} fail")
    print("\n".join(out))
    return bad

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
