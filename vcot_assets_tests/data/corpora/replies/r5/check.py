#!/usr/bin/env python3
"""Self-check for the r5 reply corpus.

Usage: python3 check.py [replies.jsonl]   (writes nothing; redirect to check_report.txt)

Checks every line parses and has the record schema of BRIEF.md; that every expected
code / test / answer is valid Python (ast.parse); narrate_forward answers evaluate to
`returned` and `returned` is what running `code` + `call` really gives; narrate_backward
answers, run after `code`, give `returned`; every candidate_code solution passes the
sanity calls listed below; and (loosely) that extracted items actually occur in the reply.
"""
import ast, json, re, sys, collections

TEMPLATES = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios",
             "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"]
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini",
            "deepseek-r1-distill", "smollm2-135m"}
CLAIM_KINDS = {"value", "index", "comparison", "branch", "loop", "return"}

# candidate_code sanity calls: id -> list of (expression, expected python value)
SANITY = {
    "r5-candidate_code-01": [("top_k_frequent(['b', 'a', 'b', 'c', 'a', 'b'], 2)", [('b', 3), ('a', 2)]),
                             ("top_k_frequent([], 3)", [])],
    "r5-candidate_code-02": [("wrap_words('the quick brown fox jumps', 10)", ['the quick', 'brown fox', 'jumps']),
                             ("wrap_words('', 5)", [])],
    "r5-candidate_code-03": [("SlidingMedian(3).add(5)", 5), ("_m = SlidingMedian(2); _m.add(1); _m.add(9)", None),
                             ("(lambda m: (m.add(1), m.add(9), m.add(4))[-1])(SlidingMedian(2))", 6.5)],
    "r5-candidate_code-04": [("run_length_encode('aaabccdddd')", [('a', 3), ('b', 1), ('c', 2), ('d', 4)]),
                             ("run_length_encode('')", [])],
    "r5-candidate_code-05": [("closest_fraction(3.14159, 10)", (22, 7)), ("closest_fraction(0.5, 1)", (0, 1)),
                             ("closest_fraction(0.75, 4)", (3, 4))],
    "r5-candidate_code-06": [("common_indent(['    a', '      b', '', '    c'])", 4),
                             ("common_indent(['x', '  y'])", 0)],
}

problems = []
def bad(rid, msg):
    problems.append(f"{rid}: {msg}")

def parses(src, rid, what, mode="exec"):
    try:
        return ast.parse(src, mode=mode)
    except SyntaxError as e:
        bad(rid, f"{what} does not parse: {e}: {src[:80]!r}")
        return None

def norm(s):
    s = s.replace("**", "").replace("`", "")
    return re.sub(r"\s+", " ", s.replace("\\n", " ")).strip().lower()

def occurs(piece, reply):
    return norm(piece) in norm(reply)

def check_signature_line(rid, exp):
    line, kind, name = exp.get("line", ""), exp.get("kind"), exp.get("name")
    if kind == "function":
        m = re.fullmatch(r"Function: (\w+)\((.*)\) -> (.+)", line)
        if not m:
            return bad(rid, f"signature line not in Function form: {line!r}")
        if m.group(1) != name:
            bad(rid, "signature name differs from line")
        parses(f"def {m.group(1)}({m.group(2)}) -> {m.group(3)}: pass", rid, "signature")
    elif kind == "class":
        parts = line.split("; ")
        m = re.fullmatch(r"Class: (\w+)", parts[0])
        if not m or m.group(1) != name:
            return bad(rid, f"class line head wrong: {parts[0]!r}")
        if len(parts) < 3 or not parts[1].startswith("__init__(self"):
            bad(rid, "class line needs __init__ then a primary method")
        for p in parts[1:]:
            mm = re.fullmatch(r"(\w+)\((self.*)\) -> (.+)", p)
            if not mm:
                bad(rid, f"method part malformed: {p!r}"); continue
            parses(f"def {mm.group(1)}({mm.group(2)}) -> {mm.group(3)}: pass", rid, "method")
    else:
        bad(rid, f"bad signature kind {kind!r}")

def run_code(code):
    ns = {}
    exec(compile(code, "<code>", "exec"), ns)
    return ns

