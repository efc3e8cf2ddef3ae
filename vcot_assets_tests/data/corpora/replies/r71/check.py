"""Self-check for r71 replies.jsonl: parse, schema, ast validity, narrate answers, code sanity calls."""
import ast, json, sys, collections
path = "/work/corpus/replies/r71/replies.jsonl"
SANITY = {  # candidate_code id -> (expression, expected)
    "r71-candidate_code-01": [("is_min_heap([1, 2, 3, 4])", True), ("is_min_heap([3, 1])", False), ("is_min_heap([])", True)],
    "r71-candidate_code-02": [("(lambda q: (q.push(5), q.push(2), q.push(9), [q.pop(), q.pop(), q.pop(), q.pop()])[-1])(MinPriorityQueue())", [2, 5, 9, None])],
    "r71-candidate_code-03": [("grade(85, [60, 70, 80, 90], ['F', 'D', 'C', 'B', 'A'])", "B"), ("grade(59, [60, 70, 80, 90], ['F', 'D', 'C', 'B', 'A'])", "F")],
    "r71-candidate_code-04": [("wrap_words('the quick brown fox', 10)", ["the quick", "brown fox"]), ("wrap_words('', 5)", [])],
    "r71-candidate_code-05": [("prefix_max([3, 1, 4, 1, 5])", [3, 3, 4, 4, 5]), ("prefix_max([])", [])],
}
REF = {  # reference implementations to run candidate_tests expected asserts against
    "is_min_heap": "r71-candidate_code-01", "grade": "r71-candidate_code-03", "wrap_words": "r71-candidate_code-04",
    "prefix_max": "r71-candidate_code-05", "MinPriorityQueue": "r71-candidate_code-02",
}
RP = "def running_products(xs):\n    out = []\n    p = 1\n    for x in xs:\n        p *= x\n        out.append(p)\n    return out\n"
errors, n = [], 0
rows = []
for ln, line in enumerate(open(path, encoding="utf-8"), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        errors.append(f"line {ln}: does not parse: {e}")
codes = {r["id"]: r["expected"].get("code") for r in rows if r["template"] == "candidate_code"}
ids = collections.Counter(r["id"] for r in rows)
for i, c in ids.items():
    if c > 1: errors.append(f"{i}: duplicate id")
keys = {"id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"}
for r in rows:
    rid, t, e = r["id"], r["template"], r["expected"]
    n += 1
    def err(m): errors.append(f"{rid}: {m}")
    if not keys <= set(r): err(f"missing keys {keys - set(r)}")
    if "{{" in r["prompt"]: err("unfilled slot in prompt")
    if r["mode"] not in ("text", "json_object"): err("bad mode")
    if (r["finish_reason"] == "length") != r["truncated"]: err("finish_reason/truncated mismatch")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: err("expected flags mismatch")
    if not r["usable"]:
        continue
    try:
        if t == "candidate_code":
            ast.parse(e["code"])
            ns = {}
            exec(e["code"], ns)
            for expr, want in SANITY[rid]:
                got = eval(expr, ns)
                if got != want: err(f"sanity {expr} -> {got!r} != {want!r}")
        elif t == "candidate_tests":
            for s in e["tests"]:
                tree = ast.parse(s)
                if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Assert): err(f"not a single assert: {s}")
                name = s.split("assert ", 1)[1].split("(", 1)[0]
                ns = {}
                exec(codes[REF[name]] if name in REF else RP, ns)
                exec(s, ns)  # raises AssertionError if the test's expected value is wrong
            for u in e.get("unusable_tests", []):
                assert isinstance(u, str)
        elif t == "narrate_forward":
            ast.parse(e["answer"], mode="eval")
            if eval(e["answer"]) != eval(r["returned"]): err(f"answer {e['answer']} != returned {r['returned']}")
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval")
            ns = {}
            exec(r["code"], ns)
            if eval(e["answer"], ns) != eval(r["returned"]): err("backward answer does not reproduce returned")
            if eval(r["call"], ns) != eval(r["returned"]): err("call does not reproduce returned")
        elif t == "signature":
            assert e["kind"] in ("function", "class") and e["line"].startswith("Function: " if e["kind"] == "function" else "Class: ")
            assert e["name"] in e["line"]
        elif t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"} and c["difficulty"] in ("easy", "medium", "hard")
                assert c["keyphrase"] in r["prompt"]
        elif t == "instructions":
            for it in e["instructions"]:
                assert it["kind"] in ("function", "class") and it["text"] in r["reply"] or it["text"] in json.loads(r["reply"]).__repr__()
        elif t == "test_scenarios":
            for s in e["scenarios"]:
                assert s in r["reply"], s
        elif t == "extract_entities":
            for c in e["claims"]:
                assert all(isinstance(c[k], str) for k in ("kind", "name", "value"))
    except Exception as ex:
        err(f"{type(ex).__name__}: {ex}")
fam = collections.defaultdict(set)
for r in rows: fam[r["template"]].add(r["family"])
for t, fs in sorted(fam.items()):
    if len(fs) < 5: errors.append(f"{t}: only {len(fs)} families")
print(f"rows: {n}")
print("per template:", dict(collections.Counter(r["template"] for r in rows)))
print("per family:", dict(collections.Counter(r["family"] for r in rows)))
print("per mode:", dict(collections.Counter(r["mode"] for r in rows)))
print("truncated:", sum(r["truncated"] for r in rows), "unusable:", sum(not r["usable"] for r in rows))
print("families per template:", {t: len(fs) for t, fs in sorted(fam.items())})
print("errors:", len(errors))
for x in errors: print("  " + x)
print("RESULT:", "PASS" if not errors else "FAIL")
sys.exit(1 if errors else 0)
