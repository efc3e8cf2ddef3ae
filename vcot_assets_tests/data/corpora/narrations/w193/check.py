"""Standalone checker for w193 narrations: runs each program with sys.settrace, records
per-variable value histories and per-line snapshots, and checks claims / answers / errors."""
import ast, json, sys, copy

def safe_repr(v):
    try:
        return repr(v)
    except Exception:
        return "<unrepr>"

def snapshot(frame):
    out = {}
    for k, v in frame.f_locals.items():
        if k.startswith("__") or k == ".0":
            continue
        out[k] = safe_repr(v)
        # instances of the program's own classes: record their attributes as self.<attr>
        # (inside methods the instance is `self`; outside, e.g. `boat.aboard = [...]`, it is the same object)
        if hasattr(v, "__dict__") and getattr(type(v), "__module__", None) == "__prog__":
            for a, av in vars(v).items():
                out["self." + a] = safe_repr(av)
    return out

class Run:
    def __init__(self, code, call):
        self.hist = {}        # var -> list of reprs (all values, in order, consecutive dups kept once)
        self.hits = {}        # line -> times started
        self.after = {}       # line -> list of snapshots taken right after the line completed
        self.last = {}
        ns = {"__name__": "__prog__"}
        exec(compile(code, "<prog>", "exec"), ns)
        self.ns = ns
        sys.settrace(self.tr)
        try:
            self.value = eval(call, ns)
        finally:
            sys.settrace(None)
        self.returned = repr(self.value)

    def note(self, frame):
        snap = snapshot(frame)
        for k, v in snap.items():
            h = self.hist.setdefault(k, [])
            if not h or h[-1] != v:
                h.append(v)
        return snap

    def tr(self, frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        fid = id(frame)
        if event == "call":
            self.note(frame)
            self.last[fid] = None
            return self.tr
        if event in ("line", "return"):
            snap = self.note(frame)
            prev = self.last.get(fid)
            if prev is not None:
                self.after.setdefault(prev, []).append(snap)
            if event == "line":
                self.hits[frame.f_lineno] = self.hits.get(frame.f_lineno, 0) + 1
                self.last[fid] = frame.f_lineno
        return self.tr

def norm(v):
    try:
        return repr(ast.literal_eval(v))
    except Exception:
        return v

def count_of(run, variable):
    if variable.startswith("loop@line"):
        return run.hits.get(int(variable.split()[-1]), 0)
    # otherwise: a loop variable; count = number of values it took (consecutive repeats merged)
    return len(run.hist[variable])

def arith_val(c):
    expr = c.get("expr")
    if expr is None:
        q = c["quote"].replace("×", "*")
        expr = q.split("=")[0] if "=" in q else q.split(" is ")[0]
    return repr(eval(expr, {}))

def at_value(run, at):
    if "line" in at:
        return run.after[at["line"]][at["hit"]][at["variable"]]
    return run.hist[at["variable"]][at["k"]]

def check_claim(run, c):
    w = c["what"]
    if w == "value":
        return norm(c["value"]) in run.hist.get(c["variable"], []) if "at" not in c else norm(c["value"]) == at_value(run, c["at"])
    if w == "count":
        return count_of(run, c["variable"]) == int(c["value"])
    if w == "arith":
        return arith_val(c) == norm(c["value"])
    if w == "comparison":
        return repr(bool(eval(c["expr"], {}))) == repr(ast.literal_eval(c["value"]))
    if w == "return":
        return norm(c["value"]) == run.returned
    if w == "call":
        return repr(eval(c["value"], run.ns)) == run.returned
    raise ValueError(w)

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    fails, lines = 0, []
    byid = {it["id"]: it for it in items}
    for it in items:
        probs = []
        run = Run(it["code"], it["call"])
        if run.returned != it["returned"]:
            probs.append("returned mismatch %s vs %s" % (run.returned, it["returned"]))
        if not it["rationale"].rstrip().endswith("Answer: " + it["answer"]) and "Answer: " + it["answer"] not in it["rationale"].splitlines()[-1]:
            probs.append("answer line")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("quote missing: " + c["quote"])
        e = it["error"]
        wrong_quotes = set()
        if it["label"] == "error":
            wrong_quotes = {c["quote"] for c in it["claims"] if c.get("wrong")}
            if e["quote"] not in it["rationale"]:
                probs.append("error quote missing")
            f = byid.get(it["faithful_id"])
            if f is None:
                probs.append("no faithful")
        for c in it["claims"]:
            if c.get("wrong"):
                continue
            try:
                ok = check_claim(run, c)
            except Exception as ex:
                ok = False
                probs.append("claim exc %r %s" % (c, ex))
            if not ok:
                probs.append("false claim: %r" % c)
        # answers
        if it["direction"] == "forward":
            ans_ok = norm(it["answer"]) == run.returned
        else:
            try:
                ans_ok = repr(eval(it["answer"], Run(it["code"], it["call"]).ns)) == run.returned
            except Exception:
                ans_ok = False
        if it["label"] == "faithful":
            if not ans_ok:
                probs.append("faithful answer wrong")
        else:
            k = e["kind"]
            if k in ("wrong_final_answer", "backward_wrong_input"):
                if ans_ok:
                    probs.append("error answer is actually right")
            else:
                if not ans_ok:
                    probs.append("answer should stay right")
                wc = [c for c in it["claims"] if c.get("wrong") and c["quote"] == e["quote"]]
                if not wc:
                    probs.append("no wrong claim for error")
                for c in wc:
                    try:
                        truth = check_claim(run, c)
                    except Exception as ex:
                        truth = None
                        probs.append("err exc %s" % ex)
                    if truth:
                        probs.append("error claim is TRUE: %r" % c)
                    if k == "impossible_state" and norm(c["value"]) in run.hist.get(c["variable"], []):
                        probs.append("impossible_state value occurs in run")
                    if e.get("held_elsewhere"):
                        allv = set(v for h in run.hist.values() for v in h)
                        if norm(e["stated"]) not in allv and c["what"] != "count":
                            probs.append("held_elsewhere but value never held")
                        if "at" not in c and c["what"] == "value":
                            probs.append("held_elsewhere value claim needs 'at'")
        status = "PASS" if not probs else "FAIL"
        fails += bool(probs)
        lines.append("%s %s %s" % (status, it["id"], "; ".join(probs)))
    lines.append("items=%d failures=%d" % (len(items), fails))
    open("check_report.txt", "w").write("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
