#!/usr/bin/env python3
"""Standalone checker for w43 narrations: runs each call under sys.settrace, records every
local (and self.attr) value history per frame, and checks claims / answers / errors."""
import sys, json, ast, copy, re

def run_traced(code, call):
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    hist = []          # list of (lineno, dict name->value)
    lines = {}         # lineno -> executions count
    entries = {}       # lineno -> events whose previous line (same frame) was above it
    prev = {}
    def snap(frame):
        d = {}
        for k, v in frame.f_locals.items():
            try:
                d[k] = copy.deepcopy(v)
            except Exception:
                d[k] = v
            if hasattr(v, "__dict__") and not callable(v):
                for a, av in vars(v).items():
                    try:
                        d[k + "." + a] = copy.deepcopy(av)
                    except Exception:
                        d[k + "." + a] = av
        return d
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        if event == "call":
            prev[id(frame)] = None
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            p = prev.get(id(frame))
            if p is None or p < frame.f_lineno:
                entries[frame.f_lineno] = entries.get(frame.f_lineno, 0) + 1
            prev[id(frame)] = frame.f_lineno
            hist.append((frame.f_lineno, snap(frame)))
        elif event == "return":
            d = snap(frame); d["<return>"] = arg
            hist.append((frame.f_lineno, d))
        return tracer
    sys.settrace(tracer)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    src = code.splitlines()
    for n in list(lines):
        t = src[n - 1].strip()
        if t.startswith("for ") or t.startswith("while "):
            lines[n] = entries.get(n, 0)   # body line that is itself a loop header: count entries
    return ns, result, hist, lines

def takes(hist, var, val):
    ident = re.fullmatch(r"[A-Za-z_][A-Za-z_0-9]*(\.[A-Za-z_][A-Za-z_0-9]*)?", var)
    for _, d in hist:
        if ident:
            if var in d and type(d[var]) == type(val) and d[var] == val:
                return True
        else:
            try:
                r = eval(var, {"__builtins__": __builtins__}, dict(d))
            except Exception:
                continue
            if type(r) == type(val) and r == val:
                return True
    return False

def clean(s):
    return s.replace("`", "").replace("**", "").strip().rstrip(".,;:")

def eval_arith(quote):
    q = clean(quote)
    m = re.match(r"^(.*?)(?:\s*=\s*|\s+is\s+|\s+gives\s+)([^=]+)$", q)
    if not m:
        raise ValueError("cannot parse arith: " + quote)
    return eval(m.group(1)), ast.literal_eval(m.group(2).strip())

def check_claim(c, ns, result, hist, lines):
    what = c["what"]; val = ast.literal_eval(c["value"]); var = c.get("variable")
    if what == "value":
        return takes(hist, var, val)
    if what == "return":
        return result == val and type(result) == type(val)
    if what == "count":
        m = re.match(r"loop@line (\d+)", var or "")
        if not m:
            raise ValueError("count claim needs loop@line N: %r" % var)
        return lines.get(int(m.group(1)), 0) == val
    if what == "arith":
        got, stated = eval_arith(c["quote"])
        return got == stated == val
    if what == "comparison":
        q = clean(c["quote"])
        q = re.sub(r",\s*which\s+is\s+", " is ", q)
        q = re.sub(r"\s*(→|->|is|was|holds|fails|,)?\s*(true|false|True|False)?$", "", q).strip()
        return bool(eval(q)) == val
    if what == "call":
        return eval(clean(c["quote"]), ns) == result if False else None
    raise ValueError(what)

def main(path, report):
    items = [json.loads(l) for l in open(path) if l.strip()]
    byid = {it["id"]: it for it in items}
    out = []; fails = 0
    for it in items:
        probs = []
        try:
            ns, result, hist, lines = run_traced(it["code"], it["call"])
        except Exception as e:
            out.append("FAIL %s: run error %r" % (it["id"], e)); fails += 1; continue
        if repr(result) != it["returned"]:
            probs.append("returned mismatch %r vs %r" % (result, it["returned"]))
        if it["rationale"].rstrip().splitlines()[-1].strip() != "Answer: " + it["answer"] and \
           "Answer: " + it["answer"] not in it["rationale"].rstrip().splitlines()[-1]:
            probs.append("answer not in last line")
        # answer check
        if it["direction"] == "forward":
            ans_ok = (ast.literal_eval(it["answer"]) == result)
        else:
            ns2 = {}; exec(it["code"], ns2)
            try:
                ans_ok = (eval(it["answer"], ns2) == result) and it["answer"].startswith(it["function"] + "(") or \
                         (eval(it["answer"], ns2) == result and it["answer"].split("(")[0].split(".")[0] in ns2)
            except Exception:
                ans_ok = False
        errc = it.get("error")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("quote not in rationale: %r" % c["quote"]); continue
            if c["what"] == "call":
                ns2 = {}; exec(it["code"], ns2)
                try: ok = eval(clean(c["quote"]), ns2) == result
                except Exception: ok = False
            else:
                try: ok = check_claim(c, ns, result, hist, lines)
                except Exception as e: probs.append("claim error %r: %r" % (c["quote"], e)); continue
            is_err = errc is not None and c["quote"] == errc["quote"]
            if it["label"] == "faithful" or not is_err:
                if not ok and not (errc and errc.get("carried") and it["label"] == "error"):
                    probs.append("false claim %r (%s=%s)" % (c["quote"], c.get("variable"), c["value"]))
            else:
                if ok:
                    probs.append("error claim is actually TRUE %r" % c["quote"])
        if it["label"] == "faithful":
            if not ans_ok: probs.append("answer wrong: %s" % it["answer"])
            if it["error"] is not None or it["faithful_id"] is not None: probs.append("faithful has error")
        else:
            k = errc["kind"]
            if errc["quote"] not in it["rationale"]: probs.append("error quote missing")
            if it["faithful_id"] not in byid: probs.append("faithful_id missing")
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok: probs.append("error answer is actually right")
            else:
                if not ans_ok and not errc.get("carried"): probs.append("answer wrong in non-answer error copy")
                if not any(c["quote"] == errc["quote"] for c in it["claims"]):
                    probs.append("error not among claims")
            if k == "backward_wrong_input" and it["direction"] != "backward": probs.append("bwi on forward")
            if k == "wrong_final_answer" and it["direction"] != "forward": probs.append("wfa on backward")
        if probs:
            fails += 1; out.append("FAIL %s: %s" % (it["id"], "; ".join(probs)))
        else:
            out.append("ok   %s (%d claims)" % (it["id"], len(it["claims"])))
    out.append("TOTAL %d items, %d failing" % (len(items), fails))
    open(report, "w").write("\n".join(out) + "\n")
    print("\n".join(l for l in out if not l.startswith("ok")))
    return fails

if __name__ == "__main__":
    p = sys.argv[1] if len(sys.argv) > 1 else "/work/corpus/narrations/w43/narrations.jsonl"
    r = sys.argv[2] if len(sys.argv) > 2 else "/work/corpus/narrations/w43/check_report.txt"
    sys.exit(1 if main(p, r) else 0)
