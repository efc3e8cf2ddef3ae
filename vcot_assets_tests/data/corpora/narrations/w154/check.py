"""Standalone checker for w154 narrations: re-executes every call with sys.settrace,
records each variable's value history (locals and self.<attr>) and per-line hit counts,
then checks claims, answers and error copies."""
import copy, json, sys
from collections import defaultdict

FN = "<w154prog>"

def run(code, call):
    hist = defaultdict(list)   # var -> deduped value history (time order, all frames merged)
    hits = defaultdict(int)    # line number -> times executed
    samples = defaultdict(list)  # line number -> values of locals each time the line is reached

    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in getattr(v, "__dict__", {}).items():
                    put("self." + a, av)
            else:
                put(k, v)

    def put(k, v):
        try:
            v = copy.deepcopy(v)
        except Exception:
            pass
        h = hist[k]
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)

    def tr(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == "line":
            snap(frame)
            hits[frame.f_lineno] += 1
            d = {}
            for k, v in frame.f_locals.items():
                try:
                    d[k] = copy.deepcopy(v)
                except Exception:
                    d[k] = v
            samples[frame.f_lineno].append(d)
        elif event == "return":
            snap(frame)
        return tr

    ns = {}
    exec(compile(code, FN, "exec"), ns)
    sys.settrace(tr)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    hits["samples"] = samples
    return ret, hist, hits

def plain(code, call):
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    return eval(call, ns)

def lit(s):
    return eval(s, {})

def claim_true(c, ret, hist, hits):
    w = c["what"]
    val = lit(c["value"])
    if w == "value":
        h = hist.get(c["variable"], [])
        if c.get("seq") and "line" in c:
            h = [d.get(c["variable"]) for d in hits["samples"][c["line"]]]
        if c.get("seq"):
            n = len(val)
            return any(h[i:i + n] == val for i in range(len(h) - n + 1))
        if "at" in c:
            return c["at"] < len(h) and h[c["at"]] == val
        return val in h
    if w == "count" and c["variable"].startswith("header@line"):
        return hits[int(c["variable"].split("@line")[1])] - 1 == val
    if w == "count":
        line = int(c["variable"].split("@line")[1])
        return hits[line] == val
    if w in ("comparison", "arith"):
        return eval(c["expr"], {}) == val
    if w == "return":
        return ret == val
    if w == "call":
        return True
    raise ValueError(w)

def check_item(it, cache):
    errs = []
    key = it["program_id"]
    if key not in cache:
        cache[key] = run(it["code"], it["call"])
    ret, hist, hits = cache[key]
    if repr(ret) != it["returned"]:
        errs.append("returned mismatch %r vs %s" % (ret, it["returned"]))
    rat = it["rationale"]
    last = rat.rstrip().splitlines()[-1]
    if not last.startswith("Answer:") and not last.startswith("Predicted Output:"):
        errs.append("last line not Answer")
    if it["answer"] not in last:
        errs.append("answer not in last line")
    for c in it["claims"]:
        if c["quote"] not in rat:
            errs.append("quote not found: %r" % c["quote"])
        ok = claim_true(c, ret, hist, hits)
        if c.get("wrong"):
            if ok:
                errs.append("wrong claim is actually true: %r" % c["quote"])
            if c["what"] == "value" and it["error"]["kind"] == "impossible_state":
                if lit(c["value"]) in hist.get(c["variable"], []):
                    errs.append("impossible_state value occurs: %r" % c["quote"])
            if it["error"].get("held_elsewhere") and c["what"] in ("value", "count", "arith"):
                v = lit(c["value"])
                if c.get("seq"):
                    occurs = all(x in hist.get(c["variable"], []) for x in v)
                else:
                    occurs = any(v in h for h in hist.values()) or v in [x for k, x in hits.items() if k != 'samples']
                if not occurs:
                    errs.append("held_elsewhere value never held: %r" % c["quote"])
        elif not ok:
            errs.append("claim false: %r (%s)" % (c["quote"], c["value"]))
    # answers
    if it["direction"] == "forward":
        ans_ok = lit(it["answer"]) == ret
    else:
        try:
            ans_ok = plain(it["code"], it["answer"]) == ret
        except Exception:
            ans_ok = False
        if not it["answer"].startswith(it["function"] + "(") and "." + it["function"] + "(" not in it["answer"]:
            errs.append("answer does not call function")
    ek = it["error"]["kind"] if it["error"] else None
    if ek in ("wrong_final_answer", "backward_wrong_input"):
        if ans_ok:
            errs.append("error answer is actually right")
    elif not ans_ok and not (it["error"] and it["error"].get("carried")):
        errs.append("answer wrong")
    if it["label"] == "error":
        e = it["error"]
        if e["quote"] not in rat:
            errs.append("error quote not in rationale")
        if ek not in ("wrong_final_answer", "backward_wrong_input") and not any(c.get("wrong") for c in it["claims"]):
            errs.append("no wrong claim for error")
        if ek == "wrong_final_answer" and it["direction"] != "forward":
            errs.append("wrong_final_answer in backward")
        if ek == "backward_wrong_input" and it["direction"] != "backward":
            errs.append("backward_wrong_input in forward")
    else:
        if any(c.get("wrong") for c in it["claims"]):
            errs.append("faithful item has wrong claim")
    return errs

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    cache, bad, lines = {}, 0, []
    for it in items:
        errs = check_item(it, cache)
        status = "PASS" if not errs else "FAIL"
        bad += bool(errs)
        lines.append("%s %s %s" % (status, it["id"], "; ".join(errs)))
    lines.append("items=%d failed=%d" % (len(items), bad))
    out = "\n".join(lines) + "\n"
    open("check_report.txt", "w").write(out)
    print(out)

if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "hist":
        for l in open(sys.argv[2]):
            d = json.loads(l)
            ret, hist, hits = run(d["code"], d["call"])
            print("==", d["id"], repr(ret))
            for k, v in hist.items():
                print("  ", k, v if len(repr(v)) < 600 else repr(v)[:600])
            print("   hits", {k: v for k, v in hits.items() if k != "samples"})
    else:
        main()
