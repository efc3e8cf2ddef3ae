"""Standalone checker for w134 narrations: runs each call under sys.settrace, records
per-variable value histories (per function), loop-line hit counts, and checks claims/errors."""
import json, sys, ast

def run_traced(code, call):
    hist = {}      # (func, var) -> list of distinct consecutive values (repr)
    lines = {}     # lineno -> hit count (lines of the <prog> module)
    samples = {}   # (func, lineno, var) -> value each time that line is reached
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return tracer
        fn = frame.f_code.co_name
        def snap():
            for k, v in frame.f_locals.items():
                if k == "self":
                    try:
                        for ak, av in vars(v).items():
                            record(fn, "self." + ak, av)
                    except TypeError:
                        pass
                    continue
                record(fn, k, v)
        if event == "line":
            snap()
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            for k, v in frame.f_locals.items():
                try:
                    samples.setdefault((fn, frame.f_lineno, k), []).append(repr(v))
                    if hasattr(v, "__dict__") and not callable(v):
                        for ak, av in vars(v).items():
                            samples.setdefault((fn, frame.f_lineno, k + "." + ak), []).append(repr(av))
                except Exception:
                    pass
        elif event == "return":
            snap()
            record(fn, "<return>", arg)
        return tracer
    def record(fn, k, v):
        try:
            r = repr(v)
        except Exception:
            return
        for key in ((fn, k), ("*", k)):
            h = hist.setdefault(key, [])
            if not h or h[-1] != r:
                h.append(r)
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    hist["__samples__"] = samples
    return ret, hist, lines

def norm(lit):
    try:
        return repr(ast.literal_eval(lit))
    except Exception:
        return lit

def hist_of(hist, var):
    fn, _, v = var.rpartition(":") if ":" in var else ("*", "", var)
    return hist.get((fn or "*", v), [])

def check_claim(c, ret, hist, lines, code, call):
    w = c["what"]
    if w in ("arith", "comparison"):
        got = eval(c["expr"])
        return repr(got) == norm(c["value"]), f"expr {c['expr']} = {got!r}"
    if w == "return":
        return repr(ret) == norm(c["value"]), f"returned {ret!r}"
    if w == "count":
        n = lines.get(c["line"], 0) - c.get("offset", 0)
        return n == int(c["value"]), f"count at line {c['line']} = {n}"
    if w == "call":
        g = {}; exec(code, g)
        return repr(eval(c["value"], g)) == repr(ret), "call"
    h = hist_of(hist, c["variable"]) if c["variable"] else []
    if "sample_line" in c:
        fn, _, v = c["variable"].rpartition(":")
        got = hist["__samples__"].get((fn, c["sample_line"], v), [])[c.get("sample_skip", 0):]
        if "sample_take" in c:
            got = got[:c["sample_take"]]
        seq = [repr(x) for x in ast.literal_eval(c["value"])]
        return seq == got, f"values of {c['variable']} each time line {c['sample_line']} runs: {got}"
    if c.get("subseq"):
        seq = [repr(x) for x in ast.literal_eval(c["value"])]
        it = iter(h)
        return all(x in it for x in seq), f"subsequence of {c['variable']}: {h}"
    if c.get("sequence"):
        seq = [repr(x) for x in ast.literal_eval(c["value"])]
        return seq == h, f"sequence of {c['variable']}: {h}"
    if "index" in c:
        ok = c["index"] < len(h) and h[c["index"]] == norm(c["value"])
        return ok, f"history[{c['index']}] of {c['variable']}: {h}"
    return norm(c["value"]) in h, f"history of {c['variable']}: {h}"

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    fails = 0; out = []
    for it in items:
        code, call = it["code"], it["call"]
        ret, hist, lines = run_traced(code, call)
        probs = []
        if repr(ret) != it["returned"]:
            probs.append(f"returned mismatch {ret!r} vs {it['returned']}")
        rat = it["rationale"]
        if not rat.rstrip().splitlines()[-1].startswith("Answer:") and "Answer:" not in rat.rstrip().splitlines()[-1]:
            probs.append("last line not Answer")
        if ("Answer: " + it["answer"]) not in rat:
            probs.append("answer not in rationale")
        for c in it["claims"]:
            if c["quote"] not in rat:
                probs.append(f"quote missing: {c['quote']!r}")
        err = it["error"]
        errq = err["quote"] if err else None
        for c in it["claims"]:
            if err and c.get("is_error"):
                continue
            ok, why = check_claim(c, ret, hist, lines, code, call)
            if not ok:
                probs.append(f"claim false: {c['quote']!r} ({why})")
        g = {}; exec(code, g)
        if it["direction"] == "forward":
            ans_ok = repr(ast.literal_eval(it["answer"])) == repr(ret)
        else:
            ans_ok = repr(eval(it["answer"], g)) == repr(ret)
        if it["label"] == "faithful":
            if not ans_ok: probs.append("faithful answer wrong")
        else:
            if errq not in rat: probs.append("error quote missing")
            k = err["kind"]
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok: probs.append("error answer is actually right")
            else:
                if not ans_ok: probs.append("answer should stay right")
                ec = [c for c in it["claims"] if c.get("is_error")]
                if len(ec) != 1: probs.append("need exactly one is_error claim")
                else:
                    c = ec[0]
                    if c["what"] in ("arith", "comparison", "count", "return") or c.get("sequence") or c.get("subseq") or "sample_line" in c:
                        ok, why = check_claim(c, ret, hist, lines, code, call)
                        if ok: probs.append(f"error claim is true: {why}")
                    else:
                        h = hist_of(hist, c["variable"])
                        if err.get("held_elsewhere"):
                            if norm(c["value"]) not in h: probs.append(f"held_elsewhere but value never held {h}")
                            if "index" not in c: probs.append("held_elsewhere needs index")
                            elif c["index"] < len(h) and h[c["index"]] == norm(c["value"]):
                                probs.append("error value true at that point")
                        else:
                            if "index" in c:
                                if c["index"] < len(h) and h[c["index"]] == norm(c["value"]):
                                    probs.append("error value true at that point")
                            elif norm(c["value"]) in h:
                                probs.append(f"error value occurs in history {h}")
                # held_elsewhere for count/arith: stated value must match another real value
                if err.get("held_elsewhere") and (c["what"] in ("arith", "count") or c.get("sequence") or c.get("subseq") or "sample_line" in c):
                    if norm(err["stated"]) not in hist_of(hist, err.get("elsewhere_var", "")) and not err.get("elsewhere_note"):
                        probs.append("held_elsewhere arith/count lacks evidence")
            if err["stated"] not in errq: probs.append("stated not in quote")
        status = "PASS" if not probs else "FAIL"
        if probs: fails += 1
        out.append(f"{status} {it['id']} ({it['direction']}, {it['style']}, {it['family']}, {it['label']}{'/' + err['kind'] if err else ''})")
        out += ["    " + p for p in probs]
    out.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    txt = "\n".join(out)
    print(txt)
    open("check_report.txt", "w").write(txt + "\n")
    return fails

if __name__ == "__main__":
    sys.exit(1 if main() else 0)
