"""Standalone checker for the w428 narration corpus.

Runs every program call under sys.settrace (own code, no tool code), records per-line snapshots of
locals (deep copies) and per-variable value histories, then checks each narration's claims
(faithful items: every claim must hold) and each error copy (its error must be false at the point
it refers to; the rest of its claims must still hold).
"""
import ast, copy, json, sys
from collections import defaultdict

FN = "<w428>"


def flat(loc):
    out = {}
    for k, v in loc.items():
        out[k] = v
        if k == "self":
            for a, av in vars(v).items():
                out["self." + a] = av
    return out


def run(code, call):
    g = {"__name__": "w428prog"}
    exec(compile(code, FN, "exec"), g)
    snaps = {}            # (line, hit) -> deep-copied locals
    hits = defaultdict(int)
    hist = defaultdict(list)

    def rec(loc):
        for k, v in flat(loc).items():
            try:
                v = copy.deepcopy(v)
            except Exception:
                pass
            h = hist[k]
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)

    def tracer(frame, event, arg):
        if frame.f_code.co_filename != FN:
            return None
        if event == "line":
            ln = frame.f_lineno
            hits[ln] += 1
            loc = dict(frame.f_locals)
            try:
                snaps[(ln, hits[ln])] = copy.deepcopy(loc)
            except Exception:
                snaps[(ln, hits[ln])] = loc
            rec(loc)
        elif event == "return":
            rec(dict(frame.f_locals))
            hist["<return:%s>" % frame.f_code.co_name].append(copy.deepcopy(arg))
        return tracer

    sys.settrace(tracer)
    try:
        result = eval(call, g)
    finally:
        sys.settrace(None)
    return g, result, snaps, hits, hist


WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                      "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split())}


def lit(s):
    if isinstance(s, str):
        s = s.replace("`", "")
    if isinstance(s, str) and s.strip().lower() in ("true", "holds", "is true"):
        return True
    if isinstance(s, str) and s.strip().lower() in ("false", "fails", "is false"):
        return False
    if isinstance(s, str) and s.strip().lower() in WORDS:
        return WORDS[s.strip().lower()]
    try:
        v = ast.literal_eval(s)
    except Exception:
        return s
    return v


def at_value(at, snaps):
    if "hits" in at:
        return tuple(at_value(dict(at, hit=h, hits=None) if False else {"line": at["line"], "hit": h, "expr": at["expr"]}, snaps)
                     for h in at["hits"])
    key = (at["line"], at["hit"])
    if key not in snaps:
        raise KeyError("no snapshot for line %s hit %s" % key)
    env = flat(snaps[key])
    env2 = dict(snaps[key])
    return eval(at["expr"], {"__builtins__": __builtins__}, env2)


def check_claim(c, ctx, text):
    g, result, snaps, hits, hist = ctx
    if c["quote"] not in text:
        return "quote not in rationale: %r" % c["quote"]
    val = lit(c["value"])
    what = c["what"]
    if "at" in c:
        got = at_value(c["at"], snaps)
        return None if got == val else "at %s: got %r, claimed %r" % (c["at"], got, val)
    if what == "arith":
        expr = c.get("expr") or c["quote"].split("=")[0]
        got = eval(expr, {})
        return None if got == val else "arith %r = %r, claimed %r" % (expr, got, val)
    if what == "count":
        ln = int(c["variable"].split("@line")[1])
        got = hits.get(ln, 0)
        return None if got == val else "count line %d = %d, claimed %r" % (ln, got, val)
    if what == "return":
        return None if result == val else "return %r, claimed %r" % (result, val)
    if what in ("value", "call"):
        h = hist.get(c["variable"], [])
        return None if any(x == val and type(x) == type(val) or x == val for x in h) else \
            "value %r never held by %s (history %r)" % (val, c["variable"], h[:30])
    if what == "comparison":
        return "comparison without 'at'"
    return "unknown claim kind %r" % what


def check_item(it, ctx, report):
    g, result, snaps, hits, hist = ctx
    errs = []
    if repr(result) != it["returned"]:
        errs.append("returned mismatch %r vs %r" % (result, it["returned"]))
    last = it["rationale"].rstrip().splitlines()[-1]
    if not last.startswith("Answer:") and "Answer:" not in last and "Predicted Output:" not in last:
        errs.append("last line is not an answer line: %r" % last)
    if it["answer"] not in last:
        errs.append("answer %r not on last line" % it["answer"])
    err = it["error"]
    for c in it["claims"]:
        if err and c["quote"] == err["quote"]:
            continue
        m = check_claim(c, ctx, it["rationale"])
        if m:
            errs.append("claim %r: %s" % (c["quote"], m))
    # answer
    ans_ok = None
    if it["direction"] == "forward":
        ans_ok = lit(it["answer"]) == result and repr(lit(it["answer"])) == repr(result)
    else:
        g2 = {"__name__": "w428prog"}
        exec(compile(it["code"], FN, "exec"), g2)
        try:
            got = eval(it["answer"], g2)
            ans_ok = repr(got) == repr(result)
        except Exception as e:
            ans_ok = False
        if not it["answer"].startswith(it["function"] + "(") and it["kind"] == "function":
            errs.append("backward answer does not call %s" % it["function"])
    if err is None:
        if not ans_ok:
            errs.append("answer %r is wrong" % it["answer"])
    else:
        if err["quote"] not in it["rationale"]:
            errs.append("error quote not in rationale")
        if err["stated"] not in err["quote"]:
            errs.append("stated %r not inside quote" % err["stated"])
        k = err["kind"]
        if k in ("wrong_final_answer", "backward_wrong_input"):
            if ans_ok:
                errs.append("error answer is actually right")
        else:
            if not ans_ok:
                errs.append("answer wrong in a non-answer error copy")
            ch = err["check"]
            stated = lit(err["stated"]) if ch.get("literal", True) else err["stated"]
            t = ch["type"]
            if t == "arith":
                got = eval(ch["expr"], {})
            elif t == "at":
                got = at_value(ch, snaps)
            elif t == "count":
                got = hits.get(ch["line"], 0)
            elif t == "never":
                h = hist.get(ch["var"], [])
                if stated in h:
                    errs.append("impossible_state value actually held by %s" % ch["var"])
                got = None
            else:
                errs.append("unknown check %r" % t); got = None
            if t != "never":
                if got == stated:
                    errs.append("error value %r is actually true (%s)" % (stated, ch))
                if repr(got) != repr(lit(err["actual"])) and str(got) != err["actual"]:
                    errs.append("error 'actual' %r does not match execution %r" % (err["actual"], got))
            if err.get("held_elsewhere"):
                hv = ch.get("held_var")
                if hv and not any(x == stated for x in hist.get(hv, [])):
                    errs.append("held_elsewhere but %r never held by %s" % (stated, hv))
    return errs


def main():
    items = [json.loads(l) for l in open("narrations.jsonl")]
    cache = {}
    out = []
    bad = 0
    for it in items:
        key = (it["code"], it["call"])
        if key not in cache:
            cache[key] = run(it["code"], it["call"])
        try:
            errs = check_item(it, cache[key], out)
        except Exception as e:
            errs = ["exception: %r" % e]
        status = "PASS" if not errs else "FAIL"
        if errs:
            bad += 1
        out.append("%s %s (%d claims)%s" % (status, it["id"], len(it["claims"]),
                                              "".join("\n    - " + e for e in errs)))
    out.append("")
    out.append("items: %d, failures: %d" % (len(items), bad))
    txt = "\n".join(out)
    print(txt)
    open("check_report.txt", "w").write(txt + "\n")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
