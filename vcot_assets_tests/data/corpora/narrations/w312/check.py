"""Standalone checker for the w312 narration corpus (plain execution + sys.settrace).
Usage: python3 check.py narrations.jsonl > check_report.txt"""
import ast, copy, json, sys
from collections import defaultdict

def run(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    H = defaultdict(list)   # variable -> history of (consecutive-distinct) values
    L = defaultdict(int)    # line number -> times executed

    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                d = getattr(v, "__dict__", {})
                for a, av in d.items():
                    push("self." + a, av)
            else:
                push(k, v)

    def push(k, v):
        try:
            v = copy.deepcopy(v)
        except Exception:
            return
        h = H[k]
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)

    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            L[frame.f_lineno] += 1
        snap(frame)
        return tr

    sys.settrace(tr)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, dict(H), dict(L), ns

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, env, ret):
    H, L = env["H"], env["L"]
    what = c["what"]
    if what == "call":
        return eval(c["value"], env["ns"]) == ret, "call"
    val = lit(c["value"]) if isinstance(c["value"], str) else c["value"]
    if "expr" in c:
        return eval(c["expr"], {"H": H, "L": L, "R": ret}) == val, "expr"
    if what == "value":
        var = c["variable"]
        if var not in H:
            return False, "no such variable %r" % var
        if "index" in c:
            return H[var][c["index"]] == val, "index"
        return val in H[var], "history"
    if what == "return":
        return val == ret, "return"
    if what == "call":
        return eval(c["value"], env["ns"]) == ret, "call"
    return False, "claim needs expr"

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    byid = {it["id"]: it for it in items}
    fails = 0
    for it in items:
        probs = []
        ret, H, L, ns = run(it["code"], it["call"])
        env = {"H": H, "L": L, "ns": ns}
        if repr(ret) != it["returned"]:
            probs.append("returned mismatch %r vs %s" % (ret, it["returned"]))
        txt = it["rationale"]
        last = txt.rstrip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            probs.append("answer line mismatch: %r" % last)
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == ret
        else:
            ns2 = {}
            exec(compile(it["code"], "<prog2>", "exec"), ns2)
            ans_ok = eval(it["answer"], ns2) == ret
            if not (it["answer"].startswith(it["function"] + "(") or ("." + it["function"] + "(") in it["answer"]):
                probs.append("backward answer does not call function")
        err = it["error"]
        ek = err["kind"] if err else None
        if ek in ("wrong_final_answer", "backward_wrong_input"):
            if ans_ok:
                probs.append("error answer is actually correct")
        elif not ans_ok:
            probs.append("answer wrong")
        for c in it["claims"]:
            if c["quote"] not in txt:
                probs.append("claim quote not in rationale: %r" % c["quote"])
                continue
            ok, how = check_claim(c, env, ret)
            is_err = err is not None and (c["quote"] == err["quote"] or c.get("in_error"))
            if is_err:
                if ok:
                    probs.append("error claim is true: %r" % c["quote"])
            elif not ok:
                probs.append("claim false (%s): %r = %r" % (how, c["quote"], c["value"]))
        if err:
            if err["quote"] not in txt:
                probs.append("error quote not in rationale")
            v = err.get("verify")
            if v and not eval(v, {"H": H, "L": L, "R": ret, "ns": ns}):
                probs.append("error verify failed: %s" % v)
            if ek not in ("wrong_final_answer", "backward_wrong_input") and not any(c["quote"] == err["quote"] for c in it["claims"]):
                probs.append("error not among claims")
            f = byid.get(it["faithful_id"])
            if f is None:
                probs.append("faithful_id missing")
        status = "OK  " if not probs else "FAIL"
        fails += bool(probs)
        print(status, it["id"], ("" if not err else err["kind"] + (" held_elsewhere" if err.get("held_elsewhere") else "")))
        for p in probs:
            print("     ", p)
    print("items:", len(items), "failures:", fails)
    return fails

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
