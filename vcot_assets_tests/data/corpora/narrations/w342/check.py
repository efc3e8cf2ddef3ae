"""Standalone checker for w342 narrations: re-executes every program with sys.settrace
and checks returned values, claims, answers, and that each error copy's error is false.
Independent of any project tool code. Usage: python3 check.py > check_report.txt"""
import ast, copy, json, re, sys

HERE = "/work/corpus/narrations/w342/"


def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)


class Run:
    """Executes code+call, recording per-variable value histories (consecutive dedupe),
    per-line hit counts, and snapshots of locals at each line event."""

    def __init__(self, code, call):
        self.hist = {}      # var -> list of distinct successive values
        self.events = []    # (lineno, {var: value}) at each line event (state before line runs)
        ns = {}
        exec(compile(code, "<prog>", "exec"), ns)
        sys.settrace(self._trace)
        try:
            self.result = eval(compile(call, "<call>", "eval"), ns)
        finally:
            sys.settrace(None)
        self.ns = ns

    def _state(self, frame):
        st = {}
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in getattr(v, "__dict__", {}).items():
                    st["self." + a] = snap(av)
            else:
                st[k] = snap(v)
        return st

    def _record(self, st):
        for k, v in st.items():
            h = self.hist.setdefault(k, [])
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)

    def _trace(self, frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        st = self._state(frame)
        self._record(st)
        if event == "line":
            self.events.append((frame.f_lineno, st))
        return self._trace

    def history(self, var):
        if var in self.hist:
            return self.hist[var]
        m = re.fullmatch(r"(.+)\[(.+)\]", var)
        if m and m.group(1) in self.hist:
            key = ast.literal_eval(m.group(2))
            out = []
            for d in self.hist[m.group(1)]:
                if isinstance(d, dict) and key in d:
                    v = d[key]
                elif isinstance(d, (list, tuple, str)) and isinstance(key, int) and -len(d) <= key < len(d):
                    v = d[key]
                else:
                    continue
                if not out or out[-1] != v:
                    out.append(v)
            return out
        return None

    def count(self, label):
        # "loop@line N" or "loop@line N (x=V)": hits of line N (optionally only while local x == V)
        t = re.match(r"taken@line (\d+)->(\d+)", label)
        if t:  # number of times line B runs directly after line A (a branch taken)
            a, b = int(t.group(1)), int(t.group(2))
            return sum(1 for x, y in zip(self.events, self.events[1:]) if x[0] == a and y[0] == b)
        m = re.match(r"loop@line (\d+)(?: \((\w[\w.]*)=(.+)\))?", label)
        line = int(m.group(1))
        hits = [st for ln, st in self.events if ln == line]
        if m.group(2):
            val = ast.literal_eval(m.group(3))
            hits = [st for st in hits if st.get(m.group(2)) == val]
        return len(hits)

    def at_line(self, line, hit, var):
        # value of var when line `line` is reached for the `hit`-th time (1-based)
        hits = [st for ln, st in self.events if ln == line]
        st = hits[hit - 1]
        m = re.fullmatch(r"(.+)\[(.+)\]", var)
        if var not in st and m:
            return st[m.group(1)][ast.literal_eval(m.group(2))]
        return st[var]

    def final(self, var):
        h = self.history(var)
        return h[-1]


def lit(s):
    return ast.literal_eval(s)


def clean_expr(q):
    q = q.replace("`", "").strip()
    q = re.sub(r"\s+is\s.*$", "", q)
    q = re.sub(r"\s+(holds|fails)\b.*$", "", q)
    return q


def is_subseq(seq, hist):
    seq = [x for k, x in enumerate(seq) if k == 0 or seq[k - 1] != x]  # summaries may repeat an unchanged value
    it = iter(hist)
    return all(any(x == h for h in it) for x in seq)


def check_claim(run, c, item, overrides):
    what, var, val = c["what"], c.get("variable"), lit(c["value"])
    q = c["quote"]
    if q not in item["rationale"]:
        return "quote not in rationale: %r" % q
    if (item["id"], q) in overrides:
        spec = overrides[(item["id"], q)]
        got = eval(spec, dict(run.ns))
        return None if got == val else "override %s -> %r != %r" % (spec, got, val)
    if what == "value":
        if var is None:
            allv = [v for h in run.hist.values() for v in h] + [run.result]
            return None if val in allv else "value %r held by no variable" % (val,)
        h = run.history(var)
        if h is None:
            return "unknown variable %s" % var
        if val in h:
            return None
        if isinstance(val, list) and is_subseq(val, h):
            return None
        return "%s never holds %r (history %r)" % (var, val, h)
    if what == "count":
        got = run.count(var)
        return None if got == val else "count %s = %d, stated %r" % (var, got, val)
    if what in ("comparison", "arith"):
        expr = clean_expr(q.split("=")[0] if what == "arith" and "==" not in q else q)
        if what == "arith":
            parts = re.split(r"(?<![=<>!])=(?!=)", q.replace("`", ""))
            expr = clean_expr(parts[-2] if len(parts) > 1 else parts[0])
            expr = re.sub(r"^(?:[A-Za-z]+\s)+(?=[\d(\[\'\"-])", "", expr)  # drop leading prose words ("Finally 2741 - 1472")
        got = eval(expr, {})
        return None if got == val else "%s evaluates to %r, stated %r" % (expr, got, val)
    if what == "return":
        return None if run.result == val else "return %r != %r" % (run.result, val)
    if what == "call":
        got = eval(q.replace("Answer:", "", 1).strip(), dict(run.ns))
        return None if got == run.result else "call gives %r" % (got,)
    return "unknown claim kind %s" % what


def check_error(run, item, spec):
    """Confirm the error copy's stated thing is really false at its point."""
    e = item["error"]
    t = spec["type"]
    stated = e["stated"] if t == "answer" else lit(e["stated"])
    if e["quote"] not in item["rationale"]:
        return "error quote not in rationale"
    if t == "answer":
        if item["direction"] == "forward":
            return None if lit(item["answer"]) != run.result else "forward answer is actually right"
        got = eval(item["answer"], dict(run.ns))
        return None if got != run.result else "backward answer actually returns the output"
    if t == "arith":
        got = eval(spec["expr"], {})
        ok = got != stated
    elif t == "comparison":
        got = eval(spec["expr"], dict(run.ns))
        ok = got != stated
    elif t == "count":
        got = run.count(spec["label"])
        ok = got != stated
    elif t == "at_line":
        got = run.at_line(spec["line"], spec["hit"], spec["var"])
        ok = got != stated
    elif t == "final":
        got = run.final(spec["var"])
        ok = got != stated
    elif t == "hist_index":
        got = run.history(spec["var"])[spec["index"]]
        ok = got != stated
    elif t == "result_expr":
        got = eval(spec["expr"], {"R": run.result})
        ok = got != stated
    elif t == "never":
        h = run.history(spec["var"])
        got = h
        ok = stated not in h
    else:
        return "unknown spec"
    if not ok:
        return "error not false: got %r stated %r" % (got, stated)
    if lit(e["actual"]) != got and t != "never":
        return "actual field %r != %r" % (e["actual"], got)
    if e.get("held_elsewhere"):
        if t == "count":
            if run.count(spec["elsewhere_label"]) != stated:
                return "held_elsewhere count not found"
        else:
            h = run.history(spec.get("elsewhere_var") or spec.get("var"))
            if h is None:
                return "held_elsewhere: no variable to look in"
            if stated not in h:
                return "held_elsewhere but %r never held" % (stated,)
    return None


def main():
    sys.path.insert(0, HERE)
    from check_specs import ERR_SPECS, OVERRIDES
    items = [json.loads(l) for l in open(HERE + "narrations.jsonl") if l.strip()]
    progs = {json.loads(l)["id"]: json.loads(l) for l in open(HERE + "programs.jsonl") if l.strip()}
    fails = 0
    byid = {i["id"]: i for i in items}
    for it in items:
        probs = []
        run = Run(it["code"], it["call"])
        if repr(run.result) != it["returned"]:
            probs.append("returned mismatch %r vs %r" % (repr(run.result), it["returned"]))
        p = progs.get(it["program_id"])
        if p is None or p["returned"] != it["returned"] or p["events"] != it["trace_events"]:
            probs.append("programs.jsonl mismatch")
        last = it["rationale"].rstrip().splitlines()[-1]
        if last.strip() != "Answer: " + it["answer"]:
            probs.append("last line is not the Answer line")
        err_quote = it["error"]["quote"] if it["error"] else None
        for c in it["claims"]:
            if err_quote is not None and (c["quote"] in err_quote or err_quote in c["quote"]):
                continue  # the deliberately wrong claim(s), checked below via the error spec
            r = check_claim(run, c, it, OVERRIDES)
            if r:
                probs.append("claim %r: %s" % (c["quote"], r))
        if it["label"] == "faithful":
            if it["direction"] == "forward":
                if lit(it["answer"]) != run.result:
                    probs.append("forward answer wrong")
            else:
                if eval(it["answer"], dict(run.ns)) != run.result:
                    probs.append("backward answer does not return output")
        else:
            spec = ERR_SPECS.get(it["id"])
            if spec is None:
                probs.append("no error spec")
            else:
                r = check_error(run, it, spec)
                if r:
                    probs.append(r)
            f = byid.get(it["faithful_id"])
            if f is None:
                probs.append("faithful missing")
            if spec and spec["type"] != "answer" and it["kind"] != "x":
                # answer line of non-answer errors must still be right
                if it["direction"] == "forward" and lit(it["answer"]) != run.result:
                    probs.append("answer wrong in non-answer error copy")
                if it["direction"] == "backward" and eval(it["answer"], dict(run.ns)) != run.result:
                    probs.append("answer wrong in non-answer error copy")
        status = "PASS" if not probs else "FAIL"
        if probs:
            fails += 1
        print("%s %s (%s, %s, %s, %d claims)" % (status, it["id"], it["label"], it["style"], it["family"], len(it["claims"])))
        for pr in probs:
            print("    - " + pr)
    print("\n%d items, %d failing" % (len(items), fails))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
