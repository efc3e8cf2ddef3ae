"""Self-check for r63 replies.jsonl."""
import ast, json, sys, collections
PATH = "/work/corpus/replies/r63/replies.jsonl"
SANITY = {  # candidate_code id -> (expression, expected)
    "r63-candidate_code-01": [("is_min_heap([1, 3, 2, 7])", True), ("is_min_heap([5, 3, 8])", False)],
    "r63-candidate_code-02": [("GradeBook([60, 70, 80, 90], 'FDCBA').grade(85)", "B"), ("GradeBook([60, 70, 80, 90], 'FDCBA').grade(12)", "F")],
    "r63-candidate_code-03": [("wrap_words('aa bb cc', 5)", ["aa bb", "cc"]), ("wrap_words('', 4)", [])],
    "r63-candidate_code-04": [("reduce_fraction(6, 4)", (3, 2)), ("reduce_fraction(1, -2)", (-1, 2))],
    "r63-candidate_code-05": [("run_lengths('aabccc')", [("a", 2), ("b", 1), ("c", 3)])],
    "r63-candidate_code-06": [("count_less([2, 4, 6], 5)", 2), ("count_less([], 3)", 0)],
}
errors, n = [], 0
counts = collections.defaultdict(collections.Counter)
codes = {}
rows = []
for i, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try:
        r = json.loads(line)
    except Exception as e:
        errors.append(f"line {i}: bad JSON {e}"); continue
    rows.append(r)
for r in rows:
    n += 1
    rid, t, e = r["id"], r["template"], r["expected"]
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: errors.append(f"{rid}: missing {k}")
    if "{{" in r["prompt"]: errors.append(f"{rid}: unrendered slot")
    if r["truncated"] != (r["finish_reason"] == "length"): errors.append(f"{rid}: truncated/finish_reason mismatch")
    if r["mode"] not in ("text", "json_object"): errors.append(f"{rid}: bad mode")
    counts["template"][t] += 1; counts["family"][r["family"]] += 1; counts["mode"][r["mode"]] += 1
    counts["truncated"][r["truncated"]] += 1; counts["usable"][r["usable"]] += 1
    counts["tf"][(t, r["family"])] += 1
    if not r["usable"]:
        continue
    try:
        if t == "candidate_code":
            ast.parse(e["code"]); ns = {}
            exec(e["code"], ns)
            checks = SANITY.get(rid, [])
            if not checks: errors.append(f"{rid}: no sanity call")
            for expr, want in checks:
                got = eval(expr, ns)
                if got != want: errors.append(f"{rid}: {expr} -> {got!r}, want {want!r}")
            codes[rid] = e["code"]
        elif t == "candidate_tests":
            for s in e["tests"]:
                tree = ast.parse(s)
                if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Assert): errors.append(f"{rid}: not single assert: {s}")
                if s not in r["reply"]: errors.append(f"{rid}: test not verbatim in reply: {s}")
            for u in e.get("unusable_tests", []):
                if not isinstance(u, str): errors.append(f"{rid}: unusable_tests entry not str")
        elif t == "narrate_forward":
            ast.parse(e["answer"], mode="eval")
            if eval(e["answer"]) != eval(r["returned"]): errors.append(f"{rid}: answer {e['answer']} != returned {r['returned']}")
            ns = {}; exec(r["code"], ns)
            if eval(r["call"], ns) != eval(r["returned"]): errors.append(f"{rid}: call does not give returned")
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval")
            ns = {}; exec(r["code"], ns)
            if eval(e["answer"], ns) != eval(r["returned"]): errors.append(f"{rid}: answer call does not give returned")
        elif t == "signature":
            assert e["kind"] in ("function", "class") and e["name"] in e["line"]
            assert e["line"].startswith("Function: " if e["kind"] == "function" else "Class: ")
        elif t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard")
                assert c["keyphrase"] in r["prompt"]
        elif t == "instructions":
            for it in e["instructions"]:
                assert it["kind"] in ("function", "class") and it["text"] in r["reply"], it
        elif t == "test_scenarios":
            for s in e["scenarios"]:
                assert s in r["reply"], s
        elif t == "extract_entities":
            for c in e["claims"]:
                assert set(c) == {"kind", "name", "value"} and all(isinstance(v, str) for v in c.values()), c
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return")
                assert c["name"] in r["reply"], c
    except Exception as ex:
        errors.append(f"{rid}: {type(ex).__name__}: {ex}")
for t in counts["template"]:
    fams = {f for (tt, f) in counts["tf"] if tt == t}
    if len(fams) < 5: errors.append(f"{t}: only {len(fams)} families")
print(f"rows: {n}")
for k in ("template", "family", "mode", "truncated", "usable"):
    print(k, dict(sorted(counts[k].items(), key=str)))
print("ERRORS:" if errors else "ALL CHECKS PASSED")
for x in errors: print("  " + x)
sys.exit(1 if errors else 0)
