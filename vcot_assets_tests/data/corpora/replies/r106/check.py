"""Self-check for replies.jsonl (r106). Run: python3 check.py > check_report.txt"""
import ast, json, collections, sys
# id -> list of (call, expected repr) run against expected.code
SANITY = {
    "r106-candidate_code-01": [("median([3, 1, 2])", "2"), ("median([4, 1, 3, 2])", "2.5")],
    "r106-candidate_code-02": [("(lambda q: (q.push('write', 2), q.push('read', 1), q.push('rest', 1), q.pop(), q.pop(), q.pop(), q.pop())[3:])(TaskQueue())", "('read', 'rest', 'write', None)")],
    "r106-candidate_code-03": [("similarity('abc', 'abd')", "0.667"), ("similarity('', '')", "1.0")],
    "r106-candidate_code-04": [("wrap_words('the quick brown fox jumps', 10)", "['the quick', 'brown fox', 'jumps']"), ("wrap_words('', 5)", "[]")],
    "r106-candidate_code-05": [("top_k(['b', 'a', 'b', 'a', 'c'], 2)", "[('b', 2), ('a', 2)]")],
}
errors = []
rows = []
for i, line in enumerate(open("replies.jsonl"), 1):
    try:
        r = json.loads(line)
    except Exception as e:
        errors.append(f"line {i}: bad json {e}"); continue
    rows.append(r)
    rid = r.get("id")
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: errors.append(f"{rid}: missing {k}")
    if "{{" in r["prompt"]: errors.append(f"{rid}: unfilled slot")
    if r["truncated"] != (r["finish_reason"] == "length"): errors.append(f"{rid}: truncated/finish_reason mismatch")
    e = r["expected"]; t = r["template"]
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: errors.append(f"{rid}: expected flags differ")
    if not r["usable"]:
        continue
    try:
        if t == "candidate_code":
            ast.parse(e["code"])
            ns = {}; exec(e["code"], ns)
            checks = SANITY.get(rid, [])
            if not checks: errors.append(f"{rid}: no sanity call")
            for call, want in checks:
                got = eval(call, ns)
                if got != eval(want): errors.append(f"{rid}: sanity {call} -> {got!r}, want {want}")
        elif t == "candidate_tests":
            for s in e["tests"]:
                tree = ast.parse(s)
                if not (len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert)): errors.append(f"{rid}: not single assert: {s}")
        elif t == "narrate_forward":
            ast.parse(e["answer"], mode="eval")
            if eval(e["answer"]) != eval(r["returned"]): errors.append(f"{rid}: answer {e['answer']} != returned {r['returned']}")
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval")
            ns = {}; exec(r["code"], ns)
            if eval(e["answer"], ns) != eval(r["returned"]): errors.append(f"{rid}: call gives wrong value")
        elif t == "signature":
            assert e["kind"] in ("function", "class") and e["name"] and e["line"].startswith(("Function: ", "Class: "))
            if e["kind"] == "function":
                ast.parse("def " + e["line"][len("Function: "):] + ": pass")
            else:
                for part in e["line"].split("; ")[1:]:
                    ast.parse("def " + part + ": pass")
        elif t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard")
        elif t == "instructions":
            for c in e["instructions"]:
                assert c["kind"] in ("function", "class") and c["text"]
        elif t == "test_scenarios":
            assert all(isinstance(s, str) and s for s in e["scenarios"])
        elif t == "extract_entities":
            for c in e["claims"]:
                assert set(c) == {"kind", "name", "value"} and all(isinstance(v, str) for v in c.values()), c
    except Exception as ex:
        errors.append(f"{rid}: {type(ex).__name__}: {ex}")
ids = [r["id"] for r in rows]
if len(ids) != len(set(ids)): errors.append("duplicate ids")
print(f"rows: {len(rows)}")
for key in ("template", "family", "mode", "truncated", "usable"):
    print(key, dict(sorted(collections.Counter(str(r[key]) for r in rows).items())))
fam = collections.defaultdict(set)
for r in rows: fam[r["template"]].add(r["family"])
for t, s in sorted(fam.items()): print(f"families in {t}: {len(s)}")
print("errors:", len(errors))
for x in errors: print("  ", x)
