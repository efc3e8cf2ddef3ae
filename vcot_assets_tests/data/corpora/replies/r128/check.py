"""Self-check for r128's replies.jsonl. Usage: python3 check.py > check_report.txt"""
import ast, json, sys
from collections import Counter, defaultdict

PATH = "/work/corpus/replies/r128/replies.jsonl"
TEMPLATES = {"concepts", "instructions", "signature", "candidate_code", "test_scenarios",
             "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"}
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}
KINDS = {"value", "index", "comparison", "branch", "loop", "return"}

# sanity calls for candidate_code, keyed by id: (expression, expected value)
SANITY = {
    "r128-candidate_code-01": [("rotate_list([1, 2, 3, 4, 5], 2)", [4, 5, 1, 2, 3]), ("rotate_list([1, 2, 3], -1)", [2, 3, 1]), ("rotate_list([], 3)", [])],
    "r128-candidate_code-02": [("Carousel([1, 2, 3]).step(1)", 3), ("Carousel([1, 2, 3]).step(0)", 1), ("Carousel([1, 2, 3]).step(-1)", 2)],
    "r128-candidate_code-03": [("wrap_words('the quick brown fox', 10)", ["the quick", "brown fox"]), ("wrap_words('', 5)", [])],
    "r128-candidate_code-04": [("(lambda t: [t.add(3), t.add(1), t.add(2)])(MedianTracker())", [3, 1, 2])],
    "r128-candidate_code-05": [("reduce_fraction(8, -6)", (-4, 3)), ("reduce_fraction(0, 5)", (0, 1))],
}
# reference implementations to run extracted candidate tests against (informational + required pass)
REFS = {
    "rotate_list": "r128-candidate_code-01", "wrap_words": "r128-candidate_code-03",
    "MedianTracker": "r128-candidate_code-04", "reduce_fraction": "r128-candidate_code-05",
    "Carousel": "r128-candidate_code-02",
}
RECENT = '''class RecentWindow:
    def __init__(self, k):
        self.k = k
        self.values = []
    def push(self, x):
        self.values.append(x)
        if len(self.values) > self.k:
            self.values.pop(0)
        return list(self.values)
'''

errors = []
def err(rid, msg):
    errors.append("%s: %s" % (rid, msg))

def sig_ok(line):
    if line.startswith("Function: "):
        ast.parse("def " + line[len("Function: "):] + ": pass")
        return True
    if line.startswith("Class: "):
        parts = [p.strip() for p in line[len("Class: "):].split(";")]
        ast.parse("class %s: pass" % parts[0])
        assert parts[1].startswith("__init__(self"), "no __init__ after class name"
        for m in parts[1:]:
            ast.parse("def " + m + ": pass")
        return True
    return False

rows = []
lines = open(PATH, encoding="utf-8").read().splitlines()
for i, l in enumerate(lines, 1):
    try:
        rows.append(json.loads(l))
    except Exception as e:
        err("line %d" % i, "does not parse: %s" % e)

ids = Counter(r["id"] for r in rows)
for k, v in ids.items():
    if v > 1: err(k, "duplicate id")

