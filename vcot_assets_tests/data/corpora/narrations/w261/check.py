"""Standalone checker for w261 narrations: re-executes every call under sys.settrace and checks
returned values, claims of faithful items, and that each error copy's error is really false."""
import ast, copy, json, sys

PROGFILE = "<program>"

def run_traced(code, call):
    hist, lines = {}, {}
    atline = {}
    def snap(frame):
        for k, v in list(frame.f_locals.items()):
            items = [(k, v)]
            if k == "self":
                items = [("self." + a, b) for a, b in vars(v).items()]
            for name, val in items:
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    pass
                h = hist.setdefault(name, [])
                if not h or h[-1] != val or type(h[-1]) != type(val):
                    h.append(val)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != PROGFILE:
            return None
        if event in ("line", "return"):
            snap(frame)
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            for k, v in frame.f_locals.items():
                try:
                    v = copy.deepcopy(v)
                except Exception:
                    pass
                atline.setdefault((frame.f_lineno, k), []).append(v)
        return tracer
    ns = {}
    exec(compile(code, PROGFILE, "exec"), ns)
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    hist["@line"] = atline
    return ret, hist, lines

def plain_call(code, call):
    ns = {}
    exec(compile(code, PROGFILE, "exec"), ns)
    return eval(call, ns)

def contiguous(seq, h):
    n = len(seq)
    return any(h[i:i + n] == seq for i in range(len(h) - n + 1))

def check_claim(c, text, ret, hist, lines):
    if c["quote"] not in text:
        return "quote not in rationale: %r" % c["quote"]
    val = ast.literal_eval(c["value"])
    w = c["what"]
    if w == "value":
        h = hist["@line"].get((c["at_line"], c["variable"]), []) if "at_line" in c else hist.get(c["variable"], [])
        if c.get("seq"):
            return None if contiguous(val, h) else "seq %r not in history of %s %r" % (val, c["variable"], h)
        return None if val in h else "%s never %r (history %r)" % (c["variable"], val, h)
    if w == "count":
        n = len(hist[c["var"]]) if "var" in c else lines.get(c["line"], 0)
        return None if n == val else "count line %d is %d, claimed %r" % (c["line"], n, val)
    if w in ("arith", "comparison"):
        got = eval(c["expr"], {}, c.get("env", {}))
        return None if got == val else "%s evaluates to %r, claimed %r" % (c["expr"], got, val)
    if w == "return":
        return None if ret == val else "return is %r, claimed %r" % (ret, val)
    if w == "call":
        return None
    return "unknown what " + w

def check_error(it, ret, hist, lines):
    e = it["error"]; ch = e["check"]; mode = ch["mode"]
    if e["quote"] not in it["rationale"]:
        return "error quote missing"
    stated = ast.literal_eval(e["stated"]) if mode != "answer" else None
    actual = ast.literal_eval(e["actual"]) if mode != "answer" else None
    if mode == "expr":
        got = eval(ch["expr"], {}, ch.get("env", {}))
    elif mode == "hist":
        h = hist[ch["variable"]]
        got = h[ch["index"]] if "index" in ch else h[ch["slice"][0]:ch["slice"][1]]
    elif mode == "count":
        got = lines.get(ch["line"], 0)
    elif mode == "atline":
        got = hist["@line"][(ch["at_line"], ch["variable"])][ch["index"]]
    elif mode == "seq":
        h = hist["@line"][(ch["at_line"], ch["variable"])] if "at_line" in ch else hist[ch["variable"]]
        if contiguous(stated, h):
            return "stated seq occurs in history"
        if not contiguous(actual, h):
            return "actual seq not in history"
        return None
    elif mode == "answer":
        if it["direction"] == "forward":
            return None if ast.literal_eval(it["answer"]) != ret else "wrong answer equals return"
        got = plain_call(it["code"], it["answer"])
        return None if repr(got) != it["returned"] else "backward answer actually returns output"
    else:
        return "bad mode"
    if got != actual:
        return "actual %r but execution gives %r" % (actual, got)
    if got == stated:
        return "stated value is actually true"
    if e.get("held_elsewhere"):
        vals = [v for k, hh in hist.items() if k != "@line" for v in hh]
        if mode == "hist" and not isinstance(stated, list):
            if stated not in vals:
                return "held_elsewhere but value never held"
    return None

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    fails, n_ok = [], 0
    out = []
    for it in items:
        probs = []
        ret, hist, lines = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append("returned mismatch %r" % (ret,))
        if not it["rationale"].rstrip().endswith("Answer: " + it["answer"]):
            probs.append("Answer line does not match answer field")
        for c in it["claims"]:
            if c.get("is_error"):
                continue
            p = check_claim(c, it["rationale"], ret, hist, lines)
            if p:
                probs.append(p)
        if it["label"] == "faithful":
            if it["direction"] == "forward":
                if ast.literal_eval(it["answer"]) != ret:
                    probs.append("forward answer != return")
            else:
                if repr(plain_call(it["code"], it["answer"])) != it["returned"]:
                    probs.append("backward answer does not reproduce output")
        else:
            p = check_error(it, ret, hist, lines)
            if p:
                probs.append("error check: " + p)
            if it["error"]["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                if it["direction"] == "forward" and ast.literal_eval(it["answer"]) != ret:
                    probs.append("non-answer error copy has wrong answer")
                if it["direction"] == "backward" and repr(plain_call(it["code"], it["answer"])) != it["returned"]:
                    probs.append("non-answer error copy has wrong answer call")
        status = "PASS" if not probs else "FAIL"
        n_ok += not probs
        out.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    out.append("%d/%d items pass" % (n_ok, len(items)))
    print("\n".join(out))
    return 0 if n_ok == len(items) else 1

if __name__ == "__main__":
    sys.exit(main())
