#!/usr/bin/env python3
"""Standalone checker for w6 narrations: re-executes every program with sys.settrace
and checks the annotated claims, answers and error labels against the real execution.

Claim semantics (see NOTES.md):
  value      -- `variable` (a local name or `self.attr`) holds `value` at some line/return
                event of the run; if the claim has an `expr`, some snapshot of a program frame
                makes `eval(expr) == value` instead.
  count      -- `variable` is `loop@line N`, N the first line of a loop's body: the number of
                iterations started (line events at N coming straight from the loop header line,
                summed over all calls) equals `value`; or `line@N`: line N executes exactly
                `value` times (for "the body ran / an `if` branch fired k times" claims).
  comparison -- `expr` (a Python expression, usually over literals) evaluates to `value`
                (True/False) in some snapshot.
  arith      -- `expr` (or the left side of the quote before '=') evaluates to `value`.
  return     -- function `variable` returns `value` in at least one of its calls.
  call       -- same as return (a helper call's result), or `expr` as for value.
"""
import ast, copy, json, sys, collections

PROG = "<w6prog>"


def snap(frame):
    env = {}
    for k, v in frame.f_locals.items():
        try:
            env[k] = copy.deepcopy(v)
        except Exception:
            env[k] = v
    s = frame.f_locals.get("self")
    if s is not None and hasattr(s, "__dict__"):
        for k, v in vars(s).items():
            try:
                env["self." + k] = copy.deepcopy(v)
            except Exception:
                env["self." + k] = v
    return env


def run(code, call):
    ns = {"__name__": "w6prog"}
    exec(compile(code, PROG, "exec"), ns)
    snaps, returns, lines = [], collections.defaultdict(list), collections.Counter()
    prev = {}

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != PROG:
            return None
        if event == "call":
            prev[id(frame)] = None
        elif event == "line":
            lines[frame.f_lineno] += 1
            lines[(prev.get(id(frame)), frame.f_lineno)] += 1
            prev[id(frame)] = frame.f_lineno
            snaps.append((frame.f_code.co_name, frame.f_lineno, snap(frame)))
        elif event == "return":
            snaps.append((frame.f_code.co_name, frame.f_lineno, snap(frame)))
            try:
                returns[frame.f_code.co_name].append(copy.deepcopy(arg))
            except Exception:
                returns[frame.f_code.co_name].append(arg)
        return tracer

    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    headers = {}
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, (ast.For, ast.While)):
            headers[node.body[0].lineno] = node.lineno
    return ns, result, snaps, returns, lines, headers


def plain_eval(code, call):
    ns = {"__name__": "w6prog"}
    exec(compile(code, PROG, "exec"), ns)
    return eval(call, ns)


def same(a, b):
    try:
        return type(a) == type(b) and a == b or (a == b and not isinstance(a, bool) and not isinstance(b, bool))
    except Exception:
        return False


def history(snaps, var):
    out = []
    for _, _, env in snaps:
        if var in env:
            out.append(env[var])
    return out


def eval_in_snaps(expr, snaps, want):
    ok_any = False
    try:
        v = eval(expr, {}, {})
        return same(v, want), True
    except NameError:
        pass
    except Exception:
        pass
    for _, _, env in snaps:
        try:
            v = eval(expr, dict(env))
        except Exception:
            continue
        ok_any = True
        if same(v, want):
            return True, True
    return False, ok_any


def check_claim(c, run_info):
    ns, result, snaps, returns, lines, headers = run_info
    what = c["what"]
    try:
        val = ast.literal_eval(c["value"])
    except Exception as e:
        return False, f"value not a literal: {c['value']!r}"
    expr = c.get("expr")
    if what == "count":
        var = c["variable"] or ""
        if var.startswith("line@"):
            n = int(var[5:])
            return lines[n] == val, f"line {n} ran {lines[n]} times, claim {val}"
        if not var.startswith("loop@line"):
            return False, f"count claim needs loop@line N, got {var!r}"
        n = int(var.split()[-1])
        header = run_info[5].get(n)
        if header is None:
            return False, f"line {n} is not the first body line of a loop"
        got = lines[(header, n)]
        return got == val, f"loop at line {header} (body line {n}) ran {got} times, claim {val}"
    if what == "arith":
        if expr is None:
            expr = c["quote"].split("=")[0]
        try:
            v = eval(expr, {}, {})
        except Exception as e:
            return False, f"arith expr error {e}"
        return same(v, val), f"{expr} -> {v!r}, claim {val!r}"
    if what in ("return", "call") and not expr:
        rs = returns.get(c["variable"], [])
        return any(same(r, val) for r in rs), f"{c['variable']} returned {rs!r}, claim {val!r}"
    if expr:
        ok, evaluable = eval_in_snaps(expr, snaps, val)
        if not evaluable:
            return False, f"expr {expr!r} never evaluable"
        return ok, f"expr {expr!r} claim {val!r}"
    if what == "value":
        h = history(snaps, c["variable"])
        if not h:
            return False, f"variable {c['variable']!r} never seen"
        return any(same(x, val) for x in h), f"{c['variable']} history has no {val!r}"
    if what == "comparison":
        return False, "comparison claim without expr"
    return False, f"unknown what {what}"


