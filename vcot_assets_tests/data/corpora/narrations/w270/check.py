"""Standalone checker for w270 narrations: re-executes each program with sys.settrace,
records every variable's value history (and self.<attr> histories) plus per-line states,
and checks claims, answers and error probes. Usage: python3 check.py > check_report.txt"""
import sys, json, copy, collections

FILE = "<w270-program>"

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call):
    ns = {}
    exec(compile(code, FILE, "exec"), ns)
    hist = collections.defaultdict(list)
    lines = collections.Counter()
    states = collections.defaultdict(list)   # lineno -> [locals snapshot before the line runs]
    order = []                                 # line numbers in execution order

    def record(frame):
        loc = {}
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in getattr(v, "__dict__", {}).items():
                    loc["self." + a] = snap(av)
            elif not k.startswith("."):
                loc[k] = snap(v)
        for k, v in loc.items():
            h = hist[k]
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)
        return loc

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FILE:
            return None
        if event == "line":
            loc = record(frame)
            lines[frame.f_lineno] += 1
            order.append(frame.f_lineno)
            states[frame.f_lineno].append(loc)
        elif event == "return":
            record(frame)
        return tracer

    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    lines["order"] = order
    return result, hist, lines, states

def per_count(lines, line, per):
    """count executions of `line` inside the per['occurrence']-th pass of per['outer_line']"""
    order, n, k, inside = lines["order"], 0, -1, False
    for ln in order:
        if ln == per["outer_line"]:
            k += 1
            inside = (k == per["occurrence"])
        elif inside and ln == line:
            n += 1
    return n

def call_result(code, call):
    ns = {}
    exec(compile(code, FILE + "2", "exec"), ns)
    return eval(call, ns)

def check_claim(c, res, hist, lines, code):
    w = c["what"]
    if w == "call":
        return call_result(code, c["value"]) == res
    val = eval(c["value"])
    if w == "value" and "index" in c:   # e.g. hist[7] takes this value at some point
        return any(isinstance(h, list) and len(h) > c["index"] and h[c["index"]] == val
                   for h in hist.get(c["variable"], []))
    if w == "value":
        return any(val == h and type(val) == type(h) for h in hist.get(c["variable"], []))
    if w == "count":
        if "per" in c:
            return per_count(lines, c["line"], c["per"]) == val
        # "offset": -1 for a loop header line, which runs once more than the body
        return lines[c["line"]] + c.get("offset", 0) == val
    if w in ("comparison", "arith"):
        return eval(c["expr"]) == val
    if w == "return":
        return val == res
    if w == "call":
        return call_result(code, c["value"]) == res
    raise ValueError(w)

def check_probe(e, res, hist, lines, states, code, answer):
    p = e["probe"]; t = p["type"]
    stated = p.get("stated_value", e["stated"])
    e = dict(e, actual=p.get("actual_value", e["actual"]))
    msgs = []
    if t == "expr":
        actual = eval(p["expr"])
        ok = actual != eval(stated) and actual == eval(e["actual"])
    elif t == "count":
        actual = per_count(lines, p["line"], p["per"]) if "per" in p else lines[p["line"]]
        ok = actual != eval(stated) and actual == eval(e["actual"])
    elif t == "history":
        actual = hist[p["variable"]][p["k"]]
        ok = actual != eval(stated) and actual == eval(e["actual"])
    elif t == "never":
        ok = all(eval(stated) != h for h in hist[p["variable"]])
    elif t == "at_line":
        actual = states[p["line"]][p["occurrence"]][p["variable"]]
        if "index" in p:
            actual = actual[p["index"]]
        ok = actual != eval(stated) and actual == eval(e["actual"])
    elif t == "final":
        ok = eval(answer) != res and eval(e["actual"]) == res
    elif t == "backward_call":
        ok = call_result(code, answer) != res and call_result(code, e["actual"]) == res
    else:
        raise ValueError(t)
    if e.get("held_elsewhere"):
        v = p.get("variable")
        if "index" in p:   # element of a list: held elsewhere = another element of it
            he = (eval(stated) in states[p["line"]][p["occurrence"]][v] or
                  any(isinstance(h, list) and len(h) > p["index"] and h[p["index"]] == eval(stated)
                      for h in hist.get(v, [])))
        else:
            he = v is not None and any(eval(stated) == h for h in hist.get(v, []))
        if not he:
            msgs.append("held_elsewhere but stated value never held by " + str(v))
        ok = ok and he
    return ok, msgs

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    fails = 0
    counts = collections.Counter()
    for it in items:
        problems = []
        res, hist, lines, states = run(it["code"], it["call"])
        if repr(res) != it["returned"]:
            problems.append("returned mismatch %r vs %s" % (res, it["returned"]))
        last = it["rationale"].strip().splitlines()[-1]
        if last.strip() != "Answer: " + it["answer"]:
            problems.append("last line is not the Answer line")
        err = it["error"]
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                problems.append("quote not in rationale: " + c["quote"])
            ok = check_claim(c, res, hist, lines, it["code"])
            is_err = err is not None and c["quote"] == err["quote"]
            if is_err and ok and err["probe"]["type"] != "final" and not err.get("held_elsewhere"):
                problems.append("error claim unexpectedly true: " + c["quote"])
            if not is_err and not ok:
                problems.append("claim false: %s (%s=%s)" % (c["quote"], c["variable"], c["value"]))
        if it["direction"] == "forward":
            ans_ok = eval(it["answer"]) == res
        else:
            ans_ok = call_result(it["code"], it["answer"]) == res
        bad_ans = err is not None and err["kind"] in ("wrong_final_answer", "backward_wrong_input")
        if ans_ok == bad_ans:
            problems.append("answer check wrong (ok=%s)" % ans_ok)
        if err is not None:
            if err["quote"] not in it["rationale"]:
                problems.append("error quote missing")
            ok, m = check_probe(err, res, hist, lines, states, it["code"], it["answer"])
            problems += m
            if not ok:
                problems.append("error probe did not confirm error")
            fa = [x for x in items if x["id"] == it["faithful_id"]]
            if not fa:
                problems.append("no faithful item")
        status = "PASS" if not problems else "FAIL"
        fails += bool(problems)
        counts[status] += 1
        print("%s %s (%d claims)" % (status, it["id"], len(it["claims"])))
        for p in problems:
            print("    - " + p)
    print("\nitems: %d  pass: %d  fail: %d" % (len(items), counts["PASS"], counts["FAIL"]))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
