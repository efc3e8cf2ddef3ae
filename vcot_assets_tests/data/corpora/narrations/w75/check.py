"""Standalone checker for w75 narrations: re-executes each program with sys.settrace,
records per-variable value histories, and checks claims / answers / error copies."""
import ast, copy, json, re, sys
from collections import defaultdict

WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
         "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
         "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
         "seventy": 70, "eighty": 80, "ninety": 90}


def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)


class Run:
    def __init__(self, code, call):
        self.hist = defaultdict(list)     # var -> list of distinct consecutive values
        self.lines = defaultdict(int)     # line number -> executions
        self.returns = defaultdict(list)  # func name -> return values
        self.last = {}
        self.samples = defaultdict(list)  # (line, var) -> value at each execution of that line
        g = {"__name__": "program"}
        exec(compile(code, "<program>", "exec"), g)
        self.g = g
        sys.settrace(self.tracer)
        try:
            self.result = eval(call, g)
        finally:
            sys.settrace(None)

    def record(self, frame):
        for name, val in list(frame.f_locals.items()):
            if name.startswith("."):
                continue
            self.push(name, val, id(frame))
            if name == "self" and hasattr(val, "__dict__"):
                for a, av in vars(val).items():
                    self.push("self." + a, av, id(val))

    def push(self, name, val, fid):
        v = snap(val)
        key = (name, fid)
        if key in self.last and self.last[key] == v and type(self.last[key]) == type(v):
            return
        self.last[key] = v
        h = self.hist[name]
        if not h or not (h[-1] == v and type(h[-1]) == type(v)):
            h.append(v)

    def tracer(self, frame, event, arg):
        if frame.f_code.co_filename != "<program>":
            return None
        if event == "line":
            self.record(frame)
            for name, val in list(frame.f_locals.items()):
                self.samples[(frame.f_lineno, name)].append(snap(val))
                if name == "self" and hasattr(val, "__dict__"):
                    for a, av in vars(val).items():
                        self.samples[(frame.f_lineno, "self." + a)].append(snap(av))
            self.lines[frame.f_lineno] += 1
        elif event == "return":
            self.record(frame)
            self.returns[frame.f_code.co_name].append(snap(arg))
        return self.tracer


def words_to_digits(s):
    def rep(m):
        parts = m.group(0).lower().replace("-", " ").split()
        return str(sum(WORDS[p] for p in parts))
    pat = r"\b(?:%s)(?:[- ](?:%s))?\b" % ("|".join(WORDS), "|".join(WORDS))
    return re.sub(pat, rep, s, flags=re.I)


def norm_expr(q):
    q = q.replace("`", "").replace("×", "*").replace("−", "-")
    q = words_to_digits(q)
    q = re.sub(r"\btimes\b", "*", q)
    q = re.sub(r"\bplus\b", "+", q)
    q = re.sub(r"\b(?:gives|makes|equals)\b", "=", q)
    q = re.sub(r"\bminus\b", "-", q)
    q = re.sub(r"\bis not\b", "!=", q)
    q = re.sub(r"\bis\b", "==", q) if "=" not in q.replace("==", "") else q
    return q


def eval_arith(q):
    q = norm_expr(q)
    if "==" in q:
        lhs, rhs = q.split("==", 1)
    elif "=" in q:
        lhs, rhs = q.rsplit("=", 1)
    else:
        raise ValueError("no = in arith quote: " + q)
    return eval(lhs.strip(), {}), rhs.strip()


def eval_cmp(q):
    return bool(eval(norm_expr(q).strip(), {}))


def same(a, b):
    return a == b and type(a) == type(b) or (isinstance(a, (int, float)) and not isinstance(a, bool)
                                            and isinstance(b, (int, float)) and not isinstance(b, bool) and a == b)


def var_history(run, var):
    """History of a variable, or of a subscript of one such as counts['an'] or runs[-1][1]."""
    m = re.match(r"([A-Za-z_][\w.]*)(\[.*\])$", var)
    if not m or var in run.hist:
        return run.hist.get(var, [])
    out = []
    for v in run.hist.get(m.group(1), []):
        try:
            x = eval("_v" + m.group(2), {"_v": v})
        except Exception:
            continue
        if not out or out[-1] != x:
            out.append(x)
    return out


