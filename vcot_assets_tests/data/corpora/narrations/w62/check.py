#!/usr/bin/env python3
"""Standalone checker for w62 narrations: re-executes every program with sys.settrace and
verifies returned values, answers, every claim of faithful items, and that error copies are false.
Does not use the trace script or any tool code."""
import ast, copy, json, re, sys

PROG = "<w62prog>"


def run_traced(code, call):
    ns = {"__name__": "w62prog"}
    exec(compile(code, PROG, "exec"), ns)
    snaps = []          # (invocation, funcname, lineno, event, locals-copy)
    rets = {}           # funcname -> [return values]
    inv_of = {}
    counter = [0]

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != PROG:
            return None
        if event == "call":
            counter[0] += 1
            inv_of[id(frame)] = counter[0]
        inv = inv_of.get(id(frame))
        if event in ("line", "return"):
            try:
                loc = copy.deepcopy(dict(frame.f_locals))
            except Exception:
                loc = dict(frame.f_locals)
            snaps.append((inv, frame.f_code.co_name, frame.f_lineno, event, loc))
        if event == "return":
            rets.setdefault(frame.f_code.co_name, []).append(copy.deepcopy(arg))
        return tracer

    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return result, snaps, rets


def plain_run(code, call):
    ns = {"__name__": "w62prog"}
    exec(compile(code, PROG, "exec"), ns)
    return eval(call, ns)


def history(expr, snaps):
    hist = []
    for inv, fn, ln, ev, loc in snaps:
        try:
            v = eval(expr, {}, dict(loc))
        except Exception:
            continue
        if callable(v):
            continue
        if not hist or hist[-1] != v:
            hist.append(v)
    return hist


def all_values(snaps):
    out = []
    for *_, loc in snaps:
        for v in loc.values():
            out.append(v)
            if isinstance(v, (list, tuple, set)):
                out.extend(v)
            if hasattr(v, "__dict__"):
                out.extend(v.__dict__.values())
    return out


def body_range(code, header):
    lines = code.split("\n")
    h = lines[header - 1]
    ind = len(h) - len(h.lstrip())
    end = header
    for i in range(header, len(lines)):
        s = lines[i]
        if not s.strip():
            continue
        if len(s) - len(s.lstrip()) <= ind:
            break
        end = i + 1
    return header + 1, end


def loop_counts(code, header, snaps):
    """Iterations per entry into the loop at `header` (an entry starts when the header is
    reached from a line outside the loop), in execution order."""
    lo, hi = body_range(code, header)
    lines_by_inv = {}
    order = []
    for inv, fn, ln, ev, loc in snaps:
        if ev != "line":
            continue
        if inv not in lines_by_inv:
            order.append(inv)
        lines_by_inv.setdefault(inv, []).append(ln)
    counts = []
    for inv in order:
        seq = lines_by_inv[inv]
        prev = None
        for k, ln in enumerate(seq):
            if ln == header and not (prev is not None and header <= prev <= hi):
                counts.append(0)
            if ln == header and k + 1 < len(seq) and lo <= seq[k + 1] <= hi:
                counts[-1] += 1
            prev = ln
    return counts


def arith_value(quote):
    q = quote.replace("`", "").strip()
    m = re.match(r"^(.*?)\s+is\s+(.*)$", q)
    if m and "=" not in q.replace("==", ""):
        lhs = m.group(1)
    else:
        parts = re.split(r"(?<![=!<>])=(?!=)", q)
        lhs = parts[0]
    toks = lhs.split()
    for k in range(len(toks)):          # drop leading words ("but", "and", "so x =")
        try:
            return eval(" ".join(toks[k:]), {})
        except Exception:
            continue
    raise ValueError("no expression in arith quote")


def comparison_value(quote):
    """Evaluate the comparison held in a quote: the longest run of words that evaluates to a bool
    and contains a comparison operator or a predicate call."""
    import warnings
    warnings.simplefilter("ignore")
    q = quote.replace("`", " ").replace(",", " , ").strip()
    toks = q.split()
    best = None
    for i in range(len(toks)):
        for j in range(len(toks), i, -1):
            src = " ".join(toks[i:j]).strip(" ,")
            if not re.search(r"[<>=!]=?|\bin\b|\.\w+\(", src) or re.search(r"\bis\b", src):
                continue
            try:
                v = eval(src, {})
            except Exception:
                continue
            if isinstance(v, bool) and (best is None or j - i > best[0]):
                best = (j - i, v)
    if best is None:
        raise ValueError("no comparison in quote")
    return best[1]


