"""Standalone checker for the w516 narration corpus.
Runs each program under sys.settrace, records per-variable value histories (locals, plus
attributes of objects as name.attr), line execution counts, per-line snapshots and return
values, then checks every claim. Faithful items: every claim must hold. Error items: every
claim except the injected one must hold, and the injected one must be false at its point."""
import sys, json, ast

FN = "<w516>"

def literal(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return s

def flatten(frame):
    out = {}
    for k, v in frame.f_locals.items():
        if k.startswith("__"):
            continue
        if callable(v) and not hasattr(v, "__dict__"):
            continue
        if isinstance(v, type) or callable(v):
            continue
        if hasattr(v, "__dict__") and type(v).__module__ == "w516prog":
            for a, av in vars(v).items():
                out["%s.%s" % (k, a)] = repr(av)
        else:
            out[k] = repr(v)
    return out

class Rec:
    def __init__(self):
        self.hist = {}      # name -> list of reprs (on change)
        self.lines = {}     # line -> count
        self.snaps = {}     # (line, name) -> list of reprs at each line event
        self.returns = []
        self.seq = []       # ordered line numbers of line events
    def note(self, frame):
        for k, r in flatten(frame).items():
            h = self.hist.setdefault(k, [])
            if not h or h[-1] != r:
                h.append(r)
    def tracer(self, frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == "line":
            self.note(frame)
            ln = frame.f_lineno
            self.lines[ln] = self.lines.get(ln, 0) + 1
            self.seq.append(ln)
            for k, r in flatten(frame).items():
                self.snaps.setdefault((ln, k), []).append(r)
        elif event == "return":
            self.note(frame)
            self.returns.append(repr(arg))
        return self.tracer

def run(code, call, trace=True):
    ns = {"__name__": "w516prog"}
    exec(compile(code, FN, "exec"), ns)
    rec = Rec()
    if trace:
        sys.settrace(rec.tracer)
    try:
        res = eval(compile(call, FN + "call", "eval"), ns)
    finally:
        sys.settrace(None)
    return res, rec

def same(a, b):
    return repr(literal(a)) == repr(literal(b)) if isinstance(a, str) else repr(a) == repr(literal(b))

def seg_count(rec, c, k=None):
    """Count events of line L inside the k-th segment delimited by the marker line."""
    ln = int(c["variable"].split("line")[1])
    marker, kk = c["segment"]
    if k is None:
        k = kk
    idx = [i for i, x in enumerate(rec.seq) if x == marker]
    start = idx[k]
    end = idx[k + 1] if k + 1 < len(idx) else len(rec.seq)
    return sum(1 for x in rec.seq[start:end] if x == ln), len(idx)

def samples(rec, c):
    s = rec.snaps.get((c["sample_line"], c["variable"]), [])[c.get("skip", 0):]
    if "take" in c:
        s = s[:c["take"]]
    return s

def line_count(rec, c):
    if "segment" in c:
        return seg_count(rec, c)[0]
    return rec.lines.get(int(c["variable"].split("line")[1]), 0)

def check_claim(c, it, rec):
    """Return (ok, detail)."""
    w, val = c["what"], c["value"]
    if w in ("arith", "comparison"):
        got = eval(c["expr"])
        return repr(got) == repr(literal(val)), "eval(%s)=%r" % (c["expr"], got)
    if w == "count":
        got = line_count(rec, c)
        return got == int(val), "count %d" % got
    if w == "return":
        v = repr(literal(val))
        return (v in rec.returns or v == it["returned"]), "returns=%s" % rec.returns[-3:]
    if w == "call":
        got, _ = run(it["code"], c["quote"].split("Answer:")[-1].strip(), trace=False)
        return repr(got) == repr(literal(val)) and repr(got) == it["returned"], "call gives %r" % (got,)
    if w == "value":
        var = c["variable"]
        h = rec.hist.get(var, [])
        if "sample_line" in c:
            s = samples(rec, c)
            want = [repr(x) for x in literal(val)]
            return s == want, "samples %s" % s
        if c.get("seq"):
            want = [repr(x) for x in literal(val)]
            ok = any(h[i:i + len(want)] == want for i in range(len(h)))
            return ok, "hist %s" % h
        v = repr(literal(val))
        if "index" in c:
            i = c["index"]
            return (len(h) > abs(i) - (1 if i < 0 else 0) and h[i] == v), "hist %s" % h
        return v in h, "hist %s" % h
    return False, "unknown what"

def check_error(it, c, rec):
    """The injected claim c must be false at its point; verify the actual value there."""
    e = it["error"]; k = e["kind"]; notes = []
    ok = True
    if k == "wrong_final_answer":
        ok = repr(literal(it["answer"])) != it["returned"]
    elif k == "backward_wrong_input":
        got, _ = run(it["code"], it["answer"], trace=False)
        ok = repr(got) != it["returned"]; notes.append("wrong call gives %r" % (got,))
    elif c["what"] in ("arith", "comparison"):
        got = eval(c["expr"])
        ok = repr(got) == repr(literal(e["actual"])) and repr(got) != repr(literal(c["value"]))
        if e.get("held_elsewhere"):
            held = any(repr(literal(c["value"])) in h for h in rec.hist.values())
            ok = ok and held; notes.append("stated value held by a variable elsewhere: %s" % held)
    elif c["what"] == "count":
        ok = line_count(rec, c) == int(e["actual"]) != int(c["value"])
        if e.get("held_elsewhere") and "segment" in c:
            n = seg_count(rec, c)[1]
            held = any(seg_count(rec, c, k)[0] == int(c["value"]) for k in range(n))
            ok = ok and held; notes.append("stated count occurs in another visit: %s" % held)
    elif c["what"] == "value":
        var = c["variable"]; h = rec.hist.get(var, [])
        if "sample_line" in c:
            s = samples(rec, c)
            p = c["wrong_pos"]
            ok = s[p] == repr(literal(e["actual"])) and s[p] != repr(literal(e["stated"]))
            if e.get("held_elsewhere"):
                ok = ok and repr(literal(e["stated"])) in h; notes.append("stated value held elsewhere: %s" % (repr(literal(e["stated"])) in h))
        elif k == "impossible_state":
            ok = repr(literal(c["value"])) not in h
        else:
            i = c["index"]
            ok = h[i] != repr(literal(c["value"]))
            if k != "swapped_variables":
                ok = ok and h[i] == repr(literal(e["actual"]))
            if e.get("held_elsewhere"):
                ok = ok and repr(literal(c["value"])) in h; notes.append("stated value held elsewhere in history")
    if k in ("wrong_intermediate_right_answer",) and it["direction"] == "forward":
        ok = ok and repr(literal(it["answer"])) == it["returned"]
    return ok, "; ".join(notes)

def main(path):
    items = [json.loads(l) for l in open(path)]
    fails = 0; lines = []
    for it in items:
        res, rec = run(it["code"], it["call"])
        probs = []
        if repr(res) != it["returned"]:
            probs.append("returned mismatch %r" % (res,))
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("quote not in rationale: %r" % c["quote"])
        if it["label"] == "error" and it["error"]["quote"] not in it["rationale"]:
            probs.append("error quote missing")
        last = it["rationale"].strip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            probs.append("answer line mismatch")
        results = [(c,) + check_claim(c, it, rec) for c in it["claims"]]
        if it["label"] == "faithful":
            for c, ok, d in results:
                if not ok:
                    probs.append("claim false: %r (%s)" % (c["quote"], d))
            if it["direction"] == "forward":
                if repr(literal(it["answer"])) != it["returned"]:
                    probs.append("forward answer wrong")
            else:
                got, _ = run(it["code"], it["answer"], trace=False)
                if repr(got) != it["returned"]:
                    probs.append("backward answer gives %r" % (got,))
            status = "ok"
        else:
            bad = [(c, d) for c, ok, d in results if not ok]
            inj = it["claims"][-1]
            others = [(c, d) for c, d in bad if c is not inj]
            for c, d in others:
                probs.append("non-injected claim false: %r (%s)" % (c["quote"], d))
            injected_false = any(c is inj for c, d in bad)
            if not injected_false:
                probs.append("injected claim is not false")
            ok, note = check_error(it, inj, rec)
            if not ok:
                probs.append("error kind check failed (%s)" % note)
            status = "ok (%s false at its point%s)" % (it["error"]["kind"], ", " + note if note else "")
        if probs:
            fails += 1
            lines.append("FAIL %s: %s" % (it["id"], " | ".join(probs)))
        else:
            lines.append("PASS %s %s, %d claims" % (it["id"], status, len(it["claims"])))
    lines.append("%d items, %d failed" % (len(items), fails))
    return lines, fails

if __name__ == "__main__":
    lines, fails = main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")
    print("\n".join(lines))
    sys.exit(1 if fails else 0)
