"""Self-check for r138/replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, re, sys, collections, os
HERE = os.path.dirname(os.path.abspath(__file__))
rows, errs = [], []
def err(rid, msg): errs.append(f"{rid}: {msg}")
for n, line in enumerate(open(os.path.join(HERE, "replies.jsonl"), encoding="utf-8"), 1):
    try: rows.append(json.loads(line))
    except Exception as e: errs.append(f"line {n}: does not parse: {e}")

KEYS = {"id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"}
FAMS = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}
TEMPLATES = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios", "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"]

# reference implementations used to check that candidate_tests' expected values are right
REF = {
 "is_min_heap": "def is_min_heap(a):\n    return all(a[(c - 1) // 2] <= a[c] for c in range(1, len(a)))\n",
 "reduce_fraction": "from math import gcd\ndef reduce_fraction(num, den):\n    g = gcd(num, den)\n    n, d = num // g, den // g\n    return (-n, -d) if d < 0 else (n, d)\n",
 "run_length_encode": "import itertools\ndef run_length_encode(s):\n    return [(k, len(list(g))) for k, g in itertools.groupby(s)]\n",
 "Leaderboard": "class Leaderboard:\n    def __init__(self):\n        self.p = {}\n    def record(self, name):\n        self.p[name] = self.p.get(name, 0) + 1\n    def top(self, n):\n        return sorted(self.p, key=lambda k: -self.p[k])[:n]\n",
 "longest_run": "import itertools\ndef longest_run(nums):\n    best = None\n    for k, g in itertools.groupby(nums):\n        l = len(list(g))\n        if best is None or l > best[1]:\n            best = (k, l)\n    return best\n",
 "HeapChecker": "class HeapChecker:\n    def __init__(self, a):\n        self.a = a\n    def check(self):\n        b = sum(self.a[(c - 1) // 2] > self.a[c] for c in range(1, len(self.a)))\n        return (b == 0, b)\n",
}
# sanity calls for candidate_code expected.code, by the name the code defines
SANITY = {
 "is_min_heap": [("is_min_heap([1, 3, 2, 7])", True), ("is_min_heap([4, 1])", False), ("is_min_heap([])", True)],
 "run_length_encode": [("run_length_encode('aaabcc')", [("a", 3), ("b", 1), ("c", 2)]), ("run_length_encode('')", [])],
 "reduce_fraction": [("reduce_fraction(6, -8)", (-3, 4)), ("reduce_fraction(0, 5)", (0, 1))],
 "Leaderboard": [("(lambda lb: (lb.record('ann'), lb.record('bob'), lb.record('bob'), lb.record('cy'), lb.top(2))[-1])(Leaderboard())", ["bob", "ann"])],
 "HeapChecker": [("HeapChecker([1, 3, 2]).check()", (True, 0)), ("HeapChecker([5, 1, 2]).check()", (False, 2))],
}
SIG_F = re.compile(r"^Function: [A-Za-z_]\w*\(.*\) -> .+$")
SIG_C = re.compile(r"^Class: [A-Za-z_]\w*; __init__\(self.*\) -> None(; [A-Za-z_]\w*\(self.*\) -> .+)+$")

def parses(rid, src, what, mode="exec"):
    try: ast.parse(src, mode=mode); return True
    except SyntaxError as e: err(rid, f"{what} does not parse: {e}: {src!r}"); return False

counts = collections.defaultdict(collections.Counter)
fam_by_t = collections.defaultdict(set)
ids = set()
checked = collections.Counter()
for r in rows:
    rid = r.get("id", "?")
    if rid in ids: err(rid, "duplicate id")
    ids.add(rid)
    miss = KEYS - set(r)
    if miss: err(rid, f"missing keys {miss}"); continue
    t, e = r["template"], r["expected"]
    if t not in TEMPLATES: err(rid, f"unknown template {t}")
    if not rid.startswith(f"r138-{t}-"): err(rid, "id does not match template")
    if r["family"] not in FAMS: err(rid, f"unknown family {r['family']}")
    if r["mode"] not in ("text", "json_object"): err(rid, "bad mode")
    if r["finish_reason"] != ("length" if r["truncated"] else "stop"): err(rid, "finish_reason/truncated mismatch")
    if e.get("truncated", r["truncated"]) != r["truncated"]: err(rid, "expected.truncated mismatch")
    if "{{" in r["prompt"] or "}}" in r["prompt"]: err(rid, "unfilled slot in prompt")
    if f"Task: {t}" not in r["prompt"]: err(rid, "prompt is not of its template")
    if r["mode"] == "json_object" and r["usable"] and not r["truncated"]:
        try: json.loads(r["reply"])
        except Exception: err(rid, "json_object reply is not JSON")
    counts[t]["total"] += 1; counts[t][r["family"]] += 1; counts[t][r["mode"]] += 1
    counts[t]["truncated"] += r["truncated"]; counts[t]["unusable"] += (not r["usable"])
    fam_by_t[t].add(r["family"])
    if not r["usable"]:
        vals = [v for v in e.values() if v]
        if vals: err(rid, "unusable reply but expected holds items")
        continue
    if t == "concepts":
        for c in e["concepts"]:
            if set(c) != {"name", "keyphrase", "description", "examples", "difficulty"}: err(rid, f"concept keys {set(c)}")
            if c["difficulty"] not in ("easy", "medium", "hard"): err(rid, "difficulty")
            if c["keyphrase"] not in r["prompt"]: err(rid, f"keyphrase {c['keyphrase']!r} not in prompt")
            if c["name"] not in r["reply"]: err(rid, f"concept name {c['name']!r} not in reply")
        if not e["concepts"]: err(rid, "no concepts")
    elif t == "instructions":
        for i in e["instructions"]:
            if i["kind"] not in ("function", "class"): err(rid, "kind")
            if i["text"] not in r["reply"] and json.dumps(i["text"])[1:-1] not in r["reply"]: err(rid, f"instruction text not verbatim in reply: {i['text'][:40]}")
            if re.match(r"^\s*(\d+\.|\[)", i["text"]): err(rid, "numbering or kind tag left in text")
    elif t == "signature":
        rx = SIG_F if e["kind"] == "function" else SIG_C
        if not rx.match(e["line"]): err(rid, f"signature line not canonical: {e['line']}")
        if e["name"] not in e["line"]: err(rid, "name not in line")
        body = e["line"].split(": ", 1)[1]
        if e["kind"] == "function":
            parses(rid, "def " + body + ": pass", "signature")
        else:
            for part in body.split("; ")[1:]:
                parses(rid, "def " + part + ": pass", "method signature")
    elif t == "candidate_code":
        code = e["code"]
        if parses(rid, code, "code"):
            ns = {}
            exec(code, ns)
            name = next(n for n in SANITY if n in ns)
            for call, want in SANITY[name]:
                got = eval(call, ns)
                if got != want: err(rid, f"sanity {call} -> {got!r}, want {want!r}")
                else: checked["sanity calls"] += 1
            if code not in r["reply"]: err(rid, "code not verbatim in reply")
    elif t == "test_scenarios":
        if not e["scenarios"]: err(rid, "no scenarios")
        for s in e["scenarios"]:
            if s not in r["reply"] and json.dumps(s)[1:-1] not in r["reply"]: err(rid, f"scenario not in reply: {s}")
    elif t == "candidate_tests":
        for a in e["tests"]:
            if not a.startswith("assert ") or " == " not in a: err(rid, f"not an equality assert: {a}")
            if not parses(rid, a, "test"): continue
            if a not in r["reply"] and json.dumps(a)[1:-1] not in r["reply"]: err(rid, f"test not verbatim in reply: {a}")
            ns = {}
            for src in REF.values(): exec(src, ns)
            try: exec(a, ns); checked["tests passing reference"] += 1
            except AssertionError: err(rid, f"test fails against reference: {a}")
        if not isinstance(e.get("unusable_tests"), list): err(rid, "unusable_tests missing")
    elif t == "extract_entities":
        for c in e["claims"]:
            if c["kind"] not in ("value", "index", "comparison", "branch", "loop", "return"): err(rid, f"claim kind {c['kind']}")
            if not isinstance(c["value"], str): err(rid, "claim value not a string")
    elif t == "narrate_forward":
        if parses(rid, e["answer"], "answer", "eval"):
            if eval(e["answer"]) != eval(r["returned"]): err(rid, f"answer {e['answer']} != returned {r['returned']}")
            else: checked["forward answers"] += 1
        ns = {}; exec(r["code"], ns)
        if repr(eval(r["call"], ns)) != r["returned"]: err(rid, "recorded call does not give returned")
    elif t == "narrate_backward":
        if parses(rid, e["answer"], "answer", "eval"):
            ns = {}; exec(r["code"], ns)
            got = eval(e["answer"], ns)
            if repr(got) != r["returned"]: err(rid, f"{e['answer']} gives {got!r}, not {r['returned']}")
            else: checked["backward answers"] += 1
            if not e["answer"].startswith("f("): err(rid, "answer is not a call of f")

for t in TEMPLATES:
    if counts[t]["total"] != 6: err(t, f"{counts[t]['total']} replies, want 6")
    if len(fam_by_t[t]) < 5: err(t, f"only {len(fam_by_t[t])} families")

print(f"rows: {len(rows)}")
for t in TEMPLATES:
    c = counts[t]
    print(f"{t:18s} total={c['total']} families={len(fam_by_t[t])} json_object={c['json_object']} truncated={c['truncated']} unusable={c['unusable']}")
tot = collections.Counter()
for r in rows: tot[r["family"]] += 1; tot[r["mode"]] += 1
print("by family/mode:", dict(tot))
print("truncated:", sum(r["truncated"] for r in rows), "unusable:", sum(not r["usable"] for r in rows))
print("checked:", dict(checked))
print("ERRORS:", len(errs))
for x in errs: print("  " + x)
print("PASS" if not errs else "FAIL")
sys.exit(1 if errs else 0)
