"""Self-check for r40 replies.jsonl. Usage: python3 check.py > check_report.txt"""
import ast, json, sys, collections
P = "/work/corpus/replies/r40/replies.jsonl"
TEMPLATES = ["concepts","instructions","signature","candidate_code","test_scenarios","candidate_tests","extract_entities","narrate_forward","narrate_backward"]
FAMS = {"mistral-small-24b","qwen2.5-coder-7b","llama-3.1-8b","gpt-4o-mini","deepseek-r1-distill","smollm2-135m"}
# sanity calls for candidate_code: id -> list of (expr, expected)
SANITY = {
    "r40-candidate_code-01": [("run_length_encode('aaabcc')", [("a", 3), ("b", 1), ("c", 2)]), ("run_length_encode('')", [])],
    "r40-candidate_code-02": [("low_median([4, 1, 3, 2])", 2), ("low_median([5, 3, 9])", 5)],
    "r40-candidate_code-03": [("classify_chars('a1 !')", {"letters": 1, "digits": 1, "spaces": 1, "other": 1})],
    "r40-candidate_code-04": [("(lambda t: [t.push(3), t.push(7), t.push(5)])(JumpTracker())", [0, 4, 4])],
    "r40-candidate_code-05": [("strip_punctuation('Hello, world!')", "Hello world")],
}
errors, n = [], 0
ids = set()
per_t = collections.defaultdict(list)
def err(rid, msg): errors.append("%s: %s" % (rid, msg))
for ln, line in enumerate(open(P), 1):
    try:
        r = json.loads(line)
    except Exception as e:
        errors.append("line %d: bad JSON %s" % (ln, e)); continue
    n += 1
    rid = r.get("id")
    for k in ("id","template","family","mode","prompt","reply","finish_reason","expected","truncated","usable","notes"):
        if k not in r: err(rid, "missing " + k)
    if rid in ids: err(rid, "duplicate id")
    ids.add(rid)
    t = r["template"]; per_t[t].append(r)
    if t not in TEMPLATES: err(rid, "bad template")
    if not rid.startswith("r40-%s-" % t): err(rid, "id/template mismatch")
    if r["family"] not in FAMS: err(rid, "bad family")
    if r["mode"] not in ("text","json_object"): err(rid, "bad mode")
    if "{{" in r["prompt"]: err(rid, "unfilled slot in prompt")
    if r["finish_reason"] not in ("stop","length"): err(rid, "bad finish_reason")
    if r["truncated"] != (r["finish_reason"] == "length"): err(rid, "truncated vs finish_reason")
    e = r["expected"]
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: err(rid, "expected flags mismatch")
    if not r["usable"]:
        continue
    try:
        if t == "concepts":
            assert e["concepts"]
            for c in e["concepts"]:
                assert set(c) == {"name","keyphrase","description","examples","difficulty"}, c
                assert c["difficulty"] in ("easy","medium","hard") and isinstance(c["examples"], list)
        elif t == "instructions":
            assert e["instructions"]
            for it in e["instructions"]:
                assert it["kind"] in ("function","class") and it["text"].strip()
                assert not it["text"].lstrip().startswith(("[", "1.", "**")), it["text"]
        elif t == "signature":
            line_ = e["line"]
            assert e["kind"] in ("function","class")
            pre = "Function: " if e["kind"] == "function" else "Class: "
            assert line_.startswith(pre) and "\n" not in line_
            assert e["name"] in line_
            if e["kind"] == "function":
                ast.parse("def " + line_[len(pre):] + ": pass")
            else:
                parts = line_[len(pre):].split("; ")
                assert parts[0] == e["name"]
                ast.parse("class %s:\n" % parts[0] + "".join("    def %s: pass\n" % m for m in parts[1:]))
        elif t == "candidate_code":
            ast.parse(e["code"])
            ns = {}
            exec(e["code"], ns)
            calls = SANITY.get(rid)
            assert calls, "no sanity call"
            for expr, want in calls:
                got = eval(expr, ns)
                assert got == want, (expr, got, want)
        elif t == "test_scenarios":
            assert e["scenarios"] and all(isinstance(s, str) and s.strip() for s in e["scenarios"])
        elif t == "candidate_tests":
            assert e["tests"] or e.get("unusable_tests")
            for s in e["tests"]:
                tree = ast.parse(s)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert), s
                assert isinstance(tree.body[0].test, ast.Compare)
            for u in e.get("unusable_tests", []):
                assert isinstance(u, dict) and "test" in u and "reason" in u
        elif t == "extract_entities":
            for c in e["claims"]:
                assert set(c) == {"kind","name","value"}
                assert c["kind"] in ("value","index","comparison","branch","loop","return")
                assert all(isinstance(c[k], str) for k in c)
        elif t == "narrate_forward":
            ast.parse(e["answer"], mode="eval")
            assert eval(e["answer"]) == eval(r["returned"]), (e["answer"], r["returned"])
            ns = {}; exec(r["code"], ns)
            assert repr(eval(r["call"], ns)) == r["returned"]
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval")
            ns = {}; exec(r["code"], ns)
            assert repr(eval(e["answer"], ns)) == r["returned"], e["answer"]
            assert repr(eval(r["call"], ns)) == r["returned"]
    except Exception as ex:
        err(rid, "expected check failed: %r" % (ex,))
print("lines:", n)
for t in TEMPLATES:
    rs = per_t.get(t, [])
    fams = collections.Counter(r["family"] for r in rs)
    print("%-18s n=%d families=%d %s json_object=%d truncated=%d unusable=%d" % (t, len(rs), len(fams), dict(fams),
          sum(r["mode"] == "json_object" for r in rs), sum(r["truncated"] for r in rs), sum(not r["usable"] for r in rs)))
    if rs and len(fams) < 5: errors.append("%s: fewer than 5 families" % t)
allr = [r for rs in per_t.values() for r in rs]
print("families:", dict(collections.Counter(r["family"] for r in allr)))
print("modes:", dict(collections.Counter(r["mode"] for r in allr)))
print("truncated:", sum(r["truncated"] for r in allr), "unusable:", sum(not r["usable"] for r in allr))
print("errors:", len(errors))
for x in errors: print("  ", x)
print("RESULT:", "PASS" if not errors else "FAIL")
sys.exit(1 if errors else 0)
