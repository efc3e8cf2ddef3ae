#!/usr/bin/env python3
"""Standalone checker for w237 narrations: re-executes every program with sys.settrace
(no trace script, no tool code) and checks returned values, claims, answers and errors."""
import ast, copy, json, re, sys

FN = "<prog>"

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return v

class Run:
    def __init__(self, code, call):
        self.code, self.call = code, call
        self.hist = {}          # name -> list of distinct successive values
        self.line_hits = {}     # line -> count
        self.line_locals = {}   # line -> list of locals snapshots (per hit)
        self.ret = None
        self.err = None

    def _record(self, frame):
        loc = dict(frame.f_locals)
        items = list(loc.items())
        if "self" in loc:
            try:
                for k, v in vars(loc["self"]).items():
                    items.append(("self." + k, v))
            except TypeError:
                pass
        for k, v in items:
            if callable(v) and not isinstance(v, (list, dict, tuple, set)):
                continue
            h = self.hist.setdefault(k, [])
            s = snap(v)
            try:
                same = h and h[-1] == s
            except Exception:
                same = False
            if not same:
                h.append(s)
        return {k: snap(v) for k, v in items}

    def tracer(self, frame, event, arg):
        if frame.f_code.co_filename != FN:
            return self.tracer
        if event in ("line", "return", "call"):
            loc = self._record(frame)
            if event == "line":
                ln = frame.f_lineno
                self.line_hits[ln] = self.line_hits.get(ln, 0) + 1
                self.line_locals.setdefault(ln, []).append(loc)
        return self.tracer

    def go(self):
        g = {}
        exec(compile(self.code, FN, "exec"), g)
        sys.settrace(self.tracer)
        try:
            self.ret = eval(compile(self.call, FN + "call", "eval"), g)
        finally:
            sys.settrace(None)
        return self

