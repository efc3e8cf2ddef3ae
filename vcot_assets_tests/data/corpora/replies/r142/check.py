"""Self-check of replies.jsonl (writer r142). Run: python3 check.py > check_report.txt"""
import ast, json, re, sys
from collections import Counter, defaultdict

PATH = "/work/corpus/replies/r142/replies.jsonl"
TEMPLATES = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios",
             "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"]
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}
SANITY = {  # candidate_code id -> list of (expression, expected value)
    "r142-candidate_code-01": [("is_min_heap([1, 2, 3, 4])", True), ("is_min_heap([3, 1])", False), ("is_min_heap([])", True)],
    "r142-candidate_code-02": [("count_at_most([1, 2, 2, 5], 2)", 3), ("count_at_most([], 1)", 0)],
    "r142-candidate_code-03": [("run_lengths('aaabcc')", [("a", 3), ("b", 1), ("c", 2)]), ("run_lengths('')", [])],
    "r142-candidate_code-04": [("RunEncoder().encode('aaab')", "3a1b"), ("RunEncoder().encode('')", "")],
    "r142-candidate_code-05": [("dedent_lines(['  a', '    b', ' ', '  c'])", ["a", "  b", "", "c"])],
    "r142-candidate_code-06": [("harmonic_mean([2, 6])", 3.0), ("harmonic_mean([0, 5])", 0.0)],
}
REFS = {  # reference code to run the extracted candidate tests against
    "longest_run": "def longest_run(xs):\n    best = cur = 0\n    prev = object()\n    for x in xs:\n        cur = cur + 1 if x == prev else 1\n        prev = x\n        best = max(best, cur)\n    return best\n",
}
errors, notes = [], []
def err(i, m): errors.append(f"{i}: {m}")

rows = []
for n, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        err(f"line {n}", f"JSON parse error {e}")

code_by_name = {}
for r in rows:
    if r["template"] == "candidate_code":
        code_by_name[r["id"]] = r["expected"].get("code", "")

ids = Counter(r["id"] for r in rows)
for i, c in ids.items():
    if c > 1: err(i, "duplicate id")

for r in rows:
    i, t, e = r["id"], r["template"], r["expected"]
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: err(i, f"missing field {k}")
    if t not in TEMPLATES: err(i, f"bad template {t}")
    if r["family"] not in FAMILIES: err(i, f"bad family {r['family']}")
    if r["mode"] not in ("text", "json_object"): err(i, "bad mode")
    if r["finish_reason"] not in ("stop", "length"): err(i, "bad finish_reason")
    if r["truncated"] != (r["finish_reason"] == "length"): err(i, "truncated disagrees with finish_reason")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: err(i, "expected truncated/usable mismatch")
    if "{{" in r["prompt"]: err(i, "unfilled slot in prompt")
    if not r["id"].startswith(f"r142-{t}-"): err(i, "id/template mismatch")
    if r["mode"] == "json_object" and r["usable"] and not r["truncated"]:
        try: json.loads(r["reply"])
        except Exception as ex: err(i, f"json_object reply is not JSON: {ex}")
    usable = r["usable"]
    try:
        if t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard")
                assert c["keyphrase"] in r["prompt"], "keyphrase not in prompt"
            assert (len(e["concepts"]) > 0) == usable
        elif t == "instructions":
            for x in e["instructions"]:
                assert x["kind"] in ("function", "class") and x["text"] and not x["text"].startswith("[")
                assert x["text"] in r["reply"].replace("\\\"", "\""), "text not verbatim in reply"
            assert (len(e["instructions"]) > 0) == usable
        elif t == "signature":
            if usable:
                line = e["line"]
                if e["kind"] == "function":
                    assert re.fullmatch(r"Function: \w+\(.*\) -> .+", line), line
                    src = "def " + line[len("Function: "):] + ": pass"
                    ast.parse(src)
                    assert line.startswith(f"Function: {e['name']}(")
                else:
                    parts = line.split("; ")
                    assert parts[0] == f"Class: {e['name']}" and parts[1].startswith("__init__(self"), line
                    for p in parts[1:]:
                        ast.parse("def " + p + ": pass")
        elif t == "candidate_code":
            if usable:
                ast.parse(e["code"])
                ns = {}
                exec(e["code"], ns)
                for expr, want in SANITY[i]:
                    got = eval(expr, ns)
                    assert got == want, f"sanity {expr} -> {got!r}, want {want!r}"
                    notes.append(f"{i}: sanity {expr} == {want!r} ok")
                assert "__main__" not in e["code"] and "print(" not in e["code"]
        elif t == "test_scenarios":
            for s in e["scenarios"]:
                assert isinstance(s, str) and s and not s[0].isdigit(), s
            assert (len(e["scenarios"]) > 0) == usable
        elif t == "candidate_tests":
            ns = {}
            for cid, code in code_by_name.items(): exec(code, ns)
            for code in REFS.values(): exec(code, ns)
            for s in e["tests"]:
                tree = ast.parse(s)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert), s
                assert s in r["reply"].replace("\\n", "\n").replace("\\\"", "\""), f"test not verbatim: {s}"
                exec(s, ns)  # run against the reference implementations
            notes.append(f"{i}: {len(e['tests'])} tests parse and pass the reference implementation")
            for u in e.get("unusable_tests", []): assert isinstance(u, str)
        elif t == "extract_entities":
            for c in e["claims"]:
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return")
                assert all(isinstance(c[k], str) for k in ("kind", "name", "value"))
            assert (len(e["claims"]) > 0) == usable
        elif t == "narrate_forward":
            if usable:
                ast.parse(e["answer"], mode="eval")
                assert eval(e["answer"]) == eval(r["returned"]), "answer != returned"
                ns = {}; exec(r["code"], ns)
                assert repr(eval(r["call"], ns)) == r["returned"], "call does not give returned"
                assert e["answer"] in r["reply"] or r["mode"] == "json_object", "answer not in reply"
        elif t == "narrate_backward":
            if usable:
                ast.parse(e["answer"], mode="eval")
                ns = {}; exec(r["code"], ns)
                assert repr(eval(e["answer"], ns)) == r["returned"], "answer call does not give returned"
                assert e["answer"] in r["reply"], "answer not in reply"
            if not usable:
                assert "answer" not in e
    except Exception as ex:
        err(i, f"{type(ex).__name__}: {ex}")

print(f"rows: {len(rows)}")
by_t = Counter(r["template"] for r in rows)
fam_t = defaultdict(set)
for r in rows: fam_t[r["template"]].add(r["family"])
for t in TEMPLATES:
    print(f"  {t:18s} {by_t[t]} replies, {len(fam_t[t])} families")
    if by_t[t] != 6: err(t, f"{by_t[t]} replies, want 6")
    if len(fam_t[t]) < 5: err(t, f"only {len(fam_t[t])} families")
print("families:", dict(Counter(r["family"] for r in rows)))
print("modes:", dict(Counter(r["mode"] for r in rows)))
print("truncated:", sum(r["truncated"] for r in rows), " unusable:", sum(not r["usable"] for r in rows))
print("\n".join(notes))
print("ERRORS:" if errors else "ALL CHECKS PASSED")
print("\n".join(errors))
sys.exit(1 if errors else 0)
