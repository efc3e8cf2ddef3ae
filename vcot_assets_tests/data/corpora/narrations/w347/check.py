"""Standalone checker for w347 narrations: re-runs each program under sys.settrace and checks
every claim / error annotation against the real execution. Usage: python3 check.py > check_report.txt"""
import ast, copy, json, sys
from collections import defaultdict

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call):
    ns = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = defaultdict(list)
    hits = defaultdict(int)
    seen_frames = {}
    def record(frame):
        fid = id(frame)
        last = seen_frames.setdefault(fid, {})
        items = dict(frame.f_locals)
        s = items.get("self")
        if s is not None and hasattr(s, "__dict__"):
            for k, v in vars(s).items():
                items["self." + k] = v
        for k, v in items.items():
            if k == "self":
                continue
            sv = snap(v)
            if k not in last or last[k] != sv:
                last[k] = sv
                hist[k].append(sv)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "call":
            seen_frames.pop(id(frame), None)
        record(frame)
        if event == "line":
            hits[frame.f_lineno] += 1
        if event == "return":
            seen_frames.pop(id(frame), None)
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, hits, ns

def subhist(hist, var):
    """history of var, or of one key of a dict variable when var is written 'name[key]'"""
    if "[" not in var:
        return hist.get(var, [])
    base, key = var[:-1].split("[", 1)
    key = ast.literal_eval(key)
    out = []
    for h in hist.get(base, []):
        if isinstance(h, dict) and key in h and (not out or out[-1] != h[key]):
            out.append(h[key])
    return out

def lit(s):
    return ast.literal_eval(s)

def claim_true(c, ret, hist, hits):
    what, var, val = c["what"], c.get("variable"), lit(c["value"])
    if what == "value":
        h = subhist(hist, var)
        return val in h, f"{var} history {h}"
    if what == "sequence":
        h = subhist(hist, var)
        it = iter(h)
        return all(any(x == y for y in it) for x in val), f"{var} history {h}"
    if what == "count":
        line = int(var.split("@line")[1])
        return hits[line] == val, f"{var} ran {hits[line]}"
    if what in ("arith", "comparison", "call"):
        expr = c.get("expr") or c["quote"].split("=")[0]
        got = eval(expr, {})
        return got == val, f"{expr} -> {got!r}"
    if what == "return":
        return ret == val, f"returned {ret!r}"
    return False, "unknown claim kind " + what

def error_is_false(item, ret, hist, hits, ns):
    e = item["error"]
    k = e["kind"]
    chk = e.get("check", {})
    stated = e["stated"]
    if k == "wrong_final_answer":
        return lit(item["answer"]) != ret and lit(e["actual"]) == ret, "answer vs return"
    if k == "backward_wrong_input":
        got = eval(item["answer"], ns)
        return got != lit(item["returned"]), f"{item['answer']} -> {got!r}"
    t = chk.get("type")
    sv = lit(stated)
    if t == "hist":
        h = hist[chk["variable"]]
        at = h[chk["occurrence"]]
        ok = at != sv and at == lit(e["actual"])
        if e.get("held_elsewhere"):
            ok = ok and sv in h
        return ok, f"{chk['variable']}[{chk['occurrence']}]={at!r} stated {sv!r} hist {h}"
    if t == "absent":
        h = subhist(hist, chk["variable"])
        return sv not in h, f"{chk['variable']} hist {h}"
    if t == "expr":
        got = eval(chk["expr"], {})
        ok = got != sv and got == lit(e["actual"])
        if e.get("held_elsewhere"):
            ok = ok and sv in subhist(hist, chk["held_in"])
        return ok, f"{chk['expr']} -> {got!r}"
    if t == "eval":
        got = eval(chk["expr"], {"hist": hist, "hits": hits, "subhist": subhist})
        ok = got != sv and got == lit(e["actual"])
        if e.get("held_elsewhere"):
            ok = ok and sv in subhist(hist, chk["held_in"])
        return ok, f"{chk['expr']} -> {got!r}"
    if t == "count":
        line = int(chk["loop"].split("@line")[1])
        return hits[line] != sv and hits[line] == lit(e["actual"]), f"loop ran {hits[line]}"
    return False, "no check spec"

def main():
    items = [json.loads(l) for l in open("narrations.jsonl", encoding="utf-8") if l.strip()]
    ids = {i["id"] for i in items}
    fails = 0
    for it in items:
        probs = []
        ret, hist, hits, ns = run(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append(f"returned {ret!r} != {it['returned']}")
        r = it["rationale"]
        last = r.strip().splitlines()[-1]
        if not (last.startswith("Answer:") or last.startswith("Predicted Output:")) or it["answer"] not in last:
            probs.append("last line does not hold answer")
        err = it.get("error")
        for c in it["claims"]:
            if c["quote"] not in r:
                probs.append(f"quote missing: {c['quote']!r}")
                continue
            if err and (c["quote"] == err["quote"] or c.get("carried")):
                continue
            ok, why = claim_true(c, ret, hist, hits)
            if not ok:
                probs.append(f"false claim {c['quote']!r}: {why}")
        if it["label"] == "faithful":
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret:
                    probs.append("forward answer wrong")
            else:
                if eval(it["answer"], ns) != ret:
                    probs.append("backward answer does not reproduce output")
        else:
            if it["faithful_id"] not in ids:
                probs.append("faithful_id missing")
            if err["quote"] not in r:
                probs.append("error quote not in rationale")
            ok, why = error_is_false(it, ret, hist, hits, ns)
            if not ok:
                probs.append(f"error not confirmed false: {why}")
            if err["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                if it["direction"] == "forward" and lit(it["answer"]) != ret and not err.get("carried"):
                    probs.append("uncarried error changed the forward answer")
            if it["direction"] == "backward" and err["kind"] != "backward_wrong_input":
                if eval(it["answer"], ns) != ret:
                    probs.append("backward answer wrong in non-answer error copy")
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        print(f"{status} {it['id']} ({it['label']}, {it['direction']}, {it['style']}, "
              f"{(err or {}).get('kind', '-')}, {len(it['claims'])} claims)")
        for p in probs:
            print("    " + p)
    print(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
