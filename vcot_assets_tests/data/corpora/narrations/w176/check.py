"""Standalone checker for w176 narrations: re-executes each program under sys.settrace
(no trace script, no tool code) and checks returned values, claims and error copies."""
import ast, copy, json, sys

PROG = "<w176prog>"


def run(code, call):
    hist = {}        # var -> list of values in order of change (all frames merged)
    lines = {}       # line_no -> times executed
    last = {}        # (frame id, var) -> last value

    def snap(frame):
        loc = dict(frame.f_locals)
        items = []
        for k, v in loc.items():
            if k == "self":
                try:
                    for a, av in vars(v).items():
                        items.append(("self." + a, av))
                except TypeError:
                    pass
                continue
            items.append((k, v))
        for k, v in items:
            try:
                cv = copy.deepcopy(v)
            except Exception:
                cv = v
            key = (id(frame), k)
            if key not in last or last[key] != cv:
                last[key] = cv
                h = hist.setdefault(k, [])
                if not h or h[-1] != cv:   # global change history, consecutive repeats collapsed
                    h.append(cv)

    def tr(frame, event, arg):
        if frame.f_code.co_filename != PROG:
            return None
        snap(frame)
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        return tr

    ns = {}
    exec(compile(code, PROG, "exec"), ns)
    sys.settrace(tr)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return result, hist, lines


def lit(s):
    return ast.literal_eval(s)


def count_of(var, lines):
    assert var.startswith("loop@line "), var
    return lines.get(int(var.split()[-1]), 0)


def check_claim(c, result, hist, lines, ns_call):
    w = c["what"]
    if w == "value" and c.get("sequence"):
        v = lit(c["value"])
        h = hist.get(c["variable"], [])
        return any(h[i:i + len(v)] == v for i in range(len(h)))
    if w == "value" and c.get("subseq"):
        v = lit(c["value"])
        it = iter(hist.get(c["variable"], []))
        return all(any(x == y for y in it) for x in v)
    if w == "value":
        v = lit(c["value"])
        if c.get("variable"):
            if c.get("index") is not None:
                return hist.get(c["variable"], [None] * 999)[c["index"]] == v
            return v in hist.get(c["variable"], [])
        return any(v in h for h in hist.values()) or v == result
    if w == "count":
        return count_of(c["variable"], lines) == lit(c["value"])
    if w == "comparison":
        return bool(eval(c["expr"])) == lit(c["value"])
    if w == "arith":
        return eval(c.get("expr", c["quote"].split("=")[0])) == lit(c["value"])
    if w == "return":
        return lit(c["value"]) == result
    if w == "call":
        return ns_call(c["value"]) == result
    raise ValueError(w)


def main():
    items = [json.loads(l) for l in open("narrations.jsonl", encoding="utf-8") if l.strip()]
    fails = 0
    out = []
    for it in items:
        errs = []
        result, hist, lines = run(it["code"], it["call"])
        if repr(result) != it["returned"]:
            errs.append("returned mismatch %r" % (result,))

        def ns_call(call, code=it["code"]):
            ns = {}
            exec(compile(code, PROG, "exec"), ns)
            return eval(call, ns)

        r = it["rationale"]
        lastline = r.strip().splitlines()[-1]
        if not lastline.startswith("Answer:") or lastline[len("Answer:"):].strip() != it["answer"]:
            errs.append("answer line mismatch")
        e = it["error"]
        equote = e["quote"] if e else None
        for c in it["claims"]:
            if c["quote"] not in r:
                errs.append("claim quote missing: " + c["quote"])
                continue
            if e and (c["quote"] == equote or c.get("is_error")):
                continue
            try:
                ok = check_claim(c, result, hist, lines, ns_call)
            except Exception as ex:
                ok = False
                errs.append("claim exc %s: %r" % (c["quote"], ex))
            if not ok:
                errs.append("false claim: " + c["quote"])
        fwd = it["direction"] == "forward"
        k = e["kind"] if e else None
        if fwd:
            ans_ok = lit(it["answer"]) == result
        else:
            ans_ok = ns_call(it["answer"]) == result
        if k in ("wrong_final_answer", "backward_wrong_input"):
            if ans_ok:
                errs.append("error answer is actually right")
        elif not ans_ok and not (e and e.get("carried")):
            errs.append("answer wrong")
        if e:
            if equote not in r:
                errs.append("error quote missing")
            if e["stated"] not in equote and k not in ("wrong_final_answer", "backward_wrong_input"):
                errs.append("stated not in quote")
            st = e.get("stated_value", e["stated"])
            if k == "wrong_arithmetic":
                if eval(e["expr"]) == lit(st) or eval(e["expr"]) != lit(e["actual"]):
                    errs.append("arith error not false")
            elif k == "off_by_one_loop_count":
                a = count_of(e["variable"], lines)
                if a != lit(e["actual"]) or abs(a - lit(st)) != 1:
                    errs.append("loop count error wrong (%d)" % a)
            elif k == "branch_not_taken":
                if bool(eval(e["expr"])) == lit(st) or bool(eval(e["expr"])) != lit(e["actual"]):
                    errs.append("branch error not false")
            elif k == "impossible_state":
                if lit(st) in hist.get(e["variable"], []):
                    errs.append("impossible state actually occurs")
            elif k in ("wrong_intermediate_right_answer", "wrong_loop_summary_value", "swapped_variables"):
                h = hist.get(e["variable"], [])
                i = e["index"]
                if i >= len(h) or h[i] != lit(e["actual"]) or h[i] == lit(st):
                    errs.append("point value check failed %r" % (h,))
            elif k == "wrong_final_answer":
                if lit(it["answer"]) != lit(st):
                    errs.append("stated != answer")
            elif k == "backward_wrong_input":
                if it["answer"] != st:
                    errs.append("stated != answer")
            if e.get("held_elsewhere"):
                # the wrong value must be one the run really holds somewhere (another moment,
                # another variable, or another loop's count), while being false at the quoted point
                v = lit(st)
                if not (any(v in h for h in hist.values()) or v in lines.values()):
                    errs.append("held_elsewhere value never held")
        status = "PASS" if not errs else "FAIL"
        if errs:
            fails += 1
        out.append("%s %s %s" % (status, it["id"], "; ".join(errs)))
    out.append("items: %d, failures: %d" % (len(items), fails))
    rep = "\n".join(out)
    print(rep)
    open("check_report.txt", "w").write(rep + "\n")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
