"""Standalone checker for w250 narrations: re-runs every program with sys.settrace
and checks claims, answers and error copies against the real execution."""
import ast, copy, json, sys

FN = "<w250prog>"


def run(code, call):
    """Run call; return (result, histories, line_counts).
    histories[name] = list of values, one entry each time the name first appears in a
    frame or changes value in that frame (self attributes recorded as self.attr)."""
    hist, lines = {}, {}
    last = {}

    def snap(frame):
        fid = id(frame)
        cur = {}
        for k, v in frame.f_locals.items():
            if k == "self":
                for a, av in getattr(v, "__dict__", {}).items():
                    cur["self." + a] = av
            elif not callable(v) and not isinstance(v, type):
                cur[k] = v
        for k, v in cur.items():
            key = (fid, k)
            try:
                vv = copy.deepcopy(v)
            except Exception:
                vv = v
            if key not in last or last[key] != vv:
                last[key] = vv
                hist.setdefault(k, []).append(vv)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return tracer
        snap(frame)
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        return tracer

    g = {"__name__": "w250prog"}
    exec(compile(code, FN, "exec"), g)
    sys.settrace(tracer)
    try:
        res = eval(compile(call, FN + "call", "eval"), g)
    finally:
        sys.settrace(None)
    return res, hist, lines


def plain(code, call):
    g = {"__name__": "w250prog"}
    exec(compile(code, FN, "exec"), g)
    return eval(call, g)


def lit(s):
    return ast.literal_eval(s)


def check_claim(c, res, hist, lines, item):
    w = c["what"]
    v = lit(c["value"]) if w != "call" else c["value"]
    if w == "value" and c.get("sequence"):
        h = hist.get(c["variable"], [])
        n = len(v)
        return any(h[i:i + n] == v for i in range(len(h))), f"{c['variable']} sequence not found"
    if w == "value":
        return v in hist.get(c["variable"], []), f"{c['variable']} never {v!r}"
    if w == "count":
        n = lines.get(c["line"], 0)
        return n == v, f"count at line {c['line']} is {n}, not {v}"
    if w in ("arith", "comparison"):
        got = eval(c["expr"])
        return got == v, f"{c['expr']} = {got!r}, not {v!r}"
    if w == "return":
        return v == res, f"return is {res!r}"
    if w == "call":
        return plain(item["code"], v) == res, "call does not give output"
    return False, "unknown claim kind"


def check_error(e, res, hist, lines, item):
    ch = e["check"]
    t = ch["type"]
    stated = lit(e["stated"]) if t not in ("answer",) else None
    if t == "history_at":
        h = hist.get(ch["variable"], [])
        ok = h[ch["index"]] != stated
        if e.get("held_elsewhere"):
            ok = ok and stated in h
        return ok, f"history {ch['variable']}[{ch['index']}]={h[ch['index']]!r}"
    if t == "absent":
        return stated not in hist.get(ch["variable"], []), "value does occur"
    if t == "expr":
        got = eval(ch["expr"])
        ok = got != stated
        if e.get("held_elsewhere") and "held_in" in ch:
            ok = ok and stated in hist.get(ch["held_in"], [])
        return ok, f"{ch['expr']} = {got!r} equals stated"
    if t == "seq":
        h = hist.get(ch["variable"], [])
        n = len(stated)
        ok = not any(h[i:i + n] == stated for i in range(len(h)))
        if e.get("held_elsewhere"):
            ok = ok and ch["wrong_elem"] in hist.get(ch.get("held_in", ch["variable"]), [])
        return ok, "sequence does occur"
    if t == "count":
        n = lines.get(ch["line"], 0)
        ok = n != stated
        if e.get("held_elsewhere"):
            ok = ok and lines.get(ch["held_line"], 0) == stated
        return ok, "count equals stated (or held_line count differs)"
    if t == "answer":
        if item["direction"] == "forward":
            return lit(item["answer"]) != res, "forward answer is right"
        try:
            got = plain(item["code"], item["answer"])
        except Exception as ex:
            return True, ""
        return got != res, "backward answer gives the output"
    return False, "unknown check"


def main(path, report):
    items = [json.loads(l) for l in open(path) if l.strip()]
    out, bad = [], 0
    for it in items:
        probs = []
        res, hist, lines = run(it["code"], it["call"])
        if repr(res) != it["returned"]:
            probs.append(f"returned {res!r} != {it['returned']}")
        if not it["rationale"].rstrip().splitlines()[-1].startswith("Answer:") and it["style"] != "paper":
            probs.append("last line not Answer:")
        if it["rationale"].rstrip().splitlines()[-1].split(":", 1)[1].strip() != it["answer"]:
            probs.append("answer field differs from last line")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append(f"quote missing: {c['quote']!r}")
        if it["label"] == "faithful":
            for c in it["claims"]:
                ok, why = check_claim(c, res, hist, lines, it)
                if not ok:
                    probs.append(f"claim false: {c['quote']!r}: {why}")
            if it["direction"] == "forward":
                if lit(it["answer"]) != res:
                    probs.append("forward answer wrong")
            else:
                if plain(it["code"], it["answer"]) != res:
                    probs.append("backward answer wrong")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                probs.append("error quote missing")
            ok, why = check_error(e, res, hist, lines, it)
            if not ok:
                probs.append(f"error not false: {why}")
            # all other claims must still hold
            for c in it["claims"]:
                if c.get("is_error"):
                    continue
                ok, why = check_claim(c, res, hist, lines, it)
                if not ok and not e.get("carried"):
                    probs.append(f"non-error claim false: {c['quote']!r}: {why}")
        status = "PASS" if not probs else "FAIL"
        bad += bool(probs)
        out.append(f"{status} {it['id']} ({it['label']}, {it['direction']}, {it['style']}, "
                   f"{it['family']}, {len(it['claims'])} claims)" + "".join("\n    " + p for p in probs))
    out.append(f"\n{len(items)} items, {len(items) - bad} pass, {bad} fail")
    open(report, "w").write("\n".join(out) + "\n")
    print("\n".join(out[-1:]))
    return bad


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "hist":
        d = [json.loads(l) for l in open(sys.argv[2])][int(sys.argv[3])]
        r, h, ln = run(d["code"], d["call"])
        print(r); [print(k, v) for k, v in h.items()]; print(ln)
    else:
        sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl",
                      sys.argv[2] if len(sys.argv) > 2 else "check_report.txt"))
