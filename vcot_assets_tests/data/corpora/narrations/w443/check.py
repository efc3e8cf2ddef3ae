"""Standalone checker for w443 narrations: re-executes each program with sys.settrace,
records per-variable value histories, and verifies claims / errors. Usage: python3 check.py narrations.jsonl"""
import ast, copy, json, sys

def run(code, call):
    g = {"__name__": "program"}
    exec(compile(code, "<prog>", "exec"), g)
    hist, lines = {}, []          # hist: name -> list of reprs (consecutive duplicates dropped)

    def snap(frame):
        if frame.f_code.co_filename != "<prog>":
            return
        for k, v in frame.f_locals.items():
            items = [(k, v)]
            if k == "self" and hasattr(v, "__dict__"):
                items = [("self." + a, b) for a, b in vars(v).items()]
            for name, val in items:
                try:
                    r = repr(copy.deepcopy(val))
                except Exception:
                    r = repr(val)
                if "object at 0x" in r:
                    continue
                h = hist.setdefault(name, [])
                if not h or h[-1] != r:
                    h.append(r)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event in ("line", "return", "call"):
            snap(frame)
        if event == "line":
            lines.append(frame.f_lineno)
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines, g

def norm(s):
    return repr(ast.literal_eval(s))

def count_line(lines, line, segment=None, prev=None):
    if prev is not None:
        return sum(1 for i in range(1, len(lines)) if lines[i] == line and lines[i - 1] == prev)
    if not segment:
        return lines.count(line)
    seg_line, k = segment
    idx = [i for i, l in enumerate(lines) if l == seg_line]
    start = idx[k - 1]
    end = idx[k] if k < len(idx) else len(lines)
    return lines[start:end].count(line)

def contiguous(seq, h):
    seq = [repr(x) for x in seq]
    d = [x for i, x in enumerate(seq) if i == 0 or seq[i - 1] != x]
    return any(h[i:i + len(d)] == d for i in range(len(h) - len(d) + 1))

def check_claim(c, ret, hist, lines, g):
    what = c["what"]
    if "expr" in c:
        v = eval(c["expr"], {})
        if what in ("arith", "comparison") and repr(v) != norm(c["value"]):
            return f"expr {c['expr']} = {v!r} != {c['value']}"
    if what == "value":
        h = hist.get(c["variable"], [])
        if c.get("seq"):
            if not contiguous(ast.literal_eval(c["value"]), h):
                return f"sequence {c['value']} not in history of {c['variable']}: {h}"
            return None
        if norm(c["value"]) not in h:
            return f"{c['variable']} never = {c['value']} (history {h})"
        if "at" in c and h[c["at"]] != norm(c["value"]):
            return f"{c['variable']}[{c['at']}] = {h[c['at']]} != {c['value']}"
    elif what == "count":
        n = count_line(lines, c["line"], c.get("segment"), c.get("prev"))
        if n != int(c["value"]):
            return f"count of line {c['line']} = {n} != {c['value']}"
    elif what == "return":
        if repr(ret) != norm(c["value"]):
            return f"return {ret!r} != {c['value']}"
    elif what == "call":
        r2, *_ = run(G_CODE[0], c["value"])
        if repr(r2) != repr(ret):
            return f"call {c['value']} returns {r2!r} != {ret!r}"
    elif what in ("arith", "comparison") and "expr" not in c:
        return "no expr to check"
    return None

G_CODE = [None]

def check_error(item, ret, hist, lines):
    e = item["error"]
    chk = e["check"]
    t = chk["type"]
    if t == "expr":
        v = repr(eval(chk["expr"], {}))
        if v == norm(e["stated"]):
            return "stated value is actually true"
        if v != norm(e["actual"]):
            return f"actual {e['actual']} wrong, real {v}"
    elif t == "count":
        n = count_line(lines, chk["line"], chk.get("segment"), chk.get("prev"))
        if n == int(e["stated"]) or n != int(e["actual"]):
            return f"count {n}, stated {e['stated']}, actual {e['actual']}"
    elif t == "hist":
        h = hist[chk["var"]]
        if h[chk["at"]] == norm(chk["stated_value"]):
            return "stated value true at that point"
        if e["held_elsewhere"] and norm(chk["stated_value"]) not in sum(hist.values(), []):
            return "held_elsewhere but value never held"
    elif t == "never":
        if norm(chk["stated_value"]) in hist.get(chk["var"], []):
            return "impossible value actually held"
    elif t == "seq":
        h = hist[chk["var"]]
        if contiguous(chk["stated_seq"], h) or not contiguous(chk["actual_seq"], h):
            return "stated sequence is true / actual not"
        if e["held_elsewhere"] and norm(chk["stated_value"]) not in h:
            return "held_elsewhere but not held"
    elif t == "answer":
        if item["direction"] == "forward":
            if repr(ast.literal_eval(item["answer"])) == repr(ret):
                return "forward answer is actually right"
        else:
            r2, *_ = run(item["code"], item["answer"])
            if repr(r2) == repr(ret):
                return "backward answer actually returns output"
    else:
        return "unknown check " + t
    if e["quote"] not in item["rationale"]:
        return "error quote not in rationale"
    return None

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    fails, report = 0, []
    ids = {it["id"] for it in items}
    for it in items:
        probs = []
        G_CODE[0] = it["code"]
        ret, hist, lines, g = run(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append(f"returned {ret!r} != {it['returned']}")
        last = it["rationale"].rstrip().splitlines()[-1]
        if not last.startswith("Answer: ") or last[8:].strip() != it["answer"]:
            probs.append("Answer line does not match answer field")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("claim quote missing: " + c["quote"])
        if it["label"] == "faithful":
            if it["direction"] == "forward":
                if repr(ast.literal_eval(it["answer"])) != repr(ret):
                    probs.append("forward answer wrong")
            else:
                r2, *_ = run(it["code"], it["answer"])
                if repr(r2) != repr(ret):
                    probs.append("backward answer wrong")
            for c in it["claims"]:
                p = check_claim(c, ret, hist, lines, g)
                if p: probs.append(f"claim '{c['quote']}': {p}")
        else:
            if it["faithful_id"] not in ids:
                probs.append("faithful_id missing")
            p = check_error(it, ret, hist, lines)
            if p: probs.append("error check: " + p)
            for c in it["claims"]:
                if c.get("wrong") or c.get("carried"):
                    continue
                p = check_claim(c, ret, hist, lines, g)
                if p: probs.append(f"claim '{c['quote']}': {p}")
            if it["error"]["kind"] != "wrong_final_answer" and not it["error"]["carried"]:
                # answer must still be right
                if it["direction"] == "forward" and repr(ast.literal_eval(it["answer"])) != repr(ret):
                    probs.append("answer wrong in non-final-answer error copy")
                if it["direction"] == "backward" and it["error"]["kind"] != "backward_wrong_input":
                    r2, *_ = run(it["code"], it["answer"])
                    if repr(r2) != repr(ret): probs.append("backward answer wrong in error copy")
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        report.append(f"{status} {it['id']} ({len(it['claims'])} claims)" + "".join("\n    " + p for p in probs))
    report.append(f"\n{len(items)} items, {fails} failing")
    print("\n".join(report))
    return fails

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
