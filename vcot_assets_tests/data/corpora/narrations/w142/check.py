"""Standalone checker for w142 narrations: runs each program with sys.settrace and
verifies claims, answers and error copies against real execution."""
import json, sys, ast, re

def run_traced(code, call):
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    hist = {}          # var -> list of distinct consecutive reprs
    line_snaps = {}    # line -> list of snapshots (dict var->repr) taken before the line runs
    def snap(frame):
        d = {}
        for k, v in frame.f_locals.items():
            try:
                d[k] = repr(v)
            except Exception:
                continue
            if k == "self" and hasattr(v, "__dict__"):
                for a, av in vars(v).items():
                    d["self." + a] = repr(av)
        return d
    def record(d):
        for k, r in d.items():
            h = hist.setdefault(k, [])
            if not h or h[-1] != r:
                h.append(r)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        d = snap(frame)
        record(d)
        if event == "line":
            line_snaps.setdefault(frame.f_lineno, []).append(d)
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, line_snaps, g

def lit(s):
    return ast.literal_eval(s)

def same(a, b_repr):
    try:
        return a == lit(b_repr)
    except Exception:
        return repr(a) == b_repr

def in_hist(hist, var, value):
    try:
        v = lit(value)
    except Exception:
        return False
    for r in hist.get(var, []):
        try:
            if lit(r) == v:
                return True
        except Exception:
            if r == value:
                return True
    return False

def summary_seq(quote):
    """If the quote ends in a comma-separated run of >= 3 literals, return them."""
    q = quote.replace("`", "")
    for i in range(len(q)):
        if i and q[i - 1] != " ":
            continue
        try:
            v = ast.literal_eval("[" + q[i:] + "]")
        except Exception:
            continue
        return v if len(v) >= 3 else None
    return None

def is_subseq(seq, hist_reprs):
    vals = []
    for r in hist_reprs:
        try:
            vals.append(lit(r))
        except Exception:
            pass
    # a per-iteration summary may repeat a value that did not change; collapse repeats
    seq = [x for k, x in enumerate(seq) if k == 0 or x != seq[k - 1]]
    j = 0
    for v in vals:
        if j < len(seq) and v == seq[j]:
            j += 1
    return j == len(seq)

def arith_eval(quote):
    q = quote.replace("`", "").strip()
    left, right = q.rsplit("=", 1)
    left = left.replace("×", "*")
    return eval(left, {}), right.strip()

def cmp_eval(quote):
    q = quote.replace("`", "").strip()
    return bool(eval(q, {}))

# Where each error copy's wrong value sits, so the falsity is checked AT THAT POINT.
# ("line", L, var, k): value of var just before line L runs for the k-th time (0-based)
# ("final", var): last value of var; ("absent", var): value never held by var
# ("hist", var, k): k-th distinct value var takes
# ("count", L): number of times line L runs; ("cmp",): the quoted comparison's real truth
ERR_POINT = json.load(open("err_points.json")) if __import__("os").path.exists("err_points.json") else {}

def check_item(it, problems, stats):
    code, call = it["code"], it["call"]
    ret, hist, snaps, g = run_traced(code, call)
    iid = it["id"]
    if repr(ret) != it["returned"]:
        problems.append(f"{iid}: returned {it['returned']} but real {ret!r}")
    rat = it["rationale"]
    for c in it["claims"]:
        if c["quote"] not in rat:
            problems.append(f"{iid}: claim quote not in rationale: {c['quote']!r}")
    if it["error"] and it["error"]["quote"] not in rat:
        problems.append(f"{iid}: error quote not in rationale")
    # last line answer
    last = rat.strip().splitlines()[-1]
    m = re.search(r"(Answer|Predicted Output):\s*(.*)$", last)
    if not m or m.group(2).strip() != it["answer"]:
        problems.append(f"{iid}: last line answer mismatch: {last!r} vs {it['answer']!r}")
    err_quote = it["error"]["quote"] if it["error"] else None
    for c in it["claims"]:
        if it["label"] == "error" and c["quote"] == err_quote:
            continue  # the erroneous claim is checked below
        ok = check_claim(c, ret, hist, snaps, g, it)
        stats["claims"] += 1
        if ok is None:
            stats["unchecked"] += 1
        elif not ok:
            problems.append(f"{iid}: false claim {c}")
    # answers
    if it["direction"] == "forward":
        ans_ok = same(ret, it["answer"])
    else:
        try:
            ans_ok = eval(it["answer"], g) == ret
        except Exception:
            ans_ok = False
    kind = it["error"]["kind"] if it["error"] else None
    if kind in ("wrong_final_answer", "backward_wrong_input"):
        if ans_ok:
            problems.append(f"{iid}: error answer is actually right")
    elif not ans_ok:
        problems.append(f"{iid}: answer wrong: {it['answer']}")
    if it["label"] == "error":
        check_error(it, ret, hist, snaps, g, problems)

