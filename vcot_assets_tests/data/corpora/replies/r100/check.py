"""Self-check for r100/replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, re, sys, collections

PATH = "/work/corpus/replies/r100/replies.jsonl"
SANITY = {
 "r100-candidate_code-01": "run_length_encode('aaabcc') == [('a', 3), ('b', 1), ('c', 2)]",
 "r100-candidate_code-02": "PrefixSums([1, 2, 3, 4]).query(1, 3) == 5",
 "r100-candidate_code-03": "is_min_heap([1, 3, 2, 7]) == True and is_min_heap([5, 1]) == False",
 "r100-candidate_code-04": "common_indent(['    a', '  b', '', '   c']) == '  '",
 "r100-candidate_code-05": "closest_fraction(314159, 100000, 10) == (22, 7)",
 "r100-candidate_code-06": "dedent_lines(['  a', '', '    b']) == ['a', '', '  b']",
}
# tests are also run against the candidate_code solution for the same function
TEST_FN = {"run_length_encode": "01", "PrefixSums": "02", "is_min_heap": "03", "common_indent": "04",
           "closest_fraction": "05", "dedent_lines": "06"}
KEYS = {"id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"}
FAMS = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}
errors, ok = [], 0
def err(rid, msg): errors.append(f"{rid}: {msg}")

rows = []
for i, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try: rows.append(json.loads(line))
    except Exception as e: err(f"line {i}", f"does not parse: {e}")
ids = [r["id"] for r in rows]
for d in [k for k, v in collections.Counter(ids).items() if v > 1]: err(d, "duplicate id")
codes = {r["id"]: r["expected"].get("code") for r in rows if r["template"] == "candidate_code"}

for r in rows:
    rid, t, e = r["id"], r["template"], r["expected"]
    n0 = len(errors)
    miss = KEYS - r.keys()
    if miss: err(rid, f"missing keys {miss}")
    if r["family"] not in FAMS: err(rid, "unknown family")
    if r["mode"] not in ("text", "json_object"): err(rid, "bad mode")
    if r["finish_reason"] not in ("stop", "length"): err(rid, "bad finish_reason")
    if r["truncated"] != (r["finish_reason"] == "length"): err(rid, "truncated/finish_reason mismatch")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: err(rid, "expected flags differ from row flags")
    if "{{" in r["prompt"]: err(rid, "unfilled slot in prompt")
    if not r["id"].startswith(f"r100-{t}-"): err(rid, "id/template mismatch")
    if r["mode"] == "json_object" and not r["truncated"]:
        try: json.loads(r["reply"])
        except Exception: err(rid, "json_object reply is not JSON")
    if not r["usable"]:
        if any(k not in ("truncated", "usable") for k in e): err(rid, "unusable reply with content in expected")
        if len(errors) == n0: ok += 1
        continue
    if t == "concepts":
        for c in e["concepts"]:
            if set(c) != {"name", "keyphrase", "description", "examples", "difficulty"}: err(rid, "concept keys")
            if c["difficulty"] not in ("easy", "medium", "hard"): err(rid, "difficulty")
            if c["name"] not in r["reply"] or c["keyphrase"] not in r["prompt"]: err(rid, f"concept {c['name']} not in reply/keyphrases")
    elif t == "instructions":
        for it in e["instructions"]:
            if it["kind"] not in ("function", "class"): err(rid, "kind")
            if it["text"] not in r["reply"]: err(rid, "instruction text not verbatim in reply")
    elif t == "signature":
        line = e["line"]
        m = re.match(r"(Function|Class): (\w+)", line)
        if not m or m.group(2) != e["name"] or m.group(1).lower() != e["kind"]: err(rid, "signature line/name/kind")
        if e["kind"] == "function":
            try: ast.parse("def " + line.split(": ", 1)[1] + ": pass")
            except SyntaxError: err(rid, "function signature does not parse")
        else:
            for part in line.split("; ")[1:]:
                try: ast.parse("def " + part + ": pass")
                except SyntaxError: err(rid, f"method {part} does not parse")
    elif t == "candidate_code":
        try:
            ast.parse(e["code"]); ns = {}; exec(e["code"], ns)
            if not eval(SANITY[rid], ns): err(rid, "sanity call failed")
        except Exception as x: err(rid, f"code error {x!r}")
        if r["mode"] == "text" and e["code"] not in r["reply"]: err(rid, "code not verbatim in reply")
    elif t == "test_scenarios":
        if not e["scenarios"] or not all(isinstance(s, str) and s for s in e["scenarios"]): err(rid, "scenarios")
    elif t == "candidate_tests":
        for tst in e["tests"]:
            try:
                tree = ast.parse(tst)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert)
            except Exception: err(rid, f"test not a single assert: {tst}"); continue
            if r["mode"] == "text" and tst not in r["reply"]: err(rid, f"test not verbatim in reply: {tst}")
            fn = re.match(r"assert (\w+)", tst).group(1)
            ns = {}; exec(codes[f"r100-candidate_code-{TEST_FN[fn]}"], ns)
            try: exec(tst, ns)
            except AssertionError: err(rid, f"test fails against reference solution: {tst}")
        if not isinstance(e.get("unusable_tests"), list): err(rid, "unusable_tests missing")
    elif t == "extract_entities":
        for c in e["claims"]:
            if c["kind"] not in ("value", "index", "comparison", "branch", "loop", "return"): err(rid, "claim kind")
            if not all(isinstance(c[k], str) for k in ("kind", "name", "value")): err(rid, "claim values must be strings")
    elif t in ("narrate_forward", "narrate_backward"):
        ns = {}; exec(r["code"], ns)
        real = eval(r["call"], ns)
        if repr(real) != r["returned"]: err(rid, "call does not give returned")
        try: ast.parse(e["answer"], mode="eval")
        except SyntaxError: err(rid, "answer does not parse")
        if t == "narrate_forward":
            if eval(e["answer"]) != real or repr(eval(e["answer"])) != r["returned"]: err(rid, "answer != returned")
        else:
            ns2 = {}; exec(r["code"], ns2)
            if repr(eval(e["answer"], ns2)) != r["returned"]: err(rid, "backward call does not give returned")
    else:
        err(rid, "unknown template")
    if len(errors) == n0: ok += 1

print(f"rows: {len(rows)}  passed: {ok}  errors: {len(errors)}")
for x in errors: print("ERROR", x)
c = lambda f: dict(sorted(collections.Counter(f(r) for r in rows).items()))
print("per template:", c(lambda r: r["template"]))
print("per family:", c(lambda r: r["family"]))
print("per mode:", c(lambda r: r["mode"]))
print("truncated:", sum(r["truncated"] for r in rows), " unusable:", sum(not r["usable"] for r in rows))
print("families per template:", {t: len({r["family"] for r in rows if r["template"] == t}) for t in sorted({r["template"] for r in rows})})
sys.exit(1 if errors else 0)
