"""Standalone checker for w311 narrations: runs each program under sys.settrace,
records every local (and self.attr) snapshot per line/return event, and checks claims."""
import ast, copy, json, sys, types
from collections import Counter

def run_traced(code, call):
    snaps, hits = [], Counter()
    seqs = {}
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return tracer
        if event in ("line", "return"):
            loc = {}
            for k, v in frame.f_locals.items():
                try:
                    loc[k] = copy.deepcopy(v)
                except Exception:
                    loc[k] = v
            if "self" in loc:
                for k, v in vars(frame.f_locals["self"]).items():
                    loc["self." + k] = copy.deepcopy(v)
            loc["__line__"] = frame.f_lineno
            snaps.append(loc)
            if event == "line":
                hits[frame.f_lineno] += 1
                seqs.setdefault(id(frame), []).append(frame.f_lineno)
        return tracer
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    sys.settrace(tracer)
    try:
        ret = eval(compile(call, "<prog-call>", "eval"), ns)
    finally:
        sys.settrace(None)
    hits = Hits(hits)
    hits.seqs = list(seqs.values())
    hits.loops = {n.lineno: n.end_lineno for n in ast.walk(ast.parse(code)) if isinstance(n, (ast.For, ast.While))}
    return ret, snaps, hits

class Hits(Counter):
    pass

