"""Checks replies.jsonl: parse, schema, Python validity of expected code/tests/answers, narrate answers, sanity calls."""
import ast, json, sys, collections
PATH = "/work/corpus/replies/r82/replies.jsonl"
errs, n = [], 0
counts = collections.Counter()
KEYS = {"concepts": "concepts", "instructions": "instructions", "signature": None, "candidate_code": None,
        "test_scenarios": "scenarios", "candidate_tests": "tests", "extract_entities": "claims",
        "narrate_forward": None, "narrate_backward": None}
for ln, line in enumerate(open(PATH), 1):
    try:
        r = json.loads(line)
    except Exception as e:
        errs.append(f"line {ln}: bad JSON {e}"); continue
    n += 1
    rid, t, e = r["id"], r["template"], r["expected"]
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: errs.append(f"{rid}: missing {k}")
    if "{{" in r["prompt"]: errs.append(f"{rid}: unrendered slot")
    if r["truncated"] != (r["finish_reason"] == "length"): errs.append(f"{rid}: truncated/finish_reason mismatch")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: errs.append(f"{rid}: expected flags mismatch")
    counts[(t, r["family"], r["mode"])] += 1
    if not r["usable"]:
        continue
    try:
        if t == "candidate_code":
            ast.parse(e["code"])
            g = {}; exec(e["code"], g); exec(r["sanity"], g)
        elif t == "candidate_tests":
            g = {}; exec(r["reference"], g)
            for s in e["tests"]:
                tree = ast.parse(s)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert), s
                exec(s, dict(g))
        elif t == "narrate_forward":
            ast.parse(e["answer"], mode="eval")
            assert eval(e["answer"]) == eval(r["returned"]), (e["answer"], r["returned"])
            g = {}; exec(r["code"], g)
            assert eval(r["call"], g) == eval(r["returned"])
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval")
            g = {}; exec(r["code"], g)
            assert eval(e["answer"], g) == eval(r["returned"]), (e["answer"], r["returned"])
        elif t == "signature":
            assert e["kind"] in ("function", "class")
            assert e["line"].startswith("Function: " if e["kind"] == "function" else "Class: ")
            assert e["name"] in e["line"]
        elif t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard")
                assert c["keyphrase"] in r["prompt"], c["keyphrase"]
        elif t == "instructions":
            for it in e["instructions"]:
                assert it["kind"] in ("function", "class") and it["text"]
                assert it["text"].split("\n")[0][:40] in r["reply"], it["text"][:40]
        elif t == "test_scenarios":
            for s in e["scenarios"]: assert s.split(" ")[0] in r["reply"]
        elif t == "extract_entities":
            for c in e["claims"]:
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return")
                assert all(isinstance(c[k], str) for k in ("kind", "name", "value"))
        if KEYS[t] and r["truncated"] is False:
            assert e[KEYS[t]], "empty expected list for usable reply"
    except Exception as ex:
        errs.append(f"{rid}: {type(ex).__name__}: {ex}")
print(f"records: {n}")
by_t = collections.Counter(); by_f = collections.Counter(); by_m = collections.Counter()
for (t, f, m), c in counts.items(): by_t[t] += c; by_f[f] += c; by_m[m] += c
print("per template:", dict(sorted(by_t.items())))
print("per family:", dict(sorted(by_f.items())))
print("per mode:", dict(by_m))
fams = collections.defaultdict(set)
for (t, f, m) in counts: fams[t].add(f)
for t, s in sorted(fams.items()):
    if len(s) < 5: errs.append(f"{t}: only {len(s)} families")
L = [json.loads(l) for l in open(PATH)]
print("truncated:", sum(r["truncated"] for r in L), "unusable:", sum(not r["usable"] for r in L))
print("errors:", len(errs))
for x in errs: print("  ", x)
sys.exit(1 if errs else 0)
