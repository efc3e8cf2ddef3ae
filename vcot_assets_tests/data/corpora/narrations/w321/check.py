"""Standalone checker for w321 narrations: runs each call under sys.settrace,
records every variable's value history (locals + self.<attr>), line hit counts,
and checks claims of faithful items and the error of error copies."""
import ast, copy, json, sys

def run_traced(code, call):
    g = {"__name__": "program"}
    exec(compile(code, "<prog>", "exec"), g)
    hist, lines = {}, {}
    def rec(frame):
        if frame.f_code.co_filename != "<prog>":
            return
        items = dict(frame.f_locals)
        s = items.get("self")
        if s is not None and hasattr(s, "__dict__"):
            for k, v in vars(s).items():
                items["self." + k] = v
        for k, v in items.items():
            if k == "self":
                continue
            try:
                v = copy.deepcopy(v)
            except Exception:
                pass
            h = hist.setdefault(k, [])
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        rec(frame)
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines, g

def lit(s):
    return ast.literal_eval(s)

def check_item(it):
    errs = []
    ret, hist, lines, g = run_traced(it["code"], it["call"])
    if repr(ret) != it["returned"]:
        errs.append(f"returned mismatch {ret!r} vs {it['returned']}")
    text = it["rationale"]
    if not text.rstrip().splitlines()[-1].startswith("Answer:"):
        errs.append("last line not Answer")
    def claim_ok(c):
        w = c["what"]
        if w == "call":
            return eval(c["value"], g) == ret
        v = lit(c["value"])
        if w == "value" and c.get("sequence"):
            h = hist.get(c["variable"], []); pos = 0
            for x in v:  # stated values must appear in this order in the history
                while pos < len(h) and h[pos] != x:
                    pos += 1
                if pos == len(h):
                    return False
                pos += 1
            return True
        if w == "value":
            return v in hist.get(c["variable"], [])
        if w == "count":
            return lines.get(c["body_line"], 0) == v
        if w in ("arith", "comparison"):
            return eval(c["expr"]) == v
        if w == "return":
            return v == ret
        if w == "call":
            return eval(c["value"] if isinstance(c["value"], str) else c["value"], g) == ret
        return False
    for c in it["claims"]:
        if c["quote"] not in text:
            errs.append(f"quote not in text: {c['quote']!r}")
        if it["label"] == "error" and c.get("err"):
            continue  # the erroneous claim is checked through `error` below
        try:
            ok = claim_ok(c)
        except Exception:
            ok = False
        if not ok:
            errs.append(f"claim false: {c}")
    # answer
    if it["direction"] == "forward":
        ans_ok = lit(it["answer"]) == ret
    else:
        try:
            ans_ok = eval(it["answer"], g) == ret
        except Exception:
            ans_ok = False
    if it["answer"] not in text.rstrip().splitlines()[-1]:
        errs.append("answer not on Answer line")
    if it["label"] == "faithful":
        if not ans_ok:
            errs.append("faithful answer wrong")
        if it["error"] is not None:
            errs.append("faithful has error")
    else:
        e = it["error"]; k = e["kind"]; chk = e["check"]
        if e["quote"] not in text:
            errs.append("error quote missing")
        if e["stated"] not in e["quote"]:
            errs.append("stated not in quote")
        t = chk["type"]
        stated = None if t.startswith("answer") else lit(chk.get("stated_value", e["stated"]))
        if t == "answer_fwd":
            good = not ans_ok
        elif t == "answer_bwd":
            good = not ans_ok
        elif t == "not_in_history":
            good = stated not in hist.get(chk["variable"], [])
            if e.get("held_elsewhere"):
                good = good and stated in hist.get(chk["held_var"], [])
        elif t == "value_at":
            h = hist.get(chk["variable"], [])
            good = h[chk["index"]] != stated and h[chk["index"]] == lit(e["actual"])
            if e.get("held_elsewhere"):
                good = good and stated in hist.get(chk.get("held_var", chk["variable"]), [])
        elif t == "count":
            good = lines.get(chk["body_line"], 0) != stated and lines.get(chk["body_line"], 0) == lit(e["actual"])
            if e.get("held_elsewhere"):
                good = good and stated in hist.get(chk["held_var"], [])
        elif t in ("arith", "comparison"):
            good = eval(chk["expr"]) != stated and eval(chk["expr"]) == lit(e["actual"])
            if e.get("held_elsewhere") and "variable" in chk:
                good = good and stated in hist.get(chk["variable"], [])
        else:
            good = False
        if not good:
            errs.append(f"error not confirmed false: {e}")
        if k not in ("wrong_final_answer", "backward_wrong_input") and not ans_ok:
            errs.append("error copy has wrong answer but kind is not an answer error")
        if k == "wrong_intermediate_right_answer" and not ans_ok:
            errs.append("wrong_intermediate must keep right answer")
    return errs

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    ids = set(); bad = 0; out = []
    for it in items:
        if it["id"] in ids:
            out.append(f"{it['id']}: duplicate id"); bad += 1
        ids.add(it["id"])
        try:
            errs = check_item(it)
        except Exception as ex:
            errs = [f"exception {ex!r}"]
        out.append(f"{it['id']}: {'PASS' if not errs else 'FAIL ' + '; '.join(errs)}")
        bad += bool(errs)
    out.append(f"TOTAL {len(items)} items, {len(items)-bad} pass, {bad} fail")
    open("check_report.txt", "w").write("\n".join(out) + "\n")
    print("\n".join(out))

if __name__ == "__main__":
    main()
