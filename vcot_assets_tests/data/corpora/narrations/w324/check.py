"""Standalone checker for w324 narrations: plain execution + sys.settrace histories."""
import ast, json, sys

def run_traced(code, call):
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    hist, lines = {}, {}
    last = {}
    def rec(frame):
        for k, v in list(frame.f_locals.items()):
            items = [(k, v)]
            if k == "self" and hasattr(v, "__dict__"):
                items = [("self." + a, b) for a, b in vars(v).items()]
            for name, val in items:
                try:
                    snap = repr(val)
                except Exception:
                    continue
                key = (id(frame), name)
                if last.get(key) != snap:
                    last[key] = snap
                    try:
                        v2 = ast.literal_eval(snap)
                    except Exception:
                        continue
                    h = hist.setdefault(name, [])
                    if not h or repr(h[-1]) != snap:  # k-th distinct consecutive value
                        h.append(v2)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        def local(frame, event, arg):
            rec(frame)
            if event == "line":
                lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            return local
        rec(frame)
        if event == "call":
            pass
        return local
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def plain(code, call):
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def arith(quote):
    q = quote.strip("` ")
    left = q.rsplit("=", 1)[0]
    return eval(left.replace("`", ""), {})

def check_claim(c, ret, hist, lines):
    what, val = c["what"], ast.literal_eval(c["value"])
    if what == "value":
        return val in hist.get(c["variable"], [])
    if what == "count":
        n = int(c["variable"].split("@line")[1])
        return lines.get(n, 0) == val
    if what == "arith":
        return arith(c["quote"]) == val
    if what == "comparison":
        return bool(eval(c["quote"].replace("`", ""), {})) == val
    if what == "return":
        return ret == val
    if what == "call":
        return True
    raise ValueError(what)

def main(path):
    out, bad = [], 0
    items = [json.loads(l) for l in open(path)]
    for it in items:
        probs = []
        ret, hist, lines = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append("returned mismatch %r" % (ret,))
        if not it["rationale"].rstrip().endswith("Answer: " + it["answer"]) and ("Answer: " + it["answer"]) not in it["rationale"]:
            probs.append("answer line missing")
        if it["direction"] == "forward":
            ans_ok = ast.literal_eval(it["answer"]) == ret
        else:
            ans_ok = plain(it["code"], it["answer"]) == ret
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("quote not in rationale: " + c["quote"])
        err = it["error"]
        if it["label"] == "faithful":
            if not ans_ok:
                probs.append("answer wrong")
            for c in it["claims"]:
                if not check_claim(c, ret, hist, lines):
                    probs.append("false claim: %s" % c)
        else:
            k = err["kind"]
            if err["quote"] not in it["rationale"]:
                probs.append("error quote missing")
            stated = err["stated"]
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    probs.append("wrong answer is actually right")
            else:
                if not ans_ok:
                    probs.append("answer should stay right")
                if k == "wrong_arithmetic":
                    if arith(err["quote"]) == ast.literal_eval(stated):
                        probs.append("arith not wrong")
                elif k == "off_by_one_loop_count":
                    n = int(err["point"]["variable"].split("@line")[1])
                    if abs(lines.get(n, 0) - ast.literal_eval(stated)) != 1:
                        probs.append("count not off by one (actual %s)" % lines.get(n, 0))
                elif k == "branch_not_taken":
                    if bool(eval(err["point"]["expr"], {})) == ast.literal_eval(stated):
                        probs.append("branch claim is actually true")
                elif k == "impossible_state":
                    if ast.literal_eval(stated) in hist.get(err["point"]["variable"], []):
                        probs.append("impossible value does occur")
                else:
                    p = err["point"]
                    h = hist.get(p["variable"], [])
                    actual = h[p["index"]]
                    if actual == ast.literal_eval(stated):
                        probs.append("stated equals value at point")
                    if repr(actual) != repr(ast.literal_eval(err["actual"])):
                        probs.append("actual field %s != history %r" % (err["actual"], actual))

            if err.get("held_elsewhere") and not any(ast.literal_eval(stated) in hh for hh in hist.values()):
                probs.append("held_elsewhere but value never held")
            # every other claim must still be true
            for c in it["claims"]:
                if c["quote"] in err["quote"]:
                    continue
                if not err.get("carried") and not check_claim(c, ret, hist, lines):
                    probs.append("other claim false: %s" % c)
        status = "PASS" if not probs else "FAIL"
        bad += bool(probs)
        out.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    out.append("items=%d failures=%d" % (len(items), bad))
    return out, bad

if __name__ == "__main__":
    lines_out, bad = main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")
    print("\n".join(lines_out))
    sys.exit(1 if bad else 0)
