"""Self-check for r77/replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, sys, collections, re
PATH = "/work/corpus/replies/r77/replies.jsonl"
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}
TEMPLATES = ["concepts","instructions","signature","candidate_code","test_scenarios","candidate_tests","extract_entities","narrate_forward","narrate_backward"]
errors = []
def err(rid, msg): errors.append(f"{rid}: {msg}")

# sanity calls for candidate_code (call, expected value)
SANITY = {
 "prefix_sums": [("prefix_sums([1, 2, 3])", [1, 3, 6]), ("prefix_sums([])", [])],
 "lcs_ratio": [("lcs_ratio('abc', 'abd')", 0.667), ("lcs_ratio('', '')", 1.0)],
 "running_max": [("running_max([3, 1, 4, 1, 5])", [3, 3, 4, 4, 5])],
 "RunningMedian": [("(lambda r: (r.add(5), r.add(1), r.add(3)))(RunningMedian())", (5.0, 3.0, 3.0))],
 "multimode": [("multimode(['a', 'b', 'b', 'a', 'c'])", ['a', 'b']), ("multimode([])", [])],
 "TallyBoard": [("(lambda b: (b.record('x'), b.record('y'), b.record('y')))(TallyBoard())", (['x'], ['x', 'y'], ['y']))],
}
# reference implementations to run the expected tests against
REFS = '''
def is_min_heap(values):
    return all(values[k] <= values[c] for k in range(len(values)) for c in (2*k+1, 2*k+2) if c < len(values))
class Accumulator:
    def __init__(self, start):
        self.totals = [start]
    def add(self, x):
        self.totals.append(self.totals[-1] + x)
        return list(self.totals)
'''

rows = []
for n, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        err(f"line {n}", f"does not parse: {e}")
ids = [r.get("id") for r in rows]
for d in {i for i in ids if ids.count(i) > 1}: err(d, "duplicate id")

ns_code = {}
exec(REFS, ns_code)
for r in rows:
    if r.get("template") == "candidate_code" and r.get("usable"):
        try: exec(r["expected"]["code"], ns_code)
        except Exception as e: err(r["id"], f"code exec failed: {e}")

for r in rows:
    rid = r.get("id")
    for k in ("id","template","family","mode","prompt","reply","finish_reason","expected","truncated","usable","notes"):
        if k not in r: err(rid, f"missing key {k}")
    t = r["template"]; e = r["expected"]
    if t not in TEMPLATES: err(rid, f"bad template {t}")
    if r["family"] not in FAMILIES: err(rid, f"bad family {r['family']}")
    if r["mode"] not in ("text", "json_object"): err(rid, "bad mode")
    if (r["finish_reason"] == "length") != r["truncated"]: err(rid, "finish_reason/truncated mismatch")
    if re.search(r"\{\{\w+\}\}", r["prompt"]): err(rid, "unfilled slot in prompt")
    if not rid.startswith(f"r77-{t}-"): err(rid, "id does not match template")
    if r["mode"] == "json_object" and r["usable"]:
        try: json.loads(r["reply"])
        except Exception as ex: err(rid, f"json_object reply is not JSON: {ex}")
    if not r["usable"]:
        if e: err(rid, "unusable reply with non-empty expected")
        continue
    try:
        if t == "concepts":
            assert e["concepts"], "no concepts"
            for c in e["concepts"]:
                assert set(c) == {"name","keyphrase","description","examples","difficulty"}, c
                assert c["difficulty"] in ("easy","medium","hard") and isinstance(c["examples"], list)
                assert c["keyphrase"] in r["prompt"], f"keyphrase not in prompt: {c['keyphrase']}"
        elif t == "instructions":
            assert e["instructions"]
            for i in e["instructions"]:
                assert i["kind"] in ("function","class") and i["text"] and not re.match(r"\s*(\d|\[)", i["text"]), i
        elif t == "signature":
            line = e["line"]; kind = e["kind"]
            if kind == "function":
                m = re.fullmatch(r"Function: (\w+)\((.*)\) -> (.+)", line); assert m, line
                assert m.group(1) == e["name"]
                ast.parse(f"def {m.group(1)}({m.group(2)}) -> {m.group(3)}: pass")
            else:
                parts = line.split("; ")
                assert parts[0] == f"Class: {e['name']}", line
                assert parts[1].startswith("__init__(self") and parts[1].endswith("-> None"), line
                for p in parts[1:]:
                    m = re.fullmatch(r"(\w+)\((.*)\) -> (.+)", p); assert m, p
                    ast.parse(f"def {m.group(1)}({m.group(2)}) -> {m.group(3)}: pass")
        elif t == "candidate_code":
            code = e["code"]; ast.parse(code)
            if r["mode"] == "json_object": assert json.loads(r["reply"])["code"] == code
            else: assert code in r["reply"], "code not verbatim in reply"
            names = [n.name for n in ast.parse(code).body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
            ran = 0
            for nm in names:
                for call, want in SANITY.get(nm, []):
                    got = eval(call, ns_code); assert got == want, (call, got, want); ran += 1
            assert ran >= 1, "no sanity call ran"
        elif t == "test_scenarios":
            assert e["scenarios"] and all(isinstance(s, str) and s for s in e["scenarios"])
        elif t == "candidate_tests":
            for s in e["tests"]:
                tree = ast.parse(s)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert), s
                if r["mode"] == "text": assert s in r["reply"], f"test not verbatim in reply: {s}"
                else: assert s in json.loads(r["reply"]).__repr__() or any(s in x["code"] for x in json.loads(r["reply"])["tests"]), s
                exec(s, dict(ns_code))  # the expected value is right for a reference solution
            for u in e.get("unusable_tests", []): assert u["test"] in r["reply"] and u["reason"]
        elif t == "extract_entities":
            assert e["claims"]
            for c in e["claims"]:
                assert set(c) == {"kind","name","value"} and all(isinstance(v, str) for v in c.values()), c
                assert c["kind"] in ("value","index","comparison","branch","loop","return"), c
        elif t == "narrate_forward":
            ast.parse(e["answer"], mode="eval")
            assert ast.literal_eval(e["answer"]) == ast.literal_eval(r["returned"]), (e["answer"], r["returned"])
            ns = {}; exec(r["code"], ns); assert repr(eval(r["call"], ns)) == r["returned"]
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval")
            ns = {}; exec(r["code"], ns)
            assert repr(eval(e["answer"], ns)) == r["returned"], (e["answer"], r["returned"])
            assert repr(eval(r["call"], ns)) == r["returned"]
            assert r["returned"] in r["prompt"]
    except Exception as ex:
        err(rid, f"{t} check failed: {type(ex).__name__}: {ex}")

print(f"rows: {len(rows)}")
for label, key in (("template", "template"), ("family", "family"), ("mode", "mode")):
    c = collections.Counter(r[key] for r in rows)
    print(f"per {label}: " + ", ".join(f"{k}={v}" for k, v in sorted(c.items())))
print("truncated:", sum(r["truncated"] for r in rows), " unusable:", sum(not r["usable"] for r in rows))
fam_per_t = {t: len({r["family"] for r in rows if r["template"] == t}) for t in TEMPLATES}
print("families per template:", fam_per_t)
for t, n in fam_per_t.items():
    if n < 5: err(t, f"only {n} families")
print("errors:", len(errors))
for x in errors: print("  ", x)
print("RESULT:", "PASS" if not errors else "FAIL")
sys.exit(1 if errors else 0)
