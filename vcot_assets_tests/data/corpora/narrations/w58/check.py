#!/usr/bin/env python3
"""Standalone checker for w58 narrations: re-executes every program with sys.settrace,
records per-variable value histories and per-line hit counts, and checks claims/errors.
Usage: python3 check.py [narrations.jsonl]  (writes report to stdout)
       python3 check.py --hist programs.jsonl ID   (authoring aid: print histories)"""
import sys, json, copy, ast, warnings
warnings.filterwarnings('ignore', category=SyntaxWarning)

FN = "<w58prog>"

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run_traced(code, call):
    hist = {}      # name -> list of values (consecutive duplicates collapsed)
    lines = {}     # line number -> hit count
    def rec(name, val):
        h = hist.setdefault(name, [])
        if not h or not (type(h[-1]) is type(val) and h[-1] == val):
            h.append(snap(val))
    def record_frame(frame):
        for k, v in frame.f_locals.items():
            if k.startswith("__"):
                continue
            if hasattr(v, "__dict__") and not callable(v) and type(v).__module__ == "__main__" or (hasattr(v, "__dict__") and type(v).__name__ in classes):
                for ak, av in vars(v).items():
                    rec(f"{k}.{ak}", av)
                continue
            if callable(v):
                continue
            rec(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        def local(frame, event, arg):
            record_frame(frame)
            if event == "line":
                lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            if event == "return":
                rec("<return:%s>" % frame.f_code.co_name, arg)
            return local
        record_frame(frame)
        return local
    g = {"__name__": "w58prog"}
    tree = ast.parse(code)
    classes = {n.name for n in ast.walk(tree) if isinstance(n, ast.ClassDef)}
    exec(compile(code, FN, "exec"), g)
    callcode = compile(call, FN + "call", "eval")
    sys.settrace(tracer)
    try:
        res = eval(callcode, g)
    finally:
        sys.settrace(None)
    return res, hist, lines, g

def plain_eval(code, call):
    g = {"__name__": "w58prog"}
    exec(compile(code, FN, "exec"), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def same(a, b):
    return type(a) is type(b) and a == b or (isinstance(a, (int, float)) and not isinstance(a, bool) and isinstance(b, (int, float)) and not isinstance(b, bool) and a == b)

def loop_count(lines, label):
    # label "loop@line N": number of times line N (first line of the loop body) ran
    # label "header@line N": a for-loop header on line N; iterations = hits - 1 (loop ran to exhaustion)
    n = int(label.split("line")[1].strip())
    if label.startswith("header@"):
        return lines.get(n, 0) - 1
    return lines.get(n, 0)

def check_claim(c, hist, lines, ret, fname):
    what = c["what"]; val = lit(c["value"])
    expr = c.get("expr", c["quote"])
    if what == "value" and c.get("seq"):
        h = hist.get(c["variable"], [])
        n = len(val)
        return any(all(same(h[i + j], val[j]) for j in range(n)) for i in range(len(h) - n + 1)), f"{c['variable']} history {h[:40]}"
    if what == "value":
        h = hist.get(c["variable"], [])
        return any(same(x, val) for x in h), f"{c['variable']} history {h[:40]}"
    if what == "count":
        n = loop_count(lines, c["variable"])
        return n == val, f"count {n}"
    if what in ("comparison", "arith"):
        r = eval(expr, {})
        return same(r, val) or r == val, f"eval({expr!r}) = {r!r}"
    if what == "return":
        return same(ret, val) or ret == val, f"returned {ret!r}"
    if what == "call":
        return True, "call"
    return False, "unknown claim kind"

def check_error(item, hist, lines, ret, g):
    e = item["error"]; kind = e["kind"]; at = e.get("at", {})
    if e["quote"] not in item["rationale"]:
        return False, "error quote not in rationale"
    if kind == "wrong_final_answer":
        a = lit(item["answer"])
        return not same(a, ret), f"answer {a!r} vs returned {ret!r}"
    if kind == "backward_wrong_input":
        r = plain_eval(item["code"], item["answer"])
        return not same(r, ret), f"{item['answer']} -> {r!r} vs {ret!r}"
    stated = lit(at.get("stated_value", e["stated"])) if "stated_value" in at or _isl(e["stated"]) else e["stated"]
    t = at.get("type")
    if t == "arith":
        r = eval(at["expr"], {})
        ok = not same(r, stated) and repr(r) == e["actual"]
        info = f"eval({at['expr']!r}) = {r!r}, stated {stated!r}"
    elif t == "count":
        n = loop_count(lines, at["variable"])
        ok = n != stated and str(n) == e["actual"]
        info = f"count {n} stated {stated!r}"
    elif t == "comparison":
        r = eval(at["expr"], {})
        ok = r != stated and repr(r) == e["actual"]
        info = f"eval({at['expr']!r}) = {r!r} stated {stated!r}"
    elif t == "history":
        h = hist.get(at["variable"], [])
        k = at["index"]
        ok = len(h) > k and not same(h[k], stated) and same(h[k], lit(e["actual"]))
        info = f"{at['variable']}[{k}] = {h[k] if len(h) > k else None!r} stated {stated!r}"
    elif t == "never":
        h = hist.get(at["variable"], [])
        ok = not any(same(x, stated) for x in h)
        info = f"{at['variable']} never {stated!r}: history {h[:40]}"
    else:
        return False, "no 'at' spec"
    if e.get("held_elsewhere"):
        var = at.get("held_var", at.get("variable"))
        if t in ("arith", "comparison") and "held_var" not in at:
            anyv = any(any(same(x, stated) for x in hh) for hh in hist.values())
        else:
            anyv = any(same(x, stated) for x in hist.get(var, []))
        ok = ok and anyv
        info += f"; held elsewhere: {anyv}"
    return ok, info

def _isl(s):
    try:
        ast.literal_eval(s); return True
    except Exception:
        return False

def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--hist":
        for line in open(sys.argv[2]):
            d = json.loads(line)
            if d["id"] != sys.argv[3]:
                continue
            res, hist, lines, g = run_traced(d["code"], d["call"])
            print("returned", repr(res))
            for k, v in hist.items():
                print(f"  {k}: {v}")
            print("  lines:", dict(sorted(lines.items())))
        return
    path = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
    items = [json.loads(l) for l in open(path) if l.strip()]
    fails = 0; nclaims = 0
    out = []
    for it in items:
        probs = []
        res, hist, lines, g = run_traced(it["code"], it["call"])
        if repr(res) != it["returned"]:
            probs.append(f"returned mismatch {res!r} vs {it['returned']}")
        if not it["rationale"].rstrip().splitlines()[-1].startswith("Answer:") and "Predicted Output:" not in it["rationale"].rstrip().splitlines()[-1]:
            probs.append("last line is not an Answer line")
        if it["answer"] not in it["rationale"].rstrip().splitlines()[-1]:
            probs.append("answer not in last line")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append(f"claim quote missing: {c['quote']!r}")
        if it["label"] == "faithful":
            for c in it["claims"]:
                nclaims += 1
                try:
                    ok, info = check_claim(c, hist, lines, res, it["function"])
                except Exception as ex:
                    ok, info = False, f"claim could not be evaluated: {ex!r}"
                if not ok:
                    probs.append(f"claim false: {c['quote']!r} ({c['variable']}={c['value']}): {info}")
            if it["direction"] == "forward":
                if not same(lit(it["answer"]), res):
                    probs.append(f"forward answer {it['answer']} != {res!r}")
            else:
                r = plain_eval(it["code"], it["answer"])
                if not same(r, res):
                    probs.append(f"backward answer {it['answer']} -> {r!r} != {res!r}")
        else:
            try:
                ok, info = check_error(it, hist, lines, res, g)
            except Exception as ex:
                ok, info = False, f"error spec could not be evaluated: {ex!r}"
            if not ok:
                probs.append("error not confirmed false: " + info)
            # every other annotated claim of the error copy must still be true (the copy holds ONE error)
            if not it["error"].get("carried"):
                for c in it["claims"]:
                    if c["quote"] == it["error"]["quote"] or it["error"]["quote"] in c["quote"] or c["quote"] in it["error"]["quote"] or c["what"] == "call":
                        continue
                    if it["error"]["kind"] == "wrong_final_answer" and c["what"] == "return" and c["quote"].startswith("Answer"):
                        continue
                    try:
                        okc, infoc = check_claim(c, hist, lines, res, it["function"])
                    except Exception as ex:
                        okc, infoc = False, repr(ex)
                    if not okc:
                        probs.append(f"non-error claim false in error copy: {c['quote']!r}: {infoc}")
            # the non-error parts of the answer must still hold except for answer-kind errors
            if it["error"]["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                if it["direction"] == "forward" and not same(lit(it["answer"]), res) and not it["error"].get("carried"):
                    probs.append("forward answer wrong in a non-answer error copy")
                if it["direction"] == "backward":
                    r = plain_eval(it["code"], it["answer"])
                    if not same(r, res) and not it["error"].get("carried"):
                        probs.append("backward answer wrong in a non-answer error copy")
            out_info = info
        status = "PASS" if not probs else "FAIL"
        if probs:
            fails += 1
        out.append(f"{status} {it['id']}" + ("" if not probs else "\n    " + "\n    ".join(probs)))
    out.append(f"\n{len(items)} items, {len(items)-fails} pass, {fails} fail; {nclaims} faithful claims checked")
    print("\n".join(out))
    sys.exit(1 if fails else 0)

if __name__ == "__main__":
    main()
