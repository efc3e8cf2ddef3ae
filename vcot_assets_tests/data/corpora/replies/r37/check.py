"""Self-check for r37 replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, collections, sys

PATH = '/work/corpus/replies/r37/replies.jsonl'
KEYS = {"id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"}
SANITY = {  # candidate_code id -> (call, expected value)
    'r37-candidate_code-01': [("run_lengths('aaabcc')", [('a', 3), ('b', 1), ('c', 2)]), ("run_lengths('')", [])],
    'r37-candidate_code-02': [("(lambda b: (b.add(5), b.add(1), b.add(5))[-1])(Leaderboard())", [1, 5, 5])],
    'r37-candidate_code-03': [("median([3, 1, 2])", 2), ("median([1, 3, 5, 7])", 4.0)],
    'r37-candidate_code-04': [("select([1, 2, 3], [True, False, True])", [1, 3]), ("select([1, 2], [True])", [1])],
    'r37-candidate_code-05': [("running_max([3, 1, 4, 1, 5])", [3, 3, 4, 4, 5]), ("running_max([])", [])],
}
# reference implementations to run the candidate_tests against (tests should be right too)
REF = {
 'run_lengths': "def run_lengths(s):\n    r=[]\n    for c in s:\n        if r and r[-1][0]==c: r[-1]=(c,r[-1][1]+1)\n        else: r.append((c,1))\n    return r\n",
 'Leaderboard': "import bisect\nclass Leaderboard:\n    def __init__(self): self.s=[]\n    def add(self,x):\n        bisect.insort(self.s,x); return list(self.s)\n",
 'median': "import statistics\nmedian=statistics.median\n",
 'select': "def select(d,m): return [a for a,b in zip(d,m) if b]\n",
 'running_max': "import itertools\ndef running_max(n): return list(itertools.accumulate(n, max))\n",
 'prefix_sums': "import itertools\ndef prefix_sums(n): return list(itertools.accumulate(n))\n",
}
errors = []
def err(i, msg): errors.append(f"{i}: {msg}")

rows = []
for n, line in enumerate(open(PATH), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        err(f"line {n}", f"does not parse: {e}")

ids = collections.Counter(r["id"] for r in rows)
for i, c in ids.items():
    if c > 1: err(i, "duplicate id")

for r in rows:
    i, t, e = r["id"], r["template"], r["expected"]
    miss = KEYS - set(r)
    if miss: err(i, f"missing keys {miss}")
    if "{{" in r["prompt"]: err(i, "unfilled slot in prompt")
    if r["mode"] not in ("text", "json_object"): err(i, "bad mode")
    if r["finish_reason"] not in ("stop", "length"): err(i, "bad finish_reason")
    if (r["finish_reason"] == "length") != r["truncated"]: err(i, "finish_reason/truncated mismatch")
    if r["mode"] == "json_object" and r["usable"]:
        try: json.loads(r["reply"])
        except Exception: err(i, "json_object reply is not bare JSON")
    if not r["usable"]:
        continue
    try:
        if t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard")
                assert c["keyphrase"] in r["prompt"], c["keyphrase"]
        elif t == "instructions":
            for x in e["instructions"]:
                assert x["kind"] in ("function", "class") and x["text"] and not x["text"].startswith("[")
                assert x["text"] in r["reply"] or r["mode"] == "json_object"
        elif t == "signature":
            assert e["kind"] in ("function", "class")
            assert e["line"].startswith("Function: " if e["kind"] == "function" else "Class: ")
            assert e["name"] in e["line"]
        elif t == "candidate_code":
            ast.parse(e["code"])
            ns = {}
            exec(e["code"], ns)
            for call, want in SANITY[i]:
                got = eval(call, ns)
                assert got == want, (call, got, want)
        elif t == "test_scenarios":
            assert e["scenarios"] and all(isinstance(s, str) and s for s in e["scenarios"])
        elif t == "candidate_tests":
            for tst in e["tests"]:
                tree = ast.parse(tst)
                assert isinstance(tree.body[0], ast.Assert) and len(tree.body) == 1
                ns = {}
                for ref in REF.values(): exec(ref, ns)
                exec(tst, ns)  # the test must pass against a reference implementation
            for u in e.get("unusable_tests", []):
                assert u["reason"]
        elif t == "extract_entities":
            for c in e["claims"]:
                assert set(c) == {"kind", "name", "value"} and all(isinstance(v, str) for v in c.values())
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return")
        elif t == "narrate_forward":
            ast.parse(e["answer"], mode="eval")
            assert eval(e["answer"]) == eval(r["returned"]), (e["answer"], r["returned"])
            assert r["trace"] if "trace" in r else True
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval")
            ns = {}
            exec(r["code"], ns)
            got = eval(e["answer"], ns)
            assert repr(got) == r["returned"], (got, r["returned"])
            ns2 = {}; exec(r["code"], ns2)
            assert repr(eval(r["call"], ns2)) == r["returned"]
        else:
            err(i, f"unknown template {t}")
        if t.startswith("narrate"):
            ns = {}; exec(r["code"], ns)
            assert repr(eval(r["call"], ns)) == r["returned"], "call does not give returned"
    except Exception as ex:
        err(i, f"check failed: {type(ex).__name__}: {ex}")

print(f"rows: {len(rows)}")
for key in ("template", "family", "mode"):
    print(f"per {key}:", dict(sorted(collections.Counter(r[key] for r in rows).items())))
print("truncated:", sum(r["truncated"] for r in rows), " unusable:", sum(not r["usable"] for r in rows))
fam = collections.defaultdict(set)
for r in rows: fam[r["template"]].add(r["family"])
for t, f in sorted(fam.items()):
    print(f"families in {t}: {len(f)}", "" if len(f) >= 5 else "  <-- fewer than 5")
    if len(f) < 5: errors.append(f"{t}: fewer than 5 families")
print("errors:", len(errors))
for x in errors: print("  ", x)
sys.exit(1 if errors else 0)
