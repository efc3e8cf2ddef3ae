"""Standalone checker for w476 narrations: runs each call under sys.settrace, records
per-variable value histories (locals and self.<attr>), line hit counts, and checks claims."""
import json, sys, copy, ast

def run_traced(code, call):
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    hist, lines, samples = {}, {}, {}
    def snap(name, val):
        try: v = copy.deepcopy(val)
        except Exception: return
        h = hist.setdefault(name, [])
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>": return None
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            for k, v in frame.f_locals.items():
                if k == "self":
                    for a, av in vars(v).items(): samples.setdefault(("self." + a, frame.f_lineno), []).append(copy.deepcopy(av))
                elif not callable(v) and not hasattr(v, "__dict__"):
                    samples.setdefault((k, frame.f_lineno), []).append(copy.deepcopy(v))
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items(): snap("self." + a, av)
            elif not callable(v) and not hasattr(v, "__dict__"):
                snap(k, v)
        return tr
    sys.settrace(tr)
    try: ret = eval(call, g)
    finally: sys.settrace(None)
    return ret, hist, (lines, samples)

def plain(code, call):
    g = {}; exec(code, g); return eval(call, g)

def check_claim(c, ret, hist, lines, code):
    w = c["what"]
    lines, samples = lines
    if w == "call":
        try: return plain(code, c["value"]) == ret
        except Exception: return False
    val = ast.literal_eval(c["value"])
    if w == "value" and "at_line" in c:
        # value of the variable each time line at_line is about to run
        seq = samples.get((c["variable"], c["at_line"]), [])
        if "slice" in c: return seq[c["slice"][0]:c["slice"][1]] == val
        return c["occ"] < len(seq) and seq[c["occ"]] == val
    if w == "value" and "hist_slice" in c:
        h = hist.get(c["variable"], [])
        return h[c["hist_slice"][0]:c["hist_slice"][1]] == val
    if w == "value":
        h = hist.get(c["variable"], [])
        if "index" in c: return c["index"] < len(h) and h[c["index"]] == val
        return val in h
    if w == "count":
        return lines.get(c["line"], 0) == val
    if w in ("comparison", "arith"):
        return eval(c.get("expr", c["quote"])) == val
    if w == "return":
        return ret == val
    if w == "call":
        return plain(code, c["value"]) == ret
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    byid = {it["id"]: it for it in items}
    bad = 0; out = []
    for it in items:
        errs = []
        ret, hist, lines = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]: errs.append("returned mismatch")
        if it["rationale"].rstrip().splitlines()[-1].strip() != "Answer: " + it["answer"]:
            errs.append("last line is not the Answer line")
        if it["label"] == "faithful":
            for c in it["claims"]:
                if c["quote"] not in it["rationale"]: errs.append("quote missing: " + c["quote"])
                elif not check_claim(c, ret, hist, lines, it["code"]): errs.append("false claim: " + json.dumps(c))
            if it["direction"] == "forward":
                if ast.literal_eval(it["answer"]) != ret: errs.append("forward answer wrong")
            else:
                if plain(it["code"], it["answer"]) != ret: errs.append("backward answer does not reproduce")
        else:
            e = it["error"]; f = byid.get(it["faithful_id"])
            if f is None: errs.append("no faithful")
            if e["quote"] not in it["rationale"]: errs.append("error quote missing")
            ec = e["check"]
            k = e["kind"]
            if k == "wrong_final_answer":
                if ast.literal_eval(it["answer"]) == ret: errs.append("final answer not wrong")
            elif k == "backward_wrong_input":
                try: r2 = plain(it["code"], it["answer"])
                except Exception as ex: r2 = ex
                if r2 == ret: errs.append("wrong input actually reproduces")
            else:
                if check_claim(ec, ret, hist, lines, it["code"]): errs.append("error claim is actually true")
                if k == "impossible_state":
                    h = hist.get(ec["variable"], []); sv = ast.literal_eval(ec["value"])
                    if sv in h: errs.append("impossible_state value is held")
                if e.get("held_elsewhere"):
                    # the wrong value must be one the program really holds at another moment
                    el = e["elsewhere"]
                    if el.get("what") == "count":
                        if lines[0].get(el["line"], 0) != ast.literal_eval(el["value"]): errs.append("elsewhere count not real")
                    elif ast.literal_eval(el["value"]) not in hist.get(el["variable"], []): errs.append("held_elsewhere but never held")
            # other claims of an error copy must still be true except the erroneous/carried ones
            for c in it["claims"]:
                if c.get("erroneous"): continue
                if c["quote"] not in it["rationale"]: errs.append("quote missing: " + c["quote"])
                elif not check_claim(c, ret, hist, lines, it["code"]): errs.append("unexpected false claim: " + json.dumps(c))
            if k not in ("wrong_final_answer", "backward_wrong_input"):
                if it["direction"] == "forward" and ast.literal_eval(it["answer"]) != ret and not e.get("carried"):
                    errs.append("answer wrong without carried")
        status = "PASS" if not errs else "FAIL"
        if errs: bad += 1
        out.append(f"{status} {it['id']} ({it['label']}, {it['style']}, {it['family']}, events={it['trace_events']})" + "".join("\n    - " + x for x in errs))
    out.append(f"\n{len(items)} items, {len(items)-bad} pass, {bad} fail")
    open("check_report.txt", "w").write("\n".join(out) + "\n")
    print("\n".join(out[-5:]))
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
