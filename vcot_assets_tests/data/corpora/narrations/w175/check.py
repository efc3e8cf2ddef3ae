"""Standalone checker for w175 narrations: runs each program under sys.settrace and
checks returned value, claims, answers, and that each error copy's error is really false."""
import ast, json, sys

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = {}      # var -> list of reprs (consecutive duplicates removed)
    lines = {}     # (func, lineno) -> hits
    def record(frame):
        for k, v in frame.f_locals.items():
            items = [(k, v)]
            if k == "self" and hasattr(v, "__dict__"):
                items += [("self." + a, b) for a, b in vars(v).items()]
            for name, val in items:
                try:
                    r = repr(val)
                except Exception:
                    continue
                h = hist.setdefault(name, [])
                if not h or h[-1] != r:
                    h.append(r)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        def local(frame, event, arg):
            if event == "line":
                record(frame)
                key = frame.f_lineno
                lines[key] = lines.get(key, 0) + 1
            elif event == "return":
                record(frame)
            return local
        return local(frame, event, arg)
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return result, hist, lines

def norm(v):
    try:
        return repr(ast.literal_eval(v))
    except Exception:
        return v

def expr_of(q):
    q = q.replace("`", "").strip()
    for cut in (",", " is ", " which", " holds", " fails"):
        q = q.split(cut)[0]
    if "=" in q and "==" not in q and "<=" not in q and ">=" not in q and "!=" not in q:
        q = q.split("=")[0]
    return q

def check_claim(c, hist, lines, result):
    """Return (ok, detail): ok means the claim is TRUE of the execution."""
    what, var, val = c["what"], c.get("variable"), c["value"]
    if what == "value":
        if "[" in var:
            base, idx = var[:-1].split("[", 1)
            h = []
            for r in hist.get(base, []):
                try:
                    e = repr(ast.literal_eval(r)[ast.literal_eval(idx)])
                except (KeyError, IndexError, ValueError, SyntaxError):
                    continue
                if not h or h[-1] != e:
                    h.append(e)
        else:
            h = hist.get(var, [])
        if c.get("sequence"):
            seq = [repr(x) for x in ast.literal_eval(val)]
            ok = any(h[i:i + len(seq)] == seq for i in range(len(h)))
            return ok, f"{var} history {h}"
        if "pos" in c:
            k = c["pos"]
            return (k < len(h) and h[k] == norm(val)), f"{var} history {h}, pos {k}"
        return norm(val) in h, f"{var} history {h}"
    if what == "count":
        ln = int(var.split("@line")[1])
        n = lines.get(ln, 0) - (0 if var.startswith("hits") else 1)
        return n == ast.literal_eval(val), f"loop@{ln} ran {n}"
    if what in ("arith", "comparison"):
        got = eval(c["expr"] if "expr" in c else expr_of(c["quote"]))
        return repr(got) == norm(val), f"{c['quote']} -> {got!r}"
    if what == "return":
        return repr(result) == norm(val), f"returned {result!r}"
    return False, "unknown claim kind"

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")]
    fails = 0
    out = []
    for it in items:
        probs = []
        result, hist, lines = run_traced(it["code"], it["call"])
        if repr(result) != it["returned"]:
            probs.append(f"returned {result!r} != {it['returned']}")
        r = it["rationale"]
        last = r.strip().splitlines()[-1]
        if not last.startswith("Answer:") or last[len("Answer:"):].strip() != it["answer"]:
            probs.append("answer field does not match last line")
        err = it["error"]
        equote = err["quote"] if err else None
        if err and equote not in r:
            probs.append("error quote not in rationale")
        for c in it["claims"]:
            if c["quote"] not in r:
                probs.append(f"claim quote missing: {c['quote']!r}")
                continue
            ok, det = check_claim(c, hist, lines, result)
            is_err = err is not None and (c["quote"] == equote or equote in c["quote"])
            if is_err:
                if ok:
                    probs.append(f"error claim is actually TRUE: {det}")
            elif c.get("carried"):
                pass
            elif not ok:
                probs.append(f"false claim {c['quote']!r}: {det}")
        # answer
        if it["direction"] == "forward":
            ans_ok = norm(it["answer"]) == repr(result)
        else:
            _, ns = None, {}
            exec(it["code"], ns)
            ans_ok = repr(eval(it["answer"], ns)) == it["returned"]
        want_ans_ok = not (err and err["kind"] in ("wrong_final_answer", "backward_wrong_input"))
        if ans_ok != want_ans_ok:
            probs.append(f"answer check {ans_ok}, expected {want_ans_ok}")
        if err:
            if not any(c["quote"] == equote for c in it["claims"]) and err["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                probs.append("error has no matching claim")
            if err["kind"] in ("wrong_final_answer", "backward_wrong_input") and err["stated"] != it["answer"]:
                probs.append("error stated != answer")
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        out.append(f"{status} {it['id']} ({it['label']}{', ' + err['kind'] if err else ''})" + ("".join("\n    " + p for p in probs)))
    out.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    print("\n".join(out))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
