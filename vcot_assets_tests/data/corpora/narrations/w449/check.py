"""Standalone checker for w449 narrations: plain execution + sys.settrace histories."""
import ast, json, re, sys

def run_traced(code, call):
    """Execute call; return (result, hist, counts).
    hist: var -> list of successive distinct values (in function frames of the program).
    counts: line number -> number of times the line event fired."""
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    hist, counts, last = {}, {}, {}
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return tr
        if event == "line":
            counts[frame.f_lineno] = counts.get(frame.f_lineno, 0) + 1
        for k, v in list(frame.f_locals.items()):
            if k == "self":
                for ak, av in vars(v).items():
                    _rec("self." + ak, av, hist, last, frame)
                continue
            _rec(k, v, hist, last, frame)
        return tr
    sys.settrace(tr)
    try:
        res = eval(call, g)
    finally:
        sys.settrace(None)
    return res, hist, counts

def _rec(k, v, hist, last, frame):
    try:
        import copy; v = copy.deepcopy(v)
    except Exception:
        pass
    key = (id(frame), k)
    if key not in last or last[key] != v:
        last[key] = v
        hist.setdefault(k, []).append(v)

if __name__ == "__main__" and len(sys.argv) > 1 and sys.argv[1] == "show":
    for l in open(sys.argv[2]):
        d = json.loads(l)
        r, h, c = run_traced(d["code"], d["call"])
        print(d["id"], r)
        for k, v in h.items():
            print("   ", k, v)
        print("   lines", c)

# ---------------------------------------------------------------- checking
def run_full(code, call):
    """Like run_traced, plus per-line snapshots of locals (value before the line runs)."""
    import copy
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    hist, counts, last, snaps = {}, {}, {}, {}
    order = []
    snaps["_order"] = order
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return tr
        loc = {}
        for k, v in list(frame.f_locals.items()):
            if k == "self":
                for ak, av in vars(v).items():
                    loc["self." + ak] = copy.deepcopy(av)
            else:
                try: loc[k] = copy.deepcopy(v)
                except Exception: loc[k] = v
        for k, v in loc.items():
            _rec(k, v, hist, last, frame)
        if event == "line":
            counts[frame.f_lineno] = counts.get(frame.f_lineno, 0) + 1
            snaps.setdefault(frame.f_lineno, []).append(loc)
            order.append((frame.f_lineno, loc))
        return tr
    sys.settrace(tr)
    try:
        res = eval(call, g)
    finally:
        sys.settrace(None)
    return res, hist, counts, snaps

def lit(s):
    return ast.literal_eval(s) if isinstance(s, str) else s

def call_result(code, expr):
    g = {}
    exec(compile(code, "<chk>", "exec"), g)
    return eval(expr, g)

def check_claim(c, res, hist, counts, snaps):
    w, v = c["what"], c["value"]
    if w == "count":
        line = int(c["variable"].split("@line")[1])
        return counts.get(line, 0) == int(v), f"count line {line}: {counts.get(line, 0)} vs {v}"
    if w in ("arith", "comparison", "call") and "expr" in c:
        got = eval(c["expr"])
        ok = got == lit(v)
        if ok and w == "arith" and c["variable"]:
            ok = lit(v) in hist.get(c["variable"], [])
        return ok, f"{c['expr']} = {got!r} vs {v}"
    if w == "return":
        return res == lit(v), f"return {res!r} vs {v}"
    if w == "value":
        if "hist_from" in c:
            h = hist.get(c["variable"], [])[c["hist_from"]:]
            return h == lit(v), f"history {h} vs {v}"
        if "pair_line" in c:
            names = c["variable"].split(",")
            pairs = [tuple(s.get(n) for n in names) for s in snaps.get(c["pair_line"], [])]
            return lit(v) in pairs, f"pairs {pairs} vs {v}"
        if "seq_line" in c and "after_line" in c:
            order = snaps["_order"]
            seq = [loc.get(c["variable"]) for k, (ln, loc) in enumerate(order)
                   if ln == c["seq_line"] and k > 0 and order[k - 1][0] == c["after_line"]][c.get("skip", 0):]
            return seq == lit(v), f"seq {seq} vs {v}"
        if "seq_line" in c:
            seq = [s.get(c["variable"]) for s in snaps.get(c["seq_line"], [])][c.get("skip", 0):]
            return seq == lit(v), f"seq {seq} vs {v}"
        return lit(v) in hist.get(c["variable"], []), f"{c['variable']} history {hist.get(c['variable'])} vs {v}"
    return False, "unknown claim type " + w

