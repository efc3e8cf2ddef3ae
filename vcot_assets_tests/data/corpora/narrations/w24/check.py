#!/usr/bin/env python3
"""Standalone checker for w24 narrations: runs each program under sys.settrace and
verifies the annotated claims, answers and error labels against real execution."""
import ast, copy, json, re, sys
from collections import defaultdict

FN = "<w24prog>"

def run_traced(code, call):
    hist = defaultdict(list)      # var -> list of distinct successive values
    snaps = []                    # per line event: dict of var -> value (innermost frame)
    hits = defaultdict(int)       # line number -> times executed
    def snap(frame):
        d = {}
        for k, v in frame.f_locals.items():
            try:
                d[k] = copy.deepcopy(v)
            except Exception:
                d[k] = v
            if k == "self":
                for ak, av in getattr(v, "__dict__", {}).items():
                    try:
                        d["self." + ak] = copy.deepcopy(av)
                    except Exception:
                        d["self." + ak] = av
        return d
    def record(frame):
        d = snap(frame)
        snaps.append(d)
        for k, v in d.items():
            h = hist[k]
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == "line":
            hits[frame.f_lineno] += 1
            record(frame)
        elif event == "return":
            record(frame)
        return tracer
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    sys.settrace(tracer)
    try:
        res = eval(compile(call, FN + "call", "eval"), ns)
    finally:
        sys.settrace(None)
    return res, hist, snaps, hits

def plain_eval(code, call):
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    return eval(call, ns)

def in_hist(h, v):
    return any(x == v and type(x) == type(v) for x in h)

def extract_expr(quote):
    m = re.findall(r"`([^`]+)`", quote)
    return m

def eval_comparison(quote):
    for seg in extract_expr(quote):
        try:
            return bool(eval(seg, {}))
        except NameError:
            raise
        except Exception:
            pass
    q = quote.replace("`", "")
    m = re.search(r"(-?[\w.'\"\[\]]+(?:\s*[-+*/%&^|]+\s*-?[\w.'\"]+)*)\s*(<=|>=|==|!=|<|>| is not | is | in )\s*(-?[\w.'\"\[\]]+(?:\s*[-+*/%&^|]+\s*-?[\w.'\"]+)*)", q)
    if not m:
        raise ValueError("cannot parse comparison: " + quote)
    return bool(eval(m.group(0), {}))

def eval_arith(quote):
    q = quote.replace("`", "").strip()
    m = re.match(r"^(.*?)(?<![=!<>])=(?!=)(.*)$", q)
    if m:
        left = m.group(1)
    elif " is " in q:
        left = q.rsplit(" is ", 1)[0]
    elif " gives " in q:
        left = q.rsplit(" gives ", 1)[0]
    else:
        raise ValueError("cannot parse arith: " + quote)
    return eval(left, {})

def claim_true(c, res, hist, snaps, hits, item):
    what = c["what"]
    val = ast.literal_eval(c["value"])
    var = c.get("variable")
    if what == "value":
        if var and var.endswith("*"):
            return list(hist.get(var[:-1], [])) == list(val)
        if var and "," in var:
            names = [v.strip() for v in var.split(",")]
            return any(all(n in s for n in names) and tuple(s[n] for n in names) == tuple(val) for s in snaps)
        return in_hist(hist.get(var, []), val)
    if what == "count":
        m = re.search(r"header (\d+)", var or "")
        if m:  # a for/while header runs once more than its body
            return hits.get(int(m.group(1)), 0) - 1 == val
        m = re.search(r"line (\d+)", var or "")
        return hits.get(int(m.group(1)), 0) == val
    if what == "comparison":
        try:
            return eval_comparison(c["quote"]) == val
        except NameError:
            # expression names program variables: evaluate it at every traced line
            seg = extract_expr(c["quote"])[0]
            outcomes = set()
            for s in snaps:
                ns = {k.replace(".", "_"): v for k, v in s.items()}
                ns.update({k: v for k, v in s.items() if "." not in k})
                try:
                    outcomes.add(bool(eval(seg, {}, ns)))
                except Exception:
                    pass
            return val in outcomes
    if what == "arith":
        return eval_arith(c["quote"]) == val
    if what == "return":
        return res == val
    if what == "call":
        return repr(plain_eval(item["code"], val)) == item["returned"]
    raise ValueError("unknown claim kind " + what)

def check_item(item):
    probs = []
    res, hist, snaps, hits = run_traced(item["code"], item["call"])
    if repr(res) != item["returned"]:
        probs.append("returned mismatch %r vs %s" % (res, item["returned"]))
    rat = item["rationale"]
    last = rat.strip().splitlines()[-1]
    if not last.startswith("Answer:") and not last.startswith("Predicted Output:"):
        probs.append("last line is not an Answer line")
    if item["answer"] not in last:
        probs.append("answer not in last line")
    # answer
    if item["direction"] == "forward":
        ans_ok = ast.literal_eval(item["answer"]) == res
    else:
        try:
            ans_ok = repr(plain_eval(item["code"], item["answer"])) == item["returned"]
        except Exception:
            ans_ok = False
        if not item["answer"].startswith(item["function"] + "(") and ("." + item["function"] + "(") not in item["answer"]:
            probs.append("answer does not call the function")
    err = item.get("error")
    wrong_quote = err["quote"] if err else None
    if err and wrong_quote not in rat:
        probs.append("error quote not in rationale")
    found_err_claim = False
    for c in item["claims"]:
        if c["quote"] not in rat:
            probs.append("claim quote not in rationale: %r" % c["quote"])
            continue
        try:
            ok = claim_true(c, res, hist, snaps, hits, item)
        except Exception as e:
            probs.append("claim error %r: %s" % (c["quote"], e))
            continue
        is_err = err is not None and c["quote"] == wrong_quote
        if is_err:
            found_err_claim = True
            if ok:
                probs.append("error claim is actually TRUE: %r" % c["quote"])
        elif not ok and not (err and c.get("carried")):
            probs.append("claim FALSE: %r %s=%s" % (c["quote"], c.get("variable"), c["value"]))
    if item["label"] == "faithful":
        if not ans_ok:
            probs.append("faithful answer wrong")
        if err:
            probs.append("faithful item has error")
    else:
        k = err["kind"]
        if k in ("wrong_final_answer", "backward_wrong_input"):
            if ans_ok:
                probs.append("error answer is actually right")
        else:
            if not ans_ok and not err.get("carried"):
                probs.append("answer wrong for non-answer error kind")
            if not found_err_claim:
                probs.append("no claim annotates the error quote")
        if k == "backward_wrong_input" and item["direction"] != "backward":
            probs.append("backward_wrong_input on forward item")
        if k == "wrong_final_answer" and item["direction"] != "forward":
            probs.append("wrong_final_answer on backward item")
    return probs

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    bad = 0
    ids = set()
    for it in items:
        if it["id"] in ids:
            print("DUPLICATE", it["id"]); bad += 1
        ids.add(it["id"])
        p = check_item(it)
        status = "PASS" if not p else "FAIL"
        if p: bad += 1
        print("%s %s %s" % (status, it["id"], "; ".join(p)))
    print("TOTAL %d items, %d failing" % (len(items), bad))
    return bad

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
