"""Self-check for r120 replies.jsonl: parse, schema, Python validity, answers vs. real returns."""
import ast, json, collections, sys
PATH = "/work/corpus/replies/r120/replies.jsonl"
SANITY = {  # candidate_code id -> (call, expected)
    "r120-candidate_code-01": ("run_lengths('aabccc')", [("a", 2), ("b", 1), ("c", 3)]),
    "r120-candidate_code-02": ("reduce_fraction(6, -8)", (-3, 4)),
    "r120-candidate_code-03": ("grid_points(2, 2)", [(0, 0), (0, 1), (1, 0), (1, 1)]),
    "r120-candidate_code-04": ("(lambda h: (h.push(5), h.push(3), h.push(4))[-1])(MinHeap())", [3, 5, 4]),
    "r120-candidate_code-05": ("same_fraction((1, 2), (2, 4))", True),
}
REFS = """
from math import gcd
def run_lengths(s):
    out = []
    for ch in s:
        if out and out[-1][0] == ch: out[-1] = (ch, out[-1][1] + 1)
        else: out.append((ch, 1))
    return out
def reduce_fraction(n, d):
    g = gcd(n, d); n, d = n // g, d // g
    return (-n, -d) if d < 0 else (n, d)
def grid_points(w, h): return [(x, y) for x in range(w) for y in range(h)]
def same_fraction(a, b): return a[0] * b[1] == b[0] * a[1]
import heapq
class MinHeap:
    def __init__(self): self.items = []
    def push(self, x): heapq.heappush(self.items, x); return list(self.items)
import statistics
class RunningMedian:
    def __init__(self): self.xs = []
    def add(self, x): self.xs.append(x); return float(statistics.median(self.xs))
"""
KEYS = {"id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"}
errs, n = [], 0
rows = []
for i, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try:
        d = json.loads(line)
    except Exception as e:
        errs.append(f"line {i}: bad JSON {e}"); continue
    rows.append(d); n += 1
    rid = d.get("id", f"line{i}")
    miss = KEYS - d.keys()
    if miss: errs.append(f"{rid}: missing {miss}")
    if "{{" in d["prompt"]: errs.append(f"{rid}: unrendered slot")
    e, t = d["expected"], d["template"]
    if e.get("truncated") != d["truncated"] or e.get("usable") != d["usable"]: errs.append(f"{rid}: flags differ")
    if d["truncated"] != (d["finish_reason"] == "length"): errs.append(f"{rid}: truncated vs finish_reason")
    if d["mode"] not in ("text", "json_object"): errs.append(f"{rid}: mode")
    if not d["usable"]: continue
    try:
        if t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard") and len(c["examples"]) == 2
                assert c["name"] in d["reply"] and c["keyphrase"] in d["prompt"]
        elif t == "instructions":
            for x in e["instructions"]:
                assert x["kind"] in ("function", "class") and x["text"] in d["reply"].replace('\\"', '"'), x
        elif t == "signature":
            assert e["kind"] in ("function", "class") and e["line"].startswith(e["kind"].capitalize() + ": " + e["name"])
            if e["kind"] == "function":
                ast.parse("def " + e["line"][len("Function: "):] + ": pass")
            else:
                for part in e["line"].split("; ")[1:]:
                    ast.parse("def " + part + ": pass")
        elif t == "candidate_code":
            ast.parse(e["code"])
            ns = {}; exec(e["code"], ns)
            call, want = SANITY[rid]
            got = eval(call, ns)
            assert got == want, (call, got, want)
        elif t == "test_scenarios":
            assert e["scenarios"] and all(isinstance(s, str) for s in e["scenarios"])
        elif t == "candidate_tests":
            for s in e["tests"]:
                tree = ast.parse(s); assert isinstance(tree.body[0], ast.Assert) and len(tree.body) == 1
            assert isinstance(e.get("unusable_tests", []), list)
            ns = {}; exec(REFS, ns)
            for s in e["tests"]:
                exec(s, ns)  # the expected tests must hold against a reference solution
        elif t == "extract_entities":
            for c in e["claims"]:
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return") and all(isinstance(c[k], str) for k in ("name", "value"))
        elif t == "narrate_forward":
            ast.parse(e["answer"], mode="eval")
            assert repr(eval(e["answer"])) == d["returned"], (e["answer"], d["returned"])
            ns = {}; exec(d["code"], ns); assert repr(eval(d["call"], ns)) == d["returned"]
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval")
            ns = {}; exec(d["code"], ns)
            assert repr(eval(e["answer"], ns)) == d["returned"], (e["answer"], d["returned"])
        else:
            errs.append(f"{rid}: unknown template {t}")
    except Exception as ex:
        errs.append(f"{rid}: {type(ex).__name__}: {ex}")
ids = [r["id"] for r in rows]
if len(ids) != len(set(ids)): errs.append("duplicate ids")
by_t = collections.Counter(r["template"] for r in rows)
fam_t = collections.defaultdict(set)
for r in rows: fam_t[r["template"]].add(r["family"])
for t, fs in fam_t.items():
    if len(fs) < 5: errs.append(f"{t}: only {len(fs)} families")
print(f"rows: {n}")
print("per template:", dict(sorted(by_t.items())))
print("families per template:", {t: len(f) for t, f in sorted(fam_t.items())})
print("per family:", dict(collections.Counter(r["family"] for r in rows)))
print("per mode:", dict(collections.Counter(r["mode"] for r in rows)))
print("truncated:", sum(r["truncated"] for r in rows), " unusable:", sum(not r["usable"] for r in rows))
print("errors:", len(errs))
for x in errs: print("  ", x)
sys.exit(1 if errs else 0)
