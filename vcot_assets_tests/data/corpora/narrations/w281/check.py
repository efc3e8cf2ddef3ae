"""Standalone checker for w281 narrations: re-executes each program with sys.settrace,
records per-variable value histories and per-line hit counts, and checks claims / errors."""
import ast, copy, json, sys

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = {}        # var -> list of values in time order (one entry per change, per frame)
    ghist = {}       # var -> global time-ordered history, consecutive duplicates collapsed
    lines = {}       # lineno -> hits
    last = {}        # (frame id, var) -> last value
    def record(frame):
        loc = dict(frame.f_locals)
        items = []
        for k, v in loc.items():
            if k == "self":
                for a, av in getattr(v, "__dict__", {}).items():
                    items.append(("self." + a, av))
            else:
                items.append((k, v))
        for k, v in items:
            key = (id(frame), k)
            s = snap(v)
            if key not in last or last[key] != s or type(last[key]) != type(s):
                last[key] = s
                hist.setdefault(k, []).append(s)
                hist.setdefault(frame.f_code.co_name + "." + k, []).append(s)
                g = ghist.setdefault(k, [])
                if not g or g[-1] != s or type(g[-1]) != type(s):
                    g.append(s)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        record(frame)
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    hist['__global__'] = ghist
    return result, hist, lines, ns

def lit(s):
    return ast.literal_eval(s)

def same(a, b):
    return type(a) == type(b) and a == b or (isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) and not isinstance(b, bool) and a == b)

def check_claim(c, res, hist, lines, ns, returned):
    w, var, val = c["what"], c.get("variable"), c["value"]
    v = lit(val)
    if w == "value" and c.get("seq"):
        h = hist["__global__"].get(var, [])
        v = [x for k, x in enumerate(v) if k == 0 or x != v[k - 1]]  # history collapses repeats
        return any(h[i:i + len(v)] == v for i in range(len(h) - len(v) + 1))
    if w == "value":
        if var is None:
            return any(any(same(x, v) for x in h) for k, h in hist.items() if k != "__global__") or same(res, v)
        return any(same(x, v) for x in hist.get(var, []))
    if w == "count":
        line = int(var.split("@line")[1])
        return lines.get(line, 0) == v
    if w in ("arith", "comparison"):
        expr = c.get("expr", c["quote"])
        return same(eval(expr, dict(ns)), v)
    if w == "return":
        return same(res, v)
    if w == "call":
        return same(eval(v, dict(ns)), returned) if isinstance(v, str) and "(" in v else same(res, v)
    raise ValueError(w)

def check_error(item, res, hist, lines, ns):
    e = item["error"]; ck = e["check"]; t = ck["type"]; stated = lit(e["stated_literal"]) if "stated_literal" in e else None
    if t == "history_at":
        h = hist["__global__"].get(ck["var"], [])
        ok = not same(h[ck["index"]], stated)
        if e.get("held_elsewhere"):
            ok = ok and any(any(same(x, stated) for x in hh) for k, hh in hist.items() if k != "__global__")
        return ok
    if t == "never":
        return not any(same(x, stated) for x in hist.get(ck["var"], []))
    if t == "count":
        ok = lines.get(ck["line"], 0) != stated
        if e.get("held_elsewhere"):
            ok = ok and any(any(same(x, stated) for x in hh) for k, hh in hist.items() if k != "__global__")
        return ok
    if t == "arith":
        ok = not same(eval(ck["expr"], dict(ns)), stated)
        if e.get("held_elsewhere"):
            ok = ok and any(any(same(x, stated) for x in hh) for k, hh in hist.items() if k != "__global__")
        return ok
    if t == "compare":
        return not same(eval(ck["expr"], dict(ns)), stated)
    if t == "answer":
        return not same(lit(item["answer"]), res)
    if t == "backward":
        try:
            out = eval(item["answer"], dict(ns))
        except Exception:
            return True
        return not same(out, res)
    raise ValueError(t)

def main(path, out):
    items = [json.loads(l) for l in open(path) if l.strip()]
    fails = 0; lines_out = []
    for it in items:
        msgs = []
        res, hist, lines, ns = run_traced(it["code"], it["call"])
        if repr(res) != it["returned"]:
            msgs.append("returned mismatch")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                msgs.append("quote not in rationale: " + c["quote"])
        if not it["rationale"].rstrip().endswith("Answer: " + it["answer"]) and \
           "Answer: " + it["answer"] not in it["rationale"].rstrip().splitlines()[-1]:
            msgs.append("answer line mismatch")
        err = it["error"]
        for c in it["claims"]:
            if err and (c["quote"] == err["quote"] or c.get("carried")):
                continue
            try:
                ok = check_claim(c, res, hist, lines, ns, res)
            except Exception as ex:
                ok = False; c = dict(c, quote=c["quote"] + f" [{ex}]")
            if not ok:
                msgs.append("claim false: %r = %s" % (c["quote"], c["value"]))
        if it["direction"] == "forward":
            ans_ok = same(lit(it["answer"]), res)
        else:
            try:
                ans_ok = same(eval(it["answer"], dict(ns)), res)
            except Exception:
                ans_ok = False
        if it["label"] == "faithful":
            if not ans_ok:
                msgs.append("faithful answer wrong")
        else:
            if err["quote"] not in it["rationale"]:
                msgs.append("error quote not in rationale")
            if not any(c["quote"] == err["quote"] for c in it["claims"]):
                msgs.append("error claim missing")
            if not check_error(it, res, hist, lines, ns):
                msgs.append("error is not actually false")
            if err["kind"] in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok: msgs.append("answer should be wrong")
            elif not ans_ok:
                msgs.append("answer wrong for non-answer error")
        status = "PASS" if not msgs else "FAIL"
        fails += bool(msgs)
        lines_out.append(f"{status} {it['id']} ({it['label']}{'/' + err['kind'] if err else ''}, {len(it['claims'])} claims)" + ("" if not msgs else "\n    " + "\n    ".join(msgs)))
    lines_out.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    text = "\n".join(lines_out)
    open(out, "w").write(text + "\n")
    print(text[-3000:])
    return fails

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl",
                       sys.argv[2] if len(sys.argv) > 2 else "check_report.txt") else 0)
