"""Standalone checker for w301 narrations: runs each call under sys.settrace, records every
frame's locals at each line/return event, and checks claims and errors against that record."""
import ast, copy, json, sys

def run_traced(code, call):
    ns = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), ns)
    snaps = []          # (func, line, invocation index, locals snapshot)
    inv = {}
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        fn = frame.f_code.co_name
        if event == "call":
            inv[fn] = inv.get(fn, -1) + 1
            frame.f_locals  # touch
            frame.f_trace_lines = True
            return tracer
        if event in ("line", "return"):
            try:
                loc = copy.deepcopy(dict(frame.f_locals))
            except Exception:
                loc = dict(frame.f_locals)
            if event == "return":
                loc["__ret__"] = copy.deepcopy(arg)
            snaps.append((fn, frame.f_lineno, inv.get(fn, 0), event, loc))
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(compile(call, "<call>", "eval"), ns)
    finally:
        sys.settrace(None)
    return ns, ret, snaps

def history(snaps, expr):
    out = []
    for fn, ln, k, ev, loc in snaps:
        try:
            v = eval(expr, {}, loc)
        except Exception:
            continue
        if not out or out[-1] != v:
            out.append(copy.deepcopy(v))
    return out

def returns_list(snaps, func):
    return [loc["__ret__"] for fn, ln, k, ev, loc in snaps if fn == func and ev == "return"]

def at_line(snaps, func, line, occ, expr):
    n = -1
    for fn, ln, k, ev, loc in snaps:
        if fn == func and ln == line and ev == "line":
            n += 1
            if n == occ:
                return eval(expr, {}, loc)
    raise LookupError("no such occurrence")

def count_line(snaps, at):
    # a loop header line runs once more than its body; "offset": -1 turns that into iterations
    return at.get("offset", 0) + sum(1 for fn, ln, k, ev, loc in snaps
               if fn == at["func"] and ln == at["line"] and ev == "line"
               and (at.get("call") is None or k == at["call"])
               and (at.get("where") is None or eval(at["where"], {}, loc)))

def returns_of(code, call):
    ns = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), ns)
    return eval(call, ns)

def check_claim(c, snaps, ret):
    w, val = c["what"], ast.literal_eval(c["value"])
    if w == "value":
        if c.get("returns_of"):
            r = returns_list(snaps, c["returns_of"]); n = len(val)
            return any(r[i:i + n] == val for i in range(len(r) - n + 1))
        if c.get("seq"):
            h = history(snaps, c["variable"]); n = len(val)
            return any(h[i:i + n] == val for i in range(len(h) - n + 1))
        if "at" in c:
            a = c["at"]; return at_line(snaps, a["func"], a["line"], a["occ"], c["variable"]) == val
        return val in history(snaps, c["variable"])
    if w == "count":
        return count_line(snaps, c["at"]) == val
    if w in ("arith", "comparison"):
        return eval(c["expr"]) == val
    if w == "return":
        return ret == val
    if w == "call":
        return True
    raise ValueError(w)

def check_error(e, item, snaps, ret):
    ch, stated = e["check"], ast.literal_eval(e["check"]["stated_value"])
    t = ch["type"]
    if t == "arith" or t == "comparison":
        ok = eval(ch["expr"]) != stated
    elif t == "hist_at":
        actual = at_line(snaps, ch["func"], ch["line"], ch["occ"], ch["var"])
        ok = actual != stated
    elif t == "hist_idx":
        ok = history(snaps, ch["var"])[ch["idx"]] != stated
    elif t == "ret_idx":
        ok = returns_list(snaps, ch["func"])[ch["idx"]] != stated
    elif t == "count":
        ok = count_line(snaps, ch["at"]) != stated
    elif t == "never":
        ok = stated not in history(snaps, ch["var"])
    elif t == "answer_fwd":
        ok = ast.literal_eval(item["answer"]) != ret
    elif t == "answer_bwd":
        ok = returns_of(item["code"], item["answer"]) != ret
    else:
        raise ValueError(t)
    if ok and e.get("held_elsewhere"):
        if t == "arith":
            ok = stated in history(snaps, ch["held_var"])
        elif t == "count":
            ok = True
        else:
            ok = stated in history(snaps, ch.get("held_var", ch.get("var")))
    return ok

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")]
    progs = {json.loads(l)["id"]: json.loads(l) for l in open("programs.jsonl")}
    fails, lines = 0, []
    for it in items:
        probs = []
        ns, ret, snaps = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append("returned mismatch")
        p = progs.get(it["program_id"])
        if p is None or p["returned"] != it["returned"] or len(p["events"]) != it["trace_events"]:
            probs.append("programs.jsonl mismatch")
        r = it["rationale"]
        last = r.rstrip().splitlines()[-1]
        if last != "Answer: " + it["answer"]:
            probs.append("answer line mismatch")
        for c in it["claims"]:
            if c["quote"] not in r:
                probs.append("quote missing: " + c["quote"])
        if it["label"] == "faithful":
            for c in it["claims"]:
                try:
                    good = check_claim(c, snaps, ret)
                except Exception as ex:
                    good = False
                if not good:
                    probs.append("false claim: %r" % c["quote"])
            if it["direction"] == "forward":
                if ast.literal_eval(it["answer"]) != ret: probs.append("fwd answer wrong")
            else:
                if returns_of(it["code"], it["answer"]) != ret: probs.append("bwd answer wrong")
        else:
            e = it["error"]
            if e["quote"] not in r: probs.append("error quote missing")
            if not check_error(e, it, snaps, ret): probs.append("error not confirmed false")
            # all other claims must still hold
            for c in it["claims"]:
                if c.get("is_error"): continue
                try:
                    good = check_claim(c, snaps, ret)
                except Exception:
                    good = False
                if not good and not c.get("carried"):
                    probs.append("other claim false: %r" % c["quote"])
            if e["kind"] != "wrong_final_answer" and e["kind"] != "backward_wrong_input":
                if it["direction"] == "forward" and ast.literal_eval(it["answer"]) != ret and not e.get("carried"):
                    probs.append("answer changed unexpectedly")
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        lines.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    lines.append("items=%d failures=%d" % (len(items), fails))
    print("\n".join(lines))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
