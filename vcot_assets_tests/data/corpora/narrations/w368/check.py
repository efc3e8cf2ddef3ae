"""Standalone checker for w368 narrations: runs each call under sys.settrace, records per-variable
value histories (locals and self.<attr>), per-line hit counts and per-line local snapshots, then checks
every claim of faithful items and confirms the error of each error copy is false at its point."""
import json, sys, copy, ast

FN = "<prog>"

def snap(frame):
    d = {}
    for k, v in frame.f_locals.items():
        try:
            d[k] = copy.deepcopy(v)
        except Exception:
            d[k] = v
        if k == "self" and hasattr(v, "__dict__"):
            for a, av in vars(v).items():
                d["self." + a] = copy.deepcopy(av)
    return d

def run(code, call):
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    hist, hits, snaps, calls = {}, {}, {}, []
    def record(d):
        for k, v in d.items():
            h = hist.setdefault(k, [])
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == "call":
            calls.append({"fn": frame.f_code.co_name, "hits": {}})
            frame.f_locals  # noqa
            me = calls[-1]
            def local(fr, ev, a):
                s = snap(fr)
                record(s)
                if ev == "line" and not fr.f_code.co_name.startswith("<"):
                    ln = fr.f_lineno
                    hits[ln] = hits.get(ln, 0) + 1
                    me["hits"][ln] = me["hits"].get(ln, 0) + 1
                    snaps.setdefault(ln, []).append(s)
                if ev == "return":
                    record(snap(fr))
                return local
            record(snap(frame))
            return local
        return None
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, hits, snaps, calls, ns

def lit(s):
    return ast.literal_eval(s)

def at_value(pt, snaps):
    env = snaps[pt["line"]][pt.get("hit", 1) - 1]
    return eval(pt["expr"], dict(env))

def count_of(c, hits, calls):
    if "call_index" in c:
        fn, idx = c["call_index"]
        cs = [x for x in calls if x["fn"] == fn]
        return cs[idx - 1]["hits"].get(c["line"], 0)
    return hits.get(c["line"], 0)

def check_claim(c, ctx):
    ret, hist, hits, snaps, calls, ns = ctx
    w = c["what"]
    val = lit(c["value"]) if w != "call" else c["value"]
    for pt in c.get("at", []):
        if at_value(pt, snaps) != lit(pt["value"]):
            return f"at-point mismatch {pt}"
    if w == "value":
        if c.get("at"):
            return None
        v = c["variable"]
        if v is None:
            if not any(val in h for h in hist.values()) and val != ret:
                return "value never held"
            return None
        if val not in hist.get(v, []):
            return f"{v} never holds {val!r} (history {hist.get(v)})"
    elif w == "count":
        n = count_of(c, hits, calls)
        if n != val:
            return f"count {n} != {val}"
    elif w == "comparison":
        if "line" in c:
            got = at_value(c, snaps)
        else:
            got = eval(c["expr"], {})
        if bool(got) != val:
            return f"comparison {c['expr']} is {got}"
    elif w == "arith":
        expr = c.get("expr") or c["quote"].split("=")[0]
        got = eval(expr, {}) if "line" not in c else at_value(c, snaps)
        if got != val:
            return f"arith {expr} = {got!r} != {val!r}"
    elif w == "return":
        if val != ret:
            return f"return {ret!r} != {val!r}"
    elif w == "call":
        if eval(c["value"], ns) != ret:
            return "call does not reproduce"
    return None

def check_error(it, ctx):
    ret, hist, hits, snaps, calls, ns = ctx
    e = it["error"]; ck = e["check"]
    if e["quote"] not in it["rationale"]:
        return "error quote not in rationale"
    t = ck["type"]
    if t == "answer":
        if it["direction"] == "forward":
            if lit(it["answer"]) == ret:
                return "wrong answer is actually right"
        else:
            ns2 = {}
            exec(compile(it["code"], "<other>", "exec"), ns2)
            if eval(it["answer"], ns2) == ret:
                return "wrong call actually reproduces"
        return None
    stated = lit(ck.get("stated", e["stated"]))
    if t == "at":
        got = at_value(ck, snaps)
    elif t == "arith":
        got = eval(ck["expr"], {})
    elif t == "count":
        got = count_of(ck, hits, calls)
    elif t == "history":
        if stated in hist.get(ck["variable"], []):
            return "impossible state actually held"
        return None
    if got == stated:
        return f"stated {stated!r} is actually true"
    if e.get("held_elsewhere"):
        v = ck.get("variable")
        if v and stated not in hist.get(v, []):
            return f"held_elsewhere but {v} never holds {stated!r}"
    return None

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    fails, out = 0, []
    for it in items:
        probs = []
        ctx = run(it["code"], it["call"])
        ret = ctx[0]
        if repr(ret) != it["returned"]:
            probs.append(f"returned {ret!r} != {it['returned']}")
        if not it["rationale"].rstrip().splitlines()[-1].startswith("Answer:"):
            probs.append("last line not Answer:")
        if it["answer"] not in it["rationale"].rstrip().splitlines()[-1]:
            probs.append("answer not in last line")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append(f"quote missing: {c['quote']!r}")
        if it["label"] == "faithful":
            for c in it["claims"]:
                try:
                    r = check_claim(c, ctx)
                except Exception as ex:
                    r = f"exception {ex!r}"
                if r:
                    probs.append(f"claim {c['quote']!r}: {r}")
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret:
                    probs.append("forward answer wrong")
            else:
                ns2 = {}
                exec(compile(it["code"], "<other>", "exec"), ns2)
                if eval(it["answer"], ns2) != ret:
                    probs.append("backward answer does not reproduce")
        else:
            try:
                r = check_error(it, ctx)
            except Exception as ex:
                r = f"exception {ex!r}"
            if r:
                probs.append("error: " + r)
            for c in it["claims"]:
                if c["quote"] == it["error"]["quote"] or c.get("is_error"):
                    continue
                try:
                    r = check_claim(c, ctx)
                except Exception as ex:
                    r = f"exception {ex!r}"
                if r and not c.get("carried"):
                    probs.append(f"non-error claim {c['quote']!r}: {r}")
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        out.append(f"{status} {it['id']} ({it['label']}, {len(it['claims'])} claims)" + "".join("\n    " + p for p in probs))
    out.append(f"\n{len(items)} items, {len(items)-fails} pass, {fails} fail")
    print("\n".join(out))
    return fails

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
