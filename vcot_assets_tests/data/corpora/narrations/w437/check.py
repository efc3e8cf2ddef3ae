"""Standalone checker for w437 narrations: runs each call under sys.settrace, records per-variable
value histories in the program's frames, and checks claims / answers / error copies."""
import json, sys, copy

def run_traced(code, call):
    snaps, lines = [], {}
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event in ("line", "return"):
            try:
                snaps.append(copy.deepcopy(dict(frame.f_locals)))
            except Exception:
                snaps.append(dict(frame.f_locals))
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        return tracer
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    sys.settrace(tracer)
    try:
        ret = eval(compile(call, "<call>", "eval"), g)
    finally:
        sys.settrace(None)
    return ret, snaps, lines

def history(snaps, expr):
    h = []
    for s in snaps:
        try:
            v = eval(expr, {}, dict(s))
        except Exception:
            continue
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(copy.deepcopy(v))
    return h

def plain_return(code, call):
    g = {}
    exec(compile(code, "<prog2>", "exec"), g)
    return eval(call, g)

def contiguous(seq, h):
    n = len(seq)
    return any(h[i:i + n] == seq for i in range(len(h) - n + 1))

def check_claim(c, ret, snaps, lines):
    what = c["what"]
    if what == "call":
        return True  # checked via the answer
    val = eval(c["value"])
    if what == "value":
        h = history(snaps, c["variable"])
        return contiguous(val, h) if c.get("series") else val in h
    if what == "count":
        return lines.get(int(c["variable"].split("@line ")[1]), 0) == val
    if what in ("arith", "comparison"):
        return eval(c.get("expr", c["quote"].strip("`"))) == val
    if what == "return":
        return val == ret
    if what == "call":
        return True  # checked via the answer
    return False

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")]
    fails, nclaims = 0, 0
    for it in items:
        probs = []
        ret, snaps, lines = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append("returned mismatch %r" % (ret,))
        if not it["rationale"].rstrip().splitlines()[-1].startswith("Answer: "):
            probs.append("last line not Answer")
        if it["rationale"].rstrip().splitlines()[-1] != "Answer: " + it["answer"]:
            probs.append("answer field != Answer line")
        err = it["error"]
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("quote missing: " + c["quote"])
            if c.get("is_error"):
                continue
            nclaims += 1
            if not check_claim(c, ret, snaps, lines):
                probs.append("false claim: %s" % c["quote"])
        # answer
        if it["direction"] == "forward":
            ans_ok = eval(it["answer"]) == ret
        else:
            ans_ok = repr(plain_return(it["code"], it["answer"])) == it["returned"]
        if err is None:
            if not ans_ok: probs.append("faithful answer wrong")
        else:
            k = err["kind"]
            if err["quote"] not in it["rationale"]: probs.append("error quote missing")
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok: probs.append("error answer is actually right")
            else:
                if not ans_ok: probs.append("answer should still be right")
            if k in ("wrong_arithmetic", "branch_not_taken"):
                if eval(err["expr"]) == eval(err["stated"]): probs.append("error not false")
            elif k == "off_by_one_loop_count":
                actual = lines.get(err["loop_line"], 0)
                if abs(actual - int(err["stated"])) != 1: probs.append("not off by one")
                if err["held_elsewhere"] and int(err["stated"]) not in history(snaps, "steps") + [actual - 1, actual + 1]:
                    probs.append("held_elsewhere unsupported")
            elif k == "impossible_state":
                if eval(err["stated"]) in history(snaps, err["var"]): probs.append("state is possible")
            elif "at" in err:
                for var, idx, st in err["at"]:
                    h = history(snaps, var)
                    if len(err["at"]) == 1:
                        try:
                            if h[idx] != eval(err["actual"]): probs.append("'actual' is not the value at that point")
                        except Exception:
                            probs.append("bad actual")
                    if h[idx] == eval(st): probs.append("stated value true at that point")
                    if err["held_elsewhere"] and eval(st) not in sum((history(snaps, v) for v in set(s2 for s in snaps for s2 in s) | {var}), []):
                        probs.append("held_elsewhere but value never held")
            elif k not in ("wrong_final_answer", "backward_wrong_input"):
                probs.append("no check for kind")
        status = "OK  " if not probs else "FAIL"
        if probs: fails += 1
        print(status, it["id"], "; ".join(probs))
    print("items: %d, failing: %d, positive claims checked: %d" % (len(items), fails, nclaims))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
