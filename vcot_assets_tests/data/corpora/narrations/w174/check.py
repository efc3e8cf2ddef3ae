"""Standalone checker for w174 narrations: re-executes each program under sys.settrace,
records every variable's value history (per frame, merged by name in time order, plus
self.<attr> snapshots), line execution counts, and checks claims / errors."""
import ast, copy, json, re, sys
from collections import defaultdict

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = defaultdict(list)          # name -> list of values in time order (changes only)
    last = {}                         # (frame serial, name) -> last value
    serial = {}                       # id(frame) -> serial number, renewed on every call event
    lines = defaultdict(int)
    def snap(frame):
        items = dict(frame.f_locals)
        s = items.get("self")
        if s is not None and hasattr(s, "__dict__"):
            for k, v in vars(s).items():
                items["self." + k] = v
        for k, v in items.items():
            if k == "self":
                continue
            try:
                v2 = copy.deepcopy(v)
            except Exception:
                v2 = repr(v)
            key = (serial[id(frame)], k)
            if key not in last or last[key] != v2:
                last[key] = v2
                hist[k].append(v2)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            snap(frame)
            lines[frame.f_lineno] += 1
        elif event == "return":
            snap(frame)
        elif event == "call":
            serial[id(frame)] = max(serial.values(), default=0) + 1
            snap(frame)
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def plain_eval(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s) if isinstance(s, str) else s

def clean(q):
    return q.replace("`", "").strip().rstrip(".,;:")

def arith_value(q):
    q = clean(q)
    m = re.match(r"^(.*?[^=<>!])=(?!=)\s*([^=]+)$", q)
    left = m.group(1) if m else q
    return eval(left.replace("×", "*"), {})

def check_claim(c, ret, hist, lines, code):
    what, var = c["what"], c.get("variable")
    if what == "call":
        return plain_eval(code, c["value"]) == ret
    val = lit(c["value"])
    if what == "value":
        if var:
            return var in hist and val in hist[var]
        return any(val in h for h in hist.values()) or val == ret
    if what == "count":
        m = re.search(r"line (\d+)", var or "")
        return m is not None and lines[int(m.group(1))] == val
    if what == "comparison":
        expr = c.get("expr") or clean(c["quote"])
        return bool(eval(expr, {})) == val
    if what == "arith":
        expr = c.get("expr")
        got = eval(expr, {}) if expr else arith_value(c["quote"])
        return got == val
    if what == "return":
        return val == ret
    return False

def check_error(it, ret, hist, lines):
    e = it["error"]; p = e["probe"]; t = p["type"]
    stated, actual = e["stated"], e["actual"]
    if t == "answer":
        if it["direction"] == "forward":
            return lit(it["answer"]) != ret and lit(actual) == ret
        return plain_eval(it["code"], it["answer"]) != ret
    if t == "history":
        h = hist[p["variable"]]
        ok = h[p["index"]] == lit(actual) and h[p["index"]] != lit(stated)
        if e.get("held_elsewhere"):
            ok = ok and lit(stated) in h
        return ok
    if t == "never":
        return lit(stated) not in hist[p["variable"]] and lit(actual) in hist[p["variable"]]
    if e.get("held_elsewhere") and t in ("count", "eval"):
        held = any(lit(stated) in h for h in hist.values()) or lit(stated) in lines.values()
        if not held:
            return False
    if t == "count":
        n = lines[p["line"]]
        return n == lit(actual) and n != lit(stated)
    if t == "eval":
        v = eval(p["expr"], {})
        if isinstance(lit(actual), bool) or isinstance(v, bool):
            return bool(v) == lit(actual) and bool(v) != lit(stated)
        return v == lit(actual) and v != lit(stated)
    return False

def main(path="narrations.jsonl"):
    items = [json.loads(l) for l in open(path) if l.strip()]
    ids = {it["id"] for it in items}
    out, bad = [], 0
    for it in items:
        probs = []
        ret, hist, lines = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append("returned mismatch %r" % (ret,))
        if not it["rationale"].rstrip().splitlines()[-1].startswith("Answer:") and "Predicted Output" not in it["rationale"]:
            probs.append("no final Answer line")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("quote not in rationale: %r" % c["quote"])
        if it["label"] == "faithful":
            for c in it["claims"]:
                try:
                    ok = check_claim(c, ret, hist, lines, it["code"])
                except Exception as ex:
                    ok = False; probs.append("claim error %r: %s" % (c["quote"], ex))
                if not ok:
                    probs.append("false claim: %r" % c["quote"])
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret:
                    probs.append("forward answer wrong")
            else:
                if plain_eval(it["code"], it["answer"]) != ret:
                    probs.append("backward answer wrong")
        else:
            e = it["error"]
            if it["faithful_id"] not in ids:
                probs.append("missing faithful")
            if e["quote"] not in it["rationale"]:
                probs.append("error quote missing")
            if not any(c["quote"] == e["quote"] for c in it["claims"]):
                probs.append("error not among claims")
            try:
                if not check_error(it, ret, hist, lines):
                    probs.append("error is not actually false at that point")
            except Exception as ex:
                probs.append("error probe failed: %s" % ex)
            if e["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                # the answer should still be right
                if it["direction"] == "forward" and lit(it["answer"]) != ret:
                    probs.append("answer changed in non-answer error")
                if it["direction"] == "backward" and plain_eval(it["code"], it["answer"]) != ret:
                    probs.append("answer changed in non-answer error")
        bad += bool(probs)
        out.append(("FAIL " if probs else "PASS ") + it["id"] + ("" if not probs else ": " + "; ".join(probs)))
    out.append("%d items, %d failing" % (len(items), bad))
    print("\n".join(out))
    return bad

if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--hist":
        code, call = json.loads(sys.argv[2])
        r, h, l = run_traced(code, call)
        print(r); [print(k, v) for k, v in h.items()]; print(dict(l))
    else:
        sys.exit(1 if main() else 0)
