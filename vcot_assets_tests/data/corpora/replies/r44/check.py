"""Self-check for r44 replies.jsonl (see BRIEF.md)."""
import ast, json, sys, collections
PATH = "/work/corpus/replies/r44/replies.jsonl"
errs, n = [], 0
cnt = collections.Counter()
recs = []
for i, line in enumerate(open(PATH), 1):
    try:
        r = json.loads(line)
    except Exception as e:
        errs.append(f"line {i}: json {e}"); continue
    recs.append(r); n += 1
    rid, t, e = r["id"], r["template"], r["expected"]
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: errs.append(f"{rid}: missing {k}")
    if "{{" in r["prompt"]: errs.append(f"{rid}: unrendered slot")
    if r["truncated"] != (r["finish_reason"] == "length"): errs.append(f"{rid}: truncated/finish_reason mismatch")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: errs.append(f"{rid}: expected flags mismatch")
    def parse(src, what):
        try: ast.parse(src)
        except SyntaxError as ex: errs.append(f"{rid}: {what} not valid Python: {ex}")
    usable = r["usable"]
    if t == "candidate_code" and usable:
        parse(e["code"], "code")
        ns = {}
        try:
            exec(e["code"], ns); exec(r["sanity"], ns)
        except Exception as ex: errs.append(f"{rid}: sanity failed: {ex!r}")
    if t == "candidate_tests":
        for tst in e["tests"]:
            parse(tst, "test")
            if not tst.startswith("assert "): errs.append(f"{rid}: test not an assert")
    if t == "signature":
        pre = "Function: " if e["kind"] == "function" else "Class: "
        if not e["line"].startswith(pre + e["name"]): errs.append(f"{rid}: line/name mismatch")
    if t == "signature" and e["kind"] == "function":
        try: ast.parse("def " + e["line"][len("Function: "):] + ": pass")
        except SyntaxError as ex: errs.append(f"{rid}: signature def invalid {ex}")
    if t == "signature" and e["kind"] == "class":
        for part in e["line"].split("; ")[1:]:
            try: ast.parse("def " + part + ": pass")
            except SyntaxError as ex: errs.append(f"{rid}: method invalid {part}")
    if t == "narrate_forward" and usable:
        parse(e["answer"], "answer")
        if eval(e["answer"]) != eval(r["returned"]): errs.append(f"{rid}: answer != returned")
        ns = {}; exec(r["code"], ns)
        if eval(r["call"], ns) != eval(r["returned"]): errs.append(f"{rid}: call does not give returned")
    if t == "narrate_backward" and usable:
        parse(e["answer"], "answer")
        ns = {}; exec(r["code"], ns)
        if eval(e["answer"], ns) != eval(r["returned"]): errs.append(f"{rid}: answer call != returned")
    if t == "concepts":
        for c in e["concepts"]:
            if set(c) != {"name", "keyphrase", "description", "examples", "difficulty"}: errs.append(f"{rid}: concept keys")
            if c["keyphrase"] not in r["prompt"]: errs.append(f"{rid}: keyphrase not in prompt")
    if t == "instructions":
        for it in e["instructions"]:
            if it["kind"] not in ("function", "class"): errs.append(f"{rid}: bad kind")
            if it["text"] not in r["reply"]: errs.append(f"{rid}: instruction text not verbatim in reply")
    if t == "test_scenarios" and usable and not e["scenarios"]: errs.append(f"{rid}: no scenarios")
    if t == "extract_entities":
        for c in e["claims"]:
            if not all(isinstance(c[k], str) for k in ("kind", "name", "value")): errs.append(f"{rid}: non-string claim")
    if not usable:
        cnt["unusable"] += 1
    if r["truncated"]: cnt["truncated"] += 1
    cnt["t:" + t] += 1; cnt["f:" + r["family"]] += 1; cnt["m:" + r["mode"]] += 1
# extra: run candidate_tests asserts against the corpus's own candidate_code solutions where one exists
impl = {}
for r in recs:
    if r["template"] == "candidate_code" and r["usable"]:
        exec(r["expected"]["code"], impl)
ran = 0
for r in recs:
    if r["template"] == "candidate_tests":
        for tst in r["expected"]["tests"]:
            name = tst[len("assert "):].split("(")[0]
            if name in impl:
                ran += 1
                try: exec(tst, dict(impl))
                except Exception as ex: errs.append(f"{r['id']}: test fails on reference: {tst}")
print(f"tests run against corpus solutions: {ran}")
ids = [r["id"] for r in recs]
if len(set(ids)) != len(ids): errs.append("duplicate ids")
fams = collections.defaultdict(set)
for r in recs: fams[r["template"]].add(r["family"])
for t, fs in fams.items():
    if len(fs) < 5: errs.append(f"{t}: only {len(fs)} families")
print(f"records: {n}")
for k in sorted(cnt): print(f"  {k}: {cnt[k]}")
print(f"errors: {len(errs)}")
for x in errs: print("  " + x)
sys.exit(1 if errs else 0)
