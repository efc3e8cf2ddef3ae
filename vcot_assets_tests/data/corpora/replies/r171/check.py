"""Self-check for r171 replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, collections, sys, os
HERE = os.path.dirname(os.path.abspath(__file__))
rows = [json.loads(l) for l in open(os.path.join(HERE, "replies.jsonl"), encoding="utf-8")]
errs = []; ok = collections.Counter()
def err(r, m): errs.append(f"{r['id']}: {m}")
# sanity calls for candidate_code, by id: list of (expression, expected value)
SANITY = {
 "r171-candidate_code-01": [("is_min_heap([1, 3, 2, 7, 4])", True), ("is_min_heap([5, 3, 8])", False), ("is_min_heap([])", True)],
 "r171-candidate_code-02": [("run_lengths('aaabcc')", [('a', 3), ('b', 1), ('c', 2)]), ("run_lengths('')", [])],
 "r171-candidate_code-03": [("(lambda r: (r.add(1), r.add(4), r.add(2)))(RunningMedian())", (1.0, 2.5, 2.0))],
 "r171-candidate_code-04": [("continued_fraction(415, 93)", [4, 2, 6, 7]), ("continued_fraction(3, 8)", [0, 2, 1, 2])],
 "r171-candidate_code-05": [("(lambda t: [t.feed(3), t.feed(3), t.feed(4)])(RunTracker())", [1, 2, 1])],
}
# reference implementation for tests whose candidate_code reply has no usable code
REF_EXTRA = '''
def split_by_parity(nums):
    groups = []
    for n in nums:
        if groups and groups[-1][-1] % 2 == n % 2:
            groups[-1].append(n)
        else:
            groups.append([n])
    return groups
'''
refs = {}
exec(REF_EXTRA, refs)
KEYS = ["id","template","family","mode","prompt","reply","finish_reason","expected","truncated","usable","notes"]
ids = set()
for r in rows:
    for k in KEYS:
        if k not in r: err(r, f"missing {k}")
    if r["id"] in ids: err(r, "duplicate id")
    ids.add(r["id"])
    if "{{" in r["prompt"]: err(r, "unfilled slot in prompt")
    if r["mode"] not in ("text", "json_object"): err(r, "bad mode")
    if (r["finish_reason"] == "length") != r["truncated"]: err(r, "finish_reason/truncated mismatch")
    e = r["expected"]; t = r["template"]
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: err(r, "expected flags differ from top level")
    try:
        if t == "candidate_code":
            if r["usable"]:
                ast.parse(e["code"]); ns = {}; exec(e["code"], ns)
                if r["id"] not in SANITY: err(r, "no sanity call")
                for expr, want in SANITY.get(r["id"], []):
                    got = eval(expr, ns)
                    if got != want: err(r, f"sanity {expr} -> {got!r} != {want!r}")
                for k, v in ns.items():
                    if not k.startswith("__"): refs.setdefault(k, v)
        elif t == "candidate_tests":
            pass  # checked below, after all reference code is loaded
        elif t == "narrate_forward":
            if r["usable"]:
                ast.parse(e["answer"], mode="eval")
                if ast.literal_eval(e["answer"]) != ast.literal_eval(r["returned"]): err(r, "answer != returned")
            for k in ("code", "call", "returned"):
                if k not in r: err(r, f"missing {k}")
            ns = {}; exec(r["code"], ns)
            if repr(eval(r["call"], ns)) != r["returned"]: err(r, "call does not give returned")
        elif t == "narrate_backward":
            ns = {}; exec(r["code"], ns)
            if repr(eval(r["call"], ns)) != r["returned"]: err(r, "call does not give returned")
            if r["usable"]:
                ast.parse(e["answer"], mode="eval")
                if repr(eval(e["answer"], ns)) != r["returned"]: err(r, "answer call does not give returned")
        elif t == "signature":
            assert e["kind"] in ("function", "class")
            pre = "Function: " if e["kind"] == "function" else "Class: "
            if not e["line"].startswith(pre + e["name"]): err(r, "line/name/kind mismatch")
            if e["kind"] == "function": ast.parse("def " + e["line"][len(pre):] + ": pass")
            else:
                for part in e["line"].split("; ")[1:]: ast.parse("def " + part + ": pass")
        elif t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name","keyphrase","description","examples","difficulty"}, c
                assert c["difficulty"] in ("easy","medium","hard") and len(c["examples"]) == 2
                if c["keyphrase"] not in r["prompt"]: err(r, f"keyphrase {c['keyphrase']!r} not in prompt")
        elif t == "instructions":
            for i in e["instructions"]:
                assert set(i) == {"kind","text"} and i["kind"] in ("function","class")
                if i["text"] not in r["reply"]: err(r, "instruction text not verbatim in reply")
        elif t == "test_scenarios":
            assert all(isinstance(s, str) and s for s in e["scenarios"])
        elif t == "extract_entities":
            for c in e["claims"]:
                assert set(c) == {"kind","name","value"} and all(isinstance(v, str) for v in c.values()), c
                assert c["kind"] in ("value","index","comparison","branch","loop","return")
        if r["usable"] and t not in ("candidate_code",) and not any(v for k, v in e.items() if k not in ("truncated","usable")):
            err(r, "usable but nothing expected")
        ok[t] += 1
    except Exception as ex:
        err(r, f"{type(ex).__name__}: {ex}")
# tests: parse, and run each against the reference code from candidate_code replies
for r in rows:
    if r["template"] != "candidate_tests": continue
    for tst in r["expected"]["tests"]:
        try:
            ast.parse(tst)
            exec(tst, dict(refs))
        except AssertionError: err(r, f"test fails on reference: {tst}")
        except Exception as ex: err(r, f"test {tst!r}: {type(ex).__name__}: {ex}")
    for u in r["expected"].get("unusable_tests", []):
        if u["test"] not in r["reply"]: err(r, f"unusable test {u['test']} not in reply")
# distribution
by_t = collections.Counter(r["template"] for r in rows)
fam = collections.defaultdict(set)
for r in rows: fam[r["template"]].add(r["family"])
for t, n in by_t.items():
    if n != 6: errs.append(f"{t}: {n} replies, want 6")
    if len(fam[t]) < 5: errs.append(f"{t}: only {len(fam[t])} families")
if len(by_t) != 9: errs.append(f"{len(by_t)} templates, want 9")
print(f"rows: {len(rows)}")
print("per template:", dict(sorted(by_t.items())))
print("per family:", dict(sorted(collections.Counter(r['family'] for r in rows).items())))
print("per mode:", dict(collections.Counter(r['mode'] for r in rows)))
print("truncated:", sum(r["truncated"] for r in rows), " unusable:", sum(not r["usable"] for r in rows))
print("families per template:", {t: len(s) for t, s in sorted(fam.items())})
print(f"errors: {len(errs)}")
for x in errs: print("  " + x)
print("RESULT:", "PASS" if not errs else "FAIL")
sys.exit(1 if errs else 0)
