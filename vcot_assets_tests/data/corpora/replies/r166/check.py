"""Checks replies.jsonl: parse, schema, ast validity, narrate answers, candidate_code sanity calls."""
import ast, json, collections, sys
PATH = "/work/corpus/replies/r166/replies.jsonl"
SANITY = {
 "k_smallest": ("k_smallest([5, 1, 4, 2], 2)", [1, 2]),
 "wrap_words": ("wrap_words('a bb ccc', 4)", ['a bb', 'ccc']),
 "reduce_fraction": ("reduce_fraction(6, -8)", (-3, 4)),
 "median_of": ("median_of([4, 1, 3, 2])", 2.5),
 "MinTracker": ("MinTracker([4, 2, 9]).pop_min()", 2),
}
KEYS = {"concepts": "concepts", "instructions": "instructions", "signature": "line", "candidate_code": "code",
        "test_scenarios": "scenarios", "candidate_tests": "tests", "extract_entities": "claims",
        "narrate_forward": "answer", "narrate_backward": "answer"}
errs, n = [], 0
count = collections.Counter(); fam = collections.defaultdict(set)
ids = set()
for i, line in enumerate(open(PATH), 1):
    try:
        r = json.loads(line)
    except Exception as e:
        errs.append(f"line {i}: bad JSON {e}"); continue
    n += 1; rid = r["id"]; t = r["template"]; e = r["expected"]
    if rid in ids: errs.append(f"{rid}: duplicate id")
    ids.add(rid); count[t] += 1; fam[t].add(r["family"])
    for k in ("prompt","reply","finish_reason","truncated","usable","notes","mode","family"):
        if k not in r: errs.append(f"{rid}: missing {k}")
    if "{{" in r["prompt"]: errs.append(f"{rid}: unrendered slot")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: errs.append(f"{rid}: flag mismatch")
    if r["truncated"] != (r["finish_reason"] == "length"): errs.append(f"{rid}: truncated/finish_reason mismatch")
    if KEYS[t] not in e: errs.append(f"{rid}: expected lacks {KEYS[t]}")
    if not r["usable"]: continue
    try:
        if t == "candidate_code":
            ast.parse(e["code"]); ns = {}; exec(e["code"], ns)
            ok = False
            for name, (call, want) in SANITY.items():
                if name in ns:
                    got = eval(call, ns); ok = got == want
                    if not ok: errs.append(f"{rid}: sanity {call} -> {got!r} != {want!r}")
            if not ok and not any(nm in ns for nm in SANITY): errs.append(f"{rid}: no sanity call")
        elif t == "candidate_tests":
            for tst in e["tests"]:
                node = ast.parse(tst).body
                if len(node) != 1 or not isinstance(node[0], ast.Assert): errs.append(f"{rid}: not single assert: {tst}")
        elif t in ("narrate_forward", "narrate_backward"):
            ast.parse(e["answer"], mode="eval")
            if t == "narrate_forward":
                if eval(e["answer"]) != eval(r["returned"]): errs.append(f"{rid}: answer {e['answer']} != {r['returned']}")
            else:
                ns = {}; exec(r["code"], ns)
                if eval(e["answer"], ns) != eval(r["returned"]): errs.append(f"{rid}: call gives wrong value")
            ns = {}; exec(r["code"], ns)
            if repr(eval(r["call"], ns)) != r["returned"]: errs.append(f"{rid}: recorded call/returned mismatch")
        elif t == "signature":
            assert e["kind"] in ("function","class") and e["name"] in e["line"]
            assert e["line"].startswith("Function: " if e["kind"] == "function" else "Class: ")
        elif t == "instructions":
            assert all(x["kind"] in ("function","class") and x["text"] for x in e["instructions"])
        elif t == "concepts":
            assert all(set(c) == {"name","keyphrase","description","examples","difficulty"} for c in e["concepts"])
        elif t == "extract_entities":
            assert all(set(c) == {"kind","name","value"} and isinstance(c["value"], str) for c in e["claims"])
    except Exception as ex:
        errs.append(f"{rid}: {type(ex).__name__} {ex}")
# extra: candidate_tests expected asserts hold against the corpus's own reference implementations
refs = {}
for line in open(PATH):
    r = json.loads(line)
    if r["template"] == "candidate_code" and r["usable"]: exec(r["expected"]["code"], refs)
refs["run_length"] = lambda s: [(c, len(list(g))) for c, g in __import__("itertools").groupby(s)]
for line in open(PATH):
    r = json.loads(line)
    if r["template"] == "candidate_tests":
        for tst in r["expected"]["tests"]:
            try: exec(tst, dict(refs))
            except Exception as ex: errs.append(f"{r['id']}: test fails on reference: {tst} ({type(ex).__name__})")
print(f"records: {n}")
for t in sorted(count): print(f"  {t}: {count[t]} replies, {len(fam[t])} families")

for t in count:
    if len(fam[t]) < 5: errs.append(f"{t}: only {len(fam[t])} families")
print("errors:", len(errs)); [print("  " + x) for x in errs]
print("RESULT:", "PASS" if not errs else "FAIL")
