"""Standalone checker: re-executes every program with sys.settrace and checks each narration's
claims, answers and error annotations against the real execution. Writes check_report.txt."""
import json, sys, ast, copy, re, warnings
warnings.filterwarnings("ignore")

FILE = "<w44prog>"

def run(code, call):
    ns = {}
    exec(compile(code, FILE, "exec"), ns)
    hist, lines, snaps = {}, {}, []
    def rec(frame):
        for k, v in frame.f_locals.items():
            try:
                v2 = copy.deepcopy(v)
            except Exception:
                v2 = v
            hist.setdefault(k, [])
            if not hist[k] or hist[k][-1] != v2 or type(hist[k][-1]) != type(v2):
                hist[k].append(v2)
            if hasattr(v, "__dict__") and not isinstance(v, type) and type(v).__name__ in ns:
                for a, av in vars(v).items():
                    key = f"{k}.{a}"
                    av2 = copy.deepcopy(av)
                    hist.setdefault(key, [])
                    if not hist[key] or hist[key][-1] != av2:
                        hist[key].append(av2)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != FILE:
            return None
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            try:
                snaps.append(copy.deepcopy(dict(frame.f_locals)))
            except Exception:
                snaps.append(dict(frame.f_locals))
        rec(frame)
        if event == "return":
            hist.setdefault("<return:" + frame.f_code.co_name + ">", []).append(copy.deepcopy(arg))
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ns, ret, hist, lines, snaps

def strip(q):
    return q.replace("`", "").strip()

def claim_ok(c, ns, ret, hist, lines, snaps):
    """Return (ok, why)."""
    w, var = c["what"], c["variable"]
    if w == "value":
        val = ast.literal_eval(c["value"])
        h = hist.get(var)
        if h is None:
            return False, f"no variable {var}"
        return any(x == val and type(x) == type(val) for x in h), f"{var} history has no {val!r}"
    if w == "count":
        m = re.match(r"loop@line (\d+)", var)
        n = lines.get(int(m.group(1)), 0)
        return n == ast.literal_eval(c["value"]), f"{var} ran {n}"
    if w in ("comparison", "arith"):
        val = ast.literal_eval(c["value"])
        expr = strip(c["quote"])
        try:
            got = eval(expr, dict(ns))
            return got == val, f"{c['quote']} evaluates to {got!r}"
        except NameError:
            # expression over program variables: true if some executed state gives that value
            seen = set()
            for s in snaps:
                try:
                    seen.add(repr(eval(expr, dict(ns), dict(s))))
                except Exception:
                    pass
            return repr(val) in seen, f"{expr} over states gives {sorted(seen)}"
    if w == "return":
        val = ast.literal_eval(c["value"])
        return val == ret, f"returned {ret!r}"
    if w == "call":
        got = eval(c["value"], dict(ns))
        return got == ret, f"call returns {got!r}"
    return False, "unknown claim kind"

def main():
    progs = {p["id"]: p for p in map(json.loads, open("programs.jsonl"))}
    items = [json.loads(l) for l in open("narrations.jsonl")]
    out, bad = [], 0
    cache = {}
    for pid, p in progs.items():
        ns, ret, hist, lines, snaps = run(p["code"], p["call"])
        cache[pid] = (ns, ret, hist, lines, snaps)
        if repr(ret) != p["returned"]:
            bad += 1; out.append(f"FAIL {pid}: returned {ret!r} != {p['returned']}")
    for it in items:
        ns, ret, hist, lines, snaps = cache[it["program_id"]]
        probs = []
        if repr(ret) != it["returned"]:
            probs.append("returned mismatch")
        if it["label"] == "error" and it["error"]["quote"] not in it["rationale"]:
            probs.append("error quote not in rationale")
        failing = []
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append(f"quote missing: {c['quote']!r}")
                continue
            ok, why = claim_ok(c, ns, ret, hist, lines, snaps)
            if not ok:
                failing.append((c, why))
        # answer
        if it["direction"] == "forward":
            ans_ok = ast.literal_eval(it["answer"]) == ret
        else:
            try:
                ans_ok = eval(it["answer"], dict(ns)) == ret
            except Exception:
                ans_ok = False
        kind = it["error"]["kind"] if it["error"] else None
        if it["label"] == "faithful":
            for c, why in failing:
                probs.append(f"false claim {c['quote']!r}: {why}")
            if not ans_ok:
                probs.append("answer wrong")
        else:
            if kind in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    probs.append("error answer is actually right")
                if kind == "backward_wrong_input" and it["direction"] != "backward":
                    probs.append("backward_wrong_input on forward item")
            else:
                if not ans_ok:
                    probs.append("answer wrong in non-answer error")
                if not failing:
                    probs.append("error claim not false")
                eq = it["error"]["quote"]
                for c, why in failing:
                    if not (c["quote"] in eq or eq in c["quote"] or it["error"]["carried"]):
                        probs.append(f"unexpected false claim {c['quote']!r}: {why}")
        status = "OK  " if not probs else "FAIL"
        if probs: bad += 1
        out.append(f"{status} {it['id']} [{it['style']}/{it['family']}/{kind or 'faithful'}] claims={len(it['claims'])} false={len(failing)}" + ("" if not probs else " :: " + "; ".join(probs)))
    out.append(f"SUMMARY: {len(progs)} programs, {len(items)} narrations, {bad} failures")
    open("check_report.txt", "w").write("\n".join(out) + "\n")
    print("\n".join(l for l in out if not l.startswith("OK")))
    return bad

if __name__ == "__main__":
    sys.exit(1 if main() else 0)
