"""Standalone checker for w454 narrations: re-executes each call under sys.settrace."""
import json, sys, copy, ast

def run_traced(code, call, fn):
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    hist = {}      # var -> list of values (recorded on change, per frame, merged)
    lines = {}     # (func, lineno) -> hits
    last = {}      # (id(frame), var) -> last value
    prevline = {}
    def snap(frame):
        loc = dict(frame.f_locals)
        items = []
        for k, v in loc.items():
            if k == "self":
                for a, av in vars(v).items():
                    items.append(("self." + a, av))
            else:
                items.append((k, v))
        for k, v in items:
            try: v = copy.deepcopy(v)
            except Exception: pass
            key = ("self", id(loc["self"]), k) if k.startswith("self.") else (id(frame), k)
            if key not in last or last[key] != v or type(last[key]) != type(v):
                last[key] = v
                hist.setdefault(k, []).append(v)
                if not k.startswith("self."):
                    hist.setdefault((frame.f_code.co_name, k), []).append(v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>": return None
        if event == "call":   # frame ids can be reused: forget state tied to an old frame
            prevline.pop(id(frame), None)
            for key in [k for k in last if k[0] == id(frame)]: del last[key]
        snap(frame)
        if event == "line":
            prev = prevline.get(id(frame))
            k = (frame.f_code.co_name, prev, frame.f_lineno)   # line-to-line transitions
            lines[k] = lines.get(k, 0) + 1
            prevline[id(frame)] = frame.f_lineno
        return tr
    sys.settrace(tr)
    try: ret = eval(call, g)
    finally: sys.settrace(None)
    return ret, hist, lines, g

def loop_count(code, label, lines):
    n = int(label.split("line")[1])
    src = code.splitlines()
    # function owning line n
    fname = None
    for i in range(n - 1, -1, -1):
        s = src[i].strip()
        if s.startswith("def "):
            fname = s[4:].split("(")[0]; break
    # iterations = times control passed from the loop header (line n) into its body (line n+1)
    return lines.get((fname, n, n + 1), 0)

def contains_seq(h, seq):
    return any(h[i:i + len(seq)] == seq for i in range(len(h) - len(seq) + 1))

def check_claim(c, item, ret, hist, lines, g):
    """Return True if the claim is true of the real execution."""
    val = ast.literal_eval(c["value"]) if c["what"] != "call" else c["value"]
    w = c["what"]
    if w == "arith":
        expr = c["quote"].strip("`").split("=")[0].strip()
        return eval(expr) == val
    if w == "comparison":
        return eval(c["expr"]) == val
    if w == "return":
        return val == ret
    if w == "count":
        return loop_count(item["code"], c["variable"], lines) == val
    if w == "call":
        return eval(val, g) == ret
    if w == "value":
        if c.get("expr"):
            return eval(c["expr"]) == val
        if c["variable"] is None:
            return False
        h = hist.get(c["variable"], [])
        if c.get("peaks"):
            runs, cur = [], None
            for x in h:
                if x == 0:
                    if cur: runs.append(cur)
                    cur = None
                else:
                    cur = x
            if cur: runs.append(cur)
            return runs == val
        if c.get("seq"):
            return contains_seq(h, val)
        return any(type(x) == type(val) and x == val for x in h)
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    fails = []; report = []
    byid = {i["id"]: i for i in items}
    for it in items:
        ret, hist, lines, g = run_traced(it["code"], it["call"], it["function"])
        probs = []
        if repr(ret) != it["returned"]: probs.append("returned mismatch")
        if it["rationale"].rstrip().splitlines()[-1] != "Answer: " + it["answer"]: probs.append("answer line")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]: probs.append("quote missing: " + c["quote"])
        if it["direction"] == "forward":
            ans_ok = ast.literal_eval(it["answer"]) == ret
        else:
            ans_ok = eval(it["answer"], g) == ret
        if it["label"] == "faithful":
            if not ans_ok: probs.append("answer wrong")
            for c in it["claims"]:
                if not check_claim(c, it, ret, hist, lines, g): probs.append("false claim: " + c["quote"])
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]: probs.append("error quote missing")
            if it["faithful_id"] not in byid: probs.append("no faithful")
            k = e["kind"]
            ec = [c for c in it["claims"] if c["quote"] == e["quote"]]
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok: probs.append("answer not wrong")
                if k == "backward_wrong_input" and it["direction"] != "backward": probs.append("bwi on fwd")
            else:
                if not ans_ok: probs.append("answer should be right")
                if not ec: probs.append("no claim for error")
                for c in ec:
                    if check_claim(c, it, ret, hist, lines, g) and "point" not in e:
                        probs.append("error claim is true: " + c["quote"])
                if "point" in e:  # value false AT THAT POINT
                    p = e["point"]; h = hist.get((p["func"], p["var"]) if "func" in p else p["var"], [])
                    stated = ast.literal_eval(p.get("value", e["stated"]))
                    if p["index"] >= len(h) or h[p["index"]] == stated: probs.append("point value not false")
                    if e.get("held_elsewhere") and stated not in h: probs.append("held_elsewhere but never held")
                elif e.get("held_elsewhere"):
                    # value exists somewhere in the run (any variable) but claim at its point is false
                    sv = ast.literal_eval(e["stated"])
                    if not any(sv in h for h in hist.values()): probs.append("held_elsewhere but never held")
                if k == "impossible_state":
                    for c in ec:
                        if any(c["value"] == repr(x) for x in hist.get(c["variable"], [])): probs.append("impossible value held")
            # rest identical to faithful
            f = byid[it["faithful_id"]]
            if not e.get("carried") and len(it["rationale"]) - len(f["rationale"]) > 80: probs.append("copy diverges a lot")
        status = "PASS" if not probs else "FAIL " + "; ".join(probs)
        report.append(f"{it['id']}: {status}")
        if probs: fails.append(it["id"])
    report.append(f"TOTAL {len(items)} items, {len(items)-len(fails)} pass, {len(fails)} fail")
    open("check_report.txt", "w").write("\n".join(report) + "\n")
    print("\n".join(report))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
