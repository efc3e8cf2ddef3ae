#!/usr/bin/env python3
"""Standalone checker for w77 narrations: re-executes each program with sys.settrace,
records every variable's value history (locals and self.<attr>), and verifies claims,
answers and that each error copy's error really is false at its point."""
import ast, copy, json, sys, collections

HERE = sys.path[0] or "."
items = [json.loads(l) for l in open(HERE + "/narrations.jsonl") if l.strip()]
spec = json.load(open(HERE + "/checkspec.json"))

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run(code, call):
    """Execute call; return (result, hist, linecounts)."""
    hist = collections.defaultdict(list)
    lines = collections.Counter()
    last = {}
    def record(frame):
        for name, val in frame.f_locals.items():
            if name.startswith("."):
                continue
            if name == "self":
                d = getattr(val, "__dict__", {})
                for a, av in d.items():
                    key = "self." + a
                    s = snap(av)
                    if key not in last or last[key] != s or type(last[key]) != type(s):
                        hist[key].append(s); last[key] = s
                continue
            if callable(val) and not isinstance(val, (list, dict, tuple, set)):
                continue
            s = snap(val)
            k = (id(frame), name)
            if k not in last or last[k] != s or type(last[k]) != type(s):
                hist[name].append(s); last[k] = s
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<program>":
            return None
        if frame.f_code.co_name.startswith("<"):  # comprehensions / genexprs
            return None
        record(frame)
        if event == "line":
            lines[frame.f_lineno] += 1
        if event == "return":
            record(frame)
        return tracer
    ns = {}
    exec(compile(code, "<program>", "exec"), ns)
    sys.settrace(tracer)
    try:
        res = eval(compile(call, "<program>call", "eval"), ns)
    finally:
        sys.settrace(None)
    return res, hist, lines