code_ns = {}
for r in rows:
    rid, t, e = r.get("id"), r.get("template"), r.get("expected")
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: err(rid, "missing key " + k)
    if t not in TEMPLATES: err(rid, "bad template"); continue
    if r["family"] not in FAMILIES: err(rid, "bad family")
    if r["mode"] not in ("text", "json_object"): err(rid, "bad mode")
    if r["finish_reason"] not in ("stop", "length"): err(rid, "bad finish_reason")
    if r["truncated"] != (r["finish_reason"] == "length"): err(rid, "truncated/finish_reason mismatch")
    if "{{" in r["prompt"]: err(rid, "unfilled slot in prompt")
    if not rid.startswith("r128-%s-" % t): err(rid, "id does not match template")
    if r["mode"] == "json_object" and r["usable"]:
        try: json.loads(r["reply"])
        except Exception: err(rid, "json_object reply is not bare JSON")
    if not r["usable"]:
        if e: err(rid, "unusable but expected not empty")
        continue
    try:
        if t == "concepts":
            assert e["concepts"]
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c.keys()
                assert c["difficulty"] in ("easy", "medium", "hard") and len(c["examples"]) == 2
                assert c["keyphrase"] in r["prompt"], "keyphrase not in prompt: " + c["keyphrase"]
        elif t == "instructions":
            assert e["instructions"]
            for it in e["instructions"]:
                assert it["kind"] in ("function", "class") and it["text"] and not it["text"].startswith("[")
                assert it["text"] in r["reply"].replace('\\"', '"') or it["text"] in json.loads(r["reply"]).__str__(), "text not in reply"
        elif t == "signature":
            assert e["kind"] in ("function", "class") and e["name"] in e["line"]
            assert sig_ok(e["line"]), "bad signature line"
            assert e["line"].startswith("Function: " if e["kind"] == "function" else "Class: ")
        elif t == "candidate_code":
            ast.parse(e["code"])
            ns = {}
            exec(e["code"], ns)
            calls = SANITY.get(rid)
            assert calls, "no sanity call"
            for expr, want in calls:
                got = eval(expr, ns)
                assert got == want, "sanity %s -> %r, want %r" % (expr, got, want)
            code_ns[rid] = e["code"]
        elif t == "test_scenarios":
            assert e["scenarios"] and all(isinstance(s, str) and s.strip() for s in e["scenarios"])
            assert len(set(e["scenarios"])) == len(e["scenarios"]), "duplicate scenario"
        elif t == "candidate_tests":
            assert e["tests"]
            for s in e["tests"]:
                tree = ast.parse(s)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert), s
                cmp = tree.body[0].test
                assert isinstance(cmp, ast.Compare) and isinstance(cmp.ops[0], ast.Eq), s
                if r["mode"] == "json_object":
                    blob = "\n".join(json.loads(r["reply"])["tests"])
                else:
                    blob = r["reply"]
                assert s in blob, "test not found verbatim in reply: " + s
            for u in e.get("unusable_tests", []):
                assert isinstance(u, str) and ":" in u
        elif t == "extract_entities":
            assert e["claims"]
            for c in e["claims"]:
                assert c["kind"] in KINDS and isinstance(c["value"], str) and isinstance(c["name"], str)
        elif t == "narrate_forward":
            ast.parse(e["answer"], mode="eval")
            ns = {}
            exec(r["code"], ns)
            real = eval(r["call"], ns)
            assert repr(real) == r["returned"], "call does not give returned"
            assert eval(e["answer"]) == eval(r["returned"]) and type(eval(e["answer"])) == type(real), "answer != returned"
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval")
            ns = {}
            exec(r["code"], ns)
            assert repr(eval(r["call"], dict(ns))) == r["returned"], "call does not give returned"
            got = eval(e["answer"], dict(ns))
            assert repr(got) == r["returned"], "answer gives %r" % (got,)
    except Exception as ex:
        err(rid, "%s: %s" % (type(ex).__name__, ex))

# run extracted candidate tests against reference implementations
ref_ns = {}
for name, cid in REFS.items():
    if cid in code_ns:
        exec(code_ns[cid], ref_ns)
exec(RECENT, ref_ns)
test_runs = Counter()
for r in rows:
    if r["template"] == "candidate_tests" and r["usable"]:
        for s in r["expected"]["tests"]:
            try:
                exec(s, dict(ref_ns)); test_runs["pass"] += 1
            except Exception as ex:
                test_runs["fail"] += 1; err(r["id"], "test fails on reference: %s (%s)" % (s, type(ex).__name__))

print("lines:", len(lines), "rows:", len(rows))
by_t = defaultdict(Counter)
for r in rows: by_t[r["template"]][r["family"]] += 1
print("\nper template (count, families):")
for t in sorted(by_t):
    n = sum(by_t[t].values()); print("  %-18s %2d  families=%d  %s" % (t, n, len(by_t[t]), dict(by_t[t])))
    if len(by_t[t]) < 5: err(t, "fewer than 5 families")
print("\nper family:", dict(Counter(r["family"] for r in rows)))
print("per mode:", dict(Counter(r["mode"] for r in rows)))
print("truncated:", sum(r["truncated"] for r in rows), " unusable:", sum(not r["usable"] for r in rows))
print("candidate tests run against reference implementations:", dict(test_runs))
print("\nerrors: %d" % len(errors))
for x in errors: print("  " + x)
print("\nRESULT:", "OK" if not errors else "FAIL")
sys.exit(1 if errors else 0)
