"""Self-check for r109/replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, sys
from collections import Counter

PATH = "/work/corpus/replies/r109/replies.jsonl"
TEMPLATES = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios",
             "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"]
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}

# sanity calls for candidate_code solutions: id -> list of (expression, expected value)
SANITY = {
    "r109-candidate_code-01": [("run_lengths('aaabcc')", [("a", 3), ("b", 1), ("c", 2)]), ("run_lengths('')", [])],
    "r109-candidate_code-02": [("is_min_heap([1, 3, 2, 7])", True), ("is_min_heap([4, 1])", False), ("is_min_heap([])", True)],
    "r109-candidate_code-03": [("multiset_similarity([1, 1, 2], [1, 2, 2])", 4 / 6), ("multiset_similarity([], [])", 1.0)],
    "r109-candidate_code-04": [("(lambda m: [m.push(9), m.push(1), m.push(2)])(SlidingMax(2))", [9, 9, 2])],
    "r109-candidate_code-05": [("prefix_products([2, 3, 4])", [2, 6, 24]), ("prefix_products([])", [])],
}
# reference implementations to verify the expected tests of candidate_tests
REF = """
from collections import Counter, deque
def run_lengths(s):
    out = []
    for ch in s:
        if out and out[-1][0] == ch: out[-1] = (ch, out[-1][1] + 1)
        else: out.append((ch, 1))
    return out
