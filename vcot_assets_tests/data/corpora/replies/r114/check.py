"""Self-check of replies.jsonl (writer r114). Run: python3 check.py > check_report.txt"""
import ast, json, collections, sys
HERE = "/work/corpus/replies/r114/"
SANITY = json.load(open(HERE + "tmp/sanity.json"))
problems, n = [], 0
counts = {k: collections.Counter() for k in ("template", "family", "mode")}
fam_per_t = collections.defaultdict(set); trunc = unus = 0
for ln, line in enumerate(open(HERE + "replies.jsonl"), 1):
    try:
        r = json.loads(line)
    except Exception as e:
        problems.append(f"line {ln}: bad json {e}"); continue
    n += 1; rid = r["id"]; t = r["template"]; e = r["expected"]
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: problems.append(f"{rid}: missing {k}")
    if "{{" in r["prompt"]: problems.append(f"{rid}: unrendered slot")
    if r["truncated"] != (r["finish_reason"] == "length"): problems.append(f"{rid}: truncated/finish_reason mismatch")
    for k in counts: counts[k][r[k]] += 1
    fam_per_t[t].add(r["family"]); trunc += r["truncated"]; unus += not r["usable"]
    if r["family"] == "deepseek-r1-distill" and r["usable"] and not r["reply"].startswith("<think>") and r["mode"] == "text":
        problems.append(f"{rid}: deepseek without think")
    if not r["usable"]:
        if e: problems.append(f"{rid}: unusable but expected not empty")
        continue
    try:
        if t == "candidate_code":
            ast.parse(e["code"]); ns = {}; exec(e["code"], ns)
            calls = SANITY.get(rid, [])
            if not calls: problems.append(f"{rid}: no sanity call")
            for c in calls:
                if not eval(c, ns): problems.append(f"{rid}: sanity failed {c}")
            if e["code"] not in r["reply"] and json.dumps(e["code"])[1:-1] not in r["reply"]:
                problems.append(f"{rid}: code not verbatim in reply")
        elif t == "candidate_tests":
            for s in e["tests"]:
                tree = ast.parse(s)
                if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Assert): problems.append(f"{rid}: not single assert {s}")
                if s not in r["reply"] and json.dumps(s)[1:-1] not in r["reply"]: problems.append(f"{rid}: test not verbatim {s}")
        elif t == "narrate_forward":
            ast.parse(e["answer"], mode="eval")
            if eval(e["answer"]) != eval(r["returned"]): problems.append(f"{rid}: answer != returned")
            ns = {}; exec(r["code"], ns)
            if repr(eval(r["call"], ns)) != r["returned"]: problems.append(f"{rid}: call does not give returned")
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval"); ns = {}; exec(r["code"], ns)
            if eval(e["answer"], ns) != eval(r["returned"]): problems.append(f"{rid}: answer call != returned")
        elif t == "signature":
            assert e["kind"] in ("function", "class") and e["name"] in e["line"]
            assert e["line"].startswith("Function: " if e["kind"] == "function" else "Class: ")
        elif t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"} and c["difficulty"] in ("easy", "medium", "hard")
                assert c["keyphrase"] in r["prompt"]
        elif t == "instructions":
            for it in e["instructions"]:
                assert it["kind"] in ("function", "class") and it["text"] in r["reply"]
        elif t == "test_scenarios":
            for s in e["scenarios"]: assert s in r["reply"]
        elif t == "extract_entities":
            for c in e["claims"]:
                assert set(c) == {"kind", "name", "value"} and all(isinstance(v, str) for v in c.values())
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return")
    except Exception as ex:
        problems.append(f"{rid}: check error {type(ex).__name__}: {ex}")
print(f"rows: {n}")
for k, c in counts.items(): print(f"{k}: {dict(sorted(c.items()))}")
print("families per template:", {t: len(f) for t, f in sorted(fam_per_t.items())})
for t, f in fam_per_t.items():
    if len(f) < 5: problems.append(f"{t}: only {len(f)} families")
print(f"truncated: {trunc}  unusable: {unus}")
print("problems:" if problems else "problems: none")
for p in problems: print("  " + p)
sys.exit(1 if problems else 0)
