#!/usr/bin/env python3
"""Standalone checker for w271 narrations: re-executes every program under sys.settrace,
records per-variable value histories, line hit counts and per-function return values, then
checks every claim of faithful items and confirms the single error of every error copy."""
import ast, copy, json, sys, types
from collections import defaultdict

FN = "<w271prog>"


def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)


class Run:
    def __init__(self, code, call):
        self.hist = defaultdict(list)      # name -> change history (concatenated over frames)
        self.fhist = defaultdict(list)     # "func:name" -> same, per function
        self.hits = defaultdict(int)       # line number -> times executed
        self.returns = defaultdict(list)   # func name -> returned values
        self.last = {}
        self.fids = {}
        self.ncalls = 0
        ns = {}
        exec(compile(code, FN, "exec"), ns)
        self.ns = ns
        sys.settrace(self.glob)
        try:
            self.result = eval(call, ns)
        finally:
            sys.settrace(None)

    def glob(self, frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        self.ncalls += 1
        self.fids[id(frame)] = self.ncalls   # unique per call, even if frame ids get reused
        self.record(frame)
        return self.local

    def record(self, frame):
        fid = self.fids.get(id(frame), id(frame))
        fname = frame.f_code.co_name
        items = []
        for k, v in frame.f_locals.items():
            if k == "self":
                d = getattr(v, "__dict__", None)
                if isinstance(d, dict):
                    items += [("self." + a, b) for a, b in d.items()]
                continue
            if isinstance(v, (types.FunctionType, type, types.ModuleType)):
                continue
            items.append((k, v))
        for k, v in items:
            s = snap(v)
            key = (fid, k)
            if key not in self.last or self.last[key] != s:
                self.last[key] = s
                self.hist[k].append(s)
                self.fhist[fname + ":" + k].append(s)

    def local(self, frame, event, arg):
        self.record(frame)
        if event == "line":
            self.hits[frame.f_lineno] += 1
        elif event == "return":
            self.returns[frame.f_code.co_name].append(snap(arg))
        return self.local

    def history(self, var):
        return self.fhist[var] if ":" in var else self.hist[var]

    def count(self, c):
        if "count_expr" in c:
            return eval(c["count_expr"], {"h": self.hits})
        n = self.hits[c["line"]]
        if c.get("per"):
            return n / self.hits[c["per"]]
        return n


def lit(s):
    return ast.literal_eval(s)


def eval_expr(e):
    return eval(e.replace("`", ""), {})


def check_claim(run, item, c):
    """Return None if claim true, else message."""
    w = c["what"]
    if c["quote"] not in item["rationale"]:
        return "quote not in rationale: %r" % c["quote"]
    if w == "call":
        try:
            ok = eval(c["value"], run.ns) == run.result
        except Exception as ex:
            return "call %s raised %s" % (c["value"], ex)
        return None if ok else "call %s does not reproduce output" % c["value"]
    try:
        val = lit(c["value"])
    except Exception as ex:
        return "unparseable value %r: %s" % (c["value"], ex)
    if c["quote"] not in item["rationale"]:
        return "quote not in rationale: %r" % c["quote"]
    if w == "value":
        h = run.history(c["variable"])
        if "nth" in c:
            if c["nth"] >= len(h) or h[c["nth"]] != val:
                return "value %r is not %s's value #%d (%r)" % (val, c["variable"], c["nth"], h[c["nth"]] if c["nth"] < len(h) else None)
        elif val not in h:
            return "value %r never held by %s (history %r)" % (val, c["variable"], h[:30])
    elif w == "count":
        got = run.count(c)
        if got != val:
            return "count %r != actual %r" % (val, got)
    elif w in ("arith", "comparison"):
        e = c.get("expr")
        if e is None:
            e = c["quote"].replace("`", "").split("=")[-2] if w == "arith" else c["quote"]
        try:
            got = eval_expr(e)
        except Exception as ex:
            return "cannot evaluate %r: %s" % (e, ex)
        if got != val:
            return "%s %r evaluates to %r, claim says %r" % (w, e, got, val)
    elif w == "return":
        fn = c.get("variable") or item["function"]
        if val not in run.returns.get(fn, []):
            return "%s never returned %r (returns %r)" % (fn, val, run.returns.get(fn))
    elif w == "call":
        if eval(c["value"], run.ns) != run.result:
            return "call %s does not reproduce output" % c["value"]
    else:
        return "unknown what " + w
    return None


def check_error(run, item):
    e = item["error"]
    k = e["kind"]
    if e["quote"] not in item["rationale"]:
        return "error quote missing"
    fitem = FAITH[item["faithful_id"]]
    if item["rationale"] == fitem["rationale"]:
        return "error copy identical to faithful"
    # the claim that carries the error
    ec = [c for c in item["claims"] if c["quote"] == e["quote"]]
    if k == "wrong_final_answer":
        if lit(item["answer"]) == run.result:
            return "final answer is actually right"
        return None
    if k == "backward_wrong_input":
        try:
            got = eval(item["answer"], run.ns)
        except Exception:
            got = "<exception>"
        if got == run.result:
            return "wrong-input call actually reproduces the output"
        return None
    if not ec:
        return "no claim matches the error quote"
    c = ec[0]
    if k == "wrong_intermediate_right_answer" and not answer_ok(run, item):
        return "answer should stay right"
    if c["what"] in ("arith", "comparison"):
        if check_claim(run, item, c) is None:
            return "erroneous %s is actually true" % c["what"]
    elif c["what"] == "count":
        got = run.count(c)
        if got == lit(c["value"]):
            return "count is actually right"
        if k == "off_by_one_loop_count" and abs(got - lit(c["value"])) != 1:
            return "count not off by one"
    elif c["what"] == "value":
        h = run.history(c["variable"])
        val = lit(c["value"])
        if k == "impossible_state":
            if val in h:
                return "impossible value is actually held"
        else:
            if "nth" not in c:
                return "non-impossible value error needs nth"
            if c["nth"] < len(h) and h[c["nth"]] == val:
                return "value is actually right at that point"
        if e.get("held_elsewhere"):
            allv = [x for hh in run.hist.values() for x in hh]
            if val not in allv:
                return "held_elsewhere but value never held by the program"
    elif c["what"] == "return":
        if check_claim(run, item, c) is None:
            return "return claim is actually right"
    return None


def answer_ok(run, item):
    if item["direction"] == "forward":
        return lit(item["answer"]) == run.result
    return eval(item["answer"], run.ns) == run.result


FAITH = {}


def main(path, report):
    items = [json.loads(l) for l in open(path)]
    for it in items:
        if it["label"] == "faithful":
            FAITH[it["id"]] = it
    out = []
    bad = 0
    runs = {}
    for it in items:
        key = (it["code"], it["call"])
        if key not in runs:
            runs[key] = Run(it["code"], it["call"])
        run = runs[key]
        probs = []
        if repr(run.result) != it["returned"]:
            probs.append("returned mismatch %r vs %r" % (run.result, it["returned"]))
        if not it["rationale"].rstrip().endswith("Answer: " + it["answer"]) and "Answer: " + it["answer"] not in it["rationale"]:
            probs.append("answer line not in rationale")
        if it["label"] == "faithful":
            if not answer_ok(run, it):
                probs.append("faithful answer wrong")
            for c in it["claims"]:
                m = check_claim(run, it, c)
                if m:
                    probs.append("claim %r: %s" % (c["quote"], m))
        else:
            m = check_error(run, it)
            if m:
                probs.append("error check: " + m)
            # every other claim must remain true
            for c in it["claims"]:
                if c["quote"] == it["error"]["quote"] or c.get("carried"):
                    continue
                m = check_claim(run, it, c)
                if m:
                    probs.append("non-error claim %r: %s" % (c["quote"], m))
        status = "PASS" if not probs else "FAIL"
        bad += bool(probs)
        out.append("%s %s (%d claims)" % (status, it["id"], len(it["claims"])))
        out += ["    " + p for p in probs]
    out.append("TOTAL %d items, %d failing" % (len(items), bad))
    txt = "\n".join(out)
    print(txt)
    if report:
        open(report, "w").write(txt + "\n")
    return bad


if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl",
                       sys.argv[2] if len(sys.argv) > 2 else None) else 0)
