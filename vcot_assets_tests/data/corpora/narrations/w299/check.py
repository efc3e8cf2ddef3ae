"""Standalone checker for w299 narrations: re-executes each program with sys.settrace,
records per-variable value histories, per-line hit counts and per-line snapshots, and
verifies claims / errors. Usage: python3 check.py [narrations.jsonl] > check_report.txt"""
import ast, copy, json, sys

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call):
    ns = {}
    exec(compile(code, "<program>", "exec"), ns)
    hist = {}      # name -> list of distinct successive values (per frame, merged in time order)
    last = {}      # (frame id, name) -> last value
    lines = {}     # line -> hit count
    snaps = {}     # line -> list of dicts of locals (with self.attr) at each hit
    def record(frame):
        loc = {}
        for k, v in frame.f_locals.items():
            if k.startswith("."):
                continue
            loc[k] = v
            if k == "self" and hasattr(v, "__dict__"):
                for a, av in vars(v).items():
                    loc["self." + a] = av
        out = {}
        for k, v in loc.items():
            s = snap(v)
            out[k] = s
            key = (id(frame), k)
            if key not in last or last[key] != s or type(last[key]) != type(s):
                last[key] = s
                hist.setdefault(k, []).append(s)
        return out
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<program>":
            return None
        if frame.f_code.co_name == "<listcomp>" or frame.f_code.co_name.startswith("<"):
            return tracer
        if event == "line":
            cur = record(frame)
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            snaps.setdefault(frame.f_lineno, []).append(cur)
        elif event == "return":
            record(frame)
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return result, hist, lines, snaps

def plain_eval(code, call):
    ns = {}
    exec(compile(code, "<program>", "exec"), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def count_of(claim_var, lines):
    # 'loop@line N' -> hits of line N (the first line of the loop body)
    n = int(claim_var.split("@line")[1])
    return lines.get(n, 0)

def check_claim(c, item, res, hist, lines):
    what = c["what"]
    if what == "value" and "[" in (c["variable"] or ""):
        v = lit(c["value"]); name = c["variable"].split("[")[0]
        seen = []
        for hv in hist.get(name, []):
            try:
                seen.append(eval(c["variable"], {name: hv}))
            except Exception:
                pass
        return v in seen, f"{c['variable']} values {seen}"
    if what == "value":
        v = lit(c["value"])
        return any(h == v and type(h) == type(v) for h in hist.get(c["variable"], [])), f"{c['variable']} history {hist.get(c['variable'])}"
    if what == "count":
        got = count_of(c["variable"], lines)
        return got == lit(c["value"]), f"count {got}"
    if what in ("arith", "comparison"):
        expr = c.get("expr") or c["quote"].split("=")[0]
        got = eval(expr, {})
        return got == lit(c["value"]), f"eval({expr!r}) = {got!r}"
    if what == "return":
        return lit(c["value"]) == res, f"returned {res!r}"
    if what == "call":
        got = plain_eval(item["code"], c["value"])
        return got == res, f"call gives {got!r}"
    return False, "unknown claim kind"

def check_error(item, res, hist, lines, snaps):
    e = item["error"]; chk = e["check"]; t = chk["type"]
    stated = lit(chk["stated"]) if "stated" in chk else None
    if t == "arith":
        got = eval(chk["expr"], {}); ok = got != stated; why = f"eval {chk['expr']} = {got!r}, stated {stated!r}"
    elif t == "comparison":
        got = eval(chk["expr"], {}); ok = got != stated; why = f"{chk['expr']} is {got}, stated {stated}"
    elif t == "count":
        got = lines.get(chk["line"], 0); ok = got != stated; why = f"line {chk['line']} ran {got}, stated {stated}"
    elif t == "value_at":
        sn = snaps[chk["line"]][chk["hit"]]
        got = eval(chk["variable"].replace("self.", "self_"), {}, {k.replace("self.", "self_"): v for k, v in sn.items()}) if "[" in chk["variable"] else sn[chk["variable"]]
        ok = got != stated; why = f"{chk['variable']} at line {chk['line']} hit {chk['hit']} = {got!r}, stated {stated!r}"
    elif t == "never":
        ok = stated not in hist.get(chk["variable"], []); why = f"{chk['variable']} history {hist.get(chk['variable'])}"
    elif t == "final":
        got = lit(item["answer"]); ok = got != res; why = f"answer {got!r} vs returned {res!r}"
    elif t == "backward_call":
        got = plain_eval(item["code"], item["answer"]); ok = got != res; why = f"{item['answer']} gives {got!r}, output {res!r}"
    else:
        return False, "unknown check"
    if ok and e.get("held_elsewhere"):
        if t == "count":
            held = any(stated == v for vs in hist.values() for v in vs) or stated in lines.values()
        else:
            held = any(stated == v for vs in hist.values() for v in vs)
        ok = held; why += f"; held elsewhere: {held}"
    return ok, why

def main(path):
    items = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    fails = 0
    for it in items:
        probs = []
        res, hist, lines, snaps = run(it["code"], it["call"])
        if repr(res) != it["returned"]:
            probs.append(f"returned {res!r} != {it['returned']}")
        if not it["rationale"].rstrip().endswith("Answer: " + it["answer"]):
            probs.append("answer line mismatch")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append(f"quote not in rationale: {c['quote']!r}")
        if it["label"] == "faithful":
            for c in it["claims"]:
                ok, why = check_claim(c, it, res, hist, lines)
                if not ok:
                    probs.append(f"claim false: {c['quote']!r} ({why})")
            if it["direction"] == "forward":
                if lit(it["answer"]) != res: probs.append("forward answer wrong")
            else:
                if plain_eval(it["code"], it["answer"]) != res: probs.append("backward answer wrong")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                probs.append("error quote missing")
            ok, why = check_error(it, res, hist, lines, snaps)
            if not ok:
                probs.append(f"error not confirmed: {why}")
            else:
                print(f"      error confirmed: {why}")
            # the rest of the answer must stay right unless the error is about the answer
            if e["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                if it["direction"] == "forward" and lit(it["answer"]) != res: probs.append("answer should stay right")
                if it["direction"] == "backward" and plain_eval(it["code"], it["answer"]) != res: probs.append("answer should stay right")
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        print(f"{status} {it['id']} ({len(it['claims'])} claims)")
        for p in probs:
            print("   -", p)
    print(f"\n{len(items)} items, {len(items)-fails} pass, {fails} fail")
    return fails

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
