"""Standalone checker for w365 narrations: re-executes every program with sys.settrace,
records per-variable value histories, line hit counts and returns, then checks claims,
answers and error copies. Usage: python3 check.py narrations.jsonl > check_report.txt"""
import sys, json, ast, copy

def run_traced(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist = {}      # name -> list of successive distinct values (per frame merged in time order)
    lines = {}     # lineno -> hit count
    rets = []
    last = {}      # (frame id, name) -> last value
    after = {}     # lineno -> list of {var: value} snapshots taken right after that line ran
    prev = {}      # frame id -> line last executed
    def snap(frame):
        items = []
        for k, v in frame.f_locals.items():
            items.append((k, v))
            if hasattr(v, "__dict__") and not callable(v):
                for a, av in vars(v).items():
                    items.append((k + "." + a, av))
        for k, v in items:
            try:
                v2 = copy.deepcopy(v)
            except Exception:
                v2 = v
            key = (id(frame), k)
            if key not in last or last[key] != v2:
                last[key] = v2
                hist.setdefault(k, []).append(v2)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event in ("line", "return") and id(frame) in prev:
            d = {}
            for k, v in frame.f_locals.items():
                try: d[k] = copy.deepcopy(v)
                except Exception: d[k] = v
                if hasattr(v, "__dict__") and not callable(v):
                    for a, av in vars(v).items():
                        d[k + "." + a] = copy.deepcopy(av)
            after.setdefault(prev[id(frame)], []).append(d)
        if event == "line":
            prev[id(frame)] = frame.f_lineno
            snap(frame)
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        elif event == "return":
            snap(frame)
            rets.append(copy.deepcopy(arg))
        return tr
    sys.settrace(tr)
    try:
        result = eval(call, g)
    finally:
        sys.settrace(None)
    return result, hist, lines, rets, after

def plain_eval(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    ok_all = True
    n_claims = 0
    for it in items:
        probs = []
        res, hist, lines, rets, after = run_traced(it["code"], it["call"])
        if repr(res) != it["returned"]:
            probs.append("returned mismatch %r vs %s" % (res, it["returned"]))
        text = it["rationale"]
        last_line = text.strip().splitlines()[-1]
        if not last_line.startswith("Answer:") or last_line[len("Answer:"):].strip() != it["answer"]:
            probs.append("Answer line does not match answer field")
        err = it["error"]
        bad_quote = err["quote"] if err else None
        for c in it["claims"]:
            n_claims += 1
            if c["quote"] not in text:
                probs.append("quote not in rationale: %r" % c["quote"])
            if err and c["quote"] == bad_quote:
                continue  # the erroneous claim is checked below
            w = c["what"]; v = lit(c["value"])
            if w == "value" and "line" not in c:
                if v not in hist.get(c["variable"], []):
                    probs.append("value claim false: %s=%r" % (c["variable"], v))
            elif w == "value" and "line" in c:
                got = [d.get(c["variable"]) for d in after.get(c["line"], [])][c.get("start", 0):c.get("start", 0) + len(v)]
                if got != list(v):
                    probs.append("seq claim false: %r vs %r" % (v, got))
            elif w == "count":
                ln = int(c["variable"].split("@line")[1])
                if lines.get(ln, 0) - (1 if c.get("header") else 0) != v:
                    probs.append("count claim false: line %d ran %d, stated %r" % (ln, lines.get(ln, 0), v))
            elif w in ("arith", "comparison"):
                expr = c.get("expr", c["quote"])
                if eval(expr, {}) != v:
                    probs.append("%s claim false: %s -> %r" % (w, expr, v))
            elif w == "return":
                if v not in rets:
                    probs.append("return claim false: %r" % (v,))
            elif w == "call":
                if plain_eval(it["code"], c["quote"]) != v:
                    probs.append("call claim false")
        # answer
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == res
        else:
            try:
                ans_ok = plain_eval(it["code"], it["answer"]) == res
            except Exception:
                ans_ok = False
        if it["label"] == "faithful":
            if not ans_ok:
                probs.append("faithful answer wrong")
            if err is not None:
                probs.append("faithful with error")
        else:
            if err["quote"] not in text:
                probs.append("error quote not in rationale")
            if not any(c["quote"] == err["quote"] for c in it["claims"]):
                probs.append("error quote missing from claims")
            chk = err["check"]; t = chk["type"]
            stated = None if t == "answer" else lit(chk.get("stated_value", err["stated"]))
            hv = chk.get("held_value")
            if t == "answer":
                if ans_ok:
                    probs.append("error answer is actually right")
            else:
                if not err.get("carried") and not ans_ok and err["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                    probs.append("non-answer error copy has a wrong answer")
                if t == "history_index":
                    h = hist.get(chk["variable"], [])
                    actual = h[chk["index"]]
                    if actual == stated:
                        probs.append("error not false at that point")
                    if lit(chk.get("actual_value", err["actual"])) != actual:
                        probs.append("error actual mismatch %r" % (actual,))
                elif t == "seq":
                    got = [d.get(chk["variable"]) for d in after.get(chk["line"], [])][chk["start"]:chk["start"] + len(stated)]
                    if got == list(stated):
                        probs.append("seq error is actually right")
                elif t == "never":
                    if stated in hist.get(chk["variable"], []):
                        probs.append("impossible state actually occurs")
                elif t == "arith":
                    if eval(chk["expr"], {}) == stated:
                        probs.append("arith error is actually right")
                elif t == "comparison":
                    if eval(chk["expr"], {}) == stated:
                        probs.append("comparison error is actually right")
                elif t == "count":
                    if lines.get(chk["line"], 0) - (1 if chk.get("header") else 0) == stated:
                        probs.append("count error is actually right")
                elif t == "return":
                    if stated in rets:
                        probs.append("return error is actually right")
                else:
                    probs.append("unknown check type")
            if err.get("held_elsewhere"):
                allv = [x for h in hist.values() for x in h] + list(lines.values())
                if (lit(hv) if hv is not None else stated) not in allv:
                    probs.append("held_elsewhere value never held")
        status = "PASS" if not probs else "FAIL"
        if probs:
            ok_all = False
        print("%s %s (%d claims)%s" % (status, it["id"], len(it["claims"]), "" if not probs else ": " + "; ".join(probs)))
    print("items: %d, claims: %d, all pass: %s" % (len(items), n_claims, ok_all))
    return 0 if ok_all else 1

if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"))
