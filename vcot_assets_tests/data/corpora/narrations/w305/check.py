"""Standalone checker for w305 narrations: re-executes each program with sys.settrace and checks
returned values, every claim of faithful items, and that each error copy's error is really false."""
import ast, copy, json, sys

FILE = "<w305prog>"
NS = {}        # namespace of the program currently checked (for claims like settle_one(987))
CODE = [None]
SNAPS = [None]

def snap_values(spec):
    """'func:var' -> var at each call of func; 'func:return:var' -> var at each return of func."""
    parts = spec.split(":")
    func, where, var = (parts[0], "call", parts[1]) if len(parts) == 2 else parts
    return [s.get(var) for s in SNAPS[0].get((func, where), [])]

def run_traced(code, call):
    hist = {}      # var -> list of successive distinct values (per frame, concatenated)
    lines = {}     # lineno -> hits, and "calls:<func>" -> number of calls
    snaps = {}     # (func, "call"|"return") -> list of local snapshots at each call / return
    SNAPS[0] = snaps
    def snap(frame):
        out = {}
        for k, v in frame.f_locals.items():
            if k == "self":
                for ak, av in vars(v).items():
                    out["self." + ak] = av
            elif not k.startswith("."):
                out[k] = v
        return out
    last = {}
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FILE:
            return tracer
        fid = id(frame)
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        if event in ("call", "return"):
            try:
                snaps.setdefault((frame.f_code.co_name, event), []).append(copy.deepcopy(snap(frame)))
            except Exception:
                pass
        if event == "call":
            lines["calls:" + frame.f_code.co_name] = lines.get("calls:" + frame.f_code.co_name, 0) + 1
        if event in ("line", "return"):
            for k, v in snap(frame).items():
                try:
                    v2 = copy.deepcopy(v)
                except Exception:
                    v2 = repr(v)
                key = (fid, k)
                if key not in last or last[key] != v2:
                    last[key] = v2
                    hist.setdefault(k, []).append(v2)
        return tracer
    ns = {}
    exec(compile(code, FILE, "exec"), ns)
    NS.clear(); NS.update(ns); CODE[0] = code
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def plain_call(code, call):
    ns = {}
    exec(compile(code, FILE, "exec"), ns)
    return eval(call, ns)

def dedupe(h):
    out = []
    for v in h:
        if not out or out[-1] != v:
            out.append(v)
    return out

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, ret, hist, lines):
    w, val = c["what"], lit(c["value"])
    if w == "value":
        return val in hist.get(c["variable"], [])
    if w == "count":
        if c["variable"].startswith("calls:"):
            return lines.get(c["variable"], 0) == val
        spec = c["variable"].split("@line")[1]
        if " in " in spec:   # loop count inside one particular helper call
            a, sub = spec.split(" in ", 1)
            return run_traced(CODE[0], sub)[2].get(int(a), 0) == val
        if " per line " in spec:
            a, b = spec.split(" per line ")
            return lines.get(int(a), 0) / lines.get(int(b), 1) == val
        return lines.get(int(spec), 0) == val
    if w == "sequence_at":
        return snap_values(c["expr"]) == val
    if w == "sequence":   # summarised run of values: a contiguous stretch of the variable's history
        h = hist.get(c["variable"], [])
        return any(h[i:i + len(val)] == val for i in range(len(h)))
    if w in ("arith", "comparison"):
        return eval(c["expr"], dict(NS)) == val
    if w == "return":
        return val == ret
    if w == "call":
        return True
    return False

