"""Self-check for r137/replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, sys, collections
PATH = "/work/corpus/replies/r137/replies.jsonl"
TEMPLATES = {"concepts", "instructions", "signature", "candidate_code", "test_scenarios", "candidate_tests",
             "extract_entities", "narrate_forward", "narrate_backward"}
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}
SANITY = {  # candidate_code id -> (expression, expected value)
    "r137-candidate_code-01": [("insert_sorted([1, 2, 2, 3], 2)", [1, 2, 2, 2, 3]), ("insert_sorted([], 4)", [4])],
    "r137-candidate_code-02": [("reduce_fraction(6, -8)", (-3, 4)), ("reduce_fraction(0, 5)", (0, 1))],
    "r137-candidate_code-03": [("Timeline([1, 4, 4, 9]).count_before(4)", 1), ("Timeline([1, 4, 4, 9]).count_before(10)", 4)],
    "r137-candidate_code-04": [("char_similarity('abcd', 'abed')", 0.75), ("char_similarity('', '')", 1.0)],
    "r137-candidate_code-05": [("(lambda r: (r.add(2), r.add(6), r.add(1)))(RunningMedian())", (2.0, 4.0, 2.0))],
}
errors, n = [], 0
def err(rid, msg): errors.append(f"{rid}: {msg}")
counts = collections.defaultdict(collections.Counter)
ids = set()
for i, line in enumerate(open(PATH, encoding="utf-8"), 1):
    n += 1
    try:
        r = json.loads(line)
    except Exception as e:
        err(f"line {i}", f"does not parse: {e}"); continue
    rid = r.get("id", f"line {i}")
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: err(rid, f"missing {k}")
    if rid in ids: err(rid, "duplicate id")
    ids.add(rid)
    t = r["template"]
    if t not in TEMPLATES: err(rid, f"bad template {t}")
    if not rid.startswith(f"r137-{t}-"): err(rid, "id does not match template")
    if r["family"] not in FAMILIES: err(rid, f"bad family {r['family']}")
    if r["mode"] not in ("text", "json_object"): err(rid, "bad mode")
    if r["mode"] == "json_object":
        try: json.loads(r["reply"])
        except Exception: err(rid, "json_object reply is not JSON")
    if "{{" in r["prompt"]: err(rid, "unfilled slot in prompt")
    if r["finish_reason"] != ("length" if r["truncated"] else "stop"): err(rid, "finish_reason/truncated mismatch")
    e = r["expected"]
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: err(rid, "expected truncated/usable mismatch")
    counts["template"][t] += 1; counts["family"][r["family"]] += 1; counts["mode"][r["mode"]] += 1
    counts["truncated"][r["truncated"]] += 1; counts["usable"][r["usable"]] += 1
    counts["template x family"][(t, r["family"])] += 1
    try:
        if t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard") and len(c["examples"]) == 2
                assert c["keyphrase"] in r["prompt"], c["keyphrase"]
            assert r["usable"] == bool(e["concepts"])
        elif t == "instructions":
            for it in e["instructions"]:
                assert it["kind"] in ("function", "class") and it["text"] and not it["text"][0].isdigit()
                assert it["text"][:40] in r["reply"].replace("\\\"", "\""), it["text"][:40]
        elif t == "signature":
            line_ = e["line"]
            if e["kind"] == "function":
                assert line_.startswith("Function: " + e["name"] + "(")
                ast.parse("def " + line_[len("Function: "):] + ": pass")
            else:
                parts = line_.split("; ")
                assert parts[0] == "Class: " + e["name"] and parts[1].startswith("__init__(self")
                for m in parts[1:]:
                    ast.parse("def " + m + ": pass")
        elif t == "candidate_code":
            if r["usable"]:
                ast.parse(e["code"])
                assert e["code"] in r["reply"] or e["code"] in json.loads(r["reply"]).get("code", ""), "code not verbatim in reply"
                ns = {}
                exec(e["code"], ns)
                for expr, want in SANITY[rid]:
                    got = eval(expr, ns)
                    assert got == want, (expr, got, want)
            else:
                assert e["code"] == ""
        elif t == "test_scenarios":
            assert all(isinstance(s, str) and s for s in e["scenarios"])
            assert r["usable"] == bool(e["scenarios"])
        elif t == "candidate_tests":
            for s in e["tests"]:
                tree = ast.parse(s)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert), s
                cmp = tree.body[0].test
                assert isinstance(cmp, ast.Compare) and isinstance(cmp.ops[0], ast.Eq), s
                src = r["reply"] if r["mode"] == "text" else "\n".join(x["code"] for x in json.loads(r["reply"])["tests"])
                assert s in src, ("test not verbatim in reply", s)
            for u in e.get("unusable_tests", []):
                assert u["reason"] and u["test"] in r["reply"]
        elif t == "extract_entities":
            for c in e["claims"]:
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return")
                assert all(isinstance(c[k], str) for k in ("kind", "name", "value"))
        elif t in ("narrate_forward", "narrate_backward"):
            ast.parse(e["answer"], mode="eval")
            for k in ("code", "call", "returned"): assert k in r, k
            ns = {}
            exec(r["code"], ns)
            assert repr(eval(r["call"], ns)) == r["returned"], "call does not give returned"
            if t == "narrate_forward":
                assert repr(eval(e["answer"], {})) == r["returned"], (e["answer"], r["returned"])
            else:
                assert repr(eval(e["answer"], ns)) == r["returned"], (e["answer"], r["returned"])
                assert e["answer"].startswith(r["call"].split("(")[0] + "(")
    except Exception as ex:
        err(rid, f"{t} check failed: {ex!r}")
# spread: every template >= 5 families, 6 replies
per_t_fam = collections.defaultdict(set)
for (t, f) in counts["template x family"]: per_t_fam[t].add(f)
for t in TEMPLATES:
    if counts["template"][t] != 6: err(t, f"has {counts['template'][t]} replies, want 6")
    if len(per_t_fam[t]) < 5: err(t, f"only {len(per_t_fam[t])} families")
print(f"lines: {n}")
for k in ("template", "family", "mode", "truncated", "usable"):
    print(f"{k}: " + ", ".join(f"{a}={b}" for a, b in sorted(counts[k].items(), key=str)))
print("families per template: " + ", ".join(f"{t}={len(per_t_fam[t])}" for t in sorted(TEMPLATES)))
print("ERRORS:" if errors else "OK: all checks passed")
for x in errors: print("  " + x)
sys.exit(1 if errors else 0)
