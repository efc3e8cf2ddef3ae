"""Standalone checker for w408 narrations: re-executes each program with sys.settrace,
records per-variable value histories (locals and self.attr) and per-line hit counts,
and checks every claim / answer / error annotation against that execution."""
import ast, copy, json, sys

FN = "<w408prog>"

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call):
    hist = {}     # var -> list of values (appended on change, per frame)
    hits = {}     # line -> count
    after = {}    # line -> list of {var: value} snapshots taken right after that line ran
    prev = {}     # frame id -> last line
    before = {}   # line -> list of {var: value} snapshots taken as that line is about to run
    last = {}     # (frame id, var) -> value
    def rec(frame):
        for k, v in list(frame.f_locals.items()):
            items = [(k, v)]
            if k == "self" and hasattr(v, "__dict__"):
                items = [("self." + a, b) for a, b in vars(v).items()]
            for name, val in items:
                s = snap(val)
                h = hist.setdefault(name, [])
                if not h or h[-1] != s or type(h[-1]) != type(s):
                    h.append(s)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        def local(fr, ev, a):
            rec(fr)
            if ev == "return":   # inner call results count as values the program holds
                hist.setdefault("<return %s>" % fr.f_code.co_name, []).append(snap(a))
            if ev in ("line", "return") and id(fr) in prev:
                after.setdefault(prev[id(fr)], []).append({k: snap(v) for k, v in fr.f_locals.items() if k != "self"})
            if ev == "line":
                before.setdefault(fr.f_lineno, []).append({k: snap(v) for k, v in fr.f_locals.items() if k != "self"})
                hits[fr.f_lineno] = hits.get(fr.f_lineno, 0) + 1
                prev[id(fr)] = fr.f_lineno
            return local
        rec(frame)
        return local
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    sys.settrace(tracer)
    try:
        result = eval(compile(call, FN + "call", "eval"), ns)
    finally:
        sys.settrace(None)
    hist["<after>"] = after
    hist["<before>"] = before
    return result, hist, hits

def plain(code, call):
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, it, res, hist, hits):
    what, var, val = c["what"], c.get("variable"), c["value"]
    if c["quote"] not in it["rationale"]:
        return "quote not in rationale: %r" % c["quote"]
    if what == "value":
        v = lit(val)
        if "at_line" in c:   # values var holds each time that line is reached (from index skip on)
            got = [d.get(var) for d in hist["<before>"].get(c["at_line"], [])][c.get("skip", 0):]
            if got != v:
                return "values at line %d: %r != %r" % (c["at_line"], got, v)
        elif "after_line" in c:   # values var took each time that line ran
            got = [d.get(var) for d in hist["<after>"].get(c["after_line"], [])]
            if got != v:
                return "values after line %d: %r != %r" % (c["after_line"], got, v)
        elif c.get("seq"):   # summarised sequence: consecutive values of the variable's history
            h = hist.get(var, [])
            if not any(h[i:i + len(v)] == v for i in range(len(h))):
                return "sequence %r not consecutive in history %r" % (v, h)
        elif "index" in c:
            h = hist.get(var, [])
            if not (len(h) > c["index"] and h[c["index"]] == v):
                return "value %s[%d] != %r (hist %r)" % (var, c["index"], v, h)
        elif var is None:
            if not any(v in h for k, h in hist.items() if k not in ("<after>", "<before>")) and v != res:
                return "value %r never held" % (v,)
        elif v not in hist.get(var, []):
            return "value %s=%r never held (hist %r)" % (var, v, hist.get(var))
    elif what == "count":
        if hits.get(c["line"], 0) != int(val):
            return "count line %d: %d != %s" % (c["line"], hits.get(c["line"], 0), val)
    elif what in ("comparison", "arith"):
        if eval(c["expr"]) != lit(val):
            return "%s %r evaluates to %r, not %s" % (what, c["expr"], eval(c["expr"]), val)
    elif what == "return":
        if lit(val) != res:
            return "return %r != %r" % (val, res)
    elif what == "call":
        if plain(it["code"], val) != res:
            return "call %s does not give output" % val
    return None

def check_error(it, res, hist, hits):
    e = it["error"]
    if e["quote"] not in it["rationale"]:
        return "error quote not in rationale"
    chk = e["check"]
    how = chk["how"]
    st, ac = e["stated"], e["actual"]
    if how == "hist":   # value at a given point of the variable's history
        h = hist.get(chk["var"], [])
        real = h[chk["index"]]
        if real != lit(ac) or real == lit(st):
            return "hist check failed: real %r stated %s actual %s" % (real, st, ac)
    elif how == "never":
        if lit(st) in hist.get(chk["var"], []):
            return "impossible_state value actually held"
    elif how == "arith":
        if eval(chk["expr"]) != lit(ac) or eval(chk["expr"]) == lit(st):
            return "arith check failed"
    elif how == "count":
        n = hits.get(chk["line"], 0)
        if n != int(ac) or n == int(st):
            return "count check failed: %d" % n
    elif how == "cmp":
        if eval(chk["expr"]) != lit(ac) or eval(chk["expr"]) == lit(st):
            return "cmp check failed"
    elif how == "answer":
        if it["direction"] == "forward":
            if lit(st) == res or lit(ac) != res:
                return "forward wrong answer equals result"
        else:
            try:
                got = plain(it["code"], st)
            except Exception as ex:
                got = ex
            if got == res:
                return "backward wrong call still returns output"
            if plain(it["code"], ac) != res:
                return "actual call does not return output"
    else:
        return "unknown check " + how
    if e.get("held_elsewhere"):
        v = lit(st)
        if not any(v in h for k, h in hist.items() if k not in ("<after>", "<before>")) and v != res:
            return "held_elsewhere value never held anywhere"
    return None

def main():
    items = [json.loads(l) for l in open("narrations.jsonl", encoding="utf-8") if l.strip()]
    bad = 0
    lines = []
    for it in items:
        probs = []
        res, hist, hits = run(it["code"], it["call"])
        if repr(res) != it["returned"]:
            probs.append("returned mismatch %r vs %s" % (res, it["returned"]))
        last_line = it["rationale"].rstrip().splitlines()[-1]
        if not last_line.startswith("Answer:") and "Answer:" not in last_line:
            probs.append("no Answer line")
        ans = last_line.split("Answer:", 1)[1].strip()
        if ans != it["answer"]:
            probs.append("answer field != Answer line")
        wrong_ans = it["label"] == "error" and it["error"]["kind"] in ("wrong_final_answer", "backward_wrong_input")
        if not wrong_ans:
            if it["direction"] == "forward":
                if lit(it["answer"]) != res:
                    probs.append("forward answer wrong")
            else:
                if plain(it["code"], it["answer"]) != res:
                    probs.append("backward answer does not reproduce output")
        for c in it["claims"]:
            if it["label"] == "error" and (c.get("err") or c.get("carried")):
                continue
            p = check_claim(c, it, res, hist, hits)
            if p:
                probs.append("claim %r: %s" % (c["quote"], p))
        if it["label"] == "error":
            p = check_error(it, res, hist, hits)
            if p:
                probs.append("error: " + p)
            if not any(c.get("err") for c in it["claims"]) and it["error"]["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                probs.append("error claim missing from claims")
        status = "OK  " if not probs else "FAIL"
        bad += bool(probs)
        lines.append("%s %s" % (status, it["id"]))
        lines += ["     " + p for p in probs]
    lines.append("%d items, %d failing" % (len(items), bad))
    out = "\n".join(lines)
    print(out)
    open("check_report.txt", "w").write(out + "\n")
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
