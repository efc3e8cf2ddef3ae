"""Self-check for r67 replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, collections, sys
PATH = '/work/corpus/replies/r67/replies.jsonl'
REQ = ["id","template","family","mode","prompt","reply","finish_reason","expected","truncated","usable","notes"]
SANITY = {  # candidate_code id -> list of (call, expected value)
 "r67-candidate_code-01": [("is_min_heap([1, 3, 2, 7, 4])", True), ("is_min_heap([1, 3, 0])", False)],
 "r67-candidate_code-02": [("reduce_fraction(6, -8)", (-3, 4)), ("reduce_fraction(0, 5)", (0, 1))],
 "r67-candidate_code-03": [("(lambda r: (r.add(2), r.add(5), r.add(5), r.mode()))(RunningMode())[-1]", 5), ("RunningMode().mode()", None)],
 "r67-candidate_code-04": [('dedent_lines("  a\\n    b")', "a\n  b"), ('dedent_lines("  a\\n   \\n  b")', "a\n\nb")],
 "r67-candidate_code-05": [("similarity('abcd', 'ab')", 0.667), ("similarity('', '')", 1.0)],
}
# candidate_tests id -> candidate_code id whose code the usable tests are run against
TESTS_AGAINST = {"r67-candidate_tests-01": "r67-candidate_code-01", "r67-candidate_tests-02": "r67-candidate_code-02",
                 "r67-candidate_tests-03": "r67-candidate_code-03", "r67-candidate_tests-04": "r67-candidate_code-05",
                 "r67-candidate_tests-05": "r67-candidate_code-04", "r67-candidate_tests-06": "r67-candidate_code-01"}
errors = []; rows = []
def err(i, m): errors.append(f"{i}: {m}")
for n, line in enumerate(open(PATH, encoding='utf-8'), 1):
    try: rows.append(json.loads(line))
    except Exception as e: err(f"line {n}", f"bad json {e}")
byid = {r["id"]: r for r in rows}
if len(byid) != len(rows): err("file", "duplicate ids")
for r in rows:
    i = r["id"]; e = r["expected"]; t = r["template"]
    for k in REQ:
        if k not in r: err(i, f"missing {k}")
    if "{{" in r["prompt"]: err(i, "unfilled slot in prompt")
    if r["truncated"] != (r["finish_reason"] == "length"): err(i, "truncated/finish_reason mismatch")
    if r["mode"] == "json_object":
        try: json.loads(r["reply"])
        except Exception as ex: err(i, f"json_object reply not json: {ex}")
    if not r["usable"]: continue
    try:
        if t == "candidate_code":
            ast.parse(e["code"]); ns = {}; exec(e["code"], ns)
            calls = SANITY.get(i)
            if not calls: err(i, "no sanity call")
            for c, want in calls or []:
                got = eval(c, ns)
                if got != want: err(i, f"sanity {c} -> {got!r}, want {want!r}")
            if e["code"] not in r["reply"] and r["mode"] != "json_object": err(i, "code not verbatim in reply")
        elif t == "candidate_tests":
            ns = {}; exec(byid[TESTS_AGAINST[i]]["expected"]["code"], ns)
            for s in e["tests"]:
                ast.parse(s)
                if s not in r["reply"] and r["mode"] != "json_object": err(i, f"test not verbatim: {s}")
                exec(s, dict(ns))
        elif t == "narrate_forward":
            ast.parse(e["answer"])
            if eval(e["answer"]) != eval(r["returned"]): err(i, "forward answer != returned")
        elif t == "narrate_backward":
            ast.parse(e["answer"]); ns = {}; exec(r["code"], ns)
            if eval(e["answer"], ns) != eval(r["returned"]): err(i, "backward answer does not give returned")
        elif t == "signature":
            kind, name, ln = e["kind"], e["name"], e["line"]
            pre = "Function: " if kind == "function" else "Class: "
            if not ln.startswith(pre + name): err(i, "signature line/name mismatch")
            if kind == "function": ast.parse("def " + ln[len(pre):] + ": pass")
            else:
                for part in ln.split("; ")[1:]: ast.parse("def " + part + ": pass")
        elif t == "concepts":
            if not e["concepts"]: err(i, "no concepts")
            for c in e["concepts"]:
                if set(c) != {"name","keyphrase","description","examples","difficulty"}: err(i, "concept keys")
        elif t == "instructions":
            for x in e["instructions"]:
                if x["kind"] not in ("function","class"): err(i, "bad kind")
        elif t == "test_scenarios":
            if not e["scenarios"]: err(i, "no scenarios")
        elif t == "extract_entities":
            for c in e["claims"]:
                if not all(isinstance(c[k], str) for k in ("kind","name","value")): err(i, "claim values must be strings")
    except Exception as ex:
        err(i, f"exception {type(ex).__name__}: {ex}")
def count(key): return dict(sorted(collections.Counter(key(r) for r in rows).items()))
print("rows:", len(rows))
print("per template:", count(lambda r: r["template"]))
print("per family:", count(lambda r: r["family"]))
print("per mode:", count(lambda r: r["mode"]))
print("truncated:", sum(r["truncated"] for r in rows), " unusable:", sum(not r["usable"] for r in rows))
fams = collections.defaultdict(set)
for r in rows: fams[r["template"]].add(r["family"])
for t, f in sorted(fams.items()):
    if len(f) < 5: err(t, f"only {len(f)} families")
print("families per template:", {t: len(f) for t, f in sorted(fams.items())})
print("errors:", len(errors))
for x in errors: print("  ", x)
print("PASS" if not errors else "FAIL")
sys.exit(1 if errors else 0)
