#!/usr/bin/env python3
"""Standalone checker for w172 narrations: re-executes each call under sys.settrace,
records every variable's value history (per frame, merged in execution order), line hit
counts and return values, and checks claims / answers / errors against it."""
import ast, copy, json, sys, collections

def run(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = collections.defaultdict(list)      # var -> list of successive values (all frames)
    last = {}                                  # (frame id, var) -> last value
    lines = collections.Counter()              # line number -> hits
    rets = collections.defaultdict(list)       # func name -> return values
    at_ret = collections.defaultdict(list)     # func name -> locals snapshot at each return
    line_snap = collections.defaultdict(list)  # line -> locals before each execution of it
    serial = {}                                # id(frame) -> serial number of that call
    counter = [0]
    def snap(frame):
        items = dict(frame.f_locals)
        s = items.get("self")
        if s is not None and hasattr(s, "__dict__"):
            for k, v in vars(s).items():
                items["self." + k] = v
        for k, v in items.items():
            if k == "self" or callable(v):
                continue
            try:
                v = copy.deepcopy(v)
            except Exception:
                continue
            # object attributes are shared state: record only real changes;
            # locals are recorded per call (serial), so a new call starts a new entry
            key = ("obj", k) if k.startswith("self.") else (serial.get(id(frame)), k)
            if key not in last or last[key] != v:
                last[key] = v
                hist[k].append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "call":
            counter[0] += 1
            serial[id(frame)] = counter[0]
        if event == "line":
            snap(frame)
            lines[frame.f_lineno] += 1
            line_snap[frame.f_lineno].append({k: copy.deepcopy(v) for k, v in frame.f_locals.items()
                                              if not callable(v) and k != "self" and not k.startswith(".")})
        elif event == "return":
            snap(frame)
            rets[frame.f_code.co_name].append(copy.deepcopy(arg))
            snapd = {}
            for k, v in frame.f_locals.items():
                if k == "self" and hasattr(v, "__dict__"):
                    for a, b in vars(v).items():
                        snapd["self." + a] = copy.deepcopy(b)
            at_ret[frame.f_code.co_name].append(snapd)
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    AT_RET[0] = at_ret
    LINE_SNAP[0] = line_snap
    return result, hist, lines, rets

AT_RET = [None]
LINE_SNAP = [None]

def plain(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    return eval(call, ns)

CODE = [None]

def lit(s):
    return ast.literal_eval(s)

def arith_expr(c):
    if "expr" in c:
        return c["expr"]
    q = c["quote"].replace("`", "")
    return q.rsplit("=", 1)[0].strip() if "=" in q and "==" not in q else q

def claim_true(c, hist, lines, rets, result):
    """Return (ok, why). ok means the claim is true of the execution."""
    w, var, val = c["what"], c.get("variable"), lit(c["value"])
    if w == "value":
        h = hist.get(var, [])
        if "at_returns_of" in c:
            got = [d[var][c["elem"]] if "elem" in c else d[var] for d in AT_RET[0][c["at_returns_of"]]]
            return got == val, f"{var} at returns of {c['at_returns_of']}: {got!r}"
        if "at_line" in c:
            # values of var each time line at_line is reached (e.g. each loop header check), from index skip
            snaps = LINE_SNAP[0][c["at_line"]][c.get("skip", 0):]
            got = [d.get(var) for d in snaps][:len(val)]
            return got == val, f"{var} at line {c['at_line']}: {got!r}"
        if c.get("seq"):
            # contiguous run of the change history; repeated equal values collapse
            v2 = [x for i, x in enumerate(val) if i == 0 or x != val[i - 1]]
            ok = any(h[i:i + len(v2)] == v2 for i in range(len(h) - len(v2) + 1))
            return ok, f"{var} history {h!r}"
        if "at" in c:
            k = c["at"]
            return (k < len(h) and h[k] == val), f"{var}[{k}] = {h[k] if k < len(h) else None!r}"
        return (val in h), f"{var} history {h!r}"
    if w == "count":
        if var.startswith("loop@line"):
            n = lines[int(var.split()[-1])]
        elif var.startswith("calls@"):
            n = len(rets[var[6:]])
        else:
            n = len(hist.get(var, []))
        return n == val, f"count {n}"
    if w in ("arith", "comparison"):
        got = eval(arith_expr(c), {})
        return got == val, f"eval -> {got!r}"
    if w == "return":
        if var and var in rets and var not in ("None",) and c.get("of_function"):
            return val in rets[var], f"returns {rets[var]!r}"
        return val == result, f"result {result!r}"
    if w == "call":
        got = plain(CODE[0], c.get("expr", c["quote"].replace("Answer:", "").strip()))
        return got == val, f"call -> {got!r}"
    return False, f"unknown what {w}"

def main():
    items = [json.loads(l) for l in open("narrations.jsonl", encoding="utf-8") if l.strip()]
    out, bad = [], 0
    for it in items:
        errs = []
        CODE[0] = it["code"]
        result, hist, lines, rets = run(it["code"], it["call"])
        if repr(result) != it["returned"]:
            errs.append(f"returned {result!r} != {it['returned']}")
        if it["trace_events"] <= 0:
            errs.append("trace_events")
        last_line = it["rationale"].rstrip().splitlines()[-1]
        if not last_line.startswith("Answer:") and not last_line.startswith("Predicted Output:"):
            errs.append("no final answer line")
        if it["answer"] not in last_line:
            errs.append("answer not in final line")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                errs.append(f"quote missing: {c['quote']!r}")
        # answer
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == result
        else:
            try:
                ans_ok = plain(it["code"], it["answer"]) == result and it["answer"].startswith(it["function"] + "(")
            except Exception as e:
                ans_ok = False
        err = it["error"]
        ek = err["kind"] if err else None
        if ek in ("wrong_final_answer", "backward_wrong_input"):
            if ans_ok:
                errs.append("error answer is actually right")
        elif not ans_ok:
            errs.append(f"answer wrong: {it['answer']}")
        for c in it["claims"]:
            ok, why = claim_true(c, hist, lines, rets, result)
            is_err = bool(err) and bool(c.get("error"))
            if is_err:
                if ok:
                    errs.append(f"error claim is true: {c['quote']!r} ({why})")
                if err.get("held_elsewhere"):
                    h = hist.get(c.get("variable"), [])
                    if c["what"] in ("value", "arith"):
                        pool = [x for v in hist.values() for x in v]
                        sv = lit(err["stated"]) if not c.get("seq") else lit(err["stated"])
                        if sv not in pool:
                            errs.append(f"held_elsewhere but value never held: {c['quote']!r}")
                    elif c["what"] == "count":
                        pass
            elif not ok:
                errs.append(f"false claim: {c['quote']!r} ({why})")
        if err:
            if err["quote"] not in it["rationale"]:
                errs.append("error quote missing")
            if ek not in ("wrong_final_answer", "backward_wrong_input") and not any(
                    c.get("error") and c["quote"] in err["quote"] + it["rationale"] for c in it["claims"]):
                errs.append("no claim matches error")
        status = "PASS" if not errs else "FAIL"
        bad += bool(errs)
        out.append(f"{status} {it['id']} ({it['label']}{'/' + ek if ek else ''}, {len(it['claims'])} claims)" + ("".join("\n    " + e for e in errs)))
    out.append(f"\n{len(items)} items, {len(items) - bad} pass, {bad} fail")
    text = "\n".join(out)
    open("check_report.txt", "w").write(text + "\n")
    print(text)
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
