"""Self-check for r79 replies.jsonl (see BRIEF.md). Run: python3 check.py > check_report.txt"""
import ast, json, sys, collections

PATH = "/work/corpus/replies/r79/replies.jsonl"
TEMPLATES = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios",
             "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"]
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}

# reference implementations: candidate_tests are run against them, candidate_code gets sanity calls
REF = r'''
def run_lengths(s):
    out = []
    for ch in s:
        if out and out[-1][0] == ch:
            out[-1] = (ch, out[-1][1] + 1)
        else:
            out.append((ch, 1))
    return out
def window_max(nums, k):
    if k > len(nums):
        return []
    return [max(nums[i:i + k]) for i in range(len(nums) - k + 1)]
def edit_distance(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]
def is_min_heap(a):
    return all(a[(i - 1) // 2] <= a[i] for i in range(1, len(a)))
class LastN:
    def __init__(self, n):
        if n < 1:
            raise ValueError
        self.n, self.items = n, []
    def add(self, x):
        self.items = (self.items + [x])[-self.n:]
        return list(self.items)
def neighbour_diffs(nums):
    return [b - a for a, b in zip(nums, nums[1:])]
'''
SANITY = {  # candidate_code id -> list of (expression, expected value)
    "r79-candidate_code-01": [("run_lengths('aabccc')", [("a", 2), ("b", 1), ("c", 3)]), ("run_lengths('')", [])],
    "r79-candidate_code-02": [("is_min_heap([1, 3, 2, 7])", True), ("is_min_heap([4, 1])", False), ("is_min_heap([])", True), ("is_min_heap([1, 2, 3, 4, 0])", False)],
    "r79-candidate_code-03": [("(lambda b: (b.add(1), b.add(2), b.add(3))[-1])(LastN(2))", [2, 3]), ("LastN(3).add(7)", [7])],
    "r79-candidate_code-04": [("edit_distance('kitten', 'sitting')", 3), ("edit_distance('', 'abc')", 3), ("edit_distance('abc', 'abc')", 0)],
    "r79-candidate_code-05": [("neighbour_diffs([1, 4, 9, 16])", [3, 5, 7]), ("neighbour_diffs([8])", [])],
    "r79-candidate_code-06": [("collapse_spaces('a   b  c d')", "a b c d"), ("collapse_spaces('   x')", " x"), ("collapse_spaces('')", "")],
}

errors, notes = [], []
def err(rid, msg): errors.append(f"{rid}: {msg}")

rows = []
for n, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        err(f"line {n}", f"does not parse: {e}")

ids = collections.Counter(r.get("id") for r in rows)
for i, c in ids.items():
    if c > 1: err(i, "duplicate id")

ref_ns = {}
exec(REF, ref_ns)