def plain_eval(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    return eval(call, ns)

def var_history(snaps, var):
    """Values of expression `var` over all snapshots, consecutive duplicates merged.
    'EXPR@line N': the value of EXPR each time line N is reached (no merging), i.e. per iteration."""
    at_line = None
    if "@line " in var:
        var, n = var.split("@line ")
        at_line = int(n)
    out = []
    for loc in snaps:
        if at_line is not None and loc["__line__"] != at_line:
            continue
        env = {}
        for k, v in loc.items():
            if k.startswith("self.") or k == "__line__":
                continue
            env[k] = v
        if "self" in env:  # attribute values as they were at this snapshot
            env["self"] = types.SimpleNamespace(**{k[5:]: v for k, v in loc.items() if k.startswith("self.")})
        try:
            if var.startswith("self.") and var in loc:
                val = loc[var]
            else:
                val = eval(var, {"abs": abs, "len": len, "max": max, "min": min, "str": str}, env)
        except Exception:
            continue
        if at_line is not None or not out or out[-1] != val:
            out.append(val)
    return out

def count_of(label, hits):
    # "loop@line N": iterations = executions of the loop body's first line N+1
    # "hits@line N": executions of line N
    # a loop iteration = the loop header line immediately followed, in the same frame, by a line of its body
    kind, n = label.split("@line ")
    n = int(n)
    if kind == "hits":
        return hits[n]
    end = hits.loops[n]
    return sum(1 for seq in hits.seqs for x, y in zip(seq, seq[1:]) if x == n and n < y <= end)

def claim_ok(c, item, ret, snaps, hits):
    val = ast.literal_eval(c["value"])
    w = c["what"]
    if w == "value":
        h = var_history(snaps, c["variable"])
        if "slice" in c:
            h = h[c["slice"][0]:c["slice"][1]]
        if "@line " in c["variable"] and isinstance(val, list):
            return val == h  # a summarised per-iteration sequence must match exactly
        return val in h
    if w == "count":
        return count_of(c["variable"], hits) == val
    if w in ("arith", "comparison"):
        q = c["quote"].replace("`", "")
        if c.get("expr"):
            expr = c["expr"]
        elif w == "arith":
            expr = q.rsplit(" = ", 1)[0]
        else:
            expr = q.split(" is ")[0]
        return eval(expr, {"abs": abs, "len": len, "max": max}) == val
    if w == "return":
        return val == ret
    if w == "call":
        return plain_eval(item["code"], c["value"] if isinstance(val, str) else item["call"]) == ret
    raise ValueError(w)

def check_item(item):
    problems = []
    ret, snaps, hits = run_traced(item["code"], item["call"])
    if repr(ret) != item["returned"]:
        problems.append("returned mismatch %r vs %s" % (ret, item["returned"]))
    r = item["rationale"]
    last = r.rstrip().splitlines()[-1]
    if not last.startswith("Answer:") or last[len("Answer:"):].strip() != item["answer"]:
        problems.append("answer line does not match answer field")
    if item["direction"] == "forward":
        ans_ok = ast.literal_eval(item["answer"]) == ret
    else:
        try:
            ans_ok = plain_eval(item["code"], item["answer"]) == ret
        except Exception:
            ans_ok = False
    err = item["error"]
    equote = err["quote"] if err else None
    for c in item["claims"]:
        if c["quote"] not in r:
            problems.append("claim quote not in rationale: %r" % c["quote"])
            continue
        ok = claim_ok(c, item, ret, snaps, hits)
        in_err = err is not None and (c["quote"] in equote or equote in c["quote"])
        carried = c.get("carried", False)
        if in_err:
            continue
        if not ok and not carried:
            problems.append("false claim: %r" % c)
    if err is None:
        if not ans_ok:
            problems.append("faithful answer wrong: %s" % item["answer"])
        return problems
    # error copies: the error must really be false
    if equote not in r:
        problems.append("error quote not in rationale")
    k = err["kind"]
    if k == "wrong_final_answer":
        if ans_ok: problems.append("wrong_final_answer is actually right")
        if item["direction"] != "forward": problems.append("wrong_final_answer on backward item")
        if err["stated"] != item["answer"]: problems.append("stated != answer")
    elif k == "backward_wrong_input":
        if ans_ok: problems.append("backward_wrong_input call returns the output")
        if item["direction"] != "backward": problems.append("backward_wrong_input on forward item")
    else:
        if not ans_ok and not err.get("carried"):
            problems.append("answer wrong in a non-answer error copy")
        ecl = [c for c in item["claims"] if c["quote"] in equote or equote in c["quote"]]
        if not ecl:
            problems.append("no claim annotates the error")
        at = err.get("at")
        for c in ecl:
            if c.get("faithful_part"):
                continue
            if at and c["what"] == "value":
                continue  # a value held elsewhere: falsity is checked at the stated point below
            if claim_ok(c, item, ret, snaps, hits):
                problems.append("error claim is actually true: %r" % c)
        for at in ([at] if isinstance(at, dict) else (at or [])):
            if "variable" in at:
                h = var_history(snaps, at["variable"])
                actual_here = h[at["index"]]
            else:
                actual_here = count_of(at["count"], hits)
            stated = ast.literal_eval(at.get("stated", err["stated"]))
            if actual_here != ast.literal_eval(at.get("actual", err["actual"])):
                problems.append("actual %r does not match execution at that point (%r)" % (err["actual"], actual_here))
            if stated == actual_here:
                problems.append("stated value is what execution gives at that point")
            if err.get("held_elsewhere"):
                if "variable" in at:
                    pool = set(map(repr, h))
                    for v2 in at.get("also", []):
                        pool |= set(map(repr, var_history(snaps, v2)))
                    if repr(stated) not in pool:
                        problems.append("held_elsewhere but stated value never held")
        if err.get("held_elsewhere") and not err.get("at"):
            problems.append("held_elsewhere without an 'at' point")
        if k == "impossible_state":
            v = [c for c in ecl if c["what"] == "value"]
            for c in v:
                if ast.literal_eval(c["value"]) in var_history(snaps, c["variable"]):
                    problems.append("impossible_state value does occur")
    return problems

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    ids = Counter(i["id"] for i in items)
    out, bad = [], 0
    for dup, n in ids.items():
        if n > 1:
            out.append("DUPLICATE id %s" % dup); bad += 1
    for it in items:
        try:
            p = check_item(it)
        except Exception as e:
            p = ["exception: %r" % e]
        status = "PASS" if not p else "FAIL"
        bad += bool(p)
        out.append("%s %s (%s, %s, %s)%s" % (status, it["id"], it["direction"], it["style"],
                   it["error"]["kind"] if it["error"] else "faithful", "".join("\n    - " + x for x in p)))
    out.append("")
    out.append("items: %d  failures: %d" % (len(items), bad))
    print("\n".join(out))
    return bad

if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
