"""Standalone checker for w309 narrations: plain execution + sys.settrace histories."""
import ast, copy, json, sys

def lit(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return s

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = {}        # name -> successive distinct values (consecutive dedup over all program frames)
    fhist = {}       # name -> values on change within each frame (a new frame re-records)
    last = {}        # (frame id, name) -> last value seen
    lines = {}       # line number -> hits
    rets = {}        # function name -> values it returned
    def snap(frame):
        items = dict(frame.f_locals)
        s = items.get("self")
        if s is not None and hasattr(s, "__dict__"):
            for a, v in vars(s).items():
                items["self." + a] = v
        for name, v in items.items():
            if name == "self":
                continue
            try:
                v = copy.deepcopy(v)
            except Exception:
                pass
            key = (id(frame), name)
            if key not in last or last[key] != v:
                last[key] = v
                fhist.setdefault(name, []).append(v)
            h = hist.setdefault(name, [])
            if not h or h[-1] != v:
                h.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        def local(frame, event, arg):
            if event == "line":
                lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            if event == "return":
                rets.setdefault(frame.f_code.co_name, []).append(copy.deepcopy(arg))
            snap(frame)
            return local
        for k in [k for k in last if k[0] == id(frame)]:
            del last[k]      # frame ids are reused: a new call starts a fresh per-frame log
        snap(frame)
        return local
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    hist["__frames__"] = fhist
    hist["__returns__"] = rets
    return result, hist, lines, ns

def contiguous(seq, h):
    n = len(seq)
    return any(h[i:i + n] == seq for i in range(len(h) - n + 1))

def plain(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    return eval(call, ns)

def arith_value(quote, expr=None):
    if expr is None:
        expr = quote.rsplit("=", 1)[0] if "=" in quote else quote
        expr = expr.strip().strip("`")
    return eval(expr, {"divmod": divmod, "len": len})

def check_claim(c, item, res, hist, lines):
    w = c["what"]; v = lit(c["value"])
    if w == "value" and c.get("seq"):
        var = c["variable"]
        return contiguous(v, hist.get(var, [])) or contiguous(v, hist["__frames__"].get(var, []))
    if w == "value":
        return c["variable"] in hist and v in hist[c["variable"]]
    if w == "count":
        return lines.get(int(c["variable"].split("line")[1]), 0) - c.get("offset", 0) == v
    if w == "comparison":
        return eval(c["expr"]) == v
    if w == "arith":
        return arith_value(c["quote"], c.get("expr")) == v
    if w == "return" and c.get("function"):
        return v in hist["__returns__"].get(c["function"], [])
    if w == "return":
        return v == res
    if w == "call":
        return plain(item["code"], c["value"]) == res
    return False

def check_error(e, item, res, hist, lines):
    vf = e["verify"]; st = lit(e["stated"])
    if e.get("held_elsewhere") and vf.get("held_in"):
        if not any(x == st for x in hist.get(vf["held_in"], [])):
            return False
    return check_error1(e, item, res, hist, lines)

def check_error1(e, item, res, hist, lines):
    vf = e["verify"]; t = vf["type"]; st = lit(e["stated"])
    if t == "arith":
        return eval(vf["expr"]) != st and eval(vf["expr"]) == lit(e["actual"])
    if t == "count":
        n = lines.get(vf["line"], 0) - vf.get("offset", 0)
        return n != st and n == lit(e["actual"])
    if t == "compare":
        return eval(vf["expr"]) != st
    if t == "at":
        h = hist.get(vf["variable"], [])
        ok = h[vf["index"]] != st and h[vf["index"]] == lit(e["actual"])
        if e.get("held_elsewhere"):
            ok = ok and any(x == st for x in hist.get(vf.get("held_in", vf["variable"]), []))
        return ok
    if t == "at_frames":   # per-call history (keeps repeats across separate calls)
        h = hist["__frames__"].get(vf["variable"], [])
        ok = h[vf["index"]] != st and h[vf["index"]] == lit(e["actual"])
        if e.get("held_elsewhere"):
            ok = ok and any(x == st for x in h)
        return ok
    if t == "absent":
        return all(x != st for x in hist.get(vf["variable"], []))
    if t == "answer":
        if item["direction"] == "forward":
            return lit(item["answer"]) != res
        try:
            return plain(item["code"], item["answer"]) != res
        except Exception:
            return True
    return False

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    fails = 0; out = []
    for it in items:
        res, hist, lines, ns = run_traced(it["code"], it["call"])
        probs = []
        if repr(res) != it["returned"]:
            probs.append("returned mismatch")
        if not it["rationale"].rstrip().endswith(it["answer"]):
            probs.append("answer not at end of rationale")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("quote missing: " + c["quote"])
        is_err_claim = lambda c: it["error"] is not None and c["quote"] == it["error"]["quote"]
        for c in it["claims"]:
            if is_err_claim(c):
                continue
            if c.get("carried"):
                # downstream consequence of a carried error: must be false
                try:
                    if check_claim(c, it, res, hist, lines):
                        probs.append("carried claim unexpectedly true: %r" % c)
                except Exception as ex:
                    probs.append("carried claim error %r: %s" % (c, ex))
                continue
            try:
                if not check_claim(c, it, res, hist, lines):
                    probs.append("false claim: %r" % c)
            except Exception as ex:
                probs.append("claim error %r: %s" % (c, ex))
        if it["label"] == "faithful":
            if it["direction"] == "forward":
                if lit(it["answer"]) != res:
                    probs.append("forward answer wrong")
            else:
                if plain(it["code"], it["answer"]) != res:
                    probs.append("backward answer wrong")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                probs.append("error quote missing")
            if not check_error(e, it, res, hist, lines):
                probs.append("error not confirmed false")
            if e["kind"] not in ("wrong_final_answer", "backward_wrong_input") and not e.get("carried"):
                if it["direction"] == "forward" and lit(it["answer"]) != res:
                    probs.append("answer should still be right")
                if it["direction"] == "backward" and plain(it["code"], it["answer"]) != res:
                    probs.append("answer should still be right")
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        out.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    out.append("TOTAL %d items, %d failing" % (len(items), fails))
    open("check_report.txt", "w").write("\n".join(out) + "\n")
    print("\n".join(out))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
