"""Standalone checker for w336 narrations: runs each program with sys.settrace, records per-variable
value histories (locals, and attributes of locals such as self.x), line hit counts, and checks claims."""
import json, sys, copy, ast

def run(code, call):
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    hist, lines = {}, {}
    def rec(frame):
        if frame.f_code.co_filename != "<prog>":
            return
        for k, v in frame.f_locals.items():
            try:
                val = copy.deepcopy(v)
            except Exception:
                val = v
            h = hist.setdefault(k, [])
            if not h or h[-1] != val:
                h.append(val)
            d = getattr(v, "__dict__", None)
            if isinstance(d, dict) and not callable(v):
                for a, av in d.items():
                    hh = hist.setdefault(k + "." + a, [])
                    av = copy.deepcopy(av)
                    if not hh or hh[-1] != av:
                        hh.append(av)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        rec(frame)
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines, g

def lit(s):
    return ast.literal_eval(s)

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")]
    fails = 0; out = []
    for it in items:
        errs = []
        ret, hist, lines, g = run(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            errs.append("returned mismatch %r" % (ret,))
        r = it["rationale"]
        last = r.strip().splitlines()[-1]
        if it["answer"] not in last:
            errs.append("answer not in last line")
        def check_claim(c):
            """True if claim holds."""
            w = c["what"]; v = lit(c["value"])
            if w == "value":
                h = hist.get(c["variable"], [])
                if c.get("sequence"):
                    n = len(v)
                    return any(h[i:i + n] == v for i in range(len(h) - n + 1))
                if "history_index" in c:
                    return c["history_index"] < len(h) and h[c["history_index"]] == v
                return v in h
            if w == "count" and c["variable"].startswith("header@line"):
                # a for-header line entered once runs iterations + 1 times
                return lines.get(int(c["variable"].split("@line")[1]), 0) - 1 == v
            if w == "count":
                return lines.get(int(c["variable"].split("@line")[1]), 0) == v
            if w in ("arith", "comparison"):
                return eval(c["expr"], dict(g)) == v
            if w == "return":
                return ret == v
            if w == "call":
                g2 = {}; exec(it["code"], g2)
                return eval(c["expr"], g2) == v
            raise ValueError(w)
        for c in it["claims"]:
            if c["quote"] not in r:
                errs.append("quote missing: " + c["quote"])
        if it["label"] == "faithful":
            for c in it["claims"]:
                if not check_claim(c):
                    errs.append("false claim: %s" % c["quote"])
        else:
            e = it["error"]
            if e["quote"] not in r:
                errs.append("error quote missing")
            k = e["kind"]
            bad = [c for c in it["claims"] if c.get("is_error")]
            if k == "wrong_final_answer":
                if lit(it["answer"]) == ret: errs.append("final answer not wrong")
            elif k == "backward_wrong_input":
                g2 = {}; exec(it["code"], g2)
                if eval(it["answer"], g2) == ret: errs.append("backward input not wrong")
            else:
                if len(bad) != 1: errs.append("need one is_error claim")
                elif check_claim(bad[0]): errs.append("error claim is actually true")
                elif e.get("held_check"):
                    # the wrong element is a value another variable/moment holds
                    hc = e["held_check"]
                    if lit(hc["value"]) not in hist.get(hc["variable"], []):
                        errs.append("held_check value never occurs")
                elif e.get("held_elsewhere") and bad[0]["what"] == "value" and not bad[0].get("sequence"):
                    # a held-elsewhere slip: the value must occur in the run, just not at that point
                    if lit(bad[0]["value"]) not in hist.get(bad[0]["variable"], []):
                        errs.append("held_elsewhere value never occurs")
            for c in it["claims"]:
                if not c.get("is_error") and not check_claim(c):
                    if not (e.get("carried") and c.get("carried")):
                        errs.append("other claim false: %s" % c["quote"])
        if it["label"] == "faithful":
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret: errs.append("forward answer wrong")
            else:
                g2 = {}; exec(it["code"], g2)
                if eval(it["answer"], g2) != ret: errs.append("backward answer wrong")
        status = "PASS" if not errs else "FAIL " + "; ".join(errs)
        fails += bool(errs)
        out.append("%s %s" % (it["id"], status))
    out.append("TOTAL %d items, %d failing" % (len(items), fails))
    print("\n".join(out))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
