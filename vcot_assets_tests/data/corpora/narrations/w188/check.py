"""Standalone checker for w188 narrations: runs each program under sys.settrace, records
per-variable value histories (locals and self.<attr>), loop-header hit counts, and checks claims
and error copies. Usage: python3 check.py narrations.jsonl > check_report.txt"""
import json, sys, ast, copy

def run_traced(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist = {}          # name -> list of successive distinct values (as repr)
    hits = {}          # line -> [hits, entries]
    last_line = {}     # frame id -> previous line
    def rec(name, val):
        try:
            r = repr(val)
        except Exception:
            return
        h = hist.setdefault(name, [])
        if not h or h[-1] != r:
            h.append(r)
    def snap(frame):
        for k, v in list(frame.f_locals.items()):
            rec(k, v)
            if getattr(type(v), "__module__", None) == "prog" and hasattr(v, "__dict__"):
                for a, av in list(vars(v).items()):
                    rec(k + "." + a, av)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return tr
        snap(frame)
        if event == "line":
            ln = frame.f_lineno
            prev = last_line.get(id(frame))
            e = hits.setdefault(ln, [0, 0])
            e[0] += 1
            if prev is None or prev < ln:
                e[1] += 1
            last_line[id(frame)] = ln
        elif event == "return":
            last_line.pop(id(frame), None)
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, hits

def norm(v):
    try:
        return repr(ast.literal_eval(v))
    except Exception:
        return v

def loop_count(hits, label):
    ln = int(label.split("line")[-1].strip())
    h, e = hits.get(ln, [0, 0])
    return h - e

def eval_arith(q):
    q = q.replace("`", "")
    for sep in ["=", " is ", " gives ", " -> "]:
        if sep in q:
            left = q.split(sep)[0]
            return eval(left)
    raise ValueError(q)

def check_claim(c, hist, hits, ret):
    what, var, val = c["what"], c.get("variable"), c["value"]
    if what == "value":
        return norm(val) in [norm(x) for x in hist.get(var, [])], f"{var} history {hist.get(var)}"
    if what == "count":
        n = loop_count(hits, var)
        return n == ast.literal_eval(val), f"count {n}"
    if what == "arith":
        expr = c.get("expr") or c["quote"]
        got = eval(expr) if c.get("expr") else eval_arith(expr)
        return got == ast.literal_eval(val), f"arith {got!r}"
    if what == "comparison":
        got = eval(c["expr"])
        return bool(got) == ast.literal_eval(val), f"cmp {got!r}"
    if what == "return":
        return repr(ret) == norm(val), f"ret {ret!r}"
    if what == "call":
        return True, "call"
    return False, "unknown what"

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    byid = {it["id"]: it for it in items}
    fails = 0
    for it in items:
        probs = []
        ret, hist, hits = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append(f"returned mismatch {ret!r} vs {it['returned']}")
        text = it["rationale"]
        last = text.strip().splitlines()[-1]
        if not last.startswith("Answer:") and "Answer:" not in last and "Predicted Output" not in last:
            probs.append("no Answer line")
        if it["answer"] not in last:
            probs.append("answer not in last line")
        for c in it["claims"]:
            if c["quote"] not in text:
                probs.append(f"quote not in text: {c['quote']!r}")
        err = it["error"]
        bad_quote = err["quote"] if err else None
        if it["direction"] == "forward":
            ans_ok = repr(ast.literal_eval(it["answer"])) == repr(ret)
        else:
            g = {"__name__": "prog"}
            exec(it["code"], g)
            ans_ok = repr(eval(it["answer"], g)) == repr(ret)
        if it["label"] == "faithful":
            if not ans_ok:
                probs.append("answer wrong in faithful")
            for c in it["claims"]:
                ok, why = check_claim(c, hist, hits, ret)
                if not ok:
                    probs.append(f"claim false: {c['quote']!r} {why}")
        else:
            f = byid.get(it["faithful_id"])
            if f is None:
                probs.append("missing faithful")
            if err["quote"] not in text:
                probs.append("error quote not in text")
            ck = err.get("check", {})
            how = ck.get("how")
            stated, actual = err["stated"], err["actual"]
            if how == "answer":
                if ans_ok:
                    probs.append("wrong answer is actually right")
            else:
                if not ans_ok:
                    probs.append("non-answer error copy has wrong answer")
                if how == "hist":
                    h = hist.get(ck["variable"], [])
                    at = h[ck["index"]] if ck["index"] < len(h) else None
                    if at is not None and "item" in ck:
                        at = repr(ast.literal_eval(at)[ck["item"]])
                    if norm(at) != norm(actual) or norm(stated) == norm(at):
                        probs.append(f"hist check failed: at={at} actual={actual} stated={stated}")
                elif how == "arith":
                    got = eval(ck["expr"])
                    if repr(got) != norm(actual) or repr(got) == norm(stated):
                        probs.append(f"arith check failed {got!r}")
                elif how == "count":
                    n = loop_count(hits, ck["label"])
                    if n != ast.literal_eval(actual) or n == ast.literal_eval(stated):
                        probs.append(f"count check failed {n}")
                elif how == "cmp":
                    got = bool(eval(ck["expr"]))
                    if got != ast.literal_eval(actual) or got == ast.literal_eval(stated):
                        probs.append(f"cmp check failed {got}")
                elif how == "absent":
                    if norm(stated) in [norm(x) for x in hist.get(ck["variable"], [])]:
                        probs.append("impossible state actually occurs")
                elif how == "swap_items":
                    h = hist.get(ck["variable"], [])
                    st = ast.literal_eval(h[ck["index"]])
                    got = tuple(st[i] for i in ck["items"])
                    if repr(got) != norm(actual) or norm(stated) == repr(got):
                        probs.append(f"swap_items check failed {got!r}")
                elif how == "swap":
                    # two variables' values at the same point: stated pair differs from actual pair
                    if norm(stated) == norm(actual):
                        probs.append("swap not different")
                    for v, val in zip(ck["variables"], ast.literal_eval(actual)):
                        if repr(val) not in hist.get(v, []):
                            probs.append(f"swap actual {v}={val!r} never held")
                else:
                    probs.append(f"no check for error {how}")
                if err.get("held_elsewhere"):
                    allv = set(norm(x) for h in hist.values() for x in h)
                    if norm(stated) not in allv:
                        probs.append("held_elsewhere but stated never held")
            # all other claims must still be true (except the error's own and carried ones)
            for c in it["claims"]:
                if c["quote"] == bad_quote or c.get("carried"):
                    continue
                ok, why = check_claim(c, hist, hits, ret)
                if not ok:
                    probs.append(f"non-error claim false: {c['quote']!r} {why}")
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        print(f"{status} {it['id']} ({it['label']}{', ' + err['kind'] if err else ''}) claims={len(it['claims'])}")
        for p in probs:
            print("    -", p)
    print(f"\n{len(items)} items, {fails} failing")
    return fails

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
