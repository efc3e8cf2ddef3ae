"""Self-check for r48 replies.jsonl: structure, Python validity of expected items, narrate answers, code sanity."""
import ast, json, sys, collections

PATH = "/work/corpus/replies/r48/replies.jsonl"
TEMPLATES = {"concepts", "instructions", "signature", "candidate_code", "test_scenarios", "candidate_tests",
             "extract_entities", "narrate_forward", "narrate_backward"}
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}
# sanity calls for candidate_code: id -> list of (expression, expected repr)
SANITY = {
    "r48-candidate_code-01": [("consecutive_differences([1, 4, 9])", "[3, 5]"), ("consecutive_differences([])", "[]")],
    "r48-candidate_code-02": [("run_length_encode('aaabcc')", "[('a', 3), ('b', 1), ('c', 2)]"), ("run_length_encode('')", "[]")],
    "r48-candidate_code-03": [("Bag(['x', 'y', 'x']).count('x')", "2"), ("Bag([]).count('q')", "0")],
    "r48-candidate_code-04": [("count_in_range([1, 2, 2, 5], 2, 4)", "2"), ("count_in_range([1, 2], 3, 1)", "0")],
    "r48-candidate_code-05": [("(lambda b: [b.add(3), b.add(1), b.add(3)])(SortedBag())", "[0, 0, 2]")],
    "r48-candidate_code-06": [("can_build('cab', 'abcd')", "True"), ("can_build('book', 'bok')", "False")],
}
# candidate_tests run against the matching candidate_code solution (extra check that the tests are right)
TESTS_AGAINST = {"r48-candidate_tests-01": "r48-candidate_code-01", "r48-candidate_tests-02": "r48-candidate_code-02",
                 "r48-candidate_tests-03": "r48-candidate_code-03", "r48-candidate_tests-04": "r48-candidate_code-04",
                 "r48-candidate_tests-05": "r48-candidate_code-06", "r48-candidate_tests-06": "r48-candidate_code-05"}

errors, rows = [], []
for i, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        errors.append(f"line {i}: JSON parse error {e}")
by_id = {}
for r in rows:
    rid = r.get("id", "?")
    def err(m): errors.append(f"{rid}: {m}")
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: err(f"missing key {k}")
    if rid in by_id: err("duplicate id")
    by_id[rid] = r
    t = r.get("template")
    if t not in TEMPLATES: err(f"bad template {t}")
    if not rid.startswith(f"r48-{t}-"): err("id/template mismatch")
    if r.get("family") not in FAMILIES: err("bad family")
    if r.get("mode") not in ("text", "json_object"): err("bad mode")
    if r.get("finish_reason") not in ("stop", "length"): err("bad finish_reason")
    if r.get("truncated") != (r.get("finish_reason") == "length"): err("truncated/finish_reason mismatch")
    if "{{" in r.get("prompt", ""): err("unfilled slot in prompt")
    if r.get("family") == "deepseek-r1-distill" and r.get("mode") == "text" and not r["reply"].startswith("<think>"):
        err("deepseek text reply without <think>")
    e = r.get("expected", {})
    if not r.get("usable"):
        if any(v for v in e.values()): err("unusable but expected has content")
        continue
    try:
        if t == "concepts":
            assert e["concepts"], "no concepts"
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard")
                assert c["keyphrase"] in r["prompt"], "keyphrase not in prompt"
        elif t == "instructions":
            assert e["instructions"]
            for it in e["instructions"]:
                assert it["kind"] in ("function", "class") and it["text"]
                assert it["text"] in r["reply"] or json.dumps(it["text"])[1:-1] in r["reply"], "text not verbatim in reply"
        elif t == "signature":
            line = e["line"]
            assert e["kind"] in ("function", "class")
            if e["kind"] == "function":
                assert line.startswith("Function: " + e["name"] + "(")
                ast.parse("def " + line[len("Function: "):] + ": pass")
            else:
                parts = line.split("; ")
                assert parts[0] == "Class: " + e["name"] and parts[1].startswith("__init__(self")
                for m in parts[1:]: ast.parse("def " + m + ": pass")
        elif t == "candidate_code":
            code = e["code"]; ast.parse(code)
            ns = {}; exec(code, ns)
            for expr, want in SANITY[rid]:
                got = repr(eval(expr, ns))
                assert got == want, f"sanity {expr} -> {got} != {want}"
        elif t == "test_scenarios":
            assert e["scenarios"] and all(isinstance(s, str) and s for s in e["scenarios"])
        elif t == "candidate_tests":
            for s in e["tests"]:
                tree = ast.parse(s)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert), s
                assert s in r["reply"] or json.dumps(s)[1:-1] in r["reply"], "test not verbatim in reply"
            for u in e.get("unusable_tests", []): assert isinstance(u, str) and u
            ns = {}; exec(by_id[TESTS_AGAINST[rid]]["expected"]["code"], ns) if TESTS_AGAINST[rid] in by_id else None
            for s in e["tests"]: exec(s, ns)
        elif t == "extract_entities":
            assert e["claims"]
            for c in e["claims"]:
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return")
                assert all(isinstance(c[k], str) for k in ("kind", "name", "value"))
        elif t == "narrate_forward":
            ast.parse(e["answer"], mode="eval")
            assert repr(eval(e["answer"])) == r["returned"], f"{e['answer']} != {r['returned']}"
            ns = {}; exec(r["code"], ns)
            assert repr(eval(r["call"], ns)) == r["returned"], "call does not return returned"
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval")
            ns = {}; exec(r["code"], ns)
            assert repr(eval(e["answer"], ns)) == r["returned"], "answer call does not give returned"
            assert repr(eval(r["call"], ns)) == r["returned"]
            assert r["returned"] in r["prompt"]
    except Exception as ex:
        err(f"{type(ex).__name__}: {ex}")

cnt = lambda key: dict(sorted(collections.Counter(key(r) for r in rows).items()))
print(f"rows: {len(rows)}")
print("per template:", cnt(lambda r: r["template"]))
print("per family:", cnt(lambda r: r["family"]))
print("per mode:", cnt(lambda r: r["mode"]))
print("truncated:", sum(r["truncated"] for r in rows), " unusable:", sum(not r["usable"] for r in rows))
fam_per_t = collections.defaultdict(set)
for r in rows: fam_per_t[r["template"]].add(r["family"])
for t in sorted(fam_per_t):
    if len(fam_per_t[t]) < 5: errors.append(f"{t}: only {len(fam_per_t[t])} families")
print("families per template:", {t: len(v) for t, v in sorted(fam_per_t.items())})
print("ERRORS:" if errors else "ALL CHECKS PASSED", *errors, sep="\n")
sys.exit(1 if errors else 0)
