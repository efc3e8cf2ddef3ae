"""Standalone checker for w395 narrations: runs each program under sys.settrace and checks claims."""
import json, sys, copy

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = {}      # variable -> list of successive distinct values (per frame, concatenated)
    hits = {}      # line number -> times executed
    last = {}      # (frame id, var) -> last value
    def record(frame):
        for k, v in list(frame.f_locals.items()):
            items = [(k, v)]
            if k == "self" and hasattr(v, "__dict__"):
                items = [("self." + a, b) for a, b in vars(v).items()]
            for name, val in items:
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    continue
                key = (id(frame), name)
                if key not in last or last[key] != val:
                    last[key] = val
                    hist.setdefault(name, []).append(val)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            record(frame)
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        elif event == "return":
            record(frame)
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, hits

def plain_eval(code, call):
    ns = {}
    exec(code, ns)
    return eval(call, ns)

def claim_ok(c, ret, hist, hits):
    """Return (ok, why) for one claim."""
    what, var = c["what"], c.get("variable")
    val = eval(c["value"])
    if what == "value":
        if var is None:
            return True, "unchecked-null"
        h = hist.get(var)
        if h is None:
            return False, f"no variable {var}"
        if c.get("seq"):
            want = list(val)[::-1] if c.get("reverse") else list(val)
            n = len(want)
            ok = any(h[i:i + n] == want for i in range(len(h) - n + 1))
            return ok, f"{var} history {h!r}"
        if "index" in c:
            i = c["index"]
            ok = i < len(h) and h[i] == val
            return ok, f"{var} history[{i}] = {h[i] if i < len(h) else None!r}"
        return val in h, f"{var} history {h!r}"
    if what == "count":
        line = int(var.split("@line")[1])
        n = hits.get(line, 0) - c.get("offset", 0)
        return n == val, f"line {line} ran {n} times"
    if what in ("comparison", "arith"):
        got = eval(c["expr"])
        return got == val, f"{c['expr']} -> {got!r}"
    if what == "return":
        return ret == val, f"returned {ret!r}"
    if what == "call":
        return True, "call"
    return False, "unknown what"

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    progs = {json.loads(l)["id"]: json.loads(l) for l in open("programs.jsonl")}
    out, bad = [], 0
    for it in items:
        probs = []
        ret, hist, hits = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append(f"returned {ret!r} != {it['returned']}")
        if it["program_id"] not in progs:
            probs.append("program not in programs.jsonl")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append(f"quote not in rationale: {c['quote']!r}")
        last = it["rationale"].rstrip().splitlines()[-1]
        if f"Answer: {it['answer']}" not in last:
            probs.append("answer line mismatch")
        if it["direction"] == "forward":
            ans_ok = eval(it["answer"]) == ret
        else:
            ans_ok = plain_eval(it["code"], it["answer"]) == ret
        err = it["error"]
        if it["label"] == "faithful":
            if not ans_ok:
                probs.append("answer wrong")
            for c in it["claims"]:
                ok, why = claim_ok(c, ret, hist, hits)
                if not ok:
                    probs.append(f"false claim {c['quote']!r}: {why}")
        else:
            if err["quote"] not in it["rationale"]:
                probs.append("error quote not in rationale")
            k = err["kind"]
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    probs.append("error answer is actually right")
            else:
                if not ans_ok:
                    probs.append("answer should stay right")
                errc = [c for c in it["claims"] if c.get("is_error")]
                if not errc:
                    probs.append("no error claim")
                for c in errc:
                    ok, why = claim_ok(c, ret, hist, hits)
                    if ok:
                        probs.append(f"error claim is true: {c['quote']!r}")
                    if err.get("held_elsewhere"):
                        val = eval(c["value"])
                        vals = list(val) if c.get("seq") else [val]
                        allv = [x for h in hist.values() for x in h] + list(hits.values())
                        if any(v not in allv for v in vals):
                            probs.append("held_elsewhere value never held")
                for c in it["claims"]:
                    if c.get("is_error"):
                        continue
                    ok, why = claim_ok(c, ret, hist, hits)
                    if not ok and not err.get("carried"):
                        probs.append(f"other claim false {c['quote']!r}: {why}")
        status = "PASS" if not probs else "FAIL"
        bad += bool(probs)
        out.append(f"{status} {it['id']} ({it['label']}, {len(it['claims'])} claims)" + "".join("\n    " + p for p in probs))
    out.append(f"\n{len(items)} items, {len(items)-bad} pass, {bad} fail")
    rep = "\n".join(out)
    open("check_report.txt", "w").write(rep + "\n")
    print(rep)
    return bad

if __name__ == "__main__":
    sys.exit(1 if main() else 0)
