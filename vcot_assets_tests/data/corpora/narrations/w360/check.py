"""Standalone checker for w360 narrations: runs each call under sys.settrace, records
per-variable value histories (locals and self.<attr>) and line hit counts, and checks
every claim of faithful items and that each error copy's error is really false."""
import ast, copy, json, sys

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist = {}      # name -> list of values in time order (a new entry whenever a frame's value changes)
    hits = {}      # line -> count
    at = {}        # line -> list of locals snapshots, one per hit (state just before that line runs)
    last = {}      # (frame id, name) -> last value

    def record(frame):
        items = dict(frame.f_locals)
        s = items.get("self")
        if s is not None and hasattr(s, "__dict__"):
            for k, v in vars(s).items():
                items["self." + k] = v
        for k, v in items.items():
            if k == "self":
                continue
            key = (id(frame), k)
            sv = snap(v)
            if key not in last or last[key] != sv:
                last[key] = sv
                hist.setdefault(k, []).append(sv)

    def local(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return local
        record(frame)
        if event == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
            d = {k: snap(v) for k, v in frame.f_locals.items() if k != "self"}
            s = frame.f_locals.get("self")
            if s is not None and hasattr(s, "__dict__"):
                d.update({"self." + k: snap(v) for k, v in vars(s).items()})
            at.setdefault(frame.f_lineno, []).append(d)
        return local

    def glob(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        record(frame)
        return local

    sys.settrace(glob)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    hits["at"] = at
    return ret, hist, hits

def lit(s):
    return ast.literal_eval(s) if isinstance(s, str) else s

def series(hist, var, key=None):
    h = hist.get(var, [])
    if key is None:
        return h
    out = []
    for v in h:
        has = (key in v) if isinstance(v, dict) else (isinstance(v, list) and isinstance(key, int) and key < len(v))
        if has and (not out or out[-1] != v[key]):
            out.append(v[key])
    return out

def is_subseq_contig(seq, h):
    # collapse consecutive repeats (a self.<attr> value is seen again when a new method frame starts)
    h = [v for k, v in enumerate(h) if k == 0 or h[k - 1] != v]
    n = len(seq)
    return any(h[i:i + n] == seq for i in range(len(h) - n + 1))

def check_claim(c, ret, hist, hits, item):
    w = c["what"]
    if w == "call":
        g = {}
        exec(item["code"], g)
        r = eval(c["value"], g)
        return r == ret, f"call gives {r!r}"
    v = lit(c["value"])
    if w == "value" and "line" in c:
        val = hits["at"][c["line"]][c["hit"]][c["variable"]]
        return val == v, f"{c['variable']} at hit {c['hit']} of line {c['line']} = {val!r}"
    if w == "value":
        h = series(hist, c["variable"], c.get("key"))
        if c.get("seq"):
            return is_subseq_contig(list(v), h), f"seq {v} in {h}"
        if "index" in c:
            return h[c["index"]] == v, f"{c['variable']}[{c['index']}]={h[c['index']]}"
        return v in h, f"{v} in history {h}"
    if w == "count":
        return hits.get(c["line"], 0) == v, f"line {c['line']} hits {hits.get(c['line'], 0)}"
    if w in ("arith", "comparison"):
        r = eval(c["expr"], {})
        return r == v, f"{c['expr']} -> {r!r}"
    if w == "return":
        return ret == v, f"returned {ret!r}"
    return False, "unknown claim kind"

def check_error(e, item, ret, hist, hits):
    ck = e["check"]
    t = ck["type"]
    stated = lit(ck["stated_value"]) if "stated_value" in ck else None
    msgs = []
    if t == "expr":
        r = eval(ck["expr"], {})
        ok = r != stated
        msgs.append(f"{ck['expr']} -> {r!r}, stated {stated!r}")
    elif t == "count":
        ok = hits.get(ck["line"], 0) != stated
        msgs.append(f"line {ck['line']} hits {hits.get(ck['line'], 0)}, stated {stated}")
    elif t == "history":
        h = series(hist, ck["variable"], ck.get("key"))
        ok = h[ck["index"]] != stated
        msgs.append(f"{ck['variable']} history {h} at {ck['index']} = {h[ck['index']]!r}, stated {stated!r}")
    elif t == "at_line":
        val = hits["at"][ck["line"]][ck["hit"]][ck["variable"]]
        ok = val != stated
        msgs.append(f"{ck['variable']} at hit {ck['hit']} of line {ck['line']} = {val!r}, stated {stated!r}")
    elif t == "never":
        h = series(hist, ck["variable"], ck.get("key"))
        ok = stated not in h
        msgs.append(f"{stated!r} not in {h}")
    elif t == "seq":
        h = series(hist, ck["variable"], ck.get("key"))
        ok = not is_subseq_contig(list(stated), h)
        msgs.append(f"seq {stated} not in {h}")
    elif t == "answer":
        if item["direction"] == "forward":
            ok = lit(item["answer"]) != ret
            msgs.append(f"answer {item['answer']} vs {ret!r}")
        else:
            g = {}
            exec(item["code"], g)
            r = eval(item["answer"], g)
            ok = r != ret
            msgs.append(f"wrong call gives {r!r} vs {ret!r}")
    else:
        return False, "unknown check"
    if e.get("held_elsewhere"):
        allv = [x for vals in hist.values() for x in vals]
        if ck.get("key") is not None:
            allv += series(hist, ck["variable"], ck["key"])
        held = stated in allv or (t == "count" and stated in [x for x in hits.values() if isinstance(x, int)])
        if t == "seq":
            held = True
        ok = ok and held
        msgs.append(f"held elsewhere: {held}")
    return ok, "; ".join(msgs)

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    bad = 0
    out = []
    for it in items:
        ret, hist, hits = run(it["code"], it["call"])
        probs = []
        if repr(ret) != it["returned"]:
            probs.append(f"returned mismatch {ret!r}")
        if not it["rationale"].rstrip().endswith(it["answer"]):
            probs.append("answer not at end of rationale")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append(f"quote missing: {c['quote']!r}")
        if it["label"] == "faithful":
            for c in it["claims"]:
                ok, msg = check_claim(c, ret, hist, hits, it)
                if not ok:
                    probs.append(f"claim false: {c['quote']!r}: {msg}")
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret:
                    probs.append("forward answer wrong")
            else:
                g = {}
                exec(it["code"], g)
                if eval(it["answer"], g) != ret:
                    probs.append("backward answer wrong")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                probs.append("error quote missing")
            ok, msg = check_error(e, it, ret, hist, hits)
            if not ok:
                probs.append(f"error not false: {msg}")
            # other claims (not the error one) must still hold
            for c in it["claims"]:
                if c.get("is_error"):
                    continue
                ok2, msg2 = check_claim(c, ret, hist, hits, it)
                if not ok2:
                    probs.append(f"non-error claim false: {c['quote']!r}: {msg2}")
            if e["kind"] != "wrong_final_answer" and e["kind"] != "backward_wrong_input":
                if it["direction"] == "forward" and lit(it["answer"]) != ret and not e.get("carried"):
                    probs.append("answer wrong but error not final-answer kind")
            msg and out.append(f"  {it['id']}: error check: {msg}")
        status = "PASS" if not probs else "FAIL"
        bad += bool(probs)
        out.append(f"{status} {it['id']} ({len(it['claims'])} claims)")
        out.extend("    " + p for p in probs)
    out.append(f"\n{len(items)} items, {len(items) - bad} pass, {bad} fail")
    print("\n".join(out))
    return bad

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
