"""Self-check of r108 replies.jsonl; writes its report to stdout (kept in check_report.txt)."""
import ast, json, collections, sys
PATH = "/work/corpus/replies/r108/replies.jsonl"
errors, notes = [], []
rows = []
for i, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        errors.append(f"line {i}: does not parse: {e}")
KEYS = {"id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"}
FAMS = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}
# sanity calls for candidate_code, keyed by id: (expression, expected value)
SANITY = {
    "r108-candidate_code-01": [("count_in_range([1, 3, 5, 7], 2, 6)", 2), ("count_in_range([], 0, 1)", 0)],
    "r108-candidate_code-02": [("reduce_fraction(6, -8)", (-3, 4)), ("reduce_fraction(0, 7)", (0, 1))],
    "r108-candidate_code-03": [("SortedBag([5, 1]).add(3)", [1, 3, 5])],
    "r108-candidate_code-04": [("dedent_lines(['  a', '', '    b'])", ['a', '', '  b'])],
    "r108-candidate_code-05": [("(lambda r: (r.add(1), r.add(3))[1])(RunningMedian())", 2.0)],
    "r108-candidate_code-06": [("MinHeap([3, 1, 2]).pop_all()", [1, 2, 3])],
}
def parses(src, what, rid):
    try:
        ast.parse(src)
        return True
    except SyntaxError as e:
        errors.append(f"{rid}: {what} is not valid Python: {e}")
        return False
seen = set()
codes = {}
for r in rows:
    rid = r.get("id", "?")
    miss = KEYS - set(r)
    if miss: errors.append(f"{rid}: missing keys {sorted(miss)}")
    if rid in seen: errors.append(f"{rid}: duplicate id")
    seen.add(rid)
    if r["family"] not in FAMS: errors.append(f"{rid}: unknown family {r['family']}")
    if r["mode"] not in ("text", "json_object"): errors.append(f"{rid}: bad mode")
    if r["finish_reason"] not in ("stop", "length"): errors.append(f"{rid}: bad finish_reason")
    if r["truncated"] != (r["finish_reason"] == "length"): errors.append(f"{rid}: truncated/finish_reason disagree")
    e = r["expected"]
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]:
        errors.append(f"{rid}: expected.truncated/usable disagree with top level")
    if "{{" in r["prompt"]: errors.append(f"{rid}: unfilled slot in prompt")
    t = r["template"]
    if not r["usable"]:
        continue
    if t == "concepts":
        for c in e["concepts"]:
            if set(c) != {"name", "keyphrase", "description", "examples", "difficulty"} or c["difficulty"] not in ("easy", "medium", "hard"):
                errors.append(f"{rid}: bad concept {c}")
            if c["keyphrase"] not in r["prompt"]: errors.append(f"{rid}: keyphrase {c['keyphrase']!r} not in prompt")
    elif t == "instructions":
        for it in e["instructions"]:
            if it["kind"] not in ("function", "class") or not it["text"]: errors.append(f"{rid}: bad instruction")
            if it["text"] not in r["reply"] and not r["mode"] == "json_object": errors.append(f"{rid}: instruction text not in reply")
    elif t == "signature":
        pre = "Function: " if e["kind"] == "function" else "Class: "
        if not e["line"].startswith(pre) or e["name"] not in e["line"]: errors.append(f"{rid}: bad signature line")
        if e["kind"] == "function":
            parses("def " + e["line"][len(pre):] + ": ...", "signature", rid)
        else:
            for part in e["line"][len(pre):].split("; ")[1:]:
                parses("def " + part + ": ...", "method signature", rid)
    elif t == "candidate_code":
        if parses(e["code"], "code", rid):
            ns = {}
            exec(e["code"], ns)
            codes[rid.rsplit("-", 1)[1]] = e["code"]
            for expr, want in SANITY.get(rid, []):
                got = eval(expr, ns)
                if got != want: errors.append(f"{rid}: sanity {expr} gave {got!r}, want {want!r}")
                else: notes.append(f"{rid}: sanity {expr} == {want!r} ok")
            if rid not in SANITY: errors.append(f"{rid}: no sanity call")
    elif t == "candidate_tests":
        for s in e["tests"]:
            if parses(s, "test", rid):
                node = ast.parse(s).body
                if len(node) != 1 or not isinstance(node[0], ast.Assert): errors.append(f"{rid}: not a single assert: {s}")
        if not isinstance(e.get("unusable_tests"), list): errors.append(f"{rid}: unusable_tests missing")
    elif t == "test_scenarios":
        if not all(isinstance(s, str) and s for s in e["scenarios"]): errors.append(f"{rid}: bad scenarios")
    elif t == "extract_entities":
        for c in e["claims"]:
            if c["kind"] not in ("value", "index", "comparison", "branch", "loop", "return") or not all(isinstance(c[k], str) for k in ("kind", "name", "value")):
                errors.append(f"{rid}: bad claim {c}")
    elif t in ("narrate_forward", "narrate_backward"):
        for k in ("code", "call", "returned"):
            if k not in r: errors.append(f"{rid}: missing {k}")
        ans = e["answer"]
        if not parses(ans, "answer", rid): continue
        want = ast.literal_eval(r["returned"])
        ns = {}
        exec(r["code"], ns)
        real = eval(r["call"], ns)
        if real != want: errors.append(f"{rid}: call {r['call']} gives {real!r}, returned says {want!r}")
        got = ast.literal_eval(ans) if t == "narrate_forward" else eval(ans, ns)
        if got != want or type(got) != type(want): errors.append(f"{rid}: answer {ans} gives {got!r}, want {want!r}")
        else: notes.append(f"{rid}: answer {ans} -> {got!r} ok")
    else:
        errors.append(f"{rid}: unknown template {t}")
# run usable candidate tests against the candidate_code of the same exercise (same NN)
for r in rows:
    if r["template"] == "candidate_tests" and r["usable"]:
        nn = r["id"].rsplit("-", 1)[1]
        ns = {}
        exec(codes[nn], ns)
        for s in r["expected"]["tests"]:
            try:
                exec(s, ns)
            except AssertionError:
                errors.append(f"{r['id']}: test fails against candidate_code-{nn}: {s}")
        notes.append(f"{r['id']}: {len(r['expected']['tests'])} tests pass against candidate_code-{nn}")
by_t = collections.defaultdict(list)
for r in rows: by_t[r["template"]].append(r)
for t, rs in sorted(by_t.items()):
    fams = {r["family"] for r in rs}
    if len(fams) < 5: errors.append(f"{t}: only {len(fams)} families")
    if len(rs) != 6: errors.append(f"{t}: {len(rs)} replies, want 6")
print(f"rows: {len(rows)}")
print("per template:", dict(collections.Counter(r["template"] for r in rows)))
print("per family:", dict(collections.Counter(r["family"] for r in rows)))
print("per mode:", dict(collections.Counter(r["mode"] for r in rows)))
print("truncated:", sum(r["truncated"] for r in rows), " unusable:", sum(not r["usable"] for r in rows))
for t, rs in sorted(by_t.items()):
    print(f"  {t}: families {sorted({r['family'] for r in rs})}")
for n in notes: print("ok:", n)
for e in errors: print("ERROR:", e)
print("RESULT:", "PASS" if not errors else f"FAIL ({len(errors)} errors)")
sys.exit(1 if errors else 0)
