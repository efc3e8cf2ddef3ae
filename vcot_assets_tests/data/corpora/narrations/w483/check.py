"""Standalone checker for w483 narrations: re-runs every call under sys.settrace and checks claims."""
import json, sys, copy, collections

def run_traced(code, call):
    hist = collections.defaultdict(list)   # name -> change history of values
    lines = collections.Counter()           # lineno -> times executed
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k.startswith("."):
                continue
            items = [(k, v)]
            if k == "self" and hasattr(v, "__dict__"):
                items = [("self." + a, b) for a, b in vars(v).items()]
            for name, val in items:
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    pass
                h = hist[name]
                if not h or h[-1] != val or type(h[-1]) != type(val):
                    h.append(val)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return tracer
        if event == "line":
            lines[frame.f_lineno] += 1
        snap(frame)
        return tracer
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    sys.settrace(tracer)
    try:
        res = eval(call, ns)
    finally:
        sys.settrace(None)
    return res, Hist(hist), lines

def plain(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    return eval(call, ns)

class Hist(dict):
    """name -> change history; 'x[i]' derives the history of one element of x."""
    def __missing__(self, key):
        if key.endswith("]") and "[" in key:
            base, idx = key[:-1].split("[", 1)
            out = []
            for v in self[base]:
                try:
                    e = v[eval(idx)]
                except Exception:
                    continue
                if not out or out[-1] != e:
                    out.append(e)
            return out
        return []

def contiguous(seq, hist):
    n = len(seq)
    return any(hist[i:i + n] == seq for i in range(len(hist) - n + 1))

def check_claim(c, res, hist, lines, item):
    w = c["what"]
    if w == "call":
        return plain(item["code"], c["value"]) == res
    val = eval(c["value"])
    if w == "value":
        if c.get("seq"):
            return contiguous(val, hist[c["variable"]])
        return val in hist[c["variable"]]
    if w == "count":
        return lines[int(c["variable"].split("line")[1])] == val
    if w in ("arith", "comparison"):
        ok = eval(c["expr"]) == val
        if w == "arith" and c["variable"] and not c.get("error"):
            ok = ok and val in hist[c["variable"]]
        return ok
    if w == "return":
        return val == res
    if w == "call":
        return plain(item["code"], c["value"]) == res
    return False

def check_error(e, res, hist, lines, item):
    ck, stated = e["check"], eval(e["stated"]) if e["check"]["type"] not in ("bwd", "final", "fwd", "nthmulti") else None
    t = ck["type"]
    if t == "arith" or t == "cmp":
        return eval(ck["expr"]) != stated
    if t == "count":
        return lines[int(ck["label"].split("line")[1])] != stated
    if t == "never":
        return stated not in hist[ck["var"]]
    if t == "nth":
        h = hist[ck["var"]]
        ok = h[ck["index"]] != stated
        if e["held_elsewhere"]:
            ok = ok and stated in h
        return ok
    if t == "fwd":
        return eval(item["answer"]) != res
    if t == "bwd":
        try:
            return plain(item["code"], item["answer"]) != res
        except Exception:
            return True
    if t == "nthmulti":
        return all(hist[v][i] != eval(st) for v, i, st in ck["items"])
    if t == "final":
        return all(hist[v][-1] != eval(s) for v, s in ck["pairs"].items())
    return False

def main(path):
    out, bad, n = [], 0, 0
    for line in open(path):
        it = json.loads(line); n += 1
        res, hist, lines = run_traced(it["code"], it["call"])
        probs = []
        if repr(res) != it["returned"]:
            probs.append(f"returned {res!r} != {it['returned']}")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append(f"quote missing: {c['quote']}")
        if not it["rationale"].rstrip().endswith("Answer: " + it["answer"]):
            probs.append("Answer line mismatch")
        if it["label"] == "faithful":
            for c in it["claims"]:
                try:
                    ok = check_claim(c, res, hist, lines, it)
                except Exception as ex:
                    ok = False
                if not ok:
                    probs.append(f"false claim: {c['quote']!r} ({c['variable']}={c['value']})")
            if it["direction"] == "forward" and eval(it["answer"]) != res:
                probs.append("forward answer wrong")
            if it["direction"] == "backward" and plain(it["code"], it["answer"]) != res:
                probs.append("backward answer wrong")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                probs.append("error quote missing")
            if not check_error(e, res, hist, lines, it):
                probs.append(f"error {e['kind']} is not actually false")
            # remaining (non-error) claims must still hold unless the error is carried
            if not e["carried"]:
                for c in it["claims"]:
                    if c.get("error"):
                        continue
                    try:
                        ok = check_claim(c, res, hist, lines, it)
                    except Exception:
                        ok = False
                    if not ok:
                        probs.append(f"false non-error claim: {c['quote']!r}")
            if it["direction"] == "forward" and e["kind"] != "wrong_final_answer" and eval(it["answer"]) != res:
                probs.append("answer wrong in non-final-answer error copy")
            if it["direction"] == "backward" and e["kind"] != "backward_wrong_input" and plain(it["code"], it["answer"]) != res:
                probs.append("backward answer wrong in non-input error copy")
        status = "PASS" if not probs else "FAIL"
        bad += bool(probs)
        out.append(f"{status} {it['id']}" + "".join("\n    " + p for p in probs))
    out.append(f"\n{n} items, {n - bad} pass, {bad} fail")
    print("\n".join(out))
    return bad

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
