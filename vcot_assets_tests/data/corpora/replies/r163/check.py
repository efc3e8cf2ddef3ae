"""Self-check for r163 replies.jsonl (run: python3 check.py > check_report.txt)."""
import ast, json, collections, sys
PATH = "/work/corpus/replies/r163/replies.jsonl"
TEMPLATES = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios", "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"]
FAMS = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}
SANITY = {  # id -> (expression, expected value)
    "r163-candidate_code-01": ("is_min_heap([1, 2, 3]) and not is_min_heap([2, 1])", True),
    "r163-candidate_code-02": ("grade_band(75, [60, 70, 80], ['F', 'D', 'C', 'B'])", "C"),
    "r163-candidate_code-03": ("(lambda a: (a.add(3), a.add(4))[1])(Accumulator())", 7),
    "r163-candidate_code-04": ("compress_runs('aab')", [("a", 2), ("b", 1)]),
    "r163-candidate_code-05": ("(lambda m: (m.add(1), m.add(3))[1])(MedianTracker())", 2.0),
}
errors = []
def err(i, m): errors.append(f"{i}: {m}")
recs = []
for n, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try:
        recs.append(json.loads(line))
    except Exception as e:
        err(f"line {n}", f"does not parse: {e}")
ids = collections.Counter(r["id"] for r in recs)
for i, c in ids.items():
    if c > 1: err(i, "duplicate id")
for r in recs:
    i, t, e = r["id"], r["template"], r["expected"]
    for k in ("prompt", "reply", "finish_reason", "truncated", "usable", "notes", "mode", "family"):
        if k not in r: err(i, f"missing {k}")
    if t not in TEMPLATES: err(i, "bad template")
    if r["family"] not in FAMS: err(i, "bad family")
    if r["mode"] not in ("text", "json_object"): err(i, "bad mode")
    if "{{" in r["prompt"]: err(i, "unfilled slot in prompt")
    if r["truncated"] != (r["finish_reason"] == "length"): err(i, "truncated/finish_reason mismatch")
    if r["family"] == "deepseek-r1-distill" and r["mode"] == "text" and not r["reply"].lstrip().startswith("<think>"): err(i, "reasoning reply without <think>")
    if r["mode"] == "json_object" and not r["truncated"] and r["usable"]:
        try: json.loads(r["reply"])
        except Exception as ex: err(i, f"json_object reply not JSON: {ex}")
    if not r["usable"]:
        continue
    try:
        if t == "candidate_code":
            ast.parse(e["code"])
            ns = {}
            exec(e["code"], ns)
            expr, want = SANITY[i]
            got = eval(expr, ns)
            if got != want: err(i, f"sanity {expr} -> {got!r} != {want!r}")
        elif t == "candidate_tests":
            for s in e["tests"]:
                tree = ast.parse(s)
                if not (len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert)): err(i, f"not a single assert: {s}")
                if s not in r["reply"].replace('\\"', '"'): err(i, f"test not verbatim in reply: {s}")
        elif t == "narrate_forward":
            ast.parse(e["answer"], mode="eval")
            if eval(e["answer"]) != eval(r["returned"]): err(i, "answer != returned")
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval")
            ns = {}
            exec(r["code"], ns)
            if eval(e["answer"], ns) != eval(r["returned"]): err(i, "answer call does not return returned")
        elif t == "concepts":
            for c in e["concepts"]:
                if set(c) != {"name", "keyphrase", "description", "examples", "difficulty"}: err(i, "concept keys")
                if c["difficulty"] not in ("easy", "medium", "hard"): err(i, "difficulty")
            if not e["concepts"]: err(i, "usable but no concepts")
        elif t == "instructions":
            for x in e["instructions"]:
                if x["kind"] not in ("function", "class"): err(i, "kind")
            if not e["instructions"]: err(i, "empty")
        elif t == "signature":
            pre = "Function: " if e["kind"] == "function" else "Class: "
            if not e["line"].startswith(pre + e["name"]): err(i, "line/name mismatch")
            if e["kind"] == "function":
                ast.parse("def " + e["line"][len(pre):] + ": pass")
            else:
                for part in e["line"].split("; ")[1:]:
                    ast.parse("def " + part + ": pass")
        elif t == "test_scenarios":
            if not e["scenarios"]: err(i, "empty")
        elif t == "extract_entities":
            for c in e["claims"]:
                if not all(isinstance(c[k], str) for k in ("kind", "name", "value")): err(i, "claim values must be strings")
                if c["kind"] not in ("value", "index", "comparison", "branch", "loop", "return"): err(i, "claim kind")
    except Exception as ex:
        err(i, f"{type(ex).__name__}: {ex}")
print(f"records: {len(recs)}")
per_t = collections.Counter(r["template"] for r in recs)
for t in TEMPLATES:
    fams = {r["family"] for r in recs if r["template"] == t}
    print(f"  {t}: {per_t[t]} replies, {len(fams)} families")
    if per_t[t] != 6: err(t, "not 6 replies")
    if len(fams) < 5: err(t, "fewer than 5 families")
print("families:", dict(collections.Counter(r["family"] for r in recs)))
print("modes:", dict(collections.Counter(r["mode"] for r in recs)))
print("truncated:", sum(r["truncated"] for r in recs), " unusable:", sum(not r["usable"] for r in recs))
print("errors:", len(errors))
for x in errors: print("  " + x)
print("PASS" if not errors else "FAIL")
sys.exit(1 if errors else 0)
