"""Standalone checker for w266 narrations: runs each program under sys.settrace, records
per-variable value histories, line hit counts and return values, and checks every claim."""
import ast, copy, json, sys
from collections import defaultdict

FN = "<w266prog>"


def lit(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return s


def snap(v):
    try:
        return copy.deepcopy(v)
    except Exception:
        return repr(v)


def run(code, call):
    hist = defaultdict(list)   # name -> list of distinct successive values (all frames)
    hits = defaultdict(int)    # line number -> times executed
    rets = defaultdict(list)   # function name -> returned values
    classes = set()
    last = {}

    def record(frame):
        fid = id(frame)
        cur = last.setdefault(fid, {})
        items = []
        for k, v in frame.f_locals.items():
            items.append((k, v))
            if type(v).__name__ in classes and hasattr(v, "__dict__"):
                for a, av in vars(v).items():
                    items.append((k + "." + a, av))
        for k, v in items:
            s = snap(v)
            if k not in cur or cur[k] != s:
                cur[k] = s
                hist[k].append(s)

    def local(frame, event, arg):
        if event == "line":
            record(frame)
            hits[frame.f_lineno] += 1
        elif event == "return":
            record(frame)
            rets[frame.f_code.co_name].append(snap(arg))
        return local

    def glob(frame, event, arg):
        if frame.f_code.co_filename == FN:
            return local(frame, event, arg) or local
        return None

    ns = {}
    exec(compile(code, FN, "exec"), ns)
    classes.update(k for k, v in ns.items() if isinstance(v, type))
    sys.settrace(glob)
    try:
        result = eval(compile(call, FN + "call", "eval"), ns)
    finally:
        sys.settrace(None)
    return result, hist, hits, rets


def plain_call(code, call):
    ns = {}
    exec(code, ns)
    return eval(call, ns)


def var_hist(name, hist, rets):
    if name.startswith("ret:"):
        return rets.get(name[4:], [])
    return hist.get(name, [])


def check_claim(c, res, hist, hits, rets, item):
    w, val = c["what"], lit(c["value"])
    if w == "value":
        h = var_hist(c["variable"], hist, rets)
        if c.get("seq"):
            seq = [x for i, x in enumerate(val) if i == 0 or x != val[i - 1]]
            return any(h[i:i + len(seq)] == seq for i in range(len(h)))
        return val in h
    if w == "count":
        line = int(c["variable"].split("@line")[1])
        return hits[line] == val
    if w == "comparison":
        return eval(c.get("expr", c["quote"])) == val
    if w == "arith":
        return eval(c.get("expr", c["quote"].split("=")[0])) == val
    if w == "return":
        return val == res
    if w == "call":
        return repr(plain_call(item["code"], c["value"])) == item["returned"]
    return False


def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    progs = {json.loads(l)["id"]: json.loads(l) for l in open("programs.jsonl")}
    ok = bad = 0
    out = []
    for it in items:
        errs = []
        res, hist, hits, rets = run(it["code"], it["call"])
        if repr(res) != it["returned"]:
            errs.append("returned mismatch")
        p = progs[it["program_id"]]
        if p["returned"] != it["returned"] or len(p["events"]) != it["trace_events"]:
            errs.append("programs.jsonl mismatch")
        r = it["rationale"]
        last = r.strip().splitlines()[-1]
        if not last.startswith("Answer:") or it["answer"] not in last:
            errs.append("answer line")
        if r.count("Answer:") != 1:
            errs.append("Answer: count")
        e = it["error"]
        for c in it["claims"]:
            if c["quote"] not in r:
                errs.append("quote missing: " + c["quote"])
                continue
            if e and (c["quote"] == e["quote"] or c.get("carried")):
                continue
            if not check_claim(c, res, hist, hits, rets, it):
                errs.append("false claim: %r" % c)
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == res
        else:
            try:
                ans_ok = repr(plain_call(it["code"], it["answer"])) == it["returned"]
            except Exception:
                ans_ok = False
        if it["label"] == "faithful":
            if not ans_ok:
                errs.append("answer wrong")
        else:
            if e["quote"] not in r:
                errs.append("error quote missing")
            if not any(c["quote"] == e["quote"] for c in it["claims"]):
                errs.append("error not in claims")
            ck = e["check"]
            st, ac = lit(e["stated"]), lit(e["actual"])
            if "never" in ck:
                good = st not in var_hist(ck["never"], hist, rets)
            elif "var" in ck:
                h = var_hist(ck["var"], hist, rets)
                good = ck["index"] < len(h) and h[ck["index"]] == ac and ac != st
                if e.get("held_elsewhere"):
                    good = good and st in h
            elif "expr" in ck:
                good = eval(ck["expr"]) == ac and ac != st
            elif "line" in ck:
                good = hits[ck["line"]] == ac and ac != st
            elif "answer" in ck:
                good = not ans_ok
            else:
                good = False
            if e.get("held_elsewhere") and "var" not in ck:
                # the wrong value must occur somewhere in the run (a variable's value,
                # a value inside a dict/list variable, or another line's hit count)
                pool = []
                for h in hist.values():
                    for v in h:
                        pool.append(v)
                        if isinstance(v, dict):
                            pool.extend(v.values())
                        elif isinstance(v, (list, tuple)):
                            pool.extend(v)
                pool.extend(hits.values())
                if not any(type(x) == type(st) and x == st for x in pool):
                    good = False
            if e["kind"] in ("wrong_final_answer", "backward_wrong_input") and ans_ok:
                good = False
            if e["kind"] not in ("wrong_final_answer", "backward_wrong_input") and not ans_ok:
                errs.append("error copy has wrong answer too")
            if not good:
                errs.append("error not confirmed false: %r" % e)
            if it["faithful_id"] not in {x["id"] for x in items}:
                errs.append("faithful_id missing")
        status = "PASS" if not errs else "FAIL"
        ok += not errs
        bad += bool(errs)
        out.append("%s %s %s" % (status, it["id"], "; ".join(errs)))
    out.append("TOTAL %d pass, %d fail" % (ok, bad))
    txt = "\n".join(out)
    print(txt)
    open("check_report.txt", "w").write(txt + "\n")


if __name__ == "__main__":
    main()
