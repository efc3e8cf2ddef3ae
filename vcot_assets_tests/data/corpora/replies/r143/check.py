"""Self-check for r143 replies.jsonl. Usage: python3 check.py > check_report.txt"""
import ast, json, sys, collections
TEMPLATES = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios",
             "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"]
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}
# sanity calls for candidate_code: (expression, expected value)
SANITY = {
    "r143-candidate_code-01": [("k_smallest([5, 1, 4, 2, 3], 2)", [1, 2]), ("k_smallest([3], 5)", [3])],
    "r143-candidate_code-02": [("(lambda q: (q.push('a', 2), q.push('b', 1), q.push('c', 1), [q.pop(), q.pop(), q.pop()])[-1])(TaskQueue())", ['b', 'c', 'a'])],
    "r143-candidate_code-03": [("rle_encode('aaabcc')", [('a', 3), ('b', 1), ('c', 2)]), ("rle_encode('')", [])],
    "r143-candidate_code-04": [("round(harmonic_mean([1.0, 2.0, 4.0]), 6)", round(12 / 7, 6)), ("harmonic_mean([])", None)],
    "r143-candidate_code-06": [("longest_run([1, 2, 2, 3, 3, 3])", 3), ("longest_run([])", 0)],
}
# reference implementations to see whether expected tests hold (informational)
REFS = {
    "count_lines": "def count_lines(text, width):\n    n = 0; cur = 0\n    for w in text.split():\n        if cur and cur + 1 + len(w) > width:\n            n += 1; cur = len(w)\n        else:\n            cur = cur + 1 + len(w) if cur else len(w)\n    return n + (1 if cur else 0)\n",
    "merge_sorted": "import heapq\ndef merge_sorted(lists):\n    return list(heapq.merge(*lists))\n",
}
errors, info = [], []
def err(i, m): errors.append(f"{i}: {m}")
rows = []
for n, line in enumerate(open("replies.jsonl", encoding="utf-8"), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        err(f"line {n}", f"does not parse: {e}")
codes = {}
for r in rows:
    if r["template"] == "candidate_code" and r["usable"]:
        codes[r["id"]] = r["expected"]["code"]
ids = set()
for r in rows:
    i = r.get("id", "?")
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: err(i, f"missing key {k}")
    if i in ids: err(i, "duplicate id")
    ids.add(i)
    t = r["template"]; e = r["expected"]
    if t not in TEMPLATES: err(i, "bad template")
    if not i.startswith(f"r143-{t}-"): err(i, "id does not match template")
    if r["family"] not in FAMILIES: err(i, "bad family")
    if r["mode"] not in ("text", "json_object"): err(i, "bad mode")
    if "{{" in r["prompt"]: err(i, "unfilled slot in prompt")
    if (r["finish_reason"] == "length") != r["truncated"]: err(i, "finish_reason/truncated mismatch")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: err(i, "expected truncated/usable flags differ")
    if r["mode"] == "json_object" and r["usable"] and not r["truncated"]:
        try: json.loads(r["reply"])
        except Exception: err(i, "json_object reply is not bare JSON")
    u = r["usable"]
    try:
        if t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard") and len(c["examples"]) == 2
                assert c["keyphrase"] in r["prompt"], "keyphrase not in prompt"
            assert (len(e["concepts"]) > 0) == u
        elif t == "instructions":
            for x in e["instructions"]:
                assert x["kind"] in ("function", "class") and x["text"] and not x["text"].startswith(("[", "1"))
                assert x["text"] in r["reply"] or r["mode"] == "json_object" or x["text"] in json.loads(r["reply"]).__repr__(), "text not in reply"
            assert (len(e["instructions"]) > 0) == u
        elif t == "signature":
            assert e["kind"] in ("function", "class")
            prefix = "Function: " if e["kind"] == "function" else "Class: "
            assert e["line"].startswith(prefix + e["name"])
            if e["kind"] == "function":
                ast.parse("def " + e["line"][len(prefix):] + ": pass")
            else:
                for part in e["line"].split("; ")[1:]:
                    ast.parse("def " + part + ": pass")
        elif t == "candidate_code":
            if u:
                ast.parse(e["code"])
                assert e["code"].strip() in r["reply"] or r["mode"] == "json_object"
                assert "__main__" not in e["code"] and "print(" not in e["code"]
                ns = {}; exec(e["code"], ns)
                calls = SANITY.get(i)
                assert calls, "no sanity call"
                for expr, want in calls:
                    got = eval(expr, ns)
                    assert got == want, f"sanity {expr} -> {got!r}, want {want!r}"
                info.append(f"{i}: {len(calls)} sanity call(s) pass")
            else:
                assert e["code"] == ""
        elif t == "test_scenarios":
            for s in e["scenarios"]:
                assert isinstance(s, str) and s and not s[0].isdigit()
            assert (len(e["scenarios"]) > 0) == u
        elif t == "candidate_tests":
            funcs = set()
            for s in e["tests"]:
                tree = ast.parse(s)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert), s
                cmp = tree.body[0].test
                assert isinstance(cmp, ast.Compare) and isinstance(cmp.ops[0], ast.Eq), s
                assert s in r["reply"] or (r["mode"] == "json_object" and s in json.loads(r["reply"]).__repr__().replace("\\'", "'")) or r["mode"] == "json_object"
                funcs.add(cmp.left.func.id)
            for ut in e.get("unusable_tests", []):
                assert ut["test"] in r["reply"] and ut["reason"]
            # informational: do the tests hold against a reference implementation?
            for f in funcs:
                src = REFS.get(f) or next((c for c in codes.values() if f"def {f}(" in c), None)
                if src:
                    ns = {}; exec(src, ns)
                    res = []
                    for s in e["tests"]:
                        try: exec(s, dict(ns)); res.append(True)
                        except AssertionError: res.append(False)
                    info.append(f"{i}: {sum(res)}/{len(res)} expected tests hold against a reference {f}")
        elif t == "extract_entities":
            for c in e["claims"]:
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return")
                assert isinstance(c["value"], str) and isinstance(c["name"], str)
            assert (len(e["claims"]) > 0) == u
        elif t in ("narrate_forward", "narrate_backward"):
            for k in ("code", "call", "returned"): assert k in r, f"missing {k}"
            ns = {}; exec(r["code"], ns)
            real = eval(r["call"], ns)
            assert real == eval(r["returned"]), "recorded returned differs from running the call"
            assert r["returned"] in r["prompt"] or t == "narrate_forward"
            if u:
                ast.parse(e["answer"], mode="eval")
                if t == "narrate_forward":
                    assert eval(e["answer"]) == eval(r["returned"]), "answer != returned"
                else:
                    assert e["answer"].startswith("f(")
                    assert eval(e["answer"], dict(ns)) == eval(r["returned"]), "call does not reproduce returned"
            else:
                assert e["answer"] == ""
    except Exception as ex:
        err(i, f"{type(ex).__name__}: {ex}")
# distribution
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
print("\n".join(info))
print(f"\nERRORS: {len(errors)}")
print("\n".join(errors))
print("RESULT:", "PASS" if not errors else "FAIL")
sys.exit(1 if errors else 0)
