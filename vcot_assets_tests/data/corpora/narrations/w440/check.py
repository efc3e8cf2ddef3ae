"""Standalone checker for w440 narrations: runs each program with sys.settrace, records value
histories, and checks claims / answers / error copies against real execution."""
import sys, json, copy, re, ast
from collections import defaultdict

def run_traced(code, call):
    hist = defaultdict(list)          # var name -> list of successive distinct values (all frames, in order)
    lines = defaultdict(int)          # line number -> times executed
    entries = defaultdict(int)        # line number -> times reached from an earlier line (loop entry)
    last = {}
    def snap(frame):
        if frame.f_code.co_filename != "<prog>":
            return
        for k, v in frame.f_locals.items():
            items = [(k, v)]
            if k == "self" and hasattr(v, "__dict__"):
                items = [("self." + a, b) for a, b in vars(v).items()]
            for name, val in items:
                if callable(val) or type(val).__module__ == "__prog__":
                    continue
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    continue
                h = hist[name]
                if not h or h[-1] != val or type(h[-1]) != type(val):
                    h.append(val)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return tracer
        snap(frame)
        if event == "call":
            last.pop(id(frame), None)
            lines["calls@" + frame.f_code.co_name] += 1
        if event == "line":
            L = frame.f_lineno
            lines[L] += 1
            prev = last.get(id(frame))
            if prev is None or prev < L:
                entries[L] += 1
            last[id(frame)] = L
        return tracer
    g = {"__name__": "__prog__"}
    exec(compile(code, "<prog>", "exec"), g)
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    lines["__entries__"] = entries
    return ret, hist, lines

CODE = [None]

def plain_eval(code, call):
    g = {"__name__": "__prog__"}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def clean(expr):
    return expr.replace("`", "").replace("×", "*").strip()

def loop_count(lines, label):
    # label "loop@line N": iterations = times header line N ran minus times the loop was entered
    # (each entry ends with one extra header check that exits the loop)
    if label.startswith("calls@"):
        return lines[label]
    n = int(re.search(r"line (\d+)", label).group(1))
    return lines[n] - lines["__entries__"][n]

def check_claim(c, ret, hist, lines):
    what, var = c["what"], c.get("variable")
    val = ast.literal_eval(c["value"])
    if what == "value":
        if c.get("seq"):
            seq = [x for i, x in enumerate(val) if i == 0 or val[i - 1] != x]
            h = hist.get(var, [])
            return any(h[i:i + len(seq)] == seq for i in range(len(h)))
        if "index" in c:
            return hist[var][c["index"]] == val
        return val in hist.get(var, [])
    if what == "count":
        return loop_count(lines, var) == val
    if what == "comparison":
        return bool(eval(clean(c.get("expr", c["quote"])))) == val
    if what == "arith":
        return eval(clean(c.get("expr", c["quote"]))) == val
    if what == "return":
        return ret == val
    if what == "call":
        call = c["quote"].split("Answer:", 1)[1].strip() if "Answer:" in c["quote"] else clean(c["quote"])
        return plain_eval(CODE[0], call) == val
    raise ValueError(what)

def check_error(it, ret, hist, lines, code):
    e = it["error"]; k = e["kind"]
    stated = ast.literal_eval(e["stated"]) if k not in ("backward_wrong_input", "swapped_variables") else e["stated"]
    if k == "wrong_arithmetic":
        true = eval(clean(e["expr"]))
        ok = true != stated and repr(true) == e["actual"]
    elif k == "off_by_one_loop_count":
        true = loop_count(lines, e["loop"])
        ok = abs(true - stated) == 1 and str(true) == e["actual"]
    elif k == "branch_not_taken":
        true = bool(eval(clean(e["expr"])))
        ok = true != stated
    elif k in ("wrong_loop_summary_value", "wrong_intermediate_right_answer", "impossible_state"):
        h = hist[e["variable"]]
        true = h[e["index"]]
        ok = true != stated and repr(true) == e["actual"]
        if k == "impossible_state":
            ok = ok and stated not in h
        if e.get("held_elsewhere"):
            ok = ok and any(stated in hh for hh in hist.values())
        if k == "wrong_intermediate_right_answer":
            ok = ok and ast.literal_eval(it["answer"]) == ret if it["direction"] == "forward" else ok
    elif k == "swapped_variables":
        ok = True
        for var, idx, sv in zip(e["variables"], e["indexes"], e["stated_values"]):
            ok = ok and hist[var][idx] != ast.literal_eval(sv)
    elif k == "wrong_final_answer":
        ok = ast.literal_eval(it["answer"]) != ret
    elif k == "backward_wrong_input":
        ok = plain_eval(code, it["answer"]) != ret
    else:
        raise ValueError(k)
    return ok

def main(path):
    items = [json.loads(l) for l in open(path)]
    fails = 0; out = []
    for it in items:
        probs = []
        ret, hist, lines = run_traced(it["code"], it["call"])
        CODE[0] = it["code"]
        if repr(ret) != it["returned"]:
            probs.append("returned mismatch %r" % (ret,))
        rat = it["rationale"]
        if not rat.rstrip().splitlines()[-1].startswith("Answer:") and "Predicted Output" not in rat.rstrip().splitlines()[-1]:
            probs.append("no final Answer line")
        for c in it["claims"]:
            if c["quote"] not in rat:
                probs.append("quote not in rationale: %r" % c["quote"])
        wrong_quote = it["error"]["quote"] if it["error"] else None
        if it["error"] and wrong_quote not in rat:
            probs.append("error quote not in rationale")
        for c in it["claims"]:
            if c.get("is_error"):
                # the annotated wrong claim must really be false against execution
                if c["what"] in ("value", "count", "comparison", "arith", "return"):
                    try:
                        if check_claim(c, ret, hist, lines):
                            probs.append("error claim is actually true: %r" % c)
                    except Exception as ex:
                        probs.append("error claim crashed %r: %s" % (c, ex))
                continue
            if c.get("carried"):
                continue
            try:
                if not check_claim(c, ret, hist, lines):
                    probs.append("false claim: %r" % c)
            except Exception as ex:
                probs.append("claim error %r: %s" % (c, ex))
        if it["direction"] == "forward":
            if it["label"] == "faithful" or it["error"]["kind"] != "wrong_final_answer":
                if ast.literal_eval(it["answer"]) != ret:
                    probs.append("forward answer wrong")
        else:
            if it["label"] == "faithful" or it["error"]["kind"] != "backward_wrong_input":
                if plain_eval(it["code"], it["answer"]) != ret:
                    probs.append("backward answer does not reproduce output")
        if it["error"]:
            try:
                if not check_error(it, ret, hist, lines, it["code"]):
                    probs.append("error not actually false: %r" % it["error"])
            except Exception as ex:
                probs.append("error check crashed: %s" % ex)
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        out.append("%s %s (%d claims)%s" % (status, it["id"], len(it["claims"]), "".join("\n    " + p for p in probs)))
    out.append("TOTAL %d items, %d failed" % (len(items), fails))
    return "\n".join(out), fails

if __name__ == "__main__":
    if sys.argv[1] == "hist":
        d = [json.loads(l) for l in open(sys.argv[2])]
        for row in d:
            if row["id"] == sys.argv[3]:
                ret, hist, lines = run_traced(row["code"], row["call"])
                for k, v in hist.items(): print(k, v)
                print(dict(lines)); print("ret", ret)
        sys.exit()
    rep, fails = main(sys.argv[1])
    print(rep)
    sys.exit(1 if fails else 0)
