"""Standalone checker for w373 narrations: re-executes each program with sys.settrace,
records every variable's value history (locals per frame, plus self.<attr> per object),
line execution counts and per-function return values, then checks claims and errors."""
import ast, copy, json, re, sys

def literal(s):
    return ast.literal_eval(s)

def run(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist, last, lines, rets = {}, {}, {}, {}
    serial = {}
    counter = [0]
    def next_serial():
        counter[0] += 1
        return counter[0] * 100000
    def note(key, name, val):
        if key not in last or last[key] != val:
            last[key] = val
            hist.setdefault(name, []).append(val)
    def snap(frame):
        for n, v in frame.f_locals.items():
            try:
                note((serial[id(frame)], n), n, copy.deepcopy(v))
            except Exception:
                pass
            if n == "self" and hasattr(v, "__dict__"):
                for a, av in vars(v).items():
                    note((id(v), a), "self." + a, copy.deepcopy(av))
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "call":
            serial[id(frame)] = next_serial()
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        snap(frame)
        if event == "return":
            rets.setdefault(frame.f_code.co_name, []).append(copy.deepcopy(arg))
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return result, hist, lines, rets

def plain_eval(code, call):
    ns = {}
    exec(code, ns)
    return eval(call, ns)

def arith_lhs(quote):
    q = quote.strip().strip("`")
    m = re.match(r"^(.*?)\s*(?:=|\bis\b|gives|->)\s*([^=]+)$", q)
    if not m or "==" in q and not re.search(r"[^=!<>]=[^=]", q):
        raise ValueError("cannot parse arith quote: " + quote)
    return m.group(1).strip().strip("`"), m.group(2).strip().strip("`")

def claim_true(c, ctx):
    result, hist, lines, rets = ctx
    what, var = c["what"], c.get("variable")
    if what == "value":
        return literal(c["value"]) in hist.get(var, [])
    if what == "count":
        line = int(re.search(r"line\s*(\d+)", var).group(1))
        n = lines.get(line, 0)
        if "header" in var:  # a for-header line runs once more than the loop body
            n -= 1
        return n == literal(c["value"])
    if what == "comparison":
        expr = c.get("expr", c["quote"]).strip().strip("`")
        return bool(eval(expr)) == literal(c["value"])
    if what == "arith":
        lhs, _ = arith_lhs(c.get("expr", c["quote"]))
        return eval(lhs) == literal(c["value"])
    if what == "return":
        return literal(c["value"]) == result
    if what == "call":
        return literal(c["value"]) in rets.get(var, [])
    raise ValueError("unknown claim kind " + what)

def check_item(it, programs):
    errs = []
    prog = programs[it["program_id"]]
    if it["code"] != prog["code"] or it["call"] != prog["call"]:
        errs.append("code/call differ from programs.jsonl")
    ctx = run(it["code"], it["call"])
    result = ctx[0]
    if repr(result) != it["returned"]:
        errs.append("returned mismatch %r vs %s" % (result, it["returned"]))
    r = it["rationale"]
    for c in it["claims"]:
        if c["quote"] not in r:
            errs.append("claim quote not in rationale: " + c["quote"])
    ans_line = r.rstrip().splitlines()[-1]
    if it["answer"] not in ans_line:
        errs.append("answer not in last line")
    # answer checks
    if it["direction"] == "forward":
        ans_ok = literal(it["answer"]) == result
    else:
        ans_ok = plain_eval(it["code"], it["answer"]) == result
    err = it["error"]
    if it["label"] == "faithful":
        if err is not None:
            errs.append("faithful item with error")
        if not ans_ok:
            errs.append("faithful answer wrong")
        for c in it["claims"]:
            try:
                if not claim_true(c, ctx):
                    errs.append("false claim: %s" % json.dumps(c))
            except Exception as e:
                errs.append("claim error %s: %s" % (c["quote"], e))
        return errs
    # error copies
    k = err["kind"]
    if err["quote"] not in r:
        errs.append("error quote not in rationale")
    if k in ("wrong_final_answer", "backward_wrong_input"):
        if ans_ok:
            errs.append("error answer is actually right")
        if k == "backward_wrong_input" and it["direction"] != "backward":
            errs.append("backward_wrong_input on forward item")
        return errs
    if not ans_ok and not err.get("carried"):
        errs.append("non-answer error copy has wrong answer (and not carried)")
    if k == "wrong_intermediate_right_answer" and not ans_ok:
        errs.append("wrong_intermediate_right_answer must keep the right answer")
    bad = [c for c in it["claims"] if c["quote"] == err["quote"]]
    try:
        sv = literal(err["stated"])
        narrowed = [c for c in bad if literal(c["value"]) == sv]
        if narrowed:
            bad = narrowed
    except Exception:
        pass
    if not bad:
        errs.append("no claim matches error quote")
    for c in ([] if err.get("at") else bad):
        try:
            if claim_true(c, ctx):
                errs.append("error claim is actually true: %s" % json.dumps(c))
        except Exception as e:
            errs.append("error claim eval failed: %s" % e)
    # point checks: the stated value is false AT THAT POINT (index into history)
    _, hist, lines, _ = ctx
    for pc in err.get("at", []):
        h = hist.get(pc["variable"], [])
        idx = pc["index"]
        if idx >= len(h):
            errs.append("point index out of range %s" % pc)
            continue
        st = literal(pc["stated"])
        if h[idx] == st:
            errs.append("stated value is true at that point %s" % pc)
        if "actual" in pc and h[idx] != literal(pc["actual"]):
            errs.append("actual at point differs: %r vs %s" % (h[idx], pc["actual"]))
        if err.get("held_elsewhere"):
            if not any(st in hh for hh in hist.values()):
                errs.append("held_elsewhere but value never held: %s" % pc)
    if err.get("held_elsewhere") and not err.get("at"):
        try:
            st = literal(err["stated"])
            if not any(st in hh for hh in hist.values()):
                errs.append("held_elsewhere but stated value never held by any variable")
        except Exception as e:
            errs.append("cannot parse stated for held check: %s" % e)
    if k == "impossible_state":
        for c in bad:
            if c["what"] == "value" and any(literal(c["value"]) in hh for n, hh in hist.items() if n == c["variable"]):
                errs.append("impossible_state value is held by the variable")
    if k in ("wrong_intermediate_right_answer", "wrong_loop_summary_value", "swapped_variables") and not err.get("at"):
        errs.append("missing point checks")
    if k == "off_by_one_loop_count":
        for c in bad:
            line = int(re.search(r"line\s*(\d+)", c["variable"]).group(1))
            if abs(lines.get(line, 0) - literal(c["value"])) != 1:
                errs.append("loop count not off by exactly one")
    return errs

def main():
    here = sys.argv[1] if len(sys.argv) > 1 else "."
    programs = {json.loads(l)["id"]: json.loads(l) for l in open(here + "/programs.jsonl") if l.strip()}
    items = [json.loads(l) for l in open(here + "/narrations.jsonl") if l.strip()]
    ids = set()
    nfail = 0
    for it in items:
        if it["id"] in ids:
            print("DUPLICATE", it["id"]); nfail += 1
        ids.add(it["id"])
        try:
            errs = check_item(it, programs)
        except Exception as e:
            errs = ["exception: %r" % e]
        status = "PASS" if not errs else "FAIL"
        if errs:
            nfail += 1
        extra = "" if it["label"] == "faithful" else " [%s]" % it["error"]["kind"]
        print("%s %s%s" % (status, it["id"], extra))
        for e in errs:
            print("    " + e)
    print("TOTAL %d items, %d failing" % (len(items), nfail))
    return 1 if nfail else 0

if __name__ == "__main__":
    sys.exit(main())