def is_min_heap(v):
    return all(v[(i - 1) // 2] <= v[i] for i in range(1, len(v)))
def multiset_similarity(xs, ys):
    t = len(xs) + len(ys)
    return 1.0 if t == 0 else 2 * sum((Counter(xs) & Counter(ys)).values()) / t
class SlidingMax:
    def __init__(self, k): self.k = k; self.w = deque()
    def push(self, x):
        self.w.append(x)
        if len(self.w) > self.k: self.w.popleft()
        return max(self.w)
def prefix_products(nums):
    out, p = [], 1
    for n in nums: p *= n; out.append(p)
    return out
def longest_run(values):
    best, cur, bv, cv = 0, 0, None, None
    for v in values:
        cur = cur + 1 if cur and v == cv else 1
        cv = v
        if cur > best: best, bv = cur, v
    return (bv, best)
"""

errors, notes = [], []
def err(rid, msg): errors.append(f"{rid}: {msg}")
def parses(src, mode="exec"):
    try:
        ast.parse(src, mode=mode); return True
    except SyntaxError:
        return False

rows = []
for n, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        err(f"line {n}", f"does not parse: {e}")

ids = Counter(r["id"] for r in rows)
for i, c in ids.items():
    if c > 1: err(i, "duplicate id")

for r in rows:
    rid, t, e = r["id"], r["template"], r["expected"]
    for k in ["id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"]:
        if k not in r: err(rid, f"missing key {k}")
    if t not in TEMPLATES: err(rid, "unknown template")
    if r["family"] not in FAMILIES: err(rid, "unknown family")
    if r["mode"] not in ("text", "json_object"): err(rid, "bad mode")
    if (r["finish_reason"] == "length") != r["truncated"]: err(rid, "finish_reason/truncated mismatch")
    if "{{" in r["prompt"]: err(rid, "unfilled slot in prompt")
    if r["mode"] == "json_object":
        try: json.loads(r["reply"])
        except Exception: err(rid, "json_object reply is not bare JSON")
    if r["family"] == "deepseek-r1-distill" and not r["reply"].startswith("<think>"): err(rid, "reasoning model without <think>")
    if t == "concepts":
        for c in e["concepts"]:
            if set(c) != {"name", "keyphrase", "description", "examples", "difficulty"}: err(rid, "concept keys")
            if c["difficulty"] not in ("easy", "medium", "hard"): err(rid, "difficulty")
            if c["keyphrase"] not in r["prompt"]: err(rid, f"keyphrase not in prompt: {c['keyphrase']}")
    elif t == "instructions":
        for it in e["instructions"]:
            if it["kind"] not in ("function", "class"): err(rid, "instruction kind")
            if it["text"] not in r["reply"] and r["mode"] == "text": err(rid, "instruction text not verbatim in reply")
    elif t == "signature":
        line = e["line"]
        head = "Function: " if e["kind"] == "function" else "Class: "
        if not line.startswith(head + e["name"]): err(rid, "signature line/kind/name mismatch")
        if e["kind"] == "function":
            if not parses("def " + line[len(head):] + ": pass"): err(rid, "function signature does not parse")
        else:
            for part in line.split("; ")[1:]:
                if not parses("def " + part + ": pass"): err(rid, f"method does not parse: {part}")
    elif t == "candidate_code":
        code = e["code"]
        if not parses(code): err(rid, "code does not parse")
        if r["usable"]:
            if code not in r["reply"].replace("\\n", "\n") and code not in json.loads(r["reply"]).get("code", "") if r["mode"] == "json_object" else code not in r["reply"]:
                err(rid, "code not verbatim in reply")
            ns = {}
            exec(code, ns)
            for expr, want in SANITY.get(rid, []):
                got = eval(expr, ns)
                if got != want: err(rid, f"sanity {expr} -> {got!r}, want {want!r}")
                else: notes.append(f"{rid}: sanity ok {expr} -> {got!r}")
            if rid not in SANITY: err(rid, "no sanity call")
    elif t == "test_scenarios":
        if not all(isinstance(s, str) and s for s in e["scenarios"]): err(rid, "scenario not a string")
    elif t == "candidate_tests":
        ns = {}
        exec(REF, ns)
        for a in e["tests"]:
            if not parses(a) or not a.startswith("assert "): err(rid, f"test does not parse: {a}")
            if a not in r["reply"] and a not in json.loads(r["reply"]).__repr__() if r["mode"] == "json_object" else a not in r["reply"]:
                err(rid, f"test not verbatim: {a}")
            try:
                exec(a, ns); notes.append(f"{rid}: reference passes {a}")
            except AssertionError:
                err(rid, f"reference implementation fails {a}")
        if not isinstance(e.get("unusable_tests"), list): err(rid, "unusable_tests missing")
    elif t == "extract_entities":
        for c in e["claims"]:
            if c["kind"] not in ("value", "index", "comparison", "branch", "loop", "return"): err(rid, "claim kind")
            if not all(isinstance(c[k], str) for k in ("kind", "name", "value")): err(rid, "claim field not a string")
    elif t in ("narrate_forward", "narrate_backward"):
        a = e["answer"]
        if not parses(a, "eval"): err(rid, "answer does not parse")
        ns = {}
        exec(r["code"], ns)
        if repr(eval(r["call"], ns)) != r["returned"]: err(rid, "call does not give returned")
        if t == "narrate_forward":
            if eval(a) != eval(r["returned"]) or repr(eval(a)) != r["returned"]: err(rid, f"answer {a} != returned {r['returned']}")
            else: notes.append(f"{rid}: answer {a} == returned")
        else:
            got = repr(eval(a, ns))
            if got != r["returned"]: err(rid, f"answer call gives {got}, want {r['returned']}")
            else: notes.append(f"{rid}: {a} -> {got}")
            if not a.startswith(r["call"].split("(")[0] + "("): err(rid, "answer calls another function")
    if t not in ("candidate_code",) and r["usable"] is False:
        pass

print(f"rows: {len(rows)}")
print("per template:", dict(Counter(r["template"] for r in rows)))
print("per family:", dict(Counter(r["family"] for r in rows)))
print("per mode:", dict(Counter(r["mode"] for r in rows)))
print("truncated:", sum(r["truncated"] for r in rows), " unusable:", sum(not r["usable"] for r in rows))
fam_per_t = {t: len({r["family"] for r in rows if r["template"] == t}) for t in TEMPLATES}
print("families per template:", fam_per_t)
for t, n in fam_per_t.items():
    if n < 5: errors.append(f"{t}: only {n} families")
print("\n".join(notes))
print(f"ERRORS: {len(errors)}")
print("\n".join(errors))
sys.exit(1 if errors else 0)
