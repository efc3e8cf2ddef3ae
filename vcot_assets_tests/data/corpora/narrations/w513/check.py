"""Standalone checker for w513 narrations: re-executes each program with sys.settrace,
records every variable's value history (and obj.attr for instances), line hit counts,
and checks claims, answers and injected errors against the real execution."""
import ast, copy, json, sys, types
from collections import defaultdict

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    glob = defaultdict(list)          # name -> consecutive-dedup history over whole run
    frames = []                       # per frame: dict name -> dedup history
    fr_of = {}
    hits = defaultdict(int)
    def rec(frame):
        h = fr_of.get(id(frame))
        if h is None:
            h = defaultdict(list); fr_of[id(frame)] = h; frames.append(h)
        for name, val in list(frame.f_locals.items()):
            pairs = [(name, val)]
            if hasattr(val, "__dict__") and not isinstance(val, (type, types.FunctionType, types.ModuleType)):
                pairs += [(f"{name}.{k}", v) for k, v in vars(val).items()]
                pairs = pairs[1:]
            for n, v in pairs:
                if isinstance(v, (type, types.FunctionType, types.ModuleType)): continue
                try: v = copy.deepcopy(v)
                except Exception: continue
                for L in (h[n], glob[n]):
                    if not L or L[-1] != v or type(L[-1]) != type(v): L.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>": return None
        if event == "call":
            fr_of.pop(id(frame), None)   # ids of freed frames get reused: start a fresh history
        elif event == "line":
            hits[frame.f_lineno] += 1; rec(frame)
        elif event == "return":
            rec(frame)
        return tracer
    sys.settrace(tracer)
    try: result = eval(call, ns)
    finally: sys.settrace(None)
    return result, glob, frames, hits

def plain_call(code, call):
    ns = {}; exec(compile(code, "<prog>", "exec"), ns); return eval(call, ns)

def lit(s): return ast.literal_eval(s)

def get_hist(glob, var):
    """history of var; `name['key']` gives the history of one dict entry."""
    if "[" not in var: return glob.get(var, [])
    base = var.split("[")[0]; key = lit(var[len(base) + 1:-1]); out = []
    for h in glob.get(base, []):
        if key in h and (not out or out[-1] != h[key]): out.append(h[key])
    return out

def claim_ok(c, result, glob, hits):
    w = c["what"]
    if w == "value":
        hist = get_hist(glob, c["variable"])
        if c.get("sequence"):
            seq = lit(c["value"]); s = c["start"]; return hist[s:s + len(seq)] == seq
        if c.get("subseq"):
            it = iter(hist); return all(any(v == h for h in it) for v in lit(c["value"]))
        return lit(c["value"]) in hist
    if w == "count":
        line = int(c["variable"].split("@line")[1]); return hits[line] == lit(c["value"])
    if w == "arith":
        expr = c.get("expr") or c["quote"].split(" = ")[0].strip("` ")
        return eval(expr) == lit(c["value"])
    if w == "comparison":
        return eval(c["expr"]) == lit(c["value"])
    if w == "return":
        return lit(c["value"]) == result
    raise ValueError(w)

def in_any_history(v, glob, result):
    return v == result or any(v in h for h in glob.values())

def check(it):
    probs = []
    result, glob, frames, hits = run_traced(it["code"], it["call"])
    if repr(result) != it["returned"]: probs.append(f"returned {repr(result)} != {it['returned']}")
    err = it["error"]
    # claims: all true except the one carrying the error
    for c in it["claims"]:
        if err and c["quote"] == err["quote"]: continue
        if not claim_ok(c, result, glob, hits): probs.append(f"claim false: {c}")
        if c["quote"] not in it["rationale"]: probs.append(f"quote missing: {c['quote']}")
    last = it["rationale"].rstrip().splitlines()[-1]
    if last != "Answer: " + it["answer"]: probs.append("answer line mismatch")
    if it["direction"] == "forward":
        ans_ok = lit(it["answer"]) == result
    else:
        ans_ok = repr(plain_call(it["code"], it["answer"])) == it["returned"]
    if it["label"] == "faithful":
        if not ans_ok: probs.append("answer wrong in faithful item")
        return probs
    # error copies
    k = err["kind"]
    if err["quote"] not in it["rationale"]: probs.append("error quote missing")
    if k in ("wrong_final_answer", "backward_wrong_input"):
        if ans_ok: probs.append("error answer is actually right")
        if k == "wrong_final_answer" and it["direction"] != "forward": probs.append("wfa on backward")
        if k == "backward_wrong_input" and it["direction"] != "backward": probs.append("bwi on forward")
        return probs
    if not ans_ok: probs.append("final answer should stay right")
    ec = [c for c in it["claims"] if c["quote"] == err["quote"]]
    if not ec: probs.append("no claim for error quote"); return probs
    ec = ec[0]
    if "point" not in err and claim_ok(ec, result, glob, hits): probs.append("error claim is actually true")
    stated = lit(err["stated"]); actual = lit(err["actual"])
    if k == "wrong_arithmetic":
        expr = ec.get("expr") or ec["quote"].split(" = ")[0].strip("` ")
        if eval(expr) != actual: probs.append("arith actual wrong")
    if k == "off_by_one_loop_count":
        line = int(ec["variable"].split("@line")[1])
        if hits[line] != actual or abs(stated - actual) != 1: probs.append("count actual/off-by-one wrong")
    if k == "branch_not_taken":
        if eval(ec["expr"]) != actual: probs.append("branch actual wrong")
    if k == "swapped_variables" and "point" not in err:
        if result != actual or stated != tuple(reversed(actual)): probs.append("swap check failed")
    p = err.get("point")
    if p:
        if "frame" in p:
            fl = [f for f in frames if p["variable"] in f]; hist = fl[p["frame"]][p["variable"]]
        else:
            hist = get_hist(glob, p["variable"])
        at = hist[p["index"]]
        if at != actual or at == stated: probs.append(f"point check failed: at={at!r}")
    if k == "impossible_state" and in_any_history(stated, {ec["variable"]: glob.get(ec["variable"], [])}, None):
        probs.append("impossible_state value does occur")
    extra = {p["variable"]: get_hist(glob, p["variable"])} if "point" in err else {}
    if err.get("held_elsewhere") and not in_any_history(stated, {**glob, **extra}, result):
        probs.append("held_elsewhere value never held")
    if k in ("wrong_intermediate_right_answer", "wrong_loop_summary_value", "wrong_arithmetic",
             "off_by_one_loop_count") and not err.get("held_elsewhere") and p and in_any_history(stated, {**glob, **extra}, result):
        probs.append("held_elsewhere false but value is held somewhere")
    return probs

if __name__ == "__main__":
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")]
    bad = 0
    for it in items:
        p = check(it)
        status = "PASS" if not p else "FAIL"
        bad += bool(p)
        print(f"{status} {it['id']} ({it['label']}{', ' + it['error']['kind'] if it['error'] else ''}; {len(it['claims'])} claims)")
        for x in p: print("    ", x)
    print(f"\n{len(items)} items, {len(items) - bad} pass, {bad} fail")
    sys.exit(1 if bad else 0)
