"""Standalone checker for w418 narrations: re-executes every program with sys.settrace."""
import ast, copy, json, sys

def literal(s):
    return ast.literal_eval(s)

def run(code, call):
    hist, lines = {}, {}
    last = {}
    def snap(frame):
        if frame.f_code.co_filename != "<prog>":
            return
        fid = id(frame)
        cur = {}
        for k, v in frame.f_locals.items():
            if k == "self":
                for ak, av in vars(v).items():
                    cur["self." + ak] = av
            else:
                cur[k] = v
        prev = last.setdefault(fid, {})
        for k, v in cur.items():
            try:
                vv = copy.deepcopy(v)
            except Exception:
                vv = repr(v)
            if k not in prev or prev[k] != vv:
                prev[k] = vv
                h = hist.setdefault(k, [])
                # attributes live on one object: only record real changes; locals: every new binding
                if not (k.startswith("self.") and h and h[-1] == vv):
                    h.append(vv)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "call":
            last[id(frame)] = {}
        snap(frame)
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        return tr
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    sys.settrace(tr)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def plain(code, call):
    ns = {}
    exec(compile(code, "<plain>", "exec"), ns)
    return eval(call, ns)

def is_subseq(seq, h):
    n = len(seq)
    return any(h[i:i + n] == seq for i in range(len(h) - n + 1))

def check_claim(c, ret, hist, lines, code):
    what, var = c["what"], c.get("variable")
    val = literal(c["value"])
    if what == "return":
        return val == ret, f"return {val!r} vs {ret!r}"
    if what == "count":
        line = int(var.split("@line")[1])
        return lines.get(line, 0) == val, f"count {var}: {lines.get(line, 0)} vs {val}"
    if what in ("arith", "comparison"):
        got = eval(c["expr"])
        ok = got == val
        if ok and var and what == "arith":
            ok = val in hist.get(var, [])
        return ok, f"{c['expr']} = {got!r} vs {val!r}"
    if what == "call":
        got = plain(code, val)
        return got == ret, f"call {val} -> {got!r} vs {ret!r}"
    if what == "value":
        h = hist.get(var, [])
        if c.get("seq"):
            return is_subseq(list(val), h), f"seq {var}: {val} in {h}"
        return val in h, f"{var}={val!r} history {h}"
    return False, "unknown claim kind"

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    progs = {json.loads(l)["id"]: json.loads(l) for l in open("programs.jsonl") if l.strip()}
    fails, n = [], 0
    for it in items:
        n += 1
        errs = []
        ret, hist, lines = run(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            errs.append(f"returned {ret!r} != {it['returned']}")
        p = progs.get(it["program_id"])
        if p is None or p["returned"] != it["returned"] or len(p["events"]) != it["trace_events"]:
            errs.append("programs.jsonl mismatch")
        r = it["rationale"]
        if not r.rstrip().splitlines()[-1].startswith("Answer:"):
            errs.append("last line not Answer:")
        if r.rstrip().splitlines()[-1] != "Answer: " + it["answer"]:
            errs.append("answer field != Answer line")
        err = it["error"]
        for c in it["claims"]:
            if c["quote"] not in r:
                errs.append(f"quote missing: {c['quote']!r}")
                continue
            if err is not None and c["quote"] == err["quote"]:
                continue
            ok, msg = check_claim(c, ret, hist, lines, it["code"])
            if not ok:
                errs.append("claim false: " + msg)
        # answer
        if it["direction"] == "forward":
            ans_ok = literal(it["answer"]) == ret
        else:
            ans_ok = repr(plain(it["code"], it["answer"])) == it["returned"]
        if it["label"] == "faithful":
            if not ans_ok:
                errs.append("answer wrong in faithful item")
            if err is not None:
                errs.append("faithful with error")
        else:
            k = err["kind"]
            if err["quote"] not in r:
                errs.append("error quote missing")
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    errs.append("error answer is actually right")
            else:
                if not ans_ok:
                    errs.append("answer wrong in non-answer error copy")
                ec = [c for c in it["claims"] if c["quote"] == err["quote"]]
                if len(ec) != 1:
                    errs.append("error claim not in claims")
                else:
                    c = ec[0]
                    chk = err.get("at")
                    if chk:  # compare with the value at that point of the variable's history
                        h = hist.get(chk["variable"], [])
                        idx = chk["index"]
                        at = h[idx] if not chk.get("seq") else h[idx:idx + len(literal(err["stated"]))]
                        st = literal(err["stated"])
                        if st == at:
                            errs.append(f"error value equals value at that point {at!r}")
                        if literal(err["actual"]) != at:
                            errs.append(f"actual {err['actual']} != value at point {at!r}")
                        if c["what"] == "value" and c.get("seq") and is_subseq(list(st), h):
                            errs.append("wrong sequence occurs in history")
                    else:
                        ok, msg = check_claim(c, ret, hist, lines, it["code"])
                        if ok:
                            errs.append("error claim is actually true: " + msg)
                    if err.get("held_elsewhere"):
                        st = literal(err["stated"])
                        vals = [v for h in hist.values() for v in h]
                        if c.get("seq"):
                            held = all(x in vals for x in st)
                        else:
                            held = st in vals
                        if not held:
                            errs.append("held_elsewhere but value never held")
        if it["label"] == "error":
            fid = it["faithful_id"]
            if not any(x["id"] == fid for x in items):
                errs.append("faithful_id missing")
        print(f"{it['id']}: {'PASS' if not errs else 'FAIL'}")
        for e in errs:
            print("   ", e)
        if errs:
            fails.append(it["id"])
    print(f"\n{n} items, {len(fails)} failing")
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
