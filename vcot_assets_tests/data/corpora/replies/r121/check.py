"""Checks replies.jsonl (writer r121). Run: python3 check.py > check_report.txt"""
import ast, json, collections, sys
PATH = "/work/corpus/replies/r121/replies.jsonl"
SANITY = {  # candidate_code id -> (call, expected)
    "r121-candidate_code-01": [("is_min_heap([1, 3, 2, 7])", True), ("is_min_heap([5, 3, 8])", False), ("is_min_heap([])", True)],
    "r121-candidate_code-02": [("count_in_range([1, 3, 5, 7, 9], 2, 8)", 3), ("count_in_range([], 0, 1)", 0)],
    "r121-candidate_code-03": [("wrap_words('the quick brown fox', 10)", ["the quick", "brown fox"]), ("wrap_words('', 5)", [])],
    "r121-candidate_code-04": [("Ratio(6, -8).as_tuple()", (-3, 4)), ("Ratio(0, 5).as_tuple()", (0, 1))],
    "r121-candidate_code-05": [("positional_ratio('abc', 'abd')", 4 / 6), ("positional_ratio('', '')", 1.0)],
    "r121-candidate_code-06": [("reduce_fraction(6, -4)", (-3, 2)), ("reduce_fraction(10, 5)", (2, 1))],
}
TEMPLATES = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios",
             "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"]
errors, info = [], []
rows = []
for i, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        errors.append(f"line {i}: does not parse: {e}")
ids = collections.Counter(r["id"] for r in rows)
for k, v in ids.items():
    if v > 1: errors.append(f"duplicate id {k}")
need = {"id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"}
code_by_n = {}
for r in rows:
    rid, t, e = r["id"], r["template"], r["expected"]
    miss = need - set(r)
    if miss: errors.append(f"{rid}: missing {miss}")
    if t not in TEMPLATES: errors.append(f"{rid}: unknown template {t}")
    if "{{" in r["prompt"]: errors.append(f"{rid}: unrendered slot in prompt")
    if r["mode"] not in ("text", "json_object"): errors.append(f"{rid}: bad mode")
    if r["finish_reason"] not in ("stop", "length"): errors.append(f"{rid}: bad finish_reason")
    if r["truncated"] != (r["finish_reason"] == "length"): errors.append(f"{rid}: truncated/finish_reason mismatch")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]:
        errors.append(f"{rid}: expected truncated/usable flags differ from row")
    if not r["usable"]:
        continue
    try:
        if t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard")
                assert c["keyphrase"] in r["prompt"], "keyphrase not in prompt"
        elif t == "instructions":
            for it in e["instructions"]:
                assert it["kind"] in ("function", "class") and it["text"]
                assert it["text"] in r["reply"], "text not verbatim in reply"
        elif t == "signature":
            assert e["kind"] in ("function", "class")
            pre = "Function: " if e["kind"] == "function" else "Class: "
            assert e["line"].startswith(pre + e["name"]), e["line"]
            if e["kind"] == "function":
                ast.parse("def " + e["line"][len(pre):] + ": pass")
            else:
                parts = e["line"][len(pre):].split("; ")
                ast.parse("class X:\n" + "".join(f"    def {p}: pass\n" for p in parts[1:]))
        elif t == "candidate_code":
            ast.parse(e["code"])
            ns = {}
            exec(e["code"], ns)
            for call, want in SANITY[rid]:
                got = eval(call, ns)
                assert got == want, f"sanity {call} -> {got!r}, want {want!r}"
            code_by_n[rid.rsplit("-", 1)[1]] = e["code"]
            info.append(f"{rid}: {len(SANITY[rid])} sanity calls pass")
        elif t == "test_scenarios":
            assert all(isinstance(s, str) and s for s in e["scenarios"])
        elif t == "candidate_tests":
            for s in e["tests"]:
                node = ast.parse(s).body
                assert len(node) == 1 and isinstance(node[0], ast.Assert), s
                assert s in r["reply"] or json.dumps(s)[1:-1] in r["reply"], f"not verbatim: {s}"
        elif t == "extract_entities":
            for c in e["claims"]:
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return")
                assert all(isinstance(c[k], str) for k in ("kind", "name", "value"))
        elif t == "narrate_forward":
            ast.parse(e["answer"], mode="eval")
            assert eval(e["answer"]) == eval(r["returned"]), "answer != returned"
            ns = {}; exec(r["code"], ns)
            assert repr(eval(r["call"], ns)) == r["returned"], "call does not give returned"
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval")
            ns = {}; exec(r["code"], ns)
            assert eval(e["answer"], ns) == eval(r["returned"]), "answer call != returned"
    except Exception as ex:
        errors.append(f"{rid}: {type(ex).__name__}: {ex}")
# informational: run the extracted tests against the matching candidate code
for r in rows:
    if r["template"] == "candidate_tests" and r["usable"]:
        n = r["id"].rsplit("-", 1)[1]
        if n in code_by_n:
            ns = {}; exec(code_by_n[n], ns)
            passed = 0
            for s in r["expected"]["tests"]:
                try: exec(s, ns); passed += 1
                except Exception: pass
            info.append(f"{r['id']}: {passed}/{len(r['expected']['tests'])} extracted tests pass against candidate_code-{n}")
print(f"rows: {len(rows)}")
for name, key in (("template", "template"), ("family", "family"), ("mode", "mode")):
    print(f"per {name}:", dict(collections.Counter(r[key] for r in rows)))
print("truncated:", sum(r["truncated"] for r in rows), " unusable:", sum(not r["usable"] for r in rows))
fam = collections.defaultdict(set)
for r in rows: fam[r["template"]].add(r["family"])
for t in TEMPLATES:
    n = sum(r["template"] == t for r in rows)
    print(f"  {t}: {n} replies, {len(fam[t])} families")
    if n and len(fam[t]) < 5: errors.append(f"{t}: fewer than 5 families")
print("\n".join(info))
print("ERRORS:" if errors else "ALL CHECKS PASS", *errors, sep="\n")
sys.exit(1 if errors else 0)
