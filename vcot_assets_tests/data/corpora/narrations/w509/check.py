"""Standalone checker for w509 narrations: runs each program under sys.settrace and checks claims."""
import sys, json, copy, ast

def lit(s):
    return ast.literal_eval(s) if isinstance(s, str) else s

class Run:
    def __init__(self, code, call):
        self.hist = {}          # var -> list of distinct-consecutive values
        self.lines = []         # sequence of line numbers executed in <prog>
        self.returns = {}       # func name -> list of return values
        self.g = {"__name__": "prog"}
        exec(compile(code, "<prog>", "exec"), self.g)
        self.user_classes = tuple(v for v in self.g.values() if isinstance(v, type))
        sys.settrace(self.tr)
        try:
            self.result = eval(compile(call, "<call>", "eval"), self.g)
        finally:
            sys.settrace(None)

    def rec(self, name, val):
        try:
            val = copy.deepcopy(val)
        except Exception:
            return
        h = self.hist.setdefault(name, [])
        if not h or h[-1] != val or type(h[-1]) != type(val):
            h.append(val)

    def snap(self, frame):
        for k, v in frame.f_locals.items():
            if self.user_classes and isinstance(v, self.user_classes):
                for a, av in vars(v).items():
                    self.rec(f"{k}.{a}", av)
                    if isinstance(av, dict):
                        for dk, dv in av.items():
                            self.rec(f"{k}.{a}[{dk!r}]", dv)
            else:
                self.rec(k, v)
                if isinstance(v, dict):
                    for dk, dv in v.items():
                        self.rec(f"{k}[{dk!r}]", dv)

    def tr(self, frame, event, arg):
        if frame.f_code.co_filename != "<prog>":
            return None
        return self.local

    def local(self, frame, event, arg):
        self.snap(frame)
        if event == "line":
            self.lines.append(frame.f_lineno)
        elif event == "return":
            self.returns.setdefault(frame.f_code.co_name, []).append(copy.deepcopy(arg))
        return self.local

    def count(self, line, per_line=None, segment=None, per_call=None, k=None):
        seq = self.lines
        if per_line is None:
            return [seq.count(line)]
        segs, cur = [], None
        for ln in seq:
            if ln == per_line:
                cur = 0; segs.append(0)
            elif ln == line and segs:
                segs[-1] += 1
        return [segs[segment]] if segment is not None else segs

def per_call_count(code, call, func, line, k):
    # count executions of `line` inside the k-th call of func
    g = {"__name__": "prog"}; exec(compile(code, "<prog>", "exec"), g)
    calls = []
    def tr(frame, event, arg):
        if frame.f_code.co_filename != "<prog>" or frame.f_code.co_name != func:
            return None
        calls.append(0); idx = len(calls) - 1
        def loc(fr, ev, a):
            if ev == "line" and fr.f_lineno == line:
                calls[idx] += 1
            return loc
        return loc
    sys.settrace(tr)
    try: eval(call, g)
    finally: sys.settrace(None)
    return calls[k]

def check_claim(it, run, c):
    w = c["what"]; v = lit(c["value"])
    if w in ("arith", "comparison", "call") and c.get("variable") is None:
        expr = c.get("expr") or c["quote"].split(" = ")[0].strip("` ") if w == "arith" else c.get("expr") or c["quote"].strip("` ")
        return eval(expr) == v, f"{expr} -> {eval(expr)!r}"
    if w == "count":
        if "per_call" in c:
            n = per_call_count(it["code"], it["call"], c["per_call"], c["line"], c["k"])
            return n == v, f"count {n}"
        cs = run.count(c["line"], c.get("per_line"), c.get("segment"))
        return all(x == v for x in cs), f"counts {cs}"
    if w == "return":
        if "returns_of" in c:
            if c.get("all"):
                r = run.returns[c["returns_of"]]; return r == v, f"returns {r!r}"
            r = run.returns[c["returns_of"]][c["k"]]
            return r == v, f"return {r!r}"
        return run.result == v, f"result {run.result!r}"
    if w == "value":
        h = run.hist.get(c["variable"], [])
        if c.get("sequence"):
            # values appear in this order in the history
            pos = 0
            for x in v:
                while pos < len(h) and h[pos] != x: pos += 1
                if pos == len(h): return False, f"history {h}"
            return True, "seq ok"
        if c.get("prefix_of_final"):
            return h[-1][:len(v)] == v, f"final {h[-1]}"
        if "appended_to" in c:
            return run.hist[c["appended_to"]][-1] == v, "final list"
        return v in h, f"history {h}"
    return False, "unknown claim"

