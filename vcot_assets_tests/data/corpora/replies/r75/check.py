"""Checker for r75 replies.jsonl: structure, Python validity, narration answers, code sanity calls."""
import ast, json, sys
from fractions import Fraction
P = "/work/corpus/replies/r75/replies.jsonl"
SANITY = {
 "r75-candidate_code-01": "wrap_words('a bb ccc dd', 5) == ['a bb', 'ccc', 'dd']",
 "r75-candidate_code-02": "(lambda r: (r.add(3), r.add(1)))(RunningMedian()) == (3.0, 2.0)",
 "r75-candidate_code-03": "grade_index([60, 70, 80], 75) == 2",
 "r75-candidate_code-04": "add_fractions((1, 2), (1, 3)) == (5, 6)",
 "r75-candidate_code-06": "is_min_heap([1, 3, 2, 5]) is True and is_min_heap([2, 1]) is False",
}
RATIO = '''
import math
class Ratio:
    def __init__(self, num, den):
        self.num, self.den = num, den
    def simplify(self):
        g = math.gcd(self.num, self.den)
        return (self.num // g, self.den // g)
'''
KEYS = {"concepts": {"concepts"}, "instructions": {"instructions"}, "signature": {"kind", "name", "line"},
        "candidate_code": {"code"}, "test_scenarios": {"scenarios"}, "candidate_tests": {"tests", "unusable_tests"},
        "extract_entities": {"claims"}, "narrate_forward": {"answer"}, "narrate_backward": {"answer"}}
errors, rows = [], []
for n, line in enumerate(open(P), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        errors.append(f"line {n}: bad JSON {e}")
ref_ns = {}
for r in rows:
    if r["template"] == "candidate_code" and r["usable"]:
        exec(r["expected"]["code"], ref_ns)
exec(RATIO, ref_ns)
for r in rows:
    rid, t, ex = r["id"], r["template"], r["expected"]
    def err(m): errors.append(f"{rid}: {m}")
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: err(f"missing {k}")
    if "{{" in r["prompt"]: err("unrendered slot")
    if r["truncated"] != (r["finish_reason"] == "length"): err("truncated/finish_reason mismatch")
    if r["mode"] not in ("text", "json_object"): err("bad mode")
    if not r["usable"]:
        continue
    if not KEYS[t] <= set(ex): err(f"expected keys {set(ex)}")
    try:
        if t == "candidate_code":
            ast.parse(ex["code"])
            ns = {}; exec(ex["code"], ns)
            if not eval(SANITY[rid], ns): err("sanity call failed")
        elif t == "candidate_tests":
            for a in ex["tests"]:
                tree = ast.parse(a)
                if not (len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert)): err(f"not single assert: {a}")
                exec(a, dict(ref_ns))  # run against reference implementations
        elif t in ("narrate_forward", "narrate_backward"):
            ast.parse(ex["answer"], mode="eval")
            want = eval(r["returned"])
            if t == "narrate_forward":
                got = eval(ex["answer"])
            else:
                ns = {}; exec(r["code"], ns); got = eval(ex["answer"], ns)
            if got != want or type(got) != type(want): err(f"answer {got!r} != returned {want!r}")
        elif t == "signature":
            if not ex["line"].startswith(("Function: ", "Class: ")): err("bad line form")
            if ex["name"] not in ex["line"]: err("name not in line")
            if ex["kind"] == "function":
                ast.parse("def " + ex["line"][len("Function: "):] + ": pass")
        elif t == "instructions":
            for it in ex["instructions"]:
                if it["kind"] not in ("function", "class") or not it["text"]: err("bad instruction item")
        elif t == "extract_entities":
            for c in ex["claims"]:
                if not all(isinstance(c[k], str) for k in ("kind", "name", "value")): err("non-string claim field")
        elif t == "concepts":
            for c in ex["concepts"]:
                if set(c) != {"name", "keyphrase", "description", "examples", "difficulty"}: err("concept keys")
                if c["keyphrase"] not in r["prompt"]: err(f"keyphrase {c['keyphrase']} not in prompt")
    except Exception as e:
        err(f"exception {type(e).__name__}: {e}")
from collections import Counter
print("rows:", len(rows))
for k in ("template", "family", "mode"):
    print(k, dict(Counter(r[k] for r in rows)))
print("truncated:", sum(r["truncated"] for r in rows), "unusable:", sum(not r["usable"] for r in rows))
fam = {}
for r in rows: fam.setdefault(r["template"], set()).add(r["family"])
for t, f in fam.items():
    if len(f) < 5: errors.append(f"{t}: only {len(f)} families")
print("families per template:", {t: len(f) for t, f in fam.items()})
print("ERRORS:" if errors else "ALL CHECKS PASSED")
for e in errors: print(" ", e)
sys.exit(1 if errors else 0)
