"""Standalone checker for w414 narrations: runs each program under sys.settrace and checks
every claim of faithful items and the falsity of the error in each error copy."""
import ast, copy, json, sys
from collections import defaultdict

HERE = "/work/corpus/narrations/w414/"


def run(code, call):
    hist = defaultdict(list)      # var -> successive distinct values (time order, all frames)
    lines = defaultdict(int)      # line number -> times executed
    last = {}

    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in getattr(v, "__dict__", {}).items():
                    rec("self." + a, av)
                continue
            rec(k, v)

    def rec(k, v):
        try:
            v = copy.deepcopy(v)
        except Exception:
            return
        if isinstance(v, type) or callable(v):
            return
        key = k
        if key in last and last[key] == v and type(last[key]) == type(v):
            return
        last[key] = v
        hist[key].append(v)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return tracer
        if event == "line":
            snap(frame)
            lines[frame.f_lineno] += 1
        elif event == "return":
            snap(frame)
        return tracer

    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines


def lit(s):
    return ast.literal_eval(s)


def check_claim(c, ret, hist, lines, code):
    w = c["what"]
    val = lit(c["value"])
    if w == "value":
        return val in hist.get(c["variable"], []), "value %r not in history of %s" % (val, c["variable"])
    if w == "count":
        ln = int(c["variable"].split("@line")[1])
        return lines[ln] == val, "count line %d is %d not %r" % (ln, lines[ln], val)
    if w in ("arith", "comparison"):
        expr = c.get("expr", c["quote"]).strip("`")
        got = eval(expr, {})
        return got == val, "%s evaluates to %r not %r" % (expr, got, val)
    if w == "return":
        return val == ret, "return %r != %r" % (val, ret)
    if w == "call":
        return True, ""
    return False, "unknown claim kind " + w


def check_error(e, item, ret, hist, lines, g_code):
    chk = e.get("check", {})
    t = chk.get("type")
    stated = e["stated"]
    if t == "history_at":
        h = hist.get(chk["variable"], [])
        k = chk["index"]
        actual = h[k]
        if "key" in chk:
            actual = actual[chk["key"]]
        ok = actual != lit(stated) and actual == lit(e["actual"])
        # held_elsewhere: the stated value must occur somewhere in the run
        if e.get("held_elsewhere"):
            allv = [v for vs in hist.values() for v in vs]
            ok = ok and lit(stated) in allv
        return ok, "history %s[%d]=%r vs stated %s" % (chk["variable"], k, actual, stated)
    if t == "not_in_history":
        h = hist.get(chk["variable"], [])
        return lit(stated) not in h, "stated %s occurs in %s history" % (stated, chk["variable"])
    if t == "arith":
        got = eval(chk["expr"], {})
        ok = got != lit(stated)
        if e.get("held_elsewhere"):
            allv = [v for vs in hist.values() for v in vs]
            ok = ok and lit(stated) in allv
        return ok, "%s = %r stated %s" % (chk["expr"], got, stated)
    if t == "count":
        n = lines[chk["line"]]
        return n != lit(stated) and n == lit(e["actual"]), "line %d count %d stated %s" % (chk["line"], n, stated)
    if t == "comparison":
        got = bool(eval(chk["expr"], {}))
        return got != lit(stated), "%s is %r stated %s" % (chk["expr"], got, stated)
    if t == "answer":
        if item["direction"] == "forward":
            return lit(item["answer"]) != ret, "forward answer equals return"
        g = {}
        exec(item["code"], g)
        return eval(item["answer"], g) != lit(item["returned"]), "backward answer returns output"
    return False, "no check type"


def main():
    items = [json.loads(l) for l in open(HERE + "narrations.jsonl") if l.strip()]
    fails = 0
    out = []
    for it in items:
        msgs = []
        ret, hist, lines = run(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            msgs.append("returned mismatch %r" % (ret,))
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                msgs.append("claim quote not in rationale: " + c["quote"])
        if not it["rationale"].rstrip().splitlines()[-1].startswith("Answer: " + it["answer"]) and \
           not it["rationale"].rstrip().splitlines()[-1].endswith(it["answer"]):
            msgs.append("answer line mismatch")
        if it["label"] == "faithful":
            for c in it["claims"]:
                ok, why = check_claim(c, ret, hist, lines, it["code"])
                if not ok:
                    msgs.append("claim false: %s (%s)" % (c["quote"], why))
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret:
                    msgs.append("forward answer wrong")
            else:
                g = {}
                exec(it["code"], g)
                if eval(it["answer"], g) != lit(it["returned"]):
                    msgs.append("backward answer does not return output")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                msgs.append("error quote missing")
            ok, why = check_error(e, it, ret, hist, lines, it["code"])
            if not ok:
                msgs.append("error not confirmed false: " + why)
            # claims other than the erroneous one must still hold
            for c in it["claims"]:
                if c.get("is_error"):
                    continue
                ok, why = check_claim(c, ret, hist, lines, it["code"])
                if not ok and not e.get("carried"):
                    msgs.append("non-error claim false: %s (%s)" % (c["quote"], why))
            if e["kind"] != "wrong_final_answer" and e["kind"] != "backward_wrong_input":
                if it["direction"] == "forward" and lit(it["answer"]) != ret and not e.get("carried"):
                    msgs.append("answer wrong in non-answer error copy")
        status = "PASS" if not msgs else "FAIL"
        fails += bool(msgs)
        out.append("%s %s %s" % (status, it["id"], "; ".join(msgs)))
    out.append("TOTAL %d items, %d failing" % (len(items), fails))
    txt = "\n".join(out) + "\n"
    open(HERE + "check_report.txt", "w").write(txt)
    print(txt[-3000:])
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
