"""Standalone checker for w83 narrations: runs every program with sys.settrace,
records per-variable value histories and line hit counts, and checks claims/errors."""
import ast, copy, json, sys
from collections import defaultdict

FN = "<w83>"

def lit(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return eval(s)

def run(code, call):
    hist = defaultdict(list)
    hits = defaultdict(int)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    rec("self." + a, av)
                continue
            if k.startswith("."):
                continue
            rec(k, v)
    def rec(k, v):
        try:
            v = copy.deepcopy(v)
        except Exception:
            pass
        h = hist[k]
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return tracer
        if event == "line":
            hits[frame.f_lineno] += 1
        snap(frame)
        if event == "return":
            rec("<return:%s>" % frame.f_code.co_name, arg)
        return tracer
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    sys.settrace(tracer)
    try:
        ret = eval(compile(call, FN + "call", "eval"), ns)
    finally:
        sys.settrace(None)
    return ret, hist, hits

def plain_run(code, call):
    ns = {}
    exec(compile(code, "<plain>", "exec"), ns)
    return eval(call, ns)

def count_of(label, hits):
    # label "loop@line N": number of executions of line N+1 (first body line)
    n = int(label.split("line")[1].strip())
    return hits[n + 1]

def all_values(hist, hits):
    vals = []
    for h in hist.values():
        vals.extend(h)
    return vals

def in_list(v, lst):
    return any(type(x) == type(v) and x == v for x in lst) or any(x == v and not isinstance(x, bool) for x in lst)

def check_claim(c, item, hist, hits, ret):
    w = c["what"]
    val = lit(c["value"])
    if w == "value":
        var = c["variable"]
        if var is None:
            return in_list(val, all_values(hist, hits)) or val == ret
        return var in hist and in_list(val, hist[var])
    if w == "count":
        return count_of(c["variable"], hits) == val
    if w in ("arith", "comparison"):
        expr = c.get("expr") or c["quote"].rsplit(" = ", 1)[0] if w == "arith" else (c.get("expr") or c["quote"])
        r = eval(expr, {})
        return (r == val) if w == "arith" else (bool(r) == val)
    if w == "return":
        return val == ret
    if w == "call":
        return plain_run(item["code"], c["value"] if isinstance(val, str) else c["value"]) == ret
    raise ValueError(w)

def check_error(item, hist, hits, ret):
    e = item["error"]
    chk = e["check"]
    t = chk["type"]
    stated = e["stated"]
    msgs = []
    if e["quote"] not in item["rationale"]:
        msgs.append("error quote not in rationale")
    if t == "derived":
        seq = []
        for v in hist[chk["variable"]]:
            d = eval(chk["expr"], {"v": v})
            if not seq or seq[-1] != d:
                seq.append(d)
        actual = seq[chk["index"]]
        if lit(stated) == actual:
            msgs.append("stated equals derived actual")
        if lit(e["actual"]) != actual:
            msgs.append("actual field != derived %r" % (actual,))
        if e.get("held_elsewhere") and lit(stated) not in seq:
            msgs.append("held_elsewhere value not in derived sequence")
    elif t == "history":
        h = hist[chk["variable"]]
        actual = h[chk["index"]] if "index" in chk else lit(e["actual"])
        if not in_list(actual, h):
            msgs.append("actual value never held by variable")
        if lit(stated) == actual:
            msgs.append("stated equals actual at that point")
        if repr(actual) != repr(lit(e["actual"])) and lit(e["actual"]) != actual:
            msgs.append("actual field %r != history %r" % (e["actual"], actual))
    elif t == "count":
        actual = count_of(chk["label"], hits)
        if lit(stated) == actual:
            msgs.append("count stated equals actual")
        if lit(e["actual"]) != actual:
            msgs.append("actual count field wrong")
    elif t == "arith":
        r = eval(chk["expr"], {})
        if r == lit(stated):
            msgs.append("arith is actually right")
        if r != lit(e["actual"]):
            msgs.append("actual arith field wrong")
    elif t == "comparison":
        r = bool(eval(chk["expr"], {}))
        if r == lit(stated):
            msgs.append("comparison stated is actually right")
    elif t == "never":
        vals = hist[chk["variable"]]
        if "expr" in chk:
            vals = [eval(chk["expr"], {"v": v}) for v in vals]
        if in_list(lit(stated), vals):
            msgs.append("impossible value actually occurs")
    elif t == "answer":
        if item["direction"] == "forward":
            if lit(item["answer"]) == ret:
                msgs.append("wrong final answer is right")
        else:
            try:
                r = plain_run(item["code"], item["answer"])
            except Exception:
                r = object()
            if r == ret:
                msgs.append("backward wrong input actually returns output")
    else:
        msgs.append("unknown check " + t)
    if e.get("held_elsewhere") and t != "derived":
        v = lit(stated)
        if not (in_list(v, all_values(hist, hits)) or v in hits.values() or v in [count_of("line %d" % (n - 1), hits) for n in hits]):
            msgs.append("held_elsewhere but value not held anywhere")
    return msgs

def main(path="narrations.jsonl"):
    items = [json.loads(l) for l in open(path) if l.strip()]
    byid = {i["id"]: i for i in items}
    fails = 0
    lines = []
    cache = {}
    for it in items:
        msgs = []
        key = (it["code"], it["call"])
        if key not in cache:
            cache[key] = run(it["code"], it["call"])
        ret, hist, hits = cache[key]
        if repr(ret) != it["returned"]:
            msgs.append("returned mismatch %r vs %s" % (ret, it["returned"]))
        last = it["rationale"].rstrip().splitlines()[-1]
        if it["answer"] not in last:
            msgs.append("answer not on last line")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                msgs.append("claim quote missing: %r" % c["quote"])
        if it["label"] == "faithful":
            for c in it["claims"]:
                try:
                    ok = check_claim(c, it, hist, hits, ret)
                except Exception as ex:
                    ok = False
                if not ok:
                    msgs.append("false claim: %r" % (c,))
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret:
                    msgs.append("forward answer wrong")
            else:
                if plain_run(it["code"], it["answer"]) != ret:
                    msgs.append("backward answer does not return output")
        else:
            f = byid.get(it["faithful_id"])
            if f is None:
                msgs.append("no faithful")
            msgs += check_error(it, hist, hits, ret)
            # every other claim of an error copy must still be true (one error per copy)
            eq = it["error"]["quote"]
            for c in it["claims"]:
                if c["quote"] == eq or eq in c["quote"] or c["quote"] in eq:
                    continue
                try:
                    ok = check_claim(c, it, hist, hits, ret)
                except Exception:
                    ok = False
                if not ok and not it["error"].get("carried"):
                    msgs.append("other claim false in error copy: %r" % (c,))
            # the error claim must be in claims
            if not any(c["quote"] == it["error"]["quote"] or it["error"]["quote"] in c["quote"] or c["quote"] in it["error"]["quote"] for c in it["claims"]):
                msgs.append("error not annotated in claims")
            if it["error"]["kind"] != "wrong_final_answer" and it["error"]["kind"] != "backward_wrong_input":
                if it["answer"] != f["answer"] and not it["error"].get("carried"):
                    msgs.append("answer changed for non-answer error")
        status = "PASS" if not msgs else "FAIL"
        if msgs:
            fails += 1
        lines.append("%s %s %s" % (status, it["id"], "; ".join(msgs)))
    lines.append("items=%d failures=%d" % (len(items), fails))
    out = "\n".join(lines)
    print(out)
    open("check_report.txt", "w").write(out + "\n")
    return fails

if __name__ == "__main__":
    sys.exit(1 if main(*sys.argv[1:]) else 0)
