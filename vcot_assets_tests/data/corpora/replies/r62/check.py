"""Self-check for r62 replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, collections, sys

PATH = "/work/corpus/replies/r62/replies.jsonl"
SANITY = {  # candidate_code id -> list of (call, expected repr)
    "r62-candidate_code-01": [("is_min_heap([1, 3, 2, 7])", "True"), ("is_min_heap([5, 3, 8])", "False"), ("is_min_heap([])", "True")],
    "r62-candidate_code-02": [("insert_sorted([1, 3, 3, 5], 3)", "[1, 3, 3, 3, 5]"), ("insert_sorted([], 2)", "[2]")],
    "r62-candidate_code-03": [("(lambda b: (b.add(5), b.add(2))[1])(SortedBag())", "[2, 5]")],
    "r62-candidate_code-04": [("common_indent(['  a', '    b', ''])", "'  '"), ("common_indent([])", "''")],
    "r62-candidate_code-06": [("lcs_length('ABCBDAB', 'BDCABA')", "4"), ("lcs_length('', 'x')", "0")],
}
# reference implementations used to run the expected tests of candidate_tests
REF = '''
def insert_sorted(xs, x):
    i = 0
    while i < len(xs) and xs[i] <= x:
        i += 1
    return xs[:i] + [x] + xs[i:]
def is_min_heap(xs):
    return all(xs[k] <= xs[c] for k in range(len(xs)) for c in (2*k+1, 2*k+2) if c < len(xs))
def lcs_length(a, b):
    import functools
    @functools.lru_cache(None)
    def f(i, j):
        if i == len(a) or j == len(b): return 0
        return f(i+1, j+1) + 1 if a[i] == b[j] else max(f(i+1, j), f(i, j+1))
    return f(0, 0)
class SortedBag:
    def __init__(self): self.xs = []
    def add(self, x):
        self.xs = sorted(self.xs + [x]); return list(self.xs)
def common_indent(lines):
    ns = [len(l) - len(l.lstrip(' ')) for l in lines if l.strip()]
    return ' ' * min(ns) if ns else ''
def median_of_lengths(words):
    import statistics
    return statistics.median([len(w) for w in words]) if words else None
'''
KEYS = ["id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"]
FAMS = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}
errors, ok = [], 0
def err(i, m): errors.append(f"{i}: {m}")
rows = []
for n, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        err(f"line {n}", f"does not parse: {e}")
ids = collections.Counter(r.get("id") for r in rows)
for k, v in ids.items():
    if v > 1: err(k, "duplicate id")
by_t = collections.defaultdict(list)
for r in rows:
    i = r.get("id")
    for k in KEYS:
        if k not in r: err(i, f"missing {k}")
    t, e = r["template"], r["expected"]
    by_t[t].append(r)
    if r["family"] not in FAMS: err(i, "bad family")
    if r["mode"] not in ("text", "json_object"): err(i, "bad mode")
    if "{{" in r["prompt"]: err(i, "unfilled slot in prompt")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: err(i, "expected truncated/usable mismatch")
    if (r["finish_reason"] == "length") != r["truncated"]: err(i, "finish_reason vs truncated")
    if r["mode"] == "json_object" and not r["truncated"]:
        try: json.loads(r["reply"])
        except Exception: err(i, "json_object reply is not JSON")
    try:
        if t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard") and len(c["examples"]) >= 1
                assert c["keyphrase"] in r["prompt"], "keyphrase not in prompt"
        elif t == "instructions":
            for x in e["instructions"]:
                assert x["kind"] in ("function", "class") and x["text"].strip()
                assert not x["text"].lstrip().startswith(("[", "1.")), "numbering or tag left in"
        elif t == "signature":
            if r["usable"]:
                assert e["kind"] in ("function", "class")
                pre = "Function: " if e["kind"] == "function" else "Class: "
                assert e["line"].startswith(pre + e["name"]), e["line"]
                if e["kind"] == "function":
                    ast.parse("def " + e["line"][len(pre):] + ": pass")
                else:
                    for part in e["line"].split("; ")[1:]:
                        ast.parse("def " + part + ": pass")
        elif t == "candidate_code":
            if r["usable"]:
                ast.parse(e["code"])
                assert i in SANITY, "no sanity call"
                ns = {}
                exec(e["code"], ns)
                for call, want in SANITY[i]:
                    got = eval(call, ns)
                    assert repr(got) == want, (call, got, want)
        elif t == "test_scenarios":
            assert all(isinstance(s, str) and s.strip() for s in e["scenarios"])
            assert r["usable"] == bool(e["scenarios"])
        elif t == "candidate_tests":
            ns = {}
            exec(REF, ns)
            for tst in e["tests"]:
                tree = ast.parse(tst)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert), tst
                cmp = tree.body[0].test
                assert isinstance(cmp, ast.Compare) and isinstance(cmp.ops[0], ast.Eq), tst
                assert tst in r["reply"] or tst.replace('"', '\\"') in r["reply"], "test not verbatim in reply: " + tst
                exec(tst, dict(ns))
            assert isinstance(e.get("unusable_tests", []), list)
        elif t == "extract_entities":
            for c in e["claims"]:
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return")
                assert all(isinstance(c[k], str) for k in ("kind", "name", "value")), c
        elif t == "narrate_forward":
            ns = {}
            exec(r["code"], ns)
            assert repr(eval(r["call"], ns)) == r["returned"], "call does not give returned"
            if r["usable"]:
                ast.parse(e["answer"], mode="eval")
                assert eval(e["answer"]) == eval(r["returned"]), (e["answer"], r["returned"])
        elif t == "narrate_backward":
            ns = {}
            exec(r["code"], ns)
            assert repr(eval(r["call"], ns)) == r["returned"], "call does not give returned"
            if r["usable"]:
                ast.parse(e["answer"], mode="eval")
                assert repr(eval(e["answer"], ns)) == r["returned"], (e["answer"], r["returned"])
        else:
            err(i, "unknown template")
        ok += 1
    except Exception as ex:
        err(i, f"{type(ex).__name__}: {ex}")
for t, rs in sorted(by_t.items()):
    fams = {r["family"] for r in rs}
    if len(fams) < 5: err(t, f"only {len(fams)} families")
print(f"rows: {len(rows)}; rows passing template checks: {ok}")
for t, rs in sorted(by_t.items()):
    print(f"  {t}: {len(rs)} rows, families={len({r['family'] for r in rs})}, "
          f"json_object={sum(r['mode']=='json_object' for r in rs)}, truncated={sum(r['truncated'] for r in rs)}, unusable={sum(not r['usable'] for r in rs)}")
print("families:", dict(collections.Counter(r["family"] for r in rows)))
print("modes:", dict(collections.Counter(r["mode"] for r in rows)))
print("truncated:", sum(r["truncated"] for r in rows), "unusable:", sum(not r["usable"] for r in rows))
if errors:
    print("ERRORS:")
    for m in errors: print("  " + m)
    print("RESULT: FAIL")
    sys.exit(1)
print("RESULT: PASS")
