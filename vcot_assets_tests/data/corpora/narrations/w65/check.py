#!/usr/bin/env python3
"""Standalone checker for w65 narrations: re-executes each program with sys.settrace
(independent of any project tool) and checks returned values, claims and errors."""
import ast, copy, json, re, sys, os

HERE = os.path.dirname(os.path.abspath(__file__))

def lit(s):
    return ast.literal_eval(s)

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = {}          # name -> list of values (recorded when changed, per frame)
    last = {}          # (frame id, name) -> last value
    lines = []         # (frame id, func, lineno) line events in order
    def snap(frame):
        fid = id(frame)
        items = dict(frame.f_locals)
        if "self" in items:
            try:
                for k, v in vars(items["self"]).items():
                    items["self." + k] = v
            except TypeError:
                pass
        for k, v in items.items():
            if k == "self" or callable(v) and not isinstance(v, (list, dict, tuple, set)):
                continue
            try:
                v2 = copy.deepcopy(v)
            except Exception:
                v2 = repr(v)
            key = (fid, k)
            if key not in last or last[key] != v2 or type(last[key]) != type(v2):
                last[key] = v2
                hist.setdefault(k, []).append(v2)
    frames = []
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if frame not in frames:
            frames.append(frame)
        if event == "line":
            snap(frame)
            lines.append((id(frame), frame.f_code.co_name, frame.f_lineno))
        elif event == "return":
            snap(frame)
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ns, ret, hist, lines

def plain_eval(call, code):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    return eval(call, ns)

def loop_counts(lines, header):
    """iterations of each entry of the loop whose header is on line `header`
    (body starts on header+1): list, one count per entry."""
    entries = []
    prev = {}
    for fid, fn, ln in lines:
        p = prev.get(fid)
        if ln == header and (p is None or p < header):
            entries.append(0)
        if ln == header + 1 and p == header and entries:
            entries[-1] += 1
        prev[fid] = ln
    return entries

def loop_header(code, var):
    m = re.match(r"loop@line (\d+)(?:#(\d+))?$", var)
    if m:
        return int(m.group(1)), (int(m.group(2)) if m.group(2) else None)
    name, _, k = var.partition("#")
    for i, l in enumerate(code.split("\n"), 1):
        if re.match(r"\s*for\s+.*\b%s\b.*\bin\b" % re.escape(name), l) or \
           re.match(r"\s*while\b.*\b%s\b" % re.escape(name), l):
            return i, (int(k) if k else None)
    raise ValueError("no loop for " + var)

def clean(q):
    q = q.strip().strip("`").strip()
    return q

def check_claim(c, item, ctx):
    """returns (ok, detail)"""
    ns, ret, hist, lines = ctx
    what = c["what"]; var = c.get("variable"); val = lit(c["value"])
    if c["quote"] not in item["rationale"]:
        return False, "quote not in rationale: %r" % c["quote"]
    if what == "value":
        h = hist.get(var)
        if h is None:
            return False, "variable %s never seen" % var
        if "at" in c:
            at = c["at"]
            if at >= len(h):
                return False, "%s has only %d values" % (var, len(h))
            return h[at] == val, "%s[%d] = %r" % (var, at, h[at])
        return val in h, "%s history %r" % (var, h[:40])
    if what == "count":
        header, k = loop_header(item["code"], var)
        cnts = loop_counts(lines, header)
        if k is not None:
            return cnts[k] == val, "entries %r" % cnts
        if len(cnts) == 1:
            return cnts[0] == val, "entries %r" % cnts
        return sum(cnts) == val, "entries %r (total)" % cnts
    if what in ("comparison", "arith"):
        expr = clean(c.get("expr", c["quote"]))
        got = eval(expr, {})
        return got == val, "%s -> %r" % (expr, got)
    if what == "return":
        return val == ret, "returned %r" % (ret,)
    if what == "call":
        got = eval(clean(c.get("expr", c["quote"])), dict(ns))
        return got == val, "call -> %r" % (got,)
    return False, "unknown claim kind " + what

def all_values(hist):
    out = []
    for h in hist.values():
        out.extend(h)
    return out

