"""Standalone checker for w160 narrations: re-executes every program with sys.settrace
and checks returned values, claims of faithful items, and that each error copy's error is
really false at the point it refers to. Writes check_report.txt."""
import ast, copy, json, re, sys

FN = "<w160-prog>"


def lit(s):
    return ast.literal_eval(s) if isinstance(s, str) else s


class Run:
    def __init__(self, code, call):
        self.hist = {}        # var -> list of successive distinct values
        self.snaps = []       # (lineno, env dict) before each line executes
        self.linecount = {}
        ns = {}
        exec(compile(code, FN, "exec"), ns)
        self.ns = ns
        sys.settrace(self.tr)
        try:
            self.result = eval(call, ns)
        finally:
            sys.settrace(None)

    def env(self, frame):
        d = {}
        for k, v in frame.f_locals.items():
            if k.startswith(".") or k == "__class__":
                continue
            try:
                d[k] = copy.deepcopy(v)
            except Exception:
                d[k] = v
            if k == "self" and hasattr(v, "__dict__"):
                for a, av in vars(v).items():
                    d["self." + a] = copy.deepcopy(av)
        return d

    def record(self, d):
        for k, v in d.items():
            h = self.hist.setdefault(k, [])
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)

    def tr(self, frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        d = self.env(frame)
        self.record(d)
        if event == "line":
            self.snaps.append((frame.f_lineno, d))
            self.linecount[frame.f_lineno] = self.linecount.get(frame.f_lineno, 0) + 1
        return self.tr

    def at_line(self, line, nth, expr):
        hits = [d for (ln, d) in self.snaps if ln == line]
        return eval(expr, dict(self.ns), dict(hits[nth]))

    def anywhere(self, val):
        return any(val == v for h in self.hist.values() for v in h)


def core(quote):
    m = re.search(r"`([^`]+)`", quote)
    return m.group(1) if m else quote


def arith_ok(expr, stated):
    e = core(expr)
    left = re.split(r"(?<![=!<>])=(?!=)", e)[0]
    return eval(left) == lit(stated), eval(left)


def check_claim(run, c, ret):
    what, val = c["what"], c["value"]
    if what == "value":
        if val is None or c["variable"] not in run.hist:
            return False
        h, v = run.hist[c["variable"]], lit(val)
        if v in h:
            return True
        # a summarised sequence: the listed values occur consecutively in the history
        if isinstance(v, list) and v:
            v = [x for i, x in enumerate(v) if i == 0 or x != v[i - 1]]  # repeats collapse in the history
            return any(h[k:k + len(v)] == v for k in range(len(h)))
        return False
    if what == "count":
        m = re.search(r"line (\d+)", c["variable"] or "")
        return run.linecount.get(int(m.group(1)), 0) == lit(val)
    if what == "comparison":
        return eval(c.get("expr") or core(c["quote"])) == lit(val)
    if what == "arith":
        if c.get("expr"):
            return eval(c["expr"]) == lit(val)
        return arith_ok(c["quote"], val)[0]
    if what == "return":
        return lit(val) == ret
    if what == "call":
        return eval(val, dict(run.ns)) == ret
    return False


def point_value(run, w):
    if "loop_line" in w:
        return run.linecount.get(w["loop_line"], 0)
    if "line" in w:
        return run.at_line(w["line"], w.get("nth", 0), w["expr"])
    if "var" in w:
        return run.hist[w["var"]][w["nth"]]
    if "expr" in w:
        return eval(w["expr"])
    raise ValueError(w)


def check_error(run, it, ret):
    e = it["error"]
    k = e["kind"]
    w = e.get("where") or {}
    msgs = []
    if e["quote"] not in it["rationale"]:
        msgs.append("error quote not in rationale")
    if k == "wrong_final_answer":
        if lit(it["answer"]) == ret:
            msgs.append("answer is actually right")
    elif k == "backward_wrong_input":
        if eval(it["answer"], dict(run.ns)) == ret:
            msgs.append("wrong input actually returns the output")
    elif k == "impossible_state":
        if lit(w["value"]) in run.hist.get(w["absent_var"], []):
            msgs.append("value does occur")
    else:
        actual = point_value(run, w)
        stated = lit(w["value"])
        if actual == stated:
            msgs.append("stated value is true at that point")
        if actual != lit(e["actual"]):
            msgs.append(f"actual mismatch: {actual!r} vs {e['actual']}")
        if k == "off_by_one_loop_count" and abs(actual - stated) != 1:
            msgs.append("not off by one")
        if k == "wrong_arithmetic":
            ok, real = arith_ok(e["quote"], stated)
            if ok:
                msgs.append("arith quote is actually right")
    if e.get("held_elsewhere"):
        vals = []
        for (_, d) in (run.snaps if "line" in w else []):
            try:
                vals.append(eval(w["expr"], dict(run.ns), dict(d)))
            except Exception:
                pass
        if not run.anywhere(lit(w["value"])) and lit(w["value"]) not in vals:
            msgs.append("held_elsewhere but value never held")
    if k not in ("wrong_final_answer", "backward_wrong_input"):
        # answer must still be right unless the error was carried to it
        fine = (lit(it["answer"]) == ret) if it["direction"] == "forward" else (eval(it["answer"], dict(run.ns)) == ret)
        if not fine and not e.get("carried"):
            msgs.append("answer wrong although error not carried")
        if k == "wrong_intermediate_right_answer" and not fine:
            msgs.append("answer should be right")
    return msgs


def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    out, bad = [], 0
    runs = {}
    for it in items:
        key = (it["code"], it["call"])
        if key not in runs:
            runs[key] = Run(it["code"], it["call"])
        run = runs[key]
        ret = run.result
        msgs = []
        if repr(ret) != it["returned"]:
            msgs.append(f"returned mismatch {ret!r}")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                msgs.append(f"claim quote missing: {c['quote']!r}")
        last = it["rationale"].rstrip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            msgs.append("answer field != Answer line")
        if it["label"] == "faithful":
            for c in it["claims"]:
                try:
                    ok = check_claim(run, c, ret)
                except Exception as ex:
                    ok = False
                if not ok:
                    msgs.append(f"false claim: {c}")
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret:
                    msgs.append("forward answer wrong")
            elif eval(it["answer"], dict(run.ns)) != ret:
                msgs.append("backward answer wrong")
        else:
            e = it["error"]
            # the error claim must be in claims with the stated value
            if not any(c["quote"] == e["quote"] or e["quote"] in c["quote"] or c["quote"] in e["quote"] for c in it["claims"]) and e["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                msgs.append("error not among claims")
            try:
                msgs += check_error(run, it, ret)
            except Exception as ex:
                msgs.append(f"exception {ex!r}")
            # every other claim should still hold
            for c in it["claims"]:
                if e["quote"] in c["quote"] or c["quote"] in e["quote"] or c.get("wrong"):
                    continue
                try:
                    ok = check_claim(run, c, ret)
                except Exception:
                    ok = False
                if not ok and not e.get("carried"):
                    msgs.append(f"other claim false: {c['quote']!r}")
        status = "PASS" if not msgs else "FAIL"
        bad += bool(msgs)
        out.append(f"{status} {it['id']} ({it['label']}, {it['direction']}, {it['style']}, {(it['error'] or {}).get('kind', '-')})" + "".join("\n    " + m for m in msgs))
    out.append(f"\n{len(items) - bad}/{len(items)} items pass")
    open("check_report.txt", "w").write("\n".join(out) + "\n")
    print("\n".join(out[-15:]) if bad == 0 else "\n".join(o for o in out if o.startswith("FAIL")) + out[-1])


if __name__ == "__main__":
    main()
