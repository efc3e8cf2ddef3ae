"""Standalone checker for w508 narrations: re-executes each program under sys.settrace,
records per-variable value histories, return values per function and line hit counts,
and verifies faithful claims and that each error copy's error is really false."""
import ast, copy, json, sys, re
from collections import defaultdict

FN = "<w508>"

def run(code, call):
    H = defaultdict(list); R = defaultdict(list); L = defaultdict(int); first = {}
    def snap(frame):
        for k, v in frame.f_locals.items():
            names = [(k, v)]
            if k == "self":
                names = [("self." + a, b) for a, b in vars(v).items()]
            for name, val in names:
                try: val = copy.deepcopy(val)
                except Exception: continue
                h = H[name]
                if not h or h[-1] != val or type(h[-1]) != type(val):
                    h.append(val)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != FN: return tr
        if not first: first.update(frame.f_locals)
        snap(frame)
        if event == "line": L[frame.f_lineno] += 1
        if event == "return": R[frame.f_code.co_name].append(copy.deepcopy(arg))
        return tr
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    sys.settrace(tr)
    try: out = eval(compile(call, FN + "call", "eval"), ns)
    finally: sys.settrace(None)
    return out, H, R, L, {k: v for k, v in first.items() if k != "self"}

def lit(s): return ast.literal_eval(s)

def contig(sub, seq):
    n = len(sub)
    return any(seq[i:i + n] == sub for i in range(len(seq) - n + 1))

def subseq(sub, seq):
    it = iter(seq)
    return all(any(x == y for y in it) for x in sub)

def check_arith(quote, value, env):
    parts = re.split(r" = | gives | is ", quote)
    parts = [p.strip().strip("`.,").strip() for p in parts]
    vals = []
    for p in parts:
        try: vals.append(eval(p, {}, dict(env)))
        except Exception: vals.append(None)
    if vals[-1] != value: return False, f"last part {parts[-1]!r} != {value!r}"
    ev = [v for v in vals[:-1] if v is not None]
    if not ev: return False, "no evaluable expression"
    return ev[-1] == value, f"{ev[-1]!r} vs {value!r}"

def check_claim(c, H, R, L, ret, env, fn):
    w, var, v = c["what"], c["variable"], lit(c["value"])
    if w == "value":
        h = H.get(var, [])
        ok = v in h or (isinstance(v, list) and (contig(v, h[1:] if h else []) or subseq(v, h)))
        return ok, f"{var}={v!r} history {h!r}"
    if w == "count":
        line = int(var.split("line")[1]); return L[line] == v, f"line {line} ran {L[line]}"
    if w == "arith": return check_arith(c["quote"], v, env)
    if w == "comparison":
        if "expr" not in c: return False, "no expr"
        return eval(c["expr"]) == v, c["expr"]
    if w == "return":
        if var and var != fn: return v in R.get(var, []), f"{var} returned {R.get(var)}"
        return ret == v, f"ret {ret!r}"
    return False, "unknown claim kind"

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    progs = {json.loads(l)["id"]: json.loads(l) for l in open("programs.jsonl")}
    fails = 0; lines = []
    for it in items:
        probs = []
        ret, H, R, L, env = run(it["code"], it["call"])
        if repr(ret) != it["returned"]: probs.append("returned mismatch")
        if progs[it["program_id"]]["returned"] != it["returned"]: probs.append("trace returned mismatch")
        if not it["rationale"].rstrip().splitlines()[-1].startswith("Answer: " + it["answer"]):
            probs.append("answer line mismatch")
        err = it["error"]
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]: probs.append(f"quote missing {c['quote']!r}")
            if err and c["quote"] == err["quote"]: continue
            ok, why = check_claim(c, H, R, L, ret, env, it["function"])
            if not ok: probs.append(f"claim false: {c['quote']!r}: {why}")
        # answer
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == ret
        else:
            ns = {}; exec(compile(it["code"], FN, "exec"), ns)
            ans_ok = eval(it["answer"], ns) == ret
        if it["label"] == "faithful":
            if not ans_ok: probs.append("faithful answer wrong")
        else:
            k = err["kind"]
            if err["quote"] not in it["rationale"]: probs.append("error quote missing")
            if k == "wrong_final_answer":
                if ans_ok or lit(err["actual"]) != ret: probs.append("final answer not wrong")
            elif k == "backward_wrong_input":
                ns = {}; exec(compile(it["code"], FN, "exec"), ns)
                got = eval(it["answer"], ns)
                if got == ret or got != lit(err["actual"]): probs.append(f"backward input not wrong ({got!r})")
            else:
                if not ans_ok and not err.get("carried"): probs.append("answer wrong in non-answer error")
                checked = False
                if "expr" in err:
                    e = eval(err["expr"]); checked = True
                    if "variable" not in err and (e != lit(err["actual"]) or e == lit(err["stated"])):
                        probs.append(f"expr {err['expr']} = {e!r} does not confirm error")
                    if "variable" in err and (e == lit(err.get("stated_value", err["stated"])) or e != lit(err.get("actual_value", err["actual"]))):
                        probs.append("expr does not confirm error")
                var = err.get("variable")
                if var and var.startswith("loop@"):
                    line = int(var.split("line")[1]); checked = True
                    if L[line] != lit(err["actual"]) or L[line] == lit(err["stated"]):
                        probs.append(f"count {L[line]} does not confirm error")
                elif var:
                    h = H.get(var, [])
                    sv = lit(err.get("stated_value", err["stated"])); av = lit(err.get("actual_value", err["actual"]))
                    checked = True
                    if "index" in err:
                        if h[err["index"]] != av or h[err["index"]] == sv:
                            probs.append(f"{var}[{err['index']}]={h[err['index']]!r} does not confirm")
                    elif isinstance(sv, list) and contig(sv, h[1:]):
                        probs.append("stated sequence actually occurs")
                    elif sv in h and k == "impossible_state":
                        probs.append("impossible_state value occurs")
                    elif "index" not in err and "expr" not in err and sv in h and not isinstance(sv, list):
                        probs.append("stated value occurs with no point given")
                    if err.get("held_elsewhere") and sv not in h:
                        probs.append("held_elsewhere but value never held")
                if not checked: probs.append("error not checkable")
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        lines.append(f"{status} {it['id']} ({it['label']}{'/' + err['kind'] if err else ''})" + ("" if not probs else ": " + "; ".join(probs)))
    lines.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    out = "\n".join(lines); print(out)
    open("check_report.txt", "w").write(out + "\n")
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
