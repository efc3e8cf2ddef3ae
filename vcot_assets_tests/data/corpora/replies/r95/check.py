"""Self-check of replies.jsonl (writer r95). Prints a report; exit code 1 on any failure."""
import ast, json, sys, collections

PATH = "/work/corpus/replies/r95/replies.jsonl"
TEMPLATES = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios",
             "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"]
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}
# sanity calls for candidate_code: (call, expected)
SANITY = {
    "r95-candidate_code-01": [("normalize_fraction(6, -8)", (-3, 4)), ("normalize_fraction(0, 5)", (0, 1))],
    "r95-candidate_code-02": [("wrap_words('the quick brown fox', 10)", ["the quick", "brown fox"]), ("wrap_words('', 5)", [])],
    "r95-candidate_code-03": [("count_in_range([1, 3, 5, 7], 3, 7)", 3), ("count_in_range([], 1, 2)", 0)],
    "r95-candidate_code-04": [("(lambda r: (r.add(5), r.add(1), r.add(3), r.rank(4))[-1])(RankedList())", 2)],
    "r95-candidate_code-05": [("grade_for(70, [60, 70, 80, 90], list('FDCBA'))", "C"), ("grade_for(59, [60, 70, 80, 90], list('FDCBA'))", "F")],
}
errors, notes = [], []
def err(rid, msg): errors.append(f"{rid}: {msg}")

def decoded_texts(reply):
    """The reply plus, where it is JSON, all its string values (for substring checks)."""
    out = [reply]
    try:
        obj = json.loads(reply)
    except Exception:
        return out
    def walk(o):
        if isinstance(o, str): out.append(o)
        elif isinstance(o, dict): [walk(v) for v in o.values()]
        elif isinstance(o, list): [walk(v) for v in o]
    walk(obj)
    return out

def appears(s, reply):
    return any(s in t for t in decoded_texts(reply))

rows = []
for n, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        err(f"line {n}", f"does not parse: {e}")

ids = collections.Counter(r["id"] for r in rows)
for i, c in ids.items():
    if c > 1: err(i, "duplicate id")

for r in rows:
    rid, t, ex = r["id"], r["template"], r["expected"]
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: err(rid, f"missing key {k}")
    if t not in TEMPLATES: err(rid, "unknown template")
    if not rid.startswith(f"r95-{t}-"): err(rid, "id does not match template")
    if r["family"] not in FAMILIES: err(rid, "unknown family")
    if r["mode"] not in ("text", "json_object"): err(rid, "bad mode")
    if "{{" in r["prompt"]: err(rid, "unrendered slot in prompt")
    if f"Task: {t}" not in r["prompt"]: err(rid, "prompt is not of its template")
    if r["finish_reason"] not in ("stop", "length"): err(rid, "bad finish_reason")
    if r["truncated"] != (r["finish_reason"] == "length"): err(rid, "truncated disagrees with finish_reason")
    if r["family"] == "deepseek-r1-distill" and not r["reply"].lstrip().startswith("<think>"):
        notes.append(f"{rid}: deepseek reply without <think> (allowed)")
    if r["mode"] == "json_object" and r["usable"]:
        try: json.loads(r["reply"])
        except Exception as e: err(rid, f"json_object reply is not JSON: {e}")
    usable = r["usable"]
    try:
        if t == "concepts":
            for c in ex["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard")
                assert len(c["examples"]) == 2
                assert appears(c["name"], r["reply"]), "concept name not in reply"
                assert c["keyphrase"] in r["prompt"], "keyphrase not in prompt"
            assert bool(ex["concepts"]) == usable
        elif t == "instructions":
            for it in ex["instructions"]:
                assert it["kind"] in ("function", "class")
                assert appears(it["text"], r["reply"]), "statement not in reply: " + it["text"][:40]
            assert bool(ex["instructions"]) == usable
        elif t == "signature":
            assert ex["kind"] in ("function", "class")
            line = ex["line"]
            if ex["kind"] == "function":
                assert line.startswith("Function: " + ex["name"] + "(")
                ast.parse("def " + line[len("Function: "):] + ": pass")
            else:
                assert line.startswith("Class: " + ex["name"] + ";")
                parts = [p.strip() for p in line[len("Class: "):].split(";")]
                assert parts[1].startswith("__init__(self")
                for p in parts[1:]:
                    ast.parse("def " + p + ": pass")
        elif t == "candidate_code":
            code = ex["code"]
            ast.parse(code)
            if usable:
                ns = {}
                exec(code, ns)
                calls = SANITY.get(rid)
                assert calls, "no sanity call"
                for call, want in calls:
                    got = eval(call, ns)
                    assert got == want, f"sanity {call} -> {got!r}, want {want!r}"
                assert "__main__" not in code and "print(" not in code
                for l in code.strip().splitlines():
                    if l.strip(): assert l in r["reply"] or appears(code, r["reply"]), "code line not in reply: " + l
            else:
                assert code == ""
        elif t == "test_scenarios":
            for s in ex["scenarios"]:
                assert isinstance(s, str) and s
                assert appears(s, r["reply"]), "scenario not in reply: " + s[:40]
            assert len(ex["scenarios"]) <= int(r["prompt"].split("At most ")[1].split()[0])
        elif t == "candidate_tests":
            for s in ex["tests"]:
                tree = ast.parse(s)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert), s
                assert isinstance(tree.body[0].test, ast.Compare)
                assert appears(s, r["reply"]), "test not in reply: " + s[:40]
            assert isinstance(ex.get("unusable_tests", []), list)
        elif t == "extract_entities":
            for c in ex["claims"]:
                assert set(c) == {"kind", "name", "value"}
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return")
                assert isinstance(c["value"], str) and isinstance(c["name"], str)
        elif t == "narrate_forward":
            ast.parse(ex["answer"], mode="eval")
            want = eval(r["returned"])
            assert eval(ex["answer"]) == want, "answer != returned"
            ns = {}; exec(r["code"], ns)
            assert eval(r["call"], ns) == want, "call does not reproduce returned"
            assert r["call"] in r["prompt"]
        elif t == "narrate_backward":
            ast.parse(ex["answer"], mode="eval")
            ns = {}; exec(r["code"], ns)
            want = eval(r["returned"])
            assert eval(ex["answer"], ns) == want, "answer call does not give returned"
            assert eval(r["call"], ns) == want, "traced call does not reproduce returned"
            fn = ex["answer"].split("(")[0]
            assert f"such as {fn}(...)" in r["prompt"]
    except Exception as e:
        err(rid, f"{type(e).__name__}: {e}")

# distribution
by_t = collections.Counter(r["template"] for r in rows)
fam_t = collections.defaultdict(set)
for r in rows: fam_t[r["template"]].add(r["family"])
print(f"rows: {len(rows)}")
for t in TEMPLATES:
    print(f"  {t:18s} {by_t[t]} replies, {len(fam_t[t])} families: {sorted(fam_t[t])}")
    if by_t[t] != 6: err(t, f"{by_t[t]} replies, want 6")
    if len(fam_t[t]) < 5: err(t, "fewer than 5 families")
print("families:", dict(collections.Counter(r["family"] for r in rows)))
print("modes:", dict(collections.Counter(r["mode"] for r in rows)))
print("truncated:", sum(r["truncated"] for r in rows), [r["id"] for r in rows if r["truncated"]])
print("unusable:", sum(not r["usable"] for r in rows), [r["id"] for r in rows if not r["usable"]])
for n in notes: print("note:", n)
if errors:
    print(f"FAIL: {len(errors)} problems")
    for e in errors: print("  ", e)
    sys.exit(1)
print("OK: all checks passed")
