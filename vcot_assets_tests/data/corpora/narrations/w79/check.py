"""Standalone checker for w79 narrations (plain exec + sys.settrace; no tool code).

For every item: re-runs the call and compares `returned`; checks each claim of a faithful
item (value in the variable's recorded history, loop counts from line-hit counts, arith
expressions, comparisons, return value, backward answer call); for error copies checks the
non-error claims the same way and confirms the error really is false at the stated point
(using the per-item spec in claim_checks.jsonl).
"""
import ast, copy, json, sys
from collections import defaultdict

HERE = __file__.rsplit("/", 1)[0] if "/" in __file__ else "."

class Run:
    def __init__(self, code, call):
        self.hits = defaultdict(int)          # line -> times executed
        self.snaps = {}                        # (line, hit) -> locals before that line
        self.hist = defaultdict(list)          # var -> values in order of change
        self.prev = {}                         # frame id -> {var: value}
        ns = {"__name__": "program"}
        exec(compile(code, "<prog>", "exec"), ns)
        self.ns = ns
        sys.settrace(self.tracer)
        try:
            self.result = eval(call, ns)
        finally:
            sys.settrace(None)

    def state(self, frame):
        st = {}
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    st["self." + a] = self.cp(av)
            else:
                st[k] = self.cp(v)
        return st

    @staticmethod
    def cp(v):
        try:
            return copy.deepcopy(v)
        except Exception:
            return v

    def record(self, frame):
        st = self.state(frame)
        old = self.prev.setdefault(id(frame), {})
        for k, v in st.items():
            if k not in old or old[k] != v or type(old[k]) != type(v):
                self.hist[k].append(v)
        self.prev[id(frame)] = st
        return st

    def tracer(self, frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "call":
            self.prev[id(frame)] = {}
            self.record(frame)
        elif event == "line":
            st = self.record(frame)
            ln = frame.f_lineno
            self.hits[ln] += 1
            self.snaps[(ln, self.hits[ln])] = st
        elif event == "return":
            self.record(frame)
            self.prev.pop(id(frame), None)
        return self.tracer


def lit(s):
    if not isinstance(s, str):
        return s
    try:
        return ast.literal_eval(s)
    except Exception:
        return s


def same(a, b):
    return a == b and type(a) == type(b) or (a == b and isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and not isinstance(b, bool))


def check_claim(run, item, c, spec, ns):
    what = c["what"]
    val = lit(c["value"]) if what != "call" else None
    if what == "value":
        if spec and spec.get("line"):
            actual = run.snaps[(spec["line"], spec["hit"])][c["variable"]]
            return same(actual, val), f"at line {spec['line']}#{spec['hit']} {c['variable']}={actual!r}"
        if c["variable"] and c["variable"] in run.hist:
            h = run.hist.get(c["variable"], [])
            return any(same(x, val) for x in h), f"history of {c['variable']}: {h!r}"[:300]
        if c["variable"]:
            # an expression such as len(parts) or counts['red']: evaluate in every snapshot
            seen = []
            for st in run.snaps.values():
                env = {k.replace("self.", "self_"): v for k, v in st.items()}
                try:
                    seen.append(eval(c["variable"].replace("self.", "self_"), {"len": len, "sum": sum}, env))
                except Exception:
                    pass
            return any(same(x, val) for x in seen), f"expression {c['variable']} over snapshots"
        allv = [x for h in run.hist.values() for x in h] + [run.result]
        return any(same(x, val) for x in allv), "any variable"
    if what == "count":
        n = run.hits.get(int(spec["line"]), 0)
        if "per" in spec:
            n = n // spec["per"]
        n -= spec.get("minus", 0)
        return n == val, f"line {spec['line']} ran {n} times"
    if what in ("arith", "comparison"):
        r = eval(spec["expr"], {})
        return same(r, val), f"{spec['expr']} -> {r!r}"
    if what == "return":
        return same(run.result, val), f"returned {run.result!r}"
    if what == "call":
        r = eval(c["value"], dict(ns))
        return same(r, run.result), f"call gives {r!r}"
    return False, "unknown claim kind"


def check_error(run, item, spec, ns):
    err = item["error"]
    mode = spec["mode"]
    stated = spec.get("stated_value", err["stated"])
    stated = lit(stated)
    actual_decl = lit(spec.get("actual_value", err["actual"]))
    if mode == "answer":
        if item["direction"] == "forward":
            a = lit(item["answer"])
            return not same(a, run.result), f"answer {a!r} vs returned {run.result!r}"
        r = eval(item["answer"], dict(ns))
        return not same(r, run.result), f"answer call gives {r!r}, output {run.result!r}"
    if mode == "at":
        st = run.snaps[(spec["line"], spec["hit"])]
        if spec["var"] in st:
            actual = st[spec["var"]]
        else:
            env = {k.replace("self.", "self_"): v for k, v in st.items()}
            actual = eval(spec["var"].replace("self.", "self_"), {}, env)
    elif mode == "hist":
        actual = run.hist[spec["var"]][spec["index"]]
    elif mode == "never":
        h = run.hist.get(spec["var"], [])
        ok = not any(same(x, stated) for x in h)
        return ok, f"{spec['var']} history {h!r}"[:300]
    elif mode == "count":
        actual = run.hits.get(int(spec["line"]), 0)
        if "per" in spec:
            actual //= spec["per"]
        actual -= spec.get("minus", 0)
    elif mode == "arith":
        actual = eval(spec["expr"], {})
    elif mode == "cond":
        env = dict(run.snaps[(spec["line"], spec["hit"])])
        env = {k.replace("self.", "self_"): v for k, v in env.items()}
        actual = eval(spec["expr"], {}, env)
        if isinstance(stated, bool):
            actual = bool(actual)
    elif mode == "return":
        actual = run.result
    else:
        return False, "unknown mode"
    ok = (not same(actual, stated)) and same(actual, actual_decl)
    if ok and err.get("held_elsewhere") and "var" in spec:
        # the wrong value must be one the variable really holds at another moment
        h = run.hist.get(spec["var"])
        if h is None:
            h = []
            for st in run.snaps.values():
                env = {k.replace("self.", "self_"): v for k, v in st.items()}
                try:
                    h.append(eval(spec["var"].replace("self.", "self_"), {}, env))
                except Exception:
                    pass
        if not any(same(x, stated) for x in h):
            return False, f"held_elsewhere but {stated!r} never held by {spec['var']}"
    elif ok and err.get("held_elsewhere") and mode in ("arith", "count"):
        allv = [x for hh in run.hist.values() for x in hh]
        if not any(same(x, stated) for x in allv):
            return False, f"held_elsewhere but {stated!r} not held by any variable"
    return ok, f"{mode}: actual {actual!r}, stated {stated!r}, declared actual {actual_decl!r}"


def main():
    items = [json.loads(l) for l in open(f"{HERE}/narrations.jsonl") if l.strip()]
    specs = {}
    for l in open(f"{HERE}/claim_checks.jsonl"):
        if l.strip():
            d = json.loads(l)
            specs[d["id"]] = d
    out, bad = [], 0
    runs = {}
    for it in items:
        probs = []
        key = it["program_id"]
        if key not in runs:
            runs[key] = Run(it["code"], it["call"])
        run = runs[key]
        if repr(run.result) != it["returned"]:
            probs.append(f"returned mismatch {run.result!r} != {it['returned']}")
        sp = specs.get(it["id"], {})
        cspecs = sp.get("claims", [None] * len(it["claims"]))
        last = it["rationale"].rstrip().splitlines()[-1]
        if not last.startswith("Answer:") and not last.startswith("Predicted Output:"):
            probs.append("last line is not an Answer line")
        if it["answer"] not in last:
            probs.append("answer not in last line")
        for c, cs in zip(it["claims"], cspecs):
            if c["quote"] not in it["rationale"]:
                probs.append(f"quote not in rationale: {c['quote']!r}")
            if it["label"] == "error" and cs and cs.get("is_error"):
                continue
            if it["label"] == "error" and cs and cs.get("carried"):
                continue
            try:
                ok, why = check_claim(run, it, c, cs or {}, run.ns)
            except Exception as e:
                ok, why = False, f"exception {e!r}"
            if not ok:
                probs.append(f"claim false: {c['quote']!r} ({why})")
        if it["label"] == "faithful":
            if it["direction"] == "forward":
                if not same(lit(it["answer"]), run.result):
                    probs.append("forward answer != return")
            else:
                r = eval(it["answer"], dict(run.ns))
                if not same(r, run.result):
                    probs.append(f"backward answer gives {r!r}")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                probs.append("error quote not in rationale")
            try:
                ok, why = check_error(run, it, sp["error"], run.ns)
            except Exception as ex:
                ok, why = False, f"exception {ex!r}"
            if not ok:
                probs.append(f"error not confirmed false: {why}")
            if e["kind"] != "wrong_final_answer" and e["kind"] != "backward_wrong_input":
                if it["direction"] == "forward" and not same(lit(it["answer"]), run.result) and not e.get("carried"):
                    probs.append("non-answer error but answer wrong")
        status = "PASS" if not probs else "FAIL"
        bad += bool(probs)
        out.append(f"{status} {it['id']} ({it['label']}, {it['direction']}, {it['style']}, "
                   f"{(it['error'] or {}).get('kind', '-')}, claims={len(it['claims'])})")
        for p in probs:
            out.append("    " + p)
    out.append(f"\n{len(items)} items, {len(items) - bad} pass, {bad} fail")
    text = "\n".join(out)
    print(text)
    open(f"{HERE}/check_report.txt", "w").write(text + "\n")
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
