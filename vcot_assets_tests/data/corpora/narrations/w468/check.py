"""Standalone checker for w468 narrations: re-executes each program with sys.settrace and
checks every claim, answer and error annotation against real execution."""
import ast, copy, json, sys

def literal(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return s

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    events = []          # (frame_id, kind, line, locals snapshot)
    hits = {}
    def snap(frame):
        d = {}
        for k, v in frame.f_locals.items():
            try:
                d[k] = copy.deepcopy(v)
            except Exception:
                d[k] = v
            if k == "self":
                for ak, av in getattr(v, "__dict__", {}).items():
                    d["self." + ak] = copy.deepcopy(av)
        return d
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event in ("line", "return"):
            events.append((id(frame), event, frame.f_lineno, snap(frame)))
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return ns, result, events

def histories(events):
    h = {}
    for _, _, _, d in events:
        for k, v in d.items():
            lst = h.setdefault(k, [])
            if not lst or lst[-1] != v:
                lst.append(v)
    return h

def point(events, at):
    """state before (or after) the hit-th execution of line at['line']"""
    n = 0
    for i, (fid, ev, ln, d) in enumerate(events):
        if ev == "line" and ln == at["line"]:
            n += 1
            if n == at["hit"]:
                if at.get("when", "before") == "before":
                    return d
                for fid2, ev2, ln2, d2 in events[i + 1:]:
                    if fid2 == fid:
                        return d2
    raise KeyError("no such point %r" % (at,))

def loop_count(code, events, label):
    """iterations of the loop whose header is at line N: header hits followed (in the same
    frame) by a line inside the loop block"""
    n = int(label.split("@line")[1])
    lines = code.splitlines()
    ind = len(lines[n - 1]) - len(lines[n - 1].lstrip())
    end = n
    for k in range(n, len(lines)):
        if lines[k].strip() and len(lines[k]) - len(lines[k].lstrip()) <= ind:
            break
        end = k + 1
    it = 0
    for i, (fid, ev, ln, _) in enumerate(events):
        if ev == "line" and ln == n:
            for fid2, ev2, ln2, _ in events[i + 1:]:
                if fid2 == fid:
                    if ev2 == "line" and n < ln2 <= end:
                        it += 1
                    break
    return it

def claim_truth(item, c, events, hist, result, ns):
    """returns (ok, actual) for one claim"""
    what = c["what"]; val = literal(c["value"])
    if what == "arith":
        act = eval(c["expr"])
        return act == val, act
    if what == "return":
        return val == result, result
    if what == "call":
        act = eval(c["value"], dict(ns))
        return act == result, act
    if what == "count":
        act = loop_count(item["code"], events, c["variable"])
        return act == val, act
    if what == "comparison":
        d = point(events, c["at"])
        act = bool(eval(c["expr"], {}, dict(d)))
        return act == val, act
    if what == "value":
        if "seq" in c:
            q = c["seq"]
            act = []
            for h in range(q["from"], q["to"] + 1):
                d = point(events, {"line": q["line"], "hit": h, "when": q.get("when", "before")})
                act.append(eval(c["expr"], {}, dict(d)) if "expr" in c else d.get(c["variable"]))
            return act == val, act
        if "points" in c:  # the variable's value at several given points, in order
            act = [eval(c["expr"], {}, dict(point(events, p))) if "expr" in c
                   else point(events, p).get(c["variable"], "<unbound>") for p in c["points"]]
            return act == val, act
        if "at" in c:
            d = point(events, c["at"])
            act = eval(c["expr"], {}, dict(d)) if "expr" in c else d.get(c["variable"], "<unbound>")
            return act == val, act
        if "expr" in c:  # value of an expression on literals / stated context
            act = eval(c["expr"])
            return act == val, act
        hv = hist.get(c["variable"], [])
        return val in hv, hv
    raise ValueError(what)

def check_item(item, cache, out):
    key = (item["code"], item["call"])
    if key not in cache:
        cache[key] = run_traced(item["code"], item["call"])
    ns, result, events = cache[key]
    hist = histories(events)
    probs = []
    if repr(result) != item["returned"]:
        probs.append("returned mismatch %r vs %s" % (result, item["returned"]))
    for c in item["claims"]:
        if c["quote"] not in item["rationale"]:
            probs.append("quote not in rationale: %r" % c["quote"])
    if not item["rationale"].rstrip().splitlines()[-1].startswith("Answer:"):
        if not item["rationale"].rstrip().splitlines()[-1].startswith("Predicted Output:"):
            probs.append("no final Answer line")
    # answer
    if item["direction"] == "forward":
        ans_ok = literal(item["answer"]) == result
    else:
        ans_ok = item["answer"].startswith(item["function"] + "(") or item["kind"] == "class"
        try:
            ans_ok = ans_ok and eval(item["answer"], dict(ns)) == result
        except Exception as e:
            ans_ok = False
    if item["answer"] not in item["rationale"].rstrip().splitlines()[-1]:
        probs.append("answer not on last line")
    err = item["error"]
    if item["label"] == "faithful":
        if not ans_ok:
            probs.append("faithful answer wrong: %s" % item["answer"])
        for c in item["claims"]:
            ok, act = claim_truth(item, c, events, hist, result, ns)
            if not ok:
                probs.append("false claim %r (actual %r)" % (c["quote"], act))
    else:
        if err["quote"] not in item["rationale"]:
            probs.append("error quote missing")
        k = err["kind"]
        if k == "wrong_final_answer":
            if ans_ok or item["direction"] != "forward":
                probs.append("wrong_final_answer is not wrong")
        elif k == "backward_wrong_input":
            if ans_ok or item["direction"] != "backward":
                probs.append("backward_wrong_input answer actually works")
        else:
            if not ans_ok and k == "wrong_intermediate_right_answer":
                probs.append("answer should stay right for %s" % k)
            ec = [c for c in item["claims"] if c["quote"] == err["quote"]]
            if not ec:
                probs.append("no claim for the error quote")
            for c in ec:
                ok, act = claim_truth(item, c, events, hist, result, ns)
                if ok:
                    probs.append("error claim is actually true: %r" % c["quote"])
                if err.get("held_elsewhere"):
                    sv = literal(err["stated"])
                    pool = [v for vs in hist.values() for v in vs]
                    hx = err.get("held_expr") or (c.get("expr") if c["what"] == "value" else None)
                    if hx:  # values the expression takes at any moment of the run
                        for _, _, _, d in events:
                            try:
                                pool.append(eval(hx, {}, dict(d)))
                            except Exception:
                                pass
                    if c["what"] == "count":
                        pool = [loop_count(item["code"], events, c["variable"]) + d for d in (-1, 1)]
                    if sv not in pool:
                        probs.append("held_elsewhere but %r never held" % (sv,))
        # other claims (not the error, not carried) must be true
        for c in item["claims"]:
            if c["quote"] == err["quote"] or c.get("carried"):
                continue
            ok, act = claim_truth(item, c, events, hist, result, ns)
            if not ok:
                probs.append("other claim false %r (actual %r)" % (c["quote"], act))
    out.write("%s %s\n" % ("PASS" if not probs else "FAIL", item["id"]))
    for p in probs:
        out.write("    " + p + "\n")
    return not probs

def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
    items = [json.loads(l) for l in open(path) if l.strip()]
    cache = {}
    import io
    buf = io.StringIO()
    n_ok = sum(check_item(it, cache, buf) for it in items)
    ids = [it["id"] for it in items]
    if len(set(ids)) != len(ids):
        buf.write("FAIL duplicate ids\n"); n_ok -= 1
    buf.write("\n%d/%d items pass\n" % (n_ok, len(items)))
    sys.stdout.write(buf.getvalue())
    return 0 if n_ok == len(items) else 1

if __name__ == "__main__":
    sys.exit(main())
