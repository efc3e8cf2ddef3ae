"""Self-check for r88/replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, collections, sys

PATH = "/work/corpus/replies/r88/replies.jsonl"
TEMPLATES = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios",
             "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"]
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini",
            "deepseek-r1-distill", "smollm2-135m"}
KEYS = {"id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected",
        "truncated", "usable", "notes"}

# sanity calls for candidate_code expected.code (expression, expected value)
SANITY = {
    "r88-candidate_code-01": [("k_smallest([5, 1, 4, 2], 2)", [1, 2]), ("k_smallest([3], 5)", [3])],
    "r88-candidate_code-02": [("reduce_fraction(8, -6)", (-4, 3)), ("reduce_fraction(0, 5)", (0, 1))],
    "r88-candidate_code-03": [("run_lengths('aaabcc')", [('a', 3), ('b', 1), ('c', 2)]), ("run_lengths('')", [])],
    "r88-candidate_code-04": [("(lambda q: (q.add('b', 2), q.add('a', 1), q.add('c', 1), [q.pop_next(), q.pop_next(), q.pop_next(), q.pop_next()])[-1])(TaskQueue())", ['a', 'c', 'b', None])],
    "r88-candidate_code-05": [("edit_distance('kitten', 'sitting')", 3), ("edit_distance('', 'abc')", 3)],
}

# reference implementations to confirm the expected tests are right
REFS = {
    "median_of": "def median_of(values):\n    v = sorted(values); n = len(v)\n    return float(v[n//2]) if n % 2 else (v[n//2-1] + v[n//2]) / 2\n",
    "squeeze": "def squeeze(s):\n    out = ''\n    for c in s:\n        if not out or out[-1] != c:\n            out += c\n    return out\n",
    "longest_run": "def longest_run(nums):\n    best = cur = 0\n    for i, x in enumerate(nums):\n        cur = cur + 1 if i and nums[i-1] == x else 1\n        best = max(best, cur)\n    return best\n",
    "pair_diffs": "def pair_diffs(nums):\n    return [b - a for a, b in zip(nums, nums[1:])]\n",
}

errors, notes = [], []
def err(i, m): errors.append(f"{i}: {m}")

rows = []
with open(PATH) as f:
    for n, line in enumerate(f, 1):
        try:
            rows.append(json.loads(line))
        except Exception as e:
            err(f"line {n}", f"does not parse: {e}")

ids = collections.Counter(r.get("id") for r in rows)
for i, c in ids.items():
    if c > 1: err(i, "duplicate id")

code_ns = {}
for r in rows:
    i = r.get("id")
    miss = KEYS - r.keys()
    if miss: err(i, f"missing keys {miss}")
    t = r["template"]; e = r["expected"]
    if t not in TEMPLATES: err(i, "bad template")
    if r["family"] not in FAMILIES: err(i, "bad family")
    if r["mode"] not in ("text", "json_object"): err(i, "bad mode")
    if r["finish_reason"] not in ("stop", "length"): err(i, "bad finish_reason")
    if r["truncated"] != (r["finish_reason"] == "length"): err(i, "truncated/finish_reason mismatch")
    if "{{" in r["prompt"]: err(i, "unfilled slot in prompt")
    if f"Task: {t}" not in r["prompt"]: err(i, "prompt is not the template's")
    if not isinstance(r["usable"], bool) or not isinstance(r["truncated"], bool): err(i, "flags not bool")
    u = r["usable"]
    try:
        if t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard")
                assert c["keyphrase"] in r["prompt"]
            assert bool(e["concepts"]) == u
        elif t == "instructions":
            for c in e["instructions"]:
                assert set(c) == {"kind", "text"} and c["kind"] in ("function", "class")
            assert bool(e["instructions"]) == u
        elif t == "signature":
            if u:
                assert e["kind"] in ("function", "class")
                pre = "Function: " if e["kind"] == "function" else "Class: "
                assert e["line"].startswith(pre + e["name"])
                if e["kind"] == "function":
                    ast.parse("def " + e["line"][len(pre):] + ": pass")
                else:
                    for part in e["line"].split("; ")[1:]:
                        ast.parse("def " + part + ": pass")
                    assert e["line"].split("; ")[1].startswith("__init__(self")
        elif t == "candidate_code":
            if u:
                ast.parse(e["code"])
                body = r["reply"] if r["mode"] == "text" else json.loads(r["reply"])["code"]
                assert e["code"] in body, "code not verbatim in reply"
                ns = {}; exec(e["code"], ns)
                calls = SANITY.get(i, [])
                assert calls, "no sanity call"
                for expr, want in calls:
                    got = eval(expr, ns)
                    assert got == want, (expr, got, want)
                notes.append(f"{i}: {len(calls)} sanity call(s) pass")
            else:
                assert e["code"] is None
        elif t == "test_scenarios":
            assert all(isinstance(s, str) and s for s in e["scenarios"])
            assert bool(e["scenarios"]) == u
        elif t == "candidate_tests":
            text = r["reply"] if r["mode"] == "text" else "\n".join(json.loads(r["reply"])["tests"])
            for s in e["tests"]:
                tree = ast.parse(s)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert)
                assert isinstance(tree.body[0].test, ast.Compare)
                assert s in text, "test not verbatim in reply"
                fn = tree.body[0].test.left.func
                name = fn.id if isinstance(fn, ast.Name) else None
                ns = {}
                if name in REFS:
                    exec(REFS[name], ns)
                elif name == "reduce_fraction":
                    exec(next(x for x in rows if x["id"] == "r88-candidate_code-02")["expected"]["code"], ns)
                elif isinstance(fn, ast.Attribute):
                    exec(next(x for x in rows if x["id"] == "r88-candidate_code-04")["expected"]["code"], ns)
                exec(s, ns)
            assert isinstance(e.get("unusable_tests", []), list)
            notes.append(f"{i}: {len(e['tests'])} test(s) pass against a reference")
        elif t == "extract_entities":
            for c in e["claims"]:
                assert set(c) == {"kind", "name", "value"}
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return")
                assert all(isinstance(v, str) for v in c.values())
            assert bool(e["claims"]) == u
        elif t in ("narrate_forward", "narrate_backward"):
            for k in ("code", "call", "returned"):
                assert k in r, f"missing {k}"
            ns = {}; exec(r["code"], ns)
            assert repr(eval(r["call"], ns)) == r["returned"], "call does not reproduce returned"
            if u:
                ast.parse(e["answer"], mode="eval")
                if t == "narrate_forward":
                    assert eval(e["answer"]) == eval(r["returned"]), "answer != returned"
                else:
                    ns2 = {}; exec(r["code"], ns2)
                    assert repr(eval(e["answer"], ns2)) == r["returned"], "answer call != returned"
            else:
                assert e["answer"] is None
    except Exception as ex:
        err(i, f"{type(ex).__name__}: {ex}")

per = collections.defaultdict(collections.Counter)
for r in rows: per[r["template"]][r["family"]] += 1
for t in TEMPLATES:
    n = sum(per[t].values())
    if n != 6: err(t, f"{n} replies, want 6")
    if len(per[t]) < 5: err(t, f"only {len(per[t])} families")

print(f"rows: {len(rows)}")
print("by template:", dict(collections.Counter(r['template'] for r in rows)))
print("by family:", dict(collections.Counter(r['family'] for r in rows)))
print("by mode:", dict(collections.Counter(r['mode'] for r in rows)))
print("truncated:", sum(r['truncated'] for r in rows), " unusable:", sum(not r['usable'] for r in rows))
for t in TEMPLATES: print(f"  {t}: families={len(per[t])} {dict(per[t])}")
print()
for n in notes: print("ok", n)
print()
print(f"errors: {len(errors)}")
for e in errors: print("ERROR", e)
sys.exit(1 if errors else 0)
