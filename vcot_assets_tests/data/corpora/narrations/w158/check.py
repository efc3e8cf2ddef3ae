"""Standalone checker for w158 narrations: runs each program with sys.settrace,
records per-variable value histories and line-hit counts, then checks every item."""
import ast, copy, json, sys
from collections import defaultdict

def lit(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return s

def run_program(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = defaultdict(list)          # var name -> list of values (in order of change)
    hits = defaultdict(int)           # line number -> times executed
    last = {}                         # frame id -> {name: value}
    def snap(frame):
        d = {}
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    d["self." + a] = av
            else:
                d[k] = v
        return d
    def record(frame):
        prev = last.setdefault(id(frame), {})
        for k, v in snap(frame).items():
            try:
                same = k in prev and prev[k] == v and type(prev[k]) == type(v)
            except Exception:
                same = False
            if not same:
                c = copy.deepcopy(v)
                hist[k].append(c)
                prev[k] = c
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "call":
            last.pop(id(frame), None)
        record(frame)
        if event == "line":
            hits[frame.f_lineno] += 1
        if event == "return":
            last.pop(id(frame), None)
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, hits, ns

def eval_call(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    return eval(call, ns)

def check_claim(c, ret, hist, hits, code):
    what, var = c["what"], c.get("variable")
    val = lit(c["value"]) if isinstance(c["value"], str) else c["value"]
    if what == "value":
        if "at" in c:
            h = hist.get(var, [])
            return c["at"] < len(h) and h[c["at"]] == val, f"{var}[{c['at']}]"
        if var is None:
            return any(val in h for h in hist.values()) or val == ret, "any var"
        return val in hist.get(var, []), f"{var} history {hist.get(var, [])[:12]}"
    if what == "count":
        line = c.get("line")
        if line is None and var and var.startswith("loop@line"):
            line = int(var.split()[-1])
        if line is not None:
            n = hits[line] + c.get("offset", 0)
            return n == val, f"line {line} hits {n}"
        return val in hist.get(var, []), f"{var}"
    if what in ("comparison", "arith"):
        got = eval(c.get("expr", c["quote"]))
        return got == val, f"eval -> {got!r}"
    if what == "return":
        return val == ret, f"returned {ret!r}"
    if what == "call":
        got = eval_call(code, c.get("expr", c["quote"]))
        return got == ret and val == ret, f"call gives {got!r}"
    return False, "unknown what"

def check_error(e, item, ret, hist, hits):
    v = e["verify"]; t = v["type"]
    stated = v["stated"] if "stated" in v else lit(e["stated"])
    if stated in ("True", "False"):
        stated = stated == "True"
    actual = v["actual"] if "actual" in v else lit(e["actual"])
    if t == "arith":
        got = eval(v["expr"]); ok = got != stated
        if e.get("held_elsewhere") and "pool_var" in v:
            ok = ok and stated in hist.get(v["pool_var"], [])
        return ok, f"{v['expr']} -> {got}"
    if t == "at":
        h = hist.get(v["variable"], []); k = v["index"]
        if "key" in v:
            h = [x.get(v["key"]) if isinstance(x, dict) else None for x in h]
        ok = k < len(h) and h[k] != stated and h[k] == actual
        if e.get("held_elsewhere"):
            pool = hist.get(v.get("elsewhere_var", v["variable"]), [])
            if "key" in v and "elsewhere_var" not in v:
                pool = h
            ok = ok and stated in pool
        return ok, f"{v['variable']}[{k}]={h[k] if k < len(h) else None!r}"
    if t == "count":
        n = hits[v["line"]] + v.get("offset", 0); ok = n != stated and n == actual
        if e.get("held_elsewhere"):
            ok = ok and stated in hist.get(v["elsewhere_var"], [])
        return ok, f"line {v['line']} hits {n}"
    if t == "comparison":
        got = eval(v["expr"]); return bool(got) != bool(stated), f"{v['expr']} -> {got}"
    if t == "never":
        return stated not in hist.get(v["variable"], []), f"{v['variable']} never {stated!r}"
    if t == "swap":
        bad = False
        for name, (k, sv) in v["pairs"].items():
            h = hist.get(name, [])
            if k < len(h) and h[k] != sv:
                bad = True
        return bad, "swap"
    if t == "answer":
        if item["direction"] == "forward":
            return lit(item["answer"]) != ret, f"answer {item['answer']} vs {ret!r}"
        try:
            got = eval_call(item["code"], item["answer"])
        except Exception as ex:
            return True, f"raises {ex!r}"
        return got != ret, f"call gives {got!r}"
    return False, "unknown verify"

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    byid = {i["id"]: i for i in items}
    fails, lines = 0, []
    for it in items:
        probs = []
        ret, hist, hits, ns = run_program(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append(f"returned {it['returned']} != {ret!r}")
        rat = it["rationale"]
        last = rat.strip().splitlines()[-1]
        if not (last.startswith("Answer:") or last.startswith("Predicted Output:")) or it["answer"] not in last:
            probs.append("answer line mismatch")
        for c in it["claims"]:
            if c["quote"] not in rat:
                probs.append(f"claim quote missing: {c['quote']!r}")
        if it["label"] == "faithful":
            for c in it["claims"]:
                ok, why = check_claim(c, ret, hist, hits, it["code"])
                if not ok:
                    probs.append(f"false claim {c['quote']!r}: {why}")
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret: probs.append("forward answer wrong")
            else:
                if eval_call(it["code"], it["answer"]) != ret: probs.append("backward answer wrong")
        else:
            e = it["error"]; f = byid.get(it["faithful_id"])
            if f is None: probs.append("no faithful")
            if e["quote"] not in rat: probs.append("error quote missing")
            if e["stated"] not in e["quote"]: probs.append("stated not in quote")
            ok, why = check_error(e, it, ret, hist, hits)
            if not ok: probs.append(f"error not false: {why}")
            ek = e["kind"]
            if ek != "wrong_final_answer" and ek != "backward_wrong_input" and not e.get("carried"):
                # the answer must stay right
                if it["direction"] == "forward" and lit(it["answer"]) != ret: probs.append("answer changed")
                if it["direction"] == "backward" and eval_call(it["code"], it["answer"]) != ret: probs.append("answer changed")
            # every claim that is not the error one must still be true
            for c in it["claims"]:
                if c["quote"] == e["quote"] or c.get("error_claim") or e["quote"] in c["quote"] or c["quote"] in e["quote"]:
                    continue
                ok, why = check_claim(c, ret, hist, hits, it["code"])
                if not ok and not e.get("carried"):
                    probs.append(f"other claim false {c['quote']!r}: {why}")
        status = "PASS" if not probs else "FAIL"
        if probs: fails += 1
        lines.append(f"{status} {it['id']} ({it['label']}{'/' + it['error']['kind'] if it['error'] else ''}) claims={len(it['claims'])}" + ("".join("\n    - " + p for p in probs)))
    lines.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    return "\n".join(lines), fails

if __name__ == "__main__":
    out, fails = main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")
    print(out)
    sys.exit(1 if fails else 0)
