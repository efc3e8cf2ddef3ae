"""Self-check of r29/replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, sys, collections
PATH = "/work/corpus/replies/r29/replies.jsonl"
TEMPLATES = ["concepts","instructions","signature","candidate_code","test_scenarios","candidate_tests","extract_entities","narrate_forward","narrate_backward"]
FAMILIES = {"mistral-small-24b","qwen2.5-coder-7b","llama-3.1-8b","gpt-4o-mini","deepseek-r1-distill","smollm2-135m"}
SANITY = {  # id -> list of (expression, expected value) run against expected.code
 "r29-candidate_code-01": [("is_min_heap([1, 2, 3])", True), ("is_min_heap([3, 1])", False), ("is_min_heap([])", True)],
 "r29-candidate_code-02": [("add_fractions((1, 2), (1, 3))", (5, 6)), ("add_fractions((1, 2), (-1, 2))", (0, 1))],
 "r29-candidate_code-03": [("Accumulator(10).feed([1, 2, 3])", [11, 13, 16])],
 "r29-candidate_code-04": [("median_low([1, 3, 5, 7])", 3), ("median_low([5, 1, 3])", 3)],
 "r29-candidate_code-05": [("RunGrouper([1, 1, 2]).groups()", [[1, 1], [2]])],
}
errors, n = [], 0
def err(i, m): errors.append(f"{i}: {m}")
def parses(src):
    try: ast.parse(src); return True
    except SyntaxError: return False
recs = []
for ln, line in enumerate(open(PATH), 1):
    try: recs.append(json.loads(line))
    except Exception as e: err(f"line{ln}", f"bad JSON {e}")
ids = [r["id"] for r in recs]
for d in [i for i, c in collections.Counter(ids).items() if c > 1]: err(d, "duplicate id")
impl = {}  # reference namespaces from candidate_code for running tests
for r in recs:
    i, t, e = r["id"], r["template"], r["expected"]
    for k in ("id","template","family","mode","prompt","reply","finish_reason","expected","truncated","usable","notes"):
        if k not in r: err(i, f"missing {k}")
    if t not in TEMPLATES: err(i, "bad template")
    if r["family"] not in FAMILIES: err(i, "bad family")
    if r["mode"] not in ("text","json_object"): err(i, "bad mode")
    if "{{" in r["prompt"]: err(i, "unfilled slot in prompt")
    if not r["id"].startswith(f"r29-{t}-"): err(i, "id/template mismatch")
    if (r["finish_reason"] == "length") != r["truncated"]: err(i, "finish_reason/truncated mismatch")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: err(i, "expected flags differ")
    if r["mode"] == "json_object" and r["usable"]:
        try: json.loads(r["reply"])
        except Exception: err(i, "json_object reply is not bare JSON")
    if not r["usable"]: continue
    if t == "concepts":
        for c in e["concepts"]:
            if set(c) != {"name","keyphrase","description","examples","difficulty"}: err(i, f"concept keys {set(c)}")
            if c["difficulty"] not in ("easy","medium","hard"): err(i, "difficulty")
            if c["keyphrase"] not in r["prompt"]: err(i, f"keyphrase not in prompt: {c['keyphrase']}")
        if not e["concepts"]: err(i, "no concepts")
    elif t == "instructions":
        for x in e["instructions"]:
            if x["kind"] not in ("function","class") or not x["text"]: err(i, "instruction")
            if x["text"] not in r["reply"] and json.dumps(x["text"])[1:-1] not in r["reply"]: err(i, "instruction text not in reply")
        if not e["instructions"]: err(i, "no instructions")
    elif t == "signature":
        line = e["line"]
        if e["kind"] == "function":
            if not line.startswith(f"Function: {e['name']}("): err(i, "function line form")
            if not parses("def " + line[len("Function: "):] + ": pass"): err(i, "signature does not parse")
        else:
            parts = line.split("; ")
            if parts[0] != f"Class: {e['name']}" or not parts[1].startswith("__init__(self"): err(i, "class line form")
            for p in parts[1:]:
                if not parses("def " + p + ": pass"): err(i, f"method does not parse: {p}")
    elif t == "candidate_code":
        code = e["code"]
        if not parses(code): err(i, "code does not parse"); continue
        if code not in r["reply"] and json.dumps(code)[1:-1] not in r["reply"]: err(i, "code not verbatim in reply")
        ns = {}; exec(code, ns)
        sc = SANITY.get(i)
        if not sc: err(i, "no sanity call")
        for expr, want in sc or []:
            got = eval(expr, ns)
            if got != want: err(i, f"sanity {expr} -> {got!r}, want {want!r}")
            else: n += 1
        impl.update({k: v for k, v in ns.items() if not k.startswith("__")})
    elif t == "test_scenarios":
        if not e["scenarios"] or not all(isinstance(s, str) and s for s in e["scenarios"]): err(i, "scenarios")
        for s in e["scenarios"]:
            if s not in r["reply"]: err(i, f"scenario not in reply: {s}")
    elif t == "extract_entities":
        for c in e["claims"]:
            if c["kind"] not in ("value","index","comparison","branch","loop","return"): err(i, "claim kind")
            if not all(isinstance(c[k], str) for k in ("kind","name","value")): err(i, "claim not strings")
            if c["name"] not in r["prompt"]: err(i, f"claim name not in sentence: {c['name']}")
    elif t == "narrate_forward":
        a = e["answer"]
        if not parses(a): err(i, "answer does not parse")
        elif eval(a) != eval(r["returned"]) or repr(eval(a)) != r["returned"]: err(i, f"answer {a} != returned {r['returned']}")
        else: n += 1
        ns = {}; exec(r["code"], ns)
        if repr(eval(r["call"], ns)) != r["returned"]: err(i, "call does not give returned")
    elif t == "narrate_backward":
        a = e["answer"]
        if not parses(a): err(i, "answer does not parse"); continue
        ns = {}; exec(r["code"], ns)
        if repr(eval(a, ns)) != r["returned"]: err(i, f"answer {a} gives {eval(a, ns)!r} not {r['returned']}")
        else: n += 1
# candidate_tests after all code is loaded
for r in recs:
    if r["template"] != "candidate_tests" or not r["usable"]: continue
    i, e = r["id"], r["expected"]
    if not e["tests"]: err(i, "no tests")
    for tst in e["tests"]:
        if not tst.startswith("assert ") or not parses(tst): err(i, f"test does not parse: {tst}"); continue
        if tst not in r["reply"] and json.dumps(tst)[1:-1] not in r["reply"]: err(i, f"test not verbatim: {tst}")
        node = ast.parse(tst).body[0]
        if not (isinstance(node, ast.Assert) and isinstance(node.test, ast.Compare) and isinstance(node.test.ops[0], ast.Eq)): err(i, "not assert ==")
        fname = node.test.left.func.id if isinstance(node.test.left, ast.Call) and isinstance(node.test.left.func, ast.Name) else \
                node.test.left.func.value.func.id
        if fname in impl:
            try: exec(tst, dict(impl)); n += 1
            except AssertionError: err(i, f"test fails against reference code: {tst}")
    for u in e.get("unusable_tests", []):
        if not u.get("reason"): err(i, "unusable test without reason")
# counts
bt = collections.defaultdict(set)
for r in recs: bt[r["template"]].add(r["family"])
for t in TEMPLATES:
    c = sum(1 for r in recs if r["template"] == t)
    if c != 6: err(t, f"{c} replies, want 6")
    if len(bt[t]) < 5: err(t, f"only {len(bt[t])} families")
print(f"records: {len(recs)}")
for key in ("template","family","mode","finish_reason"):
    print(key, dict(sorted(collections.Counter(r[key] for r in recs).items())))
print("truncated", sum(r["truncated"] for r in recs), "unusable", sum(not r["usable"] for r in recs))
print("families per template", {t: len(bt[t]) for t in TEMPLATES})
print(f"executed checks passed: {n}")
print("ERRORS:" if errors else "ALL CHECKS PASSED")
for x in errors: print("  " + x)
sys.exit(1 if errors else 0)
