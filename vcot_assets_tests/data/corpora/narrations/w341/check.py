"""Standalone checker for w341 narrations: runs each call with sys.settrace, records each
variable's value history, and verifies claims, answers and error copies."""
import sys, json, copy, ast

def run_traced(code, call):
    hist = {}      # var -> list of distinct successive values (all frames of the program)
    lines = {}     # line number -> hit count
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    last = {}
    def snap(frame):
        for k, v in list(frame.f_locals.items()):
            if k.startswith("__"):
                continue
            items = [(k, v)]
            if k == "self" and hasattr(v, "__dict__"):
                items = [("self." + a, b) for a, b in vars(v).items()]
            for name, val in items:
                if callable(val) and not isinstance(val, (list, dict, set, tuple)):
                    continue
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    continue
                key = (id(frame), name)
                if key in last and last[key] == val:
                    continue
                last[key] = val
                h = hist.setdefault(name, [])
                if h and h[-1] == val and type(h[-1]) is type(val):
                    continue  # same value seen again from another frame: not a change
                h.append(val)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            snap(frame)
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        elif event == "return":
            snap(frame)
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def plain_eval(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def arith_value(quote):
    left = quote.rsplit("=", 1)[0].strip().rstrip("=").strip()
    left = left.replace("`", "")
    return eval(left, {})

def check_claim(c, ret, hist, lines):
    w = c["what"]; v = lit(c["value"])
    if w == "value":
        return v in hist.get(c["variable"], [])
    if w == "count":
        line = int(c["variable"].split("@line")[1])
        return lines.get(line, 0) == v
    if w == "comparison":
        return bool(eval(c["expr"], {})) == v
    if w == "arith":
        return arith_value(c.get("expr", c["quote"])) == v
    if w == "return":
        return ret == v
    if w == "call":
        return True
    return False

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    byid = {it["id"]: it for it in items}
    out, bad = [], 0
    for it in items:
        errs = []
        ret, hist, lines = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            errs.append("returned mismatch %r vs %s" % (ret, it["returned"]))
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                errs.append("quote not in rationale: %r" % c["quote"])
        last = it["rationale"].strip().splitlines()[-1]
        if it["answer"] not in last:
            errs.append("answer not in last line")
        err = it["error"]
        if it["label"] == "faithful":
            for c in it["claims"]:
                if not check_claim(c, ret, hist, lines):
                    errs.append("false claim: %r" % c["quote"])
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret:
                    errs.append("forward answer wrong")
            else:
                if plain_eval(it["code"], it["answer"]) != ret:
                    errs.append("backward answer does not reproduce output")
        else:
            f = byid[it["faithful_id"]]
            if err["quote"] not in it["rationale"]:
                errs.append("error quote missing")
            if err["stated"] not in err["quote"]:
                errs.append("stated not in quote")
            k = err["kind"]
            # other claims (not the error, not carried) must still hold
            for c in it["claims"]:
                if c.get("error") or c.get("carried"):
                    continue
                if not check_claim(c, ret, hist, lines):
                    errs.append("non-error claim false: %r" % c["quote"])
            ec = [c for c in it["claims"] if c.get("error")]
            if k == "wrong_final_answer":
                if lit(it["answer"]) == ret: errs.append("final answer not wrong")
                if it["rationale"].rsplit("Answer:", 1)[0] != f["rationale"].rsplit("Answer:", 1)[0]:
                    errs.append("body differs from faithful")
            elif k == "backward_wrong_input":
                try:
                    r2 = plain_eval(it["code"], it["answer"])
                except Exception as e:
                    r2 = e
                if r2 == ret: errs.append("wrong input still returns output")
            else:
                if not ec:
                    errs.append("no error claim")
                for c in ec:
                    w = c["what"]; sv = lit(c["value"])
                    if w == "value":
                        h = hist.get(c["variable"], [])
                        if k == "impossible_state":
                            if sv in h: errs.append("impossible value occurs")
                        else:
                            at = c["at"]  # index into history where the statement applies
                            if h[at] == sv: errs.append("stated value true at point")
                            try:
                                act = lit(c.get("actual", err["actual"]))
                            except Exception:
                                act = h[at]
                            if h[at] != act:
                                errs.append("actual %r != history[%d]=%r" % (act, at, h[at]))
                            if err.get("held_elsewhere") and sv not in h:
                                errs.append("held_elsewhere but value never held")
                    elif check_claim(c, ret, hist, lines):
                        errs.append("error claim is actually true: %r" % c["quote"])
                    if err.get("held_elsewhere") and w != "value":
                        he = c.get("held_var")
                        if he and sv not in hist.get(he, []):
                            errs.append("held_elsewhere value not held by %s" % he)
            if it["direction"] == "forward" and k != "wrong_final_answer":
                if lit(it["answer"]) != ret and not err.get("carried"):
                    errs.append("forward answer wrong in non-final error")
        status = "PASS" if not errs else "FAIL"
        bad += bool(errs)
        out.append("%s %s %s" % (status, it["id"], "; ".join(errs)))
    out.append("TOTAL %d items, %d failing" % (len(items), bad))
    open("check_report.txt", "w").write("\n".join(out) + "\n")
    print("\n".join(out[-30:]))
    return bad

if __name__ == "__main__":
    sys.exit(1 if main() else 0)
