"""Standalone checker for w403 narrations: re-executes every call under sys.settrace,
records each variable's value history (consecutive duplicates collapsed, self.<attr> included)
and line hit counts, then checks claims, answers and error copies."""
import ast, copy, json, sys
from collections import defaultdict

def lit(s):
    return ast.literal_eval(s)

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run_traced(code, call):
    ns = {"__name__": "program"}
    exec(compile(code, "<program>", "exec"), ns)
    hist = defaultdict(list)
    hits = defaultdict(int)
    def rec(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in getattr(v, "__dict__", {}).items():
                    put("self." + a, av)
            else:
                put(k, v)
    def put(k, v):
        h = hist[k]
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(snap(v))
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<program>":
            return None
        if event == "line":
            hits[frame.f_lineno] += 1
        if event in ("line", "return"):
            rec(frame)
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, hits

def plain(code, call):
    ns = {"__name__": "program"}
    exec(compile(code, "<program>", "exec"), ns)
    return eval(call, ns)

def contains_seq(h, seq):
    n = len(seq)
    return any(h[i:i + n] == seq for i in range(len(h) - n + 1))

def check_claim(c, ret, hist, hits):
    w = c["what"]; v = lit(c["value"])
    if w == "value":
        if c.get("seq"):
            return contains_seq(hist.get(c["variable"], []), v)
        if c["variable"] is None:
            return any(v in h for h in hist.values()) or v == ret
        return v in hist.get(c["variable"], [])
    if w == "count":
        return hits[c["line"]] == v
    if w in ("arith", "comparison"):
        return eval(c["expr"]) == v
    if w == "return":
        return v == ret
    if w == "call":
        return True
    raise ValueError(w)

def main():
    progs = {json.loads(l)["id"]: json.loads(l) for l in open("programs.jsonl") if l.strip()}
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    byid = {it["id"]: it for it in items}
    fails = []; lines = []
    for it in items:
        bad = []
        p = progs[it["program_id"]]
        ret, hist, hits = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"] or p["returned"] != it["returned"]:
            bad.append("returned mismatch")
        if it["trace_events"] != len(p["events"]):
            bad.append("trace_events mismatch")
        last = it["rationale"].rstrip().splitlines()[-1]
        if last.strip() != "Answer: " + it["answer"]:
            bad.append("answer line mismatch")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                bad.append("quote missing: " + c["quote"])
        err = it["error"]
        wrong_quote = err["quote"] if err else None
        for c in it["claims"]:
            if err and c.get("is_error"):
                continue
            if not check_claim(c, ret, hist, hits):
                bad.append("false claim: %r" % c["quote"])
        # answer
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == ret
        else:
            ans_ok = plain(it["code"], it["answer"]) == ret
        if it["label"] == "faithful":
            if not ans_ok: bad.append("faithful answer wrong")
            if err is not None: bad.append("faithful has error")
        else:
            f = byid.get(it["faithful_id"])
            if f is None: bad.append("no faithful parent")
            if err["quote"] not in it["rationale"]: bad.append("error quote missing")
            k = err["kind"]; chk = err["check"]
            stated = lit(chk["stated"]); actual = lit(chk["actual"])
            if stated == actual: bad.append("stated == actual")
            t = chk["type"]
            if t == "answer":
                if ans_ok: bad.append("wrong answer actually right")
            else:
                if not ans_ok: bad.append("error copy answer should stay right")
            if t == "value_at":
                h = hist.get(chk["variable"], [])
                if chk["k"] >= len(h) or h[chk["k"]] != actual:
                    bad.append("actual not at history[k]: %r" % (h,))
            elif t == "never":
                h = hist.get(chk["variable"], [])
                if stated in h: bad.append("impossible value occurs")
                if actual not in h: bad.append("actual not in history")
            elif t == "count":
                if hits[chk["line"]] != actual: bad.append("count actual wrong %d" % hits[chk["line"]])
            elif t in ("arith", "comparison"):
                if eval(chk["expr"]) != actual: bad.append("expr actual wrong")
            elif t == "seq":
                h = hist.get(chk["variable"], [])
                if not contains_seq(h, actual) or contains_seq(h, stated): bad.append("seq check")
            elif t == "answer":
                pass
            else:
                bad.append("unknown check " + t)
            if err.get("held_elsewhere"):
                held = chk.get("held_var")
                pools = [hist.get(held, [])] if held else list(hist.values())
                hv = lit(chk["held_value"]) if "held_value" in chk else stated
                if not any(hv in h for h in pools): bad.append("held_elsewhere value never held")
            if k == "impossible_state" and t != "never": bad.append("impossible_state needs never check")
            if k == "backward_wrong_input" and it["direction"] != "backward": bad.append("bwi on forward")
            if k == "wrong_final_answer" and it["direction"] != "forward": bad.append("wfa on backward")
            # rest identical to faithful unless carried
            if f and not err.get("carried"):
                diff = set(f["rationale"].splitlines()) ^ set(it["rationale"].splitlines())
                if len(diff) > 2: bad.append("more than one line changed")
        status = "PASS" if not bad else "FAIL"
        lines.append("%s %s %s %s" % (status, it["id"], it["label"], (err or {}).get("kind", "")))
        for b in bad: lines.append("    " + b)
        if bad: fails.append(it["id"])
    lines.append("")
    lines.append("items: %d, failed: %d" % (len(items), len(fails)))
    out = "\n".join(lines) + "\n"
    open("check_report.txt", "w").write(out)
    print(out)
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
