"""Self-check for r170 replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, os, sys, collections
HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATES = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios", "candidate_tests",
             "extract_entities", "narrate_forward", "narrate_backward"]
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}
# sanity calls for candidate_code expected.code (per id)
SANITY = {
    "r170-candidate_code-01": ['run_length_encode("aaabcc") == [("a", 3), ("b", 1), ("c", 2)]', 'run_length_encode("") == []'],
    "r170-candidate_code-02": ["reduce_fraction(6, -8) == (-3, 4)", "reduce_fraction(0, 5) == (0, 1)"],
    "r170-candidate_code-03": ["longest_run([1, 1, 2, 2, 2]) == 3", "longest_run([]) == 0"],
    "r170-candidate_code-04": ["(lambda m: (m.add(1), m.add(3), m.add(2)))(RunningMedian()) == (1.0, 2.0, 2.0)"],
    "r170-candidate_code-05": ['tab_columns("a\\tb\\t", 4) == [4, 8]', 'tab_columns("abc", 4) == []'],
}
# reference implementations to run candidate_tests' expected asserts against
EXTRA_REF = '''
def expand_tabs(line, size):
    out = ""
    for ch in line:
        if ch == "\\t":
            out += " " * (size - len(out) % size)
        else:
            out += ch
    return out
'''
errors, n = [], 0
def err(rid, msg): errors.append(f"{rid}: {msg}")
rows = []
for ln, line in enumerate(open(os.path.join(HERE, "replies.jsonl"), encoding="utf-8"), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        err(f"line {ln}", f"does not parse: {e}")
code_by_func = {}
for r in rows:
    if r["template"] == "candidate_code" and r["usable"]:
        code_by_func[r["id"]] = r["expected"]["code"]
ref_ns = {}
for c in code_by_func.values():
    exec(c, ref_ns)
exec(EXTRA_REF, ref_ns)

ids = set()
for r in rows:
    rid = r.get("id")
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: err(rid, f"missing key {k}")
    if rid in ids: err(rid, "duplicate id")
    ids.add(rid)
    t = r["template"]
    if t not in TEMPLATES: err(rid, "bad template")
    if r["family"] not in FAMILIES: err(rid, "bad family")
    if r["mode"] not in ("text", "json_object"): err(rid, "bad mode")
    if "{{" in r["prompt"]: err(rid, "unfilled slot in prompt")
    if f"Task: {t}" not in r["prompt"]: err(rid, "prompt is not of its template")
    if r["truncated"] != (r["finish_reason"] == "length"): err(rid, "truncated/finish_reason mismatch")
    e = r["expected"]
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: err(rid, "expected flags mismatch")
    if r["family"] == "deepseek-r1-distill" and r["mode"] == "text" and not r["reply"].startswith("<think>"):
        err(rid, "reasoning model reply without <think>")
    if not r["usable"]:
        continue
    try:
        if t == "concepts":
            assert e["concepts"]
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard")
                assert c["keyphrase"] in r["prompt"], c["keyphrase"]
                assert c["name"] in r["reply"] and c["description"] in r["reply"]
        elif t == "instructions":
            assert e["instructions"]
            for it in e["instructions"]:
                assert it["kind"] in ("function", "class")
                assert it["text"] in r["reply"] or json.dumps(it["text"])[1:-1] in r["reply"], it["text"][:40]
        elif t == "signature":
            assert e["kind"] in ("function", "class")
            pre = "Function: " if e["kind"] == "function" else "Class: "
            assert e["line"].startswith(pre + e["name"])
            if e["kind"] == "function":
                src = "def " + e["line"][len(pre):] + ": ..."
                ast.parse(src)
            else:
                parts = e["line"].split("; ")
                assert parts[1].startswith("__init__(self")
                ast.parse("class X:\n" + "".join(f"    def {p}: ...\n" for p in parts[1:]))
        elif t == "candidate_code":
            ast.parse(e["code"])
            ns = {}
            exec(e["code"], ns)
            calls = SANITY[rid]
            for c in calls:
                assert eval(c, ns), c
        elif t == "test_scenarios":
            assert e["scenarios"] and all(isinstance(s, str) and s for s in e["scenarios"])
        elif t == "candidate_tests":
            assert "unusable_tests" in e
            for tst in e["tests"]:
                tree = ast.parse(tst)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert), tst
                ns = dict(ref_ns)
                exec(tst, ns)   # the test must pass against the reference implementation
        elif t == "extract_entities":
            assert e["claims"]
            for c in e["claims"]:
                assert set(c) == {"kind", "name", "value"} and all(isinstance(v, str) for v in c.values()), c
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return")
        elif t in ("narrate_forward", "narrate_backward"):
            ns = {}
            exec(r["code"], ns)
            assert repr(eval(r["call"], dict(ns))) == r["returned"], "call does not give returned"
            ast.parse(e["answer"])
            if t == "narrate_forward":
                assert eval(e["answer"], {}) == eval(r["returned"], {}), "answer != returned"
            else:
                assert repr(eval(e["answer"], dict(ns))) == r["returned"], "answer call != returned"
        n += 1
    except Exception as ex:
        err(rid, f"{type(ex).__name__}: {ex}")

per_t = collections.Counter(r["template"] for r in rows)
fam_t = collections.defaultdict(set)
for r in rows: fam_t[r["template"]].add(r["family"])
for t in TEMPLATES:
    if per_t[t] != 6: err(t, f"{per_t[t]} replies, want 6")
    if len(fam_t[t]) < 5: err(t, f"only {len(fam_t[t])} families")
print(f"rows: {len(rows)}  content-checked (usable): {n}  unusable: {sum(not r['usable'] for r in rows)}  truncated: {sum(r['truncated'] for r in rows)}")
print("per template:", dict(per_t))
print("families per template:", {t: len(fam_t[t]) for t in TEMPLATES})
print("per family:", dict(collections.Counter(r["family"] for r in rows)))
print("per mode:", dict(collections.Counter(r["mode"] for r in rows)))
if errors:
    print(f"FAIL: {len(errors)} problem(s)")
    for x in errors: print("  ", x)
    sys.exit(1)
print("OK: all checks passed")
