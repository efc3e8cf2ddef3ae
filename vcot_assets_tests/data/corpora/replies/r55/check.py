"""Self-check for /work/corpus/replies/r55/replies.jsonl. Prints a report; exit 1 on any failure."""
import ast, json, sys, collections

PATH = "/work/corpus/replies/r55/replies.jsonl"
TEMPLATES = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios",
             "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"]
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}
# sanity calls for candidate_code: id -> list of (expression, expected value)
SANITY = {
    "r55-candidate_code-01": [("is_min_heap([1, 2, 3])", True), ("is_min_heap([3, 1])", False), ("is_min_heap([])", True)],
    "r55-candidate_code-02": [("reduce_fraction(8, -6)", (-4, 3)), ("reduce_fraction(0, 5)", (0, 1))],
    "r55-candidate_code-03": [("(lambda rs: [rs.push(x) for x in [2, 4, 4, 4, 5, 5, 7, 9]] and round(rs.stdev(), 4))(RunningStats())", 2.1381),
                              ("RunningStats().stdev()", 0.0)],
    "r55-candidate_code-04": [("close_matches('appel', ['ape', 'apple', 'peach'], 0.7)", ["apple", "ape"])],
    "r55-candidate_code-05": [("(lambda b: [b.add(3), b.add(1), b.add(3)])(SortedBag())", [0, 0, 2])],
    "r55-candidate_code-06": [("zscores([2, 4, 4, 4, 5, 5, 7, 9])", [-1.5, -0.5, -0.5, -0.5, 0.0, 0.0, 1.0, 2.0]), ("zscores([3, 3])", [0.0, 0.0])],
}
# candidate_tests ids whose tests are run against the candidate_code of the same exercise
TESTS_VS_CODE = {f"r55-candidate_tests-0{i}": f"r55-candidate_code-0{i}" for i in range(1, 7)}

errors, notes = [], []
def err(rid, msg): errors.append(f"{rid}: {msg}")

rows = []
for n, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        err(f"line {n}", f"does not parse: {e}")
by_id = {r["id"]: r for r in rows}
if len(by_id) != len(rows): err("file", "duplicate ids")

def norm(s):  # loose containment: drop markdown bold/backtick noise and JSON escapes
    return s.replace("**", "").replace("\\n", "\n").replace('\\"', '"')

for r in rows:
    rid = r.get("id", "?")
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: err(rid, f"missing {k}")
    t = r["template"]
    if t not in TEMPLATES: err(rid, f"unknown template {t}")
    if not rid.startswith(f"r55-{t}-"): err(rid, "id does not match template")
    if r["family"] not in FAMILIES: err(rid, f"unknown family {r['family']}")
    if r["mode"] not in ("text", "json_object"): err(rid, "bad mode")
    if r["finish_reason"] not in ("stop", "length"): err(rid, "bad finish_reason")
    if r["truncated"] != (r["finish_reason"] == "length"): err(rid, "truncated vs finish_reason mismatch")
    if "{{" in r["prompt"]: err(rid, "unfilled slot in prompt")
    if f"Task: {t}" not in r["prompt"]: err(rid, "prompt is not this template")
    if r["mode"] == "json_object":
        try: json.loads(r["reply"])
        except Exception: notes.append(f"{rid}: json_object reply is not strict JSON (intended)")
    if r["family"] == "deepseek-r1-distill" and not r["reply"].startswith("<think>"): err(rid, "reasoning model reply without <think>")
    e, rep = r["expected"], norm(r["reply"])
    try:
        if t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard")
                assert len(c["examples"]) == 2
                for v in [c["name"], c["description"], *c["examples"]]: assert v in rep, v
        elif t == "instructions":
            for it in e["instructions"]:
                assert it["kind"] in ("function", "class") and it["text"] in rep, it
        elif t == "signature":
            assert e["kind"] in ("function", "class")
            pre = "Function: " if e["kind"] == "function" else "Class: "
            assert e["line"].startswith(pre + e["name"]), e
            if e["kind"] == "function":
                ast.parse("def " + e["line"][len(pre):] + ": pass")
            else:
                for part in e["line"].split("; ")[1:]: ast.parse("def " + part + ": pass")
        elif t == "candidate_code":
            ast.parse(e["code"])
            if r["mode"] == "json_object": assert json.loads(r["reply"])["code"] == e["code"]
            else: assert e["code"] in r["reply"], "code not verbatim in reply"
            ns = {}; exec(e["code"], ns)
            calls = SANITY.get(rid)
            assert calls, "no sanity call"
            for expr, want in calls:
                got = eval(expr, ns); assert got == want, (expr, got, want)
        elif t == "test_scenarios":
            for s in e["scenarios"]: assert s in rep, s
        elif t == "candidate_tests":
            assert "unusable_tests" in e
            for s in e["tests"]:
                tree = ast.parse(s)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert), s
                cmp = tree.body[0].test
                assert isinstance(cmp, ast.Compare) and isinstance(cmp.ops[0], ast.Eq), s
                assert s in rep, f"not verbatim: {s}"
            code_id = TESTS_VS_CODE.get(rid)
            if code_id and code_id in by_id:
                ns = {}; exec(by_id[code_id]["expected"]["code"], ns)
                for s in e["tests"]: exec(s, dict(ns))
        elif t == "extract_entities":
            for c in e["claims"]:
                assert set(c) == {"kind", "name", "value"}, c
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return"), c
                assert isinstance(c["value"], str), c
                assert c["name"] in r["prompt"] or c["name"] in rep, c
        elif t == "narrate_forward":
            ast.parse(e["answer"], mode="eval")
            assert eval(e["answer"]) == eval(r["returned"]), (e["answer"], r["returned"])
            ns = {}; exec(r["code"], ns); assert repr(eval(r["call"], ns)) == r["returned"]
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval")
            ns = {}; exec(r["code"], ns)
            assert repr(eval(e["answer"], ns)) == r["returned"], (e["answer"], r["returned"])
            assert e["answer"] in rep
        if not r["usable"]:
            vals = [v for v in e.values()]
            assert all(not v for v in vals), "unusable reply with non-empty expected"
    except Exception as ex:
        err(rid, f"{type(ex).__name__}: {ex}")

cnt_t = collections.Counter(r["template"] for r in rows)
fam_t = collections.defaultdict(set)
for r in rows: fam_t[r["template"]].add(r["family"])
for t in TEMPLATES:
    if cnt_t[t] != 6: err(t, f"{cnt_t[t]} replies, want 6")
    if len(fam_t[t]) < 5: err(t, f"only {len(fam_t[t])} families")

print(f"rows: {len(rows)}")
print("per template:", dict(cnt_t))
print("families per template:", {t: len(fam_t[t]) for t in TEMPLATES})
print("per family:", dict(collections.Counter(r["family"] for r in rows)))
print("per mode:", dict(collections.Counter(r["mode"] for r in rows)))
print("truncated:", sum(r["truncated"] for r in rows), " unusable:", sum(not r["usable"] for r in rows))
for n in notes: print("note:", n)
for e in errors: print("ERROR:", e)
print("RESULT:", "PASS" if not errors else f"FAIL ({len(errors)} errors)")
sys.exit(1 if errors else 0)
