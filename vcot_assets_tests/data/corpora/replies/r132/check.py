"""Self-check of replies.jsonl (r132). Run: python3 check.py > check_report.txt"""
import ast, json, collections, sys
PATH = "/work/corpus/replies/r132/replies.jsonl"
TEMPLATES = {"concepts","instructions","signature","candidate_code","test_scenarios","candidate_tests","extract_entities","narrate_forward","narrate_backward"}
SANITY = {  # candidate_code id -> (call, expected)
    "r132-candidate_code-01": [("median_of([3, 1, 2])", 2.0), ("median_of([4, 1, 3, 2])", 2.5)],
    "r132-candidate_code-02": [("runs('aabccc')", ["aa", "b", "ccc"]), ("runs('')", [])],
    "r132-candidate_code-03": [("(lambda b: (b.push(1), b.push(2), b.push(3), b.items())[-1])(BoundedBuffer(2))", [2, 3])],
    "r132-candidate_code-04": [("reduce_fraction(6, -8)", (-3, 4)), ("reduce_fraction(0, 5)", (0, 1))],
    "r132-candidate_code-05": [("(lambda t: (t.add('a'), t.add('a'))[-1])(Tally())", 2)],
}
GROUP_REF = """
def group_by_parity(nums):
    out = []
    for x in nums:
        if out and out[-1][-1] % 2 == x % 2:
            out[-1].append(x)
        else:
            out.append([x])
    return out
"""
errors = []
warnings = []
def err(rid, msg): errors.append(f"{rid}: {msg}")
rows = []
for n, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        err(f"line {n}", f"does not parse: {e}")
ids = set()
for r in rows:
    rid = r.get("id")
    for k in ("id","template","family","mode","prompt","reply","finish_reason","expected","truncated","usable","notes"):
        if k not in r: err(rid, f"missing {k}")
    if rid in ids: err(rid, "duplicate id")
    ids.add(rid)
    t, e = r["template"], r["expected"]
    if t not in TEMPLATES: err(rid, "bad template")
    if "{{" in r["prompt"]: err(rid, "unfilled slot in prompt")
    if r["mode"] not in ("text","json_object"): err(rid, "bad mode")
    if r["finish_reason"] not in ("stop","length"): err(rid, "bad finish_reason")
    if r["truncated"] != (r["finish_reason"] == "length"): err(rid, "truncated/finish_reason mismatch")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: err(rid, "expected flags differ")
    if r["mode"] == "json_object" and r["finish_reason"] == "stop":
        try: json.loads(r["reply"])
        except Exception as ex:
            import re as _re
            try:
                json.loads(_re.sub(r",\s*([\]}])", r"\1", r["reply"]))
                warnings.append(f"{rid}: json_object reply has trailing commas (deliberate, lenient parse ok)")
            except Exception:
                err(rid, f"json_object reply is not JSON even leniently: {ex}")
    if not r["usable"]:
        continue
    try:
        if t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name","keyphrase","description","examples","difficulty"}, c
                assert c["difficulty"] in ("easy","medium","hard")
                assert c["keyphrase"] in r["prompt"], c["keyphrase"]
        elif t == "instructions":
            for i in e["instructions"]:
                assert i["kind"] in ("function","class") and i["text"]
        elif t == "signature":
            assert e["kind"] in ("function","class")
            assert e["line"].startswith("Function: " if e["kind"] == "function" else "Class: ")
            if e["kind"] == "function":
                ast.parse("def " + e["line"][len("Function: "):] + ": pass")
            else:
                parts = e["line"][len("Class: "):].split("; ")
                assert parts[0] == e["name"]
                ast.parse("class X:\n" + "".join(f"    def {p}: pass\n" for p in parts[1:]))
            assert e["name"] in e["line"]
        elif t == "candidate_code":
            ast.parse(e["code"])
            ns = {}
            exec(e["code"], ns)
            for call, want in SANITY[rid]:
                got = eval(call, ns)
                assert got == want, (call, got, want)
        elif t == "test_scenarios":
            assert all(isinstance(s, str) and s for s in e["scenarios"])
        elif t == "candidate_tests":
            ns = {}
            for cid in SANITY: exec(next(x for x in rows if x["id"] == cid)["expected"]["code"], ns)
            exec(GROUP_REF, ns)
            for s in e["tests"]:
                tree = ast.parse(s)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert), s
                exec(s, dict(ns))  # the test's expected value is right for the reference solution
        elif t == "extract_entities":
            for c in e["claims"]:
                assert c["kind"] in ("value","index","comparison","branch","loop","return")
                assert isinstance(c["value"], str) and isinstance(c["name"], str)
        elif t == "narrate_forward":
            ast.parse(e["answer"], mode="eval")
            assert eval(e["answer"]) == eval(r["returned"]), (e["answer"], r["returned"])
            ns = {}; exec(r["code"], ns)
            assert eval(r["call"], ns) == eval(r["returned"])
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval")
            ns = {}; exec(r["code"], ns)
            assert eval(e["answer"], ns) == eval(r["returned"]), (e["answer"], r["returned"])
    except Exception as ex:
        err(rid, f"{type(ex).__name__}: {ex}")

print(f"rows: {len(rows)}")
for key in ("template","family","mode"):
    print(f"per {key}: {dict(collections.Counter(r[key] for r in rows))}")
print(f"truncated: {sum(r['truncated'] for r in rows)}  unusable: {sum(not r['usable'] for r in rows)}")
fam = collections.defaultdict(set)
for r in rows: fam[r["template"]].add(r["family"])
for t in sorted(fam):
    n = len(fam[t]); print(f"families in {t}: {n}")
    if n < 5: err(t, "fewer than 5 families")
for w in warnings: print("note: " + w)
print("ERRORS:" if errors else "ALL CHECKS PASSED")
for x in errors: print("  " + x)
sys.exit(1 if errors else 0)
