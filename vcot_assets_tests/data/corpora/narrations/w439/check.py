"""Standalone checker for w439 narrations: runs each program under sys.settrace,
records every local's value history per variable (and self.<attr>), line hit counts,
and checks claims / answers / error copies against the real execution."""
import ast, copy, json, sys, collections

def run_traced(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist = collections.defaultdict(list)
    lines = collections.Counter()
    def rec(k, v):
        try:
            v2 = copy.deepcopy(v)
        except Exception:
            v2 = repr(v)
        h = hist[k]
        if not h or type(h[-1]) is not type(v2) or h[-1] != v2:
            h.append(v2)
    def snap(frame):
        for k, v in list(frame.f_locals.items()):
            if k == "self" or k.startswith("."):
                if hasattr(v, "__dict__"):
                    for a, b in vars(v).items():
                        rec("self." + a, b)
                continue
            rec(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        snap(frame)
        if event == "line":
            lines[frame.f_lineno] += 1
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines, g

def plain_eval(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def arith_val(quote):
    q = quote.replace("`", "")
    for sep in (" = ", "=", " is "):
        if sep in q:
            lhs = q.rsplit(sep, 1)[0]
            return eval(lhs, {})
    raise ValueError(quote)

def hist_of(hist, var):
    """History of a variable; 'd[key]' gives the history of one entry of dict/list d."""
    if var and "[" in var and not var.startswith("loop@"):
        base, key = var.split("[", 1)
        key = ast.literal_eval(key.rstrip("]"))
        out = []
        for h in hist.get(base, []):
            try:
                x = h[key]
            except Exception:
                continue
            if not out or out[-1] != x:
                out.append(x)
        return out
    return hist.get(var, [])

def claim_truth(c, ret, hist, lines, code):
    w = c["what"]
    v = lit(c["value"])
    if w == "value" and c.get("subseq"):  # values taken in this order, other values in between
        it = iter(hist_of(hist, c["variable"]))
        return all(any(type(x) is type(y) and x == y for x in it) for y in v)
    if w == "value" and c.get("seq"):
        h = hist_of(hist, c["variable"]); n = len(v)
        return any(list(h[i:i + n]) == list(v) for i in range(len(h) - n + 1))
    if w == "value":
        return any(type(x) is type(v) and x == v for x in hist_of(hist, c["variable"]))
    if w == "count":
        lab = c["variable"]
        ln = int(lab.split("@line")[1])
        outer = c.get("outer", 1)  # inner loop: header hit (iters+1) times per outer pass
        if c.get("early_exit"):  # loop left by return/break: header hit once per iteration
            return lines[ln] / outer == v
        return lines[ln] / outer - 1 == v
    if w == "arith":
        return arith_val(c.get("expr", c["quote"])) == v
    if w == "comparison":
        return bool(eval(c.get("expr", c["quote"]).replace("`", ""), {})) == v
    if w == "return":
        return ret == v
    if w == "call":
        return plain_eval(code, c.get("expr", c["quote"])) == v
    raise ValueError(w)

def all_values(hist):
    for vals in hist.values():
        for x in vals:
            yield x

def check_error(item, ret, hist, lines):
    e = item["error"]
    chk = e["check"]
    t = chk["type"]
    stated = lit(chk["stated_value"]) if "stated_value" in chk else (lit(e["stated"]) if t not in ("answer_bwd", "answer_fwd", "multi") else e["stated"])
    msgs = []
    if t == "history":
        actual = hist_of(hist, chk["variable"])[chk["index"]]
        ok = actual != stated and actual == lit(e["actual"])
    elif t == "arith":
        actual = eval(chk["expr"], {})
        ok = actual != stated and actual == lit(e["actual"])
    elif t == "count":
        actual = lines[chk["line"]] - (0 if chk.get("early_exit") else 1)
        ok = actual != stated and actual == lit(e["actual"])
    elif t == "compare":
        actual = bool(eval(chk["expr"], {}))
        ok = actual != stated and actual == lit(e["actual"])
    elif t == "answer_fwd":
        ok = lit(item["answer"]) != ret and lit(e["stated"]) == lit(item["answer"])
    elif t == "answer_bwd":
        try:
            out = plain_eval(item["code"], item["answer"])
            ok = out != ret
        except Exception:
            ok = True
    elif t == "multi":
        ok = True
        for var, idx, st in chk["parts"]:
            actual = hist_of(hist, var)[idx]
            ok = ok and actual != lit(st)
    else:
        raise ValueError(t)
    if e.get("held_elsewhere"):
        if t == "history" or t == "multi" or t == "count" or t == "arith":
            if t == "multi":
                held = all(any(x == lit(st) for x in list(all_values(hist)) + hist_of(hist, var)) for var, _, st in chk["parts"])
            elif t == "count":
                held = any(lines[l] - 1 == stated for l in lines)
            else:
                pool = list(all_values(hist)) + (hist_of(hist, chk["variable"]) if t == "history" else [])
                held = any(type(x) is type(stated) and x == stated for x in pool)
            ok = ok and held
            if not held:
                msgs.append("held_elsewhere value never held")
    if e["quote"] not in item["rationale"]:
        ok = False; msgs.append("error quote not in rationale")
    return ok, msgs

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    nfail = 0
    out = []
    for it in items:
        probs = []
        ret, hist, lines, g = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append(f"returned mismatch {ret!r} vs {it['returned']}")
        if not it["rationale"].rstrip().splitlines()[-1].startswith("Answer:"):
            probs.append("last line not Answer:")
        if it["rationale"].rstrip().splitlines()[-1] != "Answer: " + it["answer"]:
            probs.append("answer field differs from Answer line")
        equote = it["error"]["quote"] if it["error"] else None
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append(f"claim quote missing: {c['quote']!r}")
                continue
            try:
                tr = claim_truth(c, ret, hist, lines, it["code"])
            except Exception as ex:
                probs.append(f"claim error {c['quote']!r}: {ex}")
                continue
            if c["quote"] == equote:
                pass  # judged point-wise by check_error below
            elif not tr:
                probs.append(f"claim false: {c['quote']!r} {c['variable']}={c['value']}")
        if it["label"] == "faithful":
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret:
                    probs.append("forward answer wrong")
            else:
                if plain_eval(it["code"], it["answer"]) != ret:
                    probs.append("backward answer does not reproduce output")
        else:
            if not any(c["quote"] == equote for c in it["claims"]):
                probs.append("error claim missing from claims")
            ok, msgs = check_error(it, ret, hist, lines)
            probs += msgs
            if not ok:
                probs.append("error not confirmed false")
            k = it["error"]["kind"]
            if k not in ("wrong_final_answer", "backward_wrong_input"):
                if it["direction"] == "forward" and lit(it["answer"]) != ret:
                    probs.append("answer wrong in non-answer error copy")
                if it["direction"] == "backward" and plain_eval(it["code"], it["answer"]) != ret:
                    probs.append("bwd answer wrong in non-answer error copy")
        status = "PASS" if not probs else "FAIL"
        if probs:
            nfail += 1
        out.append(f"{status} {it['id']} ({len(it['claims'])} claims)" + "".join("\n    " + p for p in probs))
    out.append(f"\n{len(items)} items, {nfail} failing")
    print("\n".join(out))
    return nfail

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
