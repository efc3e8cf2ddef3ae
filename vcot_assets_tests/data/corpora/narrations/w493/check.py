#!/usr/bin/env python3
"""Standalone checker for w493 narrations: re-executes every program with sys.settrace,
records per-variable value histories and per-line hit counts, and checks claims/errors."""
import ast, copy, json, sys

FN = "<w493>"

def run(code, call):
    hist, counts, last = {}, {}, {}
    def rec(frame):
        fid = id(frame)
        items = []
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    items.append(("self." + a, av))
            elif not k.startswith("__"):
                items.append((k, v))
        for k, v in items:
            try:
                v = copy.deepcopy(v)
            except Exception:
                continue
            key = (fid, k)
            if key in last and last[key] == v and type(last[key]) is type(v):
                continue
            last[key] = v
            hist.setdefault(k, []).append(v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == "line":
            counts[frame.f_lineno] = counts.get(frame.f_lineno, 0) + 1
        if event in ("line", "return"):
            rec(frame)
        return tr
    g = {}
    exec(compile(code, FN, "exec"), g)
    sys.settrace(tr)
    try:
        ret = eval(compile(call, FN, "eval"), g)
    finally:
        sys.settrace(None)
    return ret, hist, counts, g

def plain(code, call):
    g = {}
    exec(compile(code, "<plain>", "exec"), g)
    return eval(call, g)

def check(item):
    errs = []
    ret, hist, counts, g = run(item["code"], item["call"])
    if repr(ret) != item["returned"]:
        errs.append("returned mismatch %r vs %s" % (ret, item["returned"]))
    env = {"hist": hist, "counts": counts, "ret": ret}
    txt = item["rationale"]
    last_line = txt.strip().splitlines()[-1]
    if item["answer"] not in last_line:
        errs.append("answer not in last line")
    for c in item["claims"]:
        if c["quote"] not in txt:
            errs.append("claim quote missing: %r" % c["quote"]); continue
        if item["error"] and c["quote"] == item["error"]["quote"]:
            continue
        val = ast.literal_eval(c["value"])
        w = c["what"]
        ok = True
        if w == "value":
            ok = val in hist.get(c["variable"], [])
        elif w == "count":
            if "count_expr" in c:
                ok = eval(c["count_expr"], env) == val
            else:
                ok = counts.get(c["line"], 0) == val
        elif w in ("arith", "comparison"):
            ok = eval(c["expr"]) == val
        elif w == "return":
            ok = val == ret
        elif w == "call":
            ok = plain(item["code"], c["value"] if isinstance(val, str) else item["call"]) == ret
        if not ok:
            errs.append("false claim: %r" % c["quote"])
    # answer
    if item["direction"] == "forward":
        ans_ok = ast.literal_eval(item["answer"]) == ret
    else:
        try:
            ans_ok = plain(item["code"], item["answer"]) == ret
        except Exception:
            ans_ok = False
    e = item["error"]
    if item["label"] == "faithful":
        if not ans_ok:
            errs.append("faithful answer wrong")
    else:
        if e["quote"] not in txt:
            errs.append("error quote missing")
        if e["kind"] in ("wrong_final_answer", "backward_wrong_input"):
            if ans_ok:
                errs.append("error answer is actually right")
        else:
            if not ans_ok:
                errs.append("answer should stay right for kind %s" % e["kind"])
            if not eval(e["check"], env):
                errs.append("error check says stated value is true: %s" % e["check"])
            if e.get("held_elsewhere") and not eval(e["held_check"], env):
                errs.append("held_elsewhere but value not held elsewhere")
    return errs

if __name__ == "__main__":
    path = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
    items = [json.loads(l) for l in open(path) if l.strip()]
    bad = 0
    for it in items:
        errs = check(it)
        print(("PASS " if not errs else "FAIL ") + it["id"] + ("" if not errs else " :: " + "; ".join(errs)))
        bad += bool(errs)
    print("%d items, %d failing" % (len(items), bad))
    sys.exit(1 if bad else 0)
