"""Standalone checker for w103 narrations: re-executes each program with sys.settrace
and checks every claim (faithful: must hold; error copies: the error claim must NOT hold,
all other claims must hold). Standard library only."""
import ast, copy, json, sys

def literal(s):
    return ast.literal_eval(s)

def run_traced(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist = {}      # name -> collapsed list of values
    lines = {}     # line number -> hit count
    def snap(frame):
        for k, v in frame.f_locals.items():
            items = [(k, v)]
            if k == "self" and hasattr(v, "__dict__"):
                items = [("self." + a, b) for a, b in vars(v).items()]
            for name, val in items:
                if callable(val) and not isinstance(val, (list, dict, tuple, set)):
                    continue
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    continue
                h = hist.setdefault(name, [])
                if not h or h[-1] != val or type(h[-1]) != type(val):
                    h.append(val)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if frame.f_code.co_name in ("<listcomp>", "<dictcomp>", "<setcomp>", "<genexpr>"):
            return tracer
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        if event in ("line", "return"):
            snap(frame)
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def eval_call(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def history(hist, var):
    """History of a name, or of an expression on a name such as counts['INFO']."""
    if "[" not in var:
        return hist.get(var, [])
    base = var[:var.index("[")]
    out = []
    for v in hist.get(base, []):
        try:
            x = eval("_v" + var[len(base):], {"_v": v})
        except Exception:
            continue
        if not out or out[-1] != x:
            out.append(x)
    return out

def held_anywhere(hist, val):
    for h in hist.values():
        for x in h:
            if x == val:
                return True
            if isinstance(x, dict) and (val in list(x.values()) or val in list(x.keys())):
                return True
            if isinstance(x, (list, tuple, set)) and val in list(x):
                return True
    return False

def claim_holds(c, ret, hist, lines, item):
    what = c["what"]
    if what == "value":
        var, val = c["variable"], literal(c["value"])
        h = history(hist, var)
        if c.get("seq"):
            start = c.get("at", 0)
            return h[start:start + len(val)] == list(val)
        if "at" in c:
            k = c["at"]
            return k < len(h) and h[k] == val and type(h[k]) == type(val)
        return any(x == val and type(x) == type(val) for x in h)
    if what == "count":
        return lines.get(c["line"], 0) + c.get("offset", 0) == literal(c["value"])
    if what in ("comparison", "arith"):
        expr = c.get("expr") or c["quote"].split("=")[0].strip("` ")
        return eval(expr, {}) == literal(c["value"])
    if what == "return":
        return ret == literal(c["value"])
    if what == "call":
        return eval_call(item["code"], c["value"]) == ret
    raise ValueError(what)

def check_item(item):
    probs = []
    ret, hist, lines = run_traced(item["code"], item["call"])
    if repr(ret) != item["returned"]:
        probs.append("returned mismatch %r" % (ret,))
    rat = item["rationale"]
    if not rat.rstrip().splitlines()[-1].startswith("Answer:"):
        probs.append("last line is not Answer:")
    if item["direction"] == "forward":
        ans_ok = literal(item["answer"]) == ret
    else:
        ans_ok = eval_call(item["code"], item["answer"]) == ret
    if ("Answer: " + item["answer"]) not in rat:
        probs.append("answer not in rationale")
    err = item["error"]
    final_err = err and err["kind"] in ("wrong_final_answer", "backward_wrong_input")
    if final_err == ans_ok:
        probs.append("answer correctness wrong (ans_ok=%s)" % ans_ok)
    if err and err["quote"] not in rat:
        probs.append("error quote not in rationale")
    found_err_claim = False
    for c in item["claims"]:
        if c["quote"] not in rat:
            probs.append("claim quote missing: %r" % c["quote"])
        try:
            ok = claim_holds(c, ret, hist, lines, item)
        except Exception as e:
            probs.append("claim error %r: %s" % (c["quote"], e)); continue
        is_err = bool(c.get("is_error"))
        if is_err:
            found_err_claim = True
            if ok:
                probs.append("error claim is actually TRUE: %r" % c["quote"])
            if err.get("held_elsewhere"):
                sv = literal(c["value"])
                if not (held_anywhere(hist, sv) or (isinstance(sv, list) and all(held_anywhere(hist, v) for v in sv))):
                    probs.append("held_elsewhere value never held: %r" % c["value"])
        elif not ok:
            probs.append("claim false: %r (%s=%s)" % (c["quote"], c.get("variable"), c["value"]))
    if err and not final_err and not found_err_claim:
        probs.append("no error claim for error copy")
    return probs

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") if l.strip()]
    bad = 0
    out = []
    for it in items:
        p = check_item(it)
        status = "PASS" if not p else "FAIL"
        if p: bad += 1
        out.append("%s %s %s" % (status, it["id"], "; ".join(p)))
    out.append("TOTAL %d items, %d failing" % (len(items), bad))
    print("\n".join(out))
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
