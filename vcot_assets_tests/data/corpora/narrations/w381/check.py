"""Standalone checker for w381 narrations (plain exec + sys.settrace; no tool code)."""
import ast, copy, json, sys

HERE = sys.argv[1] if len(sys.argv) > 1 else "."

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = {}      # name -> list of distinct successive values (locals and self.attrs)
    lines = {}     # lineno -> hits
    global lines_snap
    lines_snap = {}  # (lineno, var) -> values of var each time that line runs
    def rec(name, val):
        try:
            v = copy.deepcopy(val)
        except Exception:
            return
        h = hist.setdefault(name, [])
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    rec("self." + a, av)
            elif not k.startswith("."):
                rec(k, v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        snap(frame)
        if event == "line":
            key = frame.f_lineno
            lines[key] = lines.get(key, 0) + 1
            for k, v in frame.f_locals.items():
                if k != "self":
                    lines_snap.setdefault((key, k), []).append(copy.deepcopy(v))
                else:
                    for a, av in vars(v).items():
                        lines_snap.setdefault((key, "self." + a), []).append(copy.deepcopy(av))
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, ret, hist, lines):
    """Return True if the claim is true of the execution."""
    w = c["what"]; val = lit(c["value"])
    if w in ("arith", "comparison"):
        expr = c.get("expr") or c["quote"].split("=")[0]
        return eval(expr, {}) == val
    if w == "return":
        return ret == val
    if w == "count":
        line = int(c["variable"].split("@line")[1])
        return lines.get(line, 0) == val
    if w == "value" and "at_line" in c:
        snaps = lines_snap.get((c["at_line"], c["variable"]), [])
        if "index" in c:
            return c["index"] < len(snaps) and snaps[c["index"]] == val
        return snaps[c.get("skip", 0):] == val
    if w == "value":
        h = hist.get(c["variable"], [])
        if "at" in c:
            i = c["at"]
            return i < len(h) and h[i] == val
        return any(x == val and type(x) == type(val) for x in h)
    if w == "call":
        return True
    raise ValueError(w)

def main():
    progs = {json.loads(l)["id"]: json.loads(l) for l in open(f"{HERE}/programs.jsonl")}
    items = [json.loads(l) for l in open(f"{HERE}/narrations.jsonl")]
    out = []; bad = 0
    for it in items:
        p = progs[it["program_id"]]
        probs = []
        ret, hist, lines = run_traced(p["code"], p["call"])
        if repr(ret) != it["returned"] or p["returned"] != it["returned"]:
            probs.append("returned mismatch")
        if it["code"] != p["code"] or it["call"] != p["call"]:
            probs.append("code/call mismatch")
        rat = it["rationale"]
        if not rat.rstrip().splitlines()[-1].startswith("Answer:"):
            probs.append("last line not Answer:")
        if rat.rstrip().splitlines()[-1][len("Answer:"):].strip() != it["answer"]:
            probs.append("answer field != Answer line")
        # answer check
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == ret
        else:
            ns = {}; exec(p["code"], ns)
            ans_ok = it["answer"].startswith(it["function"] + "(") and eval(it["answer"], ns) == ret
        err = it["error"]
        for c in it["claims"]:
            if c["quote"] not in rat:
                probs.append(f"quote not in rationale: {c['quote']!r}")
            is_err = err is not None and c["quote"] == err["quote"]
            ok = check_claim(c, ret, hist, lines)
            if is_err and ok:
                probs.append(f"error claim is TRUE: {c['quote']!r}")
            if c.get("carried"):
                if ok: probs.append(f"carried claim is TRUE: {c['quote']!r}")
                continue
            if not is_err and not ok:
                probs.append(f"claim false: {c['quote']!r} ({c['variable']}={c['value']})")
        if it["label"] == "faithful":
            if not ans_ok: probs.append("answer wrong")
        else:
            k = err["kind"]
            if err["quote"] not in rat: probs.append("error quote not in rationale")
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok: probs.append("error answer is actually right")
            else:
                if not ans_ok and not err.get("carried"): probs.append("answer wrong")
                if not any(c["quote"] == err["quote"] for c in it["claims"]):
                    probs.append("no claim for the error quote")
        status = "PASS" if not probs else "FAIL"
        if probs: bad += 1
        out.append(f"{status} {it['id']} [{it['label']}{'/'+err['kind'] if err else ''}] " + "; ".join(probs))
    out.append(f"\n{len(items)} items, {len(items)-bad} pass, {bad} fail")
    print("\n".join(out))
    return bad

if __name__ == "__main__":
    sys.exit(1 if main() else 0)