def plain_call(code, call):
    g = {}
    exec(compile(code, FN + "2", "exec"), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def count_of(run, label):
    m = re.fullmatch(r"loop@line (\d+)", label)
    if not m:
        # a loop variable whose successive values all differ: iterations = history length
        return len(run.hist[label])
    return run.line_hits.get(int(m.group(1)), 0)

def var_hist(run, name):
    """History of a name, or of an expression over one recorded name (e.g. points['b'])."""
    if name in run.hist:
        return run.hist[name]
    bases = [b for b in re.findall(r"[A-Za-z_][A-Za-z_0-9.]*", name) if b in run.hist]
    if not bases:
        return None
    base = bases[0]
    out = []
    for v in run.hist[base]:
        try:
            out.append(eval(re.sub(r"\b%s\b" % re.escape(base), "__v", name, count=1), {"__v": v}))
        except Exception:
            pass
    return out

def probe_value(run, probe):
    if "var" in probe:
        v = var_hist(run, probe["var"])[probe["index"]]
        if "expr" in probe:
            v = eval(probe["expr"], {"__v": v})
        return v
    loc = run.line_locals[probe["line"]][probe["hit"] - 1]
    return eval(probe["expr"], {}, loc)

def check_claim(run, c, returned):
    what, val = c["what"], c["value"]
    v = lit(val) if what != "call" else None
    if what == "value":
        if c.get("variable"):
            hist = var_hist(run, c["variable"])
            assert hist is not None, "no such variable %r" % c["variable"]
            assert v in hist, "%r never takes %r (history %r)" % (c["variable"], v, hist[:20])
        else:
            assert any(v in h for h in run.hist.values()) or v == returned, "value %r nowhere" % (v,)
        if "probe" in c:
            assert probe_value(run, c["probe"]) == v, "probe mismatch"
    elif what == "count":
        n = count_of(run, c["variable"])
        assert n == v, "count %s is %d not %r" % (c["variable"], n, v)
    elif what in ("comparison", "arith"):
        e = c.get("expr", c["quote"])
        got = eval(e, {})
        assert got == v, "%s: %r evaluates to %r not %r" % (what, e, got, v)
    elif what == "return":
        assert v == returned, "return %r != %r" % (v, returned)
    elif what == "call":
        assert plain_call(run.code, val) == returned, "call %s does not return output" % val
    else:
        raise ValueError(what)

def check_error(run, it, returned):
    e = it["error"]
    k = e["kind"]
    assert e["quote"] in it["rationale"], "error quote not in rationale"
    stated, actual = e["stated"], e["actual"]
    if k == "wrong_final_answer":
        assert it["direction"] == "forward"
        assert lit(it["answer"]) != returned and lit(actual) == returned
        return
    if k == "backward_wrong_input":
        assert it["direction"] == "backward"
        try:
            r = plain_call(run.code, it["answer"])
        except Exception:
            r = object()
        assert r != returned, "wrong input actually returns the output"
        return
    if k == "off_by_one_loop_count":
        n = count_of(run, e["count_label"])
        assert n == lit(actual) and abs(lit(stated) - n) == 1, "count error not off by one"
        return
    if k == "wrong_arithmetic":
        got = eval(e["expr"], {})
        assert got == lit(actual) and got != lit(stated), "arith error check failed"
    elif k == "branch_not_taken":
        got = eval(e["expr"], {}) if "expr" in e else probe_value(run, e["probe"])
        assert bool(got) == lit(actual) and lit(actual) != lit(stated), "branch error check failed"
    else:
        got = probe_value(run, e["probe"])
        assert got == lit(actual), "probe %r gives %r, not actual %r" % (e["probe"], got, actual)
        assert got != lit(stated), "stated value is true at that point"
    if k == "impossible_state":
        var = e["variable"]
        assert lit(stated) not in (var_hist(run, var) or []), "impossible value does occur for %s" % var
    if e.get("held_elsewhere"):
        var = e.get("variable")
        pool = var_hist(run, var) if var else [x for h in run.hist.values() for x in h]
        assert lit(stated) in pool, "held_elsewhere but %r never held by %s" % (stated, var)
    if not e.get("held_elsewhere") and k in ("wrong_intermediate_right_answer", "wrong_loop_summary_value",
                                             "wrong_arithmetic", "off_by_one_loop_count"):
        # held_elsewhere false: the stated value is not one the same variable takes at another point
        var = e.get("variable") or e.get("probe", {}).get("var")
        if not var and re.fullmatch(r"[A-Za-z_][\w.]*", e.get("probe", {}).get("expr", "")):
            var = e["probe"]["expr"]
        if var and k != "off_by_one_loop_count":
            assert lit(stated) not in (var_hist(run, var) or []), "stated value is held by %s elsewhere" % var
    if k not in ("wrong_intermediate_right_answer", "wrong_loop_summary_value", "wrong_arithmetic",
                 "off_by_one_loop_count", "impossible_state", "swapped_variables", "branch_not_taken"):
        raise ValueError(k)

def main(path):
    items = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    byid = {it["id"]: it for it in items}
    runs = {}
    fails = 0
    lines = []
    for it in items:
        key = (it["code"], it["call"])
        try:
            if key not in runs:
                runs[key] = Run(it["code"], it["call"]).go()
            run = runs[key]
            returned = run.ret
            assert repr(returned) == it["returned"], "returned mismatch %r vs %s" % (returned, it["returned"])
            assert it["rationale"].rstrip().splitlines()[-1].startswith("Answer:") or \
                it["rationale"].rstrip().splitlines()[-1].startswith("Predicted Output:"), "last line"
            last = it["rationale"].rstrip().splitlines()[-1]
            assert it["answer"] in last, "answer not in last line"
            for c in it["claims"]:
                assert c["quote"] in it["rationale"], "claim quote missing: %r" % c["quote"]
            if it["label"] == "faithful":
                assert it["error"] is None and it["faithful_id"] is None
                for c in it["claims"]:
                    check_claim(run, c, returned)
                if it["direction"] == "forward":
                    assert lit(it["answer"]) == returned, "forward answer wrong"
                else:
                    assert plain_call(it["code"], it["answer"]) == returned, "backward answer wrong"
            else:
                f = byid[it["faithful_id"]]
                assert f["label"] == "faithful"
                check_error(run, it, returned)
                # the error claim must be in claims; other claims (not carried) still true
                ok_quotes = [c for c in it["claims"] if e_in(c, it)]
                assert ok_quotes, "error not represented in claims"
                for c in it["claims"]:
                    if e_in(c, it) or c.get("carried"):
                        continue
                    check_claim(run, c, returned)
            lines.append("PASS %s" % it["id"])
        except Exception as ex:
            fails += 1
            lines.append("FAIL %s: %s: %s" % (it["id"], type(ex).__name__, ex))
    lines.append("")
    lines.append("%d items, %d pass, %d fail" % (len(items), len(items) - fails, fails))
    return lines, fails

def e_in(c, it):
    e = it["error"]
    if e["kind"] in ("wrong_final_answer", "backward_wrong_input"):
        return c["what"] in ("return", "call") and c["quote"] in it["rationale"].rstrip().splitlines()[-1]
    return e["quote"] in c["quote"] or c["quote"] in e["quote"]

if __name__ == "__main__":
    p = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
    lines, fails = main(p)
    print("\n".join(lines))
    sys.exit(1 if fails else 0)
