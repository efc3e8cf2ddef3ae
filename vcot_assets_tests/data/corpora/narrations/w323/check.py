#!/usr/bin/env python3
"""Standalone checker for w323 narrations: re-executes every call with sys.settrace,
records per-variable value histories (locals of program frames, plus self.<attr>),
per-line hit counts, and checks each item's claims, answer, and error."""
import ast, copy, json, re, sys

FN = "<prog>"

def run(code, call):
    g = {"__name__": "prog"}
    exec(compile(code, FN, "exec"), g)
    hist, lines, last, at = {}, {}, {}, {}
    def snap(frame, key_line=None):
        items = dict(frame.f_locals)
        s = items.get("self")
        if s is not None and hasattr(s, "__dict__"):
            for k, v in vars(s).items():
                items["self." + k] = v
        if key_line is not None:
            cur = {}
            for k, v in items.items():
                try:
                    cur[k] = copy.deepcopy(v)
                except Exception:
                    pass
            at[key_line] = cur
        for k, v in items.items():
            if k == "self":
                continue
            try:
                v = copy.deepcopy(v)
            except Exception:
                continue
            key = (id(frame), k)
            if key in last and last[key] == v and type(last[key]) == type(v):
                continue
            last[key] = v
            hist.setdefault(k, []).append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == "line":
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
            snap(frame, (frame.f_lineno, lines[frame.f_lineno]))
        else:
            snap(frame)
        return tracer
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines, g, at

def project(var, hist):
    """History of a variable (or self.attr) or of an expression on it such as
    index['b'] or parts[0], with consecutive duplicates removed."""
    m = re.match(r"(self\.)?[A-Za-z_]\w*", var)
    base, rest = m.group(0), var[m.end():]
    out = []
    for h in hist.get(base, []):
        try:
            v = eval("h" + rest, {"h": h}) if rest else h
        except Exception:
            continue
        if not out or out[-1] != v:
            out.append(v)
    return out

def lit(s):
    return ast.literal_eval(s)

def count_of(label, lines, hist=None):
    """loop@line N: times line N ran (first line of the loop body);
    loop@line N after K: times line N ran minus K earlier hits (one call of several);
    a plain variable name: number of distinct successive values it took."""
    if "@line" not in label:
        return len(project(label, hist))
    rest = label.split("@line")[1].strip()
    if " after " in rest:
        n, k = rest.split(" after ")
        return lines.get(int(n), 0) - int(k)
    return lines.get(int(rest), 0)

def check_claim(c, ret, hist, lines, g, at):
    w, v = c["what"], lit(c["value"])
    if w == "value":
        h = project(c["variable"], hist)
        if c.get("sequence"):
            # the stated run of values must appear, in order and contiguous, in the history
            n = len(v)
            return any(h[i:i + n] == v for i in range(len(h) - n + 1)), h
        return v in h, h
    if w == "count":
        r = count_of(c["variable"], lines, hist)
        return r == v, r
    if w in ("arith", "comparison"):
        r = eval(c["expr"])
        return r == v, r
    if w == "return":
        return ret == v, ret
    if w == "call":
        r = eval(c["expr"], g)
        return r == v, r
    return False, "unknown what"

def check_error(it, ret, hist, lines, g, at):
    e = it["error"]; ck = e.get("check", {}); t = ck.get("type")
    stated = lit(e["stated"]) if t not in ("answer",) else None
    if t == "arith":
        r = eval(ck["expr"]); return r != stated and r == lit(e["actual"]), r
    if t == "history":
        h = hist.get(ck["variable"], [])
        r = h[ck["nth"]]
        return r != stated and r == lit(e["actual"]), r
    if t == "seq":
        r = project(ck["variable"], hist)[ck["pos"]]
        return r != stated and r == lit(e["actual"]), r
    if t == "at_line":
        snapv = at[(ck["line"], ck["hit"])]
        name = ck["variable"]
        r = snapv[name] if name in snapv else eval(name, {}, snapv)
        return r != stated and r == lit(e["actual"]), r
    if t == "count":
        r = count_of(ck["label"], lines, hist); return r != stated and r == lit(e["actual"]), r
    if t == "comparison":
        r = bool(eval(ck["expr"])); return r != stated, r
    if t == "absent":
        h = hist.get(ck["variable"], []); return stated not in h, h
    if t == "answer":
        if it["direction"] == "forward":
            return lit(it["answer"]) != ret, ret
        r = eval(it["answer"], g); return r != ret, r
    return False, "no check"

def main():
    items = [json.loads(l) for l in open("narrations.jsonl") if l.strip()]
    out, bad = [], 0
    for it in items:
        ret, hist, lines, g, at = run(it["code"], it["call"])
        probs = []
        if repr(ret) != it["returned"]:
            probs.append(f"returned {ret!r} != {it['returned']}")
        for c in it["claims"]:
            if c["quote"] not in it["rationale"]:
                probs.append(f"quote missing: {c['quote']!r}")
        if it["label"] == "faithful":
            for c in it["claims"]:
                ok, got = check_claim(c, ret, hist, lines, g, at)
                if not ok:
                    probs.append(f"claim false: {c['quote']!r} value={c['value']} got={got!r}")
            if it["direction"] == "forward":
                if lit(it["answer"]) != ret: probs.append("forward answer wrong")
            else:
                if eval(it["answer"], g) != ret: probs.append("backward answer wrong")
        else:
            e = it["error"]
            if e["quote"] not in it["rationale"]:
                probs.append(f"error quote missing {e['quote']!r}")
            ok, got = check_error(it, ret, hist, lines, g, at)
            if not ok:
                probs.append(f"error not confirmed false: {e['kind']} got={got!r}")
            if e.get("held_elsewhere"):
                # the wrong value must be one the program really holds somewhere else in the run
                sv = lit(e["stated"])
                def parts(v):
                    yield v
                    if isinstance(v, dict):
                        yield from v.values()
                    elif isinstance(v, (list, tuple)):
                        yield from v
                if not any(sv == p for h in hist.values() for v in h for p in parts(v)):
                    probs.append(f"held_elsewhere but {e['stated']} is never held by any variable")
            # all other claims (not the error one) must hold
            for c in it["claims"]:
                if c.get("is_error"):
                    continue
                ok2, got2 = check_claim(c, ret, hist, lines, g, at)
                if not ok2 and not e.get("carried"):
                    probs.append(f"non-error claim false: {c['quote']!r} got={got2!r}")
            if it["direction"] == "forward" and e["kind"] not in ("wrong_final_answer",) and not e.get("carried"):
                if lit(it["answer"]) != ret: probs.append("answer wrong in non-answer error copy")
        status = "PASS" if not probs else "FAIL"
        bad += bool(probs)
        out.append(f"{status} {it['id']} ({it['label']}, {len(it['claims'])} claims)" + "".join("\n    " + p for p in probs))
    out.append(f"\n{len(items)} items, {len(items)-bad} pass, {bad} fail")
    txt = "\n".join(out)
    open("check_report.txt", "w").write(txt + "\n")
    print(txt)
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
