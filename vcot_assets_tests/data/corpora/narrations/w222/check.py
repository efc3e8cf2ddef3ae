"""Standalone checker for w222 narrations: re-runs every call under sys.settrace, records
snapshots of every local (and self attributes via deepcopy) per event, and checks claims."""
import ast, copy, json, sys

def run(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    snaps, lines = [], {}
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return tr
        if event in ("line", "return"):
            loc = {}
            for k, v in frame.f_locals.items():
                try: loc[k] = copy.deepcopy(v)
                except Exception: loc[k] = v
            snaps.append(loc)
            if event == "line":
                lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        return tr
    sys.settrace(tr)
    try:
        res = eval(call, ns)
    finally:
        sys.settrace(None)
    return ns, res, snaps, lines

def history(snaps, expr):
    h = []
    for s in snaps:
        try: v = eval(expr, {}, dict(s))
        except Exception: continue
        r = repr(v)
        if not h or h[-1] != r:
            h.append(r)
    return h

def lit(s):
    return ast.literal_eval(s)

def norm(s):
    return repr(lit(s))

def claim_ok(c, ns, res, snaps, lines):
    w, val = c["what"], c["value"]
    if w == "value":
        h = history(snaps, c["variable"])
        if c.get("series"):
            seq = [repr(x) for x in lit(val)]
            return any(h[i:i + len(seq)] == seq for i in range(len(h)))
        if "at" in c:
            try: return h[c["at"]] == norm(val)
            except IndexError: return False
        return norm(val) in h
    if w == "count":
        return lines.get(int(c["variable"].split("@line")[1]), 0) == int(val)
    if w in ("comparison", "arith"):
        expr = c.get("expr") or c["quote"].replace("`", "").rsplit("=", 1)[0]
        return eval(expr, ns) == lit(val)
    if w == "return":
        return repr(res) == norm(val)
    if w == "call":
        return repr(eval(val, ns)) == repr(res)
    raise ValueError(w)

def held_somewhere(c, snaps, stated):
    names = set()
    for s in snaps: names |= set(s)
    exprs = list(names) + [c["variable"]] if c.get("variable") else list(names)
    for e in exprs:
        if e and "@" not in e:
            if repr(lit(stated)) in history(snaps, e):
                return True
    return False

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    byid = {i["id"]: i for i in items}
    fails, n = [], 0
    for it in items:
        n += 1
        probs = []
        ns, res, snaps, lines = run(it["code"], it["call"])
        if repr(res) != it["returned"]: probs.append("returned mismatch")
        txt = it["rationale"]
        if not txt.rstrip().splitlines()[-1].startswith("Answer: "): probs.append("no Answer line")
        if txt.rstrip().splitlines()[-1][len("Answer: "):].strip() != it["answer"]: probs.append("answer field != Answer line")
        for c in it["claims"]:
            if c["quote"] not in txt: probs.append("quote missing: " + c["quote"])
        if it["direction"] == "forward":
            ans_ok = repr(lit(it["answer"])) == repr(res)
        else:
            try: ans_ok = repr(eval(it["answer"], ns)) == repr(res)
            except Exception: ans_ok = False
        err = it["error"]
        if it["label"] == "faithful":
            if not ans_ok: probs.append("answer wrong")
            for c in it["claims"]:
                if not claim_ok(c, ns, res, snaps, lines): probs.append("false claim: " + c["quote"])
        else:
            f = byid.get(it["faithful_id"])
            if f is None: probs.append("no faithful")
            if err["quote"] not in txt: probs.append("error quote missing")
            k = err["kind"]
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok: probs.append("error answer is actually right")
                if k == "backward_wrong_input" and it["direction"] != "backward": probs.append("bwi on forward")
            else:
                if not ans_ok: probs.append("answer should stay right")
                errc = [c for c in it["claims"] if c.get("error")]
                if not errc: probs.append("no error claim")
                for c in errc:
                    if claim_ok(c, ns, res, snaps, lines): probs.append("error claim is true: " + c["quote"])
                if err.get("held_elsewhere"):
                    if not held_somewhere(errc[0], snaps, err["stated"]): probs.append("held_elsewhere not held")
                if k == "impossible_state":
                    if held_somewhere(errc[0], snaps, err["stated"]): probs.append("impossible value is held somewhere")
            for c in it["claims"]:
                if c.get("error") or c.get("carried"): continue
                if not claim_ok(c, ns, res, snaps, lines): probs.append("false non-error claim: " + c["quote"])
            # rest identical to faithful apart from the error (and carried parts)
            if f is not None and not err.get("carried") and k not in ("wrong_final_answer", "backward_wrong_input"):
                if txt.replace(err["quote"], "") == f["rationale"]: probs.append("no change")
        if probs: fails.append((it["id"], probs))
        print(it["id"], "OK" if not probs else "FAIL " + "; ".join(probs))
    print(f"{n} items, {len(fails)} failing")
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
