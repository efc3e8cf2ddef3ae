"""Self-check of replies.jsonl (writer r26). Prints a report; exit code 1 on any failure."""
import ast, json, sys
PATH = "/work/corpus/replies/r26/replies.jsonl"
TEMPLATES = {"concepts", "instructions", "signature", "candidate_code", "test_scenarios", "candidate_tests",
             "extract_entities", "narrate_forward", "narrate_backward"}
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}
SANITY = {  # candidate_code id -> list of (expression, expected value)
    "r26-candidate_code-01": [("is_min_heap([1, 3, 2, 7])", True), ("is_min_heap([5, 1])", False), ("is_min_heap([])", True)],
    "r26-candidate_code-02": [("run_lengths('aaabcc')", [("a", 3), ("b", 1), ("c", 2)]), ("run_lengths('')", [])],
    "r26-candidate_code-03": [("justify_line(['a', 'bb', 'c'], 9)", "a   bb  c"), ("justify_line(['hello'], 8)", "hello   ")],
    "r26-candidate_code-04": [("convergents([1, 2, 2])", [(1, 1), (3, 2), (7, 5)]), ("convergents([])", [])],
    "r26-candidate_code-05": [("SortedBag([5, 1, 3]).add(4)", 2), ("SortedBag([]).add(7)", 0)],
    "r26-candidate_code-06": [("(lambda m: (m.add(2), m.add(4))[1])(RunningMean())", 3.0)],
}
errors, notes = [], []
def err(rid, msg): errors.append(f"{rid}: {msg}")

def sig_ok(line, kind, name):
    if kind == "function":
        assert line.startswith("Function: "), "bad prefix"
        body = line[len("Function: "):]
        fn = ast.parse(f"def {body}: pass").body[0]
        assert fn.name == name, "name mismatch"
    else:
        assert line.startswith("Class: "), "bad prefix"
        parts = [p.strip() for p in line[len("Class: "):].split(";")]
        assert parts[0] == name, "name mismatch"
        assert parts[1].startswith("__init__(self"), "no __init__ first"
        assert len(parts) >= 3, "no primary method"
        for p in parts[1:]:
            ast.parse(f"def {p}: pass")

recs, ids = [], set()
for n, line in enumerate(open(PATH), 1):
    try:
        r = json.loads(line)
    except Exception as e:
        err(f"line {n}", f"json: {e}"); continue
    recs.append(r)
