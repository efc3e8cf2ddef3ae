"""Self-check for r134 replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, collections, sys
PATH = "/work/corpus/replies/r134/replies.jsonl"
FAMS = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}
TPLS = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios", "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"]
KEYS = {"id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"}
# sanity calls for candidate_code, keyed by the function/class the code defines
SANITY = {
    "is_min_heap": [("is_min_heap([1, 3, 2])", True), ("is_min_heap([3, 1])", False), ("is_min_heap([])", True)],
    "run_lengths": [("run_lengths('aaabcc')", [('a', 3), ('b', 1), ('c', 2)]), ("run_lengths('')", [])],
    "count_in_range": [("count_in_range([1, 2, 2, 5, 9], 2, 5)", 3), ("count_in_range([], 0, 1)", 0)],
    "SortedBag": [("SortedBag([5, 1, 3]).rank(4)", 2), ("(lambda b: (b.add(0), b.rank(1))[1])(SortedBag([2]))", 1)],
    "MinHeap": [("MinHeap([5, 2, 8]).pop()", 2), ("MinHeap().pop()", None), ("(lambda h: (h.push(1), h.pop())[1])(MinHeap([3]))", 1)],
    "RunningMedian": [("RunningMedian().median()", None), ("(lambda r: (r.add(3), r.add(1), r.median())[2])(RunningMedian())", 2.0)],
}
errors, ok = [], 0
rows = []
codes = {}  # defined name -> namespace from candidate_code, used to run candidate_tests
for n, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try:
        r = json.loads(line)
    except Exception as e:
        errors.append(f"line {n}: does not parse: {e}"); continue
    rows.append(r)
def err(r, m): errors.append(f"{r.get('id')}: {m}")
ids = collections.Counter(r["id"] for r in rows)
for i, c in ids.items():
    if c > 1: errors.append(f"duplicate id {i}")
for r in rows:
    miss = KEYS - set(r)
    if miss: err(r, f"missing keys {miss}")
    t, e = r["template"], r["expected"]
    if t not in TPLS: err(r, "bad template")
    if r["family"] not in FAMS: err(r, "bad family")
    if r["mode"] not in ("text", "json_object"): err(r, "bad mode")
    if (r["finish_reason"] == "length") != r["truncated"]: err(r, "finish_reason/truncated mismatch")
    if "{{" in r["prompt"]: err(r, "unfilled slot in prompt")
    if f"Task: {t}" not in r["prompt"]: err(r, "prompt is not this template")
    if not r["id"].startswith(f"r134-{t}-"): err(r, "id format")
    if r["mode"] == "json_object" and r["usable"]:
        try: json.loads(r["reply"])
        except Exception: err(r, "json_object reply is not bare JSON")
    try:
        if t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard") and len(c["examples"]) == 2
                assert c["keyphrase"].lower() in r["prompt"].lower(), "keyphrase not in prompt"
        elif t == "instructions":
            for it in e["instructions"]:
                assert it["kind"] in ("function", "class") and it["text"]
                assert it["text"] in r["reply"] or not r["mode"] == "text", "statement text not in reply"
        elif t == "signature":
            assert e["kind"] in ("function", "class")
            assert e["line"].startswith("Function: " if e["kind"] == "function" else "Class: ")
            assert e["name"] in e["line"]
            if e["kind"] == "function":
                ast.parse("def " + e["line"][len("Function: "):] + ": pass")
            else:
                for m in e["line"].split("; ")[1:]:
                    ast.parse("def " + m + ": pass")
        elif t == "candidate_code":
            ns = {}
            exec(compile(e["code"], r["id"], "exec"), ns)
            names = [k for k in SANITY if k in ns]
            assert names, "no sanity calls for this code"
            for nm in names:
                for call, want in SANITY[nm]:
                    got = eval(call, ns)
                    assert got == want, f"sanity {call} -> {got!r}, want {want!r}"
                codes[nm] = ns
        elif t == "test_scenarios":
            assert all(isinstance(s, str) and s for s in e["scenarios"])
        elif t == "candidate_tests":
            for tt in e["tests"]:
                mod = ast.parse(tt)
                assert len(mod.body) == 1 and isinstance(mod.body[0], ast.Assert), tt
                assert tt in r["reply"], "test not verbatim in reply"
            assert isinstance(e.get("unusable_tests", []), list)
        elif t == "extract_entities":
            for c in e["claims"]:
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return")
                assert all(isinstance(c[k], str) for k in ("kind", "name", "value"))
        elif t in ("narrate_forward", "narrate_backward"):
            for k in ("code", "call", "returned"): assert k in r, f"missing {k}"
            ns = {}; exec(r["code"], ns)
            assert repr(eval(r["call"], ns)) == r["returned"], "call does not give returned"
            if r["usable"]:
                a = e["answer"]; ast.parse(a, mode="eval")
                if t == "narrate_forward":
                    assert repr(eval(a)) == r["returned"], f"answer {a} != {r['returned']}"
                else:
                    assert repr(eval(a, ns)) == r["returned"], f"call {a} does not give {r['returned']}"
            else:
                assert e["answer"] is None
    except Exception as ex:
        err(r, f"{type(ex).__name__}: {ex}"); continue
    ok += 1
# run usable candidate_tests against the candidate_code implementations
test_runs = 0
for r in rows:
    if r["template"] != "candidate_tests": continue
    for tt in r["expected"]["tests"]:
        nm = next((k for k in codes if k + "(" in tt), None)
        if nm is None: err(r, f"no implementation for {tt}"); continue
        try: exec(tt, dict(codes[nm])); test_runs += 1
        except Exception as ex: err(r, f"test fails on reference: {tt}: {ex!r}")
# summary
by_t = collections.defaultdict(collections.Counter)
for r in rows: by_t[r["template"]][r["family"]] += 1
print(f"rows: {len(rows)}; rows passing per-row checks: {ok}; candidate_tests asserts run against reference code: {test_runs}")
for t in TPLS:
    fams = by_t[t]
    flag = "" if sum(fams.values()) == 6 and len(fams) >= 5 else "  <-- needs 6 replies over >=5 families"
    if flag: errors.append(f"{t}: count/family spread")
    print(f"{t:18s} n={sum(fams.values())} families={len(fams)} {dict(fams)}{flag}")
print("families:", dict(collections.Counter(r["family"] for r in rows)))
print("modes:", dict(collections.Counter(r["mode"] for r in rows)))
print("truncated:", sum(r["truncated"] for r in rows), " unusable:", sum(not r["usable"] for r in rows))
print("ERRORS:" if errors else "ALL CHECKS PASS")
for x in errors: print("  " + x)
sys.exit(1 if errors else 0)
