"""Self-check of replies.jsonl (writer r116). Run: python3 check.py > check_report.txt"""
import ast, json, collections, sys
P = "/work/corpus/replies/r116/replies.jsonl"
rows, errs = [], []
for i, line in enumerate(open(P), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        errs.append(f"line {i}: bad JSON {e}")
KEYS = {"id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"}
SANITY = {  # candidate_code id -> (call, expected)
    "r116-candidate_code-01": [("add_fractions((1, 2), (1, 3))", (5, 6)), ("add_fractions((1, -2), (1, 4))", (-1, 4))],
    "r116-candidate_code-02": [("(lambda t: (t.add(5), t.add(1))[1])(MedianTracker())", 3.0)],
    "r116-candidate_code-03": [("run_lengths('aaabcc')", [('a', 3), ('b', 1), ('c', 2)])],
    "r116-candidate_code-05": [("is_heap([1, 2, 3])", True), ("is_heap([3, 1])", False)],
    "r116-candidate_code-06": [("k_smallest([5, 1, 4, 2], 2)", [1, 2])],
}
RING = '''
from collections import deque
class RingBuffer:
    def __init__(self, capacity): self.d = deque(maxlen=capacity)
    def append(self, x): self.d.append(x); return list(self.d)
'''
codes = {r["id"]: r["expected"].get("code") for r in rows if r["template"] == "candidate_code"}
REF = {"add_fractions": codes.get("r116-candidate_code-01"), "MedianTracker": codes.get("r116-candidate_code-02"),
       "run_lengths": codes.get("r116-candidate_code-03"), "is_heap": codes.get("r116-candidate_code-05"),
       "k_smallest": codes.get("r116-candidate_code-06"), "RingBuffer": RING}
ids = set()
for r in rows:
    rid = r.get("id"); e = r.get("expected", {})
    def bad(msg): errs.append(f"{rid}: {msg}")
    if rid in ids: bad("duplicate id")
    ids.add(rid)
    if KEYS - set(r): bad(f"missing keys {KEYS - set(r)}")
    if "{{" in r["prompt"]: bad("unfilled slot in prompt")
    if r["mode"] not in ("text", "json_object"): bad("mode")
    if r["finish_reason"] not in ("stop", "length"): bad("finish_reason")
    if r["truncated"] != (r["finish_reason"] == "length"): bad("truncated/finish_reason mismatch")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: bad("expected flags mismatch")
    t = r["template"]
    try:
        if t == "candidate_code" and r["usable"]:
            ast.parse(e["code"]); ns = {}; exec(e["code"], ns)
            for call, want in SANITY[rid]:
                got = eval(call, ns)
                if got != want: bad(f"sanity {call} -> {got!r} != {want!r}")
        if t == "candidate_tests":
            for tst in e["tests"]:
                node = ast.parse(tst).body
                if len(node) != 1 or not isinstance(node[0], ast.Assert): bad(f"not one assert: {tst}")
                name = tst.split("assert ", 1)[1].split("(")[0]
                ns = {}; exec(REF[name], ns); exec(tst, ns)  # raises on a wrong expected value
        if t in ("narrate_forward", "narrate_backward") and r["usable"] and not r["truncated"]:
            ast.parse(e["answer"], mode="eval")
            want = eval(r["returned"])
            if t == "narrate_forward":
                got = eval(e["answer"])
            else:
                ns = {}; exec(r["code"], ns); got = eval(e["answer"], ns)
            if got != want: bad(f"answer {e['answer']} -> {got!r} != {want!r}")
            ns = {}; exec(r["code"], ns)
            if eval(r["call"], ns) != want: bad("call does not give returned")
        if t == "signature":
            assert e["kind"] in ("function", "class") and e["line"].startswith(e["kind"].capitalize() + ": ")
            assert e["name"] in e["line"]
        if t == "extract_entities":
            for c in e["claims"]:
                assert set(c) == {"kind", "name", "value"} and all(isinstance(v, str) for v in c.values())
        if t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"} and c["difficulty"] in ("easy", "medium", "hard")
        if t == "instructions":
            for c in e["instructions"]:
                assert c["kind"] in ("function", "class") and not c["text"].startswith("[")
    except Exception as ex:
        bad(f"check failed: {type(ex).__name__}: {ex}")
cnt = collections.Counter(r["template"] for r in rows)
fam = collections.defaultdict(set)
for r in rows: fam[r["template"]].add(r["family"])
for t, fs in fam.items():
    if len(fs) < 5: errs.append(f"{t}: only {len(fs)} families")
print(f"rows: {len(rows)}")
print("per template:", dict(sorted(cnt.items())))
print("families per template:", {t: len(f) for t, f in sorted(fam.items())})
print("per family:", dict(sorted(collections.Counter(r['family'] for r in rows).items())))
print("per mode:", dict(collections.Counter(r['mode'] for r in rows)))
print("truncated:", sum(r["truncated"] for r in rows), " unusable:", sum(not r["usable"] for r in rows))
print("errors:", len(errs))
for x in errs: print("  ", x)
sys.exit(1 if errs else 0)
