"""Standalone checker for w123 narrations: re-executes every call with sys.settrace and
checks returned values, claims and error copies against the real execution."""
import ast, copy, json, sys

SRC = "<w123prog>"

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return v

class Run:
    def __init__(self, code, call):
        self.hist = {}        # var -> list of successive distinct values
        self.hits = {}        # line -> list of locals snapshots at that line event
        self.ns = {}
        exec(compile(code, SRC, "exec"), self.ns)
        sys.settrace(self.tracer)
        try:
            self.result = eval(compile(call, "<call>", "eval"), self.ns)
        finally:
            sys.settrace(None)
        self.record_globals = None

    def record(self, frame):
        loc = {}
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in getattr(v, "__dict__", {}).items():
                    loc["self." + a] = snap(av)
            else:
                loc[k] = snap(v)
        for k, v in loc.items():
            h = self.hist.setdefault(k, [])
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)
        return loc

    def tracer(self, frame, event, arg):
        if frame.f_code.co_filename != SRC:
            return None
        def local(frame, event, arg):
            loc = self.record(frame)
            if event == "line":
                self.hits.setdefault(frame.f_lineno, []).append(loc)
            return local
        self.record(frame)
        return local

def run_call(code, call):
    return Run(code, call)

def value_at(run, spec):
    """spec: {"line": L, "hit": k, "expr": "..."} -> eval expr in locals at k-th hit of line L,
    or {"var": v, "k": k} -> k-th distinct value of v."""
    if "line" in spec:
        loc = run.hits[spec["line"]][spec["hit"]]
        env = {k.replace("self.", "self_"): v for k, v in loc.items()}
        return eval(spec["expr"].replace("self.", "self_"), {}, env)
    return run.hist[spec["var"]][spec["k"]]

def lit(s):
    return ast.literal_eval(s)

def check_item(it, fails):
    iid = it["id"]
    def bad(msg):
        fails.append(f"{iid}: {msg}")
    run = run_call(it["code"], it["call"])
    if repr(run.result) != it["returned"]:
        bad(f"returned {repr(run.result)} != {it['returned']}")
    text = it["rationale"]
    last = text.strip().splitlines()[-1]
    if not last.startswith("Answer:") and not last.startswith("Predicted Output:"):
        bad("last line is not an Answer line")
    if it["answer"] not in last:
        bad("answer not in last line")
    err = it["error"]
    ekind = err["kind"] if err else None
    # answer
    if it["direction"] == "forward":
        ok = lit(it["answer"]) == run.result
        if ekind == "wrong_final_answer":
            if ok: bad("wrong_final_answer but answer is right")
        elif not ok:
            bad(f"forward answer {it['answer']} wrong")
    else:
        r2 = run_call(it["code"], it["answer"]).result
        ok = repr(r2) == it["returned"]
        if ekind == "backward_wrong_input":
            if ok: bad("backward_wrong_input but call returns output")
        elif not ok:
            bad(f"backward answer {it['answer']} gives {r2!r}")
    # claims
    for c in it["claims"]:
        if c["quote"] not in text:
            bad(f"claim quote not in rationale: {c['quote']!r}")
            continue
        if err and c["quote"] == err["quote"]:
            continue  # the erroneous claim is checked below
        truth = claim_true(run, it, c)
        if truth is not True:
            bad(f"claim false: {c['quote']!r} ({truth})")
    if err:
        if err["quote"] not in text:
            bad("error quote not in rationale")
        if err["kind"] in ("wrong_final_answer", "backward_wrong_input"):
            return
        chk = err.get("check")
        if chk is None:
            bad("error without check spec"); return
        stated = lit(err["stated"])
        t = chk["type"]
        if t == "arith":
            actual = eval(chk["expr"])
        elif t == "count":
            actual = len(run.hits.get(chk["line"], []))
        elif t == "at":
            actual = value_at(run, chk)
        elif t == "seq":   # summarised sequence of a variable's distinct values
            actual = run.hist[chk["var"]][chk["k"]]
        else:
            bad("unknown check"); return
        if actual == stated:
            bad(f"error stated {stated!r} is TRUE at that point")
        if repr(actual) != repr(lit(err["actual"])) and actual != lit(err["actual"]):
            bad(f"error actual {err['actual']} != real {actual!r}")
        if err["kind"] == "impossible_state":
            nv = chk.get("never_var")
            if not nv or stated in run.hist.get(nv, []):
                bad(f"impossible_state value {stated!r} is held by {nv}")
        if err.get("held_elsewhere"):
            var = chk.get("var") or chk.get("held_var")
            if t == "count" or t == "arith":
                var = chk.get("held_var")
            if var:
                if stated not in run.hist.get(var, []):
                    bad(f"held_elsewhere but {stated!r} never held by {var}")
            else:
                bad("held_elsewhere needs held_var")

def claim_true(run, it, c):
    w = c["what"]; v = lit(c["value"])
    if "at" in c:
        got = value_at(run, c["at"])
        return True if got == v else f"at-point value {got!r}"
    if c.get("seq"):
        h = run.hist.get(c["variable"], [])
        n = len(v)
        return True if any(h[i:i + n] == v for i in range(len(h) - n + 1)) else f"{c['variable']} history {h}"
    if w == "value":
        var = c["variable"]
        if var is None:
            return True if any(v in h for h in run.hist.values()) else "value never held"
        if var not in run.hist:
            return f"no variable {var}"
        return True if v in run.hist[var] else f"{var} history {run.hist[var][:12]}"
    if w == "count":
        line = c["line"]
        got = len(run.hits.get(line, []))
        return True if got == v else f"count {got}"
    if w in ("arith", "comparison"):
        expr = c.get("expr") or c["quote"].split("=")[0]
        got = eval(expr)
        return True if got == v else f"eval {got!r}"
    if w == "return":
        return True if v == run.result else f"returned {run.result!r}"
    if w == "call":
        got = run_call(it["code"], c["value"] if isinstance(c["value"], str) else it["call"]).result
        return True
    return f"unknown what {w}"

def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
    items = [json.loads(l) for l in open(path) if l.strip()]
    fails = []
    ids = set()
    for it in items:
        if it["id"] in ids:
            fails.append(f"{it['id']}: duplicate id")
        ids.add(it["id"])
        try:
            check_item(it, fails)
        except Exception as e:
            fails.append(f"{it['id']}: exception {type(e).__name__}: {e}")
    faithful = [i for i in items if i["label"] == "faithful"]
    errs = [i for i in items if i["label"] == "error"]
    print(f"items: {len(items)} (faithful {len(faithful)}, error {len(errs)})")
    print(f"programs: {len({i['program_id'] for i in items})}")
    for f in fails:
        print("FAIL", f)
    print("ALL PASS" if not fails else f"{len(fails)} FAILURES")
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
