"""Standalone checker for w234 narrations: re-executes every program under sys.settrace,
records every frame's locals (and self attributes) at each line/return event, and checks
faithful claims are true and error copies are really false at the point they describe."""
import ast, copy, json, re, sys, collections

FILE = "<w234prog>"

class Run:
    def __init__(self, code, call):
        self.frames = []          # list of dict(fn, snaps=[(event, lineno, locals)])
        self.line_hits = collections.Counter()
        self.events_by_line = collections.defaultdict(list)  # lineno -> [(frame_idx, snap_idx)]
        self.seq = []             # global order of line events: lineno
        self.code_lines = code.splitlines()
        g = {"__name__": "w234prog"}
        exec(compile(code, FILE, "exec"), g)
        fmap = {}
        def tracer(frame, event, arg):
            if frame.f_code.co_filename != FILE or frame.f_code.co_name.startswith("<"):
                return tracer
            if event == "call":
                fmap[id(frame)] = len(self.frames)
                self.frames.append({"fn": frame.f_code.co_name, "snaps": []})
                return tracer
            idx = fmap.get(id(frame))
            if idx is None:
                return tracer
            try:
                snap = copy.deepcopy(dict(frame.f_locals))
            except Exception:
                snap = dict(frame.f_locals)
            if "self" in snap and hasattr(snap["self"], "__dict__"):
                for k, v in vars(snap["self"]).items():
                    snap["self." + k] = copy.deepcopy(v)
            if event == "return":
                snap["__return__"] = copy.deepcopy(arg)
            fr = self.frames[idx]
            fr["snaps"].append((event, frame.f_lineno, snap))
            if event == "line":
                self.line_hits[frame.f_lineno] += 1
                self.seq.append(frame.f_lineno)
                self.events_by_line[frame.f_lineno].append((idx, len(fr["snaps"]) - 1))
            return tracer
        sys.settrace(tracer)
        try:
            self.result = eval(call, g)
        finally:
            sys.settrace(None)
        self.g = g

    def ev(self, expr, snap):
        s = {k: v for k, v in snap.items() if "." not in k}
        if expr in snap:
            return snap[expr]
        return eval(expr, dict(self.g), s)

    def values(self, var, fn=None):
        out = []
        for fr in self.frames:
            if fn and fr["fn"] != fn:
                continue
            for _, _, snap in fr["snaps"]:
                try:
                    out.append(self.ev(var, snap))
                except Exception:
                    pass
        return out

    def history(self, var, fn=None, call_no=None):
        hist = []
        frs = [fr for fr in self.frames if not fn or fr["fn"] == fn]
        if call_no is not None:
            frs = [frs[call_no]]
        for fr in frs:
            for _, _, snap in fr["snaps"]:
                try:
                    v = self.ev(var, snap)
                except Exception:
                    continue
                if not hist or hist[-1] != v:
                    hist.append(v)
        return hist

    def at_line(self, var, line, k, after=False):
        fi, si = self.events_by_line[line][k - 1]
        snaps = self.frames[fi]["snaps"]
        if after:
            si = si + 1
        return self.ev(var, snaps[si][2])

    def seq_at(self, var, line, after=False):
        return [self.at_line(var, line, k + 1, after) for k in range(len(self.events_by_line[line]))]

    def body_line(self, header):
        lines = self.code_lines
        ind = len(lines[header - 1]) - len(lines[header - 1].lstrip())
        for j in range(header, len(lines)):
            s = lines[j]
            if s.strip():
                assert len(s) - len(s.lstrip()) > ind, "no body"
                return j + 1
        raise ValueError

    def loop_count(self, target):
        # 'loop@line H' = iterations of the loop headed at line H over the whole run;
        # 'loop@line H#O:K' = iterations inside the K-th pass over line O (an enclosing loop's body line)
        seg = None
        if "#" in target:
            target, seg = target.split("#")
        h = int(target.split("@line")[1].strip().split()[0])
        body = self.body_line(h)
        if seg is None:
            return self.line_hits[body]
        o, k = map(int, seg.split(":"))
        n, passes = 0, 0
        for ln in self.seq:
            if ln == o:
                passes += 1
            elif ln == body and passes == k:
                n += 1
        return n

    def all_values(self):
        vals = []
        for fr in self.frames:
            for _, _, snap in fr["snaps"]:
                vals.extend(snap.values())
        return vals