def answer_ok(it, run):
    if it["direction"] == "forward":
        return lit(it["answer"]) == run.result
    g = {"__name__": "prog"}; exec(compile(it["code"], "<prog>", "exec"), g)
    return eval(it["answer"], g) == run.result

def check_error(it, run):
    e = it["error"]; ch = e["check"]; t = ch["type"]; stated = lit(ch.get("stated", e["stated"])) if t != "answer" else None
    if t == "expr":
        real = eval(ch["expr"]); return real != stated, f"{ch['expr']} = {real!r}, stated {stated!r}"
    if t == "count":
        cs = run.count(ch["line"]); return all(x != stated for x in cs), f"real {cs}, stated {stated}"
    if t == "answer":
        return not answer_ok(it, run), f"answer {it['answer']} wrong"
    if t == "never":
        h = run.hist[ch["var"]]; return stated not in h, f"{ch['var']} history {h}"
    if t == "history":
        h = run.hist[ch["var"]]; real = h[ch["k"]]
        return real != stated and (ch.get("stated") is not None or real == lit(e["actual"])), f"{ch['var']}[{ch['k']}] = {real!r}, stated {stated!r}"
    if t == "return_item":
        real = run.returns[ch["func"]][ch["k"]]; return real != stated, f"{ch['func']} return #{ch['k']} = {real!r}, stated {stated!r}"
    if t == "final":
        real = run.hist[ch["var"]][-1]; return real != stated, f"final {ch['var']} = {real!r}, stated {stated!r}"
    if t == "final_item":
        real = run.hist[ch["var"]][-1][ch["index"]]; return real != stated, f"{ch['var']}[{ch['index']}] = {real!r}, stated {stated!r}"
    return False, "unknown check"

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    progs = {json.loads(l)["id"]: json.loads(l) for l in open("programs.jsonl")}
    fails = 0; lines = []
    for it in items:
        run = Run(it["code"], it["call"])
        probs = []
        if repr(run.result) != it["returned"]: probs.append(f"returned mismatch {run.result!r}")
        p = progs[it["program_id"]]
        if len(p["events"]) != it["trace_events"]: probs.append("trace_events mismatch")
        if not it["rationale"].rstrip().splitlines()[-1].startswith("Answer: " ) or it["rationale"].rstrip().splitlines()[-1][8:].strip() != it["answer"]:
            probs.append("answer line mismatch")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]: probs.append(f"quote missing: {c['quote']}")
            if c.get("error_claim"): continue
            if c.get("carried_error"):
                ok, why = check_claim(it, run, c)
                if ok: probs.append(f"carried error claim is true: {c['quote']!r}")
                continue
            ok, why = check_claim(it, run, c)
            if not ok: probs.append(f"claim false: {c['quote']!r} ({why})")
        if it["label"] == "faithful":
            if not answer_ok(it, run): probs.append("answer wrong")
        else:
            if it["error"]["quote"] not in it["rationale"]: probs.append("error quote missing")
            ok, why = check_error(it, run)
            if not ok: probs.append(f"error not false: {why}")
            elif it["error"]["kind"] not in ("wrong_final_answer", "backward_wrong_input", "branch_not_taken") and not answer_ok(it, run):
                if not it["error"]["carried"]: probs.append("answer wrong in non-answer error")
            lines.append(f"  {it['id']}: error {it['error']['kind']} confirmed false: {why}")
        status = "PASS" if not probs else "FAIL"
        if probs: fails += 1
        lines.append(f"{status} {it['id']} ({len(it['claims'])} claims)" + "".join("\n    " + x for x in probs))
    lines.append(f"\n{len(items)} items, {len(items) - fails} pass, {fails} fail")
    print("\n".join(lines))
    return fails

if __name__ == "__main__":
    sys.exit(1 if main() else 0)
