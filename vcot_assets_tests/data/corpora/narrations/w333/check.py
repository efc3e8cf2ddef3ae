"""Standalone checker for w333 narrations: runs each program under sys.settrace,
records per-variable value histories (locals and self.<attr>) and per-line hit counts,
then verifies every claim of faithful items and the falsity of each error copy."""
import json, sys, copy, ast

FN = "<w333>"

def run(code, call):
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    hist, lines = {}, {}
    def snap(frame):
        items = dict(frame.f_locals)
        s = items.get("self")
        if s is not None and hasattr(s, "__dict__"):
            for k, v in vars(s).items():
                items["self." + k] = v
        for k, v in items.items():
            if k == "self" or k.startswith("."):
                continue
            try:
                v = copy.deepcopy(v)
            except Exception:
                continue
            h = hist.setdefault(k, [])
            if not h or not (type(h[-1]) is type(v) and h[-1] == v):
                h.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        snap(frame)
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(compile(call, FN, "eval"), ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines, ns

def contiguous(seq, hist):
    # collapse consecutive duplicates in the stated series
    s = [x for i, x in enumerate(seq) if i == 0 or seq[i - 1] != x]
    for i in range(len(hist) - len(s) + 1):
        if hist[i:i + len(s)] == s:
            return True
    return False

def hist_of(hist, var):
    """History of a variable, or of an indexed part of one such as self.stock['nut']."""
    if var in hist:
        return hist[var]
    if "[" in var:
        base, rest = var.split("[", 1)
        out = []
        for h in hist.get(base, []):
            try:
                v = eval("h[" + rest, {"h": h})
            except Exception:
                continue
            if not out or out[-1] != v:
                out.append(v)
        return out
    return []

def lit(x):
    return ast.literal_eval(x) if isinstance(x, str) else x

def check_claim(c, hist, lines, ret, ns):
    w = c["what"]
    if w == "call":
        return eval(c["value"], dict(ns)) == ret
    v = lit(c["value"])
    if w == "value":
        h = hist_of(hist, c["variable"])
        if c.get("series"):
            return contiguous(v, h)
        return any(type(x) is type(v) and x == v for x in h) or v in h
    if w == "count":
        n = int(c["variable"].split("@line")[1])
        return lines.get(n, 0) == v
    if w in ("comparison", "arith"):
        return eval(c["expr"], {}) == v
    if w == "return":
        return v == ret
    raise ValueError(w)

def check_error(e, item, hist, lines, ret, ns):
    k = e["check"]
    t = k["type"]
    stated, actual = e["stated"], e["actual"]
    if t == "answer":
        if item["direction"] == "forward":
            return lit(stated) != ret and lit(actual) == ret
        return eval(stated, dict(ns)) != ret and eval(actual, dict(ns)) == ret
    sv, av = lit(stated), lit(actual)
    if t == "eval":
        ok = eval(k["expr"], {}) == av != sv
        if e.get("held_elsewhere"):
            ok = ok and any(sv in hh for hh in hist.values())
        return ok
    if t == "count":
        return lines.get(k["line"], 0) == av != sv
    if t == "hist":
        h = hist_of(hist, k["variable"])
        ok = h[k["nth"]] == av and h[k["nth"]] != sv
        if e.get("held_elsewhere"):
            ok = ok and any(sv in hh for hh in list(hist.values()) + [h])
        return ok
    if t == "series":
        h = hist_of(hist, k["variable"])
        ok = contiguous(av, h) and sv != av and not contiguous(sv, h)
        if e.get("held_elsewhere"):
            ok = ok and all(any(x in hh for hh in list(hist.values()) + [h]) for x in sv)
        return ok
    if t == "never":
        return all(sv not in hh for hh in hist.values()) and any(av in hh for hh in hist.values())
    raise ValueError(t)

def main(path, report):
    out, fails, n = [], 0, 0
    items = [json.loads(l) for l in open(path)]
    for it in items:
        n += 1
        probs = []
        ret, hist, lines, ns = run(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append("returned mismatch %r" % (ret,))
        r = it["rationale"]
        if not r.rstrip().splitlines()[-1].startswith("Answer: " + it["answer"]):
            probs.append("answer line mismatch")
        for c in it["claims"]:
            if c["quote"] not in r:
                probs.append("quote missing: %s" % c["quote"])
        if it["label"] == "faithful":
            for c in it["claims"]:
                try:
                    if not check_claim(c, hist, lines, ret, ns):
                        probs.append("false claim: %s" % c["quote"])
                except Exception as ex:
                    probs.append("claim error %s: %s" % (c["quote"], ex))
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret:
                    probs.append("forward answer wrong")
            else:
                if eval(it["answer"], dict(ns)) != ret:
                    probs.append("backward answer wrong")
        else:
            e = it["error"]
            if e["quote"] not in r:
                probs.append("error quote missing")
            try:
                if not check_error(e, it, hist, lines, ret, ns):
                    probs.append("error not confirmed false")
            except Exception as ex:
                probs.append("error check crashed: %s" % ex)
            # all other claims (not the error claim) must still hold
            for c in it["claims"]:
                if c.get("is_error"):
                    continue
                try:
                    if not check_claim(c, hist, lines, ret, ns):
                        probs.append("false non-error claim: %s" % c["quote"])
                except Exception as ex:
                    probs.append("claim error %s: %s" % (c["quote"], ex))
            if e["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                if it["direction"] == "forward" and lit(it["answer"]) != ret:
                    probs.append("answer wrong in non-answer error copy")
                if it["direction"] == "backward" and eval(it["answer"], dict(ns)) != ret:
                    probs.append("answer wrong in non-answer error copy")
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        out.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    out.append("TOTAL %d items, %d failures" % (n, fails))
    open(report, "w").write("\n".join(out) + "\n")
    print("\n".join(out[-40:]))
    return fails

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl",
                       sys.argv[2] if len(sys.argv) > 2 else "check_report.txt") else 0)
