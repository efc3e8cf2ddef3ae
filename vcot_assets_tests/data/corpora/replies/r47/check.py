"""Self-check for r47 replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, collections, sys

PATH = '/work/corpus/replies/r47/replies.jsonl'
TEMPLATES = {"concepts", "instructions", "signature", "candidate_code", "test_scenarios",
             "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"}
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}
SANITY = {  # id -> list of (expr, expected) run after exec of expected.code
    "r47-candidate_code-01": [("is_min_heap([1, 3, 2, 7, 4])", True), ("is_min_heap([5, 3, 8])", False), ("is_min_heap([])", True)],
    "r47-candidate_code-02": [("trimmed_mean([1, 2, 3, 4, 100], 1)", 3.0), ("trimmed_mean([2, 4], 0)", 3.0), ("trimmed_mean([1, 2], 1)", None)],
    "r47-candidate_code-03": [("grade_for(85, [60, 70, 80, 90], 'FDCBA')", 'B'), ("grade_for(80, [60, 70, 80, 90], 'FDCBA')", 'B'), ("grade_for(10, [60, 70, 80, 90], 'FDCBA')", 'F')],
    "r47-candidate_code-04": [("(lambda b: (b.insert(5), b.insert(2), b.insert(2), b.count_below(4), b.items)[3:])(SortedBag())", (2, [2, 2, 5]))],
    "r47-candidate_code-05": [("longest_common_run('abcde', 'xbcdy')", 3), ("longest_common_run('', 'abc')", 0)],
    "r47-candidate_code-06": [("(lambda q: (q.push(3), q.push(1), q.pop(), q.pop(), q.pop())[2:])(MinPriorityQueue())", (1, 3, None))],
}
errors, info = [], []
def err(rid, msg): errors.append(f"{rid}: {msg}")
rows = []
for i, line in enumerate(open(PATH), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        err(f"line {i}", f"does not parse: {e}")
ids = collections.Counter(r["id"] for r in rows)
for k, v in ids.items():
    if v > 1: err(k, "duplicate id")
ref_ns = {}
for r in rows:
    if r["template"] == "candidate_code" and r["usable"]:
        exec(r["expected"]["code"], ref_ns)
for r in rows:
    rid, t, e = r["id"], r["template"], r["expected"]
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: err(rid, f"missing {k}")
    if t not in TEMPLATES: err(rid, "bad template")
    if r["family"] not in FAMILIES: err(rid, "bad family")
    if r["mode"] not in ("text", "json_object"): err(rid, "bad mode")
    if "{{" in r["prompt"]: err(rid, "unfilled slot in prompt")
    if f"Task: {t}" not in r["prompt"]: err(rid, "prompt is not this template")
    if (r["finish_reason"] == "length") != r["truncated"]: err(rid, "finish_reason/truncated mismatch")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: err(rid, "expected flags differ")
    if r["mode"] == "json_object":
        try: json.loads(r["reply"])
        except Exception:
            if not r["truncated"]: err(rid, "json_object reply is not JSON")
    if not r["usable"]:
        continue
    try:
        if t == "concepts":
            assert e["concepts"]
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard") and len(c["examples"]) == 2
                assert c["name"] in r["reply"] and c["keyphrase"] in r["prompt"]
        elif t == "instructions":
            assert e["instructions"]
            for it in e["instructions"]:
                assert it["kind"] in ("function", "class") and it["text"] in r["reply"] and not it["text"].startswith("[")
        elif t == "signature":
            assert e["kind"] in ("function", "class")
            assert e["line"].startswith("Function: " if e["kind"] == "function" else "Class: ")
            assert e["name"] in e["line"] and e["name"] in r["reply"]
            if e["kind"] == "function":
                ast.parse("def " + e["line"][len("Function: "):] + ": pass")
            else:
                for part in e["line"].split("; ")[1:]:
                    ast.parse("def " + part + ": pass")
        elif t == "candidate_code":
            ast.parse(e["code"])
            ns = {}
            exec(e["code"], ns)
            for expr, want in SANITY[rid]:
                got = eval(expr, ns)
                assert got == want, (expr, got, want)
            info.append(f"{rid}: {len(SANITY[rid])} sanity calls pass")
        elif t == "test_scenarios":
            assert e["scenarios"] and all(s in r["reply"] for s in e["scenarios"])
        elif t == "candidate_tests":
            assert e["tests"]
            for tst in e["tests"]:
                tree = ast.parse(tst)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert) and tst.startswith("assert ")
                assert tst in r["reply"].replace("\\'", "'"), tst
                exec(tst, dict(ref_ns))  # passes against the reference solutions
            for u in e.get("unusable_tests", []):
                assert isinstance(u, str) and u
        elif t == "extract_entities":
            assert e["claims"]
            for c in e["claims"]:
                assert set(c) == {"kind", "name", "value"} and all(isinstance(v, str) for v in c.values())
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return")
                assert c["name"] in r["prompt"], c
        elif t == "narrate_forward":
            ast.parse(e["answer"], mode="eval")
            assert eval(e["answer"]) == eval(r["returned"]), (e["answer"], r["returned"])
            ns = {}; exec(r["code"], ns)
            assert repr(eval(r["call"], ns)) == r["returned"]
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval")
            ns = {}; exec(r["code"], ns)
            assert repr(eval(e["answer"], ns)) == r["returned"], e["answer"]
            assert repr(eval(r["call"], ns)) == r["returned"]
    except Exception as ex:
        err(rid, f"{type(ex).__name__}: {ex}")

by_t = collections.defaultdict(collections.Counter)
for r in rows: by_t[r["template"]][r["family"]] += 1
for t in sorted(TEMPLATES):
    n, fams = sum(by_t[t].values()), len(by_t[t])
    if n != 6: err(t, f"{n} replies, want 6")
    if fams < 5: err(t, f"only {fams} families")
print(f"rows: {len(rows)}")
print("per template:", {t: sum(c.values()) for t, c in sorted(by_t.items())})
print("families per template:", {t: len(c) for t, c in sorted(by_t.items())})
print("per family:", dict(collections.Counter(r["family"] for r in rows)))
print("per mode:", dict(collections.Counter(r["mode"] for r in rows)))
print("truncated:", sum(r["truncated"] for r in rows), " unusable:", sum(not r["usable"] for r in rows))
for l in info: print(l)
print(f"errors: {len(errors)}")
for l in errors: print("ERROR", l)
print("RESULT:", "PASS" if not errors else "FAIL")
sys.exit(1 if errors else 0)