def check_claim(c, ret, hist, snaps, g, it):
    w = c["what"]
    if w == "value":
        seq = summary_seq(c["quote"])
        if seq is not None:   # summarised sequence: must occur in order in the history
            return is_subseq(seq, hist.get(c["variable"], [])) and in_hist(hist, c["variable"], c["value"])
        return in_hist(hist, c["variable"], c["value"])
    if w == "return":
        return same(ret, c["value"])
    if w == "call":
        return eval(c["value"], g) == ret
    if w == "arith":
        v, _ = arith_eval(c["quote"])
        return v == lit(c["value"])
    if w == "comparison":
        return cmp_eval(c["quote"]) == lit(c["value"])
    if w == "count":
        if "@line" not in c["variable"]:   # loop variable: number of values it takes
            return len(hist.get(c["variable"], [])) == lit(c["value"])
        L = int(c["variable"].split("@line")[1])
        return len(snaps.get(L, [])) == lit(c["value"])
    return None

def check_error(it, ret, hist, snaps, g, problems):
    e = it["error"]; iid = it["id"]; k = e["kind"]
    if k in ("wrong_final_answer", "backward_wrong_input"):
        return
    if k == "wrong_arithmetic":
        v, stated = arith_eval(e["quote"])
        if v == lit(stated) or repr(v) != e["actual"]:
            problems.append(f"{iid}: arithmetic error not confirmed ({v} vs {stated})")
        pt = ERR_POINT.get(iid)
        if not pt:
            return
    pt = ERR_POINT.get(iid)
    if pt is None:
        problems.append(f"{iid}: no check point for error"); return
    stated = e["stated"]
    typ = pt[0]
    if typ == "line":
        _, L, var, n = pt
        real = snaps[L][n].get(var)
        if real is None or same(lit(real), stated) or real != e["actual"]:
            problems.append(f"{iid}: at line {L}#{n} {var}={real}, stated {stated}, actual field {e['actual']}")
    elif typ == "hist":
        real = hist[pt[1]][pt[2]]
        if same(lit(real), stated) or real != e["actual"]:
            problems.append(f"{iid}: {pt[1]} history[{pt[2]}]={real} stated {stated}")
    elif typ == "final":
        real = hist[pt[1]][-1]
        if same(lit(real), stated) or real != e["actual"]:
            problems.append(f"{iid}: final {pt[1]}={real} stated {stated}")
    elif typ == "absent":
        if in_hist(hist, pt[1], stated):
            problems.append(f"{iid}: impossible state value {stated} actually held by {pt[1]}")
    elif typ == "count":
        n = len(snaps.get(pt[1], []))
        if n == lit(stated) or n != lit(e["actual"]):
            problems.append(f"{iid}: count {n} stated {stated}")
    elif typ == "cmp":
        real = cmp_eval(pt[1])
        if real == lit(stated) or repr(real) != e["actual"]:
            problems.append(f"{iid}: comparison {pt[1]} is {real}, stated {stated}")
    if e.get("held_elsewhere"):
        if not any(in_hist(hist, v, stated) for v in hist):
            problems.append(f"{iid}: held_elsewhere but value {stated} never held")

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    problems, stats = [], {"claims": 0, "unchecked": 0}
    for it in items:
        try:
            check_item(it, problems, stats)
        except Exception as ex:
            problems.append(f"{it['id']}: checker exception {ex!r}")
    ids = {it["id"] for it in items}
    for it in items:
        if it["faithful_id"] and it["faithful_id"] not in ids:
            problems.append(f"{it['id']}: missing faithful {it['faithful_id']}")
    out = [f"items: {len(items)}  faithful: {sum(i['label']=='faithful' for i in items)}  "
           f"errors: {sum(i['label']=='error' for i in items)}",
           f"claims checked: {stats['claims']}  unchecked: {stats['unchecked']}",
           f"problems: {len(problems)}"] + problems
    out.append("RESULT: " + ("PASS" if not problems else "FAIL"))
    print("\n".join(out))
    return 0 if not problems else 1

if __name__ == "__main__":
    sys.exit(main())
