"""Self-check for r54 replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, collections, sys
P = "/work/corpus/replies/r54/replies.jsonl"
TEMPLATES = ["concepts","instructions","signature","candidate_code","test_scenarios","candidate_tests","extract_entities","narrate_forward","narrate_backward"]
FAMS = {"mistral-small-24b","qwen2.5-coder-7b","llama-3.1-8b","gpt-4o-mini","deepseek-r1-distill","smollm2-135m"}
SANITY = {  # candidate_code id -> calls that must be true
 "r54-candidate_code-01": ["insertion_point([1, 3, 3, 5], 3) == 1", "insertion_point([], 4) == 0"],
 "r54-candidate_code-02": ["SortedBag([5, 1, 3]).add(4) == 2", "SortedBag([]).add(7) == 0"],
 "r54-candidate_code-03": ["median_of([1, 3, 5, 7]) == 4.0", "median_of([3, 1, 2]) == 2"],
 "r54-candidate_code-04": ["common_indent('  x\\n   y\\n\\n') == 2", "common_indent('') == 0"],
 "r54-candidate_code-05": ["longest_run([1, 1, 2, 2, 2, 3]) == 3", "longest_run([]) == 0"],
}
# reference implementations, to confirm candidate_tests expectations are right
REF = '''
def insertion_point(xs, x):
    import bisect; return bisect.bisect_left(xs, x)
class SortedBag:
    def __init__(self, items): self.items = sorted(items)
    def add(self, x):
        import bisect; i = bisect.bisect_left(self.items, x); self.items.insert(i, x); return i
def median_of(xs):
    import statistics; return statistics.median(xs)
def longest_run(xs):
    import itertools; return max((len(list(g)) for _, g in itertools.groupby(xs)), default=0)
class RunGrouper:
    def groups(self, xs):
        import itertools; return [(k, len(list(g))) for k, g in itertools.groupby(xs)]
def common_indent(text):
    w = [len(l) - len(l.lstrip(" ")) for l in text.split("\\n") if l.strip()]
    return min(w) if w else 0
'''
errs, n = [], 0
rows = []
for i, line in enumerate(open(P, encoding="utf-8"), 1):
    try:
        r = json.loads(line)
    except Exception as e:
        errs.append(f"line {i}: does not parse: {e}"); continue
    rows.append(r)
ids = collections.Counter(r["id"] for r in rows)
for k, v in ids.items():
    if v > 1: errs.append(f"{k}: duplicate id")
for r in rows:
    rid, t, e = r["id"], r["template"], r["expected"]
    def bad(m): errs.append(f"{rid}: {m}")
    for key in ("id","template","family","mode","prompt","reply","finish_reason","expected","truncated","usable","notes"):
        if key not in r: bad(f"missing {key}")
    if t not in TEMPLATES: bad("unknown template")
    if r["family"] not in FAMS: bad("unknown family")
    if r["mode"] not in ("text","json_object"): bad("bad mode")
    if "{{" in r["prompt"]: bad("unfilled slot in prompt")
    if r["truncated"] != (r["finish_reason"] == "length"): bad("truncated/finish_reason mismatch")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: bad("expected flags differ")
    if r["mode"] == "json_object" and r["finish_reason"] == "stop":
        try: json.loads(r["reply"])
        except Exception as ex: bad(f"json_object reply is not JSON: {ex}")
    if not r["usable"]:
        continue
    try:
        if t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name","keyphrase","description","examples","difficulty"}, c
                assert c["difficulty"] in ("easy","medium","hard") and len(c["examples"]) == 2
                assert c["keyphrase"] in r["prompt"], "keyphrase not in prompt"
                assert c["name"] in r["reply"], "name not in reply"
        elif t == "instructions":
            for it in e["instructions"]:
                assert it["kind"] in ("function","class") and it["text"] in r["reply"], it
        elif t == "signature":
            assert e["kind"] in ("function","class") and e["name"] in r["reply"]
            line = e["line"]
            if e["kind"] == "function":
                assert line.startswith("Function: " + e["name"] + "(")
                ast.parse("def " + line[len("Function: "):] + ": pass")
            else:
                parts = line.split("; ")
                assert parts[0] == "Class: " + e["name"] and parts[1].startswith("__init__(self")
                for p in parts[1:]: ast.parse("def " + p + ": pass")
        elif t == "candidate_code":
            ast.parse(e["code"])
            assert e["code"].strip() in r["reply"] or r["mode"] == "json_object"
            ns = {}; exec(e["code"], ns)
            calls = SANITY[rid]
            for c in calls: assert eval(c, ns), c
        elif t == "test_scenarios":
            assert e["scenarios"]
            for s in e["scenarios"]: assert s in r["reply"], s
        elif t == "candidate_tests":
            ns = {}; exec(REF, ns)
            for s in e["tests"]:
                tree = ast.parse(s); assert isinstance(tree.body[0], ast.Assert) and len(tree.body) == 1
                assert s in r["reply"].replace('\\"', '"').replace("\\\\", "\\") or s in r["reply"], ("not in reply", s)
                exec(s, ns)
        elif t == "extract_entities":
            for c in e["claims"]:
                assert set(c) == {"kind","name","value"} and all(isinstance(v, str) for v in c.values())
                assert c["kind"] in ("value","index","comparison","branch","loop","return")
        elif t == "narrate_forward":
            ast.parse(e["answer"], mode="eval")
            assert eval(e["answer"]) == eval(r["returned"]), (e["answer"], r["returned"])
            ns = {}; exec(r["code"], ns); assert repr(eval(r["call"], ns)) == r["returned"]
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval")
            ns = {}; exec(r["code"], ns)
            assert repr(eval(e["answer"], ns)) == r["returned"], (e["answer"], r["returned"])
    except Exception as ex:
        bad(f"{type(ex).__name__}: {ex}")
    n += 1
print(f"rows: {len(rows)}; usable rows checked: {n}")
by_t = collections.defaultdict(set); cnt = collections.Counter(r["template"] for r in rows)
for r in rows: by_t[r["template"]].add(r["family"])
for t in TEMPLATES:
    print(f"  {t}: {cnt[t]} replies, {len(by_t[t])} families")
    if len(by_t[t]) < 5: errs.append(f"{t}: fewer than 5 families")
print("families:", dict(collections.Counter(r["family"] for r in rows)))
print("modes:", dict(collections.Counter(r["mode"] for r in rows)))
print("truncated:", sum(r["truncated"] for r in rows), " unusable:", sum(not r["usable"] for r in rows))
print("errors:", len(errs))
for x in errs: print("  ", x)
print("PASS" if not errs else "FAIL")
sys.exit(1 if errs else 0)
