"""Self-check for r58 replies.jsonl. Writes nothing; print output is saved to check_report.txt."""
import ast, json, sys, collections
PATH = "/work/corpus/replies/r58/replies.jsonl"
TEMPLATES = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios",
             "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"]
FAMS = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}
# sanity calls for candidate_code (call, expected)
SANITY = {
 "r58-candidate_code-01": [("median_of([3, 1, 2])", 2.0), ("median_of([4, 1, 3, 2])", 2.5)],
 "r58-candidate_code-02": [("run_length('aaabcc')", [('a', 3), ('b', 1), ('c', 2)]), ("run_length('')", [])],
 "r58-candidate_code-03": [("RangeSum([4, 1, 2]).query(1, 2)", 3), ("RangeSum([-3, 5, -1]).query(0, 2)", 1)],
 "r58-candidate_code-04": [("insertion_index([1, 2, 2, 2, 3], 2)", 4), ("insertion_index([], 5)", 0)],
 "r58-candidate_code-05": [("StepCounter(2).count_steps([1, 3, 5, 7])", 3), ("StepCounter(2).count_steps([5, 3])", 1)],
}
# reference implementations to run candidate_tests' expected asserts against
REF = {
 "median_of": "r58-candidate_code-01", "run_length": "r58-candidate_code-02", "RangeSum": "r58-candidate_code-03",
 "insertion_index": "r58-candidate_code-04", "StepCounter": "r58-candidate_code-05",
}
REF_EXTRA = "def collapse_runs(xs):\n    out = []\n    for x in xs:\n        if not out or out[-1] != x:\n            out.append(x)\n    return out\n"
errors = []; rows = []
def err(i, m): errors.append(f"{i}: {m}")
for n, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try: rows.append(json.loads(line))
    except Exception as e: err(f"line {n}", f"bad JSON {e}")
ids = [r["id"] for r in rows]
if len(set(ids)) != len(ids): err("file", "duplicate ids")
code_by_id = {r["id"]: r["expected"].get("code") for r in rows if r["template"] == "candidate_code"}
ref_ns = {}
for rid in REF.values(): exec(code_by_id[rid], ref_ns)
exec(REF_EXTRA, ref_ns)
for r in rows:
    i = r["id"]; e = r["expected"]; t = r["template"]
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: err(i, f"missing {k}")
    if t not in TEMPLATES: err(i, "bad template")
    if r["family"] not in FAMS: err(i, "bad family")
    if r["mode"] not in ("text", "json_object"): err(i, "bad mode")
    if "{{" in r["prompt"]: err(i, "unfilled slot in prompt")
    if (r["finish_reason"] == "length") != r["truncated"]: err(i, "finish_reason/truncated mismatch")
    if r["mode"] == "json_object" and r["usable"] and not r["truncated"]:
        try: json.loads(r["reply"])
        except Exception: err(i, "json_object reply not JSON")
    if r["family"] == "deepseek-r1-distill" and r["usable"] and not r["reply"].startswith("<think>"): err(i, "r1 without think")
    if t == "concepts":
        for c in e["concepts"]:
            if set(c) != {"name", "keyphrase", "description", "examples", "difficulty"} or c["difficulty"] not in ("easy", "medium", "hard"): err(i, "concept shape")
            if c["keyphrase"] not in r["prompt"]: err(i, f"keyphrase {c['keyphrase']} not in prompt")
            if c["name"] not in r["reply"]: err(i, f"concept name not in reply")
    elif t == "instructions":
        for x in e["instructions"]:
            if x["kind"] not in ("function", "class"): err(i, "kind")
            if x["text"] not in r["reply"]: err(i, "instruction text not verbatim in reply")
    elif t == "signature":
        ln = e["line"]
        if not ln.startswith({"function": "Function: ", "class": "Class: "}[e["kind"]]) or e["name"] not in ln: err(i, "signature shape")
        if e["kind"] == "function":
            try: ast.parse("def " + ln[len("Function: "):] + ": pass")
            except SyntaxError: err(i, "signature line not parseable")
        else:
            parts = ln[len("Class: "):].split("; ")
            src = f"class {parts[0]}:\n" + "".join(f"    def {p}: pass\n" for p in parts[1:])
            try: ast.parse(src)
            except SyntaxError: err(i, "class signature not parseable")
    elif t == "candidate_code":
        try: ast.parse(e["code"])
        except SyntaxError: err(i, "code does not parse")
        if r["usable"]:
            if e["code"] not in r["reply"] and json.dumps(e["code"]) not in r["reply"]: err(i, "code not verbatim in reply")
            ns = {}; exec(e["code"], ns)
            calls = SANITY.get(i)
            if not calls: err(i, "no sanity call")
            for call, want in calls or []:
                got = eval(call, ns)
                if got != want: err(i, f"sanity {call} -> {got!r} != {want!r}")
    elif t == "test_scenarios":
        for s in e["scenarios"]:
            if s not in r["reply"]: err(i, "scenario not verbatim in reply")
    elif t == "candidate_tests":
        for a in e["tests"]:
            try: tree = ast.parse(a)
            except SyntaxError: err(i, f"test does not parse: {a}"); continue
            if not (len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert)): err(i, "not a single assert")
            if a not in r["reply"] and a.replace('"', '\\"') not in r["reply"]: err(i, f"assert not verbatim: {a}")
            try: exec(a, dict(ref_ns))
            except AssertionError: err(i, f"assert fails on reference: {a}")
        for u in e.get("unusable_tests", []):
            if not isinstance(u, str): err(i, "unusable reason")
    elif t == "extract_entities":
        for c in e["claims"]:
            if c["kind"] not in ("value", "index", "comparison", "branch", "loop", "return") or not all(isinstance(c[k], str) for k in ("kind", "name", "value")): err(i, "claim shape")
    elif t in ("narrate_forward", "narrate_backward"):
        for k in ("code", "call", "returned"):
            if k not in r: err(i, f"missing {k}")
        ns = {}; exec(r["code"], ns)
        real = eval(r["call"], ns)
        if repr(real) != r["returned"]: err(i, f"call gives {real!r}, recorded {r['returned']}")
        if r["code"].rstrip("\n") not in r["prompt"]: err(i, "code not in prompt")
        a = e.get("answer")
        if r["usable"]:
            try: ast.parse(a, mode="eval")
            except Exception: err(i, "answer does not parse"); continue
            if t == "narrate_forward":
                if repr(eval(a)) != r["returned"]: err(i, f"answer {a} != returned {r['returned']}")
            else:
                if repr(eval(a, dict(ns))) != r["returned"]: err(i, f"call {a} does not give {r['returned']}")
        elif a is not None: err(i, "unusable with answer")
    if not r["usable"] and r["template"] != "candidate_code":
        vals = [v for v in e.values()]
        if any(v for v in vals): err(i, "unusable but expected has items")
# counts
c = collections.Counter
print("rows:", len(rows))
print("per template:", dict(c(r["template"] for r in rows)))
print("per family:", dict(c(r["family"] for r in rows)))
print("per mode:", dict(c(r["mode"] for r in rows)))
print("truncated:", sum(r["truncated"] for r in rows), "unusable:", sum(not r["usable"] for r in rows))
for t in TEMPLATES:
    fams = {r["family"] for r in rows if r["template"] == t}
    if len(fams) < 5: err(t, f"only {len(fams)} families")
print("errors:", len(errors))
for x in errors: print("  ", x)
print("PASS" if not errors else "FAIL")
sys.exit(1 if errors else 0)