for r in rows:
    rid = r.get("id", "?")
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: err(rid, f"missing key {k}")
    t = r["template"]
    if t not in TEMPLATES: err(rid, f"bad template {t}")
    if r["family"] not in FAMILIES: err(rid, f"bad family {r['family']}")
    if r["mode"] not in ("text", "json_object"): err(rid, "bad mode")
    if (r["finish_reason"] == "length") != r["truncated"]: err(rid, "finish_reason/truncated mismatch")
    if "{{" in r["prompt"]: err(rid, "unrendered slot in prompt")
    if not rid.startswith(f"r79-{t}-"): err(rid, "id does not match template")
    if r["mode"] == "json_object" and not r["truncated"] and r["usable"]:
        try: json.loads(r["reply"])
        except Exception as e: err(rid, f"json_object reply does not parse: {e}")
    e = r["expected"]
    if r["family"] == "deepseek-r1-distill" and r["usable"] and not r["reply"].startswith("<think>"):
        err(rid, "reasoning model reply without <think>")
    if t == "concepts":
        for c in e["concepts"]:
            if set(c) != {"name", "keyphrase", "description", "examples", "difficulty"}: err(rid, f"concept keys {set(c)}")
            if c["difficulty"] not in ("easy", "medium", "hard"): err(rid, "difficulty")
            if not isinstance(c["examples"], list): err(rid, "examples not a list")
            if c["keyphrase"] not in r["prompt"]: err(rid, f"keyphrase {c['keyphrase']!r} not in prompt")
        items = e["concepts"]
    elif t == "instructions":
        for it in e["instructions"]:
            if it["kind"] not in ("function", "class") or set(it) != {"kind", "text"}: err(rid, "instruction item")
            if it["text"].split("\n")[0] not in r["reply"]: err(rid, f"instruction text not in reply: {it['text'][:40]}")
        items = e["instructions"]
    elif t == "signature":
        line = e["line"]
        if e["kind"] == "function":
            if not line.startswith("Function: "): err(rid, "function line prefix")
            body = line[len("Function: "):]
            try:
                fn = ast.parse(f"def {body}: pass").body[0]
                if fn.name != e["name"]: err(rid, "name mismatch")
            except SyntaxError as x: err(rid, f"signature does not parse: {x}")
        else:
            parts = [p.strip() for p in line.split(";")]
            if parts[0] != f"Class: {e['name']}": err(rid, "class head")
            if not parts[1].startswith("__init__(self"): err(rid, "class init not first")
            for p in parts[1:]:
                try: ast.parse(f"def {p}: pass")
                except SyntaxError as x: err(rid, f"method does not parse: {p}: {x}")
        items = [line]
    elif t == "candidate_code":
        code = e["code"]
        try: ast.parse(code)
        except SyntaxError as x: err(rid, f"code does not parse: {x}")
        if code not in r["reply"] and r["mode"] == "text": err(rid, "code not verbatim in reply")
        if r["mode"] == "json_object" and json.loads(r["reply"]).get("code") != code: err(rid, "json code differs")
        ns = {}
        exec(code, ns)
        for expr, want in SANITY.get(rid, []):
            got = eval(expr, ns)
            if got != want: err(rid, f"sanity {expr} -> {got!r}, want {want!r}")
        if not SANITY.get(rid): err(rid, "no sanity call")
        notes.append(f"{rid}: {len(SANITY.get(rid, []))} sanity calls passed")
        items = [code]
    elif t == "test_scenarios":
        for s in e["scenarios"]:
            if not isinstance(s, str) or not s: err(rid, "scenario not a string")
        items = e["scenarios"]
    elif t == "candidate_tests":
        for s in e["tests"]:
            try:
                tree = ast.parse(s)
                if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Assert): err(rid, f"not a single assert: {s}")
            except SyntaxError as x:
                err(rid, f"test does not parse: {s}: {x}"); continue
            if s not in r["reply"].replace('\\"', '"'): err(rid, f"test not verbatim in reply: {s}")
            try: exec(s, dict(ref_ns))
            except AssertionError: err(rid, f"test fails on reference implementation: {s}")
        for u in e.get("unusable_tests", []):
            if not u.get("reason"): err(rid, "unusable test without reason")
        items = e["tests"]
    elif t == "extract_entities":
        for c in e["claims"]:
            if c["kind"] not in ("value", "index", "comparison", "branch", "loop", "return"): err(rid, "claim kind")
            if not all(isinstance(c[k], str) for k in ("kind", "name", "value")): err(rid, "claim field not a string")
        items = e["claims"]
    elif t in ("narrate_forward", "narrate_backward"):
        for k in ("code", "call", "returned"):
            if k not in r: err(rid, f"missing {k}")
        ns = {}
        exec(r["code"], ns)
        real = eval(r["call"], ns)
        if repr(real) != r["returned"]: err(rid, f"call gives {real!r}, returned says {r['returned']}")
        if r["usable"]:
            ans = e["answer"]
            try: ast.parse(ans, mode="eval")
            except SyntaxError as x: err(rid, f"answer does not parse: {x}")
            if t == "narrate_forward":
                if repr(eval(ans, {})) != r["returned"]: err(rid, f"answer {ans} != returned {r['returned']}")
            else:
                if not ans.startswith(r["call"].split("(")[0] + "("): err(rid, "answer calls another function")
                if repr(eval(ans, dict(ns))) != r["returned"]: err(rid, f"answer {ans} does not give {r['returned']}")
        if r["returned"] not in r["prompt"] and t == "narrate_backward": err(rid, "output not in prompt")
        items = [e.get("answer")] if r["usable"] else []
    if not r["usable"] and items: err(rid, "unusable reply with non-empty expected")
    if r["usable"] and not items: err(rid, "usable reply with empty expected")

# distribution
by_t = collections.defaultdict(collections.Counter)
for r in rows: by_t[r["template"]][r["family"]] += 1
for t in TEMPLATES:
    if sum(by_t[t].values()) != 6: err(t, f"{sum(by_t[t].values())} replies, want 6")
    if len(by_t[t]) < 5: err(t, f"only {len(by_t[t])} families")

print(f"rows: {len(rows)}")
print("per template:", dict(collections.Counter(r['template'] for r in rows)))
print("per family:", dict(collections.Counter(r['family'] for r in rows)))
print("per mode:", dict(collections.Counter(r['mode'] for r in rows)))
print("truncated:", sum(r['truncated'] for r in rows), " unusable:", sum(not r['usable'] for r in rows))
for t in TEMPLATES: print(f"  {t}: families {dict(by_t[t])}")
for n in notes: print(n)
print(f"ERRORS: {len(errors)}")
for x in errors: print("  " + x)
print("RESULT:", "PASS" if not errors else "FAIL")
sys.exit(1 if errors else 0)