def lit(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return s

def same(a, b):
    return a == b and (type(a) == type(b) or {type(a), type(b)} <= {int, float})

def check_claim(run, c, returned):
    v = lit(c["value"])
    w = c["what"]
    if w == "value" and "@line" in c["variable"] and not c["variable"].startswith("loop"):
        # 'X@line N' / 'X@line N[a:b]': the values of X at each execution of line N (sliced)
        m = re.match(r"^(.*)@line (\d+)(\[.*\])?$", c["variable"])
        seq = run.seq_at(m.group(1).strip(), int(m.group(2)))
        if m.group(3):
            seq = eval("seq" + m.group(3))
        return same(seq, v), "sequence %s: real %r stated %r" % (c["variable"], seq, v)
    if w == "value":
        var = c["variable"]; fn = None
        if "::" in var:
            fn, var = var.split("::", 1)
        return any(same(x, v) for x in run.values(var, fn)), "value %s=%r" % (c["variable"], v)
    if w == "count":
        n = run.loop_count(c["variable"])
        return n == v, "count %s: real %d, stated %r" % (c["variable"], n, v)
    if w in ("comparison", "arith", "call"):
        r = eval(c["expr"], dict(run.g))
        return same(r, v), "%s %s -> %r, stated %r" % (w, c["expr"], r, v)
    if w == "return":
        return same(run.result, v), "return %r stated %r" % (run.result, v)
    return False, "unknown claim kind"

def probe_real(run, p):
    t = p["t"]
    if t == "hist":
        return run.history(p["var"], p.get("fn"), p.get("call_no"))[p["nth"]]
    if t == "at":
        return run.at_line(p["var"], p["line"], p["k"], p.get("after", False))
    if t in ("arith", "eval"):
        return eval(p["expr"], dict(run.g))
    if t == "seq":
        return run.seq_at(p["var"], p["line"])[p["k"] - 1]
    if t == "count":
        return run.loop_count("loop@line %d" % p["line"] + ("#%s" % p["seg"] if "seg" in p else ""))
    raise ValueError(t)

def check_item(it, runs, log):
    key = (it["code"], it["call"])
    if key not in runs:
        runs[key] = Run(it["code"], it["call"])
    run = runs[key]
    problems = []
    if repr(run.result) != it["returned"]:
        problems.append("returned mismatch %r vs %s" % (run.result, it["returned"]))
    # answer
    ans_ok = None
    if it["direction"] == "forward":
        ans_ok = same(lit(it["answer"]), run.result) and repr(lit(it["answer"])) == repr(run.result)
    else:
        r2 = Run(it["code"], it["answer"])
        ans_ok = repr(r2.result) == it["returned"]
    err = it["error"]
    if it["label"] == "faithful":
        if not ans_ok:
            problems.append("answer wrong: " + it["answer"])
        for c in it["claims"]:
            ok, msg = check_claim(run, c, it["returned"])
            if not ok:
                problems.append("false claim: %r (%s)" % (c["quote"], msg))
    else:
        k = err["kind"]
        if k in ("wrong_final_answer", "backward_wrong_input"):
            if ans_ok:
                problems.append("error answer is actually right")
            if k == "wrong_final_answer" and it["direction"] != "forward":
                problems.append("wrong_final_answer on backward item")
        else:
            if not ans_ok and not err.get("carried"):
                problems.append("answer should stay right for kind " + k)
        for c in it["claims"]:
            ok, msg = check_claim(run, c, it["returned"])
            fl = c.get("flag")
            if fl == "ERR":
                if ok and c["what"] in ("arith", "comparison", "count", "return", "call"):
                    problems.append("error claim is true: " + msg)
            elif fl == "CARRIED":
                pass
            elif not ok:
                problems.append("false non-error claim: %r (%s)" % (c["quote"], msg))
        p = err.get("probe")
        if p and p["t"] != "answer":
            real = probe_real(run, p)
            stated = lit(err["stated"]); actual = lit(err["actual"])
            if not same(real, actual):
                problems.append("probe real %r != actual %r" % (real, actual))
            if same(real, stated):
                problems.append("probe: stated value %r is true at that point" % (stated,))
            if p["t"] == "never":
                pass
            if err.get("held_elsewhere"):
                pool = run.all_values()
                if p["t"] in ("hist", "at"):
                    pool += run.values(p["var"], p.get("fn"))
                if not any(same(x, stated) for x in pool):
                    problems.append("held_elsewhere but stated %r never held" % (stated,))
            if k == "impossible_state":
                var = p.get("var")
                if var and any(same(x, stated) for x in run.values(var, p.get("fn"))):
                    problems.append("impossible_state value %r is held by %s" % (stated, var))
        if err["quote"] not in it["rationale"]:
            problems.append("error quote not in rationale")
    for c in it["claims"]:
        if c["quote"] not in it["rationale"]:
            problems.append("claim quote missing: " + c["quote"])
    log.append("%-28s %-8s %-28s %s" % (it["id"], it["label"], err["kind"] if err else "-",
                                       "PASS" if not problems else "FAIL: " + "; ".join(problems)))
    return not problems

def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "narrations.jsonl"
    items = [json.loads(l) for l in open(path) if l.strip()]
    runs, log = {}, []
    ok = sum(check_item(it, runs, log) for it in items)
    ids = [it["id"] for it in items]
    if len(set(ids)) != len(ids):
        log.append("DUPLICATE IDS"); ok -= 1
    log.append("%d/%d items pass" % (ok, len(items)))
    print("\n".join(log))
    return ok == len(items)

if __name__ == "__main__":
    sys.exit(0 if main() else 1)
