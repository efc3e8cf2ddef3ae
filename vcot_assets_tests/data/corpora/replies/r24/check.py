"""Self-check for r24 replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, re, sys
from collections import Counter

PATH = '/work/corpus/replies/r24/replies.jsonl'
TEMPLATES = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios",
             "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"]
FAMILIES = ["mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"]
KEYS = ["id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"]

# sanity calls for each candidate_code solution: (expression, expected value)
SANITY = {
    "r24-candidate_code-01": [("k_smallest([7, 2, 9, 4, 1], 3)", [1, 2, 4]), ("k_smallest([], 2)", [])],
    "r24-candidate_code-02": [("(lambda q: (q.push(2, 'b'), q.push(1, 'a'), q.push(1, 'c'), [q.pop(), q.pop(), q.pop(), q.pop()])[-1])(TaskQueue())", ['a', 'c', 'b', None])],
    "r24-candidate_code-03": [("insertion_index([1, 2, 2, 2, 3], 2)", 1), ("insertion_index([], 5)", 0)],
    "r24-candidate_code-04": [("Ratio(1, 2).add(1, 3)", (5, 6)), ("Ratio(1, -2).add(0, 1)", (-1, 2))],
    "r24-candidate_code-05": [("multimode([4, 4, 1, 1, 5])", [4, 1]), ("multimode([])", [])],
}
# reference implementations to run the expected candidate tests against
REF_EXTRA = '''
def count_in_range(values, low, high):
    return sum(1 for v in values if low <= v <= high)
'''
TEST_REF = {  # candidate_tests id -> candidate_code id providing the implementation (or 'extra')
    "r24-candidate_tests-01": "r24-candidate_code-01",
    "r24-candidate_tests-02": "r24-candidate_code-02",
    "r24-candidate_tests-03": "r24-candidate_code-03",
    "r24-candidate_tests-04": "r24-candidate_code-05",
    "r24-candidate_tests-05": "extra",
    "r24-candidate_tests-06": "r24-candidate_code-04",
}
SIG_RE = re.compile(r"^(Function: \w+\(.*\) -> .+|Class: \w+(; \w+\(self.*\) -> [^;]+)+)$")

errors = []
def err(rid, msg):
    errors.append(f"{rid}: {msg}")

def reply_text(r):
    """Text to search expected items in: the reply, plus the decoded strings of a JSON reply."""
    t = r["reply"]
    if r["mode"] == "json_object":
        try:
            t += "\n" + json.dumps(json.loads(r["reply"]), ensure_ascii=False)
            def walk(o):
                if isinstance(o, str): yield o
                elif isinstance(o, dict):
                    for v in o.values(): yield from walk(v)
                elif isinstance(o, list):
                    for v in o: yield from walk(v)
            t += "\n" + "\n".join(walk(json.loads(r["reply"])))
        except Exception as e:
            err(r["id"], f"json_object reply does not parse: {e}")
    return t

recs = []
for n, line in enumerate(open(PATH), 1):
    try:
        recs.append(json.loads(line))
    except Exception as e:
        err(f"line {n}", f"does not parse: {e}")

ids = Counter(r.get("id") for r in recs)
for i, c in ids.items():
    if c > 1: err(i, "duplicate id")

codes = {}
for r in recs:
    rid = r.get("id")
    for k in KEYS:
        if k not in r: err(rid, f"missing key {k}")
    t = r["template"]
    if t not in TEMPLATES: err(rid, "bad template")
    if not rid.startswith(f"r24-{t}-"): err(rid, "id does not match template")
    if r["family"] not in FAMILIES: err(rid, "bad family")
    if r["mode"] not in ("text", "json_object"): err(rid, "bad mode")
    if r["finish_reason"] not in ("stop", "length"): err(rid, "bad finish_reason")
    if r["truncated"] != (r["finish_reason"] == "length"): err(rid, "truncated/finish_reason mismatch")
    if "{{" in r["prompt"]: err(rid, "unfilled slot in prompt")
    if f"Task: {t}" not in r["prompt"]: err(rid, "prompt is not this template")
    if r["family"] == "deepseek-r1-distill" and r["mode"] == "text" and not r["reply"].startswith("<think>"):
        err(rid, "deepseek text reply without <think>")
    if r["mode"] == "json_object" and r["usable"]:
        try: json.loads(r["reply"])
        except Exception as e: err(rid, f"json_object reply not JSON: {e}")
    e = r["expected"]; usable = r["usable"]; text = reply_text(r)

    if t == "concepts":
        cs = e["concepts"]
        if usable and not cs: err(rid, "usable but no concepts")
        for c in cs:
            if set(c) != {"name", "keyphrase", "description", "examples", "difficulty"}: err(rid, f"concept keys {set(c)}")
            if c["difficulty"] not in ("easy", "medium", "hard"): err(rid, "difficulty")
            if c["name"] not in text or c["description"] not in text: err(rid, f"concept not in reply: {c['name']}")
            if c["keyphrase"] not in r["prompt"]: err(rid, f"keyphrase not in prompt: {c['keyphrase']}")
    elif t == "instructions":
        its = e["instructions"]
        if usable and not its: err(rid, "usable but empty")
        for it in its:
            if it["kind"] not in ("function", "class"): err(rid, "kind")
            if it["text"] not in text: err(rid, f"instruction text not in reply: {it['text'][:40]}")
    elif t == "signature":
        if e["kind"] not in ("function", "class"): err(rid, "kind")
        if not SIG_RE.match(e["line"]): err(rid, f"line not canonical: {e['line']}")
        if not e["line"].startswith(("Function: " if e["kind"] == "function" else "Class: ") + e["name"]): err(rid, "name/kind vs line")
        # the line must parse as Python once turned into def stubs
        if e["kind"] == "function":
            src = "def " + e["line"][len("Function: "):] + ": ..."
        else:
            parts = e["line"].split("; ")
            src = f"class {e['name']}:\n" + "\n".join("    def " + p_ + ": ..." for p_ in parts[1:])
        try: ast.parse(src)
        except SyntaxError as ex: err(rid, f"signature line does not parse: {ex}")
        if e["name"] not in text: err(rid, "name not in reply")
    elif t == "candidate_code":
        if not usable:
            if e.get("code"): err(rid, "unusable but has code")
            continue
        code = e["code"]
        try: ast.parse(code)
        except SyntaxError as ex: err(rid, f"code does not parse: {ex}"); continue
        if code not in text: err(rid, "code not verbatim in reply")
        if "__main__" in code or "print(" in code: err(rid, "demo code left in expected")
        ns = {}
        exec(code, ns)
        codes[rid] = code
        if rid not in SANITY: err(rid, "no sanity call")
        for expr, want in SANITY.get(rid, []):
            got = eval(expr, ns)
            if got != want: err(rid, f"sanity {expr} -> {got!r}, want {want!r}")
    elif t == "test_scenarios":
        sc = e["scenarios"]
        if usable and not sc: err(rid, "usable but empty")
        for s in sc:
            if s not in text: err(rid, f"scenario not in reply: {s[:40]}")
    elif t == "candidate_tests":
        for s in e["tests"]:
            try: node = ast.parse(s).body
            except SyntaxError as ex: err(rid, f"test does not parse: {s}: {ex}"); continue
            if len(node) != 1 or not isinstance(node[0], ast.Assert) or not isinstance(node[0].test, ast.Compare) \
               or not isinstance(node[0].test.ops[0], ast.Eq):
                err(rid, f"not a single assert ==: {s}")
            if s not in text: err(rid, f"test not verbatim in reply: {s}")
        for u in e.get("unusable_tests", []):
            name = u.split(":")[0]
            if name not in text: err(rid, f"unusable test name not in reply: {name}")
    elif t == "extract_entities":
        for c in e["claims"]:
            if set(c) != {"kind", "name", "value"}: err(rid, "claim keys")
            if c["kind"] not in ("value", "index", "comparison", "branch", "loop", "return"): err(rid, f"claim kind {c['kind']}")
            if not all(isinstance(v, str) for v in c.values()): err(rid, "claim values must be strings")
            if c["name"] not in text: err(rid, f"claim name not in reply: {c['name']}")
    elif t in ("narrate_forward", "narrate_backward"):
        for k in ("code", "call", "returned"):
            if k not in r: err(rid, f"missing {k}")
        if r["code"].rstrip("\n") not in r["prompt"]: err(rid, "code not in prompt")
        ns = {}
        exec(r["code"], ns)
        real = eval(r["call"], ns)
        if repr(real) != r["returned"]: err(rid, f"call gives {real!r}, returned says {r['returned']}")
        ans = e["answer"]
        if not usable:
            if ans is not None: err(rid, "unusable but has answer")
            continue
        try: ast.parse(ans, mode="eval")
        except SyntaxError as ex: err(rid, f"answer does not parse: {ex}"); continue
        if t == "narrate_forward":
            if r["call"] not in r["prompt"]: err(rid, "call not in prompt")
            if ast.literal_eval(ans) != ast.literal_eval(r["returned"]): err(rid, f"answer {ans} != returned {r['returned']}")
        else:
            if r["returned"] not in r["prompt"]: err(rid, "output not in prompt")
            got = eval(ans, dict(ns))
            if repr(got) != r["returned"]: err(rid, f"answer call gives {got!r}, want {r['returned']}")
            if not ans.startswith(r["call"].split("(")[0] + "("): err(rid, "answer is not a call of the function")

# run expected candidate tests against implementations
for tid, cid in TEST_REF.items():
    tr = next((r for r in recs if r["id"] == tid), None)
    if tr is None: continue
    ns = {}
    exec(REF_EXTRA if cid == "extra" else codes[cid], ns)
    for s in tr["expected"]["tests"]:
        try: exec(s, dict(ns))
        except AssertionError: err(tid, f"expected test fails on reference: {s}")
        except Exception as ex: err(tid, f"expected test errors: {s}: {ex!r}")

# summary
print(f"records: {len(recs)}")
for label, key in (("template", "template"), ("family", "family"), ("mode", "mode")):
    print(f"by {label}: " + ", ".join(f"{k}={v}" for k, v in sorted(Counter(r[key] for r in recs).items())))
print("truncated:", sum(r["truncated"] for r in recs), " unusable:", sum(not r["usable"] for r in recs))
for t in TEMPLATES:
    fam = Counter(r["family"] for r in recs if r["template"] == t)
    n = sum(fam.values())
    print(f"  {t}: {n} replies, {len(fam)} families" + ("" if n >= 6 and len(fam) >= 5 else "  <-- short"))
    if n < 6 or len(fam) < 5: errors.append(f"{t}: needs 6 replies over >=5 families")
if errors:
    print(f"FAIL: {len(errors)} problems")
    for x in errors: print("  " + x)
    sys.exit(1)
print("PASS: all checks passed")
