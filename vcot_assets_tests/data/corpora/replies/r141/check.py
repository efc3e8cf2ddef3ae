"""Self-check of replies.jsonl (writer r141). Prints a report; exit 1 on any failure."""
import ast, json, sys, collections
PATH = "/work/corpus/replies/r141/replies.jsonl"
TEMPLATES = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios",
             "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"]
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}
SANITY = {  # id -> list of (expression, expected value)
    "r141-candidate_code-01": [("wrap_words('the quick brown fox', 10)", ['the quick', 'brown fox']), ("wrap_words('', 3)", [])],
    "r141-candidate_code-02": [("(lambda r: (r.add(5), r.add(1), r.add(3)))(RunningMedian())", (5.0, 3.0, 3.0))],
    "r141-candidate_code-03": [("run_length('aaabcc')", [('a', 3), ('b', 1), ('c', 2)]), ("run_length('')", [])],
    "r141-candidate_code-04": [("Ledger(100).apply([10, -30, 5])", [110, 80, 85])],
    "r141-candidate_code-05": [("HeapChecker('min').check([1, 2, 3])", True), ("HeapChecker('max').check([1, 2, 3])", False)],
}
# tests of candidate_tests replies are also run against the matching candidate_code solution
TESTS_AGAINST = {"r141-candidate_tests-01": "r141-candidate_code-01", "r141-candidate_tests-02": "r141-candidate_code-02",
                 "r141-candidate_tests-03": "r141-candidate_code-03", "r141-candidate_tests-04": "r141-candidate_code-04",
                 "r141-candidate_tests-05": "r141-candidate_code-05"}
errors, lines_out = [], []
def err(rid, msg): errors.append(f"{rid}: {msg}")
rows = []
for n, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        err(f"line {n}", f"does not parse: {e}")
ids = collections.Counter(r["id"] for r in rows)
for i, c in ids.items():
    if c > 1: err(i, "duplicate id")
code_by_id = {}
for r in rows:
    rid, t, e = r["id"], r["template"], r["expected"]
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: err(rid, f"missing {k}")
    if t not in TEMPLATES: err(rid, "bad template")
    if r["family"] not in FAMILIES: err(rid, "bad family")
    if r["mode"] not in ("text", "json_object"): err(rid, "bad mode")
    if r["finish_reason"] not in ("stop", "length"): err(rid, "bad finish_reason")
    if (r["finish_reason"] == "length") != r["truncated"]: err(rid, "finish_reason/truncated mismatch")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: err(rid, "expected flags mismatch")
    if "{{" in r["prompt"]: err(rid, "unrendered slot in prompt")
    if r["family"] == "deepseek-r1-distill" and r["mode"] == "text" and not r["reply"].startswith("<think>"): err(rid, "r1 reply without <think>")
    if r["mode"] == "json_object" and r["usable"]:
        try: json.loads(r["reply"])
        except Exception:
            if "trailing comma" not in r["notes"]: err(rid, "json_object reply is not JSON")
    u = r["usable"]
    try:
        if t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard") and len(c["examples"]) == 2
                assert c["keyphrase"] in r["prompt"]
            assert u == bool(e["concepts"])
        elif t == "instructions":
            for it in e["instructions"]:
                assert it["kind"] in ("function", "class") and it["text"]
                assert it["text"] in r["reply"] or r["mode"] == "json_object", "text not verbatim in reply"
            assert u == bool(e["instructions"])
        elif t == "signature":
            kind, name, line = e["kind"], e["name"], e["line"]
            if kind == "function":
                assert line.startswith("Function: " + name + "(")
                ast.parse("def " + line[len("Function: "):] + ": pass")
            else:
                parts = line.split("; ")
                assert parts[0] == "Class: " + name and parts[1].startswith("__init__(self")
                for p in parts[1:]: ast.parse("def " + p + ": pass")
        elif t == "candidate_code":
            if u:
                ast.parse(e["code"])
                assert e["code"] in r["reply"] or r["mode"] == "json_object"
                if r["mode"] == "json_object": assert json.loads(r["reply"])["code"] == e["code"]
                ns = {}; exec(e["code"], ns)
                assert rid in SANITY, "no sanity call"
                for expr, want in SANITY[rid]:
                    got = eval(expr, ns); assert got == want, (expr, got, want)
                code_by_id[rid] = e["code"]
            else:
                assert e["code"] == ""
        elif t == "test_scenarios":
            assert all(isinstance(s, str) and s for s in e["scenarios"])
            for s in e["scenarios"]: assert s in r["reply"], s
            assert u == bool(e["scenarios"])
        elif t == "candidate_tests":
            for s in e["tests"]:
                tree = ast.parse(s)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert)
                assert isinstance(tree.body[0].test, ast.Compare) and isinstance(tree.body[0].test.ops[0], ast.Eq)
                assert s in r["reply"] or r["mode"] == "json_object", s
            assert isinstance(e.get("unusable_tests"), list)
        elif t == "extract_entities":
            for c in e["claims"]:
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return")
                assert isinstance(c["name"], str) and isinstance(c["value"], str)
        elif t in ("narrate_forward", "narrate_backward"):
            for k in ("code", "call", "returned"): assert k in r, k
            ns = {}; exec(r["code"], ns)
            real = eval(r["call"], ns)
            assert real == eval(r["returned"]), "call does not give returned"
            if u:
                a = e["answer"]; ast.parse(a)
                got = eval(a) if t == "narrate_forward" else eval(a, ns)
                assert got == eval(r["returned"]), (a, r["returned"])
                if t == "narrate_backward": assert a.split("(")[0] in r["code"]
            else:
                assert e["answer"] == ""
    except Exception as ex:
        err(rid, f"expected check failed: {ex!r}")
# candidate tests run against candidate_code solutions
for tid, cid in TESTS_AGAINST.items():
    r = next(x for x in rows if x["id"] == tid)
    ns = {}; exec(code_by_id[cid], ns)
    for s in r["expected"]["tests"]:
        try: exec(s, ns)
        except Exception as ex: err(tid, f"test fails on {cid}: {s} ({ex!r})")
# counts
by_t = collections.Counter(r["template"] for r in rows)
fam_t = collections.defaultdict(set)
for r in rows: fam_t[r["template"]].add(r["family"])
for t in TEMPLATES:
    if by_t[t] != 6: err(t, f"has {by_t[t]} replies, want 6")
    if len(fam_t[t]) < 5: err(t, f"only {len(fam_t[t])} families")
lines_out.append(f"rows: {len(rows)}")
lines_out.append("per template: " + ", ".join(f"{t}={by_t[t]} ({len(fam_t[t])} families)" for t in TEMPLATES))
lines_out.append("per family: " + json.dumps(collections.Counter(r["family"] for r in rows)))
lines_out.append("per mode: " + json.dumps(collections.Counter(r["mode"] for r in rows)))
lines_out.append(f"truncated: {sum(r['truncated'] for r in rows)}, unusable: {sum(not r['usable'] for r in rows)}")
lines_out.append(f"errors: {len(errors)}")
lines_out += errors
lines_out.append("RESULT: " + ("PASS" if not errors else "FAIL"))
print("\n".join(lines_out))
sys.exit(1 if errors else 0)
