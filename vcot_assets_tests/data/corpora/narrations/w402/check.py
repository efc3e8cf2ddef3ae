"""Standalone checker for w402 narrations. Runs each program itself under sys.settrace
(no trace script, no tool code) and checks returned values, claims, answers and errors.

Claim conventions (extra optional keys beyond the brief's format):
  value  : variable's (change-only) history contains value; with "index": history[index] == value;
           with "seq": true and "start": k  -> value is a list equal to history[k:k+len(value)].
           Variables: plain locals, or "<local>.<attr>" for attributes of program-defined objects.
           with "at_line": N and "nth": k -> value of the variable when line N starts its k-th run
           (0-based); with "seq" too, values at successive runs of line N from run "start".
  count  : variable "loop@line N" -> number of times line N (a line run once per iteration) ran;
           "loophead@line N" -> (runs of the loop header line N) - 1.
  comparison / arith : "expr" is a Python expression; eval(expr) must equal value.
  return : value == the call's return value.
  call   : value is a call; evaluating it must return the output.
Usage: python3 check.py [narrations.jsonl]      |   python3 check.py --hist PROGRAM_ID
"""
import ast, copy, json, sys

FN = "<w402prog>"

def run(code, call):
    ns = {"__name__": "w402prog"}
    exec(compile(code, FN, "exec"), ns)
    hist, lines, snaps = {}, {}, {}
    last = {}
    def rec(name, val, fid):
        try:
            v = copy.deepcopy(val)
        except Exception:
            return
        key = (fid, name)
        if key in last and last[key] == v:
            return
        last[key] = v
        hist.setdefault(name, []).append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        def local(frame, event, arg):
            if event == "line":
                lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
                try:
                    snaps.setdefault(frame.f_lineno, []).append(copy.deepcopy(dict(frame.f_locals)))
                except Exception:
                    snaps.setdefault(frame.f_lineno, []).append(dict(frame.f_locals))
            if event in ("line", "return"):
                for k, v in list(frame.f_locals.items()):
                    if hasattr(v, "__dict__") and type(v).__module__ == ns.get("__name__"):
                        pass
                    else:
                        rec(k, v, id(frame))
                    d = getattr(v, "__dict__", None)
                    if d is not None and not isinstance(v, type) and type(v).__module__ == ns.get("__name__", "builtins") and not callable(v):
                        for a, av in d.items():
                            rec(k + "." + a, av, id(frame))
            return local
        local(frame, "line_init", arg)
        return local
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    hist['__snaps__'] = snaps
    return ret, hist, lines

def plain(call, code):
    ns = {"__name__": "w402prog"}
    exec(compile(code, FN, "exec"), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, ret, hist, lines, item):
    w = c["what"]
    if w == "value":
        var = c.get("variable")
        val = lit(c["value"])
        if var is None:
            return any(val in h for k, h in hist.items() if k != "__snaps__") or val == ret
        h = hist.get(var)
        if h is None and "at_line" not in c:
            return None  # unknown variable -> error in corpus
        if "at_line" in c:
            sn = hist["__snaps__"].get(c["at_line"], [])
            if c.get("seq"):
                got = [d.get(var) for d in sn[c["start"]:c["start"] + len(val)]]
                return got == val
            return c["nth"] < len(sn) and sn[c["nth"]].get(var) == val
        if c.get("seq"):
            k = c["start"]
            return h[k:k + len(val)] == val
        if "index" in c:
            return c["index"] < len(h) and h[c["index"]] == val
        return val in h
    if w == "count":
        var = c["variable"]
        n = int(var.split("line")[1])
        if var.startswith("loophead@"):
            return lines.get(n, 0) - 1 == lit(c["value"])
        return lines.get(n, 0) == lit(c["value"])
    if w in ("comparison", "arith"):
        return eval(c["expr"]) == lit(c["value"])
    if w == "return":
        return lit(c["value"]) == ret
    if w == "call":
        return plain(c["value"], item["code"]) == ret
    return None

