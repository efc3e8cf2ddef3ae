"""Standalone checker for w316 narrations: re-executes each program with sys.settrace,
records per-variable value histories (locals of every frame of the program, plus self.<attr>),
line hit counts, and checks every claim / answer / error against the real execution."""
import ast, copy, json, sys, collections

FN = "<w316-prog>"

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call):
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    hist = collections.defaultdict(list)
    lines = collections.Counter()
    def record(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for ak, av in getattr(v, "__dict__", {}).items():
                    h = hist["self." + ak]
                    if not h or h[-1] != av:
                        h.append(snap(av))
                continue
            h = hist[k]
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(snap(v))
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        record(frame)
        if event == "line":
            lines[frame.f_lineno] += 1
        if event == "return":
            record(frame)
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ns, ret, hist, lines

def env_of(ns, hist):
    """namespace for evaluating claim expressions: program globals plus each local's first value"""
    env = dict(ns)
    for k, h in hist.items():
        if "." not in k and h and k not in env:
            env[k] = h[0]
    env["hist"] = hist
    return env

def lit(s):
    return ast.literal_eval(s)

def check_claim(c, ns, ret, hist, lines):
    w = c["what"]; val = lit(c["value"]) if w != "call" else c["value"]
    if w == "value":
        v = c["variable"]
        if "expr" in c:
            return eval(c["expr"], env_of(ns, hist)) == val
        if v is None:
            return any(val in h for h in hist.values()) or val == ret
        if "index" in c:
            return hist[v][c["index"]] == val
        return val in hist[v]
    if w == "count":
        return lines[c["line"]] == val
    if w in ("comparison", "arith"):
        expr = c.get("expr") or c["quote"].strip("`")
        return eval(expr, env_of(ns, hist)) == val
    if w == "return":
        return val == ret
    if w == "call":
        return eval(val, dict(ns)) == ret
    raise ValueError(w)

def verify_error(it, ns, ret, hist, lines):
    e = it["error"]; vf = e["verify"]; t = vf["type"]
    msgs = []
    if e["quote"] not in it["rationale"]:
        msgs.append("error quote not in rationale")
    if t == "answer":
        if it["direction"] == "forward":
            ok = lit(it["answer"]) != ret
        else:
            try:
                ok = eval(it["answer"], dict(ns)) != ret
            except Exception:
                ok = True
        if not ok: msgs.append("answer not wrong")
        return msgs
    stated = lit(vf.get("stated", e["stated"]))
    if t == "history_at":
        actual = hist[vf["variable"]][vf["index"]]
        if actual == stated: msgs.append("stated equals value at that point")
        if lit(e["actual"]) != actual: msgs.append(f"declared actual {e['actual']} != {actual!r}")
    elif t == "absent":
        if stated in hist[vf["variable"]]: msgs.append("stated value occurs in history")
    elif t in ("arith", "comparison"):
        actual = eval(vf["expr"], env_of(ns, hist))
        if actual == stated: msgs.append("expression not wrong")
        if lit(e["actual"]) != actual: msgs.append("declared actual mismatch")
    elif t == "count":
        actual = lines[vf["line"]]
        if actual == stated: msgs.append("count not wrong")
        if lit(e["actual"]) != actual: msgs.append("declared actual mismatch")
    else:
        msgs.append("unknown verify type")
    if e.get("held_elsewhere") and "held_values_expr" in vf:
        if stated not in eval(vf["held_values_expr"], env_of(ns, hist)):
            msgs.append("held_elsewhere but stated value not among " + vf["held_values_expr"])
    elif e.get("held_elsewhere"):
        var = vf.get("variable") or vf.get("held_var")
        if var is None or stated not in hist[var]:
            msgs.append("held_elsewhere but stated value not held by " + str(var))
    return msgs

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    progs = {json.loads(l)["id"]: json.loads(l) for l in open("programs.jsonl") if l.strip()}
    cache = {}
    out = []; bad = 0
    ids = set(i["id"] for i in items)
    for it in items:
        msgs = []
        key = it["program_id"]
        if key not in cache:
            cache[key] = run(it["code"], it["call"])
        ns, ret, hist, lines = cache[key]
        p = progs.get(key)
        if p is None or p["code"] != it["code"] or p["call"] != it["call"]:
            msgs.append("program mismatch with programs.jsonl")
        elif len(p["events"]) != it["trace_events"]:
            msgs.append("trace_events mismatch")
        if repr(ret) != it["returned"]:
            msgs.append(f"returned {repr(ret)} != {it['returned']}")
        last = it["rationale"].rstrip().splitlines()[-1]
        if not last.startswith("Answer:") and not last.startswith("Predicted Output:"):
            msgs.append("no final Answer line")
        elif last.split(":", 1)[1].strip().strip("`") != it["answer"]:
            msgs.append("answer field != Answer line")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                msgs.append("claim quote missing: " + c["quote"])
                continue
            is_err = it["label"] == "error" and c.get("error_claim")
            try:
                ok = check_claim(c, ns, ret, hist, lines)
            except Exception as ex:
                ok = None; msgs.append(f"claim crashed {c['quote']}: {ex}")
            if is_err:
                if ok: msgs.append("error claim is actually true: " + c["quote"])
            elif ok is False:
                msgs.append("false claim: " + c["quote"])
        if it["label"] == "faithful":
            if it["error"] is not None: msgs.append("faithful with error")
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret: msgs.append("forward answer wrong")
            else:
                if eval(it["answer"], dict(ns)) != ret: msgs.append("backward answer wrong")
        else:
            if it["faithful_id"] not in ids: msgs.append("faithful_id missing")
            msgs += verify_error(it, ns, ret, hist, lines)
            if it["error"]["kind"] != "wrong_final_answer" and it["error"]["kind"] != "backward_wrong_input":
                if it["direction"] == "forward" and lit(it["answer"]) != ret:
                    msgs.append("answer wrong in non-answer error")
        status = "PASS" if not msgs else "FAIL"
        bad += bool(msgs)
        out.append(f"{status} {it['id']} ({it['label']}{'/' + it['error']['kind'] if it['error'] else ''})" + ("".join("\n    - " + m for m in msgs)))
    out.append(f"\n{len(items)} items, {len(items) - bad} pass, {bad} fail")
    rep = "\n".join(out)
    open("check_report.txt", "w").write(rep + "\n")
    print(rep)
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
