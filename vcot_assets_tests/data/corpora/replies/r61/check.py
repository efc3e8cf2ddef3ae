"""Self-check for r61 replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, collections, sys
SANITY = {
 "r61-candidate_code-01": [("k_smallest([5, 1, 4, 2], 2)", [1, 2]), ("k_smallest([3], 0)", [])],
 "r61-candidate_code-02": [("run_length_encode('aaab')", [('a', 3), ('b', 1)]), ("run_length_encode('')", [])],
 "r61-candidate_code-03": [("(lambda q: (q.push(3), q.push(1), q.pop())[2])(MinQueue())", 1), ("MinQueue().pop()", None)],
 "r61-candidate_code-04": [("caesar('xyz', 2)", 'zab'), ("caesar('a b', 1)", 'b c')],
 "r61-candidate_code-05": [("add_fractions((1, 2), (1, 3))", (5, 6)), ("add_fractions((1, 4), (1, 4))", (1, 2))],
}
REFS = {
 "r61-candidate_tests-01": "import heapq\ndef k_smallest(nums, k):\n    return heapq.nsmallest(k, nums) if k > 0 else []",
 "r61-candidate_tests-02": "def count_by_parity(nums):\n    return {'even': sum(1 for n in nums if n % 2 == 0), 'odd': sum(1 for n in nums if n % 2)}",
 "r61-candidate_tests-03": "import itertools\ndef run_length_encode(s):\n    return [(k, len(list(g))) for k, g in itertools.groupby(s)]",
 "r61-candidate_tests-04": "class MinQueue:\n    def __init__(self): self.h = []\n    def push(self, v): self.h.append(v)\n    def pop(self):\n        if not self.h: return None\n        m = min(self.h); self.h.remove(m); return m",
 "r61-candidate_tests-05": "def caesar(text, shift):\n    return ''.join(chr((ord(c) - 97 + shift) % 26 + 97) if 'a' <= c <= 'z' else c for c in text)",
 "r61-candidate_tests-06": "import statistics\ndef median(values):\n    return statistics.median(values)",
}
TEMPLATES = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios", "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"]
errors, rows = [], []
for n, line in enumerate(open("replies.jsonl", encoding="utf-8"), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        errors.append(f"line {n}: bad json {e}")
def err(r, m): errors.append(f"{r['id']}: {m}")
ids = collections.Counter(r["id"] for r in rows)
for i, c in ids.items():
    if c > 1: errors.append(f"duplicate id {i}")
for r in rows:
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: err(r, f"missing {k}")
    t, e = r["template"], r["expected"]
    if "{{" in r["prompt"]: err(r, "unfilled slot in prompt")
    if r["truncated"] != (r["finish_reason"] == "length"): err(r, "truncated/finish_reason mismatch")
    if r["mode"] not in ("text", "json_object"): err(r, "bad mode")
    if not r["usable"]:
        continue
    try:
        if t == "candidate_code":
            ast.parse(e["code"])
            ns = {}; exec(e["code"], ns)
            checks = SANITY.get(r["id"], [])
            if not checks: err(r, "no sanity call")
            for call, want in checks:
                got = eval(call, ns)
                if got != want: err(r, f"sanity {call} -> {got!r}, want {want!r}")
        elif t == "candidate_tests":
            for s in e["tests"]:
                tree = ast.parse(s)
                if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Assert): err(r, f"not a single assert: {s}")
                ns = {}; exec(REFS[r["id"]], ns)
                try: exec(s, ns)
                except AssertionError: err(r, f"test fails against reference: {s}")
        elif t == "narrate_forward":
            ast.parse(e["answer"], mode="eval")
            if eval(e["answer"]) != eval(r["returned"]): err(r, f"answer {e['answer']} != returned {r['returned']}")
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval")
            ns = {}; exec(r["code"], ns)
            got = eval(e["answer"], ns)
            if repr(got) != r["returned"]: err(r, f"{e['answer']} -> {got!r} != {r['returned']}")
            if repr(eval(r["call"], ns)) != r["returned"]: err(r, "recorded call does not give returned")
        elif t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard")
        elif t == "instructions":
            for x in e["instructions"]: assert x["kind"] in ("function", "class") and x["text"]
        elif t == "signature":
            assert e["kind"] in ("function", "class")
            assert e["line"].startswith("Function: " if e["kind"] == "function" else "Class: ")
            assert e["name"] in e["line"]
        elif t == "extract_entities":
            for c in e["claims"]:
                assert set(c) == {"kind", "name", "value"} and all(isinstance(v, str) for v in c.values()), c
        elif t == "test_scenarios":
            assert e["scenarios"] and all(isinstance(s, str) for s in e["scenarios"])
    except Exception as ex:
        err(r, f"{type(ex).__name__}: {ex}")
print(f"rows: {len(rows)}")
bt = collections.defaultdict(list)
for r in rows: bt[r["template"]].append(r)
for t in TEMPLATES:
    fams = {r["family"] for r in bt[t]}
    print(f"{t:18s} n={len(bt[t])} families={len(fams)} json_object={sum(r['mode']=='json_object' for r in bt[t])} truncated={sum(r['truncated'] for r in bt[t])} unusable={sum(not r['usable'] for r in bt[t])}")
    if len(bt[t]) != 6: errors.append(f"{t}: {len(bt[t])} rows, want 6")
    if len(fams) < 5: errors.append(f"{t}: only {len(fams)} families")
print("families:", dict(collections.Counter(r["family"] for r in rows)))
print("modes:", dict(collections.Counter(r["mode"] for r in rows)))
print("truncated:", sum(r["truncated"] for r in rows), "unusable:", sum(not r["usable"] for r in rows))
print("ERRORS:" if errors else "ALL CHECKS PASSED")
for x in errors: print("  " + x)
sys.exit(1 if errors else 0)
