#!/usr/bin/env python3
"""Self-check for /work/corpus/replies/r20/replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, re, sys
from collections import Counter, defaultdict

PATH = sys.argv[1] if len(sys.argv) > 1 else "/work/corpus/replies/r20/replies.jsonl"
TEMPLATES = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios",
             "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"]
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini",
            "deepseek-r1-distill", "smollm2-135m"}
KEYS = {"id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected",
        "truncated", "usable", "notes"}
# sanity calls (boolean expressions) for each candidate_code expected.code
SANITY = {
 "r20-candidate_code-01": [
  "is_min_heap([1, 3, 2, 7]) == True",
  "is_min_heap([4, 1]) == False",
  "is_min_heap([]) == True"
 ],
 "r20-candidate_code-02": [
  "SortedBag([5, 1, 3]).add(4) == 2",
  "SortedBag([]).add(7) == 0"
 ],
 "r20-candidate_code-03": [
  "wrap_words('the quick brown fox', 10) == ['the quick', 'brown fox']",
  "wrap_words('', 5) == []",
  "wrap_words('abcdefgh ab', 4) == ['abcdefgh', 'ab']"
 ],
 "r20-candidate_code-04": [
  "reduce_fraction(8, 6) == (4, 3)",
  "reduce_fraction(1, -2) == (-1, 2)",
  "reduce_fraction(0, 5) == (0, 1)"
 ],
 "r20-candidate_code-05": [
  "all_modes(['a', 'b', 'a', 'c', 'b']) == ['a', 'b']",
  "all_modes([]) == []"
 ],
 "r20-candidate_code-06": [
  "grade_for(85, [60, 70, 80, 90], 'FDCBA') == 'B'",
  "grade_for(90, [60, 70, 80, 90], 'FDCBA') == 'A'",
  "grade_for(10, [60, 70, 80, 90], 'FDCBA') == 'F'"
 ]
}

errors, infos = [], []
def err(rid, msg): errors.append(f"{rid}: {msg}")

def parses(src, mode="exec"):
    try:
        ast.parse(src, mode=mode); return True
    except SyntaxError:
        return False

rows = []
with open(PATH) as f:
    for i, line in enumerate(f, 1):
        try:
            rows.append(json.loads(line))
        except Exception as e:
            err(f"line {i}", f"does not parse: {e}")

ids = Counter(r.get("id") for r in rows)
for k, v in ids.items():
    if v > 1: err(k, "duplicate id")

codes_by_name = {}
for r in rows:
    rid = r.get("id", "?")
    miss = KEYS - set(r)
    if miss: err(rid, f"missing keys {sorted(miss)}")
    t, e = r.get("template"), r.get("expected", {})
    if t not in TEMPLATES: err(rid, f"bad template {t}"); continue
    if not re.fullmatch(rf"r20-{t}-\d\d", rid): err(rid, "id format")
    if r["family"] not in FAMILIES: err(rid, "bad family")
    if r["mode"] not in ("text", "json_object"): err(rid, "bad mode")
    if r["finish_reason"] not in ("stop", "length"): err(rid, "bad finish_reason")
    if r["truncated"] != (r["finish_reason"] == "length"): err(rid, "truncated vs finish_reason")
    if "{{" in r["prompt"] or "}}" in r["prompt"]: err(rid, "unfilled slot in prompt")
    if f"Task: {t}" not in r["prompt"]: err(rid, "prompt is not this template")
    if r["family"] == "deepseek-r1-distill" and not r["reply"].startswith("<think>"): err(rid, "reasoning model reply without <think>")
    if r["mode"] == "json_object":
        try: json.loads(r["reply"])
        except Exception: err(rid, "json_object reply is not bare JSON")
    if not isinstance(e, dict): err(rid, "expected not a dict"); continue
    if not r["usable"]:
        continue
    if t == "concepts":
        cs = e.get("concepts")
        if not cs: err(rid, "no concepts")
        for c in cs or []:
            if set(c) != {"name", "keyphrase", "description", "examples", "difficulty"}: err(rid, f"concept keys {sorted(c)}")
            if c.get("difficulty") not in ("easy", "medium", "hard"): err(rid, "difficulty")
            if c.get("keyphrase") not in r["prompt"]: err(rid, f"keyphrase not in prompt: {c.get('keyphrase')}")
    elif t == "instructions":
        its = e.get("instructions")
        if not its: err(rid, "no instructions")
        for it in its or []:
            if it.get("kind") not in ("function", "class") or not it.get("text"): err(rid, "bad instruction")
            if re.match(r"\s*(\d+[.)]|\[)", it["text"]): err(rid, "numbering or tag left in text")
    elif t == "signature":
        line = e.get("line", "")
        if e.get("kind") == "function":
            m = re.fullmatch(r"Function: (\w+)\((.*)\) -> (.+)", line)
            if not m or m.group(1) != e.get("name"): err(rid, "function line form/name")
            elif not parses(f"def {m.group(1)}({m.group(2)}) -> {m.group(3)}: pass"): err(rid, "signature not valid Python")
        elif e.get("kind") == "class":
            parts = line.split("; ")
            if not re.fullmatch(r"Class: (\w+)", parts[0]) or parts[0][7:] != e.get("name"): err(rid, "class line form/name")
            if len(parts) < 3 or not parts[1].startswith("__init__(self"): err(rid, "class needs __init__ then primary method")
            for p in parts[1:]:
                if not parses(f"def {p}: pass"): err(rid, f"method not valid Python: {p}")
        else:
            err(rid, "signature kind")
    elif t == "candidate_code":
        code = e.get("code", "")
        if not parses(code): err(rid, "code does not parse"); continue
        ns = {}
        try:
            exec(code, ns)
        except Exception as ex:
            err(rid, f"code does not run: {ex}"); continue
        calls = SANITY.get(rid, [])
        if not calls: err(rid, "no sanity calls")
        for c in calls:
            try:
                ok = eval(c, ns)
            except Exception as ex:
                ok = False
            if not ok: err(rid, f"sanity call failed: {c}")
        given = json.loads(r["reply"]).get("code") if r["mode"] == "json_object" else r["reply"]
        if code not in given:
            err(rid, "code not verbatim in reply")
        for name in re.findall(r"^(?:def|class) (\w+)", code, re.M):
            codes_by_name[name] = ns
        infos.append(f"{rid}: {len(calls)} sanity calls pass")
    elif t == "test_scenarios":
        sc = e.get("scenarios")
        if not sc or not all(isinstance(s, str) and s.strip() for s in sc): err(rid, "bad scenarios")
        for s in sc or []:
            if re.match(r"\s*\d+[.)]", s) or "**" in s: err(rid, f"markup left in scenario: {s}")
    elif t == "candidate_tests":
        for tst in e.get("tests", []):
            if not tst.startswith("assert ") or not parses(tst): err(rid, f"bad test: {tst}")
            elif len(ast.parse(tst).body) != 1: err(rid, "more than one statement")
            elif r["mode"] == "text" and tst not in r["reply"]: err(rid, f"test not verbatim in reply: {tst}")
        if not isinstance(e.get("unusable_tests", []), list): err(rid, "unusable_tests not a list")
    elif t == "extract_entities":
        cl = e.get("claims")
        if not cl: err(rid, "no claims")
        for c in cl or []:
            if set(c) != {"kind", "name", "value"} or not all(isinstance(v, str) for v in c.values()): err(rid, f"bad claim {c}")
            elif c["kind"] not in ("value", "index", "comparison", "branch", "loop", "return"): err(rid, "claim kind")
    elif t in ("narrate_forward", "narrate_backward"):
        for k in ("code", "call", "returned"):
            if k not in r: err(rid, f"missing {k}")
        ans = e.get("answer")
        if not isinstance(ans, str) or not parses(ans, "eval"): err(rid, "answer not a Python expression"); continue
        ns = {}
        exec(r["code"], ns)
        real = eval(r["call"], ns)
        if repr(real) != r["returned"]: err(rid, "returned does not match running the call")
        if t == "narrate_forward":
            val = eval(ans, {})
        else:
            fn = re.match(r"def (\w+)", r["code"]).group(1)
            if not re.match(rf"{fn}\(", ans): err(rid, "answer is not a call of the function")
            val = eval(ans, ns)
        if repr(val) != r["returned"]: err(rid, f"answer {ans!r} gives {val!r}, not {r['returned']}")

# extra: run candidate_tests' expected tests against the candidate_code reference solutions
for r in rows:
    if r.get("template") != "candidate_tests": continue
    passed = failed = 0
    for tst in r["expected"].get("tests", []):
        m = re.match(r"assert (\w+)", tst)
        if not m: continue
        name = m.group(1)
        ns = codes_by_name.get(name)
        if ns is None: continue
        try:
            exec(tst, dict(ns)); passed += 1
        except Exception:
            failed += 1
    infos.append(f"{r['id']}: tests vs reference solution: {passed} pass, {failed} fail")

by_t = Counter(r["template"] for r in rows)
fam_t = defaultdict(set)
for r in rows: fam_t[r["template"]].add(r["family"])
for t in TEMPLATES:
    if by_t[t] != 6: err(t, f"{by_t[t]} replies, want 6")
    if len(fam_t[t]) < 5: err(t, f"only {len(fam_t[t])} families")

print(f"replies: {len(rows)}")
print("per template:", dict(by_t))
print("per family:", dict(Counter(r["family"] for r in rows)))
print("per mode:", dict(Counter(r["mode"] for r in rows)))
print("truncated:", sum(r["truncated"] for r in rows), " unusable:", sum(not r["usable"] for r in rows))
for t in TEMPLATES:
    print(f"  {t}: families={sorted(fam_t[t])}")
print()
for i in infos: print("info", i)
print()
if errors:
    print(f"FAIL: {len(errors)} problem(s)")
    for x in errors: print("  ", x)
    sys.exit(1)
print("PASS: all checks passed")
