"""Self-check for r59 replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, sys, collections, difflib

P = "/work/corpus/replies/r59/replies.jsonl"
TEMPLATES = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios", "candidate_tests",
             "extract_entities", "narrate_forward", "narrate_backward"]
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}
SANITY = {
    "r59-candidate_code-01": ["count_less_than([1, 3, 3, 7], 3) == 1", "count_less_than([], 5) == 0"],
    "r59-candidate_code-02": ["(lambda h: (h.push(5), h.push(2), h.pop_min())[2])(MinHeap()) == 2", "MinHeap().pop_min() is None"],
    "r59-candidate_code-03": ["run_lengths([1, 1, 2, 3, 3, 3]) == [(1, 2), (2, 1), (3, 3)]", "run_lengths([]) == []"],
    "r59-candidate_code-04": ["median_low([4, 1, 3, 2]) == 2", "median_low([5, 1, 3]) == 3"],
    "r59-candidate_code-05": ["group_runs('aabccc') == ['aa', 'b', 'ccc']", "group_runs('') == []"],
}
def ref_suggest(word, words):
    r = lambda w: difflib.SequenceMatcher(None, word, w).ratio()
    return sorted([w for w in words if r(w) >= 0.6], key=lambda w: -r(w))

errors, notes = [], []
def err(i, m): errors.append(f"{i}: {m}")

rows = []
for n, line in enumerate(open(P, encoding="utf-8"), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        err(f"line {n}", f"JSON parse error {e}")

impl_ns = {}
for r in rows:
    if r["template"] == "candidate_code" and r["usable"]:
        exec(r["expected"]["code"], impl_ns)
impl_ns["suggest"] = ref_suggest

ids = set()
for r in rows:
    i = r.get("id")
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: err(i, f"missing field {k}")
    if i in ids: err(i, "duplicate id")
    ids.add(i)
    t = r["template"]
    if t not in TEMPLATES: err(i, f"bad template {t}")
    if not i.startswith(f"r59-{t}-"): err(i, "id does not match template")
    if r["family"] not in FAMILIES: err(i, f"bad family {r['family']}")
    if r["mode"] not in ("text", "json_object"): err(i, "bad mode")
    if r["finish_reason"] not in ("stop", "length"): err(i, "bad finish_reason")
    if r["truncated"] != (r["finish_reason"] == "length"): err(i, "truncated/finish_reason mismatch")
    if "{{" in r["prompt"]: err(i, "unfilled slot in prompt")
    if f"Task: {t}" not in r["prompt"]: err(i, "prompt is not of its template")
    if r["mode"] == "json_object" and r["usable"] and not r["truncated"]:
        try: json.loads(r["reply"])
        except Exception: err(i, "json_object reply is not JSON")
    e = r["expected"]
    if not r["usable"]:
        continue
    try:
        if t == "concepts":
            assert e["concepts"], "no concepts"
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard")
                assert c["keyphrase"] in r["prompt"], c["keyphrase"]
        elif t == "instructions":
            assert e["instructions"]
            for it in e["instructions"]:
                assert it["kind"] in ("function", "class") and it["text"] and it["text"] in r["reply"], it
                assert not it["text"].startswith(("[", "1."))
        elif t == "signature":
            assert e["kind"] in ("function", "class")
            pre = "Function: " if e["kind"] == "function" else "Class: "
            assert e["line"].startswith(pre) and e["name"] in e["line"]
            if e["kind"] == "function":
                ast.parse("def " + e["line"][len(pre):] + ": pass")
            else:
                parts = e["line"][len(pre):].split("; ")
                assert parts[0] == e["name"] and parts[1].startswith("__init__(self")
                for m in parts[1:]:
                    ast.parse("def " + m + ": pass")
        elif t == "candidate_code":
            ast.parse(e["code"])
            assert e["code"] in r["reply"] or r["mode"] == "json_object"
            ns = {}
            exec(e["code"], ns)
            calls = SANITY.get(i, [])
            assert calls, "no sanity call"
            for c in calls:
                assert eval(c, ns), f"sanity failed: {c}"
            notes.append(f"{i}: {len(calls)} sanity calls passed")
        elif t == "test_scenarios":
            assert e["scenarios"]
            for s in e["scenarios"]:
                assert s in r["reply"], s
        elif t == "candidate_tests":
            assert "tests" in e and "unusable_tests" in e
            for s in e["tests"]:
                tree = ast.parse(s)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert), s
                assert s in r["reply"] or r["mode"] == "json_object", s
                assert eval(compile(ast.Expression(tree.body[0].test), "<t>", "eval"), dict(impl_ns)), f"test fails on reference: {s}"
            notes.append(f"{i}: {len(e['tests'])} tests pass against reference implementations")
        elif t == "extract_entities":
            assert e["claims"]
            for c in e["claims"]:
                assert set(c) == {"kind", "name", "value"} and all(isinstance(v, str) for v in c.values()), c
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return")
        elif t == "narrate_forward":
            ast.parse(e["answer"], mode="eval")
            ns = {}
            exec(r["code"], ns)
            real = eval(r["call"], ns)
            assert repr(real) == r["returned"], "returned differs from running the call"
            assert eval(e["answer"]) == eval(r["returned"]), "answer != returned"
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval")
            ns = {}
            exec(r["code"], ns)
            assert repr(eval(r["call"], ns)) == r["returned"]
            assert eval(e["answer"], ns) == eval(r["returned"]), "answer call does not reproduce returned"
            assert e["answer"].split("(")[0] == r["call"].split("(")[0]
    except Exception as ex:
        err(i, f"{type(ex).__name__}: {ex}")

by_t = collections.Counter(r["template"] for r in rows)
fam_t = collections.defaultdict(set)
for r in rows: fam_t[r["template"]].add(r["family"])
for t in TEMPLATES:
    if by_t[t] != 6: err(t, f"{by_t[t]} replies, want 6")
    if len(fam_t[t]) < 5: err(t, f"only {len(fam_t[t])} families")

print(f"rows: {len(rows)}")
print("per template:", dict(by_t))
print("per family:", dict(collections.Counter(r["family"] for r in rows)))
print("per mode:", dict(collections.Counter(r["mode"] for r in rows)))
print("truncated:", sum(r["truncated"] for r in rows), " unusable:", sum(not r["usable"] for r in rows))
print("families per template:", {t: len(fam_t[t]) for t in TEMPLATES})
for n in notes: print("ok", n)
if errors:
    print(f"FAIL: {len(errors)} errors")
    for x in errors: print("  ", x)
    sys.exit(1)
print("PASS: all checks passed")
