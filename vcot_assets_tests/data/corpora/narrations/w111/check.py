"""Standalone checker for w111 narrations: re-executes every program with sys.settrace,
records per-variable value histories and line hit counts, and checks claims/errors."""
import ast, copy, json, sys, collections

FN = "<w111prog>"


def run_traced(code, call):
    g = {"__name__": "w111prog"}
    exec(compile(code, FN, "exec"), g)
    hist = collections.defaultdict(list)      # name -> values in order of change
    fhist = collections.defaultdict(list)     # func.name -> values
    hits = collections.Counter()              # line -> times executed
    last = {}

    def snap(frame):
        fid = id(frame)
        prev = last.setdefault(fid, {})
        items = dict(frame.f_locals)
        s = items.get("self")
        if s is not None and hasattr(s, "__dict__"):
            for k, v in vars(s).items():
                items["self." + k] = v
        for k, v in items.items():
            if k == "self":
                continue
            try:
                v2 = copy.deepcopy(v)
            except Exception:
                v2 = repr(v)
            if k not in prev or prev[k] != v2 or type(prev[k]) != type(v2):
                prev[k] = v2
                hist[k].append(v2)
                fhist[frame.f_code.co_name + "." + k].append(v2)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == "line":
            snap(frame)
            hits[frame.f_lineno] += 1
        elif event == "return":
            snap(frame)
        return tracer

    sys.settrace(tracer)
    try:
        result = eval(call, g)
    finally:
        sys.settrace(None)
    return result, hist, fhist, hits, g


def U(xs):
    """collapse consecutive duplicates"""
    out = []
    for x in xs:
        if not out or out[-1] != x:
            out.append(x)
    return out


def lit(s):
    return ast.literal_eval(s)


def get_hist(hist, fhist, var):
    return fhist[var] if "." in var and var in fhist else hist.get(var, [])


def check_claim(c, ctx):
    result, hist, fhist, hits, g = ctx
    w = c["what"]
    if c.get("hexpr"):
        return eval(c["hexpr"], {"H": lambda v: get_hist(hist, fhist, v), "U": U}) == lit(c["value"])
    if w == "value" and c.get("seq"):
        return list(lit(c["value"])) == list(get_hist(hist, fhist, c["variable"]))
    if w == "value":
        val = lit(c["value"])
        if c.get("variable"):
            return val in get_hist(hist, fhist, c["variable"])
        return (any(val in h for h in hist.values()) or val == result
                or (isinstance(result, tuple) and val in result))
    if w == "count":
        var = c["variable"]
        line = int(var.split("line")[-1]) if "line" in var else None
        return hits[line] == lit(c["value"])
    if w == "comparison":
        expr = c.get("expr") or c["quote"].strip("`")
        return eval(expr, dict(g)) == lit(c["value"])
    if w == "arith":
        expr = c.get("expr") or c["quote"].strip("`").rsplit("=", 1)[0]
        return eval(expr, dict(g)) == lit(c["value"])
    if w == "return":
        return lit(c["value"]) == result
    if w == "call":
        return eval(c["value"], dict(g)) == result
    raise ValueError(w)


def check_error(item, ctx):
    """Return True if the error is really false at the point stated."""
    result, hist, fhist, hits, g = ctx
    e = item["error"]
    chk = e["check"]
    t = chk["type"]
    stated = e["stated"]
    if t == "arith":
        real = eval(chk["expr"], dict(g))
        return real != lit(stated) and real == lit(e["actual"])
    if t == "hist":
        h = get_hist(hist, fhist, chk["var"])
        real = h[chk["index"]]
        return real != lit(stated) and real == lit(e["actual"])
    if t == "histexpr":
        real = eval(chk["expr"], {"H": lambda v: get_hist(hist, fhist, v), "U": U})
        return real != lit(stated) and real == lit(e["actual"])
    if t == "count":
        return hits[chk["line"]] != lit(stated) and hits[chk["line"]] == lit(e["actual"])
    if t == "cond":
        real = eval(chk["expr"], dict(g))
        return real != lit(stated)
    if t == "never":
        return lit(stated) not in get_hist(hist, fhist, chk["var"])
    if t == "answer":
        if item["direction"] == "forward":
            return lit(item["answer"]) != result
        try:
            return eval(item["answer"], dict(g)) != result
        except Exception:
            return True
    raise ValueError(t)


def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") if l.strip()]
    ok_all = True
    lines = []
    for it in items:
        probs = []
        ctx = run_traced(it["code"], it["call"])
        result = ctx[0]
        if repr(result) != it["returned"]:
            probs.append("returned mismatch %r" % (result,))
        rat = it["rationale"]
        last = rat.rstrip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            probs.append("answer line mismatch")
        for c in it["claims"]:
            if c["quote"] not in rat:
                probs.append("quote not in rationale: %r" % c["quote"])
        if it["label"] == "faithful":
            for c in it["claims"]:
                try:
                    good = check_claim(c, ctx)
                except Exception as ex:
                    good = False
                    probs.append("claim error %r: %s" % (c["quote"], ex))
                if not good:
                    probs.append("false claim %r" % c["quote"])
            if it["direction"] == "forward":
                if lit(it["answer"]) != result:
                    probs.append("forward answer wrong")
            else:
                if eval(it["answer"], dict(ctx[4])) != result:
                    probs.append("backward answer wrong")
        else:
            e = it["error"]
            if e["quote"] not in rat:
                probs.append("error quote not in rationale")
            try:
                if not check_error(it, ctx):
                    probs.append("error is not actually false")
            except Exception as ex:
                probs.append("error check failed: %s" % ex)
            for c in it["claims"]:
                if c["quote"] == e["quote"] or c.get("carried"):
                    continue
                try:
                    if not check_claim(c, ctx):
                        probs.append("non-error claim false %r" % c["quote"])
                except Exception as ex:
                    probs.append("claim error %r: %s" % (c["quote"], ex))
            if e["kind"] != "wrong_final_answer" and e["kind"] != "backward_wrong_input" and not e.get("carried"):
                if it["direction"] == "forward" and lit(it["answer"]) != result:
                    probs.append("uncarried error but answer wrong")
        status = "PASS" if not probs else "FAIL"
        ok_all &= not probs
        lines.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    lines.append("ALL PASS (%d items)" % len(items) if ok_all else "SOME FAILED")
    print("\n".join(lines))
    return 0 if ok_all else 1


if __name__ == "__main__":
    sys.exit(main())
