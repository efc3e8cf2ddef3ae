"""Self-check for r33 replies.jsonl (standard library only)."""
import ast, json, sys, collections

SANITY = {
 "r33-candidate_code-01": "assert k_smallest([5, 1, 4, 2], 2) == [1, 2]",
 "r33-candidate_code-02": "assert run_length('aaabcc') == [('a', 3), ('b', 1), ('c', 2)]",
 "r33-candidate_code-03": "assert median([4, 1, 3, 2]) == 2.5",
 "r33-candidate_code-04": "q = MinPriorityQueue(); q.push('a', 3); q.push('b', 1); assert q.pop() == 'b'",
 "r33-candidate_code-06": "assert is_min_heap([1, 3, 2, 7]) == True",
}
KEYS = {"id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"}
TEMPLATES = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios", "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"]
errors, n = [], 0
by_t = collections.defaultdict(collections.Counter)
fam, modes, trunc, unus = collections.Counter(), collections.Counter(), collections.Counter(), collections.Counter()
ids = set()

def err(rid, msg): errors.append(f"{rid}: {msg}")

for ln, line in enumerate(open("replies.jsonl"), 1):
    try:
        d = json.loads(line)
    except Exception as e:
        err(f"line {ln}", f"json: {e}"); continue
    n += 1
    rid = d.get("id"); t = d.get("template"); e = d.get("expected", {})
    if rid in ids: err(rid, "duplicate id")
    ids.add(rid)
    miss = KEYS - d.keys()
    if miss: err(rid, f"missing keys {miss}")
    if t not in TEMPLATES: err(rid, f"bad template {t}")
    if d["mode"] not in ("text", "json_object"): err(rid, "bad mode")
    if (d["finish_reason"] == "length") != d["truncated"]: err(rid, "finish_reason/truncated mismatch")
    if "{{" in d["prompt"]: err(rid, "unfilled slot in prompt")
    by_t[t][d["family"]] += 1; fam[d["family"]] += 1; modes[d["mode"]] += 1
    trunc[d["truncated"]] += 1; unus[d["usable"]] += 1
    try:
        if t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard")
                assert c["keyphrase"] in d["prompt"], c["keyphrase"]
        elif t == "instructions":
            for i in e["instructions"]:
                assert i["kind"] in ("function", "class") and i["text"]
        elif t == "signature":
            assert e["kind"] in ("function", "class")
            line_ = e["line"]
            if e["kind"] == "function":
                assert line_.startswith("Function: " + e["name"] + "(")
                ast.parse("def " + line_[len("Function: "):] + ": pass")
            else:
                parts = line_.split("; ")
                assert parts[0] == "Class: " + e["name"] and parts[1].startswith("__init__(self")
                for m in parts[1:]:
                    ast.parse("def " + m + ": pass")
        elif t == "candidate_code":
            if d["usable"]:
                ast.parse(e["code"])
                ns = {}
                exec(e["code"], ns)
                exec(SANITY[rid], ns)
        elif t == "test_scenarios":
            assert all(isinstance(s, str) and s for s in e["scenarios"])
        elif t == "candidate_tests":
            for a in e["tests"]:
                tree = ast.parse(a)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert), a
                assert a in d["reply"] or json.dumps(a)[1:-1] in d["reply"], f"test not verbatim: {a}"
            assert isinstance(e.get("unusable_tests"), list)
        elif t == "extract_entities":
            for c in e["claims"]:
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return")
                assert isinstance(c["value"], str) and isinstance(c["name"], str)
        elif t in ("narrate_forward", "narrate_backward"):
            for k in ("code", "call", "returned"):
                assert k in d, k
            ns = {}
            exec(d["code"], ns)
            real = eval(d["call"], ns)
            assert repr(real) == d["returned"], ("call", repr(real), d["returned"])
            if d["usable"]:
                if t == "narrate_forward":
                    ast.parse(e["answer"], mode="eval")
                    assert eval(e["answer"]) == real and repr(eval(e["answer"])) == d["returned"]
                else:
                    ast.parse(e["answer"], mode="eval")
                    assert repr(eval(e["answer"], ns)) == d["returned"]
        if not d["usable"]:
            vals = [v for v in e.values() if v]
            assert not vals, "unusable but expected has content"
        if d["truncated"] and t not in ("signature",):
            pass
    except Exception as ex:
        err(rid, f"{type(ex).__name__}: {ex}")

# cross-check: usable candidate tests run against the candidate code of the same exercise, where one exists
impls = {}
for line in open("replies.jsonl"):
    d = json.loads(line)
    if d["template"] == "candidate_code" and d["usable"]:
        ns = {}; exec(d["expected"]["code"], ns)
        for k, v in list(ns.items()):
            if callable(v) and not k.startswith("__"): impls[k] = ns
crossed = 0
for line in open("replies.jsonl"):
    d = json.loads(line)
    if d["template"] != "candidate_tests": continue
    for a in d["expected"]["tests"]:
        call = ast.parse(a).body[0].test.left
        fn = call.func.value.func.id if isinstance(call.func, ast.Attribute) else call.func.id
        if fn in impls:
            try:
                exec(a, dict(impls[fn])); crossed += 1
            except Exception as ex:
                err(d["id"], f"test fails against candidate code: {a} ({ex})")

out = []
out.append(f"replies: {n}")
out.append(f"tests cross-checked against candidate code: {crossed}")
for t in TEMPLATES:
    out.append(f"  {t}: {sum(by_t[t].values())} replies, {len(by_t[t])} families {dict(by_t[t])}")
    if sum(by_t[t].values()) < 6 or len(by_t[t]) < 5: errors.append(f"{t}: too few replies or families")
out.append(f"families: {dict(fam)}")
out.append(f"modes: {dict(modes)}")
out.append(f"truncated: {trunc[True]}  unusable: {unus[False]}")
out.append(f"errors: {len(errors)}")
out += ["  " + x for x in errors]
out.append("PASS" if not errors else "FAIL")
print("\n".join(out))
sys.exit(1 if errors else 0)
