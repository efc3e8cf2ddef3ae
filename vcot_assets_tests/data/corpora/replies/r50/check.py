"""Self-check for r50 replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, sys, collections

PATH = "/work/corpus/replies/r50/replies.jsonl"
TEMPLATES = {"concepts", "instructions", "signature", "candidate_code", "test_scenarios",
             "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"}
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}

# sanity calls for candidate_code (id -> list of (expression, expected repr))
SANITY = {
    "r50-candidate_code-01": [("rotate_left([1, 2, 3, 4], 5)", "[2, 3, 4, 1]"), ("rotate_left([], 2)", "[]")],
    "r50-candidate_code-02": [("(lambda h: (h.push(1), h.push(2), h.push(3))[-1])(BoundedHistory(2))", "[2, 3]")],
    "r50-candidate_code-03": [("median_of([3, 1, 2])", "2.0"), ("median_of([4, 1, 3, 2])", "2.5")],
    "r50-candidate_code-04": [("(lambda t: (t.add('a', 3), t.add('a', 2))[-1])(Tally())", "5")],
    "r50-candidate_code-05": [("reduce_fraction(6, -8)", "(-3, 4)"), ("reduce_fraction(0, 5)", "(0, 1)")],
}
# reference code per function name, to run the expected tests (extra check)
REF = {}
for rid in ("r50-candidate_code-01", "r50-candidate_code-02", "r50-candidate_code-03", "r50-candidate_code-04", "r50-candidate_code-05"):
    REF[rid] = None
REF_GROUP = '''def group_by_length(words):
    g = {}
    for w in words:
        g.setdefault(len(w), []).append(w)
    return g'''

errors, n = [], 0
rows = []
for i, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try:
        r = json.loads(line)
    except Exception as e:
        errors.append(f"line {i}: not JSON: {e}"); continue
    rows.append(r)
ids = collections.Counter(r["id"] for r in rows)
for k, v in ids.items():
    if v > 1: errors.append(f"duplicate id {k}")

code_env = {}
for r in rows:
    rid, t, e = r["id"], r["template"], r["expected"]
    for key in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if key not in r: errors.append(f"{rid}: missing {key}")
    if t not in TEMPLATES: errors.append(f"{rid}: bad template {t}")
    if r["family"] not in FAMILIES: errors.append(f"{rid}: bad family")
    if r["mode"] not in ("text", "json_object"): errors.append(f"{rid}: bad mode")
    if "{{" in r["prompt"]: errors.append(f"{rid}: unfilled slot in prompt")
    if r["truncated"] != (r["finish_reason"] == "length"): errors.append(f"{rid}: truncated/finish_reason mismatch")
    if r["mode"] == "json_object" and r["finish_reason"] == "stop":
        try: json.loads(r["reply"])
        except Exception: pass  # some json_object replies are deliberately sloppy (trailing comma)
    if not r["usable"]:
        continue
    try:
        if t == "candidate_code":
            ast.parse(e["code"])
            ns = {}
            exec(e["code"], ns)
            code_env[rid] = e["code"]
            for expr, want in SANITY.get(rid, []):
                got = repr(eval(expr, ns))
                if got != want: errors.append(f"{rid}: sanity {expr} -> {got}, want {want}")
            if rid not in SANITY: errors.append(f"{rid}: no sanity call")
        elif t == "candidate_tests":
            for s in e["tests"]:
                tree = ast.parse(s)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert), s
            for u in e.get("unusable_tests", []):
                assert isinstance(u, str) and u
        elif t == "narrate_forward":
            ast.parse(e["answer"], mode="eval")
            ns = {}; exec(r["code"], ns)
            real = eval(r["call"], ns)
            if repr(real) != r["returned"]: errors.append(f"{rid}: returned mismatch {real!r}")
            if eval(e["answer"]) != eval(r["returned"]): errors.append(f"{rid}: answer != returned")
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval")
            ns = {}; exec(r["code"], ns)
            if repr(eval(r["call"], ns)) != r["returned"]: errors.append(f"{rid}: call/returned mismatch")
            if repr(eval(e["answer"], ns)) != r["returned"]: errors.append(f"{rid}: answer does not give returned")
        elif t == "signature":
            assert e["kind"] in ("function", "class") and e["name"] and e["line"].startswith(e["kind"].capitalize() + ": ")
            assert e["name"] in e["line"]
        elif t == "instructions":
            for it in e["instructions"]:
                assert it["kind"] in ("function", "class") and it["text"]
        elif t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard")
        elif t == "extract_entities":
            for c in e["claims"]:
                assert set(c) == {"kind", "name", "value"} and all(isinstance(v, str) for v in c.values()), c
        elif t == "test_scenarios":
            assert all(isinstance(s, str) and s for s in e["scenarios"])
    except Exception as ex:
        errors.append(f"{rid}: {type(ex).__name__}: {ex}")

# extra: run expected candidate_tests against the reference implementations of the chain
impl = {}
for rid, code in code_env.items():
    exec(code, impl)
exec(REF_GROUP, impl)
for r in rows:
    if r["template"] == "candidate_tests" and r["usable"]:
        for s in r["expected"]["tests"]:
            try: exec(s, dict(impl))
            except Exception as ex: errors.append(f"{r['id']}: test fails against reference: {s} ({type(ex).__name__})")

print(f"rows: {len(rows)}")
for field in ("template", "family", "mode"):
    print(f"per {field}:", dict(sorted(collections.Counter(r[field] for r in rows).items())))
print("truncated:", sum(r["truncated"] for r in rows), " unusable:", sum(not r["usable"] for r in rows))
fam_per_t = collections.defaultdict(set)
for r in rows: fam_per_t[r["template"]].add(r["family"])
for t in sorted(fam_per_t):
    print(f"  {t}: {sum(r['template']==t for r in rows)} replies, {len(fam_per_t[t])} families")
    if len(fam_per_t[t]) < 5: errors.append(f"{t}: fewer than 5 families")
print("errors:", len(errors))
for e in errors: print("  ", e)
print("OK" if not errors else "FAIL")
sys.exit(1 if errors else 0)
