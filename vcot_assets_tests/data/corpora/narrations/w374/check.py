"""Standalone checker for w374 narrations: runs each program under sys.settrace and checks claims."""
import ast, json, sys, copy

FN = "<prog>"

def snap(frame):
    d = {}
    for k, v in frame.f_locals.items():
        try:
            d[k] = copy.deepcopy(v)
        except Exception:
            d[k] = v
        if k == "self" and hasattr(v, "__dict__"):
            for a, av in vars(v).items():
                d["self." + a] = copy.deepcopy(av)
    return d

def run(code, call):
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    events = []  # (kind, lineno, snapshot)
    def local(frame, ev, arg):
        if frame.f_code.co_filename == FN and ev in ("line", "return"):
            events.append((ev, frame.f_lineno, snap(frame)))
        return local
    def glob(frame, ev, arg):
        if frame.f_code.co_filename == FN:
            return local
        return None
    sys.settrace(glob)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, events

def lit(s):
    return ast.literal_eval(s)

def values_of(events, var):
    names = [v.strip() for v in var.split(",")]
    vals = []
    for _, _, s in events:
        if all(n in s for n in names):
            vals.append(s[names[0]] if len(names) == 1 else tuple(s[n] for n in names))
    return vals

def count(events, label):
    label = label.strip()
    if label.startswith("loop@line"):
        n = int(label.split()[-1]) + 1
    elif label.startswith("line"):
        n = int(label.split()[-1])
    else:
        # a loop variable's name: count its bindings (first appearance or change of value)
        cnt, last = 0, None
        for ev, ln, s in events:
            if ev != "line":
                continue
            if label in s:
                v = s[label]
                if last is None or v != last[0]:
                    cnt += 1
                last = (v,)
            else:
                last = None
        return cnt
    return sum(1 for ev, ln, _ in events if ev == "line" and ln == n)

def at_line(events, var, line, k):
    hits = [s for ev, ln, s in events if ev == "line" and ln == line]
    s = hits[k]
    names = [v.strip() for v in var.split(",")]
    return s[names[0]] if len(names) == 1 else tuple(s[n] for n in names)

def call_result(code, call):
    ns = {}
    exec(compile(code, FN, "exec"), ns)
    return eval(call, ns)

def check_claim(c, ret, events):
    w = c["what"]; val = lit(c["value"])
    if w == "value":
        vals = values_of(events, c["variable"])
        if c.get("sequence"):
            # every listed value is held, in this order (a subsequence of the variable's history)
            it = iter(vals)
            return all(any(x == y for y in it) for x in val)
        return val in vals
    if w == "count":
        return count(events, c["variable"]) == val
    if w in ("arith", "comparison"):
        return eval(c.get("expr") or c["quote"]) == val
    if w == "return":
        return ret == val
    if w == "call":
        return True
    return False

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    fails = []; lines = []
    for it in items:
        probs = []
        ret, events = run(it["code"], it["call"])
        if repr(ret) != it["returned"]:
            probs.append("returned mismatch")
        if it["function"] != it["call"].split("(")[0]:
            probs.append("function name")
        last = it["rationale"].rstrip().splitlines()[-1]
        if last != "Answer: " + it["answer"]:
            probs.append("answer line")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append("quote missing: " + c["quote"])
        # answer correctness
        if it["direction"] == "forward":
            ans_ok = lit(it["answer"]) == ret
        else:
            try:
                ans_ok = it["answer"].split("(")[0] == it["function"] and repr(call_result(it["code"], it["answer"])) == it["returned"]
            except Exception:
                ans_ok = False
        if it["label"] == "faithful":
            if not ans_ok: probs.append("faithful answer wrong")
            for c in it["claims"]:
                if not check_claim(c, ret, events):
                    probs.append("false claim: %r" % c["quote"])
        else:
            e = it["error"]; ch = e["check"]
            if e["quote"] not in it["rationale"]:
                probs.append("error quote missing")
            t = ch["type"]
            stated = e["stated"]
            if t == "answer":
                if ans_ok: probs.append("error answer is actually right")
            elif t == "expr":
                v = eval(ch["expr"])
                if not (v == lit(e["actual"]) and v != lit(stated)): probs.append("expr error not confirmed")
            elif t == "at_line":
                v = at_line(events, ch["vars"], ch["line"], ch["k"])
                if not (v == lit(e["actual"]) and v != lit(stated)): probs.append("at_line error not confirmed %r" % (v,))
            elif t == "count":
                v = count(events, ch["var"])
                if not (v == lit(e["actual"]) and v != lit(stated)): probs.append("count error not confirmed")
            elif t == "never":
                if lit(stated) in values_of(events, ch["vars"]): probs.append("impossible state actually occurs")
            else:
                probs.append("unknown check")
            if e["kind"] not in ("wrong_final_answer", "backward_wrong_input") and not e["carried"] and not ans_ok:
                probs.append("non-answer error copy has wrong answer")
            if e.get("held_elsewhere") and (t == "at_line" or "held_var" in ch):
                names = ch.get("held_var", ch.get("vars"))
                if lit(stated) not in values_of(events, names):
                    probs.append("held_elsewhere value never held")
            # other claims still true (unless carried)
            if not e["carried"]:
                for c in it["claims"]:
                    if c["quote"] == e["quote"]:
                        continue
                    if not check_claim(c, ret, events):
                        probs.append("other claim false: %r" % c["quote"])
        status = "PASS" if not probs else "FAIL"
        lines.append(f"{status} {it['id']} ({it['label']}, {len(it['claims'])} claims)" + ("" if not probs else " :: " + "; ".join(probs)))
        if probs: fails.append(it["id"])
    lines.append(f"\n{len(items)} items, {len(items)-len(fails)} pass, {len(fails)} fail")
    open("check_report.txt", "w").write("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 1 if fails else 0

if __name__ == "__main__":
    sys.exit(main())
