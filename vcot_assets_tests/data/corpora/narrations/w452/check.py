"""Standalone checker for w452 narrations: runs each program under sys.settrace and checks claims."""
import ast, copy, json, sys
from collections import defaultdict

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return v

def run(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = defaultdict(list)          # name -> chronological list of values (one entry per change)
    last = {}                         # (frame id, name) -> last value
    lines = defaultdict(int)
    def record(frame):
        items = dict(frame.f_locals)
        s = items.get("self")
        if s is not None and hasattr(s, "__dict__"):
            for a, v in vars(s).items():
                items["self." + a] = v
        for k, v in items.items():
            if k == "self":
                continue
            key = (id(frame), k)
            if key not in last or last[key] != v or type(last[key]) != type(v):
                last[key] = snap(v)
                hist[k].append(snap(v))
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            record(frame)
            lines[frame.f_lineno] += 1
        elif event == "return":
            record(frame)
            hist["return@" + frame.f_code.co_name].append(snap(arg))
        return tr
    sys.settrace(tr)
    try:
        res = eval(call, ns)
    finally:
        sys.settrace(None)
    return res, hist, lines, ns

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, res, hist, lines, ns):
    w = c["what"]; v = lit(c["value"])
    if w == "value":
        return v in hist.get(c["variable"], []), f"{c['variable']} history {hist.get(c['variable'])}"
    if w == "count":
        n = eval(c["expr"], {}) if "expr" in c else lines[c["line"]]
        return n == v, f"count {c.get('line', c.get('expr'))} = {n}"
    if w in ("comparison", "arith"):
        got = eval(c.get("expr", c["quote"]), {})
        if w == "arith" and isinstance(got, bool) != isinstance(v, bool):
            return False, f"type mismatch {got!r} vs {v!r}"
        return got == v, f"{c.get('expr', c['quote'])} -> {got!r}"
    if w == "return":
        return v == res, f"returned {res!r}"
    if w == "call":
        got = eval(c["expr"], ns)
        return got == v, f"{c['expr']} -> {got!r}"
    return False, "unknown claim kind"

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    fails = 0; out = []
    for it in items:
        errs = []
        res, hist, lines, ns = run(it["code"], it["call"])
        if repr(res) != it["returned"]:
            errs.append(f"returned mismatch {res!r} vs {it['returned']}")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                errs.append(f"quote not in rationale: {c['quote']!r}")
        last_line = it["rationale"].rstrip().splitlines()[-1]
        if not last_line.startswith("Answer:") or last_line[len("Answer:"):].strip() != it["answer"]:
            errs.append("Answer line does not match answer field")
        # answer check
        if it["direction"] == "forward":
            ans_ok = (lit(it["answer"]) == res)
        else:
            r2, *_ = run(it["code"], it["answer"])
            ans_ok = (r2 == res) and it["answer"].startswith(it["function"] + "(")
        err = it["error"]
        bad_quote = err["quote"] if err else None
        for c in it["claims"]:
            ok, why = check_claim(c, res, hist, lines, ns)
            is_err_claim = err is not None and c["quote"] == bad_quote
            if is_err_claim:
                if ok and not c.get("at"):
                    errs.append(f"error claim is actually true: {c['quote']!r} ({why})")
            elif not ok:
                errs.append(f"claim false: {c['quote']!r} ({why})")
        if err is None:
            if not ans_ok:
                errs.append("faithful answer wrong")
        else:
            k = err["kind"]
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    errs.append("answer error but answer is right")
            else:
                if not ans_ok:
                    errs.append("non-answer error but answer wrong")
                if bad_quote not in it["rationale"]:
                    errs.append("error quote missing")
                ec = [c for c in it["claims"] if c["quote"] == bad_quote]
                if not ec:
                    errs.append("no claim for the error quote")
                for c in ec:
                    stated = lit(c["value"])
                    if "at" in c:   # value at a specific point: k-th entry of the variable's history
                        h = hist[c["variable"]]
                        if h[c["at"]] == stated:
                            errs.append(f"stated value true at that point {c['quote']!r}")
                        try:
                            act = lit(err["actual"])
                        except Exception:
                            act = None
                        if act is not None and h[c["at"]] != act:
                            errs.append(f"'at' index does not point at the actual value {h[c['at']]!r} vs {act!r}")
                        if err.get("held_elsewhere") and stated not in h:
                            errs.append("held_elsewhere but value never held")
                        if not err.get("held_elsewhere") and stated in h:
                            errs.append("value held somewhere but held_elsewhere false")
                    elif c["what"] == "count":
                        if (eval(c["expr"], {}) if "expr" in c else lines[c["line"]]) == stated:
                            errs.append("count error is true")
                    if err.get("held_elsewhere") and "at" not in c and c["what"] != "count":
                        hv = c.get("held_var", c["variable"])
                        if stated not in hist.get(hv, []):
                            errs.append("held_elsewhere value not held by " + str(hv))
        status = "PASS" if not errs else "FAIL"
        if errs: fails += 1
        out.append(f"{status} {it['id']} ({it['direction']}, {it['style']}, {it['label']}{'/' + err['kind'] if err else ''})")
        out += ["    " + e for e in errs]
    out.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    open("check_report.txt", "w").write("\n".join(out) + "\n")
    print("\n".join(out[-40:]))
    return fails

if __name__ == "__main__":
    sys.exit(1 if main() else 0)
