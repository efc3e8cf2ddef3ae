"""Standalone checker for w199 narrations: re-executes each program with sys.settrace and
checks returned values, answers, every claim of faithful items and the error of error copies."""
import ast, copy, json, sys
from collections import defaultdict

FN = "<w199prog>"

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call):
    hist = defaultdict(list)      # var -> list of successive values (per-frame changes, in time order)
    lines = defaultdict(int)      # line number -> times executed
    last = {}
    def record(frame):
        fid = id(frame)
        cur = {}
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    cur["self." + a] = av
            else:
                cur[k] = v
        prev = last.setdefault(fid, {})
        for k, v in cur.items():
            s = snap(v)
            if k not in prev or prev[k] != s:
                hist[k].append(s)
                prev[k] = s
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return tracer
        record(frame)
        if event == "line":
            lines[frame.f_lineno] += 1
        return tracer
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    sys.settrace(tracer)
    try:
        result = eval(compile(call, FN + "call", "eval"), ns)
    finally:
        sys.settrace(None)
    return result, hist, lines

def plain_eval(code, call):
    ns = {}
    exec(compile(code, "<x>", "exec"), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, result, hist, lines, returned):
    w = c["what"]
    if w == "value":
        return lit(c["value"]) in hist.get(c["variable"], [])
    if w == "count":
        lab = c["variable"]
        n = int(lab.split("@line")[1]) if "@line" in lab else int(c["line"])
        return lines[n] == lit(c["value"])
    if w in ("arith", "comparison"):
        return eval(c.get("expr", c["quote"]), {}) == lit(c["value"])
    if w == "return":
        return lit(c["value"]) == result
    if w == "call":
        return True
    raise ValueError(w)

def check_error(item, result, hist, lines, faithful):
    e = item["error"]
    chk = e["check"]
    t = chk["type"]
    stated = lit(e["stated"]) if t not in ("answer", "backward") else None
    ok = False
    if t == "arith":
        ok = eval(chk["expr"], {}) != stated and eval(chk["expr"], {}) == lit(e["actual"])
    elif t == "comparison":
        ok = eval(chk["expr"], {}) != stated
    elif t == "count":
        ok = lines[chk["line"]] != stated and lines[chk["line"]] == lit(e["actual"])
    elif t == "history_at":
        h = hist[chk["variable"]]
        ok = h[chk["index"]] != stated and h[chk["index"]] == lit(e["actual"])
    elif t == "absent":
        ok = all(stated not in h for h in hist.values())
    elif t == "answer":
        ok = lit(item["answer"]) != result
    elif t == "backward":
        try:
            ok = plain_eval(item["code"], item["answer"]) != result
        except Exception:
            ok = True
    if e.get("held_elsewhere"):
        ok = ok and any(stated in h for h in hist.values())
    return ok, e["quote"] in item["rationale"]

def main(path):
    items = [json.loads(l) for l in open(path)]
    byid = {i["id"]: i for i in items}
    out, bad = [], 0
    for it in items:
        probs = []
        result, hist, lines = run(it["code"], it["call"])
        if repr(result) != it["returned"]:
            probs.append("returned mismatch %r" % (result,))
        if not it["rationale"].rstrip().splitlines()[-1].startswith("Answer:"):
            if not ("Predicted Output" in it["rationale"].rstrip().splitlines()[-1]):
                probs.append("last line not Answer")
        if it["answer"] not in it["rationale"].rstrip().splitlines()[-1]:
            probs.append("answer not in last line")
        eq = it["error"]["quote"] if it["error"] else None
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("quote missing: %r" % c["quote"])
                continue
            good = check_claim(c, result, hist, lines, it["returned"])
            if it["label"] == "error" and eq is not None and c["quote"] == eq:
                continue  # the error claim is judged by check_error below
            if not good:
                probs.append("false claim: %r" % c)
        if it["label"] == "faithful":
            if it["direction"] == "forward":
                if lit(it["answer"]) != result:
                    probs.append("forward answer wrong")
            else:
                if plain_eval(it["code"], it["answer"]) != result:
                    probs.append("backward answer does not reproduce output")
        else:
            ok, present = check_error(it, result, hist, lines, byid.get(it["faithful_id"]))
            if not ok:
                probs.append("error not confirmed false: %r" % it["error"])
            if not present:
                probs.append("error quote missing")
            if it["faithful_id"] not in byid:
                probs.append("no faithful item")
            k = it["error"]["kind"]
            if k not in ("wrong_final_answer", "backward_wrong_input"):
                if it["direction"] == "forward" and lit(it["answer"]) != result:
                    probs.append("final answer should stay right")
                if it["direction"] == "backward" and plain_eval(it["code"], it["answer"]) != result:
                    probs.append("backward answer should stay right")
        status = "PASS" if not probs else "FAIL"
        bad += bool(probs)
        out.append("%s %s (%d claims)%s" % (status, it["id"], len(it["claims"]),
                                            "".join("\n    " + p for p in probs)))
    out.append("\n%d items, %d failing" % (len(items), bad))
    print("\n".join(out))
    return bad

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
