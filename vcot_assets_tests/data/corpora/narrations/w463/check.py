"""Standalone checker for w463 narrations: runs each program with sys.settrace, records per-variable
value histories (locals and self.<attr>) and per-line execution counts, then checks every claim."""
import ast, copy, json, sys

PROG_MOD = "w463prog"

def snap(v):
    try: return copy.deepcopy(v)
    except Exception: return repr(v)

def run(code, call):
    ns = {"__name__": PROG_MOD}
    exec(compile(code, "<prog>", "exec"), ns)
    hist, lines, last = {}, {}, {}
    def rec(frame):
        items = dict(frame.f_locals)
        # attributes of program-defined objects (self, or a local holding an instance) -> "self.<attr>"
        for name, obj in list(items.items()):
            if isinstance(type(obj), type) and type(obj).__module__ == PROG_MOD and hasattr(obj, "__dict__") \
                    and not isinstance(obj, type):
                for k, v in vars(obj).items(): items["self." + k] = v
        for k, v in items.items():
            if k == "self": continue
            sv = snap(v)
            h = hist.setdefault(k, [])
            if not h or h[-1] != sv:
                h.append(sv)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>": return None
        if event == "line":
            rec(frame); lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        elif event == "return":
            rec(frame)
        return tr
    sys.settrace(tr)
    try: result = eval(call, ns)
    finally: sys.settrace(None)
    # a 'line' event fires before the line runs: the record at the next event captures its effect
    return ns, result, hist, lines

def lit(s): return ast.literal_eval(s)

def arith_expr(c):
    if c.get("expr"): return c["expr"]
    q = c["quote"].replace("`", "")
    return q.split(" = ")[0] if " = " in q else q

def claim_true(c, ns, result, hist, lines):
    w = c["what"]
    if w == "value":
        h = hist.get(c["variable"], []); v = lit(c["value"])
        if c.get("sequence"):  # a contiguous stretch of the variable's history
            return any(h[i:i + len(v)] == v for i in range(len(h) - len(v) + 1))
        if c.get("subseq"):  # values appear in this order, other values may come between
            it = iter(h); return all(any(x == y for y in it) for x in v)
        if "at" in c: return len(h) > c["at"] and h[c["at"]] == v
        return v in h
    if w == "count" and c.get("expr"):  # a count over part of a loop, computed directly
        return eval(c["expr"]) == int(c["value"])
    if w == "count" and c["variable"].startswith("var:"):
        return len(hist.get(c["variable"][4:], [])) == int(c["value"])
    if w == "count":
        ln = int(c["variable"].split("@line")[1]); return lines.get(ln, 0) == int(c["value"])
    if w == "arith": return eval(arith_expr(c)) == lit(c["value"])
    if w == "comparison": return bool(eval(c["expr"])) == lit(c["value"])
    if w == "return": return lit(c["value"]) == result
    if w == "call":
        call = c["quote"].split("Answer:", 1)[1].strip(); _, r, _, _ = run(CODE, call); return r == lit(c["value"])
    raise ValueError(w)

items = [json.loads(l) for l in open("narrations.jsonl")]
byid = {it["id"]: it for it in items}
fails, out = 0, []
for it in items:
    global CODE
    CODE = it["code"]
    ns, result, hist, lines = run(it["code"], it["call"])
    probs = []
    if repr(result) != it["returned"]: probs.append("returned mismatch")
    if it["trace_events"] < 1: probs.append("trace_events")
    ans_ok = (lit(it["answer"]) == result) if it["direction"] == "forward" else (run(CODE, it["answer"])[1] == result)
    if not it["rationale"].rstrip().endswith("Answer: " + it["answer"]): probs.append("answer line")
    for c in it["claims"]:
        if c["quote"] not in it["rationale"]: probs.append("quote missing: " + c["quote"])
    if it["label"] == "faithful":
        if not ans_ok: probs.append("answer wrong")
        for c in it["claims"]:
            if not claim_true(c, ns, result, hist, lines): probs.append("false claim: " + c["quote"])
    else:
        f = byid[it["faithful_id"]]; e = it["error"]
        if e["quote"] not in it["rationale"]: probs.append("error quote missing")
        fset = {(c["quote"], c["value"]) for c in f["claims"]}
        new = [c for c in it["claims"] if (c["quote"], c["value"]) not in fset]
        old = [c for c in it["claims"] if (c["quote"], c["value"]) in fset]
        for c in old:
            if not claim_true(c, ns, result, hist, lines): probs.append("false non-error claim: " + c["quote"])
        for c in new:
            if claim_true(c, ns, result, hist, lines): probs.append("error claim is true: " + c["quote"])
        k = e["kind"]
        if k in ("wrong_final_answer", "backward_wrong_input"):
            if ans_ok: probs.append("wrong answer is actually right")
            if k == "backward_wrong_input" and it["direction"] != "backward": probs.append("bwd kind on fwd")
        else:
            if not ans_ok: probs.append("answer should be right")
            if not new: probs.append("no error claim")
        if e.get("held_elsewhere"):
            var = e.get("variable") or e.get("held_var")
            sv = lit(e.get("stated_value", e["stated"]))
            if sv not in hist.get(var, []): probs.append("held_elsewhere value never held")
        if it["rationale"] == f["rationale"]: probs.append("identical to faithful")
    status = "PASS" if not probs else "FAIL " + "; ".join(probs)
    fails += bool(probs)
    out.append(f"{it['id']}: {status}")
out.append(f"\n{len(items)} items, {len(items)-fails} pass, {fails} fail")
open("check_report.txt", "w").write("\n".join(out) + "\n")
print("\n".join(out))
sys.exit(1 if fails else 0)
