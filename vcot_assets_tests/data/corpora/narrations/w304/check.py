#!/usr/bin/env python3
"""Standalone checker for w304 narrations: re-executes each program with sys.settrace,
records every variable's value history (locals and self.<attr>), and checks claims.
Independent of the trace script and of any tool code."""
import ast, copy, json, sys

def run(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist, lines, last = {}, {}, {}
    def snap(frame):
        for k, v in frame.f_locals.items():
            items = [(k, v)]
            if k == "self":
                items = [("self." + a, x) for a, x in vars(v).items()] if hasattr(v, "__dict__") else []
            for name, val in items:
                try: val = copy.deepcopy(val)
                except Exception: continue
                h = hist.setdefault(name, [])
                if not h or h[-1] != val or type(h[-1]) != type(val): h.append(val)
    def tr(frame, ev, arg):
        if frame.f_code.co_filename != "<prog>": return None
        snap(frame)
        if ev == "line" and not frame.f_code.co_name.startswith("<"):  # skip comprehension frames
            # count entries into a line (consecutive events on one line, e.g. an inlined
            # comprehension, count once)
            if last.get(id(frame)) != frame.f_lineno:
                lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            last[id(frame)] = frame.f_lineno
        return tr
    sys.settrace(tr)
    try: ret = eval(call, g)
    finally: sys.settrace(None)
    return ret, hist, lines

def call_value(code, call):
    g = {"__name__": "prog"}; exec(code, g); return eval(call, g)

def is_subseq(seq, h):
    # ordered (not necessarily contiguous) subsequence of the variable's history
    it = iter(h)
    return all(any(x == y for y in it) for x in seq)

def claim_true(c, ret, hist, lines):
    val = ast.literal_eval(c["value"]); w = c["what"]
    if w == "value":
        h = hist.get(c["variable"], [])
        if val in h: return True
        return isinstance(val, list) and len(val) > 1 and is_subseq(val, h)  # summarised sequence
    if w == "count":
        ln = int(c["variable"].split("@line")[1])
        src = CODE.splitlines()
        nxt = src[ln].strip() if ln < len(src) else ""
        if nxt.startswith(("for ", "while ")):   # body starts with a nested loop: header hits - 1
            return lines.get(ln, 0) - 1 == val
        return lines.get(ln + 1, 0) == val  # executions of the loop's first body line
    if w == "comparison":
        return eval(c["expr"]) == val
    if w == "arith":
        q = c["quote"]
        left = q.rsplit(" = ", 1)[0] if " = " in q else q.rsplit(" is ", 1)[0]
        left = left.split("= ")[-1] if left.count("=") else left
        words = left.replace("`", "").split()
        for k in range(len(words)):
            try: return eval(" ".join(words[k:])) == val
            except Exception: pass
        return False
    if w == "return":
        return val == ret
    if w == "call":
        return eval(c["expr"]) == val
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    out, bad = [], 0
    for it in items:
        probs = []
        global CODE; CODE = it["code"]
        ret, hist, lines = run(it["code"], it["call"])
        if repr(ret) != it["returned"]: probs.append(f"returned {ret!r} != {it['returned']}")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]: probs.append(f"quote not in text: {c['quote']!r}")
        err = it["error"]; eq = err.get("claim_quote") if err else None
        for c in it["claims"]:
            ok = claim_true(c, ret, hist, lines)
            if c["quote"] == eq:
                if ok and not err.get("at"): probs.append(f"error claim is true: {c['quote']!r}")
            elif err and c["quote"] in err.get("also_false", []):
                if ok: probs.append(f"carried/swapped companion claim is true: {c['quote']!r}")
            elif not ok: probs.append(f"false claim: {c['quote']!r} = {c['value']}")
        # answer
        if it["direction"] == "forward":
            a_ok = ast.literal_eval(it["answer"]) == ret
        else:
            a_ok = call_value(it["code"], it["answer"]) == ret
        want_ok = not (err and err["kind"] in ("wrong_final_answer", "backward_wrong_input"))
        if a_ok != want_ok: probs.append(f"answer check {a_ok} expected {want_ok}")
        if err:
            if err["quote"] not in it["rationale"]: probs.append("error quote missing")
            if err.get("at"):  # the stated value is false AT THAT POINT
                h = hist[err["at"]["variable"]]; actual = h[err["at"]["index"]]
                stated = ast.literal_eval([c for c in it["claims"] if c["quote"] == eq][0]["value"])
                if actual == stated: probs.append("error value equals value at that point")
            if err["held_elsewhere"]:
                c = [c for c in it["claims"] if c["quote"] == eq][0]
                stated = ast.literal_eval(c["value"])
                if c["what"] != "value":
                    if not any(stated in h for h in hist.values()): probs.append("held_elsewhere value never held by any variable")
                if c["what"] == "value":
                    if not any(stated in h for h in hist.values()): probs.append("held_elsewhere value never held by any variable")
                    if not err.get("at"): probs.append("held_elsewhere needs an 'at' point")
            if err["kind"] == "impossible_state":
                c = [c for c in it["claims"] if c["quote"] == eq][0]
                if ast.literal_eval(c["value"]) in hist.get(c["variable"], []): probs.append("impossible state value is held")
            # the faithful text differs from the copy
            f = [x for x in items if x["id"] == it["faithful_id"]][0]
            if f["rationale"] == it["rationale"]: probs.append("copy identical to faithful")
        bad += bool(probs)
        out.append(f"{'FAIL' if probs else 'PASS'} {it['id']} ({it['label']}, {len(it['claims'])} claims)" + "".join("\n    " + p for p in probs))
    out.append(f"\n{len(items)} items, {len(items)-bad} pass, {bad} fail")
    open("check_report.txt", "w").write("\n".join(out) + "\n")
    print("\n".join(out))
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
