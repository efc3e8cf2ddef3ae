"""Standalone checker for w278 narrations: re-executes every program with sys.settrace,
records per-variable value histories (locals and self.<attr>), line hit counts and the return
value, then checks every claim of every narration and confirms each error copy's error is false."""
import ast, copy, json, sys

def literal(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return s

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist, hits = {}, {}
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k.startswith("."):
                continue
            items = [(k, v)]
            if k == "self" and hasattr(v, "__dict__"):
                items = [("self." + a, b) for a, b in vars(v).items()]
            for name, val in items:
                try:
                    val = copy.deepcopy(val)
                except Exception:
                    continue
                h = hist.setdefault(name, [])
                if not h or h[-1] != val or type(h[-1]) != type(val):
                    h.append(val)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        snap(frame)
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, hits, ns

def plain_eval(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    return eval(call, ns)

def check_claim(c, ret, hist, hits):
    what, var, val = c["what"], c.get("variable"), literal(c["value"])
    if what == "value" and c.get("each"):
        h = hist.get(var, [])
        return all(x in h for x in val), f"{var} history {h}"
    if what == "value" and c.get("seq"):
        seq = [x for i, x in enumerate(val) if i == 0 or x != val[i - 1]]
        h = hist.get(var, [])
        ok = any(h[i:i + len(seq)] == seq for i in range(len(h)))
        return ok, f"{var} history {h}"
    if what == "value":
        if var is None:
            return any(val in h for h in hist.values()), "value anywhere"
        return var in hist and val in hist[var], f"{var} history {hist.get(var)}"
    if what == "count" and var.startswith("iters:"):
        n = len(hist.get(var[6:], []))
        return n == val, f"{var} distinct values {n}"
    if what == "count":
        line = int(var.split("@line")[1]) if "@line" in var else None
        return hits.get(line, 0) == val, f"line {line} hits {hits.get(line, 0)}"
    if what in ("arith", "comparison"):
        expr = c.get("expr") or (c["quote"].split("=")[0] if what == "arith" else c["quote"])
        got = eval(expr, {})
        return got == val, f"{expr} -> {got}"
    if what == "return":
        return val == ret, f"returned {ret!r}"
    return False, "unknown claim kind " + what

def check_error(item, ret, hist, hits):
    e = item["error"]; chk = e["check"]; t = chk["type"]
    stated = literal(e["stated"])
    if t == "hist":
        h = hist[chk["var"]]; truth = h[chk["index"]]
        ok = stated != truth
        if e.get("held_elsewhere"):
            ok = ok and any(stated in hh for hh in hist.values())
        return ok, f"{chk['var']}[{chk['index']}]={truth!r} stated {stated!r}"
    if t == "never":
        return stated not in hist.get(chk["var"], []), f"{chk['var']} history {hist.get(chk['var'])}"
    if t == "count":
        real = hits.get(chk["line"], 0)
        return real != stated, f"line {chk['line']} hits {real}"
    if t in ("arith", "cmp"):
        got = eval(chk["expr"], {})
        ok = got != stated
        if e.get("held_elsewhere"):
            ok = ok and any(stated in hh for hh in hist.values())
        return ok, f"{chk['expr']} -> {got!r}"
    if t == "answer":
        if item["direction"] == "forward":
            return literal(item["answer"]) != ret, f"answer {item['answer']} vs {ret!r}"
        try:
            got = plain_eval(item["code"], item["answer"])
        except Exception as ex:
            return True, f"call raises {ex!r}"
        return got != ret, f"{item['answer']} -> {got!r}"
    return False, "unknown check " + t

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    progs = {}
    for l in open("programs.jsonl"):
        if l.strip():
            p = json.loads(l); progs[p["id"]] = p
    fails, lines = 0, []
    for it in items:
        msgs = []
        p = progs[it["program_id"]]
        if it["code"] != p["code"] or it["call"] != p["call"]:
            msgs.append("code/call differ from programs.jsonl")
        ret, hist, hits, ns = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            msgs.append(f"returned {ret!r} != {it['returned']}")
        if it["trace_events"] != len(p["events"]):
            msgs.append("trace_events mismatch")
        last = it["rationale"].rstrip().splitlines()[-1]
        if it["answer"] not in last:
            msgs.append("answer not on last line")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                msgs.append("quote missing: " + c["quote"])
            if c.get("wrong"):
                continue
            ok, why = check_claim(c, ret, hist, hits)
            if not ok:
                msgs.append(f"claim false: {c['quote']!r} ({why})")
        if it["label"] == "faithful":
            if it["direction"] == "forward":
                if literal(it["answer"]) != ret:
                    msgs.append("forward answer wrong")
            else:
                if plain_eval(it["code"], it["answer"]) != ret:
                    msgs.append("backward answer does not reproduce output")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                msgs.append("error quote missing")
            ok, why = check_error(it, ret, hist, hits)
            if not ok:
                msgs.append(f"error not false: {why}")
            else:
                msgs.append(f"(error confirmed: {why})")
            if e["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                if it["direction"] == "forward" and literal(it["answer"]) != ret:
                    msgs.append("error copy changed forward answer")
        bad = [m for m in msgs if not m.startswith("(")]
        fails += bool(bad)
        lines.append(("FAIL " if bad else "ok   ") + it["id"] + "  " + "; ".join(msgs))
    lines.append(f"{len(items)} items, {fails} failing")
    out = "\n".join(lines)
    print(out)
    open("check_report.txt", "w").write(out + "\n")
    return 1 if fails else 0

if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--dump":
        for l in open(sys.argv[2]):
            p = json.loads(l)
            ret, hist, hits, _ = run_traced(p["code"], p["call"])
            print("==", p["id"], repr(ret), "hits", hits)
            for k, v in hist.items():
                print("  ", k, v)
        sys.exit(0)
    sys.exit(main())
