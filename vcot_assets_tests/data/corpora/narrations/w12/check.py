#!/usr/bin/env python3
"""Standalone checker for w12 narrations: re-executes each program under sys.settrace,
records every variable's value history (locals and self.<attr>), loop body counts and
return values, then verifies claims/answers. Usage: python3 check.py narrations.jsonl"""
import ast, copy, json, sys, warnings
warnings.filterwarnings("ignore", category=SyntaxWarning)
from collections import defaultdict

def run_traced(code, call):
    hist = defaultdict(list)          # name -> list of values (in order of observation)
    lines = defaultdict(int)          # (prev_line, line) transitions within a frame
    prev = {}
    rets = defaultdict(list)          # function name -> return values
    fname = "<prog>"
    def snap(frame):
        for k, v in frame.f_locals.items():
            try: v2 = copy.deepcopy(v)
            except Exception: v2 = v
            if k == "self":
                for ak, av in vars(v).items():
                    av = copy.deepcopy(av)
                    h = hist["self." + ak]
                    if not h or h[-1] != av: h.append(av)
                continue
            h = hist[k]
            if not h or h[-1] != v2 or type(h[-1]) != type(v2): h.append(v2)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != fname: return None
        if event == "line":
            lines[(prev.get(id(frame)), frame.f_lineno)] += 1
            prev[id(frame)] = frame.f_lineno
        elif event == "call":
            prev[id(frame)] = None
        snap(frame)
        if event == "return":
            rets[frame.f_code.co_name].append(copy.deepcopy(arg))
        return tr
    g = {}
    exec(compile(code, fname, "exec"), g)
    c = compile(call, fname + "call", "eval")
    sys.settrace(tr)
    try:
        result = eval(c, g)
    finally:
        sys.settrace(None)
    return result, hist, lines, rets

def loop_body_line(code, header):
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, (ast.For, ast.While)) and node.lineno == header:
            return node.body[0].lineno
    raise ValueError("no loop at line %d" % header)

def changes(h):
    out = []
    for v in h:
        if not out or out[-1] != v: out.append(v)
    return out

def is_subseq(seq, h):
    it = iter(h)
    return all(any(x == y for y in it) for x in seq)

def claim_true(item, cl, ex):
    result, hist, lines, rets = ex
    what, var = cl["what"], cl.get("variable")
    val = ast.literal_eval(cl["value"])
    q = cl["quote"].replace("`", "")
    if what == "value":
        h = hist.get(var, [])
        if val in h: return True
        if isinstance(val, list) and h:
            # a summarised sequence: the stated values occur in this order among the changes
            return is_subseq(val, changes(h))
        return False
    if what == "count":
        lab = var
        ln = int(lab.split("@line")[1]) if "@line" in lab else None
        if ln is None: raise ValueError("count label needs @line N: " + lab)
        # iterations = transitions from the loop header to the first body line
        return lines[(ln, loop_body_line(item["code"], ln))] == val
    if what == "arith":
        expr = q.rsplit(" = ", 1)[0] if " = " in q else q
        return eval(expr, {}) == val
    if what == "comparison":
        expr = q.split(" is ")[0].split(",")[0].strip()
        return eval(expr, {}) == val
    if what == "return":
        fn = var or item["function"]
        return val in rets.get(fn, []) or (fn == item["function"] and val == result)
    if what == "call":
        return eval(q.split(" returns")[0], {}) == val
    raise ValueError(what)

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    fails, lines_out = 0, []
    cache = {}
    for it in items:
        errs = []
        key = (it["code"], it["call"])
        if key not in cache: cache[key] = run_traced(it["code"], it["call"])
        ex = cache[key]
        result = ex[0]
        if repr(result) != it["returned"]: errs.append("returned mismatch %r" % (result,))
        r = it["rationale"]
        last = r.rstrip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            errs.append("answer line mismatch")
        for cl in it["claims"]:
            if cl["quote"] not in r: errs.append("quote not in rationale: " + cl["quote"])
        err = it.get("error")
        errq = err["quote"] if err else None
        if err and errq not in r: errs.append("error quote missing")
        # answer
        if it["direction"] == "forward":
            ans_ok = ast.literal_eval(it["answer"]) == result
        else:
            g = {}; exec(it["code"], g)
            try: ans_ok = eval(it["answer"], g) == result
            except Exception: ans_ok = False
        if err and err["kind"] in ("wrong_final_answer", "backward_wrong_input"):
            if ans_ok: errs.append("error answer is actually right")
        elif not ans_ok: errs.append("answer wrong")
        # claims
        bad_claims = []
        for cl in it["claims"]:
            try: ok = claim_true(it, cl, ex)
            except Exception as e: ok = None; errs.append("claim error %s: %s" % (cl["quote"], e))
            if ok is False: bad_claims.append(cl)
        if it["label"] == "faithful":
            for cl in bad_claims: errs.append("false claim: %s -> %s" % (cl["quote"], cl["value"]))
        else:
            if err["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                hits = [cl for cl in bad_claims if cl["quote"] in errq or errq in cl["quote"]]
                if not hits: errs.append("error claim not shown false")
                others = [cl for cl in bad_claims if cl not in hits]
                if others and not err.get("carried"):
                    errs.append("extra false claims: " + "; ".join(c["quote"] for c in others))
                if err["kind"] == "impossible_state":
                    for cl in hits:
                        if cl["what"] == "value" and ast.literal_eval(cl["value"]) in ex[1].get(cl["variable"], []):
                            errs.append("impossible_state value occurs")
        status = "PASS" if not errs else "FAIL"
        if errs: fails += 1
        lines_out.append("%s %s %s" % (status, it["id"], "; ".join(errs)))
    lines_out.append("TOTAL %d items, %d failing" % (len(items), fails))
    print("\n".join(lines_out))
    return fails

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
