"""Self-check for r119 replies.jsonl. Usage: python3 check.py > check_report.txt"""
import ast, json, collections, sys

PATH = "/work/corpus/replies/r119/replies.jsonl"
FAMS = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}
TEMPLATES = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios", "candidate_tests",
             "extract_entities", "narrate_forward", "narrate_backward"]
REF = '''
def count_less(sorted_nums, x):
    return sum(1 for v in sorted_nums if v < x)
'''
SANITY = {
    "r119-candidate_code-01": ["is_min_heap([1, 2, 3]) == True", "is_min_heap([3, 1]) == False", "is_min_heap([]) == True"],
    "r119-candidate_code-02": ["run_lengths('aab') == [('a', 2), ('b', 1)]", "run_lengths('') == []"],
    "r119-candidate_code-03": ["SortedBag().add(3) == [3]"],
    "r119-candidate_code-04": ["(lambda r: (r.add(5), r.add(1), r.add(9)))(RunningMedian()) == (5, 1, 5)"],
    "r119-candidate_code-05": ["top_n(['a', 'b', 'a'], 1) == [('a', 2)]", "top_n(['x', 'y', 'y', 'x'], 2) == [('x', 2), ('y', 2)]", "top_n(['a'], 0) == []"],
    "r119-candidate_code-06": ["wrap_words('the quick brown fox', 10) == ['the quick', 'brown fox']", "wrap_words('', 5) == []"],
}
errors, lines = [], []
def err(i, msg): errors.append("%s: %s" % (i, msg))

rows = []
for n, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        err("line %d" % n, "does not parse: %s" % e)

ids = collections.Counter(r["id"] for r in rows)
for i, c in ids.items():
    if c > 1: err(i, "duplicate id")

# reference namespace for tests: all candidate_code solutions + extra refs
refns = {}
exec(REF, refns)
for r in rows:
    if r["template"] == "candidate_code" and r["usable"]:
        exec(r["expected"]["code"], refns)

for r in rows:
    i, t, e = r["id"], r["template"], r["expected"]
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: err(i, "missing key " + k)
    if t not in TEMPLATES: err(i, "bad template")
    if r["family"] not in FAMS: err(i, "bad family")
    if r["mode"] not in ("text", "json_object"): err(i, "bad mode")
    if "{{" in r["prompt"]: err(i, "unfilled slot in prompt")
    if r["truncated"] != (r["finish_reason"] == "length"): err(i, "truncated/finish_reason mismatch")
    if r["mode"] == "json_object" and not r["reply"].lstrip().startswith(("{", "[")): err(i, "json_object reply not bare JSON")
    if r["mode"] == "json_object":
        try: json.loads(r["reply"])
        except Exception as ex: err(i, "json_object reply does not parse: %s" % ex)
    if not r["usable"]:
        continue
    try:
        if t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard")
                assert c["name"] in r["reply"] and c["keyphrase"] in r["prompt"]
        elif t == "instructions":
            for it in e["instructions"]:
                assert it["kind"] in ("function", "class")
                assert it["text"] in r["reply"] or json.dumps(it["text"])[1:-1] in r["reply"], it["text"][:40]
        elif t == "signature":
            assert e["kind"] in ("function", "class") and e["name"] in r["reply"]
            assert e["line"].startswith("Function: " if e["kind"] == "function" else "Class: ")
            if e["kind"] == "function":
                ast.parse("def " + e["line"][len("Function: "):] + ": pass")
            else:
                parts = e["line"][len("Class: "):].split("; ")
                assert parts[0] == e["name"] and parts[1].startswith("__init__(self")
                ast.parse("class %s:\n" % parts[0] + "".join("    def %s: pass\n" % m for m in parts[1:]))
        elif t == "candidate_code":
            ast.parse(e["code"])
            assert e["code"] in r["reply"] or json.dumps(e["code"])[1:-1] in r["reply"]
            ns = {}
            exec(e["code"], ns)
            for s in SANITY[i]:
                assert eval(s, ns), "sanity failed: " + s
            lines.append("%s: %d sanity calls pass" % (i, len(SANITY[i])))
        elif t == "test_scenarios":
            assert all(isinstance(s, str) and s for s in e["scenarios"])
            for s in e["scenarios"]:
                assert s in r["reply"], s
        elif t == "candidate_tests":
            for s in e["tests"]:
                tree = ast.parse(s)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert)
                assert s in r["reply"] or json.dumps(s)[1:-1] in r["reply"], s
                exec(s, dict(refns))  # passes against reference solutions
            lines.append("%s: %d tests pass against reference code; %d unusable listed" % (i, len(e["tests"]), len(e.get("unusable_tests", []))))
        elif t == "extract_entities":
            for c in e["claims"]:
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return")
                assert isinstance(c["value"], str)
        elif t == "narrate_forward":
            ast.parse(e["answer"], mode="eval")
            ok = eval(e["answer"]) == eval(r["returned"])
            assert ok, "answer %r != returned %r" % (e["answer"], r["returned"])
            ns = {}; exec(r["code"], ns)
            assert repr(eval(r["call"], ns)) == r["returned"], "call does not give returned"
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval")
            ns = {}; exec(r["code"], ns)
            assert repr(eval(e["answer"], ns)) == r["returned"], "answer call does not give returned"
    except Exception as ex:
        err(i, "%s: %r" % (type(ex).__name__, ex))

print("rows:", len(rows))
by_t = collections.Counter(r["template"] for r in rows)
for t in TEMPLATES:
    fams = collections.Counter(r["family"] for r in rows if r["template"] == t)
    print("%-18s %d replies, %d families: %s" % (t, by_t[t], len(fams), dict(fams)))
    if by_t[t] and len(fams) < 5: err(t, "fewer than 5 families")
print("families:", dict(collections.Counter(r["family"] for r in rows)))
print("modes:", dict(collections.Counter(r["mode"] for r in rows)))
print("truncated:", sum(r["truncated"] for r in rows), "unusable:", sum(not r["usable"] for r in rows))
for l in lines: print(l)
print("ERRORS:", len(errors))
for x in errors: print("  " + x)
sys.exit(1 if errors else 0)