def claim_true(c, ctx):
    code, snaps, rets, returned = ctx
    what, var = c["what"], c.get("variable")
    val = ast.literal_eval(c["value"]) if isinstance(c["value"], str) else c["value"]
    if what == "value":
        h = history(var, snaps)
        if "at" in c:
            return len(h) > c["at"] and h[c["at"]] == val
        return val in h
    if what == "count":
        m = re.match(r"loop@line (\d+)", var)
        counts = loop_counts(code, int(m.group(1)), snaps)
        if "at" in c:
            return counts[c["at"]] == val
        return val in counts
    if what == "arith":
        return arith_value(c["quote"]) == val
    if what == "comparison":
        return comparison_value(c["quote"]) == val
    if what == "return":
        return val == ast.literal_eval(returned)
    if what == "call":
        return val in rets.get(var, [])
    raise ValueError(what)


def check_item(d, out):
    probs = []
    code, call = d["code"], d["call"]
    result, snaps, rets = run_traced(code, call)
    if repr(result) != d["returned"]:
        probs.append("returned mismatch %r vs %s" % (result, d["returned"]))
    ctx = (code, snaps, rets, d["returned"])
    text = d["rationale"]
    last = text.rstrip().split("\n")[-1]
    if not last.startswith("Answer:") and not last.startswith("Predicted Output:"):
        probs.append("last line not an answer line")
    elif last.split(":", 1)[1].strip() != d["answer"]:
        probs.append("answer field differs from answer line")
    if d["direction"] == "forward":
        ans_ok = ast.literal_eval(d["answer"]) == result
    else:
        try:
            ans_ok = repr(plain_run(code, d["answer"])) == d["returned"]
        except Exception as e:
            ans_ok = False
    err = d.get("error")
    n_err_false = 0
    for c in d["claims"]:
        if c["quote"] not in text:
            probs.append("claim quote not in rationale: %r" % c["quote"])
            continue
        try:
            t = claim_true(c, ctx)
        except Exception as e:
            probs.append("claim could not be checked %r: %s" % (c["quote"], e))
            continue
        if c.get("error_claim"):
            if t:
                probs.append("error claim is actually true: %r" % c["quote"])
            else:
                n_err_false += 1
                if err and err.get("held_elsewhere") and c["what"] in ("value", "arith"):
                    v = ast.literal_eval(c["value"])
                    if v not in all_values(snaps) and v not in history(c["variable"] or "None", snaps):
                        probs.append("held_elsewhere value never held: %r" % c["value"])
        elif not t:
            probs.append("claim false: %r (%s=%s)" % (c["quote"], c.get("variable"), c["value"]))
    if d["label"] == "faithful":
        if err is not None:
            probs.append("faithful with error")
        if not ans_ok:
            probs.append("faithful answer wrong")
    else:
        k = err["kind"]
        if err["quote"] not in text:
            probs.append("error quote not in rationale")
        if k in ("wrong_final_answer", "backward_wrong_input"):
            if ans_ok:
                probs.append("error answer is actually right")
            if k == "wrong_final_answer" and d["direction"] != "forward":
                probs.append("wrong_final_answer on backward item")
            if k == "backward_wrong_input" and d["direction"] != "backward":
                probs.append("backward_wrong_input on forward item")
        else:
            if not ans_ok:
                probs.append("answer should be right for kind %s" % k)
            if n_err_false == 0:
                probs.append("no false error claim found")
    out.append("%s %-7s %s" % (d["id"], "OK" if not probs else "FAIL", "; ".join(probs)))
    return not probs


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
    items = [json.loads(l) for l in open(path) if l.strip()]
    out = []
    ok = sum(check_item(d, out) for d in items)
    out.append("%d/%d items pass" % (ok, len(items)))
    print("\n".join(out))
    return 0 if ok == len(items) else 1


if __name__ == "__main__":
    sys.exit(main())
