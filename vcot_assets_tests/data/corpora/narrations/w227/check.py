"""Standalone checker for w227 narrations: re-executes each program with sys.settrace and
verifies claims of faithful items are true and that each error copy's error is really false."""
import sys, json, copy, ast, re
from collections import defaultdict

# Sequence claims: (item id or program id, quote) -> (variable, line at which to sample, skip first n samples)
SEQ = {
    ("w227-2", "3, 5, 7, 8, 9, 9, 10, 10"): ("hits", 3, 1),
    ("w227-2", "3, 5, 5, 8, 9, 9, 10, 10"): ("hits", 3, 1),
    ("w227-11", "0, 1, 1, 5, 6, 9, 10, 18, 20"): ("hits", 4, 1),
    ("w227-11", "0, 1, 1, 5, 6, 9, 10, 17, 20"): ("hits", 4, 1),
}
# Point checks for held_elsewhere / swapped errors: item id -> spec
POINT = {
    "w227-2-bwd-e1": ("seq", "hits", 3, 1, 2),          # 3rd sampled value
    "w227-4-bwd-e2": ("hist", "out", 1),                # out after first append
    "w227-5-fwd-e2": ("hist", "a", 5),                  # a after 5th update
    "w227-5-fwd-e1": ("joint", {"a": 12, "b": 5}),      # never both at once
    "w227-11-fwd-e1": ("seq", "hits", 4, 1, 7),         # hits after i = 8
    "w227-10-bwd-e2": ("joint", {"main": 22, "anti": 16}),
    "w227-10-bwd-e3": ("hist", "main", 2),              # main before i = 2 step
    "w227-14-fwd-e2": ("hist", "steps", 3),             # steps after the first number (3 rounds)
    "w227-15-bwd-e1": ("joint", {"domain": "mail.com", "a": "site.org"}),
    "w227-21-fwd-e3": ("expr", "self.free", 7, 2, "not v"),  # 3rd stow_coat call (cy)
    "w227-23-fwd-e2": ("hist", "count", 4),             # count after 1908
    "w227-6-bwd-e2": ("seq", "i", 7, 6, 1),             # 2nd index visited by flip(2)
    "w227-13-bwd-e3": ("joint", {"q": 3, "r": 6}),
    "w227-17-bwd-e3": ("joint", {"i": 2, "j": 1}),
    "w227-7-fwd-e1": ("expr", "totals", 8, 2, "v.get('a', 0)"),  # lookup for ' a=5'
    "w227-20-fwd-e1": ("hist", "g", 4),                 # g at i = 4
    "w227-14-fwd-e1": ("seq", "n", 5, 0, 6),            # 3rd round value for 999
    "w227-16-fwd-e1": ("hist", "self.data", 9),         # data after pushing 9 and trimming
}

def run_traced(code, call):
    hist = defaultdict(list)      # var -> list of distinct-consecutive values (across frames)
    changes = defaultdict(int)    # var -> number of bindings/changes
    lines = defaultdict(int)
    samples = defaultdict(list)   # (var, line) -> values seen at that line event
    snaps = []
    last = {}
    def snap(frame):
        d = {}
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    d["self." + a] = av
            else:
                d[k] = v
        return d
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return tracer
        fid = id(frame)
        d = snap(frame)
        cur = {}
        for k, v in d.items():
            try: v = copy.deepcopy(v)
            except Exception: pass
            cur[k] = v
            prev = last.get((fid, k), "<unset>")
            if prev == "<unset>" or prev != v:
                changes[k] += 1
                if not hist[k] or hist[k][-1] != v:
                    hist[k].append(v)
            last[(fid, k)] = v
        snaps.append(cur)
        if event == "line":
            lines[frame.f_lineno] += 1
            for k, v in cur.items():
                samples[(k, frame.f_lineno)].append(v)
        return tracer
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    # 'self' attribute changes inside __init__ count from no binding; fine for our claims
    return ret, hist, changes, lines, samples, snaps

def plain_eval(code, call):
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def arith_value(quote):
    q = quote.replace("`", "")
    left, right = q.rsplit(" = ", 1)
    expr = left.split("=")[-1]
    m = re.search(r"(abs\()?[\d(][\d\s+\-*/%&|^<>()]*$", expr.strip())
    return eval(m.group(0)), ast.literal_eval(right.strip().split()[0].rstrip(",."))