def check_item(item, out):
    errs = []
    ctx = run_traced(item["code"], item["call"])
    ns, ret, hist, lines = ctx
    if repr(ret) != item["returned"]:
        errs.append("returned mismatch %r vs %s" % (ret, item["returned"]))
    last = item["rationale"].rstrip().split("\n")[-1]
    if not last.startswith("Answer:") and "Answer:" not in item["rationale"] and "Predicted Output:" not in item["rationale"]:
        errs.append("no Answer line")
    if item["answer"] not in item["rationale"]:
        errs.append("answer not in rationale")
    # answer correctness
    if item["direction"] == "forward":
        ans_ok = lit(item["answer"]) == ret
    else:
        fname = item["function"]
        if not re.match(r"\s*%s\b" % re.escape(fname), item["answer"].split("(")[0] + "(") and fname not in item["answer"]:
            errs.append("backward answer does not call " + fname)
        try:
            ans_ok = plain_eval(item["answer"], item["code"]) == ret
        except Exception as e:
            ans_ok = False
    err = item.get("error")
    results = []
    for c in item["claims"]:
        try:
            ok, d = check_claim(c, item, ctx)
        except Exception as e:
            ok, d = False, "exception %r" % e
        results.append((c, ok, d))
    if item["label"] == "faithful":
        if not ans_ok:
            errs.append("faithful answer wrong: %s" % item["answer"])
        for c, ok, d in results:
            if not ok:
                errs.append("faithful claim false: %r (%s)" % (c["quote"], d))
    else:
        kind = err["kind"]
        if err["quote"] not in item["rationale"]:
            errs.append("error quote not in rationale")
        if kind in ("wrong_final_answer", "backward_wrong_input"):
            if ans_ok:
                errs.append("error copy answer is actually right")
            for c, ok, d in results:
                if not ok:
                    errs.append("other claim false in answer-error copy: %r (%s)" % (c["quote"], d))
        else:
            if not ans_ok and not err.get("carried"):
                errs.append("non-answer error copy has wrong answer")
            if kind == "wrong_intermediate_right_answer" and not ans_ok:
                errs.append("wrong_intermediate_right_answer must keep answer right")
            errc = [(c, ok, d) for c, ok, d in results if c["quote"] in err["quote"] or err["quote"] in c["quote"]]
            if not errc:
                errs.append("no claim annotates the error")
            if not any(not ok for c, ok, d in errc):
                errs.append("error claim is actually TRUE: %r" % ([(c["quote"], d) for c, ok, d in errc],))
            for c, ok, d in results:
                if (c, ok, d) in errc:
                    continue
                if not ok and not err.get("carried"):
                    errs.append("non-error claim false: %r (%s)" % (c["quote"], d))
            if kind == "impossible_state":
                for c, ok, d in errc:
                    if c["what"] == "value" and lit(c["value"]) in hist.get(c["variable"], []):
                        errs.append("impossible_state value is actually held by %s" % c["variable"])
            if err.get("held_elsewhere"):
                vals = all_values(hist)
                for c, ok, d in errc:
                    if not ok:
                        v = lit(c["value"])
                        if v not in vals:
                            errs.append("held_elsewhere value %r never held by any variable" % (v,))
                        if c["what"] == "value" and "at" not in c:
                            errs.append("held_elsewhere value claim lacks a position ('at')")
    out.write("%-28s %-8s %-9s %-32s %s\n" % (item["id"], item["direction"][:3], item["label"],
              (err or {}).get("kind", "-"), "PASS" if not errs else "FAIL"))
    for e in errs:
        out.write("    ! " + e + "\n")
    return not errs

def main():
    path = os.path.join(HERE, "narrations.jsonl")
    items = [json.loads(l) for l in open(path) if l.strip()]
    progs = {}
    pp = os.path.join(HERE, "programs.jsonl")
    if os.path.exists(pp):
        for l in open(pp):
            d = json.loads(l); progs[d["id"]] = d
    import io
    buf = io.StringIO()
    n_ok = 0
    ids = set()
    for it in items:
        if it["id"] in ids:
            buf.write("duplicate id %s\n" % it["id"])
        ids.add(it["id"])
        p = progs.get(it["program_id"])
        if p is not None and (p["returned"] != it["returned"] or len(p["events"]) != it["trace_events"]):
            buf.write("    ! %s: programs.jsonl mismatch\n" % it["id"])
        n_ok += check_item(it, buf)
    buf.write("\n%d/%d items pass\n" % (n_ok, len(items)))
    text = buf.getvalue()
    open(os.path.join(HERE, "check_report.txt"), "w").write(text)
    print(text)
    sys.exit(0 if n_ok == len(items) else 1)

if __name__ == "__main__":
    main()
