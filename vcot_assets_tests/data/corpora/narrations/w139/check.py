"""Standalone checker for w139 narrations: re-executes each program with sys.settrace,
records every variable's value history (locals and self.<attr>) and line hit counts,
then verifies claims of faithful items and confirms the injected error of error copies is false."""
import ast, copy, json, sys

def run(code, call):
    hist, lines = {}, {}
    def snap(v):
        try: return copy.deepcopy(v)
        except Exception: return v
    def rec(name, v):
        h = hist.setdefault(name, [])
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(snap(v))
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != "<prog>": return None
        def local(frame, event, arg):
            if event == "line":
                lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            for k, v in frame.f_locals.items():
                if k == "self" and hasattr(v, "__dict__"):
                    for a, av in vars(v).items(): rec("self." + a, av)
                elif not callable(v) and not isinstance(v, type):
                    rec(k, v)
            return local
        local(frame, event, arg)
        return local
    ns = {}
    exec(compile(code, "<prog>", "exec"), ns)
    sys.settrace(tracer)
    try: ret = eval(compile(call, "<call>", "eval"), ns)
    finally: sys.settrace(None)
    return ret, hist, lines

def plain(code, call):
    ns = {}; exec(compile(code, "<prog2>", "exec"), ns)
    return eval(call, ns)

L = ast.literal_eval
def check_claim(c, item, ret, hist, lines):
    w = c["what"]
    if w == "count":
        return lines.get(c["line"], 0) == int(c["value"])
    if w in ("arith", "comparison"):
        return eval(c["expr"]) == L(c["value"])
    if w == "return":
        return L(c["value"]) == ret
    if w == "call":
        return plain(item["code"], c["value"]) == ret
    if w == "value":
        h = hist.get(c["variable"], [])
        v = L(c["value"])
        if c.get("history"):
            v = [x for k, x in enumerate(v) if k == 0 or v[k - 1] != x]  # history is stored without consecutive repeats
            if c.get("sub"):
                return any(h[i:i + len(v)] == v for i in range(len(h)))
            return h[:len(v)] == v if c.get("prefix") else (h == v or h[1:] == v)
        return v in h
    return False

def check_error(e, item, ret, hist, lines):
    ck = e["check"]; st = e["stated"]; msgs = []
    ok = True
    if "expr" in ck:
        ok &= eval(ck["expr"]) != L(st); msgs.append(f"expr {ck['expr']}={eval(ck['expr'])!r} vs stated {st}")
    if "line" in ck:
        ok &= lines.get(ck["line"], 0) != int(st); msgs.append(f"line {ck['line']} ran {lines.get(ck['line'],0)} vs stated {st}")
    if "index" in ck:
        h = hist.get(ck["variable"], [])
        ok &= h[ck["index"]] != L(st); msgs.append(f"{ck['variable']}[{ck['index']}]={h[ck['index']]!r} vs stated {st}")
        if e["held_elsewhere"]:
            ok &= L(st) in h; msgs.append(f"stated value held elsewhere by {ck['variable']}: {L(st) in h}")
    elif "variable" in ck:
        h = hist.get(ck["variable"], [])
        ok &= L(ck["value"]) not in h; msgs.append(f"{ck['variable']} never {ck['value']}: {L(ck['value']) not in h}")
    if ck.get("call"):
        got = plain(item["code"], st); ok &= got != ret; msgs.append(f"{st} returns {got!r}, not {ret!r}")
    if ck.get("answer"):
        ok &= L(st) != ret; msgs.append(f"answer {st} vs returned {ret!r}")
    ok &= e["quote"] in item["rationale"]
    return ok, "; ".join(msgs)

def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    fails = 0; out = []
    for it in items:
        ret, hist, lines = run(it["code"], it["call"])
        prob = []
        if repr(ret) != it["returned"]: prob.append("returned mismatch")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]: prob.append("quote missing: " + c["quote"])
            if c.get("error"): continue
            if not check_claim(c, it, ret, hist, lines): prob.append("false claim: " + c["quote"])
        last = it["rationale"].strip().splitlines()[-1]
        if it["answer"] not in last: prob.append("answer not on last line")
        if it["label"] == "faithful":
            if it["direction"] == "forward":
                if L(it["answer"]) != ret: prob.append("forward answer wrong")
            elif plain(it["code"], it["answer"]) != ret: prob.append("backward answer wrong")
            msg = "faithful: all claims true"
        else:
            ok, msg = check_error(it["error"], it, ret, hist, lines)
            if not ok: prob.append("error not confirmed false: " + msg)
            if it["error"]["kind"] not in ("wrong_final_answer", "backward_wrong_input"):
                if it["direction"] == "forward" and L(it["answer"]) != ret: prob.append("answer changed")
                if it["direction"] == "backward" and plain(it["code"], it["answer"]) != ret: prob.append("answer changed")
            msg = it["error"]["kind"] + ": " + msg
        status = "FAIL" if prob else "PASS"
        fails += bool(prob)
        out.append(f"{status} {it['id']} [{len(it['claims'])} claims] {msg}" + ("" if not prob else " :: " + " | ".join(prob)))
    out.append(f"\n{len(items)} items, {len(items)-fails} pass, {fails} fail")
    print("\n".join(out))
    return fails

if __name__ == "__main__":
    sys.exit(1 if main() else 0)
