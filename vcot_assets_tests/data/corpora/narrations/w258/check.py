"""Standalone checker for w258 narrations: replays each call under sys.settrace and checks claims."""
import ast, copy, json, sys
from collections import defaultdict

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = defaultdict(list)      # variable -> list of successive distinct values (all frames)
    linehits = defaultdict(int)
    atline = defaultdict(list)    # line number -> snapshots of the frame's variables when that line is about to run
    def snap(frame):
        loc = dict(frame.f_locals)
        items = []
        for k, v in loc.items():
            if k == "self":
                for ak, av in vars(v).items():
                    items.append(("self." + ak, av))
            else:
                items.append((k, v))
        snapd = {}
        for k, v in items:
            try:
                v = copy.deepcopy(v)
            except Exception:
                pass
            snapd[k] = v
            if not hist[k] or hist[k][-1] != v:
                hist[k].append(v)
        return snapd
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            atline[frame.f_lineno].append(snap(frame))
            linehits[frame.f_lineno] += 1
        elif event == "return":
            snap(frame)
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    global ATLINE
    ATLINE = atline
    return result, hist, linehits, ns

def lit(s):
    return ast.literal_eval(s)

def check_item(it):
    errs = []
    res, hist, hits, ns = run_traced(it["code"], it["call"])
    if repr(res) != it["returned"]:
        errs.append(f"returned mismatch {res!r} vs {it['returned']}")
    text = it["rationale"]
    last_line = text.strip().splitlines()[-1]
    if not last_line.startswith("Answer:"):
        errs.append("last line is not Answer:")
    elif last_line[len("Answer:"):].strip() != it["answer"]:
        errs.append("answer field differs from Answer line")
    def claim_true(c):
        w = c["what"]
        if w == "value":
            v = lit(c["value"])
            if c.get("at_line"):
                return [sn.get(c["variable"]) for sn in ATLINE[c["at_line"]]] == v
            if c.get("seq"):
                h = hist.get(c["variable"], [])
                return any(h[i:i + len(v)] == v for i in range(len(h)))
            if c["variable"]:
                return v in hist.get(c["variable"], [])
            return any(v in h for h in hist.values()) or v == res
        if w == "count":
            return hits[c["line"]] == int(c["value"])
        if w in ("comparison", "arith"):
            return eval(c["expr"]) == lit(c["value"])
        if w == "return":
            return lit(c["value"]) == res
        if w == "call":
            return eval(c["value"], dict(ns)) == res
        raise ValueError(w)
    err = it.get("error")
    for c in it["claims"]:
        if c["quote"] not in text:
            errs.append(f"claim quote not in text: {c['quote']!r}")
            continue
        if err and c["quote"] == err["quote"]:
            continue
        try:
            ok = claim_true(c)
        except Exception as e:
            ok = False
            errs.append(f"claim crashed {c}: {e}")
        if not ok:
            errs.append(f"false claim: {c}")
    # answer
    if it["direction"] == "forward":
        ans_ok = lit(it["answer"]) == res
    else:
        ans_ok = eval(it["answer"], dict(ns)) == res
    if it["label"] == "faithful":
        if not ans_ok:
            errs.append("faithful answer wrong")
        if err is not None:
            errs.append("faithful item has error")
    else:
        if err["quote"] not in text:
            errs.append("error quote not in text")
        if err["stated"] not in err["quote"]:
            errs.append("stated not inside error quote")
        k = err["kind"]
        chk = err["check"]
        t = chk["type"]
        if t == "history_at":
            h = hist.get(chk["variable"], [])
            idx = chk["index"]
            if not (len(h) > idx and h[idx] == lit(err["actual"])):
                errs.append(f"actual not at history index: {h}")
            if h[idx] == lit(chk.get("stated_value", err["stated"])):
                errs.append("stated equals actual at that point")
            if err.get("held_elsewhere") and lit(chk.get("stated_value", err["stated"])) not in h:
                errs.append("held_elsewhere but stated value never held")
        elif t == "seq":
            h = hist.get(chk["variable"], [])
            v = lit(chk["stated_value"])
            if any(h[i:i + len(v)] == v for i in range(len(h))):
                errs.append("seq error is actually a true run of values")
        elif t == "at_line":
            vals = [sn.get(chk["variable"]) for sn in ATLINE[chk["line"]]]
            k_ = chk["k"]
            if vals[k_] != lit(err["actual"]) or vals[k_] == lit(chk.get("stated_value", err["stated"])):
                errs.append(f"at_line check failed: {vals}")
            if err.get("held_elsewhere") and lit(chk.get("stated_value", err["stated"])) not in vals:
                errs.append("held_elsewhere: stated value never seen at that line")
        elif t == "absent":
            if lit(chk.get("stated_value", err["stated"])) in hist.get(chk["variable"], []):
                errs.append("absent: variable does hold the stated value")
        elif t == "arith":
            if eval(chk["expr"]) == lit(chk.get("stated_value", err["stated"])):
                errs.append("arith error is actually correct")
            if eval(chk["expr"]) != lit(err["actual"]):
                errs.append("arith actual wrong")
        elif t == "count":
            if hits[chk["line"]] == int(lit(chk.get("stated_value", err["stated"]))):
                errs.append("count error actually correct")
            if hits[chk["line"]] != int(lit(err["actual"])):
                errs.append("count actual wrong")
        elif t == "compare":
            if eval(chk["expr"]) != lit(err["actual"]) or lit(err["actual"]) == lit(chk.get("stated_value", err["stated"])):
                errs.append("compare error not false")
        elif t == "answer":
            if ans_ok:
                errs.append("wrong answer is actually right")
        elif t == "swap":
            for var, idx, stated in chk["pairs"]:
                h = hist[var]
                if h[idx] == stated:
                    errs.append(f"swap: {var} really was {stated}")
        else:
            errs.append("unknown check " + t)
        if err.get("held_elsewhere") and t != "at_line":
            if "variable" not in chk or "index" not in chk:
                errs.append("held_elsewhere needs variable/index")
            else:
                h = hist.get(chk["variable"], [])
                sv = lit(chk.get("stated_value", err["stated"]))
                if sv not in h or len(h) <= chk["index"] or h[chk["index"]] == sv:
                    errs.append(f"held_elsewhere point check failed: {h}")
        if k == "wrong_final_answer" and ans_ok:
            errs.append("wrong_final_answer but answer right")
        if k == "backward_wrong_input" and ans_ok:
            errs.append("backward_wrong_input but call returns output")
        if k not in ("wrong_final_answer", "backward_wrong_input") and not ans_ok and k != "wrong_intermediate_right_answer" and not err.get("carried"):
            errs.append("answer wrong in a copy whose error should not reach the answer")
        if k == "wrong_intermediate_right_answer" and not ans_ok:
            errs.append("wrong_intermediate_right_answer has wrong answer")
    return errs

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    bad = 0
    ids = set()
    lines = []
    for it in items:
        if it["id"] in ids:
            lines.append(f"DUP {it['id']}")
            bad += 1
        ids.add(it["id"])
        try:
            e = check_item(it)
        except Exception as ex:
            e = [f"crash: {ex!r}"]
        if e:
            bad += 1
            lines.append(f"FAIL {it['id']}: " + " | ".join(e))
        else:
            lines.append(f"ok   {it['id']} ({it['label']}, {len(it['claims'])} claims)")
    lines.append(f"\n{len(items)} items, {bad} failing")
    print("\n".join(lines))
    return bad

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
