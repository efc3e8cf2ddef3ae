"""Standalone checker for w487 narrations: re-runs each program with sys.settrace and checks
returned values, every claim of faithful items, and that each error copy's error is really false."""
import ast, copy, json, re, sys
from collections import defaultdict

CMP = re.compile(r"""(-?\d+|'[^']*'|"[^"]*")\s*(<=|>=|==|!=|<|>)\s*(-?\d+|'[^']*'|"[^"]*")""")
METH = re.compile(r"""('[^']*'|"[^"]*")\.(isalpha|isdigit|isupper|islower|startswith|endswith)\(([^)]*)\)""")


def run(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    hist = defaultdict(list)
    last = {}
    hits = defaultdict(int)
    rets = defaultdict(list)
    samples = defaultdict(lambda: defaultdict(list))
    prev = {}

    def snap(frame):
        for k, v in list(frame.f_locals.items()):
            items = [(k, v)]
            if k == "self":
                try:
                    items += [("self." + a, b) for a, b in vars(v).items()]
                except TypeError:
                    pass
            for name, val in items:
                try:
                    r = repr(val)
                except Exception:
                    continue
                key = (id(frame), name)
                if last.get(key) != r:
                    last[key] = r
                    try:
                        hist[name].append(copy.deepcopy(val))
                    except Exception:
                        hist[name].append(val)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            p = prev.get(id(frame))
            hits[(p, frame.f_lineno)] += 1
            prev[id(frame)] = frame.f_lineno
            loc = list(frame.f_locals.items())
            if "self" in frame.f_locals:
                try:
                    loc += [("self." + a, b) for a, b in vars(frame.f_locals["self"]).items()]
                except TypeError:
                    pass
            for k, v in loc:
                try:
                    samples[frame.f_lineno][k].append(copy.deepcopy(v))
                except Exception:
                    samples[frame.f_lineno][k].append(v)
            snap(frame)
        elif event == "return":
            snap(frame)
            rets[frame.f_code.co_name].append(copy.deepcopy(arg))
        return tracer

    sys.settrace(tracer)
    try:
        result = eval(compile(call, "<call>", "eval"), g)
    finally:
        sys.settrace(None)
    return result, hist, hits, rets, samples


def plain(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)


def lit(s):
    return ast.literal_eval(s)


def check_claim(c, item, ctx):
    """Return (ok, why)."""
    result, hist, hits, rets, samples = ctx
    what, var = c["what"], c.get("variable")
    val = lit(c["value"])
    q = c["quote"]
    if what == "value":
        h = hist.get(var, [])
        if "at" in c:
            line, k = c["at"]
            s = samples[line][var]
            ok = k < len(s) and s[k] == val
            return ok, f"{var} at line {line} visit {k} = {s[k] if k < len(s) else 'n/a'!r}, stated {val!r}"
        if "seq_line" in c:
            s = samples[c["seq_line"]][var]
            n = len(val)
            ok = any(s[i:i + n] == val for i in range(len(s) - n + 1))
            return ok, f"{var} per-visit values at line {c['seq_line']}: {s!r}, stated run {val!r}"
        if c.get("seq_hist"):
            n = len(val)
            ok = any(h[i:i + n] == val for i in range(len(h) - n + 1))
            return ok, f"{var} value history {h!r}, stated run {val!r}"
        if "occurrence" in c:
            k = c["occurrence"]
            ok = k < len(h) and h[k] == val
            return ok, f"{var} history[{k}] = {h[k] if k < len(h) else 'n/a'!r}, stated {val!r}"
        return val in h, f"{var} history {h!r}, stated {val!r}"
    if what == "count":
        m = re.match(r"loop@line (\d+)", var or "")
        if not m:
            return False, "count claim needs loop@line N"
        n = hits[(int(m.group(1)), int(m.group(1)) + 1)]
        return n == val, f"body of loop@{m.group(1)} ran {n}, stated {val!r}"
    if what == "comparison" and "cond" in c:
        line, k = c["at"]
        env = {n: v[k] for n, v in samples[line].items() if k < len(v)}
        got = eval(c["cond"], {}, env)
        return got == val, f"{c['cond']} at line {line} visit {k} -> {got}, stated {val}"
    if what == "comparison":
        m = METH.search(q) or None
        exprs = []
        if m:
            exprs.append(m.group(0))
        for m2 in CMP.finditer(q):
            exprs.append(m2.group(0))
        if not exprs:
            return False, "no evaluable comparison in quote"
        got = eval(exprs[0])
        return got == val, f"{exprs[0]} -> {got}, stated {val}"
    if what == "arith":
        parts = re.split(r"\s=\s|\s*=\s*(?=-?\d+$)|\sis\s", q.strip("`"), maxsplit=1)
        lhs = parts[0].strip().strip("`")
        got = eval(lhs)
        return got == val, f"{lhs} -> {got!r}, stated {val!r}"
    if what == "return":
        if var and var in rets:
            return val in rets[var], f"{var} returned {rets[var]!r}, stated {val!r}"
        return val == result, f"returned {result!r}, stated {val!r}"
    if what == "call":
        got = plain(item["code"], c["value"] if False else q)
        return repr(got) == item["returned"], f"{q} -> {got!r}"
    return False, "unknown claim kind"


def held_somewhere(val, hist):
    return any(val in h for h in hist.values())


def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    ids = {i["id"] for i in items}
    out, bad = [], 0
    for it in items:
        probs = []
        ctx = run(it["code"], it["call"])
        result = ctx[0]
        if repr(result) != it["returned"]:
            probs.append(f"returned {result!r} != {it['returned']}")
        if len(it["rationale"].strip().splitlines()[-1].split("Answer:")) < 2:
            probs.append("last line is not an Answer line")
        if it["rationale"].strip().splitlines()[-1].split("Answer:", 1)[1].strip() != it["answer"]:
            probs.append("answer field differs from Answer line")
        # answer
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == result
        else:
            try:
                ans_ok = repr(plain(it["code"], it["answer"])) == it["returned"]
            except Exception as e:
                ans_ok = False
        err = it["error"]
        answer_error = err is not None and err["kind"] in ("wrong_final_answer", "backward_wrong_input")
        if answer_error:
            if ans_ok:
                probs.append("answer error but answer is right")
        elif not ans_ok:
            probs.append(f"answer wrong: {it['answer']}")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append(f"quote not in rationale: {c['quote']!r}")
        err_claims = []
        if err is not None:
            if err["quote"] not in it["rationale"]:
                probs.append("error quote not in rationale")
            if it["faithful_id"] not in ids:
                probs.append("faithful_id missing")
            err_claims = [c for c in it["claims"] if c["quote"] in err["quote"] or err["quote"] in c["quote"]]
            if not answer_error and not err_claims:
                probs.append("no claim carries the error")
        for c in it["claims"]:
            ok, why = check_claim(c, it, ctx)
            if c in err_claims and not answer_error:
                continue
            if not ok and not (err and err.get("carried")):
                probs.append(f"false claim {c['quote']!r}: {why}")
        if err is not None and not answer_error:
            fails = [c for c in err_claims if not check_claim(c, it, ctx)[0]]
            if not fails:
                probs.append("error claims all check true")
            if err.get("held_elsewhere"):
                for c in fails:
                    v = lit(c["value"])
                    if "seq_line" in c or c.get("seq_hist"):
                        v = [x for x in v if not held_somewhere(x, ctx[1])]
                        v = v[0] if v else None
                    if v is not None and not held_somewhere(v, ctx[1]):
                        probs.append(f"held_elsewhere but {v!r} never held")
                    if c["what"] == "value" and not ({"occurrence", "at", "seq_line", "seq_hist"} & set(c)):
                        probs.append("held_elsewhere value claim needs occurrence")
        status = "PASS" if not probs else "FAIL"
        bad += bool(probs)
        out.append(f"{status} {it['id']} ({it['direction']}, {it['style']}, {it['label']}"
                   + (f", {err['kind']}" if err else "") + f", {len(it['claims'])} claims)")
        out += ["    " + p for p in probs]
    out.append(f"{len(items)} items, {len(items) - bad} pass, {bad} fail")
    open("check_report.txt", "w").write("\n".join(out) + "\n")
    print("\n".join(out))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
