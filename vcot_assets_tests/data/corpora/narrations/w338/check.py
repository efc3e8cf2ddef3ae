"""Standalone checker for w338 narrations.jsonl.

Runs every program with sys.settrace (no tool code), records each variable's value history
(per variable name, consecutive duplicates dropped; `self.attr` recorded from `self`), line
execution counts and return values, then checks claims, answers and error copies.
Usage: python3 check.py narrations.jsonl > check_report.txt
"""
import ast
import copy
import json
import sys
from collections import Counter, defaultdict

WORDS = {}


def run(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = defaultdict(list)
    lines = Counter()
    rets = defaultdict(list)

    def rec(k, v):
        h = hist[k]
        try:
            same = bool(h) and h[-1] == v and type(h[-1]) is type(v)
        except Exception:
            same = False
        if not same:
            try:
                h.append(copy.deepcopy(v))
            except Exception:
                h.append(v)

    def snap(frame):
        for k, v in list(frame.f_locals.items()):
            if k.startswith("."):
                continue
            rec(k, v)
            if k == "self" and hasattr(v, "__dict__"):
                for a, av in vars(v).items():
                    rec("self." + a, av)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "line":
            lines[frame.f_lineno] += 1
            snap(frame)
        elif event == "return":
            snap(frame)
            rets[frame.f_code.co_name].append(copy.deepcopy(arg))
        return tracer

    sys.settrace(tracer)
    try:
        result = eval(compile(call, "<call>", "eval"), ns)
    finally:
        sys.settrace(None)
    return ns, result, hist, lines, rets


def plain_eval(expr):
    return eval(expr, {})


def lit(s):
    return ast.literal_eval(s)


def count_of(label, lines):
    # "loop@line N" -> executions of line N; "loop@line N per M" -> executions of N / executions of M
    parts = label.split()
    n = int(parts[1].split("@line")[-1]) if "@line" in parts[0] else int(parts[1])
    if "per" in parts:
        m = int(parts[parts.index("per") + 1])
        assert lines[n] % lines[m] == 0, "uneven per-count"
        return lines[n] // lines[m]
    return lines[n]


def contains_seq(h, seq):
    for i in range(len(h) - len(seq) + 1):
        if h[i:i + len(seq)] == seq:
            return True
    return False


def claim_true(c, item, env):
    ns, result, hist, lines, rets = env
    what = c["what"]
    if what == "call":
        return eval(c["value"], ns) == result
    val = lit(c["value"])
    var = c.get("variable")
    if what == "value":
        if c.get("seq"):
            h = hist[var]
            if "drop" in c:  # summary that leaves out reset values, e.g. loads between trips
                h = [x for x in h if x not in c["drop"]]
            return contains_seq(h, val)
        return any(v == val and type(v) == type(val) or (isinstance(v, (int, float)) and not isinstance(v, bool) and isinstance(val, (int, float)) and v == val) for v in hist[var])
    if what == "count":
        return count_of(var, lines) == val
    if what in ("comparison", "arith"):
        expr = c.get("expr") or c["quote"]
        if what == "arith" and "expr" not in c:
            expr = expr.rsplit("=", 1)[0]
        return plain_eval(expr) == val
    if what == "return":
        if var in (None, item["function"]):
            return result == val
        return val in rets[var]
    if what == "call":
        return eval(c["value"], ns) == result
    raise ValueError(what)


def all_values(hist):
    out = []
    for h in hist.values():
        out.extend(h)
    return out


def check_error(item, env):
    ns, result, hist, lines, rets = env
    err = item["error"]
    msgs = []
    assert err["quote"] in item["rationale"], "error quote not in rationale"
    stated_vals = []
    for chk in err["check"]:
        t = chk["type"]
        if t == "nth":
            var, k = chk["var"], chk["k"]
            actual = hist[var][k]
            assert actual == lit(chk["actual"]), f"nth actual mismatch {var}[{k}]={actual!r}"
            assert actual != lit(chk["stated"]), "stated equals actual"
            stated_vals.append(lit(chk["stated"]))
        elif t == "seqnth":
            var, k = chk["var"], chk["k"]
            actual = hist[var][k]
            assert actual == lit(chk["actual"]) and actual != lit(chk["stated"])
            stated_vals.append(lit(chk["stated"]))
        elif t == "count":
            actual = count_of(chk["label"], lines)
            assert actual == lit(chk["actual"]) and actual != lit(chk["stated"]), f"count {actual}"
        elif t == "expr":
            actual = plain_eval(chk["expr"])
            assert actual == lit(chk["actual"]) and actual != lit(chk["stated"]), f"expr {actual!r}"
            stated_vals.append(lit(chk["stated"]))
        elif t == "never":
            assert lit(chk["stated"]) not in hist[chk["var"]], "value is held"
        elif t == "answer":
            if item["direction"] == "forward":
                assert lit(item["answer"]) != result, "forward answer is right"
            else:
                assert eval(item["answer"], ns) != result, "backward call returns the output"
        else:
            raise ValueError(t)
    if err.get("held_elsewhere"):
        av = all_values(hist)
        assert any(s in av for s in stated_vals), "held_elsewhere but stated value never held"
    return msgs


def main(path):
    items = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    envs = {}
    fails = 0
    report = []
    kinds = Counter()
    for it in items:
        problems = []
        key = (it["code"], it["call"])
        if key not in envs:
            envs[key] = run(it["code"], it["call"])
        env = envs[key]
        ns, result, hist, lines, rets = env
        if repr(result) != it["returned"]:
            problems.append(f"returned {it['returned']} != {result!r}")
        last = it["rationale"].rstrip().splitlines()[-1]
        if last.strip() != "Answer: " + it["answer"]:
            problems.append("last line is not the Answer line: " + last)
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                problems.append("quote missing: " + c["quote"])
                continue
            try:
                ok = claim_true(c, it, env)
            except Exception as e:  # noqa
                problems.append(f"claim error {c['quote']!r}: {e}")
                continue
            if c.get("wrong"):
                # a held-elsewhere wrong value is true somewhere in the run by design; the
                # at-that-point check is done in check_error
                if ok and not (it["error"].get("held_elsewhere") or it["error"]["kind"] == "swapped_variables"):
                    problems.append("wrong-marked claim is true: " + c["quote"])
            elif not ok:
                problems.append("false claim: " + c["quote"] + " -> " + c["value"])
        if it["label"] == "faithful":
            if it["direction"] == "forward":
                if lit(it["answer"]) != result:
                    problems.append("forward answer wrong")
            else:
                if eval(it["answer"], ns) != result:
                    problems.append("backward answer does not return output")
        else:
            kinds[it["error"]["kind"]] += 1
            try:
                check_error(it, env)
            except AssertionError as e:
                problems.append("error not confirmed: " + str(e))
            if it["error"]["kind"] not in ("wrong_final_answer", "backward_wrong_input") and not it["error"].get("carried"):
                # answer must still be right
                if it["direction"] == "forward" and lit(it["answer"]) != result:
                    problems.append("uncarried error but answer wrong")
                if it["direction"] == "backward" and eval(it["answer"], ns) != result:
                    problems.append("uncarried error but answer wrong")
        status = "PASS" if not problems else "FAIL"
        fails += bool(problems)
        report.append(f"{status} {it['id']} ({it['label']}, {it['direction']}, {it['style']}, {len(it['claims'])} claims)")
        for p in problems:
            report.append("    " + p)
    report.append("")
    report.append(f"items: {len(items)}  failures: {fails}")
    report.append("error kinds: " + json.dumps(dict(sorted(kinds.items()))))
    print("\n".join(report))
    return fails


if __name__ == "__main__":
    sys.exit(1 if main(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") else 0)