def check_record(r, counts):
    rid = r.get("id", "?")
    for k in ["id", "template", "family", "mode", "prompt", "reply", "finish_reason",
              "expected", "truncated", "usable", "notes"]:
        if k not in r:
            bad(rid, f"missing field {k}")
    t = r.get("template")
    if t not in TEMPLATES:
        return bad(rid, f"unknown template {t!r}")
    if not re.fullmatch(rf"r5-{t}-\d\d", rid):
        bad(rid, "id does not match r5-<template>-NN")
    if r.get("family") not in FAMILIES:
        bad(rid, f"unknown family {r.get('family')!r}")
    if r.get("mode") not in ("text", "json_object"):
        bad(rid, "bad mode")
    if r.get("finish_reason") not in ("stop", "length"):
        bad(rid, "bad finish_reason")
    if (r.get("finish_reason") == "length") != bool(r.get("truncated")):
        bad(rid, "finish_reason and truncated disagree")
    if not isinstance(r.get("usable"), bool) or not isinstance(r.get("truncated"), bool):
        bad(rid, "usable/truncated must be booleans")
    if "{{" in r.get("prompt", ""):
        bad(rid, "prompt has an unfilled slot")
    if "### Task\nTask: " + t not in r.get("prompt", ""):
        bad(rid, "prompt is not the rendered template")
    counts["template"][t] += 1
    counts["family"][r.get("family")] += 1
    counts["mode"][r.get("mode")] += 1
    counts["truncated"][r.get("truncated")] += 1
    counts["usable"][r.get("usable")] += 1
    counts["tf"][(t, r.get("family"))] += 1
    exp, reply, usable = r.get("expected", {}), r.get("reply", ""), r.get("usable")
    if r.get("mode") == "json_object" and usable and not r.get("truncated"):
        try:
            json.loads(reply)
        except ValueError:
            bad(rid, "json_object reply is not bare JSON")

    if t == "concepts":
        cs = exp.get("concepts")
        if not isinstance(cs, list) or (usable and not cs):
            return bad(rid, "concepts missing")
        for c in cs:
            if set(c) != {"name", "keyphrase", "description", "examples", "difficulty"}:
                bad(rid, f"concept keys {sorted(c)}")
            if c.get("difficulty") not in ("easy", "medium", "hard"):
                bad(rid, "bad difficulty")
            if not occurs(c.get("name", ""), reply) or not occurs(c.get("description", ""), reply):
                bad(rid, f"concept not found in reply: {c.get('name')}")
    elif t == "instructions":
        items = exp.get("instructions")
        if not isinstance(items, list) or (usable and not items):
            return bad(rid, "instructions missing")
        for it in items:
            if it.get("kind") not in ("function", "class"):
                bad(rid, "bad instruction kind")
            txt = it.get("text", "")
            if re.match(r"^\s*(\d+[.)]|\[|\*\*)", txt):
                bad(rid, f"instruction keeps numbering/tag: {txt[:40]!r}")
            if not occurs(txt, reply):
                bad(rid, f"instruction text not in reply: {txt[:50]!r}")
    elif t == "signature":
        if usable:
            check_signature_line(rid, exp)
    elif t == "candidate_code":
        code = exp.get("code", "")
        if usable:
            if parses(code, rid, "code") is None:
                return
            if "assert " in code or "__main__" in code:
                bad(rid, "code keeps tests/demo")
            calls = SANITY.get(rid)
            if not calls:
                return bad(rid, "no sanity call defined")
            try:
                ns = run_code(code)
            except Exception as e:
                return bad(rid, f"code fails to exec: {e!r}")
            for src, want in calls:
                try:
                    if ";" in src:
                        exec(src, ns); continue
                    got = eval(src, ns)
                except Exception as e:
                    bad(rid, f"sanity {src} raised {e!r}"); continue
                if got != want:
                    bad(rid, f"sanity {src} gave {got!r}, want {want!r}")
            if not r.get("truncated"):
                hay = reply
                if r.get("mode") == "json_object":
                    hay = "\n".join(str(v) for v in json.loads(reply).values())
                for line in code.splitlines():
                    if line.strip() and line.strip() not in hay:
                        bad(rid, f"code line not in reply: {line.strip()[:50]!r}")
                        break
    elif t == "test_scenarios":
        sc = exp.get("scenarios")
        if not isinstance(sc, list) or (usable and not sc):
            return bad(rid, "scenarios missing")
        for s in sc:
            if not occurs(s, reply):
                bad(rid, f"scenario not in reply: {s[:50]!r}")
    elif t == "candidate_tests":
        tests = exp.get("tests")
        if not isinstance(tests, list) or (usable and not tests):
            return bad(rid, "tests missing")
        for tst in tests:
            tree = parses(tst, rid, "test")
            if tree is None:
                continue
            if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Assert):
                bad(rid, f"test is not one assert: {tst[:50]!r}")
            elif not (isinstance(tree.body[0].test, ast.Compare)
                      and isinstance(tree.body[0].test.ops[0], ast.Eq)):
                bad(rid, f"test is not assert ... == ...: {tst[:50]!r}")
            if tst not in reply:
                bad(rid, f"test not verbatim in reply: {tst[:60]!r}")
        for u in exp.get("unusable_tests", []):
            if not (isinstance(u, dict) and u.get("reason")) and not isinstance(u, str):
                bad(rid, "unusable_tests entry lacks a reason")
    elif t == "extract_entities":
        cl = exp.get("claims")
        if not isinstance(cl, list) or (usable and not cl):
            return bad(rid, "claims missing")
        for c in cl:
            if set(c) != {"kind", "name", "value"}:
                bad(rid, f"claim keys {sorted(c)}")
            if c.get("kind") not in CLAIM_KINDS:
                bad(rid, f"bad claim kind {c.get('kind')!r}")
            if not all(isinstance(c.get(k), str) for k in ("kind", "name", "value")):
                bad(rid, "claim fields must be strings")
            if not occurs(c.get("name", ""), r["prompt"]):
                bad(rid, f"claim name not in sentence: {c.get('name')!r}")
    elif t in ("narrate_forward", "narrate_backward"):
        for k in ("code", "call", "returned"):
            if k not in r:
                bad(rid, f"narrate record lacks {k}")
        code, call, returned = r.get("code", ""), r.get("call", ""), r.get("returned", "")
        parses(code, rid, "code")
        try:
            ns = run_code(code)
            real = repr(eval(call, dict(ns)))
            if real != returned:
                bad(rid, f"returned {returned!r} but the call gives {real!r}")
        except Exception as e:
            bad(rid, f"code/call fails: {e!r}")
            return
        if code.strip() not in r["prompt"]:
            bad(rid, "code not in prompt")
        if not usable:
            return
        ans = exp.get("answer", "")
        if parses(ans, rid, "answer", mode="eval") is None:
            return
        try:
            if t == "narrate_forward":
                if eval(ans, {}) != eval(returned, {}) or repr(eval(ans, {})) != returned:
                    bad(rid, f"answer {ans!r} != returned {returned!r}")
                if call not in r["prompt"]:
                    bad(rid, "call not in prompt")
            else:
                got = repr(eval(ans, dict(run_code(code))))
                if got != returned:
                    bad(rid, f"answer call gives {got!r}, want {returned!r}")
                if returned not in r["prompt"]:
                    bad(rid, "returned value not in prompt")
        except Exception as e:
            bad(rid, f"answer fails: {e!r}")

