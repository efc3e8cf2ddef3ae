"""Standalone checker for w363 narrations: re-executes each program with sys.settrace,
records per-variable value histories and per-line hit counts, and checks every claim."""
import json, sys, copy, ast

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist, hits, order = {}, {}, []
    global SAMPLES
    SAMPLES = {}
    def rec(name, val):
        h = hist.setdefault(name, [])
        try:
            v = copy.deepcopy(val)
        except Exception:
            return
        if not h or h[-1] != v:
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == "self":
                for ak, av in vars(v).items():
                    rec("self." + ak, av)
            else:
                rec(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return tracer
        if event == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
            try:
                SAMPLES.setdefault(frame.f_lineno, []).append(copy.deepcopy(dict(frame.f_locals)))
            except Exception:
                pass
        snap(frame)
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, hits, ns

def derived(hist, var):
    if var in hist:
        return hist[var]
    base = var.split("[")[0]
    out = []
    for snapv in hist.get(base, []):
        try:
            v = eval("_v" + var[len(base):], {"_v": snapv})
        except Exception:
            continue
        if not out or out[-1] != v:
            out.append(v)
    return out

def is_subseq(seq, h):
    n = len(seq)
    return any(h[i:i+n] == seq for i in range(len(h) - n + 1))

def check_claim(c, ret, hist, hits, ns):
    what, val = c["what"], ast.literal_eval(c["value"])
    if what == "value":
        h = derived(hist, c["variable"])
        if "sample_line" in c:
            h = []
            for loc in SAMPLES.get(c["sample_line"], []):
                try:
                    h.append(eval(c["variable"], {}, loc))
                except Exception:
                    pass
            if c.get("dedupe"):
                h = [v for i, v in enumerate(h) if i == 0 or h[i - 1] != v]
        if c.get("seq"):
            return is_subseq(val, h)
        if "k" in c:
            return len(h) > c["k"] and h[c["k"]] == val
        return val in h
    if what == "count" and "iters_of" in c:
        return len(hist.get(c["iters_of"], [])) == val
    if what == "count":
        return hits.get(c["line"], 0) == val
    if what in ("arith", "comparison"):
        return eval(c["expr"]) == val
    if what == "return":
        return val == ret
    if what == "call":
        return eval(c["value"] if isinstance(val, str) else c["value"], ns) == ret
    return False

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    progs = {json.loads(l)["id"]: json.loads(l) for l in open("programs.jsonl")}
    fails, lines = 0, []
    for it in items:
        p = progs[it["program_id"]]
        ret, hist, hits, ns = run_traced(it["code"], it["call"])
        errs = []
        if repr(ret) != it["returned"] or p["returned"] != it["returned"]:
            errs.append("returned mismatch")
        if not it["rationale"].rstrip().endswith("Answer: " + it["answer"]):
            errs.append("answer line mismatch")
        err = it["error"]
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                errs.append("quote missing: " + c["quote"])
                continue
            is_err = err is not None and c["quote"] == err["quote"]
            ok = check_claim(c, ret, hist, hits, ns) if c["what"] != "call" else (eval(c["value"], ns) == ret)
            if is_err and ok:
                errs.append("error claim is actually true: " + c["quote"])
            if not is_err and not ok:
                errs.append("claim false: " + c["quote"])
        # answer
        if it["direction"] == "forward":
            ans_ok = ast.literal_eval(it["answer"]) == ret
        else:
            ans_ok = eval(it["answer"], ns) == ret
        if it["label"] == "faithful":
            if not ans_ok: errs.append("answer wrong in faithful")
            if err is not None: errs.append("faithful has error")
        else:
            if err["quote"] not in it["rationale"]:
                errs.append("error quote missing")
            k = err["kind"]
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok: errs.append("wrong answer is actually right")
            else:
                if not ans_ok: errs.append("answer should stay right")
                if not any(c["quote"] == err["quote"] for c in it["claims"]):
                    errs.append("error not among claims")
            if err.get("held_elsewhere"):
                sv = ast.literal_eval(err["actual_check_value"]) if "actual_check_value" in err else ast.literal_eval(err["stated_value"])
                if "held_count_line" in err:
                    if hits.get(err["held_count_line"], 0) != sv: errs.append("held count not held")
                elif "held_in" in err:
                    if sv not in derived(hist, err["held_in"]): errs.append("held_in value never held")
                elif not any(sv in h for h in hist.values()) and not (isinstance(sv, list) and any(all(x in h for x in sv) for h in hist.values())):
                    errs.append("held_elsewhere value never held")
            fid = it["faithful_id"]
            if fid not in {x["id"] for x in items}: errs.append("faithful_id missing")
        status = "PASS" if not errs else "FAIL"
        if errs: fails += 1
        lines.append(f"{status} {it['id']} ({it['label']}{'/'+err['kind'] if err else ''}) " + "; ".join(errs))
    lines.append(f"\n{len(items)} items, {len(items)-fails} pass, {fails} fail")
    out = "\n".join(lines)
    print(out)
    open("check_report.txt", "w").write(out + "\n")
    return fails

if __name__ == "__main__":
    sys.exit(1 if main() else 0)