def held_elsewhere_ok(c, hist):
    var = c.get("variable")
    val = lit(c["value"])
    if c.get("seq") and "at_line" in c:
        sn = hist["__snaps__"][c["at_line"]][c["start"]:]
        bad = [x for x, d in zip(val, sn) if x != d.get(var)]
        return all(any(b in h for k, h in hist.items() if k != "__snaps__") for b in bad)
    if c.get("seq"):
        bad = [x for x, y in zip(val, hist[var][c["start"]:]) if x != y]
        return all(any(b in h for h in hist.values()) for b in bad)
    if c["what"] == "count":
        return True  # a count off by one from an adjacent iteration: checked by false-ness only
    if c["what"] == "arith":
        return any(val in h for k, h in hist.items() if k != "__snaps__")
    return any(val in h for k, h in hist.items() if k != "__snaps__")

def main():
    if sys.argv[1:2] == ["--hist"]:
        pid = sys.argv[2]
        for l in open("programs.jsonl"):
            d = json.loads(l)
            if d["id"] == pid:
                ret, hist, lines = run(d["code"], d["call"])
                print("ret", repr(ret))
                for k, v in hist.items():
                    if k != "__snaps__": print(k, v)
                print("lines", sorted(lines.items()))
        return
    path = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
    items = [json.loads(l) for l in open(path) if l.strip()]
    fails, n = [], 0
    byid = {i["id"]: i for i in items}
    per = []
    for it in items:
        n += 1
        nf0 = len(fails)
        iid = it["id"]
        ret, hist, lines = run(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            fails.append((iid, "returned mismatch", repr(ret)))
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                fails.append((iid, "quote not in rationale", c["quote"]))
        if not it["rationale"].rstrip().splitlines()[-1].startswith("Answer:"):
            fails.append((iid, "last line not Answer", ""))
        if it["rationale"].rstrip().splitlines()[-1] != "Answer: " + it["answer"]:
            fails.append((iid, "answer field differs from Answer line", it["answer"]))
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == ret
        else:
            try:
                ans_ok = plain(it["answer"], it["code"]) == ret and it["answer"].startswith(it["function"] + "(")
            except Exception:
                ans_ok = False
        err = it["error"]
        if it["label"] == "faithful":
            if not ans_ok:
                fails.append((iid, "answer wrong", it["answer"]))
            for c in it["claims"]:
                r = check_claim(c, ret, hist, lines, it)
                if r is not True:
                    fails.append((iid, "claim false", c["quote"], r))
        else:
            f = byid.get(it["faithful_id"])
            if f is None:
                fails.append((iid, "no faithful", ""))
            if err["quote"] not in it["rationale"]:
                fails.append((iid, "error quote missing", err["quote"]))
            if err["kind"] in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    fails.append((iid, "answer error not wrong", it["answer"]))
            else:
                if not ans_ok:
                    fails.append((iid, "answer wrong in non-answer error", it["answer"]))
            errc = [c for c in it["claims"] if c["quote"] == err["quote"]]
            if err["kind"] not in ("wrong_final_answer", "backward_wrong_input") and not errc:
                fails.append((iid, "no claim for error quote", err["quote"]))
            for c in it["claims"]:
                r = check_claim(c, ret, hist, lines, it)
                if c in errc:
                    if r is not False:
                        fails.append((iid, "error claim not false", c["quote"], r))
                    if err.get("held_elsewhere") and not held_elsewhere_ok(c, hist):
                        fails.append((iid, "held_elsewhere but value never held", c["quote"]))
                elif r is not True and not c.get("carried"):
                    fails.append((iid, "other claim false", c["quote"], r))
        per.append("%s %s: %d claims, answer %s" % ("OK  " if len(fails) == nf0 else "FAIL", iid, len(it["claims"]),
                   "correct" if ans_ok else "wrong (as intended)" if it["label"] == "error" else "WRONG"))
    for line in per:
        print(line)
    print("items checked:", n)
    print("faithful:", sum(i["label"] == "faithful" for i in items), "errors:", sum(i["label"] == "error" for i in items))
    for f in fails:
        print("FAIL", *f)
    print("RESULT:", "PASS" if not fails else "FAIL (%d)" % len(fails))

main()
