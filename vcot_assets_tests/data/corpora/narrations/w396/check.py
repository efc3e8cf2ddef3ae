"""Standalone checker for w396 narrations: runs each program with sys.settrace,
records per-variable value histories and loop-line hit counts, then checks claims."""
import ast, copy, json, sys

def run_traced(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist = {}      # name -> chronological list of distinct (per frame) values
    last = {}      # (frame id, name) -> last value
    lines = {}     # lineno -> hit count
    serial = {}    # id(frame) -> unique call number (ids get reused)
    def snap(fr):
        items = dict(fr.f_locals)
        s = items.get("self")
        if s is not None and hasattr(s, "__dict__"):
            for k, v in vars(s).items():
                items["self." + k] = v
        for k, v in items.items():
            if k == "self":
                continue
            try:
                v = copy.deepcopy(v)
            except Exception:
                continue
            key = k if k.startswith("self.") else (serial[id(fr)], k)  # attributes: one object-wide history
            if key not in last or last[key] != v:
                last[key] = v
                hist.setdefault(k, []).append(v)
    def tracer(fr, ev, arg):
        if fr.f_code.co_filename != "<prog>":
            return None
        serial[id(fr)] = len(serial) + 1 + max(serial.values(), default=0)
        def local(fr, ev, arg):
            snap(fr)
            if ev == "line":
                lines[fr.f_lineno] = lines.get(fr.f_lineno, 0) + 1
            return local
        snap(fr)
        return local
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines, g

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, ret, hist, lines, g):
    w = c["what"]; val = lit(c["value"])
    if w == "value":
        h = hist.get(c["variable"], [])
        return val in h, f"{c['variable']} history {h[:12]}"
    if w == "count":
        n = lines.get(c["line"], 0)
        return n == val, f"line {c['line']} ran {n}"
    if w in ("arith", "comparison"):
        got = eval(c.get("expr", c["quote"]), dict(g))
        return got == val, f"eval -> {got!r}"
    if w == "return":
        return ret == val, f"returned {ret!r}"
    if w == "call":
        got = eval(c.get("expr", c["quote"]), dict(g))
        return repr(got) == c["value"] or got == val, f"call -> {got!r}"
    return False, "unknown claim kind"

def check_error(it, ret, hist, lines, g):
    e = it["error"]; chk = e["check"]; t = chk["type"]
    stated = lit(e["stated_literal"]) if "stated_literal" in e else None
    if t == "history_at":
        h = hist.get(chk["variable"], [])
        at = h[chk["index"]]
        ok = at != stated
        msg = f"{chk['variable']}[{chk['index']}]={at!r} vs stated {stated!r}"
        if e.get("held_elsewhere"):
            ok = ok and stated in h
            msg += f"; held elsewhere: {stated in h}"
        return ok, msg
    if t in ("arith", "comparison"):
        got = eval(chk["expr"], dict(g))
        ok = got != stated
        msg = f"eval {chk['expr']} -> {got!r} vs stated {stated!r}"
        if e.get("held_elsewhere"):
            pool = eval(chk["held_in"], dict(g)) if "held_in" in chk else hist.get(chk.get("variable"), [])
            ok = ok and stated in pool
            msg += "; held elsewhere checked"
        return ok, msg
    if t == "count":
        n = lines.get(chk["line"], 0)
        ok = n != stated
        msg = f"line {chk['line']} ran {n} vs stated {stated!r}"
        if e.get("held_elsewhere"):
            ok = ok and stated in hist.get(chk["variable"], [])
            msg += "; held elsewhere checked"
        return ok, msg
    if t == "answer":
        return lit(it["answer"]) != ret, f"answer {it['answer']} vs returned {ret!r}"
    if t == "call":
        got = eval(it["answer"], dict(g))
        return got != ret, f"{it['answer']} -> {got!r} vs {ret!r}"
    return False, "unknown check"

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    out = []; bad = 0
    for it in items:
        ret, hist, lines, g = run_traced(it["code"], it["call"])
        probs = []
        if repr(ret) != it["returned"]:
            probs.append(f"returned mismatch {ret!r}")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append(f"quote not in rationale: {c['quote']!r}")
            if it["label"] == "error" and c.get("is_error"):
                # the flagged claim itself must be false where it is stated
                w = c["what"]
                if w in ("arith", "comparison", "count", "call", "return"):
                    if w == "return":
                        bad_ok = lit(c["value"]) != ret
                    else:
                        bad_ok = not check_claim(c, ret, hist, lines, g)[0] if w != "call" else \
                            eval(c["quote"], dict(g)) != ret
                    if not bad_ok:
                        probs.append(f"error claim is actually true: {c['quote']!r}")
                elif w == "value" and not it["error"].get("held_elsewhere"):
                    if it["error"]["kind"] == "impossible_state" and lit(c["value"]) in hist.get(c["variable"], []):
                        probs.append(f"impossible_state value occurs in run: {c['quote']!r}")
                continue
            ok, msg = check_claim(c, ret, hist, lines, g)
            if not ok:
                probs.append(f"claim false: {c['quote']!r}: {msg}")
        last = it["rationale"].rstrip().splitlines()[-1]
        if it["answer"] not in last:
            probs.append("answer not on last line")
        if it["label"] == "faithful":
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret:
                    probs.append("forward answer wrong")
            else:
                got = eval(it["answer"], dict(g))
                if got != ret:
                    probs.append(f"backward answer returns {got!r}")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                probs.append("error quote not in rationale")
            ok, msg = check_error(it, ret, hist, lines, g)
            if not ok:
                probs.append("error not false: " + msg)
            if e["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                if it["direction"] == "forward" and lit(it["answer"]) != ret and not e.get("carried"):
                    probs.append("uncarried error changed the answer")
            if e["kind"] not in ("wrong_final_answer", "backward_wrong_input") and it["direction"] == "backward" \
                    and not e.get("carried") and eval(it["answer"], dict(g)) != ret:
                probs.append("uncarried error changed the backward answer")
            if e["kind"] == "wrong_intermediate_right_answer":
                if it["direction"] == "forward" and lit(it["answer"]) != ret:
                    probs.append("answer must stay right")
        status = "PASS" if not probs else "FAIL"
        bad += bool(probs)
        out.append(f"{status} {it['id']} ({it['label']}, {it['direction']}, {it['style']}, "
                   f"{(it['error'] or {}).get('kind', '-')}, claims={len(it['claims'])})")
        out += ["    " + p for p in probs]
    out.append(f"\n{len(items)} items, {len(items)-bad} pass, {bad} fail")
    print("\n".join(out))
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
