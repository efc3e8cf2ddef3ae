"""Standalone checker for w217 narrations: re-executes each program with sys.settrace,
records per-variable value histories and line hit counts, and checks every claim."""
import json, sys, copy, ast, re
from collections import defaultdict

FN = "<w217prog>"

def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)

def run_traced(code, call):
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    hist = defaultdict(list)      # var -> list of successive distinct values (per frame, concatenated)
    hits = defaultdict(int)       # line -> hit count
    last = {}                     # (frame id, var) -> last value

    def record(frame):
        loc = dict(frame.f_locals)
        items = list(loc.items())
        if "self" in loc and hasattr(loc["self"], "__dict__"):
            items += [("self." + k, v) for k, v in vars(loc["self"]).items()]
        for k, v in items:
            if k == "self":
                continue
            key = (id(frame), k)
            s = snap(v)
            if key not in last or last[key] != s:
                last[key] = s
                hist[k].append(s)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == "line":
            record(frame)
            hits[frame.f_lineno] += 1
        elif event == "return":
            record(frame)
        return tracer

    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ns, ret, hist, hits

def plain_eval(code, call):
    ns = {}
    exec(compile(code, FN + "2", "exec"), ns)
    return eval(call, ns)

def lit(s):
    return ast.literal_eval(s)

def count_of(claim, hits):
    if "body_line" in claim:
        return hits[claim["body_line"]]
    m = re.search(r"line (\d+)", claim.get("variable") or "")
    return hits[int(m.group(1))]

def expr_of(claim):
    if claim.get("expr"):
        return claim["expr"]
    q = claim["quote"].strip("`")
    if claim["what"] == "arith":
        q = q.rsplit("=", 1)[0]
        q = re.split(r"(?<![=<>!])=(?!=)", q)[-1]
        return q.strip().strip("`")
    return q

def check_claim(c, ns, ret, hist, hits):
    w = c["what"]
    val = lit(c["value"])
    if w == "value":
        h = hist.get(c["variable"], [])
        if "index" in c:
            return len(h) > c["index"] and h[c["index"]] == val, f"hist[{c['index']}]={h[c['index']] if len(h) > c['index'] else None!r}"
        return val in h, f"history={h!r}"
    if w == "count":
        n = count_of(c, hits)
        return n == val, f"count={n}"
    if w in ("comparison", "arith"):
        r = eval(expr_of(c), {})
        return r == val, f"eval={r!r}"
    if w == "return":
        return ret == val, f"returned={ret!r}"
    if w == "call":
        return True, "call"  # checked via answer
    return False, "unknown claim kind"

def main():
    progs = {}
    for l in open("programs.jsonl"):
        d = json.loads(l)
        progs[d["id"]] = d
    items = [json.loads(l) for l in open("narrations.jsonl")]
    ok_all = True
    out = []
    cache = {}
    ids = set()
    for it in items:
        errs = []
        try:
            check_item(it, items, progs, cache, ids, errs)
        except Exception as ex:
            errs.append(f"checker exception: {ex!r}")
        status = "PASS" if not errs else "FAIL"
        if errs:
            ok_all = False
        e = it.get("error")
        out.append(f"{status} {it['id']} ({it['label']}, {e['kind'] if e else '-'}, {len(it['claims'])} claims)" + ("".join("\n    " + x for x in errs)))
    out.append(f"\n{len(items)} items, {sum(1 for x in out if x.startswith('PASS'))} pass, overall {'PASS' if ok_all else 'FAIL'}")
    print("\n".join(out))
    return 0 if ok_all else 1


def check_item(it, items, progs, cache, ids, errs):
    if True:
        if it["id"] in ids:
            errs.append("duplicate id")
        ids.add(it["id"])
        pid = it["program_id"]
        p = progs[pid]
        if p["code"] != it["code"] or p["call"] != it["call"]:
            errs.append("code/call differ from programs.jsonl")
        if pid not in cache:
            cache[pid] = run_traced(it["code"], it["call"])
        ns, ret, hist, hits = cache[pid]
        if repr(ret) != it["returned"]:
            errs.append(f"returned {it['returned']} != actual {ret!r}")
        if it["trace_events"] != len(p["events"]):
            errs.append("trace_events mismatch")
        rat = it["rationale"]
        last_line = rat.strip().splitlines()[-1]
        if not last_line.startswith("Answer:") or last_line[len("Answer:"):].strip() != it["answer"]:
            if "Answer: " + it["answer"] not in rat:
                errs.append("answer not in final Answer line")
        # answer correctness
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == ret
        else:
            try:
                ans_ok = plain_eval(it["code"], it["answer"]) == ret
            except Exception as e:
                ans_ok = False
        e = it.get("error")
        ekind = e["kind"] if e else None
        if ekind in ("wrong_final_answer", "backward_wrong_input"):
            if ans_ok:
                errs.append("error answer is actually right")
        elif not ans_ok:
            errs.append(f"answer wrong: {it['answer']}")
        # claims
        for c in it["claims"]:
            if c["quote"] not in rat:
                errs.append(f"quote not found: {c['quote']!r}")
                continue
            is_err = e and (c.get("wrong") or c.get("carried"))
            good, info = check_claim(c, ns, ret, hist, hits)
            if it["label"] == "faithful" or not is_err:
                if not good:
                    errs.append(f"false claim {c['quote']!r} value {c['value']} ({info})")
        if e:
            if e["quote"] not in rat:
                errs.append("error quote not in rationale")
            f = next(x for x in items if x["id"] == it["faithful_id"])
            if f["rationale"] == rat:
                errs.append("error copy identical to faithful")
            chk = e["check"]
            t = chk["type"]
            stated = e["stated"]
            if t == "hist":
                h = hist[chk["var"]]
                if chk.get("dedup"):
                    h = [x for k, x in enumerate(h) if k == 0 or h[k - 1] != x]
                actual = h[chk["index"]]
                if lit(e["actual"]) != actual:
                    errs.append(f"error.actual {e['actual']} != hist {actual!r}")
                if lit(stated) == actual:
                    errs.append("stated value is actually true at that point")
                if e.get("held_elsewhere") and not any(lit(stated) in hh for hh in hist.values()):
                    errs.append("held_elsewhere but value never held")
            elif t == "count":
                n = hits[chk["body_line"]]
                if lit(e["actual"]) != n or lit(stated) == n:
                    errs.append(f"count error not confirmed (actual {n})")
                if e.get("held_elsewhere") and lit(stated) not in chk.get("elsewhere_counts", []):
                    errs.append("held_elsewhere count not backed")
            elif t == "expr":
                r = eval(chk["expr"], {})
                if lit(e["actual"]) != r or lit(stated) == r:
                    errs.append(f"expr error not confirmed (eval {r!r})")
                if e.get("held_elsewhere") and not any(lit(stated) in hh for hh in hist.values()):
                    errs.append("held_elsewhere but value never held")
            elif t == "never":
                h = hist[chk["var"]]
                if lit(stated) in h:
                    errs.append("impossible_state value is actually held")
            elif t == "answer":
                pass  # covered by ans_ok above
            else:
                errs.append("unknown check type")

if __name__ == "__main__":
    sys.exit(main())
