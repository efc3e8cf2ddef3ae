"""Standalone checker for w496 narrations: re-executes each program with sys.settrace,
records per-variable value histories (locals + self.<attr>), line hit counts, and checks
claims / answers / error copies. Usage: python3 check.py > check_report.txt"""
import sys, json, copy, ast

def run_traced(code, call):
    hist, hits = {}, {}
    def snap(frame):
        if frame.f_code.co_filename != "<prog>":
            return
        for k, v in list(frame.f_locals.items()):
            try: v2 = copy.deepcopy(v)
            except Exception: v2 = v
            h = hist.setdefault(k, [])
            if not h or h[-1] != v2: h.append(v2)
            if k == "self" and hasattr(v, "__dict__"):
                for a, av in vars(v).items():
                    av2 = copy.deepcopy(av)
                    h = hist.setdefault("self." + a, [])
                    if not h or h[-1] != av2: h.append(av2)
    def tr(frame, ev, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        snap(frame)
        if ev == "line":
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        return tr
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    sys.settrace(tr)
    try:
        ret = eval(compile(call, "<call>", "eval"), g)
    finally:
        sys.settrace(None)
    return ret, hist, hits

def plain_call(code, call):
    g = {}
    exec(compile(code, "<prog>", "exec"), g)
    return eval(call, g)

def claim_true(c, ret, hist, hits):
    w = c["what"]; val = ast.literal_eval(c["value"])
    if w == "value":
        h = hist.get(c["variable"], [])
        if "idx" in c:
            return c["idx"] < len(h) and h[c["idx"]] == val
        if c.get("seq"):
            # history collapses repeats of an unchanged value, so collapse the claimed run too
            v2 = [x for i, x in enumerate(val) if i == 0 or val[i - 1] != x]
            return any(h[i:i + len(v2)] == v2 for i in range(len(h)))
        return val in h
    if w == "count":
        line = int(c["variable"].split("@line")[1])
        return hits.get(line, 0) == val
    if w in ("arith", "comparison"):
        return eval(c["expr"]) == val
    if w == "return":
        return ret == val
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    progs = {json.loads(l)["id"]: json.loads(l) for l in open("programs.jsonl") if l.strip()}
    byid = {it["id"]: it for it in items}
    fails = 0; n = 0
    for it in items:
        n += 1; errs = []
        ret, hist, hits = run_traced(it["code"], it["call"])
        if repr(ret) != it["returned"]: errs.append("returned mismatch")
        p = progs.get(it["program_id"])
        if p is None or p["returned"] != it["returned"] or p["code"] != it["code"]: errs.append("programs.jsonl mismatch")
        if it["rationale"].strip().splitlines()[-1].strip() != "Answer: " + it["answer"]:
            errs.append("last line is not 'Answer: <answer>'")
        err = it["error"]
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]: errs.append("quote missing: " + c["quote"])
            is_err = err is not None and bool(c.get("is_error"))
            ok = claim_true(c, ret, hist, hits)
            if is_err and ok: errs.append("error claim is actually true: " + c["quote"])
            if not is_err and not ok: errs.append("claim false: %r" % c)
        # answers
        if it["direction"] == "forward":
            ans_ok = ast.literal_eval(it["answer"]) == ret
        else:
            try: ans_ok = plain_call(it["code"], it["answer"]) == ret
            except Exception: ans_ok = False
        bad_answer = err is not None and err["kind"] in ("wrong_final_answer", "backward_wrong_input")
        if bad_answer and ans_ok: errs.append("wrong answer is actually right")
        if not bad_answer and not ans_ok: errs.append("answer wrong")
        if err is not None:
            if err["quote"] not in it["rationale"]: errs.append("error quote missing")
            if not bad_answer and not any(c.get("is_error") for c in it["claims"]): errs.append("no error claim")
            f = byid.get(it["faithful_id"])
            if f is None or f["label"] != "faithful": errs.append("faithful_id bad")
            elif f["rationale"] == it["rationale"]: errs.append("copy identical to faithful")
            if "held_elsewhere" not in err: errs.append("held_elsewhere missing")
            if err.get("held_elsewhere"):
                # the wrong value must be one the program really holds elsewhere (other moment/variable)
                if ast.literal_eval(err["held_value"]) not in hist.get(err["held_var"], []):
                    errs.append("held_elsewhere value never held by " + err["held_var"])
        status = "PASS" if not errs else "FAIL"
        if errs: fails += 1
        print(f"{status} {it['id']} ({it['label']}{'/' + err['kind'] if err else ''}) claims={len(it['claims'])}" + ("" if not errs else " :: " + "; ".join(errs)))
    print(f"\nTOTAL {n} items, {n - fails} pass, {fails} fail")
    return fails

if __name__ == "__main__":
    sys.exit(1 if main() else 0)
