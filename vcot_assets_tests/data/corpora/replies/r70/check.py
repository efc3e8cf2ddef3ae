"""Self-check of replies.jsonl (writer r70)."""
import ast, json, sys
from collections import Counter

PATH = "/work/corpus/replies/r70/replies.jsonl"
SANITY = {  # id -> (setup-free expression, expected value)
    "r70-candidate_code-01": [("k_smallest([5, 1, 4, 2, 3], 2)", [1, 2]), ("k_smallest([3], 0)", [])],
    "r70-candidate_code-02": [("run_length_encode('aaabcc')", [('a', 3), ('b', 1), ('c', 2)]), ("run_length_encode('')", [])],
    "r70-candidate_code-03": [("reduce_fraction(6, -8)", (-3, 4)), ("reduce_fraction(1, 0)", None)],
    "r70-candidate_code-04": [("(lambda q: (q.push('b', 2), q.push('a', 1), q.push('c', 1), q.pop(), q.pop())[3:])(MinPriorityQueue())", ('a', 'c'))],
    "r70-candidate_code-05": [("(lambda r: [r.add(3), r.add(1), r.add(2)])(RunningMedian())", [3.0, 2.0, 2.0])],
}
REQ = ["id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"]
errors = []
rows = []
for n, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        errors.append(f"line {n}: does not parse: {e}")

def err(r, msg): errors.append(f"{r['id']}: {msg}")

ids = Counter(r["id"] for r in rows)
for i, c in ids.items():
    if c > 1: errors.append(f"{i}: duplicate id")
for r in rows:
    for k in REQ:
        if k not in r: err(r, f"missing {k}")
    if "{{" in r["prompt"]: err(r, "unfilled slot in prompt")
    if r["mode"] not in ("text", "json_object"): err(r, "bad mode")
    if (r["finish_reason"] == "length") != r["truncated"]: err(r, "finish_reason/truncated mismatch")
    e, t = r["expected"], r["template"]
    if r["mode"] == "json_object" and not r["truncated"]:
        try: json.loads(r["reply"])
        except Exception as ex: err(r, f"json_object reply is not JSON: {ex}")
    if not r["usable"]:
        continue
    try:
        if t == "candidate_code":
            ast.parse(e["code"])
            if r["id"] not in SANITY: err(r, "no sanity call")
            ns = {}
            exec(e["code"], ns)
            for expr, want in SANITY.get(r["id"], []):
                got = eval(expr, ns)
                if got != want: err(r, f"sanity {expr} -> {got!r}, want {want!r}")
        elif t == "candidate_tests":
            for s in e["tests"]:
                node = ast.parse(s).body
                if len(node) != 1 or not isinstance(node[0], ast.Assert): err(r, f"not a single assert: {s}")
        elif t in ("narrate_forward", "narrate_backward"):
            ast.parse(e["answer"], mode="eval")
            ns = {}
            exec(r["code"], ns)
            want = eval(r["returned"])
            got = eval(e["answer"], ns) if t == "narrate_backward" else eval(e["answer"])
            if got != want or type(got) != type(want): err(r, f"answer {e['answer']} gives {got!r}, returned {r['returned']}")
            # the recorded call itself must give the recorded return
            if eval(r["call"], ns) != want: err(r, "call does not give returned")
        elif t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard")
        elif t == "instructions":
            for it in e["instructions"]:
                assert it["kind"] in ("function", "class") and it["text"]
        elif t == "signature":
            assert e["kind"] in ("function", "class")
            prefix = "Function: " if e["kind"] == "function" else "Class: "
            assert e["line"].startswith(prefix + e["name"]), e["line"]
        elif t == "test_scenarios":
            assert all(isinstance(s, str) and s for s in e["scenarios"])
        elif t == "extract_entities":
            for c in e["claims"]:
                assert set(c) == {"kind", "name", "value"} and all(isinstance(v, str) for v in c.values()), c
        else:
            err(r, "unknown template")
    except Exception as ex:
        err(r, f"check failed: {type(ex).__name__}: {ex}")

# tests written for exercises that also have a candidate_code row: run them against that code
CODE_FOR = {"r70-candidate_tests-01": "r70-candidate_code-01", "r70-candidate_tests-02": "r70-candidate_code-02",
            "r70-candidate_tests-03": "r70-candidate_code-03", "r70-candidate_tests-04": "r70-candidate_code-05"}
byid = {r["id"]: r for r in rows}
for tid, cid in CODE_FOR.items():
    ns = {}
    exec(byid[cid]["expected"]["code"], ns)
    for s_ in byid[tid]["expected"]["tests"]:
        try: exec(s_, ns)
        except AssertionError: errors.append(f"{tid}: test fails against {cid}: {s_}")

print(f"rows: {len(rows)}")
for label, key in (("template", "template"), ("family", "family"), ("mode", "mode")):
    print(f"per {label}:", dict(sorted(Counter(r[key] for r in rows).items())))
print("truncated:", sum(r["truncated"] for r in rows), " unusable:", sum(not r["usable"] for r in rows))
fam = {}
for r in rows: fam.setdefault(r["template"], set()).add(r["family"])
for t, f in sorted(fam.items()):
    if len(f) < 5: errors.append(f"{t}: only {len(f)} families")
print("families per template:", {t: len(f) for t, f in sorted(fam.items())})
print("errors:", len(errors))
for x in errors: print("  ", x)
print("RESULT:", "PASS" if not errors else "FAIL")
sys.exit(1 if errors else 0)