def cmp_value(quote):
    q = quote.replace("`", "")
    q = re.sub(r"\s+(is|returns)\s+(True|False)$", "", q, flags=re.I)
    return eval(q)

def claim_true(it, c, R):
    ret, hist, changes, lines, samples, snaps = R
    what, var = c["what"], c["variable"]
    val = ast.literal_eval(c["value"])
    key = (it["program_id"], c["quote"])
    if key in SEQ:
        v, ln, skip = SEQ[key]
        return samples[(v, ln)][skip:] == val
    if what == "value":
        if isinstance(val, list) and hist[var] and not isinstance(hist[var][0], list):
            it_ = iter(hist[var]); return all(x in it_ for x in val)   # ordered subsequence
        return val in hist[var]
    if what == "count":
        if var.startswith("loop@line "):
            return lines[int(var.split()[-1])] == val
        return changes[var] == val
    if what == "arith":
        got, stated = arith_value(c["quote"])
        ok = got == stated == val
        if var: ok = ok and val in hist[var]
        return ok
    if what == "comparison":
        return cmp_value(c["quote"]) == val
    if what == "call":
        q = c["quote"].replace("`", ""); left, right = q.rsplit(" = ", 1)
        return eval(left) == val
    if what == "return":
        return ret == val
    raise ValueError(what)

def error_false(it, R):
    ret, hist, changes, lines, samples, snaps = R
    e = it["error"]; k = e["kind"]
    assert e["quote"] in it["rationale"], "error quote missing"
    if it["id"] in POINT:
        sp = POINT[it["id"]]
        if sp[0] == "seq":
            _, v, ln, skip, idx = sp
            return samples[(v, ln)][skip:][idx] != ast.literal_eval(e["stated"])
        if sp[0] == "hist":
            _, v, idx = sp
            return hist[v][idx] != ast.literal_eval(e["stated"])
        if sp[0] == "expr":
            _, v, ln, idx, ex = sp
            return eval(ex, {"v": samples[(v, ln)][idx]}) != ast.literal_eval(e["stated"])
        if sp[0] == "joint":
            return not any(all(s.get(a) == b for a, b in sp[1].items()) for s in snaps)
    if k == "wrong_final_answer":
        return ast.literal_eval(it["answer"]) != ret
    if k == "backward_wrong_input":
        return plain_eval(it["code"], it["answer"]) != ret
    # otherwise the matching claim must be false
    cs = [c for c in it["claims"] if c["quote"] in e["quote"] or e["quote"] in c["quote"]]
    assert cs, "no claim for error"
    return not any(claim_true(it, c, R) for c in cs)

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    fails = 0; out = []
    for it in items:
        R = run_traced(it["code"], it["call"])
        ret = R[0]
        probs = []
        if repr(ret) != it["returned"]: probs.append("returned mismatch")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]: probs.append("quote missing: " + c["quote"])
        last = it["rationale"].strip().splitlines()[-1]
        if last != "Answer: " + it["answer"]: probs.append("answer line mismatch")
        if it["label"] == "faithful":
            for c in it["claims"]:
                try:
                    if not claim_true(it, c, R): probs.append("false claim: " + c["quote"])
                except Exception as ex: probs.append(f"claim error {c['quote']}: {ex}")
            if it["direction"] == "forward":
                if ast.literal_eval(it["answer"]) != ret: probs.append("forward answer wrong")
            elif plain_eval(it["code"], it["answer"]) != ret: probs.append("backward answer wrong")
        else:
            try:
                if not error_false(it, R): probs.append("error is not false")
            except Exception as ex: probs.append(f"error check failed: {ex}")
            fi = {x["id"]: x for x in items}.get(it["faithful_id"])
            if fi is None: probs.append("no faithful")
            if it["error"]["kind"] not in ("wrong_final_answer", "backward_wrong_input") and not it["error"].get("carried"):
                if it["direction"] == "forward" and ast.literal_eval(it["answer"]) != ret: probs.append("uncarried error but answer wrong")
            if it["error"]["kind"] == "wrong_intermediate_right_answer":
                a = ast.literal_eval(it["answer"]) if it["direction"] == "forward" else plain_eval(it["code"], it["answer"])
                if a != ret: probs.append("answer should be right")
        status = "PASS" if not probs else "FAIL " + "; ".join(probs)
        fails += bool(probs)
        out.append(f"{it['id']}: {status}")
    out.append(f"TOTAL {len(items)} items, {fails} failing")
    print("\n".join(out))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
