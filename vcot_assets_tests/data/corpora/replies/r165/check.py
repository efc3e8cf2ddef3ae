"""Self-check of replies.jsonl (writer r165). Prints one line per problem and a summary."""
import ast, json, sys, collections
PATH = "/work/corpus/replies/r165/replies.jsonl"
SANITY = {  # candidate_code id -> (call, expected)
    "r165-candidate_code-01": [("is_min_heap([1, 3, 2, 7, 4])", True), ("is_min_heap([5, 3, 8])", False), ("is_min_heap([])", True)],
    "r165-candidate_code-02": [("grade(85, [60, 70, 80, 90], 'FDCBA')", "B"), ("grade(80, [60, 70, 80, 90], 'FDCBA')", "B"), ("grade(10, [60], 'FP')", "F")],
    "r165-candidate_code-03": [("common_indent('  a\\n    b')", 2), ("common_indent('')", 0), ("common_indent('    a\\n\\n    b')", 4)],
    "r165-candidate_code-04": [("(lambda r: (r.add(1), r.add(3), r.add(2)))(RunningMedian())", (1, 2.0, 2))],
    "r165-candidate_code-05": [("longest_common_run([1, 2, 3, 4], [2, 3, 5])", 2), ("longest_common_run([], [1])", 0)],
    "r165-candidate_code-06": [("Multiset(['a', 'b', 'a']).count('a')", 2), ("Multiset([]).count('z')", 0)],
}
REF = {}  # name-keyed reference implementations, used to run candidate_tests
problems, n = [], 0
counts = collections.Counter()
rows = []
for i, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        problems.append(f"line {i}: does not parse: {e}")
ids = collections.Counter(r["id"] for r in rows)
for k, v in ids.items():
    if v > 1: problems.append(f"duplicate id {k}")
for r in rows:
    if r["template"] == "candidate_code":
        exec(r["expected"]["code"], REF)
for r in rows:
    n += 1
    rid, t, e = r["id"], r["template"], r["expected"]
    def bad(msg): problems.append(f"{rid}: {msg}")
    for key in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if key not in r: bad(f"missing {key}")
    if "{{" in r["prompt"]: bad("unfilled slot in prompt")
    if f"Task: {t}" not in r["prompt"]: bad("prompt is not this template")
    if r["mode"] not in ("text", "json_object"): bad("mode")
    if (r["finish_reason"] == "length") != r["truncated"]: bad("finish_reason/truncated mismatch")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: bad("expected flags differ")
    counts[(t,)] += 1
    if not r["usable"]:
        continue
    try:
        if t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard")
                assert c["keyphrase"] in r["prompt"], c["keyphrase"]
        elif t == "instructions":
            for it in e["instructions"]:
                assert it["kind"] in ("function", "class") and it["text"] in r["reply"].replace('\\"', '"'), it
        elif t == "signature":
            assert e["kind"] in ("function", "class") and e["name"] in e["line"]
            assert e["line"].startswith("Function: " if e["kind"] == "function" else "Class: ")
            src = e["line"].split(": ", 1)[1]
            if e["kind"] == "function":
                ast.parse("def " + src + ": pass")
            else:
                for part in src.split("; ")[1:]:
                    ast.parse("def " + part + ": pass")
        elif t == "candidate_code":
            ast.parse(e["code"])
            ns = {}
            exec(e["code"], ns)
            for call, want in SANITY[rid]:
                got = eval(call, ns)
                assert got == want, (call, got, want)
        elif t == "test_scenarios":
            assert e["scenarios"] and all(isinstance(s, str) and s for s in e["scenarios"])
        elif t == "candidate_tests":
            for s in e["tests"]:
                tree = ast.parse(s)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert)
                assert s in r["reply"].encode().decode("unicode_escape") or s in r["reply"], ("not verbatim", s)
                exec(s, dict(REF))  # passes against the reference solution
        elif t == "extract_entities":
            for c in e["claims"]:
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return")
                assert all(isinstance(c[k], str) for k in ("kind", "name", "value"))
        elif t == "narrate_forward":
            ast.parse(e["answer"])
            assert eval(e["answer"]) == eval(r["returned"]), (e["answer"], r["returned"])
        elif t == "narrate_backward":
            ast.parse(e["answer"])
            ns = {}
            exec(r["code"], ns)
            assert repr(eval(e["answer"], ns)) == r["returned"], (e["answer"], r["returned"])
        else:
            bad("unknown template")
    except Exception as ex:
        bad(f"{type(ex).__name__}: {ex}")
by_t = collections.Counter(r["template"] for r in rows)
by_f = collections.Counter(r["family"] for r in rows)
by_m = collections.Counter(r["mode"] for r in rows)
fam_per_t = {t: len({r["family"] for r in rows if r["template"] == t}) for t in by_t}
for t, k in fam_per_t.items():
    if k < 5: problems.append(f"{t}: only {k} families")
print(f"rows: {n}")
print("per template:", dict(sorted(by_t.items())))
print("families per template:", dict(sorted(fam_per_t.items())))
print("per family:", dict(sorted(by_f.items())))
print("per mode:", dict(by_m))
print("truncated:", sum(r["truncated"] for r in rows), " unusable:", sum(not r["usable"] for r in rows))
for p in problems: print("PROBLEM", p)
print("RESULT:", "OK" if not problems else f"{len(problems)} problems")
sys.exit(1 if problems else 0)