def main(path="narrations.jsonl", programs="programs.jsonl"):
    progs = {}
    for line in open(programs):
        d = json.loads(line)
        progs[d["id"]] = d
    items = [json.loads(l) for l in open(path) if l.strip()]
    by_id = {it["id"]: it for it in items}
    cache = {}
    fails = 0
    report = []
    n_claims = 0
    for it in items:
        problems = []
        key = (it["code"], it["call"])
        if key not in cache:
            cache[key] = run(it["code"], it["call"])
        info = cache[key]
        result = info[1]
        prog = progs.get(it["program_id"])
        if prog is None:
            problems.append("program_id not in programs.jsonl")
        else:
            if prog["code"] != it["code"] or prog["call"] != it["call"]:
                problems.append("code/call differ from programs.jsonl")
            if len(prog["events"]) != it["trace_events"]:
                problems.append("trace_events mismatch")
        if repr(result) != it["returned"]:
            problems.append(f"returned {it['returned']} but run gives {result!r}")
        if it["function"] not in it["call"].split("(")[0]:
            problems.append("function name not in call")
        rat = it["rationale"]
        last = [l for l in rat.strip().splitlines() if l.strip()][-1]
        if it["answer"] not in last:
            problems.append("answer not on last line")
        # answer correctness
        if it["direction"] == "forward":
            try:
                ans_ok = same(ast.literal_eval(it["answer"]), result)
            except Exception as e:
                ans_ok = False
        else:
            try:
                out = plain_eval(it["code"], it["answer"])
                ans_ok = same(out, result) and it["answer"].split("(")[0].strip() == it["function"]
            except Exception as e:
                ans_ok = False
        claim_res = []
        for c in it["claims"]:
            n_claims += 1
            if c["quote"] not in rat:
                problems.append(f"claim quote not in rationale: {c['quote']!r}")
                claim_res.append((c, False, "quote missing"))
                continue
            ok, why = check_claim(c, info)
            claim_res.append((c, ok, why))
        if it["label"] == "faithful":
            if it["error"] is not None or it["faithful_id"] is not None:
                problems.append("faithful item has error/faithful_id")
            if not ans_ok:
                problems.append(f"answer wrong: {it['answer']}")
            for c, ok, why in claim_res:
                if not ok:
                    problems.append(f"false claim {c['quote']!r}: {why}")
        else:
            err = it["error"]
            f = by_id.get(it["faithful_id"])
            if f is None:
                problems.append("faithful_id missing")
            elif f["rationale"] == rat:
                problems.append("error copy identical to faithful")
            if err["quote"] not in rat:
                problems.append("error quote not in rationale")
            if str(err["stated"]) not in err["quote"] and err["kind"] not in ("swapped_variables",):
                problems.append("stated not in error quote")
            kind = err["kind"]
            if kind == "wrong_final_answer":
                if it["direction"] != "forward" or ans_ok:
                    problems.append("wrong_final_answer but answer is right / not forward")
            elif kind == "backward_wrong_input":
                if it["direction"] != "backward" or ans_ok:
                    problems.append("backward_wrong_input but call returns the output")
            else:
                rel = [(c, ok, why) for c, ok, why in claim_res
                       if c["quote"] in err["quote"] or err["quote"] in c["quote"]]
                if not rel:
                    problems.append("no claim annotates the error quote")
                elif kind == "swapped_variables":
                    vs = [(c.get("expr") or c["variable"], ast.literal_eval(c["value"])) for c, _, _ in rel if c["what"] == "value"]

                    def holds(env, v, x):
                        try:
                            return same(eval(v, dict(env)), x) if v not in env else same(env[v], x)
                        except Exception:
                            return False
                    joint = any(all(holds(env, v, x) for v, x in vs) for _, _, env in info[2])
                    if len(vs) < 2 or joint:
                        problems.append(f"swapped_variables not confirmed false: {vs}")
                elif all(ok for _, ok, _ in rel):
                    problems.append(f"error claim is actually true: {[c['quote'] for c, _, _ in rel]}")
                if kind == "wrong_intermediate_right_answer" and not ans_ok:
                    problems.append("wrong_intermediate_right_answer but answer wrong")
                if not err.get("carried") and kind != "wrong_intermediate_right_answer" and not ans_ok:
                    problems.append("uncarried error but final answer wrong")
                # claims not tied to the error must still hold unless carried
                if not err.get("carried"):
                    for c, ok, why in claim_res:
                        if not ok and not (c["quote"] in err["quote"] or err["quote"] in c["quote"]):
                            problems.append(f"other false claim {c['quote']!r}: {why}")
        status = "PASS" if not problems else "FAIL"
        if problems:
            fails += 1
        report.append(f"{status} {it['id']} ({it['label']}, {len(it['claims'])} claims)")
        for p in problems:
            report.append("    " + p)
    report.append(f"\n{len(items)} items, {n_claims} claims, {fails} failing")
    print("\n".join(report))
    return fails


if __name__ == "__main__":
    sys.exit(1 if main(*sys.argv[1:]) else 0)
