"""Standalone checker for w194 narrations: runs each program with sys.settrace and checks claims."""
import json, sys, ast

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = {}      # variable -> list of values (in order of change, per frame)
    hits = {}      # lineno -> times executed
    last = {}      # (frame id, var) -> last value repr
    def snap(frame):
        loc = dict(frame.f_locals)
        items = []
        for k, v in loc.items():
            items.append((k, v))
            if k == "self" and hasattr(v, "__dict__"):
                for a, av in vars(v).items():
                    items.append(("self." + a, av))
        for k, v in items:
            try:
                r = repr(v)
            except Exception:
                continue
            key = (id(frame), k)
            if last.get(key) != r:
                last[key] = r
                try:
                    val = ast.literal_eval(r)
                except Exception:
                    val = r
                hist.setdefault(k, []).append(val)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            snap(frame)
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        elif event == "return":
            snap(frame)
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, hits, ns

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, ret, hist, hits, ns):
    w = c["what"]; v = lit(c["value"])
    if w == "value":
        return v in hist.get(c["variable"], [])
    if w == "count":
        return hits.get(c["line"], 0) == v
    if w in ("arith", "comparison"):
        return eval(c["expr"], {}) == v
    if w == "return":
        return v == ret
    if w == "call":
        return eval(c["value"], ns) is not None
    return False

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    progs = {json.loads(l)["id"]: json.loads(l) for l in open("programs.jsonl")}
    fails = 0; lines = []
    for it in items:
        errs = []
        ret, hist, hits, ns = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            errs.append("returned mismatch %r" % (ret,))
        if it["program_id"] not in progs:
            errs.append("program not in programs.jsonl")
        text = it["rationale"]
        last = text.strip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            errs.append("answer line mismatch")
        err = it["error"]
        for c in it["claims"]:
            if c["quote"] not in text:
                errs.append("quote missing: " + c["quote"])
            if err and c["quote"] == err["quote"] and c.get("is_error"):
                continue
            if err and err.get("carried") and c.get("carried"):
                continue
            if not check_claim(c, ret, hist, hits, ns):
                errs.append("claim false: %s" % c["quote"])
        # answer
        if it["direction"] == "forward":
            ok_ans = lit(it["answer"]) == ret
        else:
            ns2 = {}; exec(it["code"], ns2)
            ok_ans = eval(it["answer"], ns2) == ret
        if it["label"] == "faithful":
            if not ok_ans: errs.append("answer wrong")
        else:
            if err["quote"] not in text: errs.append("error quote missing")
            k = err["kind"]; chk = err["check"]; st = err["stated"]; ac = err["actual"]
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ok_ans: errs.append("error answer is actually right")
            else:
                if not ok_ans: errs.append("answer should stay right")
                t = chk["type"]
                if t == "hist":
                    h = hist.get(chk["variable"], [])
                    idx = chk["index"]
                    if not (idx < len(h) and h[idx] == lit(ac) and h[idx] != lit(st)):
                        errs.append("hist check failed %r" % (h,))
                    if err["held_elsewhere"] and lit(st) not in h:
                        errs.append("held_elsewhere but never held")
                    if not err["held_elsewhere"] and lit(st) in h and k == "impossible_state":
                        errs.append("impossible_state value is held")
                elif t == "expr":
                    r = eval(chk["expr"], {})
                    if not (r == lit(ac) and r != lit(st)):
                        errs.append("expr check failed %r" % (r,))
                    if err["held_elsewhere"]:
                        h = hist.get(chk.get("variable", ""), [])
                        if lit(st) not in h: errs.append("held_elsewhere value not held")
                elif t == "count":
                    n = hits.get(chk["line"], 0)
                    if not (n == lit(ac) and n != lit(st)):
                        errs.append("count check failed %d" % n)
                    if err["held_elsewhere"]:
                        h = hist.get(chk.get("variable", ""), [])
                        if lit(st) not in h: errs.append("held_elsewhere value not held")
                else:
                    errs.append("unknown check")
        status = "PASS" if not errs else "FAIL"
        if errs: fails += 1
        lines.append("%s %s %s" % (status, it["id"], "; ".join(errs)))
    lines.append("TOTAL %d items, %d failures" % (len(items), fails))
    out = "\n".join(lines)
    print(out)
    open("check_report.txt", "w").write(out + "\n")
    return fails

if __name__ == "__main__":
    sys.exit(1 if main() else 0)