def check_error(d, res, hist, counts, snaps):
    e = d["error"]; ch = e["check"]; t = ch["type"]
    st, ac = e["stated"], e["actual"]
    if t == "count":
        n = counts.get(ch["line"], 0)
        held_ok = True
        if e.get("held_elsewhere"):
            # the wrong count is a count the run does have elsewhere (another line's hit count)
            held_ok = int(st) in [v for k, v in counts.items() if k != ch["line"]]
        return n != int(st) and n == int(ac) and held_ok, f"count {n}, stated {st}, held_ok {held_ok}"
    if t in ("comparison", "arith"):
        got = eval(ch["expr"])
        held_ok = True
        if e.get("held_elsewhere"):
            held_ok = lit(st) in hist.get(ch.get("var"), [])
        return got != lit(st) and got == lit(ac) and held_ok, f"{ch['expr']} = {got!r}, stated {st}, held_ok {held_ok}"
    if t == "answer":
        if d["direction"] == "forward":
            return lit(d["answer"]) != res and lit(ac) == res, f"answer {d['answer']} vs {res!r}"
        got = call_result(d["code"], d["answer"])
        return got != res and call_result(d["code"], ac) == res, f"backward answer gives {got!r} vs {res!r}"
    if t == "never":
        return lit(st) not in hist.get(ch["var"], []), f"{ch['var']} history {hist.get(ch['var'])}"
    held_ok = True
    if e.get("held_elsewhere"):
        # the wrong value must occur in this variable's history somewhere else
        held_ok = lit(st) in hist.get(ch.get("var"), [])
    if t == "hist":
        at = hist[ch["var"]][ch["idx"]]
        return at == lit(ac) and at != lit(st) and held_ok, f"{ch['var']}[{ch['idx']}] = {at!r}, stated {st}, held_ok {held_ok}"
    if t == "iter":
        seq = [s.get(ch["var"]) for s in snaps.get(ch["seq_line"], [])][ch.get("skip", 0):]
        at = seq[ch["k"] - 1]
        return at == lit(ac) and at != lit(st) and held_ok, f"iter {ch['k']} of {ch['var']} = {at!r}, stated {st}, held_ok {held_ok}"
    if t == "swap":
        a1, a2 = hist[ch["var1"]][ch["idx"]], hist[ch["var2"]][ch["idx"]]
        return a1 != lit(ch["v1"]) and a2 != lit(ch["v2"]) and a1 == lit(ch["v2"]) and a2 == lit(ch["v1"]), f"{ch['var1']}={a1!r} {ch['var2']}={a2!r}"
    if t == "swap_pair":
        pairs = [[s.get(ch["var1"]), s.get(ch["var2"])] for s in snaps.get(ch["line"], [])]
        return ch["stated"] not in pairs and ch["actual"] in pairs, f"pairs has actual {ch['actual'] in pairs}, stated {ch['stated'] in pairs}"
    return False, "unknown check " + t

def main(path):
    lines = []; nbad = 0; n = 0
    for l in open(path):
        d = json.loads(l); n += 1
        probs = []
        res, hist, counts, snaps = run_full(d["code"], d["call"])
        if repr(res) != d["returned"]:
            probs.append(f"returned {res!r} != {d['returned']}")
        if d["rationale"].strip().splitlines()[-1].strip() != "Answer: " + d["answer"]:
            probs.append("last line is not the Answer line")
        for c in d["claims"]:
            if c["quote"] not in d["rationale"]:
                probs.append("quote missing: " + c["quote"])
            if c.get("error"):
                continue
            ok, msg = check_claim(c, res, hist, counts, snaps)
            if not ok: probs.append("false claim: " + c["quote"] + " | " + msg)
        if d["label"] == "faithful":
            if d["direction"] == "forward":
                if lit(d["answer"]) != res: probs.append("forward answer wrong")
            else:
                if call_result(d["code"], d["answer"]) != res: probs.append("backward answer does not reproduce output")
        else:
            if d["error"]["quote"] not in d["rationale"]: probs.append("error quote missing")
            ok, msg = check_error(d, res, hist, counts, snaps)
            if not ok: probs.append("error not confirmed false: " + msg)
            # answers of non-answer error kinds must still be right
            if d["error"]["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                good = (lit(d["answer"]) == res) if d["direction"] == "forward" else (call_result(d["code"], d["answer"]) == res)
                if not good and not d["error"]["carried"]: probs.append("answer wrong in non-answer error copy")
            msg = msg
        status = "PASS" if not probs else "FAIL"
        if probs: nbad += 1
        lines.append(f"{status} {d['id']} ({d['label']}, {d['direction']}, {d['style']}, {len(d['claims'])} claims)" + ("" if not probs else "\n    " + "\n    ".join(probs)) + ("" if d["label"] == "faithful" else f"\n    error {d['error']['kind']}: {msg}"))
    lines.append(f"\n{n} items, {n - nbad} pass, {nbad} fail")
    return "\n".join(lines), nbad

if __name__ == "__main__" and (len(sys.argv) < 2 or sys.argv[1] != "show"):
    p = sys.argv[1] if len(sys.argv) > 1 else "/work/corpus/narrations/w449/narrations.jsonl"
    rep, nbad = main(p)
    print(rep)
    sys.exit(1 if nbad else 0)
