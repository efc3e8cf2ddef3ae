"""Standalone checker for w492 narrations: runs each program under sys.settrace and checks
every claim of faithful items is true and that each error copy's error is false at its point."""
import ast, copy, json, sys

def lit(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return s

class Run:
    def __init__(self, code, call):
        self.hist = {}      # var -> list of values in order of change (across frames)
        self.lines = {}     # lineno -> hit count
        self.rets = {}      # function name -> list of return values
        self.ns = {}
        self.code = code
        exec(compile(code, "<prog>", "exec"), self.ns)
        self.classes = tuple(v for v in self.ns.values() if isinstance(v, type))
        self.last = {}
        sys.settrace(self._g)
        try:
            self.result = eval(compile(call, "<call>", "eval"), self.ns)
        finally:
            sys.settrace(None)

    def _rec(self, frame):
        fid = id(frame)
        for k, v in list(frame.f_locals.items()):
            items = [(k, v)]
            if self.classes and isinstance(v, self.classes):
                items = [(f"{k}.{a}", b) for a, b in vars(v).items()]
            for name, val in items:
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    continue
                key = (fid, name)
                if key not in self.last or self.last[key] != val or type(self.last[key]) != type(val):
                    self.last[key] = val
                    self.hist.setdefault(name, []).append(val)

    def _g(self, frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        return self._l

    def _l(self, frame, event, arg):
        self._rec(frame)
        if event == "line":
            self.lines[frame.f_lineno] = self.lines.get(frame.f_lineno, 0) + 1
        elif event == "return":
            self.rets.setdefault(frame.f_code.co_name, []).append(copy.deepcopy(arg))
        return self._l

def run_call(code, call):
    ns = {}
    exec(compile(code, "<p2>", "exec"), ns)
    return eval(call, ns)

def seq(r, var):
    """consecutive-deduplicated value history of a variable, or of an expression on one
    (e.g. "self.counts['plum']")"""
    base, rest = var, ""
    if "[" in var:
        base, rest = var[:var.index("[")], var[var.index("["):]
    out = []
    for v in r.hist.get(base, []):
        try:
            v = eval("_v" + rest, {"_v": v}) if rest else v
        except Exception:
            continue
        if not out or out[-1] != v:
            out.append(v)
    return out

def claim_true(c, r, item):
    w, v = c["what"], lit(c["value"])
    if w == "value":
        return v in seq(r, c["variable"])
    if w == "count":
        ln = int(c["variable"].split("@line")[1])
        return r.lines.get(ln, 0) == v
    if w in ("comparison", "arith"):
        expr = c.get("expr")
        if w == "arith" and not c.get("expr"):
            expr = c["quote"].replace("`", "").rsplit("=", 1)[0]
        return eval(expr, {}) == v
    if w == "return":
        fn = c["variable"] or item["function"]
        return v in r.rets.get(fn, []) or (fn == item["function"] and v == r.result)
    if w == "call":
        return run_call(item["code"], c["value"]) == r.result
    raise ValueError(w)

def error_false(e, r, item):
    k, s = e["kind"], lit(e["stated"])
    p = e.get("point", {})
    if k == "wrong_final_answer":
        return lit(item["answer"]) != r.result
    if k == "backward_wrong_input":
        return run_call(item["code"], item["answer"]) != r.result
    if k == "impossible_state":
        return s not in seq(r, p["variable"])
    if k == "off_by_one_loop_count":
        return r.lines.get(p["line"], 0) != s and abs(r.lines.get(p["line"], 0) - s) == 1
    if k in ("wrong_arithmetic", "branch_not_taken") and "expr" in p:
        return eval(p["expr"], {}) != s
    # point-in-history check: nth value of variable
    h = seq(r, p["variable"])
    at = h[p["nth"]]
    if "index" in p:
        at = at[p["index"]]
    ok = at != s
    if e.get("held_elsewhere"):
        ok = ok and (s in h or (isinstance(at, type(s)) and any(s in hh for hh in r.hist.values())) or any(s == x or (isinstance(x, list) and s in x) for x in h))
    return ok

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    byid = {it["id"]: it for it in items}
    fails, out = 0, []
    for it in items:
        probs = []
        r = Run(it["code"], it["call"])
        if repr(r.result) != it["returned"]:
            probs.append(f"returned {r.result!r} != {it['returned']}")
        last = it["rationale"].rstrip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            probs.append("answer line mismatch")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append(f"quote not found: {c['quote']!r}")
        err = it["error"]
        for c in it["claims"]:
            if err and (err["quote"] in c["quote"] or c["quote"] in err["quote"] or c.get("carried")):
                continue
            try:
                ok = claim_true(c, r, it)
            except Exception as ex:
                ok = False
            if not ok:
                probs.append(f"claim false: {c}")
        if it["label"] == "faithful":
            if it["direction"] == "forward":
                if lit(it["answer"]) != r.result:
                    probs.append("forward answer wrong")
            elif run_call(it["code"], it["answer"]) != r.result:
                probs.append("backward answer wrong")
        else:
            f = byid.get(it["faithful_id"])
            if f is None:
                probs.append("no faithful")
            if err["quote"] not in it["rationale"]:
                probs.append("error quote not in rationale")
            if not error_false(err, r, it):
                probs.append("error not actually false")
            if err["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                if it["direction"] == "forward" and lit(it["answer"]) != r.result and not err.get("carried"):
                    probs.append("answer changed without carried")
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        out.append(f"{status} {it['id']} ({it['label']}, {it['style']}, {(err or {}).get('kind', '-')}, claims={len(it['claims'])})")
        out += ["    " + p for p in probs]
    out.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    txt = "\n".join(out)
    open("check_report.txt", "w").write(txt + "\n")
    print(txt)
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