code_by_name = {  # reference solutions (written for this check) for exercises without a candidate_code reply
    "trimmed_mean": "def trimmed_mean(values, k):\n    rest = sorted(values)[k:len(values) - k]\n    return sum(rest) / len(rest) if rest else None\n",
}
for r in recs:
    rid = r.get("id", "?")
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: err(rid, f"missing {k}")
    if rid in ids: err(rid, "duplicate id")
    ids.add(rid)
    t, e = r["template"], r["expected"]
    if t not in TEMPLATES: err(rid, "bad template")
    if r["family"] not in FAMILIES: err(rid, "bad family")
    if r["mode"] not in ("text", "json_object"): err(rid, "bad mode")
    if r["finish_reason"] != ("length" if r["truncated"] else "stop"): err(rid, "finish_reason/truncated mismatch")
    if "{{" in r["prompt"]: err(rid, "unfilled slot in prompt")
    if not rid.startswith(f"r26-{t}-"): err(rid, "id/template mismatch")
    if r["mode"] == "json_object" and not r["reply"].lstrip().startswith(("{", "[")): err(rid, "json_object reply is not bare JSON")
    if r["mode"] == "json_object":
        try: json.loads(r["reply"])
        except Exception as ex: err(rid, f"json_object reply does not parse: {ex}")
    if r["family"] == "deepseek-r1-distill" and not r["reply"].startswith("<think>") and r["mode"] == "text":
        err(rid, "reasoning model reply without <think>")
    try:
        if t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, "concept keys"
                assert c["difficulty"] in ("easy", "medium", "hard"), "difficulty"
                assert c["keyphrase"].lower() in r["prompt"].lower(), "keyphrase not in prompt"
            if r["usable"]: assert e["concepts"], "usable but empty"
        elif t == "instructions":
            for it in e["instructions"]:
                assert it["kind"] in ("function", "class") and it["text"].strip(), "instruction item"
                assert it["text"] in r["reply"] or r["mode"] == "json_object" or it["text"] in json.dumps(r["reply"]), "text not in reply"
        elif t == "signature":
            sig_ok(e["line"], e["kind"], e["name"])
        elif t == "candidate_code":
            ast.parse(e["code"])
            assert "__main__" not in e["code"] and "assert" not in e["code"], "demo/test code in expected"
            ns = {}
            exec(e["code"], ns)
            for expr, want in SANITY[rid]:
                got = eval(expr, ns)
                assert got == want, f"sanity {expr} -> {got!r}, want {want!r}"
            for k, v in ns.items():
                if not k.startswith("__"): code_by_name[k] = e["code"]
        elif t == "test_scenarios":
            assert all(isinstance(s, str) and s.strip() for s in e["scenarios"]), "scenario strings"
            if r["usable"]: assert e["scenarios"]
        elif t == "candidate_tests":
            for s in e["tests"]:
                node = ast.parse(s).body
                assert len(node) == 1 and isinstance(node[0], ast.Assert), f"not one assert: {s}"
                cmp = node[0].test
                assert isinstance(cmp, ast.Compare) and isinstance(cmp.ops[0], ast.Eq), f"not ==: {s}"
                assert s in r["reply"] or s in json.loads(r["reply"]).__repr__() or r["mode"] == "json_object", f"test not in reply: {s}"
            for u in e.get("unusable_tests", []):
                assert u["test"] in r["reply"] and u["reason"], "unusable test entry"
        elif t == "extract_entities":
            for c in e["claims"]:
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return"), "claim kind"
                assert all(isinstance(c[k], str) for k in ("kind", "name", "value")), "claim values not strings"
        elif t in ("narrate_forward", "narrate_backward"):
            for k in ("code", "call", "returned"): assert k in r, f"missing {k}"
            ns = {}
            exec(r["code"], ns)
            real = eval(r["call"], ns)
            assert repr(real) == r["returned"], f"call gives {real!r}, returned says {r['returned']}"
            assert r["returned"] in r["prompt"] or t == "narrate_forward", "output not in prompt"
            if r["usable"]:
                ans = e["answer"]
                ast.parse(ans, mode="eval")
                if t == "narrate_forward":
                    assert eval(ans) == eval(r["returned"]), f"answer {ans} != returned {r['returned']}"
                else:
                    ns2 = {}
                    exec(r["code"], ns2)
                    got = eval(ans, ns2)
                    assert got == eval(r["returned"]), f"{ans} gives {got!r}"
            else:
                assert not e.get("answer"), "unusable with answer"
        if not r["usable"]:
            vals = [v for v in e.values() if v]
            assert not vals, "unusable reply has extracted items"
    except Exception as ex:
        err(rid, f"{type(ex).__name__}: {ex}")

# run the extracted tests against the code replies where the same function/class exists
ran = 0
for r in recs:
    if r["template"] != "candidate_tests": continue
    for s in r["expected"]["tests"]:
        fname = ast.parse(s).body[0].test.left.func
        while isinstance(fname, ast.Attribute): fname = fname.value
        if isinstance(fname, ast.Call): fname = fname.func
        nm = getattr(fname, "id", None)
        if nm in code_by_name:
            ns = {}
            exec(code_by_name[nm], ns)
            try:
                exec(s, ns); ran += 1
            except AssertionError:
                err(r["id"], f"test fails against candidate_code: {s}")
notes.append(f"extracted tests run against candidate_code solutions: {ran} passed")

from collections import Counter
print(f"records: {len(recs)}")
print("per template:", dict(Counter(r["template"] for r in recs)))
print("per family:", dict(Counter(r["family"] for r in recs)))
print("per mode:", dict(Counter(r["mode"] for r in recs)))
print("truncated:", sum(r["truncated"] for r in recs), " unusable:", sum(not r["usable"] for r in recs))
for t in sorted(TEMPLATES):
    fams = {r["family"] for r in recs if r["template"] == t}
    if len(fams) < 5: err(t, f"only {len(fams)} families")
    print(f"  {t}: {sum(r['template'] == t for r in recs)} replies, {len(fams)} families")
for nline in notes: print(nline)
print("ERRORS:" if errors else "ALL CHECKS PASS")
for x in errors: print("  " + x)
sys.exit(1 if errors else 0)
