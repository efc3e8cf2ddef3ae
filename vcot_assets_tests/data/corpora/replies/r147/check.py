"""Checks replies.jsonl for r147: parse, schema, ast validity, narrate answers, code sanity calls."""
import ast, json, sys, collections
HERE = "/work/corpus/replies/r147/"
SANITY = {  # id -> (expression, expected)
    "r147-candidate_code-01": ("prefix_sums([1, 2, 3])", [1, 3, 6]),
    "r147-candidate_code-02": ("(lambda q: (q.push('a', 2), q.push('b', 1), q.push('c', 1), [q.pop(), q.pop(), q.pop()])[-1])(TaskQueue())", ['b', 'c', 'a']),
    "r147-candidate_code-03": ("reduce_fraction(6, -8)", (-3, 4)),
    "r147-candidate_code-04": ("(lambda s: ([s.add(v) for v in (2, 4, 4, 4, 5, 5, 7, 9)], s.variance())[-1])(Stats())", 32 / 7),
    "r147-candidate_code-05": ("longest_common_substring_length('xxhelloyy', 'zhellow')", 5),
}
# implementations used to confirm candidate_tests' expected values
IMPL = {"prefix_sums": "r147-candidate_code-01", "reduce_fraction": "r147-candidate_code-03",
        "longest_common_substring_length": "r147-candidate_code-05", "Stats": "r147-candidate_code-04"}
KSMALL = "def kth_smallest(nums, k):\n    return sorted(nums)[k - 1]"
SCHEMA = {"concepts": ["concepts"], "instructions": ["instructions"], "signature": ["kind", "name", "line"],
          "candidate_code": ["code"], "test_scenarios": ["scenarios"], "candidate_tests": ["tests", "unusable_tests"],
          "extract_entities": ["claims"], "narrate_forward": ["answer"], "narrate_backward": ["answer"]}
errors, rows = [], []
def err(rid, msg): errors.append(f"{rid}: {msg}")
for i, line in enumerate(open(HERE + "replies.jsonl")):
    try: rows.append(json.loads(line))
    except Exception as e: err(f"line {i+1}", f"does not parse: {e}")
