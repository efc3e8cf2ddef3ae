"""Self-check of replies.jsonl (writer r101). Run: python3 check.py > check_report.txt"""
import ast, json, collections, sys
PATH = "/work/corpus/replies/r101/replies.jsonl"
SANITY = {  # candidate_code id -> expression that must be True after exec(expected.code)
    "r101-candidate_code-01": "is_min_heap([1, 3, 2, 7]) == True and is_min_heap([3, 1]) == False and is_min_heap([]) == True",
    "r101-candidate_code-02": "run_lengths('aaabcc') == [('a', 3), ('b', 1), ('c', 2)] and run_lengths('') == []",
    "r101-candidate_code-03": "reduce_fraction(8, -6) == (-4, 3) and reduce_fraction(0, 5) == (0, 1)",
    "r101-candidate_code-04": "RunEncoder().encode('aaabcc') == '3a1b2c' and RunEncoder().decode('3a1b2c') == 'aaabcc'",
    "r101-candidate_code-05": "prefix_max([3, 1, 4, 1, 5]) == [3, 3, 4, 4, 5] and prefix_max([]) == []",
}
KEYS = {"id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"}
errors, rows = [], []
for n, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        errors.append(f"line {n}: does not parse: {e}")
ids = [r["id"] for r in rows]
if len(ids) != len(set(ids)):
    errors.append("duplicate ids")
# reference implementations from candidate_code rows, used to run candidate_tests
ref_ns = {}
for r in rows:
    if r["template"] == "candidate_code" and r["expected"].get("code"):
        exec(r["expected"]["code"], ref_ns)
def err(r, msg): errors.append(f"{r['id']}: {msg}")
for r in rows:
    miss = KEYS - set(r)
    if miss: err(r, f"missing keys {miss}")
    if "{{" in r["prompt"]: err(r, "unrendered slot in prompt")
    if r["mode"] not in ("text", "json_object"): err(r, "bad mode")
    if (r["finish_reason"] == "length") != r["truncated"]: err(r, "finish_reason/truncated mismatch")
    e, t = r["expected"], r["template"]
    try:
        if t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard") and len(c["examples"]) == 2
                assert c["keyphrase"] in r["prompt"], c["keyphrase"]
        elif t == "instructions":
            for i in e["instructions"]:
                assert i["kind"] in ("function", "class") and i["text"]
                assert i["text"] in r["reply"] or not r["reply"].lstrip().startswith(("1", "*", "#", "I", "<")), i["text"][:40]
        elif t == "signature":
            assert e["kind"] in ("function", "class") and e["name"] in e["line"]
            line = e["line"]
            if e["kind"] == "function":
                assert line.startswith("Function: ")
                ast.parse("def " + line[len("Function: "):] + ": pass")
            else:
                parts = line[len("Class: "):].split("; ")
                assert line.startswith("Class: ") and parts[0] == e["name"] and parts[1].startswith("__init__(self")
                for m in parts[1:]:
                    ast.parse("def " + m + ": pass")
        elif t == "candidate_code":
            if r["usable"]:
                ast.parse(e["code"])
                ns = {}
                exec(e["code"], ns)
                assert eval(SANITY[r["id"]], ns) is True, "sanity call failed"
                assert e["code"].strip() in r["reply"] or r["mode"] == "json_object"
        elif t == "test_scenarios":
            assert all(isinstance(s, str) and s for s in e["scenarios"])
            if r["usable"]: assert e["scenarios"]
        elif t == "candidate_tests":
            for a in e["tests"]:
                tree = ast.parse(a)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert)
                assert a in r["reply"] or a.replace('"', '\\"') in r["reply"], a
                exec(a, dict(ref_ns))  # the test passes on the reference solution
        elif t == "extract_entities":
            for c in e["claims"]:
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return")
                assert isinstance(c["value"], str) and isinstance(c["name"], str)
        elif t == "narrate_forward":
            if r["usable"]:
                ast.parse(e["answer"], mode="eval")
                assert ast.literal_eval(e["answer"]) == ast.literal_eval(r["returned"]), (e["answer"], r["returned"])
            ns = {}; exec(r["code"], ns)
            assert repr(eval(r["call"], ns)) == r["returned"]
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval")
            ns = {}; exec(r["code"], ns)
            assert repr(eval(e["answer"], ns)) == r["returned"], (e["answer"], r["returned"])
            assert repr(eval(r["call"], ns)) == r["returned"]
        else:
            err(r, "unknown template")
        if not r["usable"]:
            assert not any(v for k, v in e.items() if k != "unusable_tests"), "unusable but expected not empty"
    except Exception as ex:
        err(r, f"{type(ex).__name__}: {ex}")
print(f"rows: {len(rows)}")
for key in ("template", "family", "mode"):
    print(f"by {key}: {dict(sorted(collections.Counter(r[key] for r in rows).items()))}")
print("truncated:", sum(r["truncated"] for r in rows), " unusable:", sum(not r["usable"] for r in rows))
fam = collections.defaultdict(set)
for r in rows: fam[r["template"]].add(r["family"])
for t, f in sorted(fam.items()):
    print(f"families for {t}: {len(f)}", "" if len(f) >= 5 else "  <-- fewer than 5")
print("errors:", len(errors))
for x in errors: print("  ", x)
sys.exit(1 if errors else 0)