def plain_eval(code, call):
    ns = {}
    exec(compile(code, "<p>", "exec"), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def clean(q):
    return q.replace("`", "").strip()

def claim_true(c, cs, hist, lines, result):
    what = c["what"]
    if what == "value":
        var = cs.get("var", c["variable"])
        v = lit(c["value"])
        if "expr" in cs:
            return eval(cs["expr"]) == v
        if "k" in cs:
            return hist[var][cs["k"]] == v
        return any(x == v and type(x) == type(v) for x in hist.get(var, [])) or \
               any(x == v for x in hist.get(var, []))
    if what == "count":
        if "line" in cs:
            line = cs["line"]
        else:
            line = int(c["variable"].split("@line")[1].strip()) + 1
        return lines[line] + cs.get("offset", 0) == lit(c["value"])
    if what in ("comparison", "arith"):
        expr = cs.get("expr")
        if expr is None:
            q = c["quote"]
            if q.count("`") >= 2:
                q = q.split("`")[1]
            q = clean(q)
            if what == "arith":
                q = q.split("=")[0] if "=" in q and "==" not in q else q.split(" is ")[0]
            else:
                q = q.split(" is ")[0]
            expr = q
        return eval(expr) == lit(c["value"])
    if what == "return":
        return result == lit(c["value"])
    if what == "call":
        return True  # checked via answer
    raise ValueError(what)

fails = []
counts = collections.Counter()
cache = {}
for it in items:
    iid = it["id"]
    sp = spec.get(iid, {})
    key = (it["code"], it["call"])
    if key not in cache:
        cache[key] = run(it["code"], it["call"])
    result, hist, lines = cache[key]
    def bad(msg):
        fails.append(f"{iid}: {msg}")
    if repr(result) != it["returned"]:
        bad(f"returned {it['returned']} != real {result!r}")
    # answer
    if it["direction"] == "forward":
        ans_ok = lit(it["answer"]) == result
    else:
        try:
            ans_ok = plain_eval(it["code"], it["answer"]) == result
        except Exception as e:
            ans_ok = False
    if not it["rationale"].rstrip().endswith("Answer: " + it["answer"]) and \
       ("Answer: " + it["answer"]) not in it["rationale"] and ("Predicted Output: " + it["answer"]) not in it["rationale"]:
        bad("answer line not found in rationale")
    err = it["error"]
    if it["label"] == "faithful":
        if not ans_ok:
            bad("faithful answer wrong")
    else:
        if err["kind"] in ("wrong_final_answer", "backward_wrong_input"):
            if ans_ok:
                bad("error answer is actually right")
        elif not ans_ok and not err.get("carried"):
            bad("error copy answer should stay right")
    # claims
    for i, c in enumerate(it["claims"]):
        if c["quote"] not in it["rationale"]:
            bad(f"claim quote not in rationale: {c['quote']!r}")
        cs = sp.get("claims", {}).get(str(i), {})
        is_err = err is not None and c["quote"] == err["quote"]
        try:
            ok = claim_true(c, cs, hist, lines, result)
        except Exception as e:
            ok = None
            bad(f"claim {i} raised {e!r}: {c}")
        if is_err:
            continue
        if ok is False:
            bad(f"claim {i} false: {c}")
    # error
    if err is not None:
        if err["quote"] not in it["rationale"]:
            bad("error quote not in rationale")
        if err["stated"] not in err["quote"]:
            bad("stated not in quote")
        es = sp.get("error", {})
        t = es.get("type")
        stated = err["stated"]
        if t == "hist":
            h = hist[es["var"]]
            actual = h[es["k"]]
            sv = lit(es.get("stated_lit", stated))
            if sv == actual:
                bad(f"error value equals actual {actual!r}")
            if repr(actual) != es.get("actual_lit", err["actual"]) and str(actual) != err["actual"]:
                bad(f"actual mismatch: hist gives {actual!r}, item says {err['actual']}")
            if err.get("held_elsewhere"):
                if sv not in h and not any(sv in hh for hh in hist.values() if False):
                    others = [n for n, hh in hist.items() if sv in hh]
                    if not others:
                        bad("held_elsewhere but value never held")
            elif err["kind"] == "impossible_state" and sv in h:
                bad("impossible_state value actually occurs")
        elif t == "absent":
            sv = lit(es.get("stated_lit", stated))
            if sv in hist[es["var"]]:
                bad("impossible value occurs in history")
        elif t == "expr":
            real = eval(es["expr"])
            sv = lit(es.get("stated_lit", stated))
            if real == sv:
                bad("error expr actually equals stated")
            if es.get("held_var") is not None:
                if sv not in hist[es["held_var"]]:
                    bad("held_elsewhere value not in that variable's history")
        elif t == "count":
            real = lines[es["line"]]
            stated = es.get("stated_lit", stated)
            if real == lit(stated):
                bad("error count equals real count")
            if real != lit(err["actual"]):
                bad(f"count actual mismatch {real}")
            if err.get("held_elsewhere") and lit(stated) not in [lines[l] for l in es.get("held_lines", [])]:
                bad("held_elsewhere count not held by the named loop")
        elif t == "answer":
            pass  # checked above
        else:
            bad(f"no error spec type for {err['kind']}")
    counts[it["label"]] += 1

out = []
nclaims = sum(len(it["claims"]) for it in items)
out.append(f"items checked: {len(items)}  ({dict(counts)}), claims checked: {nclaims}")
out.append("error kinds: " + json.dumps(dict(collections.Counter(it["error"]["kind"] for it in items if it["error"]))))
out.append("styles (faithful): " + json.dumps(dict(collections.Counter(it["style"] for it in items if not it["error"]))))
out.append("families (faithful): " + json.dumps(dict(collections.Counter(it["family"] for it in items if not it["error"]))))
for it in items:
    st = "FAIL" if any(f.startswith(it["id"] + ":") for f in fails) else "ok"
    out.append(f"  {st:4} {it['id']:28} {it['style']:14} {(it['error'] or {}).get('kind', 'faithful')}")
out.append(f"failures: {len(fails)}")
out.extend(fails)
out.append("ALL PASS" if not fails else "FAILURES PRESENT")
print("\n".join(out))
sys.exit(1 if fails else 0)