codes = {r["id"]: r["expected"].get("code", "") for r in rows if r["template"] == "candidate_code"}
for r in rows:
    rid, t, e = r["id"], r["template"], r["expected"]
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: err(rid, f"missing {k}")
    if "{{" in r["prompt"]: err(rid, "unfilled slot in prompt")
    if r["mode"] not in ("text", "json_object"): err(rid, "bad mode")
    if r["mode"] == "json_object" and not r["truncated"]:
        try: json.loads(r["reply"])
        except ValueError: err(rid, "json_object reply is not valid JSON")
    if (r["finish_reason"] == "length") != r["truncated"]: err(rid, "finish_reason/truncated mismatch")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: err(rid, "expected flags mismatch")
    for k in SCHEMA[t]:
        if k not in e: err(rid, f"expected lacks {k}")
    usable = r["usable"]
    if t == "concepts":
        for c in e["concepts"]:
            if set(c) != {"name", "keyphrase", "description", "examples", "difficulty"} or c["difficulty"] not in ("easy", "medium", "hard"):
                err(rid, f"bad concept {c}")
            if c["keyphrase"] not in r["prompt"]: err(rid, f"keyphrase not in prompt: {c['keyphrase']}")
    elif t == "instructions":
        for it in e["instructions"]:
            if it["kind"] not in ("function", "class") or not it["text"]: err(rid, f"bad instruction {it}")
    elif t == "signature":
        line_ = e["line"]
        if not line_.startswith({"function": "Function: ", "class": "Class: "}[e["kind"]]): err(rid, "line prefix")
        if e["kind"] == "function":
            try: ast.parse("def " + line_[len("Function: "):] + ": pass")
            except SyntaxError as x: err(rid, f"signature not valid: {x}")
        else:
            parts = [p.strip() for p in line_[len("Class: "):].split(";")]
            if parts[0] != e["name"]: err(rid, "class name")
            for m in parts[1:]:
                try: ast.parse("def " + m + ": pass")
                except SyntaxError as x: err(rid, f"method not valid {m}: {x}")
        if e["name"] not in line_: err(rid, "name not in line")
    elif t == "candidate_code":
        if usable:
            try:
                ast.parse(e["code"]); ns = {}; exec(e["code"], ns)
                expr, want = SANITY[rid]; got = eval(expr, ns)
                if (abs(got - want) > 1e-9 if isinstance(want, float) else got != want): err(rid, f"sanity {expr} -> {got!r} != {want!r}")
            except Exception as x: err(rid, f"code fails: {x!r}")
            if e["code"] not in r["reply"] and json.dumps(e["code"])[1:-1] not in r["reply"]: err(rid, "code not verbatim in reply")
    elif t == "test_scenarios":
        for s in e["scenarios"]:
            if not isinstance(s, str) or not s: err(rid, "bad scenario")
    elif t == "candidate_tests":
        for tst in e["tests"]:
            try: tree = ast.parse(tst)
            except SyntaxError as x: err(rid, f"test not valid: {x}"); continue
            if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Assert): err(rid, f"not one assert: {tst}")
            if tst not in r["reply"] and json.dumps(tst)[1:-1] not in r["reply"]: err(rid, f"test not verbatim: {tst}")
            ns = {}
            for name, cid in IMPL.items():
                if name in tst: exec(codes[cid], ns)
            if "kth_smallest" in tst: exec(KSMALL, ns)
            try: exec(tst, ns)
            except AssertionError: err(rid, f"test fails against reference: {tst}")
            except Exception as x: err(rid, f"test error {tst}: {x!r}")
        for u in e["unusable_tests"]:
            if not u.get("reason"): err(rid, "unusable test without reason")
    elif t == "extract_entities":
        for c in e["claims"]:
            if c["kind"] not in ("value", "index", "comparison", "branch", "loop", "return") or not isinstance(c["value"], str):
                err(rid, f"bad claim {c}")
            if c["name"] not in r["prompt"] and c["kind"] not in ("branch", "loop"): err(rid, f"claim name not in sentence: {c['name']}")
    elif t in ("narrate_forward", "narrate_backward"):
        for k in ("code", "call", "returned"):
            if k not in r: err(rid, f"missing {k}")
        ns = {}; exec(r["code"], ns)
        if repr(eval(r["call"], ns)) != r["returned"]: err(rid, "call does not give returned")
        if usable:
            try:
                ast.parse(e["answer"], mode="eval")
                got = eval(e["answer"], dict(ns)) if t == "narrate_forward" else eval(e["answer"], ns)
                if repr(got) != r["returned"]: err(rid, f"answer {e['answer']} -> {got!r} != {r['returned']}")
                if t == "narrate_forward" and eval(e["answer"]) != eval(r["returned"]): err(rid, "literal mismatch")
            except Exception as x: err(rid, f"answer fails: {x!r}")
    if not usable and t not in ("narrate_forward", "narrate_backward"):
        pass
c_t = collections.Counter(r["template"] for r in rows)
c_f = collections.Counter(r["family"] for r in rows)
c_m = collections.Counter(r["mode"] for r in rows)
fam_t = collections.defaultdict(set)
for r in rows: fam_t[r["template"]].add(r["family"])
for t in SCHEMA:
    if c_t[t] != 6: err(t, f"{c_t[t]} replies, want 6")
    if len(fam_t[t]) < 5: err(t, f"only {len(fam_t[t])} families")
ids = [r["id"] for r in rows]
if len(ids) != len(set(ids)): err("file", "duplicate ids")
out = [f"rows: {len(rows)}", f"per template: {dict(c_t)}", f"per family: {dict(c_f)}", f"per mode: {dict(c_m)}",
       f"families per template: { {t: len(v) for t, v in fam_t.items()} }",
       f"truncated: {sum(r['truncated'] for r in rows)}", f"unusable: {sum(not r['usable'] for r in rows)}",
       f"errors: {len(errors)}"] + errors + ["RESULT: " + ("PASS" if not errors else "FAIL")]
print("\n".join(out))
sys.exit(1 if errors else 0)
