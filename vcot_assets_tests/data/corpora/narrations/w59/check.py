"""Standalone checker for w59 narrations: runs each program under sys.settrace,
records per-variable value histories and line hit counts, and checks claims/errors."""
import ast, copy, json, sys
from collections import defaultdict

FN = "<w59prog>"

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call):
    g = {"__name__": "w59prog"}
    exec(compile(code, FN, "exec"), g)
    hist = defaultdict(list)        # name -> values (merged over frames)
    fhist = defaultdict(list)       # (func, name) -> values
    hits = defaultdict(int)         # lineno -> count
    last = {}                       # (frame id, name) -> last value

    def record(frame):
        fid = id(frame); fn = frame.f_code.co_name
        items = dict(frame.f_locals)
        s = items.get("self")
        if s is not None and hasattr(s, "__dict__"):
            for k, v in vars(s).items():
                items["self." + k] = v
        for k, v in items.items():
            if k == "self":
                continue
            sv = snap(v)
            key = (fid, k)
            if key not in last or last[key] != sv:
                last[key] = sv
                if not hist[k] or hist[k][-1] != sv:
                    hist[k].append(sv)
                if not fhist[(fn, k)] or fhist[(fn, k)][-1] != sv:
                    fhist[(fn, k)].append(sv)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == "call":
            for key in [k for k in last if k[0] == id(frame)]:
                del last[key]
        record(frame)
        if event == "line":
            hits[frame.f_lineno] += 1
        return tracer

    sys.settrace(tracer)
    try:
        result = eval(compile(call, FN + "call", "eval"), g)
    finally:
        sys.settrace(None)
    return g, result, hist, fhist, hits

def lit(s):
    return ast.literal_eval(s)

def eval_call(code, call):
    g = {"__name__": "w59prog"}
    exec(code, g)
    return eval(call, g)

def check_claim(c, code, result, hist, hits):
    what, var, val = c["what"], c["variable"], c["value"]
    if what == "value":
        return lit(val) in hist.get(var, []), f"{var}={val} not in history {hist.get(var)}"
    if what == "count":
        line = int(var.split("@line")[1])
        return hits[line] == lit(val), f"count {var} is {hits[line]} not {val}"
    if what in ("arith", "comparison"):
        expr = c.get("expr") or c["quote"]
        got = eval(expr, {})
        return got == lit(val), f"{expr} -> {got!r} not {val}"
    if what == "return":
        return lit(val) == result, f"return {result!r} not {val}"
    if what == "call":
        got = eval_call(code, val)
        return got == result, f"call {val} -> {got!r} not {result!r}"
    return False, "unknown claim kind " + what

def check_error(it, result, hist, fhist, hits):
    e = it["error"]; ck = e["check"]; t = ck["type"]
    stated = e["stated"]
    if e["quote"] not in it["rationale"]:
        return False, "error quote not in rationale"
    if t == "at":
        seq = fhist.get((ck["func"], ck["variable"]), [])
        k = ck["index"]
        if k >= len(seq):
            return False, f"index {k} out of history {seq}"
        ok = seq[k] != lit(stated) and seq[k] == lit(e["actual"])
        msg = f"{ck['variable']}[{k}] = {seq[k]!r}; stated {stated}"
    elif t == "never":
        ok = lit(stated) not in hist.get(ck["variable"], [])
        msg = f"{stated} occurs in history of {ck['variable']}"
    elif t == "arith":
        got = eval(ck["expr"], {})
        ok = got != lit(stated) and got == lit(e["actual"])
        msg = f"{ck['expr']} = {got!r}; stated {stated}"
    elif t == "comparison":
        got = eval(ck["expr"], {})
        ok = bool(got) != lit(stated)
        msg = f"{ck['expr']} = {got!r}; stated {stated}"
    elif t == "count":
        ok = hits[ck["line"]] != lit(stated) and hits[ck["line"]] == lit(e["actual"])
        msg = f"line {ck['line']} hit {hits[ck['line']]}; stated {stated}"
    elif t == "answer":
        if it["direction"] == "forward":
            ok = lit(it["answer"]) != result
        else:
            got = eval_call(it["code"], it["answer"])
            ok = got != result
        msg = f"answer {it['answer']} is not wrong"
    else:
        return False, "unknown check " + t
    if ok and e.get("held_elsewhere"):
        v = lit(stated)
        anywhere = any(v in seq for seq in hist.values()) or any(v == h for h in hits.values())
        if not anywhere:
            ok, msg = False, f"held_elsewhere but {stated} never held"
    return ok, msg

def main(path):
    items = [json.loads(l) for l in open(path)]
    out, fails = [], 0
    for it in items:
        problems = []
        g, result, hist, fhist, hits = run(it["code"], it["call"])
        if repr(result) != it["returned"]:
            problems.append(f"returned {result!r} != {it['returned']}")
        if it["direction"] == "forward":
            if it["label"] == "faithful" and lit(it["answer"]) != result:
                problems.append("forward answer wrong")
        else:
            if it["label"] == "faithful" and eval_call(it["code"], it["answer"]) != result:
                problems.append("backward answer does not reproduce output")
        if not it["rationale"].rstrip().endswith("Answer: " + it["answer"]) and \
           ("Answer: " + it["answer"]) not in it["rationale"]:
            problems.append("Answer line missing")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                problems.append("quote not in rationale: " + c["quote"])
                continue
            if it["label"] == "error" and c.get("erroneous"):
                continue
            if it["label"] == "error" and c.get("carried"):
                continue
            ok, msg = check_claim(c, it["code"], result, hist, hits)
            if not ok:
                problems.append(msg)
        if it["label"] == "error":
            ok, msg = check_error(it, result, hist, fhist, hits)
            if not ok:
                problems.append("error not false: " + msg)
        status = "PASS" if not problems else "FAIL"
        fails += bool(problems)
        out.append(f"{status} {it['id']} ({len(it['claims'])} claims)" + "".join("\n    " + p for p in problems))
    out.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    return "\n".join(out), fails

if __name__ == "__main__":
    rep, fails = main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl")
    print(rep)
    sys.exit(1 if fails else 0)
