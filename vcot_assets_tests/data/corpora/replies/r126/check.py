"""Self-check for r126 replies.jsonl. Prints a report; exit 1 on any failure."""
import ast, json, sys, collections
PATH = "/work/corpus/replies/r126/replies.jsonl"
fails = []
def fail(i, msg): fails.append(f"{i}: {msg}")
# Sanity calls for candidate_code entries: (setup-free expression, expected value)
SANITY = {
 "r126-candidate_code-01": [("is_min_heap([1, 2, 3])", True), ("is_min_heap([2, 1])", False), ("is_min_heap([])", True)],
 "r126-candidate_code-02": [("GradeTable([60, 70, 80, 90], 'FDCBA').grade(85)", "B"), ("GradeTable([60, 70, 80, 90], 'FDCBA').grade(10)", "F")],
 "r126-candidate_code-03": [("wrap_words('the quick brown fox', 10)", ["the quick", "brown fox"]), ("wrap_words('', 5)", [])],
 "r126-candidate_code-04": [("add_fractions((1, 2), (1, 3))", (5, 6)), ("add_fractions((2, 3), (-2, 3))", (0, 1))],
 "r126-candidate_code-05": [("char_overlap_ratio('aab', 'ab')", 0.8), ("char_overlap_ratio('', '')", 1.0)],
 "r126-candidate_code-06": [("MinHeap().pop()", None), ("(lambda h: (h.push(5), h.push(2), h.push(9), h.pop())[-1])(MinHeap())", 2)],
}
def strings_of(v):
    if isinstance(v, str): yield v
    elif isinstance(v, dict):
        for x in v.values(): yield from strings_of(x)
    elif isinstance(v, list):
        for x in v: yield from strings_of(x)
def in_reply(piece, r):
    """piece occurs verbatim in the reply text, or (json_object mode) inside one of its JSON string values"""
    if piece in r["reply"]: return True
    if r["mode"] == "json_object":
        try: return any(piece in s for s in strings_of(json.loads(r["reply"])))
        except Exception: return False
    return False
# Reference implementations (taken from the candidate_code expectations) to run extracted tests against.
REF_FOR_TESTS = {"is_min_heap": "r126-candidate_code-01", "GradeTable": "r126-candidate_code-02",
                 "wrap_words": "r126-candidate_code-03", "add_fractions": "r126-candidate_code-04",
                 "char_overlap_ratio": "r126-candidate_code-05"}
recs = []
for n, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try:
        recs.append(json.loads(line))
    except Exception as e:
        fail(f"line {n}", f"does not parse: {e}")
ids = [r["id"] for r in recs]
for i, c in collections.Counter(ids).items():
    if c > 1: fail(i, "duplicate id")
codes = {r["id"]: r["expected"].get("code", "") for r in recs if r["template"] == "candidate_code"}
KEYS = {"id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"}
for r in recs:
    i, t, e = r["id"], r["template"], r["expected"]
    if not KEYS <= set(r): fail(i, f"missing keys {KEYS - set(r)}")
    if "{{" in r["prompt"]: fail(i, "unrendered slot in prompt")
    if r["mode"] not in ("text", "json_object"): fail(i, "bad mode")
    if (r["finish_reason"] == "length") != r["truncated"]: fail(i, "finish_reason/truncated mismatch")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: fail(i, "expected flags mismatch")
    if r["mode"] == "json_object" and r["usable"]:
        try: json.loads(r["reply"])
        except Exception: fail(i, "json_object reply is not bare JSON")
    try:
        if t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard")
                assert c["keyphrase"] in r["prompt"], c["keyphrase"]
        elif t == "instructions":
            for it in e["instructions"]:
                assert it["kind"] in ("function", "class") and in_reply(it["text"], r), it
        elif t == "signature":
            line = e["line"]
            if e["kind"] == "function":
                assert line.startswith("Function: ")
                tree = ast.parse("def " + line[len("Function: "):] + ": pass")
                assert tree.body[0].name == e["name"]
            else:
                parts = line.split("; ")
                assert parts[0] == "Class: " + e["name"]
                assert parts[1].startswith("__init__(self")
                for m in parts[1:]:
                    ast.parse("def " + m + ": pass")
        elif t == "candidate_code":
            if r["usable"]:
                ast.parse(e["code"])
                assert in_reply(e["code"], r), "code not verbatim in reply"
                ns = {}
                exec(e["code"], ns)
                calls = SANITY.get(i)
                assert calls, "no sanity call"
                for expr, want in calls:
                    got = eval(expr, ns)
                    assert got == want, (expr, got, want)
        elif t == "test_scenarios":
            for s in e["scenarios"]:
                assert in_reply(s, r) and "\n" not in s, s
        elif t == "candidate_tests":
            for a in e["tests"]:
                tree = ast.parse(a)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert), a
                assert in_reply(a, r), ("not verbatim", a)
                name = next(n.id for n in ast.walk(tree) if isinstance(n, ast.Name))
                ns = {}
                exec(codes[REF_FOR_TESTS[name]], ns)
                exec(a, ns)  # test passes against the reference implementation
            assert isinstance(e.get("unusable_tests"), list)
        elif t == "extract_entities":
            for c in e["claims"]:
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return"), c
                assert all(isinstance(c[k], str) for k in ("kind", "name", "value")), c
        elif t in ("narrate_forward", "narrate_backward"):
            for k in ("code", "call", "returned"): assert k in r, k
            ns = {}
            exec(r["code"], ns)
            assert repr(eval(r["call"], ns)) == r["returned"], "call does not give returned"
            if r["usable"]:
                ans = e["answer"]
                ast.parse(ans, mode="eval")
                if t == "narrate_forward":
                    assert eval(ans) == eval(r["returned"]), (ans, r["returned"])
                else:
                    assert repr(eval(ans, ns)) == r["returned"], (ans, r["returned"])
            else:
                assert "answer" not in e
        else:
            fail(i, "unknown template")
    except Exception as ex:
        fail(i, f"{type(ex).__name__}: {ex}")
print(f"records: {len(recs)}")
for label, key in (("template", "template"), ("family", "family"), ("mode", "mode")):
    print(f"per {label}:", dict(sorted(collections.Counter(r[key] for r in recs).items())))
fam = collections.defaultdict(set)
for r in recs: fam[r["template"]].add(r["family"])
for t, f in sorted(fam.items()):
    print(f"  {t}: {len(f)} families" + ("" if len(f) >= 5 else "  <-- fewer than 5"))
    if len(f) < 5: fail(t, "fewer than 5 families")
print("truncated:", sum(r["truncated"] for r in recs), " unusable:", sum(not r["usable"] for r in recs))
print("FAILURES:" if fails else "ALL CHECKS PASSED")
for f in fails: print("  " + f)
sys.exit(1 if fails else 0)
