"""Self-check for /work/corpus/replies/r98/replies.jsonl. Writes nothing; print goes to check_report.txt."""
import ast, json, sys
from collections import Counter, defaultdict

PATH = "/work/corpus/replies/r98/replies.jsonl"
TEMPLATES = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios",
             "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"]
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}

SANITY = {
    "r98-candidate_code-01": ["is_min_heap([1, 3, 2, 7]) == True", "is_min_heap([2, 1]) == False", "is_min_heap([]) == True"],
    "r98-candidate_code-02": ["wrap_words('a bb ccc', 4) == ['a bb', 'ccc']", "wrap_words('', 5) == []", "wrap_words('enormous x', 3) == ['enormous', 'x']"],
    "r98-candidate_code-03": ["mode_of([3, 1, 3, 1, 2]) == 1", "mode_of([5]) == 5", "mode_of([4, 4, 2]) == 4"],
    "r98-candidate_code-04": ["reduce_fraction(6, -8) == (-3, 4)", "reduce_fraction(0, 5) == (0, 1)", "reduce_fraction(10, 5) == (2, 1)"],
    "r98-candidate_code-05": ["(lambda h: (h.push(5), h.push(2), h.push(8), h.pop(), h.pop())[3:])(MinHeap()) == (2, 5)", "MinHeap().pop() == None"],
}

# Reference implementations used to confirm that candidate_tests expectations are right.
REFERENCE = '''
from math import gcd
from itertools import accumulate
def wrap_words(text, width):
    lines, cur = [], ""
    for w in text.split():
        if not cur: cur = w
        elif len(cur) + 1 + len(w) <= width: cur += " " + w
        else: lines.append(cur); cur = w
    if cur: lines.append(cur)
    return lines
def mode_of(values):
    from collections import Counter
    c = Counter(values); b = max(c.values())
    return min(v for v, n in c.items() if n == b)
def reduce_fraction(num, den):
    if den == 0: raise ValueError
    if den < 0: num, den = -num, -den
    g = gcd(num, den); return num // g, den // g
def is_min_heap(values):
    n = len(values)
    return all(values[k] <= values[c] for k in range(n) for c in (2*k+1, 2*k+2) if c < n)
def first_exceeding(nums, limit):
    for i, s in enumerate(accumulate(nums)):
        if s > limit: return i
    return -1
class VoteCounter:
    def __init__(self): self.c = {}; self.leader = None
    def vote(self, name):
        self.c[name] = self.c.get(name, 0) + 1
        if self.leader is None or self.c[name] > self.c[self.leader]: self.leader = name
        return self.leader
'''

errors, notes = [], []
def err(i, msg): errors.append(f"{i}: {msg}")

def parses(src, mode="exec"):
    try:
        ast.parse(src, mode=mode); return True
    except SyntaxError:
        return False

