"""Self-check for r96 replies.jsonl: parse, schema, Python validity, narrate answers, code sanity, tests vs reference."""
import ast, json, collections, heapq, sys
PATH = "/work/corpus/replies/r96/replies.jsonl"
TEMPLATES = {"concepts","instructions","signature","candidate_code","test_scenarios","candidate_tests","extract_entities","narrate_forward","narrate_backward"}
errors = []; lines = open(PATH, encoding="utf-8").read().splitlines()
rows = []
for i, l in enumerate(lines, 1):
    try: rows.append(json.loads(l))
    except Exception as e: errors.append(f"line {i}: bad JSON {e}")
# reference implementations for running candidate tests
REF = {}
exec('''
import heapq
def k_smallest(nums, k):
    return heapq.nsmallest(k, nums)
''', REF)
SANITY = {
 "merge_sorted_lists": ("merge_sorted_lists([[1, 4], [2, 3], []])", [1, 2, 3, 4]),
 "run_length_encode": ("run_length_encode('aaabcc')", [('a', 3), ('b', 1), ('c', 2)]),
 "VoteTally": ("(lambda t: (t.add('a'), t.add('a'), t.add('b')))(VoteTally())", (1, 2, 1)),
 "similarity": ("similarity('abc', 'abd')", 0.667),
 "singletons": ("singletons([1, 2, 2, 3])", [1, 3]),
}
ids = set(); counts = collections.Counter(); fam = collections.defaultdict(set)
stats = collections.Counter()
for r in rows:
    rid = r.get("id")
    for k in ("id","template","family","mode","prompt","reply","finish_reason","expected","truncated","usable","notes"):
        if k not in r: errors.append(f"{rid}: missing {k}")
    if rid in ids: errors.append(f"{rid}: duplicate id")
    ids.add(rid); t = r["template"]; counts[t] += 1; fam[t].add(r["family"])
    stats["mode:"+r["mode"]] += 1; stats["family:"+r["family"]] += 1
    stats["truncated"] += r["truncated"]; stats["unusable"] += (not r["usable"])
    if t not in TEMPLATES: errors.append(f"{rid}: bad template")
    if "{{" in r["prompt"]: errors.append(f"{rid}: unfilled slot")
    if r["truncated"] != (r["finish_reason"] == "length"): errors.append(f"{rid}: truncated/finish_reason mismatch")
    if r["mode"] not in ("text","json_object"): errors.append(f"{rid}: bad mode")
    e = r["expected"]
    if not r["usable"]:
        continue
    try:
        if t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name","keyphrase","description","examples","difficulty"}, c
                assert c["difficulty"] in ("easy","medium","hard")
                assert c["keyphrase"] in r["prompt"], c["keyphrase"]
        elif t == "instructions":
            for it in e["instructions"]:
                assert it["kind"] in ("function","class") and it["text"] in r["reply"], it
        elif t == "signature":
            line = e["line"]; assert e["kind"] in ("function","class")
            if e["kind"] == "function":
                assert line.startswith("Function: " + e["name"] + "(")
                ast.parse("def " + line[len("Function: "):] + ": pass")
            else:
                parts = line.split("; "); assert parts[0] == "Class: " + e["name"] and parts[1].startswith("__init__(self")
                for m in parts[1:]: ast.parse("def " + m + ": pass")
        elif t == "candidate_code":
            ast.parse(e["code"]); ns = {}; exec(e["code"], ns)
            done = False
            for name, (call, want) in SANITY.items():
                if name in ns:
                    got = eval(call, ns); assert got == want, (call, got); done = True
            assert done, "no sanity call"
        elif t == "test_scenarios":
            assert e["scenarios"] and all(isinstance(s, str) and s for s in e["scenarios"])
        elif t == "candidate_tests":
            ns = dict(REF)
            for rr in rows:
                if rr["template"] == "candidate_code" and rr["usable"]: exec(rr["expected"]["code"], ns)
            for s in e["tests"]:
                ast.parse(s); assert s.startswith("assert ")
                exec(s, ns)  # must pass against reference implementations
        elif t == "extract_entities":
            for c in e["claims"]:
                assert c["kind"] in ("value","index","comparison","branch","loop","return") and all(isinstance(c[k], str) for k in ("name","value"))
        elif t == "narrate_forward":
            ast.parse(e["answer"], mode="eval"); assert eval(e["answer"]) == eval(r["returned"]), (e["answer"], r["returned"])
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval"); ns = {}; exec(r["code"], ns)
            assert eval(e["answer"], ns) == eval(r["returned"]), (e["answer"], r["returned"])
            assert eval(r["call"], ns) == eval(r["returned"])
    except Exception as ex:
        errors.append(f"{rid}: {type(ex).__name__}: {ex}")
print(f"rows: {len(rows)}")
for t in sorted(counts): print(f"  {t}: {counts[t]} replies, {len(fam[t])} families")
for k in sorted(stats): print(f"  {k}: {stats[k]}")
for t in counts:
    if len(fam[t]) < 5: errors.append(f"{t}: only {len(fam[t])} families")
print("errors:", len(errors)); [print("  " + x) for x in errors]
print("OK" if not errors else "FAIL")
sys.exit(1 if errors else 0)
