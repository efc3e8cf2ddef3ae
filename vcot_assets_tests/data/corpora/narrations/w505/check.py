"""Standalone checker for w505 narrations: re-executes each program with sys.settrace and
verifies every claim (faithful claims must hold; claims marked wrong in error copies must fail
at the point they refer to), the return value, and the Answer line."""
import ast, copy, json, sys, types

def norm(v):
    if isinstance(v, (list, tuple)): return [norm(x) for x in v]
    if isinstance(v, dict): return {k: norm(x) for k, x in v.items()}
    return v

class Rec:
    def __init__(self):
        self.hist, self.hits = {}, {}
    def snap(self, frame):
        env = {}
        for k, v in frame.f_locals.items():
            if k == "self":
                ns = types.SimpleNamespace(**copy.deepcopy(vars(v)))
                env["self"] = ns
                for a, av in vars(ns).items(): self.push("self." + a, av)
            else:
                try: env[k] = copy.deepcopy(v)
                except Exception: env[k] = v
                if not hasattr(v, "__dict__"): self.push(k, env[k])
        return env
    def push(self, name, v):
        h = self.hist.setdefault(name, [])
        if not h or norm(h[-1]) != norm(v): h.append(copy.deepcopy(v))
    def tracer(self, frame, event, arg):
        if frame.f_code.co_filename != "<prog>": return None
        def local(frame, event, arg):
            env = self.snap(frame)
            if event == "line": self.hits.setdefault(frame.f_lineno, []).append(env)
            return local
        self.snap(frame)
        return local

def run(code, call, trace=True):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    rec = Rec()
    if trace: sys.settrace(rec.tracer)
    try: ret = eval(call, ns)
    finally: sys.settrace(None)
    return ret, rec

def claim_ok(c, rec, ret, code):
    """returns (truth, held_somewhere_else)"""
    w, v = c["what"], c["value"]
    if "held_var" in c:
        ok, _ = claim_ok({k: x for k, x in c.items() if k != "held_var"}, rec, ret, code)
        return ok, (not ok) and any(norm(x) == norm(v) for x in rec.hist.get(c["held_var"], []))
    if w == "arith": return norm(eval(c["expr"])) == norm(v), False
    if w == "return": return norm(ret) == norm(v), False
    if w == "call":
        r2, _ = run(code, v, trace=False); return norm(r2) == norm(ret), False
    if w == "count": return len(rec.hits.get(c["line"], [])) == v, False
    if w == "comparison":
        env = rec.hits[c["line"]][c["hit"] - 1]
        return bool(eval(c["expr"], {}, env)) == v, False
    if c.get("per_hit"):
        vals = [eval(c["expr"], {}, e) for e in rec.hits.get(c["line"], [])]
        allvals = list(vals)
        if "per_hit_slice" in c: vals = vals[c["per_hit_slice"][0]:c["per_hit_slice"][1]]
        ok = norm(vals) == norm(v)
        held = False
        if not ok and len(vals) == len(v):
            bad = [x for x, y in zip(v, vals) if norm(x) != norm(y)]
            held = all(any(norm(b) == norm(y) for y in allvals) for b in bad)
        return ok, held
    h = rec.hist.get(c["variable"], [])
    held = any(norm(x) == norm(v) for x in h)
    if "at" in c:
        ok = c["at"] < len(h) and norm(h[c["at"]]) == norm(v)
        return ok, held and not ok
    return held, False

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")]
    fails, lines = 0, []
    for it in items:
        probs = []
        ret, rec = run(it["code"], it["call"])
        if repr(ret) != it["returned"]: probs.append(f"returned {ret!r} != {it['returned']}")
        if it["trace_events"] <= 0: probs.append("no events")
        last = it["rationale"].rstrip().splitlines()[-1]
        if not last.startswith("Answer: ") or last[len("Answer: "):].strip() != it["answer"]:
            probs.append("answer field != Answer line")
        if it["direction"] == "forward":
            ans_ok = norm(ast.literal_eval(it["answer"])) == norm(ret)
        else:
            if not it["answer"].startswith(it["function"] + "("): probs.append("answer not a call of function")
            r2, _ = run(it["code"], it["answer"], trace=False); ans_ok = norm(r2) == norm(ret)
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]: probs.append(f"quote missing: {c['quote']}")
            ok, held = claim_ok(c, rec, ret, it["code"])
            if c.get("wrong"):
                if ok: probs.append(f"wrong claim is actually true: {c['quote']}")
            elif not ok: probs.append(f"false claim: {c['quote']} ({c['value']})")
        if it["label"] == "faithful":
            if not ans_ok: probs.append("faithful answer wrong")
            if it["error"] is not None: probs.append("faithful has error")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]: probs.append("error quote missing")
            if e["kind"] in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok: probs.append("error answer is actually right")
                if e["kind"] == "backward_wrong_input" and it["direction"] != "backward": probs.append("bwi on forward")
            else:
                if not ans_ok: probs.append("error copy answer should stay right")
                wrong = [c for c in it["claims"] if c.get("wrong")]
                if not wrong: probs.append("no wrong claim recorded")
                if e.get("held_elsewhere"):
                    for c in wrong:
                        ok, held = claim_ok(c, rec, ret, it["code"])
                        if not held: probs.append(f"held_elsewhere but value never held: {c['quote']}")
            fid = it["faithful_id"]
            if not any(x["id"] == fid and x["label"] == "faithful" for x in items): probs.append("faithful_id missing")
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        lines.append(f"{status} {it['id']} ({it['label']}, {len(it['claims'])} claims)" + ("" if not probs else ": " + "; ".join(probs)))
    lines.append(f"TOTAL {len(items)} items, {len(items) - fails} pass, {fails} fail")
    print("\n".join(lines))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
