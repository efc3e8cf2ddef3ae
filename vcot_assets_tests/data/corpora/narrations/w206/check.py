"""Standalone checker for w206 narrations: re-executes each call under sys.settrace and checks
every claim of faithful items and the error of every error copy against the real execution."""
import ast, json, sys, copy

def lit(s):
    return ast.literal_eval(s)

class Run:
    def __init__(self, code, call):
        self.code, self.call = code, call
        self.hist = {}          # name -> list of values (consecutive distinct), all frames
        self.snaps = []         # (func, line, {name: value}) per line event, state before the line
        self.retvals = []
        g = {"__name__": "program"}
        exec(compile(code, "<prog>", "exec"), g)
        self.g = g
        sys.settrace(self._tr)
        try:
            self.result = eval(compile(call, "<call>", "eval"), g)
        finally:
            sys.settrace(None)

    def _state(self, frame):
        st = {}
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in vars(v).items():
                    st["self." + a] = copy.deepcopy(av)
            else:
                try:
                    st[k] = copy.deepcopy(v)
                except Exception:
                    st[k] = v
        return st

    def _note(self, st):
        for k, v in st.items():
            h = self.hist.setdefault(k, [])
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)

    def _tr(self, frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        st = self._state(frame)
        self._note(st)
        if event == "line":
            self.snaps.append((frame.f_code.co_name, frame.f_lineno, st))
        elif event == "return":
            self.snaps.append((frame.f_code.co_name, -frame.f_lineno, st))
            self.retvals.append((frame.f_code.co_name, arg))
            h = self.hist.setdefault("<return " + frame.f_code.co_name + ">", [])
            h.append(arg)
        return self._tr

    def line_hits(self, line, func=None):
        return [s for s in self.snaps if s[1] == line and (func is None or s[0] == func)]

    def count(self, label, func=None):
        # label "loop@line N": N is the first body line of the loop; iterations = times it runs
        n = int(label.split("line")[-1].strip())
        return len(self.line_hits(n, func))

    def at(self, spec):
        hits = self.line_hits(spec["line"], spec.get("func"))
        st = hits[spec["k"]][2]
        env = dict(st)
        env.update({k.replace("self.", "self_"): v for k, v in st.items() if k.startswith("self.")})
        return eval(spec["expr"].replace("self.", "self_"), dict(self.g), env)

    def has_value(self, var, val):
        if var not in self.hist:
            return False
        return any(v == val and type(v) == type(val) or (v == val and isinstance(v, (int, float)) and isinstance(val, (int, float)) and not isinstance(v, bool)) for v in self.hist[var])

def arith_value(c):
    expr = c.get("expr")
    if expr is None:
        q = c["quote"].replace("`", "")
        expr = q.split("=")[0] if "=" in q else q.split(" is ")[0]
    return eval(expr, {})

def check_claim(run, c, item):
    what = c["what"]
    if what == "call":
        got = Run(item["code"], c["value"]).result
        return repr(got) == item["returned"], f"call gives {got!r}"
    val = lit(c["value"])
    if "at" in c:
        got = run.at(c["at"]); return got == val, f"at-point value {got!r}"
    if what == "value":
        return run.has_value(c["variable"], val), f"history of {c['variable']}: {run.hist.get(c['variable'])}"
    if what == "count":
        got = run.count(c["variable"], c.get("func")); return got == val, f"count {got}"
    if what == "arith":
        got = arith_value(c); return got == val, f"arith gives {got!r}"
    if what == "comparison":
        got = eval(c["expr"], {}) if "expr" in c else arith_value(c)
        return bool(got) == bool(val), f"comparison gives {got!r}"
    if what == "return":
        if c.get("variable") and c["variable"] != item["function"]:
            rv = [r for f, r in run.retvals if f == c["variable"]]
            return val in rv, f"returns of {c['variable']}: {rv}"
        return run.result == val, f"return {run.result!r}"
    if what == "call":
        got = Run(item["code"], c["value"]).result
        return repr(got) == item["returned"], f"call gives {got!r}"
    return False, "unknown claim kind"

def main():
    items = [json.loads(l) for l in open("narrations.jsonl", encoding="utf-8") if l.strip()]
    byid = {it["id"]: it for it in items}
    fails, lines = 0, []
    for it in items:
        errs = []
        run = Run(it["code"], it["call"])
        if repr(run.result) != it["returned"]:
            errs.append(f"returned {run.result!r} != {it['returned']}")
        rat = it["rationale"]
        last = rat.strip().splitlines()[-1]
        if it["answer"] not in last:
            errs.append("answer not on last line")
        for c in it["claims"]:
            if c["quote"] not in rat:
                errs.append(f"quote not in rationale: {c['quote']!r}")
        # final answer
        if it["direction"] == "forward":
            ok_ans = lit(it["answer"]) == run.result
        else:
            ok_ans = repr(Run(it["code"], it["answer"]).result) == it["returned"] and it["answer"].startswith(it["function"] + "(") or (
                it["kind"] == "class" and repr(Run(it["code"], it["answer"]).result) == it["returned"])
        err = it["error"]
        ans_wrong_kind = err and err["kind"] in ("wrong_final_answer", "backward_wrong_input")
        if ans_wrong_kind:
            if ok_ans: errs.append("error answer actually correct")
        elif not ok_ans:
            errs.append(f"answer {it['answer']} wrong")
        if it["label"] == "faithful":
            for c in it["claims"]:
                ok, why = check_claim(run, c, it)
                if not ok:
                    errs.append(f"false claim {c['quote']!r} = {c['value']}: {why}")
        else:
            f = byid[it["faithful_id"]]
            if err["quote"] not in rat: errs.append("error quote missing")
            if err["quote"] in f["rationale"] and not ans_wrong_kind:
                errs.append("error quote also in faithful text")
            chk = err.get("check", {})
            t = chk.get("type")
            stated = lit(err["stated"]) if t not in (None, "answer") else None
            if t == "at":
                got = run.at(chk)
                if got == stated: errs.append(f"error value true at point ({got!r})")
                if lit(err["actual"]) != got: errs.append(f"actual {err['actual']} != {got!r}")
            elif t == "count":
                got = run.count(chk["label"], chk.get("func"))
                if got == stated: errs.append("error count true")
                if lit(err["actual"]) != got: errs.append(f"actual count {got}")
            elif t == "arith":
                got = eval(chk["expr"], {})
                if got == stated: errs.append("error arith true")
                if lit(err["actual"]) != got: errs.append(f"actual arith {got}")
            elif t == "history":
                h = run.hist.get(chk["variable"], [])
                if any(v == stated for v in h): errs.append("stated value occurs in history")
            elif t == "answer":
                pass
            else:
                errs.append("no check spec")
            if err.get("held_elsewhere"):
                var = chk.get("variable")
                if not var or not run.has_value(var, stated):
                    errs.append(f"held_elsewhere but {err['stated']} never held by {var}")
            # every other claim (all but the erroneous) must still be true unless carried
            for c in it["claims"]:
                if c["quote"] in err["quote"] or err["quote"] in c["quote"]:
                    continue
                ok, why = check_claim(run, c, it)
                if not ok and not err.get("carried"):
                    errs.append(f"non-error claim false {c['quote']!r}: {why}")
        status = "PASS" if not errs else "FAIL"
        if errs: fails += 1
        lines.append(f"{status} {it['id']} ({it['label']}, {it['direction']}, {it['style']}"
                     + (f", {err['kind']}" if err else "") + ")" + "".join("\n    " + e for e in errs))
    lines.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    open("check_report.txt", "w").write("\n".join(lines) + "\n")
    print("\n".join(l for l in lines if not l.startswith("PASS")))
    sys.exit(1 if fails else 0)

if __name__ == "__main__":
    main()