rows = []
for n, line in enumerate(open(PATH), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        errors.append(f"line {n}: not JSON: {e}")

ids = Counter(r["id"] for r in rows)
for k, v in ids.items():
    if v > 1: errors.append(f"duplicate id {k}")

for r in rows:
    i = r["id"]; t = r["template"]; e = r["expected"]
    for key in ["id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"]:
        if key not in r: err(i, f"missing {key}")
    if t not in TEMPLATES: err(i, f"bad template {t}")
    if r["family"] not in FAMILIES: err(i, f"bad family {r['family']}")
    if r["mode"] not in ("text", "json_object"): err(i, "bad mode")
    if "{{" in r["prompt"]: err(i, "unfilled slot in prompt")
    if r["truncated"] != (r["finish_reason"] == "length"): err(i, "truncated/finish_reason mismatch")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: err(i, "expected flags mismatch")
    if not i.startswith(f"r98-{t}-"): err(i, "id does not match template")
    if r["mode"] == "json_object" and not r["reply"].lstrip().startswith("{"):
        err(i, "json_object reply is not a bare object")
    if not r["usable"]:
        continue
    if t == "concepts":
        for c in e["concepts"]:
            if set(c) != {"name", "keyphrase", "description", "examples", "difficulty"}: err(i, f"concept keys {set(c)}")
            if c["difficulty"] not in ("easy", "medium", "hard"): err(i, "difficulty")
            if c["keyphrase"] not in r["prompt"]: err(i, f"keyphrase {c['keyphrase']!r} not in prompt")
        if not e["concepts"]: err(i, "no concepts")
    elif t == "instructions":
        for it in e["instructions"]:
            if it["kind"] not in ("function", "class"): err(i, "kind")
            if it["text"] not in r["reply"]: err(i, f"instruction text not verbatim in reply: {it['text'][:40]}")
    elif t == "signature":
        line = e["line"]
        pre = "Function: " if e["kind"] == "function" else "Class: "
        if not line.startswith(pre): err(i, "line prefix")
        if e["name"] not in line: err(i, "name not in line")
        if e["kind"] == "function":
            if not parses("def " + line[len(pre):] + ": pass"): err(i, "function line does not parse as def")
        else:
            for part in line[len(pre):].split("; ")[1:]:
                if not parses("def " + part + ": pass"): err(i, f"method does not parse: {part}")
    elif t == "candidate_code":
        code = e["code"]
        if not parses(code): err(i, "code does not parse"); continue
        if code not in r["reply"] and json.dumps(code)[1:-1] not in r["reply"]: err(i, "code not verbatim in reply")
        ns = {}
        exec(code, ns)
        calls = SANITY.get(i, [])
        if not calls: err(i, "no sanity call")
        for c in calls:
            if not eval(c, ns): err(i, f"sanity failed: {c}")
        notes.append(f"{i}: {len(calls)} sanity calls pass")
    elif t == "test_scenarios":
        for s in e["scenarios"]:
            if s not in r["reply"]: err(i, f"scenario not verbatim: {s[:40]}")
    elif t == "candidate_tests":
        ns = {}; exec(REFERENCE, ns)
        for s in e["tests"]:
            if not parses(s): err(i, f"test does not parse: {s}"); continue
            st = ast.parse(s).body
            if len(st) != 1 or not isinstance(st[0], ast.Assert): err(i, f"not a single assert: {s}"); continue
            if s not in r["reply"]: err(i, f"test not verbatim in reply: {s}")
            try:
                exec(s, dict(ns))
            except AssertionError:
                err(i, f"test fails against reference: {s}")
        if not isinstance(e.get("unusable_tests", []), list): err(i, "unusable_tests not a list")
    elif t == "extract_entities":
        for c in e["claims"]:
            if c["kind"] not in ("value", "index", "comparison", "branch", "loop", "return"): err(i, "claim kind")
            if not all(isinstance(c[k], str) for k in ("kind", "name", "value")): err(i, "claim field not a string")
    elif t == "narrate_forward":
        a = e["answer"]
        if not parses(a, "eval"): err(i, "answer not a Python expression"); continue
        if eval(a) != eval(r["returned"]): err(i, f"answer {a} != returned {r['returned']}")
        ns = {}; exec(r["code"], ns)
        if eval(r["call"], ns) != eval(r["returned"]): err(i, "call does not give returned")
        if f"Call\n{r['call']}" not in r["prompt"]: err(i, "call not in prompt")
    elif t == "narrate_backward":
        a = e["answer"]
        if not parses(a, "eval"): err(i, "answer not a Python expression"); continue
        ns = {}; exec(r["code"], ns)
        if eval(a, ns) != eval(r["returned"]): err(i, f"answer call gives {eval(a, ns)!r}, not {r['returned']}")

# counts
by_t = Counter(r["template"] for r in rows)
fam_t = defaultdict(set)
for r in rows: fam_t[r["template"]].add(r["family"])
for t in TEMPLATES:
    if by_t[t] != 6: errors.append(f"{t}: {by_t[t]} replies, want 6")
    if len(fam_t[t]) < 5: errors.append(f"{t}: only {len(fam_t[t])} families")

print(f"rows: {len(rows)}")
print("per template:", dict(by_t))
print("families per template:", {t: len(fam_t[t]) for t in TEMPLATES})
print("per family:", dict(Counter(r["family"] for r in rows)))
print("per mode:", dict(Counter(r["mode"] for r in rows)))
print("truncated:", sum(r["truncated"] for r in rows), " unusable:", sum(not r["usable"] for r in rows))
for nline in notes: print(nline)
print(f"errors: {len(errors)}")
for x in errors: print("  " + x)
print("RESULT:", "PASS" if not errors else "FAIL")
sys.exit(1 if errors else 0)
