"""Standalone checker for w485 narrations: re-executes each program under sys.settrace and
verifies every claim (faithful items) and that the marked error really is false (error copies)."""
import ast, copy, json, sys
from collections import Counter

FN = "<w485>"

def run(code, call):
    snaps, lines = [], Counter()
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == "line":
            lines[(frame.f_code.co_name, frame.f_lineno)] += 1
        try:
            snaps.append(copy.deepcopy(dict(frame.f_locals)))
        except Exception:
            snaps.append(dict(frame.f_locals))
        return tracer
    g = {}
    exec(compile(code, FN, "exec"), g)
    expr = compile(call, FN + "call", "eval")
    sys.settrace(tracer)
    try:
        ret = eval(expr, g)
    finally:
        sys.settrace(None)
    return ret, snaps, lines, g

def plain(code, call):
    g = {}
    exec(compile(code, FN, "exec"), g)
    return eval(call, g)

def history(snaps, var):
    h = []
    for s in snaps:
        try:
            v = eval(var, {}, s)
        except Exception:
            continue
        if v is None:
            continue
        if not h or h[-1] != v:
            h.append(v)
    return h

def line_count(lines, n):
    return sum(c for (fn, ln), c in lines.items() if ln == n)

def check_claim(c, ret, snaps, lines, item):
    val = ast.literal_eval(c["value"]) if c["what"] != "call" else c["value"]
    w = c["what"]
    if w == "value":
        h = history(snaps, c["variable"])
        if "idx" in c:
            return len(h) > c["idx"] and h[c["idx"]] == val, f"hist={h}"
        return val in h, f"hist={h}"
    if w == "count":
        n = len(history(snaps, c["var"])) if "var" in c else line_count(lines, c["line"])
        return n == val, f"count={n}"
    if w in ("arith", "comparison"):
        r = eval(c["expr"])
        return r == val, f"eval={r!r}"
    if w == "return":
        return val == ret, f"ret={ret!r}"
    if w == "call":
        r = plain(item["code"], val)
        return repr(r) == item["returned"], f"call->{r!r}"
    return False, "unknown claim kind"

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    fails, n_claims = [], 0
    for it in items:
        ret, snaps, lines, g = run(it["code"], it["call"])
        tag = it["id"]
        if repr(ret) != it["returned"]:
            fails.append(f"{tag}: returned {ret!r} != {it['returned']}")
        if not it["rationale"].rstrip().splitlines()[-1].startswith("Answer:"):
            fails.append(f"{tag}: last line is not Answer:")
        if it["rationale"].rstrip().splitlines()[-1] != "Answer: " + it["answer"]:
            fails.append(f"{tag}: answer field does not match Answer line")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                fails.append(f"{tag}: quote not in rationale: {c['quote']}")
        if it["label"] == "faithful":
            for c in it["claims"]:
                n_claims += 1
                ok, why = check_claim(c, ret, snaps, lines, it)
                if not ok:
                    fails.append(f"{tag}: claim false {c['quote']!r} ({why})")
            if it["direction"] == "forward":
                if ast.literal_eval(it["answer"]) != ret:
                    fails.append(f"{tag}: forward answer wrong")
            else:
                if repr(plain(it["code"], it["answer"])) != it["returned"]:
                    fails.append(f"{tag}: backward answer does not reproduce output")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                fails.append(f"{tag}: error quote missing")
            ck = e["check"]
            err_claim = [c for c in it["claims"] if c["quote"] == e["quote"]]
            # all non-error claims must still be true
            for c in it["claims"]:
                if c["quote"] == e["quote"]:
                    continue
                n_claims += 1
                ok, why = check_claim(c, ret, snaps, lines, it)
                if not ok:
                    fails.append(f"{tag}: non-error claim false {c['quote']!r} ({why})")
            stated = None
            if err_claim and err_claim[0]["what"] != "call":
                stated = ast.literal_eval(err_claim[0]["value"])
            if "answer" in ck:
                if it["direction"] == "forward":
                    bad = ast.literal_eval(it["answer"]) != ret
                else:
                    bad = repr(plain(it["code"], it["answer"])) != it["returned"]
                if not bad:
                    fails.append(f"{tag}: answer error is not wrong")
            elif "expr" in ck:
                r = eval(ck["expr"])
                if r == stated:
                    fails.append(f"{tag}: stated {stated!r} is actually right")
                if "held_var" in ck and stated not in history(snaps, ck["held_var"]):
                    fails.append(f"{tag}: held_elsewhere but {stated!r} never held by {ck['held_var']}")
            elif "line" in ck or "count_var" in ck:
                n = line_count(lines, ck["line"]) if "line" in ck else len(history(snaps, ck["count_var"]))
                if n == stated:
                    fails.append(f"{tag}: stated count is right")
            elif "var" in ck:
                h = history(snaps, ck["var"])
                if ck.get("never"):
                    if stated in h:
                        fails.append(f"{tag}: impossible state {stated!r} does occur")
                else:
                    if h[ck["idx"]] == stated:
                        fails.append(f"{tag}: stated value true at that point")
                    if e["held_elsewhere"] and stated not in h:
                        fails.append(f"{tag}: held_elsewhere but never held")
            else:
                fails.append(f"{tag}: no check spec")
            if e["held_elsewhere"] and "expr" in ck and "held_var" not in ck:
                fails.append(f"{tag}: held_elsewhere without held_var")
    print(f"items: {len(items)}  faithful: {sum(i['label']=='faithful' for i in items)}  "
          f"errors: {sum(i['label']=='error' for i in items)}  claims checked: {n_claims}")
    print("by kind:", dict(Counter(i['error']['kind'] for i in items if i['error'])))
    for f in fails:
        print("FAIL", f)
    print("ALL PASS" if not fails else f"{len(fails)} FAILURES")
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
