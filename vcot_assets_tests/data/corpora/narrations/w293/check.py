"""Standalone checker for w293 narrations: runs each call under sys.settrace, records
per-variable value histories (locals and self.attr, in order of change per frame) and
per-line execution counts, then checks every claim of every item."""
import json, sys, copy

def run_traced(code, call):
    g = {"__name__": "program"}
    exec(compile(code, "<prog>", "exec"), g)
    hist, linecount, last = {}, {}, {}
    def snap(frame):
        fid = id(frame)
        cur = {}
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in getattr(v, "__dict__", {}).items():
                    cur["self." + a] = av
            else:
                cur[k] = v
        prev = last.setdefault(fid, {})
        for k, v in cur.items():
            try:
                same = k in prev and prev[k] == v and type(prev[k]) == type(v)
            except Exception:
                same = False
            if not same:
                try: v2 = copy.deepcopy(v)
                except Exception: v2 = v
                hist.setdefault(k, []).append(v2)
                prev[k] = v2
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        snap(frame)
        if event == "line":
            linecount[frame.f_lineno] = linecount.get(frame.f_lineno, 0) + 1
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, linecount, g

def claim_ok(c, ret, hist, lines):
    what, val = c["what"], eval(c["value"])
    if what == "value":
        raw = hist.get(c["variable"], [])
        h = [v for i, v in enumerate(raw) if i == 0 or raw[i - 1] != v]  # consecutive duplicates (new frames) collapsed
        if c.get("seq"):
            n = len(val)
            return any(h[i:i + n] == val for i in range(len(h) - n + 1))
        if "at" in c:
            return c["at"] < len(h) and h[c["at"]] == val
        return val in h
    if what == "count":
        if c["variable"].startswith("loop@line"):
            n = int(c["variable"].split("line")[1])
            return lines.get(n, 0) == val
        return len(hist.get(c["variable"], [])) == val
    if what == "arith":
        expr = c.get("expr") or c["quote"].rsplit("=", 1)[0]
        return eval(expr) == val
    if what == "comparison":
        return bool(eval(c["expr"])) == val
    if what == "return":
        return ret == val
    if what == "call":
        return True
    raise ValueError(what)

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    fails, out = 0, []
    for it in items:
        ret, hist, lines, g = run_traced(it["code"], it["call"])
        probs = []
        if repr(ret) != it["returned"]:
            probs.append("returned mismatch")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("quote missing: " + c["quote"])
        ans_line = it["rationale"].rstrip().splitlines()[-1]
        if it["answer"] not in ans_line:
            probs.append("answer not in last line")
        if it["direction"] == "forward":
            ans_ok = eval(it["answer"]) == ret
        else:
            _, _, _, g2 = run_traced(it["code"], "0") if False else (None, None, None, g)
            ans_ok = repr(eval(it["answer"], g)) == it["returned"]
        err = it["error"]
        if it["label"] == "faithful":
            if not ans_ok: probs.append("answer wrong")
            for c in it["claims"]:
                if not claim_ok(c, ret, hist, lines):
                    probs.append("false claim: " + c["quote"])
        else:
            if err["quote"] not in it["rationale"]:
                probs.append("error quote missing")
            ek = err["kind"]
            if ek in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok: probs.append("error answer is actually right")
            else:
                if not ans_ok and not err.get("carried"): probs.append("answer wrong in non-answer error copy")
            bad = [c for c in it["claims"] if c.get("is_error")]
            if ek not in ("wrong_final_answer", "backward_wrong_input"):
                if len(bad) != 1 and not (ek == "swapped_variables" and len(bad) == 2): probs.append("need exactly one is_error claim")
                for c in bad:
                    if claim_ok(c, ret, hist, lines):
                        probs.append("error claim is actually true: " + c["quote"])
                    if err.get("held_elsewhere"):
                        if c["what"] == "value" and not c.get("seq") and eval(c["value"]) not in hist.get(c["variable"], []):
                            probs.append("held_elsewhere value not held")
            for c in it["claims"]:
                if not c.get("is_error") and not claim_ok(c, ret, hist, lines):
                    if not c.get("carried"):
                        probs.append("other false claim: " + c["quote"])
        status = "PASS" if not probs else "FAIL " + "; ".join(probs)
        fails += bool(probs)
        out.append(f"{it['id']}: {status}")
    out.append(f"{len(items)} items, {fails} failing")
    print("\n".join(out))
    return fails

if __name__ == "__main__":
    sys.exit(1 if main() else 0)
