"""Standalone checker for w248 narrations: re-executes each program with sys.settrace,
records per-variable value histories and line hit counts, and checks every claim."""
import ast, copy, json, sys
from collections import defaultdict

FN = "<w248-prog>"

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call):
    hist = defaultdict(list)      # name -> values in order of change (all frames)
    hits = defaultdict(int)       # line -> number of executions
    last = {}                     # frame id -> {name: value}
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        def record():
            cur = {}
            for k, v in frame.f_locals.items():
                if k == "self" or getattr(type(v), "__module__", None) == "w248prog":
                    try:
                        for ak, av in vars(v).items():
                            cur[k + "." + ak] = snap(av)
                    except TypeError:
                        pass
                    if k == "self":
                        continue
                cur[k] = snap(v)
            prev = last.setdefault(id(frame), {})
            for k, v in cur.items():
                if k not in prev or prev[k] != v or type(prev[k]) != type(v):
                    h = hist[k]
                    if not h or h[-1] != v or type(h[-1]) != type(v):
                        h.append(v)   # global change sequence, consecutive repeats collapsed
            last[id(frame)] = cur
        if event == "call":
            last[id(frame)] = {}
            record()
        elif event == "line":
            record()
            hits[frame.f_lineno] += 1
        elif event == "return":
            record()
            last.pop(id(frame), None)
        return tracer
    ns = {"__name__": "w248prog"}
    exec(compile(code, FN, "exec"), ns)
    sys.settrace(tracer)
    try:
        ret = eval(compile(call, FN + "call", "eval"), ns)
    finally:
        sys.settrace(None)
    return ret, hist, hits, ns

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, ret, hist, hits, item):
    w = c["what"]
    val = lit(c["value"])
    if w == "value":
        var = c["variable"]
        if var is None:
            return any(val in h for h in hist.values()) or val == ret
        return var in hist and val in hist[var]
    if w == "count":
        return hits[c["line"]] == val
    if w in ("arith", "comparison"):
        return eval(c["expr"]) == val
    if w == "return":
        return val == ret
    if w == "call":
        ns = {}
        exec(compile(item["code"], "<chk>", "exec"), ns)
        return eval(c["value"] if False else c["call"], ns) == ret
    raise ValueError(w)

def check_error(item, ret, hist, hits):
    e = item["error"]
    k = e["kind"]
    chk = e["check"]
    stated = lit(e["stated"]) if chk["type"] not in ("answer_call",) else e["stated"]
    t = chk["type"]
    probs = []
    if item["rationale"].count(e["quote"]) < 1:
        probs.append("error quote not in rationale")
    if t == "at":                   # k-th value of variable history is the truth
        h = hist.get(chk["variable"], [])
        actual = h[chk["index"]] if chk["index"] < len(h) else None
        if actual != lit(e["actual"]):
            probs.append(f"actual mismatch {actual!r} vs {e['actual']}")
        if actual == stated:
            probs.append("stated value is true at that point")
        if e.get("held_elsewhere") and stated not in h and not any(stated in hh for hh in hist.values()):
            probs.append("held_elsewhere but value never held")
    elif t == "expr":               # arithmetic / comparison stated wrongly
        if eval(chk["expr"]) == stated:
            probs.append("stated expr result is right")
        if eval(chk["expr"]) != lit(e["actual"]):
            probs.append("actual wrong")
        if e.get("held_elsewhere") and not any(stated in hh for hh in hist.values()):
            probs.append("held_elsewhere but value never held")
    elif t == "count":
        if hits[chk["line"]] == stated:
            probs.append("count is right")
        if hits[chk["line"]] != lit(e["actual"]):
            probs.append("actual count wrong")
        if e.get("held_elsewhere") and not any(stated in hh for hh in hist.values()):
            probs.append("held_elsewhere but value never held")
    elif t == "never":              # impossible state: never held by variable
        if stated in hist.get(chk["variable"], []):
            probs.append("value is held at some point")
    elif t == "answer":
        if lit(item["answer"]) == ret:
            probs.append("forward answer is right")
    elif t == "answer_call":
        ns = {}
        exec(compile(item["code"], "<chk>", "exec"), ns)
        try:
            got = eval(item["answer"], ns)
        except Exception as ex:
            got = ex
        if got == ret:
            probs.append("backward answer returns the output")
    else:
        probs.append("unknown check " + t)
    return probs

def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
    items = [json.loads(l) for l in open(path) if l.strip()]
    fails = 0
    out = []
    for it in items:
        probs = []
        ret, hist, hits, ns = run(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append(f"returned {ret!r} != {it['returned']}")
        r = it["rationale"]
        last_line = r.strip().splitlines()[-1]
        if not (last_line.startswith("Answer:") or last_line.startswith("Predicted Output:")):
            probs.append("last line not Answer")
        if it["answer"] not in last_line:
            probs.append("answer not in last line")
        err = it["error"]
        errq = err["quote"] if err else None
        for c in it["claims"]:
            if c["quote"] not in r:
                probs.append("claim quote missing: " + c["quote"])
                continue
            if err and (errq in c["quote"] or c["quote"] in errq):
                continue
            if err and err.get("carried") and c.get("carried"):
                continue
            if err and c.get("part_of_error"):
                # second half of a swapped / doubled slip: must be FALSE
                try:
                    if check_claim(c, ret, hist, hits, it):
                        probs.append("part_of_error claim is true: " + c["quote"])
                except Exception as ex:
                    probs.append(f"claim error {ex!r}")
                continue
            try:
                ok = check_claim(c, ret, hist, hits, it)
            except Exception as ex:
                ok = False
                probs.append(f"claim error {ex!r}")
            if not ok:
                probs.append("false claim: " + json.dumps(c))
        if it["label"] == "faithful":
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret:
                    probs.append("forward answer wrong")
            else:
                ns2 = {}
                exec(compile(it["code"], "<chk>", "exec"), ns2)
                if eval(it["answer"], ns2) != ret:
                    probs.append("backward answer wrong")
        else:
            probs += check_error(it, ret, hist, hits)
            if err["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                # answer must still be right
                ns2 = {}
                exec(compile(it["code"], "<chk>", "exec"), ns2)
                good = (lit(it["answer"]) == ret) if it["direction"] == "forward" else (eval(it["answer"], ns2) == ret)
                if not good and not err.get("carried"):
                    probs.append("answer wrong in non-answer error copy")
        status = "PASS" if not probs else "FAIL"
        if probs:
            fails += 1
        out.append(f"{status} {it['id']} ({it['label']}{'/' + err['kind'] if err else ''}, {len(it['claims'])} claims)")
        for p in probs:
            out.append("    " + p)
    out.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    print("\n".join(out))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
