"""Standalone checker for w392 narrations: runs each call under sys.settrace and checks claims."""
import ast, copy, json, sys

def literal(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return s

def run_traced(code, call):
    g = {}
    exec(compile(code, "<w392>", "exec"), g)
    hist, lines, rets, snaps = {}, {}, {}, []
    last_local = {}
    def flat(frame):
        d = {}
        for k, v in frame.f_locals.items():
            if callable(v) or k.startswith("."):
                continue
            if hasattr(v, "__dict__"):
                for a, av in vars(v).items():
                    d[k + "." + a] = av
            else:
                d[k] = v
        try:
            return copy.deepcopy(d)
        except Exception:
            return d
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<w392>":
            return None
        d = flat(frame)
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            snaps.append((frame.f_lineno, d))
        for k, v in d.items():
            key = (id(frame) if "." not in k else "obj", k)
            if key in last_local and last_local[key] == v:
                continue
            last_local[key] = v
            hist.setdefault(k, []).append(v)
        if event == "return":
            rets.setdefault(frame.f_code.co_name, []).append(copy.deepcopy(arg))
        return tracer
    sys.settrace(tracer)
    try:
        res = eval(call, g)
    finally:
        sys.settrace(None)
    return g, res, hist, lines, rets, snaps

def at_point(snaps, var, at):
    hits = [d for ln, d in snaps if ln == at["line"] and var in d]
    return hits[at["hit"] - 1] if at["hit"] > 0 else hits[at["hit"]]

def is_subseq(seq, h):
    n = len(seq)
    return any(h[i:i + n] == seq for i in range(len(h) - n + 1))

def expr_of(q):
    q = q.replace("`", "").strip()
    if "=" in q and not any(op in q for op in ("==", "<=", ">=", "!=")):
        q = q.rsplit("=", 1)[0]
    return q

def check_claim(c, g, res, hist, lines, rets):
    what, var, val = c["what"], c.get("variable"), literal(c["value"])
    if c.get("sequence"):
        return is_subseq(list(val), hist.get(var, []))
    if what == "value" and "expr" in c:
        return eval(c["expr"], dict(g)) == val
    if what == "value":
        if var is None:
            return any(val in h for h in hist.values())
        return val in hist.get(var, [])
    if what == "count":
        ln = int(var.split("@line")[1])
        return lines.get(ln, 0) == val
    if what == "arith":
        return eval(c.get("expr", expr_of(c["quote"])), dict(g)) == val
    if what == "comparison":
        return eval(c.get("expr", expr_of(c["quote"])), dict(g)) == val
    if what == "return":
        if var and var.startswith("return:"):
            return val in rets.get(var[7:], [])
        return val == res
    if what == "call":
        return True
    return False

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    out, bad = [], 0
    for it in items:
        probs = []
        g, res, hist, lines, rets, snaps = run_traced(it["code"], it["call"])
        if repr(res) != it["returned"]:
            probs.append("returned mismatch %r" % (res,))
        if it["rationale"].strip().splitlines()[-1].strip() != "Answer: " + it["answer"]:
            probs.append("answer line mismatch")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("quote not in rationale: " + c["quote"])
                continue
            if c.get("wrong"):
                continue
            if not check_claim(c, g, res, hist, lines, rets):
                probs.append("false claim: %s" % c)
        e = it["error"]
        ekind = e["kind"] if e else None
        if it["direction"] == "forward":
            ok = literal(it["answer"]) == res
            if ok == (ekind == "wrong_final_answer"):
                probs.append("forward answer check failed")
        else:
            r2 = eval(it["answer"], dict(g))
            ok = r2 == res
            if ok == (ekind == "backward_wrong_input"):
                probs.append("backward answer check failed")
        if e:
            if e["quote"] not in it["rationale"]:
                probs.append("error quote missing")
            st = literal(e["stated"])
            k = e["kind"]
            if k == "wrong_arithmetic":
                if eval(e.get("expr", expr_of(e["quote"])), dict(g)) == st:
                    probs.append("arith error not wrong")
            elif k == "off_by_one_loop_count":
                ln = int(e["variable"].split("@line")[1])
                if lines.get(ln, 0) == st or abs(lines.get(ln, 0) - st) != 1:
                    probs.append("count error not off by one")
            elif k == "branch_not_taken":
                if eval(e["expr"], dict(g)) == st:
                    probs.append("branch error not wrong")
            elif k in ("wrong_final_answer", "backward_wrong_input"):
                pass
            else:
                h = hist.get(e["variable"], [])
                if e.get("at"):
                    pv = at_point(snaps, e["variable"], e["at"])[e["variable"]]
                    if pv == st:
                        probs.append("error value true at point")
                    if pv != literal(e["actual"]):
                        probs.append("actual mismatch at point %r" % (pv,))
                elif st in h:
                    probs.append("error value occurs")
            if e.get("held_elsewhere"):
                var = e.get("variable")
                if not any(st in h for h in hist.values()):
                    probs.append("held_elsewhere value never held")
        status = "PASS" if not probs else "FAIL"
        bad += bool(probs)
        out.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    out.append("TOTAL %d items, %d failing" % (len(items), bad))
    open("check_report.txt", "w").write("\n".join(out) + "\n")
    print("\n".join(out[-3:]))
    return bad

if __name__ == "__main__":
    sys.exit(1 if main() else 0)
