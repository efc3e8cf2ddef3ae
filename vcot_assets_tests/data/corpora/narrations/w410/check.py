"""Standalone checker for w410 narrations: re-executes each program with sys.settrace,
records per-variable value histories, loop line hit counts and return values, and checks
every claim of faithful items plus the falseness of each error copy's stated value."""
import ast, copy, json, sys

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return v

def run_traced(code, call):
    hist = {}      # name -> list of values in order of change (deduped consecutively)
    hits = {}      # line -> count (lines of <string> module)
    rets = []
    def rec(name, val):
        h = hist.setdefault(name, [])
        if not h or not (type(h[-1]) is type(val) and h[-1] == val):
            h.append(snap(val))
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        def local(frame, event, arg):
            if event == "line":
                hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
            for k, v in frame.f_locals.items():
                if k.startswith("__"):
                    continue
                if k == "self":
                    for a, av in vars(v).items():
                        rec("self." + a, av)
                elif not callable(v) or isinstance(v, (list, dict)):
                    rec(k, v)
            if event == "return":
                rets.append(snap(arg))
            return local
        return local(frame, event, arg)
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    sys.settrace(tracer)
    try:
        result = eval(compile(call, "<prog>", "eval"), g)
    finally:
        sys.settrace(None)
    return result, hist, hits, rets

def plain_eval(code, call):
    g = {}
    exec(code, g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, res, hist, hits, rets):
    """True if claim holds in the real execution."""
    what, var, val = c["what"], c.get("variable"), lit(c["value"])
    if what == "value":
        if c.get("seq"):   # a summarised run of consecutive values of the variable
            seq = list(val)
            if c.get("order") == "reverse":
                seq = seq[::-1]
            h = hist.get(var, [])
            return any(h[i:i + len(seq)] == seq for i in range(len(h)))
        if "at" in c:   # value at a specific point in the variable's history
            h = hist.get(var, [])
            return c["at"] < len(h) and h[c["at"]] == val
        return any(type(x) == type(val) and x == val or (isinstance(x,(int,float)) and isinstance(val,(int,float)) and not isinstance(x,bool) and x == val) for x in hist.get(var, []))
    if what == "count":
        line = int(var.split("@line")[1]) if "@line" in var else None
        return hits.get(line, 0) + c.get("offset", 0) == val
    if what in ("arith", "comparison"):
        return eval(c["expr"]) == val
    if what == "return":
        return res == val
    if what == "call":
        return True
    raise ValueError(what)

def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
    items = [json.loads(l) for l in open(path) if l.strip()]
    by_id = {it["id"]: it for it in items}
    out, bad = [], 0
    for it in items:
        probs = []
        res, hist, hits, rets = run_traced(it["code"], it["call"])
        if repr(res) != it["returned"]:
            probs.append("returned mismatch %r" % (res,))
        r = it["rationale"]
        last = r.strip().splitlines()[-1]
        if it["answer"] not in last:
            probs.append("answer not in last line")
        for c in it["claims"]:
            if c["quote"] not in r:
                probs.append("quote missing: " + c["quote"])
        err = it["error"]
        # the claim that carries the error (if any)
        err_claim = None
        if err:
            if err["quote"] not in r:
                probs.append("error quote missing")
            for c in it["claims"]:
                if c.get("is_error"):
                    err_claim = c
        for c in it["claims"]:
            if c is err_claim:
                continue
            if not check_claim(c, res, hist, hits, rets):
                probs.append("claim false: %s" % c["quote"])
        # answers
        if it["direction"] == "forward":
            ok = lit(it["answer"]) == res
            if it["label"] == "faithful" or (err and err["kind"] != "wrong_final_answer"):
                if not ok: probs.append("forward answer wrong")
            else:
                if ok: probs.append("wrong_final_answer is actually right")
        else:
            try:
                got = plain_eval(it["code"], it["answer"])
                ok = got == res
            except Exception as e:
                ok = False
            if it["label"] == "faithful" or (err and err["kind"] != "backward_wrong_input"):
                if not ok: probs.append("backward answer does not reproduce output")
            else:
                if ok: probs.append("backward_wrong_input actually reproduces output")
        if err:
            k = err["kind"]
            if k not in ("wrong_final_answer", "backward_wrong_input"):
                if err_claim is None:
                    probs.append("no error claim")
                else:
                    if check_claim(err_claim, res, hist, hits, rets):
                        probs.append("error claim is actually TRUE")
                    if err.get("held_elsewhere"):
                        # the wrong value must be one the program holds at some other point
                        try:
                            v = lit(err["stated"])
                        except Exception:
                            v = None
                        if err_claim["what"] != "count" and v is not None and not any(
                                v == x for h in hist.values() for x in h):
                            probs.append("held_elsewhere value not held anywhere")
            f = by_id.get(it["faithful_id"])
            if f is None:
                probs.append("faithful_id missing")
        else:
            if it["label"] != "faithful":
                probs.append("label")
        status = "PASS" if not probs else "FAIL " + "; ".join(probs)
        if probs: bad += 1
        out.append("%s %s" % (it["id"], status))
    out.append("TOTAL %d items, %d failing" % (len(items), bad))
    print("\n".join(out))
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
