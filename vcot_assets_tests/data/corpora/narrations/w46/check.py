"""Standalone checker for w46 narrations: re-executes each program with sys.settrace and
checks every claim of faithful items, and that the marked error of each error copy is false."""
import ast, copy, json, re, sys

def run_traced(code, call):
    hist = {}          # var -> list of values (deep copies) seen at any event
    snaps = []         # per event: a deep copy of the frame's locals
    lines = []         # (frame_id, funcname, lineno) line events
    rets = []
    g = {"__name__": "program"}
    exec(compile(code, "<prog>", "exec"), g)
    def snap(frame):
        try:
            snaps.append(copy.deepcopy({k: v for k, v in frame.f_locals.items() if not k.startswith(".")}))
        except Exception:
            pass
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in getattr(v, "__dict__", {}).items():
                    hist.setdefault("self." + a, []).append(copy.deepcopy(av))
                continue
            if k.startswith("."):
                continue
            try:
                hist.setdefault(k, []).append(copy.deepcopy(v))
            except Exception:
                pass
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        snap(frame)
        if event == "line":
            lines.append((id(frame), frame.f_code.co_name, frame.f_lineno))
        if event == "return":
            rets.append(copy.deepcopy(arg))
        return tr
    sys.settrace(tr)
    try:
        result = eval(call, g)
    finally:
        sys.settrace(None)
    hist["__snaps__"] = snaps
    return result, hist, lines, rets, g

def plain_call(code, call):
    g = {"__name__": "program"}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def loop_counts(code, lines, lineno):
    tree = ast.parse(code)
    node = None
    for n in ast.walk(tree):
        if isinstance(n, (ast.For, ast.While)) and n.lineno == lineno:
            node = n
    if node is None:
        raise ValueError("no loop at line %d" % lineno)
    first = node.body[0].lineno
    lo, hi = node.lineno + 1, node.end_lineno
    entries = []
    prev = {}
    for fid, fn, ln in lines:
        if ln == lineno:
            p = prev.get(fid)
            if p is None or not (lo <= p <= hi) and p != lineno:
                entries.append(0)
        if ln == first and entries and prev.get(fid) == lineno:
            entries[-1] += 1
        prev[fid] = ln
    return entries

_BAD = object()

def safe_eval(expr, env):
    try:
        return eval(expr, {"len": len, "min": min, "max": max, "sorted": sorted}, env)
    except Exception:
        return _BAD

def clean(q):
    return q.replace("`", "").strip()

def eval_arith(q):
    q = clean(q)
    m = re.match(r"^(.*?)\s*(?<![=<>!])=(?!=)\s*([^=]+)$", q)
    if not m:
        m = re.match(r"^(.*?)\s+(?:is|gives|equals)\s+(.+)$", q)
    if not m:
        return eval(q), q
    lhs, rhs = m.group(1), m.group(2)
    return eval(lhs), lhs

def eval_cmp(q):
    q = clean(q)
    m = re.match(r"^(.*?)\s+(?:is (?:true|false|True|False)|holds|fails|returns (?:True|False)|evaluates to (?:True|False))\b.*$", q)
    if m:
        return eval(m.group(1))
    return eval(q)

def check_claim(c, ctx):
    """Return True if claim is true of execution."""
    result, hist, lines, rets, code = ctx
    what, var, val = c["what"], c["variable"], c["value"]
    if what == "call":
        return plain_call(code, val) == result
    v = eval(val)
    if what == "value":
        if var not in hist and not re.fullmatch(r"[\w.]+", var):
            # an expression over the frame's variables, e.g. len(kept), counts['fix']
            return any(safe_eval(var, sn) == v for sn in hist["__snaps__"])
        seen = hist.get(var, [])
        if isinstance(v, list) and v and not any(isinstance(x, list) for x in seen):
            # a summarised sequence of successive values of a scalar variable
            ch = []
            for x in seen:
                if not ch or ch[-1] != x:
                    ch.append(x)
            return any(ch[i:i + len(v)] == v for i in range(len(ch)))
        return any(type(x) == type(v) and x == v or (isinstance(x, (int, float)) and not isinstance(x, bool) and isinstance(v, (int, float)) and x == v) for x in hist.get(var, []))
    if what == "count":
        lm = re.match(r"line@(\d+)", var)
        if lm:
            return sum(1 for _, _, ln in lines if ln == int(lm.group(1))) == v
        m = re.match(r"loop@line (\d+)( per pass)?", var)
        counts = loop_counts(code, lines, int(m.group(1)))
        if m.group(2):
            return bool(counts) and all(x == v for x in counts)
        return sum(counts) == v
    if what == "arith":
        got, _ = eval_arith(c["quote"])
        return got == v
    if what == "comparison":
        if var:   # a comparison over program variables: some evaluated point gives the stated truth
            return any(safe_eval(var, sn) == v for sn in hist["__snaps__"] if safe_eval(var, sn) is not _BAD)
        return eval_cmp(c["quote"]) == v
    if what == "return":
        return any(r == v for r in rets)
    if what == "call":
        return plain_call(code, val) == result
    raise ValueError(what)

