"""Self-check of replies.jsonl (writer r65). Prints a report; exit 1 on any failure."""
import ast, json, sys
from collections import Counter, defaultdict

PATH = "/work/corpus/replies/r65/replies.jsonl"
SANITY = {  # candidate_code id -> (call, expected value)
    "r65-candidate_code-01": ("insertion_index([1, 2, 2, 3], 2)", 1),
    "r65-candidate_code-02": ("reduce_fraction(6, -8)", (-3, 4)),
    "r65-candidate_code-03": ("char_tally('banana')", {"b": 1, "a": 3, "n": 2}),
    "r65-candidate_code-04": ("SortedBag([5, 1, 3]).rank(4)", 2),
    "r65-candidate_code-05": ("wrap_words('aa bb cc', 5)", ["aa bb", "cc"]),
    "r65-candidate_code-06": ("same_multiset([3, 1, 3], [3, 3, 1])", True),
}
# tests are also run against the matching solution (same exercise)
TESTS_CODE = {"r65-candidate_tests-01": "r65-candidate_code-01", "r65-candidate_tests-02": "r65-candidate_code-02",
              "r65-candidate_tests-03": "r65-candidate_code-03", "r65-candidate_tests-04": "r65-candidate_code-04",
              "r65-candidate_tests-05": "r65-candidate_code-05"}
REQ = {"id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"}
FAMS = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}
fails = []
def fail(i, msg): fails.append(f"{i}: {msg}")

rows = []
for n, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        fail(f"line {n}", f"does not parse: {e}")
ids = [r["id"] for r in rows]
for i, c in Counter(ids).items():
    if c > 1: fail(i, "duplicate id")
codes = {r["id"]: r["expected"].get("code") for r in rows if r["template"] == "candidate_code"}

for r in rows:
    i, t, e = r["id"], r["template"], r["expected"]
    miss = REQ - set(r)
    if miss: fail(i, f"missing fields {miss}")
    if r["family"] not in FAMS: fail(i, f"bad family {r['family']}")
    if r["mode"] not in ("text", "json_object"): fail(i, "bad mode")
    if "{{" in r["prompt"]: fail(i, "unfilled slot in prompt")
    if (r["finish_reason"] == "length") != r["truncated"]: fail(i, "finish_reason/truncated mismatch")
    if not r["usable"]:
        continue
    try:
        if t == "candidate_code":
            ast.parse(e["code"])
            call, want = SANITY[i]
            ns = {}; exec(e["code"], ns)
            got = eval(call, ns)
            if got != want: fail(i, f"sanity {call} -> {got!r}, want {want!r}")
        elif t == "candidate_tests":
            for s in e["tests"]:
                tree = ast.parse(s)
                if not (len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert)): fail(i, f"not one assert: {s}")
            if i in TESTS_CODE:
                ns = {}; exec(codes[TESTS_CODE[i]], ns)
                for s in e["tests"]:
                    try: exec(s, ns)
                    except AssertionError: fail(i, f"test fails on reference: {s}")
        elif t == "narrate_forward":
            ast.parse(e["answer"], mode="eval")
            if eval(e["answer"]) != eval(r["returned"]): fail(i, "answer != returned")
            ns = {}; exec(r["code"], ns)
            if eval(r["call"], ns) != eval(r["returned"]): fail(i, "call does not give returned")
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval")
            ns = {}; exec(r["code"], ns)
            if eval(e["answer"], ns) != eval(r["returned"]): fail(i, "answer call != returned")
        elif t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard")
        elif t == "instructions":
            for c in e["instructions"]: assert c["kind"] in ("function", "class") and c["text"]
        elif t == "signature":
            pre = "Function: " if e["kind"] == "function" else "Class: "
            assert e["line"].startswith(pre + e["name"]), e
            if e["kind"] == "function":
                ast.parse("def " + e["line"][len(pre):] + ": pass")
            else:
                for part in e["line"].split("; ")[1:]:
                    ast.parse("def " + part + ": pass")
        elif t == "test_scenarios":
            assert e["scenarios"] and all(isinstance(s, str) for s in e["scenarios"])
        elif t == "extract_entities":
            for c in e["claims"]:
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return") and isinstance(c["value"], str), c
    except Exception as ex:
        fail(i, f"{type(ex).__name__}: {ex}")

by_t = defaultdict(list)
for r in rows: by_t[r["template"]].append(r)
print(f"rows: {len(rows)}")
for t, rs in sorted(by_t.items()):
    fams = {r["family"] for r in rs}
    if len(rs) != 6: fail(t, f"{len(rs)} rows, want 6")
    if len(fams) < 5: fail(t, f"only {len(fams)} families")
    print(f"  {t}: {len(rs)} rows, {len(fams)} families, json_object {sum(r['mode']=='json_object' for r in rs)}, "
          f"truncated {sum(r['truncated'] for r in rs)}, unusable {sum(not r['usable'] for r in rs)}")
print("families:", dict(Counter(r["family"] for r in rows)))
print("modes:", dict(Counter(r["mode"] for r in rows)))
print("truncated:", sum(r["truncated"] for r in rows), "unusable:", sum(not r["usable"] for r in rows))
print("FAILURES:" if fails else "ALL CHECKS PASSED", *fails, sep="\n  ")
sys.exit(1 if fails else 0)
