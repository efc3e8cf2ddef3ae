"""Self-check of replies.jsonl (writer r93). Prints one line per problem and a summary."""
import ast, json, sys, collections
PATH = "/work/corpus/replies/r93/replies.jsonl"
TEMPLATES = {"concepts", "instructions", "signature", "candidate_code", "test_scenarios", "candidate_tests",
             "extract_entities", "narrate_forward", "narrate_backward"}
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}
# sanity calls for each candidate_code record: (expression, expected value)
SANITY = {
    "r93-candidate_code-01": [("k_smallest([5, 1, 4, 2, 3], 2)", [1, 2]), ("k_smallest([9, 8], 5)", [8, 9])],
    "r93-candidate_code-02": [("GradeBook([60, 70, 80, 90], ['F', 'D', 'C', 'B', 'A']).grade(90)", "A")],
    "r93-candidate_code-03": [("median([4, 1, 3, 2])", 2.5), ("median([3, 1, 2])", 2)],
    "r93-candidate_code-04": [("longest_common_block('abcde', 'xcdey')", (2, 1, 3)), ("longest_common_block('aXbY', 'bYaX')", (0, 2, 2))],
    "r93-candidate_code-05": [("wrap_words('the quick brown fox', 10)", ["the quick", "brown fox"])],
    "r93-candidate_code-06": [("expand_tabs('a\\tb', 4)", "a   b")],
}
problems = []
def bad(rid, msg): problems.append("%s: %s" % (rid, msg))
recs, ids = [], set()
for n, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try:
        r = json.loads(line)
    except Exception as e:
        bad("line %d" % n, "does not parse: %s" % e); continue
    recs.append(r)
    rid = r.get("id", "line %d" % n)
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: bad(rid, "missing key " + k)
    if rid in ids: bad(rid, "duplicate id")
    ids.add(rid)
    if r["template"] not in TEMPLATES: bad(rid, "unknown template")
    if r["family"] not in FAMILIES: bad(rid, "unknown family")
    if r["mode"] not in ("text", "json_object"): bad(rid, "bad mode")
    if (r["finish_reason"] == "length") != r["truncated"]: bad(rid, "finish_reason/truncated mismatch")
    if "{{" in r["prompt"]: bad(rid, "unfilled slot in prompt")
    if r["family"] == "deepseek-r1-distill" and not r["reply"].startswith("<think>"): bad(rid, "reasoning model without <think>")
    if r["mode"] == "json_object" and r["usable"]:
        try: json.loads(r["reply"])
        except Exception: bad(rid, "json_object reply is not JSON")
code_by_name = {}
for r in recs:
    rid, t, e = r["id"], r["template"], r["expected"]
    if not r["usable"]:
        continue
    try:
        if t == "concepts":
            assert e["concepts"], "no concepts"
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard") and len(c["examples"]) == 2
                assert c["keyphrase"] in r["prompt"], "keyphrase not in prompt: " + c["keyphrase"]
        elif t == "instructions":
            assert e["instructions"]
            for i in e["instructions"]:
                assert i["kind"] in ("function", "class") and i["text"] and not i["text"].startswith(("[", "1"))
                assert i["text"] in r["reply"].replace('\\"', '"'), "text not in reply"
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
            ast.parse(e["code"])
            ns = {}
            exec(e["code"], ns)
            for expr, want in SANITY[rid]:
                got = eval(expr, ns)
                assert got == want, "sanity %s -> %r, want %r" % (expr, got, want)
            code_by_name.update({k: v for k, v in ns.items() if not k.startswith("__")})
        elif t == "test_scenarios":
            assert e["scenarios"] and all(isinstance(s, str) and s for s in e["scenarios"])
        elif t == "candidate_tests":
            assert e["tests"]
            for a in e["tests"]:
                node = ast.parse(a).body
                assert len(node) == 1 and isinstance(node[0], ast.Assert), a
                assert isinstance(node[0].test, ast.Compare) and isinstance(node[0].test.ops[0], ast.Eq), a
            assert all(isinstance(u, str) for u in e.get("unusable_tests", []))
        elif t == "extract_entities":
            assert e["claims"]
            for c in e["claims"]:
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return")
                assert all(isinstance(c[k], str) for k in ("name", "value"))
                assert c["name"] in r["prompt"], "claim name not in sentence: " + c["name"]
        elif t == "narrate_forward":
            ast.parse(e["answer"], mode="eval")
            assert eval(e["answer"]) == eval(r["returned"]), "answer != returned"
            ns = {}; exec(r["code"], ns)
            assert repr(eval(r["call"], ns)) == r["returned"], "call does not give returned"
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval")
            ns = {}; exec(r["code"], ns)
            assert repr(eval(e["answer"], ns)) == r["returned"], "answer call does not give returned"
    except Exception as ex:
        bad(rid, "%s: %r" % (t, ex))
# run the expected tests against the expected candidate code (same functions)
for r in recs:
    if r["template"] == "candidate_tests" and r["usable"]:
        for a in r["expected"]["tests"]:
            try:
                exec(a, dict(code_by_name))
            except Exception as ex:
                bad(r["id"], "test fails on reference code: %s (%r)" % (a, ex))
by_t = collections.Counter(r["template"] for r in recs)
fam_t = collections.defaultdict(set)
for r in recs: fam_t[r["template"]].add(r["family"])
for t in sorted(TEMPLATES):
    if by_t[t] < 6: bad(t, "only %d replies" % by_t[t])
    if len(fam_t[t]) < 5: bad(t, "only %d families" % len(fam_t[t]))
print("records:", len(recs))
print("per template:", dict(sorted(by_t.items())))
print("per family:", dict(sorted(collections.Counter(r["family"] for r in recs).items())))
print("per mode:", dict(collections.Counter(r["mode"] for r in recs)))
print("truncated:", sum(r["truncated"] for r in recs), " unusable:", sum(not r["usable"] for r in recs))
print("families per template:", {t: len(fam_t[t]) for t in sorted(fam_t)})
print("problems:", len(problems))
for p in problems: print("  " + p)
sys.exit(1 if problems else 0)
