"""Standalone checker for w331 narrations: runs each program under sys.settrace, records every
variable's value history per frame (locals and self.<attr>), line hit counts, and checks claims."""
import ast, copy, json, sys
from collections import defaultdict

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = defaultdict(list)          # var -> list of successive distinct values (per frame, merged in time order)
    lines = defaultdict(int)
    line_events = []                  # (lineno, {local name: repr}) for scoped loop counts
    last = {}                         # (frame id, var) -> last value
    def snap(frame):
        items = dict(frame.f_locals)
        if "self" in items:
            try:
                for k, v in vars(items["self"]).items():
                    items["self." + k] = v
            except TypeError:
                pass
        for k, v in items.items():
            if k == "self" or k.startswith("."):
                continue
            try:
                v = copy.deepcopy(v)
            except Exception:
                continue
            h = hist[k]
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            snap(frame)
            lines[frame.f_lineno] += 1
            try:
                line_events.append((frame.f_lineno, {k: repr(v) for k, v in frame.f_locals.items()}))
            except Exception:
                line_events.append((frame.f_lineno, {}))
        elif event == "return":
            snap(frame)
        return tracer
    sys.settrace(tracer)
    try:
        res = eval(call, ns)
    finally:
        sys.settrace(None)
    lines = dict(lines)
    lines["__events__"] = line_events
    return res, hist, lines

def plain(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    return eval(call, ns)

def claim_true(c, res, hist, lines, item):
    w = c["what"]
    val = ast.literal_eval(c["value"])
    if w == "value":
        h = hist.get(c["variable"], [])
        if c.get("seq"):
            return any(h[i:i + len(val)] == val for i in range(len(h)))
        if "at" in c:
            return c["at"] < len(h) and h[c["at"]] == val
        return val in h
    if w == "count":
        if "when" in c:   # count hits of the line only while a local has a given value (one outer iteration)
            (name, want), = c["when"].items()
            n = sum(1 for ln, loc in lines["__events__"] if ln == c["line"] and loc.get(name) == want)
            return n == val
        return lines.get(c["line"], 0) == val
    if w in ("comparison", "arith"):
        return eval(c["expr"]) == val
    if w == "return":
        return res == val
    if w == "call":
        return plain(item["code"], val) == res
    raise ValueError(w)

def check_item(item):
    errs = []
    res, hist, lines = run_traced(item["code"], item["call"])
    if repr(res) != item["returned"]:
        errs.append("returned mismatch %r" % (res,))
    text = item["rationale"]
    last_line = text.strip().splitlines()[-1]
    if not last_line.startswith("Answer:") or last_line[len("Answer:"):].strip() != item["answer"]:
        errs.append("answer line mismatch")
    for c in item["claims"]:
        if c["quote"] not in text:
            errs.append("quote not in rationale: %r" % c["quote"])
    err = item["error"]
    ekind = err["kind"] if err else None
    # answer check
    if item["direction"] == "forward":
        ok = ast.literal_eval(item["answer"]) == res
        if err and err.get("carried") and not ok:
            # an error carried through to the end: the answer must be wrong and a carried return claim must say so
            if not any(c.get("carried") and c["what"] == "return" for c in item["claims"]):
                errs.append("carried wrong answer without carried return claim")
        elif ekind == "wrong_final_answer":
            if ok: errs.append("wrong_final_answer is actually right")
        elif not ok: errs.append("forward answer wrong")
    else:
        ok = plain(item["code"], item["answer"]) == res
        if ekind == "backward_wrong_input":
            if ok: errs.append("backward_wrong_input still returns output")
        elif not ok: errs.append("backward answer does not return output")
    for c in item["claims"]:
        if c.get("carried"):
            # carried consequence of the error: must be false too
            if claim_true(c, res, hist, lines, item):
                errs.append("carried claim unexpectedly true: %r" % c["quote"])
            continue
        t = claim_true(c, res, hist, lines, item)
        if c.get("err"):
            if t: errs.append("error claim is true: %r" % c["quote"])
            if err and c["quote"] != err["quote"]:
                errs.append("error claim quote differs from error.quote")
        elif not t:
            errs.append("claim false: %r (%s=%s)" % (c["quote"], c["variable"], c["value"]))
    if err:
        if err["quote"] not in text:
            errs.append("error quote not in rationale")
        if ekind not in ("wrong_final_answer", "backward_wrong_input") and not any(c.get("err") for c in item["claims"]):
            errs.append("no claim marked err")
        if err.get("held_elsewhere"):
            # the wrong value must be one the program does hold somewhere (another moment/variable)
            v = ast.literal_eval(err["stated"])
            if not any(v in h for h in hist.values()) and v not in [x for k, x in lines.items() if k != "__events__"]:
                errs.append("held_elsewhere value never held")
    return errs

def main():
    items = [json.loads(l) for l in open("narrations.jsonl", encoding="utf-8") if l.strip()]
    ids = [i["id"] for i in items]
    out = []
    bad = 0
    if len(ids) != len(set(ids)):
        out.append("DUPLICATE IDS"); bad += 1
    byid = {i["id"]: i for i in items}
    for it in items:
        if it["faithful_id"] and it["faithful_id"] not in byid:
            out.append("%s: faithful_id missing" % it["id"]); bad += 1
        try:
            e = check_item(it)
        except Exception as ex:
            e = ["exception %r" % ex]
        out.append("%s: %s" % (it["id"], "PASS" if not e else "FAIL " + "; ".join(e)))
        bad += bool(e)
    out.append("items=%d failed=%d" % (len(items), bad))
    rep = "\n".join(out)
    print(rep)
    open("check_report.txt", "w").write(rep + "\n")
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