def main(path):
    items = [json.loads(l) for l in open(path)]
    fails = []
    n_claims = 0
    out = []
    for it in items:
        code, call = it["code"], it["call"]
        result, hist, lines, rets, g = run_traced(code, call)
        ctx = (result, hist, lines, rets, code)
        iid = it["id"]
        if repr(result) != it["returned"]:
            fails.append((iid, "returned mismatch %r" % (result,)))
        r = it["rationale"]
        last = r.rstrip().splitlines()[-1]
        if not last.startswith("Answer:") and not last.startswith("Predicted Output:"):
            fails.append((iid, "last line not Answer"))
        for c in it["claims"]:
            if c["quote"] not in r:
                fails.append((iid, "quote not in rationale: %r" % c["quote"]))
        if it["answer"] not in last:
            fails.append((iid, "answer not in last line"))
        # answer correctness
        if it["direction"] == "forward":
            ans_ok = eval(it["answer"]) == result
        else:
            try:
                ans_ok = plain_call(code, it["answer"]) == result and it["answer"].startswith(it["function"] + "(")
            except Exception:
                ans_ok = False
        err = it["error"]
        if it["label"] == "faithful":
            if not ans_ok:
                fails.append((iid, "faithful answer wrong"))
            for c in it["claims"]:
                n_claims += 1
                try:
                    ok = check_claim(c, ctx)
                except Exception as e:
                    ok = False
                if not ok:
                    fails.append((iid, "false claim %r" % c))
        else:
            k = err["kind"]
            if err["quote"] not in r:
                fails.append((iid, "error quote not in rationale"))
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    fails.append((iid, "error answer is actually right"))
                if k == "wrong_final_answer" and it["direction"] != "forward":
                    fails.append((iid, "wrong_final_answer on backward"))
                if k == "backward_wrong_input" and it["direction"] != "backward":
                    fails.append((iid, "backward_wrong_input on forward"))
            else:
                if not ans_ok and not err.get("carried"):
                    fails.append((iid, "answer should stay right for %s" % k))
                ecl = [c for c in it["claims"] if c["quote"] == err["quote"]]
                if not ecl:
                    fails.append((iid, "error claim missing"))
                for c in ecl:
                    try:
                        ok = check_claim(c, ctx)
                    except Exception as e:
                        ok = False
                    if ok:
                        fails.append((iid, "error claim is actually true %r" % c))
            # the other claims must hold unless the error is carried
            if not err.get("carried"):
                for c in it["claims"]:
                    if c["quote"] == err["quote"]:
                        continue
                    n_claims += 1
                    try:
                        ok = check_claim(c, ctx)
                    except Exception:
                        ok = False
                    if not ok:
                        fails.append((iid, "non-error claim false %r" % c))
        if it["label"] == "error" and not it["faithful_id"]:
            fails.append((iid, "missing faithful_id"))
    lines_out = ["items: %d, claims checked: %d" % (len(items), n_claims)]
    for f in fails:
        lines_out.append("FAIL %s: %s" % f)
    lines_out.append("RESULT: " + ("PASS" if not fails else "FAIL (%d)" % len(fails)))
    return "\n".join(lines_out)

if __name__ == "__main__":
    rep = main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")
    print(rep)
