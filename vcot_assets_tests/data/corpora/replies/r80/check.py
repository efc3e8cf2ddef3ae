"""Self-check of r80 replies.jsonl (see BRIEF.md)."""
import ast, json, sys
from collections import Counter
PATH = "/work/corpus/replies/r80/replies.jsonl"
SANITY = {
 "r80-candidate_code-01": "k_smallest([5, 1, 4, 2], 2) == [1, 2]",
 "r80-candidate_code-02": "reduce_fraction(6, -8) == (-3, 4)",
 "r80-candidate_code-03": "common_indent('  a\\n    b\\n\\n  c') == '  '",
 "r80-candidate_code-04": "(lambda b: (b.insert(5), b.insert(1), b.insert(3), b.count_less_than(4))[-1])(SortedBag()) == 2",
 "r80-candidate_code-05": "number_lines('first\\nsecond') == '1: first\\n2: second'",
 "r80-candidate_code-06": "grade(85, [60, 70, 80, 90], 'FDCBA') == 'B'",
}
CODE_FOR = {  # for candidate_tests: reference code from the matching candidate_code reply
 "k_smallest": "r80-candidate_code-01", "reduce_fraction": "r80-candidate_code-02", "common_indent": "r80-candidate_code-03",
 "SortedBag": "r80-candidate_code-04", "number_lines": "r80-candidate_code-05", "grade": "r80-candidate_code-06"}
errors = []; lines = open(PATH, encoding="utf-8").read().splitlines()
rows = []
for i, l in enumerate(lines, 1):
    try: rows.append(json.loads(l))
    except Exception as e: errors.append(f"line {i}: bad JSON {e}")
KEYS = {"id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"}
codes = {r["id"]: r["expected"].get("code") for r in rows if r["template"] == "candidate_code"}
ids = Counter(r["id"] for r in rows)
for k, v in ids.items():
    if v > 1: errors.append(f"duplicate id {k}")
def err(r, m): errors.append(f"{r['id']}: {m}")
for r in rows:
    t, e = r["template"], r["expected"]
    if not KEYS <= set(r): err(r, f"missing keys {KEYS - set(r)}")
    if "{{" in r["prompt"]: err(r, "unfilled slot in prompt")
    if r["truncated"] != (r["finish_reason"] == "length"): err(r, "truncated/finish_reason mismatch")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: err(r, "expected flags mismatch")
    if r["mode"] not in ("text", "json_object"): err(r, "bad mode")
    if r["mode"] == "json_object" and r["usable"] and not r["truncated"]:
        try: json.loads(r["reply"])
        except Exception as x: err(r, f"json_object reply not JSON: {x}")
    if not r["usable"]: continue
    try:
        if t == "candidate_code":
            ast.parse(e["code"]); ns = {}; exec(e["code"], ns)
            if not eval(SANITY[r["id"]], ns): err(r, "sanity call failed")
            if r["mode"] == "text" and e["code"] not in r["reply"]: err(r, "code not verbatim in reply")
        elif t == "candidate_tests":
            for s in e["tests"]:
                tree = ast.parse(s)
                if not (len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert)): err(r, f"not a single assert: {s}")
                if r["mode"] == "text" and s not in r["reply"]: err(r, f"test not verbatim: {s}")
                name = next((n for n in CODE_FOR if s.startswith("assert " + n)), None)
                ns = {}; exec(codes[CODE_FOR[name]], ns)
                try: exec(s, ns)
                except AssertionError: err(r, f"test fails on reference solution: {s}")
        elif t == "narrate_forward":
            ast.parse(e["answer"], mode="eval")
            if eval(e["answer"]) != eval(r["returned"]): err(r, "answer != returned")
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval"); ns = {}; exec(r["code"], ns)
            if eval(e["answer"], ns) != eval(r["returned"]): err(r, "call does not give returned")
        elif t == "signature":
            kind = e["kind"]; line = e["line"]
            if not line.startswith("Function: " if kind == "function" else "Class: "): err(r, "line/kind mismatch")
            if e["name"] not in line: err(r, "name not in line")
            if kind == "function": ast.parse("def " + line[len("Function: "):] + ": pass")
            else:
                for part in line.split("; ")[1:]: ast.parse("def " + part + ": pass")
        elif t == "extract_entities":
            for c in e["claims"]:
                if not all(isinstance(c[k], str) for k in ("kind", "name", "value")): err(r, "non-string claim field")
        elif t == "instructions":
            for it in e["instructions"]:
                if it["kind"] not in ("function", "class") or it["text"] not in r["reply"].replace('\\"', '"'): err(r, f"instruction not in reply: {it['text'][:40]}")
        elif t == "test_scenarios":
            if not e["scenarios"]: err(r, "no scenarios")
        elif t == "concepts":
            for c in e["concepts"]:
                if set(c) != {"name", "keyphrase", "description", "examples", "difficulty"}: err(r, "concept keys")
                if c["name"] not in r["reply"]: err(r, "concept name not in reply")
    except Exception as x:
        err(r, f"{type(x).__name__}: {x}")
def cnt(key): return dict(sorted(Counter(r[key] for r in rows).items()))
print("rows:", len(rows))
print("per template:", cnt("template"))
print("per family:", cnt("family"))
print("per mode:", cnt("mode"))
print("truncated:", sum(r["truncated"] for r in rows), " unusable:", sum(not r["usable"] for r in rows))
fam_per_t = {}
for r in rows: fam_per_t.setdefault(r["template"], set()).add(r["family"])
for t, f in sorted(fam_per_t.items()):
    if len(f) < 5: errors.append(f"{t}: only {len(f)} families")
print("families per template:", {t: len(f) for t, f in sorted(fam_per_t.items())})
print("errors:", len(errors)); [print("  ", x) for x in errors]
print("RESULT:", "PASS" if not errors else "FAIL")
sys.exit(1 if errors else 0)
