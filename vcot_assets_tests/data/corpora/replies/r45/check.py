"""Self-check for r45 replies.jsonl. Usage: python3 check.py > check_report.txt"""
import ast, json, collections, sys
PATH = "/work/corpus/replies/r45/replies.jsonl"
SANITY = {  # candidate_code id -> expression that must be True after exec(code)
 "r45-candidate_code-01": "k_smallest([5, 1, 4, 2], 2) == [1, 2]",
 "r45-candidate_code-02": "letter_counts('Hello!') == {'h': 1, 'e': 1, 'l': 2, 'o': 1}",
 "r45-candidate_code-03": "normalize(6, -8) == (-3, 4)",
 "r45-candidate_code-04": "(lambda t: (t.add(3), t.add(1))[1])(MedianTracker()) == 2.0",
 "r45-candidate_code-05": "run_lengths(['a', 'a', 'b']) == [('a', 2), ('b', 1)]",
}
# reference implementations used to run candidate_tests expected asserts
REF = """
import heapq, bisect
from math import gcd
def k_smallest(nums, k):
    return heapq.nsmallest(k, nums) if k > 0 else []
def letter_counts(word):
    c = {}
    for ch in word.lower():
        if ch.isalpha(): c[ch] = c.get(ch, 0) + 1
    return c
def normalize(num, den):
    if den == 0: raise ValueError
    g = gcd(num, den); n, d = num // g, den // g
    return (-n, -d) if d < 0 else (n, d)
class MedianTracker:
    def __init__(self): self.d = []
    def add(self, x):
        bisect.insort(self.d, x); n = len(self.d); m = n // 2
        return self.d[m] if n % 2 else (self.d[m-1] + self.d[m]) / 2
def run_lengths(items):
    r = []
    for it in items:
        if r and r[-1][0] == it: r[-1] = (it, r[-1][1] + 1)
        else: r.append((it, 1))
    return r
def similarity(a, b):
    if not a and not b: return 1.0
    m = sum(1 for x, y in zip(a, b) if x == y)
    return round(2 * m / (len(a) + len(b)), 2)
"""
KEYS = {"id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"}
errors, n = [], 0
counts = {k: collections.Counter() for k in ("template", "family", "mode")}
fam_per_t = collections.defaultdict(set)
trunc = unus = 0
for i, line in enumerate(open(PATH), 1):
    try:
        d = json.loads(line)
    except Exception as e:
        errors.append(f"line {i}: bad JSON {e}"); continue
    n += 1
    rid, t, e = d.get("id"), d.get("template"), d.get("expected", {})
    def err(msg): errors.append(f"{rid}: {msg}")
    if not KEYS <= d.keys(): err(f"missing keys {KEYS - d.keys()}")
    if "{{" in d["prompt"]: err("unrendered slot in prompt")
    if e.get("truncated") != d["truncated"] or e.get("usable") != d["usable"]: err("truncated/usable mismatch")
    if d["truncated"] != (d["finish_reason"] == "length"): err("finish_reason mismatch")
    if d["mode"] not in ("text", "json_object"): err("bad mode")
    for k in ("template", "family", "mode"): counts[k][d[k]] += 1
    fam_per_t[t].add(d["family"]); trunc += d["truncated"]; unus += not d["usable"]
    try:
        if t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard")
                assert c["description"] in d["reply"], "description not verbatim in reply"
        elif t == "instructions":
            for c in e["instructions"]:
                assert c["kind"] in ("function", "class") and c["text"] in d["reply"], c
        elif t == "signature":
            line_ = e["line"]
            assert line_.startswith(("Function: ", "Class: ")) and e["name"] in line_
            if e["kind"] == "function":
                ast.parse("def " + line_[len("Function: "):] + ": pass")
            else:
                for part in line_.split("; ")[1:]:
                    ast.parse("def " + part + ": pass")
        elif t == "candidate_code":
            if d["usable"]:
                assert e["code"] in d["reply"], "code not verbatim"
                ast.parse(e["code"]); g = {}
                exec(e["code"], g)
                assert eval(SANITY[rid], g), "sanity call failed"
        elif t == "test_scenarios":
            for s in e["scenarios"]:
                assert s in d["reply"], s
        elif t == "candidate_tests":
            g = {}; exec(REF, g)
            for a in e["tests"]:
                assert a in d["reply"], "test not verbatim: " + a
                tree = ast.parse(a); assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert)
                exec(a, g)
            assert isinstance(e.get("unusable_tests"), list)
        elif t == "extract_entities":
            for c in e["claims"]:
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return")
                assert all(isinstance(c[k], str) for k in ("kind", "name", "value"))
        elif t == "narrate_forward":
            ast.parse(e["answer"], mode="eval")
            assert eval(e["answer"]) == eval(d["returned"]), "answer != returned"
            g = {}; exec(d["code"], g); assert repr(eval(d["call"], g)) == d["returned"], "call != returned"
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval")
            g = {}; exec(d["code"], g)
            assert repr(eval(e["answer"], g)) == d["returned"], "answer call != returned"
        else:
            err("unknown template")
    except Exception as ex:
        err(f"{type(ex).__name__}: {ex}")
print(f"replies: {n}")
for k, c in counts.items(): print(f"{k}: {dict(sorted(c.items()))}")
print("families per template:", {t: len(s) for t, s in sorted(fam_per_t.items())})
for t, s in fam_per_t.items():
    if len(s) < 5: errors.append(f"{t}: only {len(s)} families")
print(f"truncated: {trunc}  unusable: {unus}")
print("errors:", len(errors))
for x in errors: print("  " + x)
print("RESULT:", "PASS" if not errors else "FAIL")
sys.exit(1 if errors else 0)
