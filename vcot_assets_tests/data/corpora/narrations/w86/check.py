#!/usr/bin/env python3
"""Standalone checker for w86 narrations: re-executes each program with sys.settrace.

Per item:
  * runs the call, compares repr(result) with `returned`;
  * faithful items: every claim must hold;
      value      -> the variable (local name, or self.attr) takes that value at some point
      count      -> variable 'loop@line N': line N (first body line of the loop) runs exactly value times
      arith      -> claim 'expr' (or the quote's left side) evaluates to value
      comparison -> claim 'expr' (or the quote) evaluates to value (True/False)
      return     -> value == the call's return value
      call       -> variable 'name()' : some call of that function returned value
  * forward answer == returned; backward answer evaluated returns the output;
  * error items: the quote is in the rationale, all claims other than the error's hold,
    and error['check'] (a Python expression over hist/snap/ret/returned_value) is True,
    confirming the stated value is false AT THAT POINT; wrong answers are confirmed wrong.
"""
import sys, json, copy, re

def run_traced(code, call, fname_file="<prog>"):
    g = {"__name__": "prog"}
    exec(compile(code, fname_file, "exec"), g)
    hist = {}      # var -> list of values (consecutive duplicates collapsed)
    lines = {}     # line -> number of executions
    snaps = {}     # line -> list of locals snapshots taken when line is about to run
    rets = {}      # function name -> list of return values
    def rec(frame):
        loc = dict(frame.f_locals)
        flat = {}
        for k, v in loc.items():
            flat[k] = v
            if k == "self" and hasattr(v, "__dict__"):
                for a, av in vars(v).items():
                    flat["self." + a] = av
        out = {}
        for k, v in flat.items():
            try:
                v = copy.deepcopy(v)
            except Exception:
                pass
            out[k] = v
            h = hist.setdefault(k, [])
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)
        return out
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != fname_file:
            return tracer
        if event == "line":
            s = rec(frame)
            if not frame.f_code.co_name.startswith("<"):   # skip genexpr/lambda/comprehension frames
                lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
                snaps.setdefault(frame.f_lineno, []).append(s)
        elif event == "return":
            rec(frame)
            rets.setdefault(frame.f_code.co_name + "()", []).append(copy.deepcopy(arg))
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines, snaps, rets, g

def plain_eval(code, call):
    g = {"__name__": "prog"}
    exec(code, g)
    return eval(call, g)

def arith_expr(quote):
    q = quote.replace("`", "")
    parts = re.split(r"(?<![=!<>])=(?!=)", q)
    return parts[0] if len(parts) > 1 else q

def check_claim(c, ret, hist, lines, rets, g=None, snaps=None):
    env = {"g": g, "hist": hist, "snap": lambda line, k, var: snaps[line][k][var]}
    w = c["what"]; val = eval(c["value"]) if isinstance(c["value"], str) else c["value"]
    if w == "value":
        return any(v == val and type(v) == type(val) or v == val for v in hist.get(c["variable"], []))
    if w == "count":
        m = re.match(r"loop@line (\d+)", c["variable"])
        return lines.get(int(m.group(1)), 0) == val
    if w == "arith":
        return eval(c.get("expr") or arith_expr(c["quote"]), env) == val
    if w == "comparison":
        return bool(eval(c.get("expr") or c["quote"].replace("`", ""), env)) == val
    if w == "return":
        return ret == val
    if w == "call":
        return val in rets.get(c["variable"], [])
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open(sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl") if l.strip()]
    byid = {it["id"]: it for it in items}
    fails = 0; log = []
    for it in items:
        errs = []
        ret, hist, lines, snaps, rets, g = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            errs.append(f"returned mismatch {ret!r} vs {it['returned']}")
        if not it["rationale"].rstrip().split("\n")[-1].startswith("Answer:"):
            errs.append("last line is not Answer:")
        ans_line = it["rationale"].rstrip().split("\n")[-1][len("Answer:"):].strip()
        if ans_line != it["answer"]:
            errs.append("answer field differs from Answer line")
        # answer check
        if it["direction"] == "forward":
            ok = eval(it["answer"]) == ret and repr(eval(it["answer"])) == repr(ret)
        else:
            if not it["answer"].startswith(it["function"] + "("):
                errs.append("backward answer does not call the function")
            ok = plain_eval(it["code"], it["answer"]) == ret
        err = it.get("error")
        wrong_answer_kind = err and err["kind"] in ("wrong_final_answer", "backward_wrong_input")
        if wrong_answer_kind:
            if ok: errs.append("answer should be wrong but is right")
        elif not ok:
            errs.append(f"answer wrong: {it['answer']}")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                errs.append(f"claim quote not in rationale: {c['quote']!r}")
                continue
            is_err_claim = err is not None and c["quote"] == err["quote"]
            try:
                good = check_claim(c, ret, hist, lines, rets, g, snaps)
            except Exception as e:
                errs.append(f"claim {c['quote']!r} raised {e!r}"); continue
            if is_err_claim:
                if good and c["what"] in ("arith", "comparison", "count", "return"):
                    errs.append(f"error claim {c['quote']!r} evaluates as true")
            elif not good:
                errs.append(f"claim false: {c}")
        if it["label"] == "faithful":
            if err is not None: errs.append("faithful item has error")
        else:
            f = byid.get(it["faithful_id"])
            if f is None: errs.append("faithful_id missing")
            if err["quote"] not in it["rationale"]:
                errs.append("error quote not in rationale")
            if f is not None and err["quote"] in f["rationale"] and not wrong_answer_kind:
                errs.append("error quote also in faithful text")
            env = {"hist": hist, "lines": lines, "ret": ret, "rets": rets,
                   "snap": lambda line, k, var: snaps[line][k][var], "g": g,
                   "run": lambda call: plain_eval(it["code"], call)}
            chk = err.get("check")
            if not chk:
                errs.append("error without check expression")
            else:
                try:
                    if not eval(chk, env):
                        errs.append(f"error check did not confirm falsity: {chk}")
                except Exception as e:
                    errs.append(f"error check raised {e!r}: {chk}")
        status = "PASS" if not errs else "FAIL"
        if errs: fails += 1
        log.append(f"{status} {it['id']} ({it['label']}, {it['direction']}, {it['style']}, {it.get('error') and it['error']['kind']}, claims={len(it['claims'])})")
        for e in errs: log.append("    " + e)
    log.append(f"\n{len(items)} items, {fails} failing")
    print("\n".join(log))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
