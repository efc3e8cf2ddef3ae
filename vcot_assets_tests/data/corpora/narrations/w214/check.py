"""Standalone checker for w214 narrations: replays each call under sys.settrace and checks claims."""
import ast, copy, json, sys
from collections import defaultdict

def run(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = defaultdict(list)          # var -> list of successive distinct values (per frame changes)
    last = {}                          # (frame id, var) -> last value
    prevline = {}                      # frame id -> previous line number
    enter = defaultdict(int)           # line N -> times control went N -> N + 1 (header -> body)
    lines = defaultdict(int)           # line no -> hits
    frames_at = defaultdict(set)       # line no -> frames that hit it

    def snap(frame):
        items = dict(frame.f_locals)
        s = items.get("self")
        if s is not None and hasattr(s, "__dict__"):
            for k, v in vars(s).items():
                items["self." + k] = v
        for k, v in items.items():
            if k == "self" or callable(v):
                continue
            try:
                v = copy.deepcopy(v)
            except Exception:
                continue
            key = (id(frame), k)
            if key not in last or last[key] != v:
                last[key] = v
                h = hist[k]
                if not h or h[-1] != v or True:
                    h.append(v)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        snap(frame)
        if event == "line":
            lines[frame.f_lineno] += 1
            p = prevline.get(id(frame))
            if p is not None and frame.f_lineno == p + 1:
                enter[p] += 1
            prevline[id(frame)] = frame.f_lineno
            frames_at[frame.f_lineno].add(id(frame))
        return tracer

    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    # collapse consecutive duplicates (a variable seen again in a new frame with same value)
    h2 = {}
    for k, vs in hist.items():
        out = []
        for v in vs:
            if not out or out[-1] != v:
                out.append(v)
        h2[k] = out
    # iterations of the loop whose header is on line N = times control passed from N into
    # its first body line N + 1 (the exit goes elsewhere: past the body, or back to an outer header)
    loops = dict(enter)
    return ns, ret, h2, loops

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, ns, ret, hist, loops):
    """Return True if the claim is true of the execution."""
    what, var, val = c["what"], c.get("variable"), c["value"]
    if what == "value":
        v = lit(val)
        if "expr" in c:
            return eval(c["expr"], {}) == v
        h = hist.get(var, [])
        if c.get("sequence") and "at" in c:
            # values at given points of the history (e.g. the running total at the end of each row)
            return all(k < len(h) for k in c["at"]) and [h[k] for k in c["at"]] == v
        if c.get("sequence"):
            # a summarised sequence: the stated values must appear in this order in the history
            it = iter(h)
            return all(any(x == y for y in it) for x in v)
        if "at" in c:
            return c["at"] < len(h) and h[c["at"]] == v
        return v in h
    if what == "count":
        line = int(var.split("@line")[1])
        return loops.get(line) == lit(val)
    if what == "arith":
        if "expr" in c:
            return eval(c["expr"], {}) == lit(val)
        lhs, rhs = c["quote"].strip("`").rsplit("=", 1)
        if "=" in lhs:  # e.g. "acc = 6 ^ 3 = 5" or "rows * cols = 2 * 3 = 6": evaluate the last expression
            lhs = lhs.rsplit("=", 1)[1]
        return eval(lhs, {}) == lit(val) == lit(rhs.strip())
    if what == "comparison":
        return eval(c["expr"], {}) == lit(val)
    if what == "return":
        return lit(val) == ret
    if what == "call":
        return eval(val, ns) == ret
    raise ValueError(what)

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    ok = bad = 0
    report = []
    for it in items:
        errs = []
        ns, ret, hist, loops = run(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            errs.append(f"returned mismatch {ret!r} vs {it['returned']}")
        last = it["rationale"].strip().splitlines()[-1]
        if last != "Answer: " + it["answer"]:
            errs.append("answer line mismatch")
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == ret
        else:
            ans_ok = eval(it["answer"], ns) == ret
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                errs.append(f"quote missing: {c['quote']!r}")
        if it["label"] == "faithful":
            if not ans_ok:
                errs.append("faithful answer wrong")
            for c in it["claims"]:
                if not check_claim(c, ns, ret, hist, loops):
                    errs.append(f"false claim: {c['quote']!r}")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                errs.append("error quote missing")
            ec = [c for c in it["claims"] if c["quote"] == e["quote"]]
            if len(ec) != 1:
                errs.append("no unique error claim")
            else:
                c = ec[0]
                if check_claim(c, ns, ret, hist, loops):
                    errs.append("error claim is actually TRUE")
                if e.get("held_elsewhere"):
                    # the stated value must occur somewhere in the run, only not at that point
                    sv = lit(e["stated"])  # the wrong value itself (one element for a sequence)
                    anywhere = any(sv in h for h in hist.values()) or sv == ret
                    if not anywhere:
                        errs.append("held_elsewhere but value never held")
            if e["kind"] in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    errs.append("answer should be wrong")
            elif not e.get("carried") and not ans_ok:
                errs.append("uncarried error but answer wrong")
            if not e.get("carried"):
                for c in it["claims"]:
                    if c["quote"] != e["quote"] and not check_claim(c, ns, ret, hist, loops):
                        errs.append(f"other claim false: {c['quote']!r}")
        status = "PASS" if not errs else "FAIL"
        ok += not errs; bad += bool(errs)
        report.append(f"{status} {it['id']} ({it['label']}, {len(it['claims'])} claims)" + ("" if not errs else ": " + "; ".join(errs)))
    report.append(f"TOTAL {len(items)} items: {ok} pass, {bad} fail")
    return "\n".join(report), bad

if __name__ == "__main__":
    text, bad = main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")
    print(text)
    sys.exit(1 if bad else 0)
