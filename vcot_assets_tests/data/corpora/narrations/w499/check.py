"""Standalone checker for w499 narrations: runs each call under sys.settrace and
verifies claims / errors against the real execution. Usage: python3 check.py > check_report.txt"""
import json, sys, ast, copy

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = {}      # var -> list of values (consecutive duplicates collapsed)
    lines = {}     # line number -> hit count
    snaps = {}     # line number -> list of locals snapshots taken when that line is about to run
    def note(name, val):
        try:
            v = copy.deepcopy(val)
        except Exception:
            v = val
        h = hist.setdefault(name, [])
        if not h or h[-1] != v:
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    note("self." + a, av)
            else:
                note(k, v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        snap(frame)
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            d = {}
            for k, v in frame.f_locals.items():
                if k != "self":
                    try:
                        d[k] = copy.deepcopy(v)
                    except Exception:
                        d[k] = v
            snaps.setdefault(frame.f_lineno, []).append(d)
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    hist['__snaps__'] = snaps
    return ret, hist, lines, ns

def lit(s):
    return ast.literal_eval(s)

def check_item(it, fails):
    ret, hist, lines, ns = run_traced(it["code"], it["call"])
    iid = it["id"]
    def fail(msg):
        fails.append(f"{iid}: {msg}")
    if repr(ret) != it["returned"]:
        fail(f"returned {repr(ret)} != {it['returned']}")
    if it["rationale"].strip().splitlines()[-1].strip() != "Answer: " + it["answer"]:
        fail("last line is not the Answer line")
    err = it["error"]
    # answer check
    if it["direction"] == "forward":
        ok = lit(it["answer"]) == ret
    else:
        ns2 = {}
        exec(it["code"], ns2)
        ok = eval(it["answer"], ns2) == ret
    want_ok = not (err and err["kind"] in ("wrong_final_answer", "backward_wrong_input"))
    if ok != want_ok:
        fail(f"answer check {ok}, expected {want_ok}")
    wrong_quote = err["quote"] if err else None
    for c in it["claims"]:
        if c["quote"] not in it["rationale"]:
            fail(f"quote not in rationale: {c['quote']!r}")
        is_err = err is not None and c["quote"] == wrong_quote
        good = claim_true(c, hist, lines, ret)
        if good is None:
            fail(f"claim uncheckable {c}")
        elif is_err and good:
            fail(f"error claim is actually true: {c}")
        elif not is_err and not good:
            fail(f"claim false: {c}")
    if err:
        if err["quote"] not in it["rationale"]:
            fail("error quote not in rationale")
        if err["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
            if not any(c["quote"] == err["quote"] for c in it["claims"]):
                fail("error has no matching claim")
        if err.get("held_elsewhere"):
            # the wrong value must be one the program really holds somewhere (another moment / variable)
            c = [c for c in it["claims"] if c["quote"] == err["quote"]][0]
            v = lit(err["stated"])
            allvals = [x for k2, h in hist.items() if k2 != "__snaps__" for x in h] + list(lines.values())
            allvals += [x for k2, h in hist.items() if k2 != "__snaps__" for d in h if isinstance(d, dict) for x in d.values()]
            if v not in allvals:
                fail(f"held_elsewhere but value {v!r} never held")

def claim_true(c, hist, lines, ret):
    v = lit(c["value"])
    w = c["what"]
    if w == "return":
        return v == ret
    if w in ("arith", "comparison"):
        expr = c.get("expr")
        if expr is None:
            return None
        return eval(expr) == v
    if w == "count":
        ln = c.get("line")
        if ln is None:
            return None
        return lines.get(ln, 0) == v
    if w == "value":
        h = hist.get(c["variable"])
        if c.get("at_line"):
            # values of the variable each time line at_line is about to run
            h = [d[c["variable"]] for d in hist["__snaps__"].get(c["at_line"], []) if c["variable"] in d]
        elif c.get("sub") is not None and h is not None:
            # history of one dict entry, e.g. self.stock['rope']
            hh = []
            for d in h:
                if c["sub"] in d and (not hh or hh[-1] != d[c["sub"]]):
                    hh.append(d[c["sub"]])
            h = hh
        if h is None:
            return None
        if c.get("seq"):
            n = len(v)
            return any(h[i:i + n] == v for i in range(len(h) - n + 1))
        if "k" in c:
            return c["k"] < len(h) and h[c["k"]] == v
        return v in h
    return None

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    fails = []
    for it in items:
        try:
            check_item(it, fails)
        except Exception as e:
            fails.append(f"{it['id']}: exception {e!r}")
    ids = {it["id"] for it in items}
    for it in items:
        if it["faithful_id"] and it["faithful_id"] not in ids:
            fails.append(f"{it['id']}: missing faithful {it['faithful_id']}")
    nf = sum(1 for it in items if it["label"] == "faithful")
    print(f"items: {len(items)} (faithful {nf}, error {len(items)-nf}), programs {len({it['program_id'] for it in items})}")
    nclaims = sum(len(it["claims"]) for it in items)
    print(f"claims checked: {nclaims}")
    for f in fails:
        print("FAIL", f)
    print("RESULT:", "PASS" if not fails else f"{len(fails)} failures")

if __name__ == "__main__":
    main()
