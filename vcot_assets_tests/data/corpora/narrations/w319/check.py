#!/usr/bin/env python3
"""Standalone checker for w319 narrations: runs each call under sys.settrace, records
per-variable value histories and line hit counts, and verifies claims / errors."""
import json, sys, copy

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = {}      # name -> list of successive values (all program frames)
    lines = {}     # lineno -> hit count
    linesnap = {}  # lineno -> list of locals snapshots taken when that line is about to run
    def snap(frame):
        for k, v in frame.f_locals.items():
            try:
                v = copy.deepcopy(v)
            except Exception:
                pass
            if k == "self":
                for a, av in getattr(frame.f_locals["self"], "__dict__", {}).items():
                    key = "self." + a
                    av = copy.deepcopy(av)
                    h = hist.setdefault(key, [])
                    if not h or h[-1] != av:
                        h.append(av)
                continue
            h = hist.setdefault(k, [])
            if not h or h[-1] != v:
                h.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event in ("line", "return"):
            snap(frame)
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            snapd = {}
            for k, v in frame.f_locals.items():
                try:
                    snapd[k] = copy.deepcopy(v)
                except Exception:
                    snapd[k] = v
            linesnap.setdefault(frame.f_lineno, []).append(snapd)
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    lines["snap"] = linesnap
    return ret, hist, lines, ns

def lit(s):
    import ast
    return ast.literal_eval(s) if isinstance(s, str) else s

def project(h, key):
    if key is None:
        return h
    out = []
    for x in h:
        try:
            y = x[key]
        except Exception:
            continue
        if not out or out[-1] != y:
            out.append(y)
    return out

def lines_or_none(hist):
    return hist

def check_claim(c, ret, hist, lines, ns):
    w = c["what"]
    if w == "call":
        r = eval(c["value"], dict(ns))
        return r == ret, f"call -> {r!r}"
    v = lit(c["value"])
    if w == "value" and "at_line" in c:
        vals = [sd[c["variable"]] for sd in lines["snap"].get(c["at_line"], []) if c["variable"] in sd]
        vals = [project([x], c.get("key"))[0] if c.get("key") is not None else x for x in vals]
        if c.get("seq"):
            return vals == v, f"{c['variable']} at line {c['at_line']}: {vals}"
        if "iter" in c:
            return c["iter"] < len(vals) and vals[c["iter"]] == v, f"{c['variable']} at line {c['at_line']}: {vals}"
        return v in vals, f"{c['variable']} at line {c['at_line']}: {vals}"
    if w == "value":
        h = project(hist.get(c["variable"], []), c.get("key"))
        if c.get("seq"):
            n = len(v)
            return any(h[i:i + n] == v for i in range(len(h) - n + 1)), f"{c['variable']} seq {h[:30]}"
        if "at" in c:
            return c["at"] < len(h) and h[c["at"]] == v, f"{c['variable']}[{c.get('at')}]"
        return v in h, f"{c['variable']} history {h[:30]}"
    if w == "count":
        n = lines.get(c["line"], 0)
        return n == v, f"line {c['line']} ran {n}"
    if w in ("comparison", "arith"):
        r = eval(c["expr"], dict(ns))
        return r == v, f"{c['expr']} -> {r!r}"
    if w == "return":
        return v == ret, f"returned {ret!r}"
    if w == "call":
        r = eval(c["value"] if isinstance(c["value"], str) else c["expr"], dict(ns))
        return r == ret, f"call -> {r!r}"
    return False, "unknown kind"

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")]
    byid = {it["id"]: it for it in items}
    out = []; bad = 0
    for it in items:
        probs = []
        ret, hist, lines, ns = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append(f"returned mismatch {ret!r} vs {it['returned']}")
        rat = it["rationale"]
        last = rat.strip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            probs.append("answer line does not match answer field")
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == ret
        else:
            _, _, _, ns2 = run_traced(it["code"], it["call"])
            ans_ok = eval(it["answer"], ns2) == ret
        err = it["error"]
        for c in it["claims"]:
            if c["quote"] not in rat:
                probs.append(f"quote not in rationale: {c['quote']!r}")
            if err is not None and c["quote"] == err["quote"]:
                continue
            ok, info = check_claim(c, ret, hist, lines, ns)
            if not ok:
                probs.append(f"claim false: {c['quote']!r} ({info})")
        if it["label"] == "faithful":
            if not ans_ok:
                probs.append("faithful answer wrong")
        else:
            if it["faithful_id"] not in byid:
                probs.append("missing faithful")
            if err["quote"] not in rat:
                probs.append("error quote not in rationale")
            k = err["kind"]
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    probs.append("error answer is actually right")
            else:
                if not ans_ok:
                    probs.append("answer should stay right")
                ec = [c for c in it["claims"] if c["quote"] == err["quote"]]
                if not ec:
                    probs.append("no claim for the error")
                for c in ec:
                    ok, info = check_claim(c, ret, hist, lines, ns)
                    if ok:
                        probs.append(f"error claim is TRUE: {c['quote']!r} ({info})")
                    if err.get("held_elsewhere"):
                        hv = c.get("held_var", c.get("variable"))
                        h = project(hist.get(hv, []), c.get("key"))
                        vals = lit(c["value"]) if c.get("seq") else [lit(c["value"])]
                        if hv in lines_or_none(hist) and not all(x in h for x in vals):
                            probs.append(f"held_elsewhere but value never held: {h[:30]}")
                    if "true_value" in c:
                        c2 = dict(c); c2["value"] = c["true_value"]
                        ok2, info2 = check_claim(c2, ret, hist, lines, ns)
                        if not ok2:
                            probs.append(f"stated actual is not true: {info2}")
        status = "PASS" if not probs else "FAIL"
        bad += bool(probs)
        out.append(f"{status} {it['id']} ({it['direction']}, {it['style']}, {it['family']}, "
                   f"{(err or {}).get('kind', 'faithful')}, {len(it['claims'])} claims)")
        out += ["    " + p for p in probs]
    out.append(f"\n{len(items)} items, {len(items) - bad} pass, {bad} fail")
    print("\n".join(out))
    return bad

if __name__ == "__main__":
    sys.exit(1 if main() else 0)
