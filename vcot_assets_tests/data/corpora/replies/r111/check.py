"""Self-check for r111/replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, collections, sys

PATH = "/work/corpus/replies/r111/replies.jsonl"
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}
TEMPLATES = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios", "candidate_tests",
             "extract_entities", "narrate_forward", "narrate_backward"]
# sanity calls for each candidate_code expected.code: (expression, expected value)
SANITY = {
    "r111-candidate_code-01": [("is_min_heap([1, 3, 2, 7])", True), ("is_min_heap([5, 3])", False), ("is_min_heap([])", True)],
    "r111-candidate_code-02": [("parse_fraction('-6/8')", (-3, 4)), ("parse_fraction('5')", (5, 1)), ("parse_fraction('3/-4')", (-3, 4))],
    "r111-candidate_code-03": [("(lambda t: (t.add('b'), t.add('a'), t.add('b'), t.add('a'), t.add('c'), t.most_common(2))[-1])(Tally())", [("a", 2), ("b", 2)])],
    "r111-candidate_code-04": [("compare_fractions((1, 2), (2, 4))", 0), ("compare_fractions((1, 3), (1, 2))", -1), ("compare_fractions((1, -2), (1, 3))", -1)],
    "r111-candidate_code-06": [("median([3, 1, 2])", 2.0), ("median([1, 2, 3, 4])", 2.5)],
}
errors, notes = [], []
def err(rid, msg): errors.append("%s: %s" % (rid, msg))

rows = []
for i, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        err("line %d" % i, "does not parse: %s" % e)

ids = collections.Counter(r["id"] for r in rows)
for k, v in ids.items():
    if v > 1: err(k, "duplicate id")

impl_ns = {}  # all usable candidate_code solutions, to run candidate_tests against
for r in rows:
    if r["template"] == "candidate_code" and r["usable"]:
        exec(r["expected"]["code"], impl_ns)

for r in rows:
    rid, t, e = r["id"], r["template"], r["expected"]
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: err(rid, "missing key " + k)
    if t not in TEMPLATES: err(rid, "bad template")
    if r["family"] not in FAMILIES: err(rid, "bad family")
    if r["mode"] not in ("text", "json_object"): err(rid, "bad mode")
    if "{{" in r["prompt"]: err(rid, "unrendered slot in prompt")
    if (r["finish_reason"] == "length") != r["truncated"]: err(rid, "finish_reason/truncated mismatch")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: err(rid, "expected flags differ from top-level")
    if not rid.startswith("r111-%s-" % t): err(rid, "id does not match template")
    u = r["usable"]
    try:
        if t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard")
                assert c["keyphrase"] in r["prompt"], "keyphrase not in prompt: " + c["keyphrase"]
            assert (len(e["concepts"]) > 0) == u
        elif t == "instructions":
            for it in e["instructions"]:
                assert it["kind"] in ("function", "class") and it["text"].strip()
                assert it["text"] in r["reply"] or json.dumps(it["text"])[1:-1] in r["reply"], "text not verbatim in reply"
            assert (len(e["instructions"]) > 0) == u
        elif t == "signature":
            if u:
                line = e["line"]
                assert line.startswith({"function": "Function: ", "class": "Class: "}[e["kind"]])
                assert e["name"] in line
                if e["kind"] == "function":
                    ast.parse("def " + line[len("Function: "):] + ": pass")
                else:
                    for part in line[len("Class: "):].split("; ")[1:]:
                        ast.parse("def " + part + ": pass")
        elif t == "candidate_code":
            if u:
                code = e["code"]
                ast.parse(code)
                ns = {}
                exec(code, ns)
                sanity = SANITY.get(rid)
                assert sanity, "no sanity call"
                for expr, want in sanity:
                    got = eval(expr, ns)
                    assert got == want, "%s gave %r, want %r" % (expr, got, want)
                notes.append("%s: %d sanity calls pass" % (rid, len(sanity)))
        elif t == "test_scenarios":
            assert all(isinstance(s, str) and s.strip() for s in e["scenarios"])
            assert (len(e["scenarios"]) > 0) == u
        elif t == "candidate_tests":
            for tst in e["tests"]:
                tree = ast.parse(tst)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert), tst
                assert tst in r["reply"] or json.dumps(tst)[1:-1] in r["reply"], "test not verbatim in reply: " + tst
                fn = tree.body[0].test.left.func
                name = fn.id if isinstance(fn, ast.Name) else fn.value.func.id
                if name in impl_ns:
                    ns = dict(impl_ns)
                    exec(tst, ns)  # raises AssertionError if the test disagrees with our solution
                    notes.append("%s: passes against candidate_code solution: %s" % (rid, tst))
            assert isinstance(e["unusable_tests"], list)
            assert (len(e["tests"]) > 0) == u
        elif t == "extract_entities":
            for c in e["claims"]:
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return")
                assert isinstance(c["value"], str) and isinstance(c["name"], str)
                assert c["name"] in r["prompt"], "name not in sentence: " + c["name"]
            assert (len(e["claims"]) > 0) == u
        elif t in ("narrate_forward", "narrate_backward"):
            for k in ("code", "call", "returned"):
                assert k in r, "missing " + k
            ns = {}
            exec(r["code"], ns)
            assert eval(r["call"], dict(ns)) == eval(r["returned"]), "call does not give returned"
            if u:
                ans = e["answer"]
                ast.parse(ans, mode="eval")
                if t == "narrate_forward":
                    assert eval(ans) == eval(r["returned"]), "answer %r != returned %r" % (ans, r["returned"])
                else:
                    assert eval(ans, dict(ns)) == eval(r["returned"]), "answer call does not give returned"
            else:
                assert "answer" not in e
    except Exception as ex:
        err(rid, "%s: %s" % (type(ex).__name__, ex))

print("rows:", len(rows))
for name, key in (("template", "template"), ("family", "family"), ("mode", "mode")):
    print("per %s:" % name, dict(collections.Counter(r[key] for r in rows)))
print("truncated:", sum(r["truncated"] for r in rows), " unusable:", sum(not r["usable"] for r in rows))
fams = collections.defaultdict(set)
for r in rows: fams[r["template"]].add(r["family"])
for t in TEMPLATES:
    n = sum(r["template"] == t for r in rows)
    print("  %-17s replies=%d families=%d" % (t, n, len(fams[t])))
    if n and len(fams[t]) < 5: err(t, "fewer than 5 families")
for n in notes: print("ok", n)
print("ERRORS:", len(errors))
for x in errors: print("  ", x)
sys.exit(1 if errors else 0)