def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "replies.jsonl"
    counts = collections.defaultdict(collections.Counter)
    ids = set()
    n = 0
    with open(path) as f:
        for i, line in enumerate(f, 1):
            try:
                r = json.loads(line)
            except ValueError as e:
                problems.append(f"line {i}: does not parse: {e}"); continue
            n += 1
            if r.get("id") in ids:
                bad(r.get("id"), "duplicate id")
            ids.add(r.get("id"))
            check_record(r, counts)
    print(f"file: {path}\nrecords: {n}")
    for key in ("template", "family", "mode", "truncated", "usable"):
        print(f"{key}: " + ", ".join(f"{k}={v}" for k, v in sorted(counts[key].items(), key=lambda kv: str(kv[0]))))
    per_t = collections.defaultdict(set)
    for (t, fam) in counts["tf"]:
        per_t[t].add(fam)
    for t in TEMPLATES:
        if counts["template"][t]:
            print(f"  {t}: {counts['template'][t]} replies, families: {', '.join(sorted(per_t[t]))}")
            if len(per_t[t]) < 5:
                bad(t, "fewer than 5 families")
    if problems:
        print(f"PROBLEMS ({len(problems)}):")
        for p in problems:
            print("  " + p)
        print("RESULT: FAIL")
        return 1
    print("RESULT: PASS")
    return 0

if __name__ == "__main__":
    sys.exit(main())
