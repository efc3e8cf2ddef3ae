"""Self-check for r34 replies.jsonl. Usage: python3 check.py > check_report.txt"""
import ast, json, sys, collections
SANITY = {
 "r34-candidate_code-01": "run_length_encode('aaabcc') == [('a', 3), ('b', 1), ('c', 2)]",
 "r34-candidate_code-02": "parse_hex('1f') == 31 and parse_hex('FF') == 255",
 "r34-candidate_code-03": "RunGrouper([1, 1, 2, 3, 3, 3]).groups() == [[1, 1], [2], [3, 3, 3]]",
 "r34-candidate_code-04": "median_of_lengths(['a', 'abc', 'ab', 'abcd']) == 2.5 and median_of_lengths([]) == 0.0",
 "r34-candidate_code-06": "harmonic_mean([2.0, 2.0]) == 2.0",
}
KEYS = {"id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"}
errs, n = [], 0
cnt = collections.Counter(); fam = collections.defaultdict(set)
for ln, line in enumerate(open("replies.jsonl"), 1):
    try:
        d = json.loads(line)
    except Exception as e:
        errs.append(f"line {ln}: bad JSON {e}"); continue
    n += 1; i = d["id"]; t = d["template"]; e = d["expected"]
    cnt[t] += 1; fam[t].add(d["family"])
    def bad(m): errs.append(f"{i}: {m}")
    if KEYS - d.keys(): bad(f"missing {KEYS - d.keys()}")
    if "{{" in d["prompt"]: bad("unrendered slot in prompt")
    if e.get("truncated") != d["truncated"] or e.get("usable") != d["usable"]: bad("truncated/usable mismatch")
    if (d["finish_reason"] == "length") != d["truncated"]: bad("finish_reason vs truncated")
    if d["mode"] not in ("text", "json_object"): bad("mode")
    if d["mode"] == "json_object":
        try: json.loads(d["reply"])
        except Exception: bad("json_object reply is not JSON")
    if not d["usable"]: continue
    try:
        if t == "candidate_code":
            ast.parse(e["code"]); g = {}; exec(e["code"], g)
            if i not in SANITY or not eval(SANITY[i], g): bad("sanity call failed/missing")
        elif t == "candidate_tests":
            for s in e["tests"]:
                tree = ast.parse(s)
                if not (len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert)): bad(f"not one assert: {s}")
        elif t == "narrate_forward":
            ast.parse(e["answer"], mode="eval")
            if eval(e["answer"]) != eval(d["returned"]): bad("answer != returned")
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval"); g = {}; exec(d["code"], g)
            if eval(e["answer"], g) != eval(d["returned"]): bad("call does not give returned")
            if eval(d["call"], g) != eval(d["returned"]): bad("recorded call does not give returned")
        elif t == "signature":
            assert e["line"].startswith(("Function: ", "Class: ")) and e["name"] in e["line"]
        elif t == "concepts":
            for c in e["concepts"]: assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}
        elif t == "instructions":
            for c in e["instructions"]: assert c["kind"] in ("function", "class") and c["text"]
        elif t == "extract_entities":
            for c in e["claims"]: assert all(isinstance(c[k], str) for k in ("kind", "name", "value"))
        elif t == "test_scenarios":
            assert all(isinstance(s, str) and s for s in e["scenarios"])
    except Exception as ex:
        bad(f"{type(ex).__name__}: {ex}")
print(f"lines: {n}")
for t in sorted(cnt): print(f"  {t}: {cnt[t]} replies, {len(fam[t])} families")
for t in cnt:
    if len(fam[t]) < 5: errs.append(f"{t}: only {len(fam[t])} families")
print("errors:", len(errs)); [print("  " + x) for x in errs]
print("PASS" if not errs else "FAIL")
sys.exit(1 if errs else 0)
