"""Self-check for r168/replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, sys, collections
PATH = "/work/corpus/replies/r168/replies.jsonl"
SANITY = {
 "r168-candidate_code-01": "k_smallest([5, 1, 4, 2], 2) == [1, 2]",
 "r168-candidate_code-02": "wrap_words('a bb ccc', 4) == ['a bb', 'ccc']",
 "r168-candidate_code-03": "(lambda r: (r.add(3), r.add(1)))(RunningMedian()) == (3, 2.0)",
 "r168-candidate_code-04": "add_fractions((1, 3), (1, 6)) == (1, 2)",
 "r168-candidate_code-05": "longest_common_run('abcd', 'xbcy') == 'bc'",
 "r168-candidate_code-06": "mean([1, 2, 3]) == 2.0",
}
# reference implementations used to check that candidate_tests expectations are right
REF = {"k_smallest": "r168-candidate_code-01", "wrap_words": "r168-candidate_code-02", "RunningMedian": "r168-candidate_code-03",
       "add_fractions": "r168-candidate_code-04", "longest_common_run": "r168-candidate_code-05", "mean": "r168-candidate_code-06"}
SCHEMA = {"concepts": "concepts", "instructions": "instructions", "signature": "line", "candidate_code": "code",
          "test_scenarios": "scenarios", "candidate_tests": "tests", "extract_entities": "claims",
          "narrate_forward": "answer", "narrate_backward": "answer"}
errors, rows = [], []
for n, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        errors.append(f"line {n}: bad JSON {e}")
ids = [r["id"] for r in rows]
if len(set(ids)) != len(ids): errors.append("duplicate ids")
code_by_id = {r["id"]: r["expected"].get("code", "") for r in rows if r["template"] == "candidate_code"}
ref_ns = {}
for name, rid in REF.items():
    exec(code_by_id[rid], ref_ns)
for r in rows:
    rid, t, e = r["id"], r["template"], r["expected"]
    def err(m): errors.append(f"{rid}: {m}")
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: err(f"missing {k}")
    if "{{" in r["prompt"]: err("unrendered slot in prompt")
    if r["mode"] not in ("text", "json_object"): err("bad mode")
    if r["truncated"] != (r["finish_reason"] == "length"): err("truncated/finish_reason mismatch")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: err("expected flags mismatch")
    if SCHEMA[t] not in e: err(f"expected lacks {SCHEMA[t]}")
    if t == "candidate_code" and r["usable"]:
        try:
            ast.parse(e["code"]); ns = {}; exec(e["code"], ns)
            if not eval(SANITY[rid], ns): err("sanity call failed")
        except Exception as x: err(f"code: {x!r}")
    if t == "candidate_tests":
        for tst in e["tests"]:
            try:
                tree = ast.parse(tst)
                assert isinstance(tree.body[0], ast.Assert)
                exec(tst, dict(ref_ns))
            except Exception as x: err(f"test {tst!r}: {x!r}")
    if t == "signature":
        if not e["line"].startswith({"function": "Function: ", "class": "Class: "}[e["kind"]]) or e["name"] not in e["line"]: err("signature line form")
    if t.startswith("narrate_"):
        ns = {}; exec(r["code"], ns)
        if eval(r["call"], ns) != eval(r["returned"]): err("call does not give returned")
        if r["usable"]:
            try:
                ast.parse(e["answer"], mode="eval")
                val = eval(e["answer"], dict(ns)) if t == "narrate_backward" else eval(e["answer"])
                if val != eval(r["returned"]): err(f"answer {e['answer']} != returned {r['returned']}")
            except Exception as x: err(f"answer: {x!r}")
    if t == "extract_entities":
        for c in e["claims"]:
            if set(c) != {"kind", "name", "value"} or not all(isinstance(v, str) for v in c.values()): err(f"claim {c}")
    if not r["usable"] and any(e[SCHEMA[t]] for _ in [0]) and t not in ("signature",): err("unusable but expected non-empty")
C = collections.Counter
print(f"rows: {len(rows)}")
print("per template:", dict(C(r['template'] for r in rows)))
print("per family:", dict(C(r['family'] for r in rows)))
print("per mode:", dict(C(r['mode'] for r in rows)))
print("truncated:", sum(r['truncated'] for r in rows), " unusable:", sum(not r['usable'] for r in rows))
fam_per_t = {t: len({r['family'] for r in rows if r['template'] == t}) for t in SCHEMA}
print("families per template:", fam_per_t)
if any(v < 5 for v in fam_per_t.values()): errors.append("a template has fewer than 5 families")
print("errors:", len(errors))
for x in errors: print("  ", x)
print("RESULT:", "PASS" if not errors else "FAIL")
sys.exit(1 if errors else 0)
