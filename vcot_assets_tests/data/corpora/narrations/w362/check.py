"""Standalone checker for w362 narrations: re-executes each program with sys.settrace,
records every variable's value history, and checks claims / answers / errors."""
import ast, copy, json, sys
from collections import defaultdict

FN = "<w362-prog>"

def lit(s):
    return ast.literal_eval(s) if isinstance(s, str) else s

def run(code, call):
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    cls = tuple(v for v in ns.values() if isinstance(v, type))
    hist = defaultdict(list)
    hits = defaultdict(int)

    def rec(name, val):
        try:
            val = copy.deepcopy(val)
        except Exception:
            return
        h = hist[name]
        if not h or h[-1] != val or type(h[-1]) != type(val):
            h.append(val)

    def snap(frame):
        for k, v in list(frame.f_locals.items()):
            if cls and isinstance(v, cls):
                for a, av in vars(v).items():
                    rec(f"{k}.{a}", av)
            elif not callable(v):
                rec(k, v)

    def tr(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == "line":
            hits[frame.f_lineno] += 1
        if event in ("line", "return"):
            snap(frame)
        return tr

    sys.settrace(tr)
    try:
        result = eval(call, ns)
    finally:
        sys.settrace(None)
    return result, hist, hits, ns

def is_subseq(seq, h):
    n = len(seq)
    return any(h[i:i + n] == seq for i in range(len(h) - n + 1))

def check_claim(c, result, hist, hits, ns):
    w, v = c["what"], lit(c["value"])
    if w == "value":
        h = hist.get(c["variable"], [])
        if c.get("seq"):
            return is_subseq(v, h), f"{c['variable']} history {h}"
        return v in h, f"{c['variable']} history {h}"
    if w == "count":
        line = int(c["variable"].split("line")[1])
        return hits[line] == v, f"line {line} hit {hits[line]}"
    if w == "arith":
        ex = c.get("expr") or c["quote"].replace("`", "").split(" = ")[0]
        got = eval(ex, {})
        return got == v, f"{c['quote']} -> {got}"
    if w == "comparison":
        got = eval(c["expr"], {})
        return got == v, f"{c['expr']} -> {got}"
    if w == "return":
        return result == v, f"returned {result!r}"
    if w == "call":
        got = eval(c["quote"], ns)
        return got == v, f"{c['quote']} -> {got!r}"
    return False, "unknown claim kind"

def check_error(it, result, hist, hits, ns):
    e, ck = it["error"], it["error"]["check"]
    t = ck["type"]
    stated = ck.get("stated", None)
    if t == "arith":
        got = eval(ck["expr"], {})
        ok = got != lit(e["stated"]) and got == lit(e["actual"])
        if e.get("held_elsewhere"):
            vals = [x for h in hist.values() for x in h]
            st = lit(e["stated"])
            parts = list(st) if isinstance(st, tuple) else [st]
            ok = ok and any(p in vals for p in parts)
        return ok, f"{ck['expr']} -> {got}, stated {e['stated']}"
    if t == "answer":
        if it["direction"] == "forward":
            return lit(it["answer"]) != result, f"answer {it['answer']} vs {result!r}"
        got = eval(it["answer"], ns)
        return got != result, f"{it['answer']} -> {got!r} (output {result!r})"
    if t == "not_in_history":
        h = hist[ck["var"]]
        return lit(e["stated"]) not in h, f"{ck['var']} history {h}"
    if t == "history_at":
        h = hist[ck["var"]]
        at = h[ck["index"]]
        s = stated if stated is not None else lit(e["stated"])
        ok = at != s and at == lit(e["actual"])
        if e.get("held_elsewhere"):
            ok = ok and s in h  # the slip must be a value the run holds at another moment
        return ok, f"{ck['var']}[{ck['index']}] = {at!r}, stated {s!r}, in-run elsewhere: {s in h}"
    if t == "count":
        n = hits[ck["line"]]
        # held_elsewhere for counts is not used in this corpus
        s = stated if stated is not None else lit(e["stated"])
        return n != s and n == lit(e["actual"]), f"line {ck['line']} hit {n}, stated {s}"
    if t == "comparison":
        got = eval(ck["expr"], {})
        return got != ck["stated"], f"{ck['expr']} -> {got}, stated {ck['stated']}"
    if t == "swap":
        bad = [(v, hist[v][i], s) for v, i, s in ck["pairs"]]
        return all(a != s for _, a, s in bad), f"{bad}"
    return False, "unknown check"

def main(path="narrations.jsonl"):
    items = [json.loads(l) for l in open(path)]
    progs = {json.loads(l)["id"]: json.loads(l) for l in open("programs.jsonl")}
    ok_all, lines = True, []
    for it in items:
        result, hist, hits, ns = run(it["code"], it["call"])
        probs = []
        if repr(result) != it["returned"]:
            probs.append(f"returned {result!r} != {it['returned']}")
        if it["program_id"] not in progs:
            probs.append("program missing from programs.jsonl")
        if not it["rationale"].rstrip().endswith("Answer: " + it["answer"]):
            probs.append("last line is not the Answer line")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append(f"quote not in rationale: {c['quote']!r}")
        if it["label"] == "faithful":
            if it["direction"] == "forward":
                if lit(it["answer"]) != result:
                    probs.append("forward answer != return")
            else:
                got = eval(it["answer"], ns)
                if got != result:
                    probs.append(f"backward answer returns {got!r}")
            for c in it["claims"]:
                good, why = check_claim(c, result, hist, hits, ns)
                if not good:
                    probs.append(f"claim false: {c['quote']!r}: {why}")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                probs.append("error quote missing")
            good, why = check_error(it, result, hist, hits, ns)
            if not good:
                probs.append(f"error not confirmed false: {why}")
            else:
                lines.append(f"   {it['id']}: {e['kind']} confirmed false ({why})")
            for c in it["claims"][:-1]:
                good2, why2 = check_claim(c, result, hist, hits, ns)
                if not good2 and not e.get("carried"):
                    probs.append(f"non-error claim false: {c['quote']!r}: {why2}")
        status = "PASS" if not probs else "FAIL"
        ok_all &= not probs
        lines.append(f"{status} {it['id']} ({it['label']}, {len(it['claims'])} claims, {it['trace_events']} events)")
        lines += ["   " + p for p in probs]
    lines.append(f"\n{len(items)} items, {'ALL PASS' if ok_all else 'SOME FAIL'}")
    print("\n".join(lines))
    return ok_all

if __name__ == "__main__":
    sys.exit(0 if main() else 1)
