"""Self-check for r97/replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, sys, collections
PATH = __file__.rsplit("/", 1)[0] + "/replies.jsonl"
errors, lines = [], open(PATH, encoding="utf-8").read().splitlines()
rows = []
for i, l in enumerate(lines, 1):
    try:
        rows.append(json.loads(l))
    except Exception as e:
        errors.append(f"line {i}: bad JSON {e}")

# Reference implementations for running candidate tests (written independently for this check).
REF = '''
def run_length_encode(s):
    r = []
    for ch in s:
        if r and r[-1][0] == ch: r[-1] = (ch, r[-1][1] + 1)
        else: r.append((ch, 1))
    return r
def k_smallest(nums, k):
    return sorted(nums)[:max(k, 0)]
def median_of_columns(rows):
    out = []
    for col in zip(*rows):
        v = sorted(col); n = len(v)
        out.append(float(v[n // 2]) if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2)
    return out
def strip_common_indent(text):
    ls = text.split("\\n"); ind = [len(x) - len(x.lstrip(" ")) for x in ls if x.strip()]
    c = min(ind) if ind else 0
    return "\\n".join(x[c:] if x.strip() else "" for x in ls)
def group_by_sign(nums):
    g = []
    for x in nums:
        if g and (g[-1][0] >= 0) == (x >= 0): g[-1].append(x)
        else: g.append([x])
    return g
class TaskQueue:
    def __init__(self): self.q = []; self.c = 0
    def push(self, p, n): self.q.append((p, self.c, n)); self.c += 1
    def pop_next(self):
        if not self.q: return None
        b = min(self.q); self.q.remove(b); return b[2]
'''
SANITY = {
    "r97-candidate_code-01": [("run_length_encode('aaab')", [('a', 3), ('b', 1)]), ("run_length_encode('')", [])],
    "r97-candidate_code-02": [("k_smallest([5, 1, 4, 2], 2)", [1, 2]), ("k_smallest([3], 5)", [3])],
    "r97-candidate_code-03": [("(lambda q: (q.push(2, 'w'), q.push(1, 'r'), q.push(1, 's'), [q.pop_next(), q.pop_next(), q.pop_next(), q.pop_next()])[-1])(TaskQueue())", ['r', 's', 'w', None])],
    "r97-candidate_code-04": [("median_of_columns([[1, 10], [2, 20], [9, 0]])", [2.0, 10.0]), ("median_of_columns([])", [])],
    "r97-candidate_code-05": [("strip_common_indent('  a\\n\\n    b')", "a\n\n  b")],
}
counts = collections.Counter(); fam = collections.defaultdict(set); stats = collections.Counter()
ids = set()
for r in rows:
    rid = r.get("id"); t = r.get("template"); e = r.get("expected", {})
    def err(m): errors.append(f"{rid}: {m}")
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: err(f"missing {k}")
    if rid in ids: err("duplicate id")
    ids.add(rid)
    counts[t] += 1; fam[t].add(r["family"]); stats["mode=" + r["mode"]] += 1
    stats["truncated"] += r["truncated"]; stats["unusable"] += (not r["usable"])
    if "{{" in r["prompt"]: err("unfilled slot in prompt")
    if r["mode"] not in ("text", "json_object"): err("bad mode")
    if (r["finish_reason"] == "length") != r["truncated"]: err("finish_reason/truncated mismatch")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: err("expected flags mismatch")
    if r["mode"] == "json_object":
        try: json.loads(r["reply"])
        except Exception as ex: err(f"json_object reply is not JSON: {ex}")
    if not r["usable"]:
        continue
    try:
        if t == "concepts":
            assert e["concepts"]
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard") and len(c["examples"]) == 2
                assert c["keyphrase"] in r["prompt"], c["keyphrase"]
        elif t == "instructions":
            for it in e["instructions"]:
                assert it["kind"] in ("function", "class") and it["text"] in r["reply"], it
        elif t == "signature":
            assert e["kind"] in ("function", "class")
            assert e["line"].startswith("Function: " if e["kind"] == "function" else "Class: ")
            assert e["name"] in e["line"]
            if e["kind"] == "function":
                ast.parse("def " + e["line"][len("Function: "):] + ": pass")
        elif t == "candidate_code":
            ast.parse(e["code"]); assert e["code"] in r["reply"] or r["mode"] == "json_object"
            ns = {}; exec(e["code"], ns)
            for call, want in SANITY[rid]:
                got = eval(call, ns); assert got == want, (call, got, want)
        elif t == "test_scenarios":
            assert e["scenarios"] and all(isinstance(s, str) and s for s in e["scenarios"])
        elif t == "candidate_tests":
            ns = {}; exec(REF, ns)
            for a in e["tests"]:
                tree = ast.parse(a); assert isinstance(tree.body[0], ast.Assert) and len(tree.body) == 1
                assert isinstance(tree.body[0].test, ast.Compare) and isinstance(tree.body[0].test.ops[0], ast.Eq)
                if r["mode"] != "json_object": assert a in r["reply"], a
                exec(a, ns)
            for u in e.get("unusable_tests", []): assert isinstance(u, str)
        elif t == "extract_entities":
            for c in e["claims"]:
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return")
                assert all(isinstance(c[k], str) for k in ("kind", "name", "value"))
        elif t == "narrate_forward":
            ast.parse(e["answer"], mode="eval")
            ns = {}; exec(r["code"], ns); real = eval(r["call"], ns)
            assert repr(real) == r["returned"], (real, r["returned"])
            assert eval(e["answer"]) == real, (e["answer"], real)
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval")
            ns = {}; exec(r["code"], ns)
            assert repr(eval(r["call"], ns)) == r["returned"]
            got = eval(e["answer"], ns); assert repr(got) == r["returned"], (got, r["returned"])
        else:
            err("unknown template")
    except Exception as ex:
        err(f"check failed: {type(ex).__name__}: {ex}")

print(f"rows: {len(rows)}")
for t in sorted(counts):
    print(f"  {t}: {counts[t]} replies, {len(fam[t])} families: {', '.join(sorted(fam[t]))}")
fc = collections.Counter(r["family"] for r in rows)
print("families:", dict(sorted(fc.items())))
print("stats:", dict(sorted(stats.items())))
print(f"errors: {len(errors)}")
for m in errors: print("  " + m)
print("RESULT:", "PASS" if not errors else "FAIL")
sys.exit(1 if errors else 0)
