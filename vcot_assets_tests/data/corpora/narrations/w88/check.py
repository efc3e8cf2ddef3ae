#!/usr/bin/env python3
"""Standalone checker for w88 narrations: re-executes each program with sys.settrace,
records per-variable value histories and line hit counts, and checks claims/errors."""
import sys, json, copy, ast, re

FN = "<w88>"

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call):
    hist = {}      # name -> list of values (consecutive duplicates dropped)
    hits = {}      # line number -> times executed
    at = {}        # (line, k-th hit) -> {name: value} snapshot of the frame before that line runs
    def rec(name, val):
        h = hist.setdefault(name, [])
        v = snap(val)
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def local(frame, event, arg):
        if event == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
            sn = {}
            for k, v in frame.f_locals.items():
                sn[k] = snap(v)
                if type(v).__module__ == "builtins" or not hasattr(v, "__dict__"):
                    continue
                for a, av in vars(v).items():
                    sn[k + "." + a] = snap(av)
            at[(frame.f_lineno, hits[frame.f_lineno])] = sn
        if event in ("line", "return"):
            for k, v in frame.f_locals.items():
                if k == "self":
                    for a, av in vars(v).items():
                        rec("self." + a, av)
                else:
                    rec(k, v)
        return local
    def glob(frame, event, arg):
        if frame.f_code.co_filename == FN:
            return local
        return None
    ns = {"__name__": "w88prog"}
    exec(compile(code, FN, "exec"), ns)
    sys.settrace(glob)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    run.at = at
    return ret, hist, hits

def plain_ret(code, call):
    ns = {}
    exec(compile(code, "<plain>", "exec"), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def expr_of(c):
    if c.get("expr"):
        return c["expr"]
    q = c["quote"].strip().strip("`")
    if c["what"] == "arith":
        return q.rsplit("=", 1)[0]
    return q

def get_hist(hist, var):
    """History of a variable; 'counts['a']' style names are derived from the base variable."""
    if var in hist:
        return hist[var]
    m = re.match(r"([A-Za-z_][\w.]*)(\[.*)$", var or "")
    if not m or m.group(1) not in hist:
        return []
    out = []
    for h in hist[m.group(1)]:
        try:
            v = eval("_b" + m.group(2), {"_b": h})
        except Exception:
            continue
        if not out or out[-1] != v:
            out.append(v)
    return out

def in_any(hist, v):
    return any(v in h for h in hist.values())

def check_claim(c, ret, hist, hits):
    w, val = c["what"], lit(c["value"])
    if w == "value":
        if c["variable"] is None:
            return in_any(hist, val)
        if c.get("subseq"):
            h, j = get_hist(hist, c["variable"]), 0
            for x in h:
                if j < len(val) and x == val[j]:
                    j += 1
            return j == len(val)
        if c.get("seq"):
            return list(val) == get_hist(hist, c["variable"])
        return val in get_hist(hist, c["variable"])
    if w == "count":
        m = re.match(r"loop@line (\d+)", c["variable"] or "")
        if not m:
            return False
        return hits.get(int(m.group(1)), 0) == val
    if w in ("arith", "comparison", "call"):
        return eval(expr_of(c), {}) == val
    if w == "return":
        return val == ret
    return False

def check_error(item, ret, hist, hits, ns_code):
    e = item["error"]; k = e["kind"]; chk = e.get("check", {})
    try:
        stated = lit(e["stated"])
    except Exception:
        stated = e["stated"]
    if e["quote"] not in item["rationale"]:
        return "error quote not in rationale"
    if k == "wrong_final_answer":
        return None if lit(item["answer"]) != ret else "answer is actually right"
    if k == "backward_wrong_input":
        try:
            r2 = plain_ret(ns_code, item["answer"])
        except Exception:
            return None
        return None if r2 != ret else "backward answer actually returns output"
    if "expr" in chk:
        truth = eval(chk["expr"], {})
        if truth == stated:
            return "stated value is actually true (%r)" % truth
    if "var" in chk:
        h = get_hist(hist, chk["var"])
        if "index" in chk:
            if chk["index"] >= len(h):
                return "index out of range"
            if h[chk["index"]] == stated:
                return "stated equals value at that point"
        elif stated in h:
            return "stated value occurs in history"
    if "line_hit" in chk:
        L, k = chk["line_hit"]
        sv = lit(chk["stated_value"]) if "stated_value" in chk else stated
        real = run.at.get((L, k), {}).get(chk["at_var"])
        if real is None or real == sv:
            return "value at line %d hit %d is %r" % (L, k, real)
        if e.get("held_elsewhere") and not any(sv in h for h in hist.values()):
            return "held_elsewhere but never held"
        return None
    if "line" in chk:
        if hits.get(chk["line"], 0) == stated:
            return "loop count actually right"
    if "pairs" in chk:   # swapped variables: list of [var, index, stated]
        bad = 0
        for var, idx, st in chk["pairs"]:
            if get_hist(hist, var)[idx] != lit(st):
                bad += 1
        if bad == 0:
            return "swap not false"
    if not any(x in chk for x in ("expr", "var", "line", "pairs", "line_hit")):
        return "no check spec"
    if e.get("held_elsewhere"):
        if not (in_any(hist, stated) or stated in get_hist(hist, chk.get("var"))):
            return "held_elsewhere but stated value never held"
    if k == "impossible_state" and in_any(hist, stated) and chk.get("var"):
        if stated in get_hist(hist, chk["var"]):
            return "impossible state actually held"
    if k in ("wrong_intermediate_right_answer", "wrong_arithmetic", "wrong_loop_summary_value",
             "off_by_one_loop_count", "branch_not_taken", "impossible_state", "swapped_variables"):
        if item["direction"] == "forward" and not e.get("carried") and lit(item["answer"]) != ret:
            return "answer should stay right"
    return None

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    out, fails = [], 0
    for it in items:
        probs = []
        ret, hist, hits = run(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append("returned mismatch %r" % (ret,))
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("claim quote missing: %r" % c["quote"])
        if not it["rationale"].rstrip().endswith(it["answer"]):
            probs.append("answer not on last line")
        if it["label"] == "faithful":
            for c in it["claims"]:
                try:
                    ok = check_claim(c, ret, hist, hits)
                except Exception as ex:
                    ok = False
                if not ok:
                    probs.append("false claim: %r" % c)
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret:
                    probs.append("forward answer wrong")
            else:
                if plain_ret(it["code"], it["answer"]) != ret:
                    probs.append("backward answer wrong")
        else:
            r = check_error(it, ret, hist, hits, it["code"])
            if r:
                probs.append("error check: " + r)
            # all other claims (not the error one, not carried) must hold
            for c in it["claims"]:
                if c.get("is_error") or c.get("carried"):
                    continue
                try:
                    ok = check_claim(c, ret, hist, hits)
                except Exception:
                    ok = False
                if not ok:
                    probs.append("false non-error claim: %r" % c)
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        out.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    out.append("TOTAL %d items, %d failed" % (len(items), fails))
    print("\n".join(out))
    return fails

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
