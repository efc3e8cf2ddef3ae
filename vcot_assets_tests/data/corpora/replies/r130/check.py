"""Check replies.jsonl: parse, schema, Python validity, narrate answers, candidate_code sanity calls."""
import ast, json, sys, collections
HERE = "/work/corpus/replies/r130/"
KEYS = {"id","template","family","mode","prompt","reply","finish_reason","expected","truncated","usable","notes"}
TEMPLATES = ["concepts","instructions","signature","candidate_code","test_scenarios","candidate_tests","extract_entities","narrate_forward","narrate_backward"]
# sanity calls for candidate_code, keyed by id: list of (expr, expected_value)
SANITY = json.load(open(HERE + "sanity.json"))
errors, n = [], 0
counts = collections.Counter(); fams = collections.defaultdict(set)
for ln, line in enumerate(open(HERE + "replies.jsonl"), 1):
    n += 1
    try:
        r = json.loads(line)
    except Exception as e:
        errors.append(f"line {ln}: bad json {e}"); continue
    rid = r.get("id")
    miss = KEYS - set(r)
    if miss: errors.append(f"{rid}: missing {miss}")
    t = r["template"]; e = r["expected"]
    if t not in TEMPLATES: errors.append(f"{rid}: template {t}")
    if "{{" in r["prompt"]: errors.append(f"{rid}: unrendered slot")
    if r["finish_reason"] not in ("stop","length"): errors.append(f"{rid}: finish_reason")
    if r["truncated"] != (r["finish_reason"] == "length"): errors.append(f"{rid}: truncated/finish_reason mismatch")
    if r["mode"] not in ("text","json_object"): errors.append(f"{rid}: mode")
    counts[t] += 1; fams[t].add(r["family"])
    if not r["usable"]: continue
    try:
        if t == "candidate_code":
            ast.parse(e["code"]); ns = {}; exec(e["code"], ns)
            calls = SANITY.get(rid, [])
            if not calls: errors.append(f"{rid}: no sanity call")
            for expr, want in calls:
                got = eval(expr, ns)
                if got != eval(want): errors.append(f"{rid}: sanity {expr} -> {got!r} != {want}")
        elif t == "candidate_tests":
            for s in e["tests"]:
                tree = ast.parse(s)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert), s
            for u in e.get("unusable_tests", []): assert isinstance(u, str)
        elif t == "narrate_forward":
            ast.parse(e["answer"], mode="eval")
            if eval(e["answer"]) != eval(r["returned"]): errors.append(f"{rid}: answer {e['answer']} != {r['returned']}")
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval"); ns = {}; exec(r["code"], ns)
            if eval(e["answer"], ns) != eval(r["returned"]): errors.append(f"{rid}: call does not give {r['returned']}")
        elif t == "signature":
            assert e["kind"] in ("function","class") and e["line"].startswith(e["kind"].capitalize() + ": ")
            assert e["name"] in e["line"]
        elif t == "instructions":
            for it in e["instructions"]: assert it["kind"] in ("function","class") and it["text"]
        elif t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name","keyphrase","description","examples","difficulty"}, c
                assert c["difficulty"] in ("easy","medium","hard")
        elif t == "test_scenarios":
            assert all(isinstance(s, str) and s for s in e["scenarios"])
        elif t == "extract_entities":
            for c in e["claims"]:
                assert set(c) == {"kind","name","value"} and all(isinstance(v, str) for v in c.values()), c
                assert c["kind"] in ("value","index","comparison","branch","loop","return")
    except Exception as ex:
        errors.append(f"{rid}: {type(ex).__name__}: {ex}")
print(f"lines: {n}")
for t in TEMPLATES: print(f"  {t}: {counts[t]} replies, {len(fams[t])} families")
print(f"errors: {len(errors)}")
for x in errors: print("  " + x)
sys.exit(1 if errors else 0)
