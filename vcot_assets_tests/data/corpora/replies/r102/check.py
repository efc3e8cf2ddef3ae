"""Self-check of replies.jsonl (see BRIEF.md). Writes nothing; print goes to check_report.txt."""
import ast, json, sys, collections
SANITY = {
    "r102-candidate_code-01": ["is_min_heap([1, 3, 2, 7, 4]) == True", "is_min_heap([2, 1]) == False"],
    "r102-candidate_code-02": ["(lambda m: (m.add(2), m.add(4))[1])(RunningMean()) == 3.0"],
    "r102-candidate_code-03": ["reduce_fraction(6, -8) == (-3, 4)"],
    "r102-candidate_code-04": ["(lambda q: (q.add('w', 2), q.add('r', 1), q.pop())[2])(TaskQueue()) == 'r'"],
    "r102-candidate_code-05": ["similarity('ab', 'abcd') == 0.667", "similarity('', '') == 1.0"],
}
REQ = ["id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"]
errors, rows = [], []
for n, line in enumerate(open("replies.jsonl", encoding="utf-8"), 1):
    try:
        r = json.loads(line)
    except Exception as ex:
        errors.append(f"line {n}: bad JSON {ex}"); continue
    rows.append(r)
    rid = r.get("id")
    def err(m): errors.append(f"{rid}: {m}")
    for k in REQ:
        if k not in r: err(f"missing {k}")
    e, t = r["expected"], r["template"]
    if "{{" in r["prompt"]: err("unfilled slot in prompt")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: err("expected truncated/usable mismatch")
    if (r["finish_reason"] == "length") != r["truncated"]: err("finish_reason vs truncated")
    if r["mode"] not in ("text", "json_object"): err("bad mode")
    if r["mode"] == "json_object":
        try: json.loads(r["reply"])
        except Exception: err("json_object reply is not JSON")
    try:
        if t == "candidate_code":
            ast.parse(e["code"])
            if r["usable"]:
                ns = {}; exec(e["code"], ns)
                calls = SANITY.get(rid)
                if not calls: err("no sanity call")
                for c in calls or []:
                    if eval(c, ns) is not True: err(f"sanity failed: {c}")
        elif t == "candidate_tests":
            for s in e["tests"]:
                tree = ast.parse(s)
                if not (len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert)): err(f"not a single assert: {s}")
                if s not in r["reply"] and s.replace("'", '"') not in r["reply"]: err(f"test not verbatim in reply: {s}")
        elif t == "narrate_forward":
            ast.parse(e["answer"])
            if r["usable"]:
                if repr(eval(e["answer"])) != r["returned"]: err(f"answer {e['answer']} != returned {r['returned']}")
        elif t == "narrate_backward":
            ast.parse(e["answer"])
            if r["usable"]:
                ns = {}; exec(r["code"], ns)
                if repr(eval(e["answer"], ns)) != r["returned"]: err("backward answer does not give returned")
                if repr(eval(r["call"], ns)) != r["returned"]: err("call does not give returned")
        elif t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
        elif t == "instructions":
            for i in e["instructions"]:
                assert i["kind"] in ("function", "class") and i["text"]
                if i["text"] not in r["reply"] and json.dumps(i["text"])[1:-1] not in r["reply"]: err(f"instruction text not in reply: {i['text'][:40]}")
        elif t == "signature":
            assert e["line"].startswith(("Function: ", "Class: ")) and e["name"] in e["line"]
            assert e["kind"] == ("function" if e["line"].startswith("Function") else "class")
        elif t == "test_scenarios":
            assert isinstance(e["scenarios"], list)
        elif t == "extract_entities":
            for c in e["claims"]:
                assert set(c) == {"kind", "name", "value"} and all(isinstance(v, str) for v in c.values()), c
        if not r["usable"] and any(v for k, v in e.items() if k not in ("truncated", "usable", "unusable_tests")):
            err("unusable reply with non-empty expected")
    except Exception as ex:
        err(f"check error {type(ex).__name__}: {ex}")
ids = [r["id"] for r in rows]
if len(ids) != len(set(ids)): errors.append("duplicate ids")
print(f"rows: {len(rows)}")
for key in ("template", "family", "mode"):
    print(key, dict(sorted(collections.Counter(r[key] for r in rows).items())))
print("families per template:", {t: len({r['family'] for r in rows if r['template'] == t}) for t in sorted({r['template'] for r in rows})})
print("truncated:", sum(r["truncated"] for r in rows), " unusable:", sum(not r["usable"] for r in rows))
print("errors:", len(errors))
for x in errors: print("  ", x)
sys.exit(1 if errors else 0)