def claim_truth(run, c):
    """Return (ok, detail) for a claim as a statement about the real run."""
    w = c["what"]
    val = ast.literal_eval(c["value"]) if w != "call" or c["value"] else None
    if w == "value":
        h = var_history(run, c["variable"])
        if "seq_index" in c:
            k = c["seq_index"]
            return h[k:k + len(val)] == list(val), f"history[{k}:]={h[k:k + len(val)]!r}"
        if "at_line" in c:
            smp = run.samples.get((c["at_line"], c["variable"]), [])
            if "iter" in c:
                k = c["iter"]
                ok = k < len(smp) and same(smp[k], val)
                return ok, f"at line {c['at_line']} #{k}: {smp[k] if k < len(smp) else None!r}"
            return smp == list(val), f"at line {c['at_line']}: {smp!r}"
        if "index" in c:
            k = c["index"]
            ok = k < len(h) and same(h[k], val)
            return ok, f"history[{k}]={h[k] if k < len(h) else None!r}"
        return any(same(x, val) for x in h), f"history={h!r}"
    if w == "count":
        m = re.search(r"@line (\d+)", c["variable"])
        n = run.lines[int(m.group(1))]
        return n == val, f"count={n}"
    if w == "comparison":
        t = eval_cmp(c["expr"] if "expr" in c else c["quote"])
        return t == val, f"evaluates to {t}"
    if w == "arith":
        got = eval(c["expr"], {}) if "expr" in c else eval_arith(c["quote"])[0]
        return same(got, val) or got == val, f"evaluates to {got!r}"
    if w == "return":
        if c.get("variable") and c["variable"] in run.returns:
            return any(same(x, val) for x in run.returns[c["variable"]]), "returns"
        return same(run.result, val) or any(same(x, val) for v in run.returns.values() for x in v), "return"
    if w == "call":
        vals = run.returns.get(c["variable"], [])
        if "seq_index" in c:
            k = c["seq_index"]
            return vals[k:k + len(val)] == list(val), f"returns[{k}:]={vals[k:k + len(val)]!r}"
        return any(same(x, val) for x in vals), f"returns={vals!r}"
    raise ValueError(w)


def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")]
    byid = {it["id"]: it for it in items}
    fails, report = 0, []
    runs = {}
    for it in items:
        errs = []
        key = (it["code"], it["call"])
        if key not in runs:
            runs[key] = Run(it["code"], it["call"])
        run = runs[key]
        if repr(run.result) != it["returned"]:
            errs.append(f"returned mismatch {run.result!r} vs {it['returned']}")
        last = it["rationale"].rstrip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            errs.append("answer line does not match answer field")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                errs.append(f"quote not in rationale: {c['quote']!r}")
        e = it["error"]
        err_quote = e["quote"] if e else None
        if e and e["quote"] not in it["rationale"]:
            errs.append("error quote not in rationale")
        for c in it["claims"]:
            if e and c["quote"] == err_quote:
                continue
            try:
                ok, d = claim_truth(run, c)
            except Exception as ex:
                ok, d = False, f"exception {ex!r}"
            if not ok:
                errs.append(f"claim false: {c['quote']!r} ({d})")
        # answer checks
        if it["direction"] == "forward":
            ans_ok = same(ast.literal_eval(it["answer"]), run.result) if it["answer"] else False
        else:
            try:
                out = eval(it["answer"], dict(run.g))
                ans_ok = repr(out) == it["returned"] and it["answer"].startswith(it["function"] + "(")
            except Exception:
                ans_ok = False
        if it["label"] == "faithful":
            if not ans_ok:
                errs.append("faithful answer wrong")
            if e is not None or it["faithful_id"] is not None:
                errs.append("faithful item with error")
        else:
            if it["faithful_id"] not in byid:
                errs.append("faithful_id missing")
            k = e["kind"]
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    errs.append("error answer is actually right")
                if k == "backward_wrong_input" and it["direction"] != "backward":
                    errs.append("backward_wrong_input on forward item")
            else:
                if not ans_ok and not (k == "branch_not_taken" and e.get("carried")):
                    errs.append("answer should stay right for this error kind")
                ecs = [c for c in it["claims"] if c["quote"] == err_quote]
                if not ecs:
                    errs.append("no claim carries the error quote")
                anyfalse = False
                for c in ecs:
                    ok, d = claim_truth(run, c)
                    if not ok:
                        anyfalse = True
                    if c["what"] == "value" and e.get("held_elsewhere") is not None:
                        h = var_history(run, c["variable"])
                        stated = ast.literal_eval(c["value"])
                        if "seq_index" in c or ("at_line" in c and "iter" not in c):
                            present = all(any(same(x, s) for x in h) for s in stated)
                        else:
                            present = any(same(x, stated) for v in run.hist.values() for x in v)
                        if k == "impossible_state" and any(same(x, stated) for x in h):
                            errs.append("impossible_state value does occur for that variable")
                        if e.get("held_elsewhere") and not present:
                            errs.append("held_elsewhere value occurs nowhere in the run")
                if not anyfalse:
                    errs.append(f"error claim is not false: {err_quote!r}")
        status = "PASS" if not errs else "FAIL"
        fails += bool(errs)
        report.append(f"{status} {it['id']} ({it['label']}{'/' + e['kind'] if e else ''}, {len(it['claims'])} claims)")
        for x in errs:
            report.append("    " + x)
    report.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    print("\n".join(report))
    return fails


if __name__ == "__main__":
    sys.exit(1 if main() else 0)
