"""Standalone checker for w147 narrations: runs each call under sys.settrace and verifies claims."""
import json, sys, copy, ast

def run_traced(code, call):
    env = {}
    exec(compile(code, "<prog>", "exec"), env)
    hist = {}      # "var" -> list of distinct successive values (per frame, merged in time order)
    last = {}      # (frame id, var) -> last value
    hits = {}      # line number -> hits
    def snap(frame):
        loc = frame.f_locals
        items = []
        for k, v in loc.items():
            items.append((k, v))
            if k == "self":
                for ak, av in getattr(v, "__dict__", {}).items():
                    items.append(("self." + ak, av))
        for k, v in items:
            try:
                v = copy.deepcopy(v)
            except Exception:
                continue
            key = (id(frame), k)
            if key not in last or last[key] != v:
                last[key] = v
                seq = hist.setdefault(k, [])
                if not seq or seq[-1] != v:  # merge a repeat seen when a new frame starts
                    seq.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        snap(frame)
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, env)
    finally:
        sys.settrace(None)
    return result, hist, hits, env

def lit(s):
    return ast.literal_eval(s)

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    fails, n_ok = [], 0
    held_checked = []
    out = []
    for it in items:
        errs = []
        res, hist, hits, env = run_traced(it["code"], it["call"])
        if repr(res) != it["returned"]:
            errs.append(f"returned mismatch {res!r} vs {it['returned']}")
        if it["function"] not in it["call"]:
            errs.append("function not in call")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                errs.append(f"claim quote not in rationale: {c['quote']!r}")
                continue
            is_err = it["label"] == "error" and it["error"] and c["quote"] == it["error"]["quote"]
            if is_err:
                continue  # checked below as the error
            ok = check_claim(c, res, hist, hits, env)
            if not ok:
                errs.append(f"false claim: {c}")
        # answer
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == res
        else:
            r2, *_ = run_traced(it["code"], it["answer"])
            ans_ok = r2 == res
        if not it["rationale"].rstrip().endswith("Answer: " + it["answer"]):
            errs.append("Answer line mismatch")
        if it["label"] == "faithful":
            if not ans_ok:
                errs.append("faithful answer wrong")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                errs.append("error quote missing")
            chk = e.get("check", {})
            t = chk.get("type")
            stated = lit(chk["stated"]) if "stated" in chk else None
            if e.get("held_elsewhere"):
                # the wrong value must be one the program really holds at some other moment
                hv = chk.get("held_var", e["quote"] and next((c["variable"] for c in it["claims"] if c["quote"] == e["quote"]), None))
                hval = chk.get("held_value", chk.get("stated"))
                if hv in hist and hval is not None:
                    if lit(hval) not in hist[hv]:
                        errs.append(f"held_elsewhere: {hval} never held by {hv}")
                    else:
                        held_checked.append(it["id"])
            if e["kind"] in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    errs.append("error answer is actually right")
            else:
                if not e.get("carried") and not ans_ok:
                    errs.append("answer should stay right in this error copy")
                if t == "at_index":
                    seq = hist.get(chk["variable"], [])
                    actual = seq[chk["index"]]
                    if actual == stated:
                        errs.append(f"error value is true at that point: {actual!r}")
                    if e.get("held_elsewhere") and stated not in seq:
                        errs.append("held_elsewhere but value never held")
                    if "actual" in chk and lit(chk["actual"]) != actual:
                        errs.append(f"actual mismatch {actual!r} vs {chk['actual']}")
                    elif "actual" not in chk and repr(actual) not in e["actual"] and str(actual) not in e["actual"]:
                        errs.append(f"actual not mentioned: {actual!r} vs {e['actual']}")
                elif t == "never":
                    if stated in hist.get(chk["variable"], []):
                        errs.append("impossible_state value was held")
                elif t == "expr":
                    if eval(chk["expr"]) == stated:
                        errs.append("error expr is actually right")
                elif t == "count":
                    if hits.get(chk["line"], 0) == stated:
                        errs.append("error count is actually right")
                    if e.get("held_elsewhere"):
                        pass
                else:
                    errs.append(f"no check for error {e['kind']}")
        status = "PASS" if not errs else "FAIL"
        if errs:
            fails.append(it["id"])
        else:
            n_ok += 1
        out.append(f"{status} {it['id']}" + ("" if not errs else " :: " + " | ".join(errs)))
    out.append(f"held_elsewhere values confirmed in the variable's history: {len(held_checked)} ({', '.join(held_checked)})")
    out.append(f"TOTAL {len(items)} PASS {n_ok} FAIL {len(fails)}")
    print("\n".join(out))
    return 1 if fails else 0

def check_claim(c, res, hist, hits, env):
    w = c["what"]
    v = lit(c["value"]) if c["value"] is not None else None
    if w == "value":
        seq = hist.get(c["variable"], [])
        if c.get("seq"):  # a summarised sequence: each value must occur, in this order
            pos = 0
            for x in v:
                while pos < len(seq) and seq[pos] != x:
                    pos += 1
                if pos == len(seq):
                    return False
            return True
        return v in seq
    if w == "count":
        if "var_hist" in c:  # iterations = number of values the loop variable took
            return len(hist.get(c["var_hist"], [])) == v
        return hits.get(c["line"], 0) == v
    if w in ("arith", "comparison"):
        return eval(c["expr"]) == v
    if w == "return":
        return res == v
    if w == "call":
        return True
    return False

if __name__ == "__main__":
    sys.exit(main())
