"""Self-check for /work/corpus/replies/r85/replies.jsonl. Writes nothing; print goes to check_report.txt."""
import ast, json, collections, sys

PATH = "/work/corpus/replies/r85/replies.jsonl"
TEMPLATES = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios",
             "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"]
KEYS = {"id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"}

# reference implementations used to check candidate_tests and sanity-run candidate_code
REF = '''
from math import gcd
def run_length_encode(s):
    out = []
    for ch in s:
        if out and out[-1][0] == ch: out[-1] = (ch, out[-1][1] + 1)
        else: out.append((ch, 1))
    return out
def reduce_fraction(num, den):
    if den == 0: raise ValueError
    if den < 0: num, den = -num, -den
    g = gcd(num, den); return num // g, den // g
def greedy_wrap(text, width):
    lines, cur = [], ""
    for w in text.split():
        if not cur: cur = w
        elif len(cur) + 1 + len(w) <= width: cur += " " + w
        else: lines.append(cur); cur = w
    if cur: lines.append(cur)
    return lines
class RunTracker:
    def __init__(self): self.last, self.n = None, 0
    def add(self, x):
        if self.n and x == self.last: self.n += 1
        else: self.last, self.n = x, 1
        return self.n
class TopK:
    def __init__(self): self.c = {}
    def add(self, item): self.c[item] = self.c.get(item, 0) + 1
    def top(self, k):
        r = sorted(self.c, key=lambda i: -self.c[i])[:k]
        return [(i, self.c[i]) for i in r]
def is_min_heap(a):
    return all(a[(i - 1) // 2] <= a[i] for i in range(1, len(a)))
'''

SANITY = {  # candidate_code id -> statements that must run without error after exec(code)
    "r85-candidate_code-01": 'assert run_length_encode("aaabcc") == [("a", 3), ("b", 1), ("c", 2)]; assert run_length_encode("") == []',
    "r85-candidate_code-02": 'assert reduce_fraction(8, -6) == (-4, 3); assert reduce_fraction(0, 5) == (0, 1)',
    "r85-candidate_code-03": 'assert greedy_wrap("the quick brown fox", 10) == ["the quick", "brown fox"]; assert greedy_wrap("a extraordinary b", 6) == ["a", "extraordinary", "b"]',
    "r85-candidate_code-04": 't = RunTracker(); assert [t.add(5), t.add(5), t.add(3)] == [1, 2, 1]',
    "r85-candidate_code-05": 't = TopK()\nfor w in "abacba": t.add(w)\nassert t.top(2) == [("a", 3), ("b", 2)]',
}

errors, rows = [], []
def err(i, msg): errors.append(f"{i}: {msg}")

for n, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try:
        r = json.loads(line)
    except Exception as e:
        err(f"line {n}", f"does not parse: {e}"); continue
    rows.append(r)
    i = r.get("id", f"line {n}")
    miss = KEYS - set(r)
    if miss: err(i, f"missing keys {miss}")
    t, exp = r["template"], r["expected"]
    if t not in TEMPLATES: err(i, "bad template")
    if "{{" in r["prompt"]: err(i, "unrendered slot in prompt")
    if r["mode"] not in ("text", "json_object"): err(i, "bad mode")
    if r["finish_reason"] not in ("stop", "length"): err(i, "bad finish_reason")
    if r["truncated"] != (r["finish_reason"] == "length"): err(i, "truncated/finish_reason mismatch")
    if not r["usable"]:
        if exp: err(i, "unusable but expected not empty")
        continue
    if r["mode"] == "json_object":
        try: json.loads(r["reply"])
        except Exception as e: err(i, f"json_object reply is not JSON: {e}")
    try:
        if t == "concepts":
            for c in exp["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard")
                assert c["keyphrase"] in r["prompt"], c["keyphrase"]
        elif t == "instructions":
            for x in exp["instructions"]:
                assert x["kind"] in ("function", "class") and x["text"], x
        elif t == "signature":
            assert exp["kind"] in ("function", "class")
            pre = "Function: " if exp["kind"] == "function" else "Class: "
            assert exp["line"].startswith(pre + exp["name"]), exp["line"]
            if exp["kind"] == "function":
                ast.parse("def " + exp["line"][len(pre):] + ": pass")
            else:
                for part in exp["line"].split("; ")[1:]:
                    ast.parse("def " + part + ": pass")
        elif t == "candidate_code":
            ast.parse(exp["code"])
            ns = {}
            exec(exp["code"], ns)
            exec(SANITY[i], ns)
        elif t == "test_scenarios":
            assert all(isinstance(s, str) and s for s in exp["scenarios"])
        elif t == "candidate_tests":
            ns = {}; exec(REF, ns)
            reply_texts = [r["reply"]]
            if r["mode"] == "json_object":
                reply_texts += json.loads(r["reply"]).get("tests", [])
            for tst in exp["tests"]:
                tree = ast.parse(tst)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert), tst
                assert any(tst in txt for txt in reply_texts), f"not verbatim in reply: {tst}"
                exec(tst, ns)
            for u in exp.get("unusable_tests", []):
                assert isinstance(u, str)
        elif t == "extract_entities":
            for c in exp["claims"]:
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return")
                assert all(isinstance(c[k], str) for k in ("kind", "name", "value")), c
        elif t == "narrate_forward":
            ast.parse(exp["answer"], mode="eval")
            assert eval(exp["answer"]) == eval(r["returned"]), (exp["answer"], r["returned"])
            ns = {}; exec(r["code"], ns)
            assert eval(r["call"], ns) == eval(r["returned"])
        elif t == "narrate_backward":
            ast.parse(exp["answer"], mode="eval")
            ns = {}; exec(r["code"], ns)
            assert eval(exp["answer"], ns) == eval(r["returned"]), (exp["answer"], r["returned"])
            assert f"\n{r['returned']}\n" in r["prompt"]
    except Exception as e:
        err(i, f"{type(e).__name__}: {e}")

ids = [r["id"] for r in rows]
if len(ids) != len(set(ids)): err("all", "duplicate ids")
by_t = collections.defaultdict(list)
for r in rows: by_t[r["template"]].append(r)
print(f"rows: {len(rows)}")
for t in TEMPLATES:
    fams = collections.Counter(r["family"] for r in by_t[t])
    print(f"{t:18s} n={len(by_t[t])} families={len(fams)} {dict(fams)}")
    if len(by_t[t]) != 6: err(t, "not 6 rows")
    if len(fams) < 5: err(t, "fewer than 5 families")
print("family:", dict(collections.Counter(r["family"] for r in rows)))
print("mode:", dict(collections.Counter(r["mode"] for r in rows)))
print("truncated:", sum(r["truncated"] for r in rows), "unusable:", sum(not r["usable"] for r in rows))
print("errors:", len(errors))
for e in errors: print("  ", e)
sys.exit(1 if errors else 0)
