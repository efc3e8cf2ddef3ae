"""Self-check for r104 replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, collections, sys
PATH = "/work/corpus/replies/r104/replies.jsonl"
errors, notes = [], []
rows = []
for i, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        errors.append(f"line {i}: does not parse: {e}")
KEYS = {"id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"}
FAMS = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}
SANITY = {  # candidate_code sanity calls: expression -> expected value
    "r104-candidate_code-01": [("wrap_words('the quick brown fox', 10)", ["the quick", "brown fox"]), ("wrap_words('', 5)", [])],
    "r104-candidate_code-02": [("SortedBag([5, 1]).add(3)", [1, 3, 5]), ("SortedBag().add(2)", [2])],
    "r104-candidate_code-03": [("run_length_encode('aaabcc')", [("a", 3), ("b", 1), ("c", 2)]), ("run_length_encode('')", [])],
    "r104-candidate_code-04": [("(lambda a: (a.add(40), a.add(60))[1])(RateAverager())", 48.0)],
    "r104-candidate_code-05": [("average_speed([40, 60])", 48.0), ("average_speed([])", 0.0)],
    "r104-candidate_code-06": [("count_wrapped_lines('aa bb cc', 5)", 2), ("count_wrapped_lines('   ', 10)", 0)],
}
ids = collections.Counter(r.get("id") for r in rows)
for k, v in ids.items():
    if v > 1: errors.append(f"duplicate id {k}")
ref = {}  # reference implementations from candidate_code, used to run candidate_tests
for r in rows:
    rid = r.get("id")
    miss = KEYS - set(r)
    if miss: errors.append(f"{rid}: missing keys {miss}")
    if r.get("family") not in FAMS: errors.append(f"{rid}: bad family")
    if r.get("mode") not in ("text", "json_object"): errors.append(f"{rid}: bad mode")
    if "{{" in r.get("prompt", ""): errors.append(f"{rid}: unfilled slot in prompt")
    if r["truncated"] != (r["finish_reason"] == "length"): errors.append(f"{rid}: truncated/finish_reason mismatch")
    t, e = r["template"], r["expected"]
    if not r["usable"]:
        continue
    try:
        if t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard")
                assert c["keyphrase"] in r["prompt"], c["keyphrase"]
        elif t == "instructions":
            for it in e["instructions"]:
                assert it["kind"] in ("function", "class") and it["text"]
                assert it["text"][:40] in r["reply"], it["text"][:40]
        elif t == "signature":
            assert e["kind"] in ("function", "class")
            assert e["line"].startswith("Function: " if e["kind"] == "function" else "Class: ")
            if e["kind"] == "function":
                ast.parse("def " + e["line"][len("Function: "):] + ": pass")
            else:
                for part in e["line"].split("; ")[1:]:
                    ast.parse("def " + part + ": pass")
            assert e["name"] in e["line"]
        elif t == "candidate_code":
            ast.parse(e["code"])
            ns = {}
            exec(e["code"], ns)
            ref.update({k: v for k, v in ns.items() if not k.startswith("__")})
            calls = SANITY.get(rid, [])
            assert calls, "no sanity call"
            for expr, want in calls:
                got = eval(expr, ns)
                assert got == want, (expr, got, want)
                notes.append(f"{rid}: {expr} == {want!r} ok")
        elif t == "test_scenarios":
            assert e["scenarios"] and all(isinstance(s, str) and s for s in e["scenarios"])
        elif t == "candidate_tests":
            for ts in e["tests"]:
                tree = ast.parse(ts)
                assert isinstance(tree.body[0], ast.Assert) and len(tree.body) == 1, ts
                assert ts.split("==")[0].strip()[7:][:15] in r["reply"] or ts in r["reply"].replace("\\\\", "\\"), ts
        elif t == "extract_entities":
            for c in e["claims"]:
                assert set(c) == {"kind", "name", "value"} and all(isinstance(v, str) for v in c.values())
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return")
                assert c["name"] in r["prompt"], c["name"]
        elif t == "narrate_forward":
            ast.parse(e["answer"], mode="eval")
            assert eval(e["answer"]) == eval(r["returned"]), (e["answer"], r["returned"])
            ns = {}; exec(r["code"], ns)
            assert eval(r["call"], ns) == eval(r["returned"])
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval")
            ns = {}; exec(r["code"], ns)
            assert eval(e["answer"], ns) == eval(r["returned"]), (e["answer"], r["returned"])
        else:
            errors.append(f"{rid}: unknown template {t}")
    except Exception as ex:
        errors.append(f"{rid}: {type(ex).__name__}: {ex}")
ref.setdefault("low_median", lambda xs: sorted(xs)[(len(xs) - 1) // 2])  # spec reference, no candidate_code for it
# run candidate_tests against the reference implementations (informational)
for r in rows:
    if r["template"] == "candidate_tests" and r["usable"]:
        for ts in r["expected"]["tests"]:
            try:
                exec(ts, dict(ref)); notes.append(f"{r['id']}: passes ref: {ts[:60]}")
            except Exception as ex:
                notes.append(f"{r['id']}: INFO fails ref ({type(ex).__name__}): {ts[:60]}")
by_t = collections.defaultdict(list)
for r in rows: by_t[r["template"]].append(r)
for t, rs in sorted(by_t.items()):
    fams = {r["family"] for r in rs}
    if len(rs) != 6: errors.append(f"{t}: {len(rs)} replies, want 6")
    if len(fams) < 5: errors.append(f"{t}: only {len(fams)} families")
print(f"rows: {len(rows)}")
print("per template:", dict(collections.Counter(r["template"] for r in rows)))
print("per family:", dict(collections.Counter(r["family"] for r in rows)))
print("per mode:", dict(collections.Counter(r["mode"] for r in rows)))
print("truncated:", sum(r["truncated"] for r in rows), " unusable:", sum(not r["usable"] for r in rows))
for t, rs in sorted(by_t.items()):
    print(f"  {t}: families={sorted({r['family'] for r in rs})}")
print("\n".join(notes))
print(f"ERRORS: {len(errors)}")
print("\n".join(errors))
sys.exit(1 if errors else 0)