def check_error(item, ret, hist, lines):
    e = item["error"]; chk = e["check"]; t = chk["type"]
    stated, actual = lit(e["stated"]), lit(e["actual"])
    if e["quote"] not in item["rationale"]:
        return "error quote not in rationale"
    if t == "at":
        h = hist.get(chk["var"], [])
        v = h[chk["index"]]
        if not (v == actual and v != stated):
            return f"at-check failed: history[{chk['index']}]={v!r}"
        if e.get("held_elsewhere") and stated not in h:
            return "held_elsewhere but stated value never held"
        if e["kind"] == "impossible_state" and stated in h:
            return "impossible_state value is actually held at some point"
    elif t == "arith" or t == "comparison":
        v = eval(chk["expr"], dict(NS))
        if not (v == actual and v != stated):
            return f"{t} check failed: {v!r}"
    elif t == "count":
        v = lines.get(chk["line"], 0)
        if "call" in chk:
            code_now = CODE[0]
            v = run_traced(code_now, chk["call"])[2].get(chk["line"], 0)
            CODE[0] = code_now
        if "per" in chk:
            v = v / lines.get(chk["per"], 1)
        if not (v == actual and v != stated):
            return f"count check failed: {v}"
    elif t == "answer":
        if item["direction"] == "forward":
            if lit(item["answer"]) == ret:
                return "wrong answer equals return"
        else:
            if plain_call(item["code"], item["answer"]) == ret:
                return "backward wrong input still returns output"
    elif t == "seq_at":
        h = snap_values(chk["func"] + ":" + chk["where"] + ":" + chk["var"])
        v = h[chk["index"]]
        if not (v == actual and v != stated):
            return f"seq_at failed: {v!r}"
        if e.get("held_elsewhere") and stated not in hist.get(chk["var"], []):
            return "held_elsewhere but stated never held"
    elif t == "row_done":   # a finished row of a matrix that a summary states
        h = dedupe(hist.get(chk["var"], []))
        v = h[-1][chk["row"]]
        if not (v == actual and v != stated):
            return f"row_done failed: {v!r}"
        if e.get("held_elsewhere") and stated not in [x[chk["row"]] for x in h]:
            return "held_elsewhere but stated row never held"
    elif t == "swap":
        v = tuple(hist[name][chk["index"]] for name in chk["vars"])
        if not (v == actual and v != stated):
            return f"swap check failed: {v!r}"
    elif t == "list_at":   # element of a summarised sequence: the k-th distinct successive value a variable takes
        h = dedupe(hist.get(chk["var"], []))
        v = h[chk["index"]]
        if not (v == actual and v != stated):
            return f"list_at failed: {v!r}"
        if e.get("held_elsewhere") and stated not in h:
            return "held_elsewhere but stated never held"
        if e["kind"] == "impossible_state" and stated in h:
            return "impossible_state value is actually held at some point"
    else:
        return "unknown check type " + t
    return None

def main(path="narrations.jsonl"):
    items = [json.loads(l) for l in open(path) if l.strip()]
    ids = {i["id"] for i in items}
    fails = 0; report = []
    for it in items:
        probs = []
        ret, hist, lines = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append(f"returned mismatch {ret!r} vs {it['returned']}")
        last = it["rationale"].strip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            probs.append("last line / answer mismatch")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("claim quote missing: " + c["quote"])
            if c.get("is_error"):
                continue
            if not check_claim(c, ret, hist, lines):
                probs.append("false claim: " + json.dumps(c))
        if it["label"] == "faithful":
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret:
                    probs.append("forward answer wrong")
            else:
                if plain_call(it["code"], it["answer"]) != ret:
                    probs.append("backward answer does not reproduce output")
            if it["error"] is not None or it["faithful_id"] is not None:
                probs.append("faithful with error fields")
        else:
            if it["faithful_id"] not in ids:
                probs.append("faithful_id missing")
            r = check_error(it, ret, hist, lines)
            if r:
                probs.append(r)
            carried_answer = it["error"].get("carried") and it["error"]["check"]["type"] != "answer" and \
                it["answer"] != next(x["answer"] for x in items if x["id"] == it["faithful_id"])
            if carried_answer:   # the slip is carried into the Answer line: that answer must be wrong too
                if it["direction"] == "forward" and lit(it["answer"]) == ret:
                    probs.append("carried answer should be wrong")
                if it["direction"] == "backward" and plain_call(it["code"], it["answer"]) == ret:
                    probs.append("carried answer should be wrong")
            elif it["error"]["kind"] != "wrong_final_answer" and it["error"]["kind"] != "backward_wrong_input":
                # answer should still be right
                if it["direction"] == "forward" and lit(it["answer"]) != ret:
                    probs.append("non-answer error but answer wrong")
                if it["direction"] == "backward" and plain_call(it["code"], it["answer"]) != ret:
                    probs.append("non-answer error but backward answer wrong")
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        report.append(f"{status} {it['id']} ({it['label']}, {len(it['claims'])} claims)" + ("".join("\n    - " + p for p in probs)))
    report.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    print("\n".join(report))
    return fails

if __name__ == "__main__":
    sys.exit(1 if main(*sys.argv[1:]) else 0)
