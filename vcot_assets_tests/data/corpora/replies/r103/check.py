"""Self-check of r103/replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, re, collections, sys
PATH = "/work/corpus/replies/r103/replies.jsonl"
TEMPLATES = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios", "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"]
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}
SANITY = {  # id -> (call, expected value) run against expected.code
    "r103-candidate_code-01": [("rotate_right([1, 2, 3, 4], 1)", [4, 1, 2, 3]), ("rotate_right([1, 2, 3], -4)", [2, 3, 1]), ("rotate_right([], 2)", [])],
    "r103-candidate_code-02": [("is_min_heap([1, 3, 2, 7, 4])", True), ("is_min_heap([5, 1, 6])", False), ("is_min_heap([])", True)],
    "r103-candidate_code-03": [("BoundedBuffer(2).push(1)", [1]), ("(lambda b: (b.push(1), b.push(2), b.push(3))[-1])(BoundedBuffer(2))", [2, 3])],
    "r103-candidate_code-04": [("most_common_chars('abba', 2)", [('a', 2), ('b', 2)]), ("most_common_chars('', 1)", [])],
    "r103-candidate_code-05": [("median_of([3, 1, 2])", 2.0), ("median_of([4, 1, 3, 2])", 2.5)],
    "r103-candidate_code-06": [("dedent_lines('  a\\n    b')", "a\n  b"), ("dedent_lines('x')", "x")],
}
COMMON_INDENT = "def common_indent(lines):\n    w = [len(l) - len(l.lstrip(' ')) for l in lines if l.strip()]\n    return min(w) if w else 0\n"
errors, notes = [], []
def err(rid, msg): errors.append(f"{rid}: {msg}")
rows = []
for n, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        err(f"line {n}", f"does not parse: {e}")
ids = [r["id"] for r in rows]
if len(ids) != len(set(ids)): err("file", "duplicate ids")
# reference namespace for running tests: every candidate_code solution plus common_indent
ref = {}
for r in rows:
    if r["template"] == "candidate_code" and r["usable"]:
        exec(r["expected"]["code"], ref)
exec(COMMON_INDENT, ref)
for r in rows:
    rid, t, e = r["id"], r["template"], r["expected"]
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: err(rid, f"missing {k}")
    if t not in TEMPLATES: err(rid, "unknown template")
    if r["family"] not in FAMILIES: err(rid, "unknown family")
    if r["mode"] not in ("text", "json_object"): err(rid, "bad mode")
    if "{{" in r["prompt"]: err(rid, "unfilled slot in prompt")
    if r["truncated"] != (r["finish_reason"] == "length"): err(rid, "truncated/finish_reason mismatch")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: err(rid, "expected flags differ from row flags")
    if r["mode"] == "json_object" and r["finish_reason"] == "stop":
        try: json.loads(r["reply"])
        except Exception: err(rid, "json_object reply is not bare JSON")
    if not r["usable"]:
        continue
    try:
        if t == "concepts":
            assert e["concepts"]
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard") and len(c["examples"]) == 2
                assert c["keyphrase"] in r["prompt"], c["keyphrase"]
        elif t == "instructions":
            assert e["instructions"]
            for i in e["instructions"]:
                assert i["kind"] in ("function", "class") and i["text"] and i["text"] in r["reply"].replace('"', '"'), i
        elif t == "signature":
            assert e["kind"] in ("function", "class")
            if e["kind"] == "function":
                m = re.fullmatch(r"Function: (\w+)\((.*)\) -> (.+)", e["line"]); assert m and m.group(1) == e["name"]
                ast.parse(f"def {m.group(1)}({m.group(2)}) -> {m.group(3)}: pass")
            else:
                parts = e["line"].split("; ")
                assert parts[0] == "Class: " + e["name"] and parts[1].startswith("__init__(self")
                for p in parts[1:]:
                    ast.parse(f"def {p}: pass")
        elif t == "candidate_code":
            ast.parse(e["code"])
            assert "__main__" not in e["code"] and "print(" not in e["code"]
            ns = {}; exec(e["code"], ns)
            for call, want in SANITY[rid]:
                got = eval(call, ns)
                assert got == want, (call, got, want)
            notes.append(f"{rid}: {len(SANITY[rid])} sanity calls pass")
        elif t == "test_scenarios":
            assert e["scenarios"] and all(isinstance(s, str) and s for s in e["scenarios"])
        elif t == "candidate_tests":
            assert e["tests"]
            for s in e["tests"]:
                tree = ast.parse(s); assert isinstance(tree.body[0], ast.Assert) and len(tree.body) == 1
                assert s in r["reply"] or s in json.loads(r["reply"]).__repr__() or json.dumps(s)[1:-1] in r["reply"], s
                exec(s, dict(ref))
            for u in e.get("unusable_tests", []): assert isinstance(u, str)
            notes.append(f"{rid}: {len(e['tests'])} tests parse and pass against reference code")
        elif t == "extract_entities":
            assert e["claims"]
            for c in e["claims"]:
                assert set(c) == {"kind", "name", "value"} and all(isinstance(v, str) for v in c.values())
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return")
        elif t == "narrate_forward":
            ast.parse(e["answer"], mode="eval")
            assert eval(e["answer"]) == eval(r["returned"]), (e["answer"], r["returned"])
            ns = {}; exec(r["code"], ns); assert repr(eval(r["call"], ns)) == r["returned"]
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval")
            ns = {}; exec(r["code"], ns)
            assert repr(eval(e["answer"], ns)) == r["returned"], (e["answer"], r["returned"])
            assert repr(eval(r["call"], ns)) == r["returned"]
    except Exception as ex:
        err(rid, f"check failed: {ex!r}")
print(f"rows: {len(rows)}")
for key in ("template", "family", "mode"):
    print(f"by {key}: {dict(collections.Counter(r[key] for r in rows))}")
print(f"truncated: {sum(r['truncated'] for r in rows)}  unusable: {sum(not r['usable'] for r in rows)}")
fam_per_t = {t: len({r['family'] for r in rows if r['template'] == t}) for t in TEMPLATES}
print(f"families per template: {fam_per_t}")
for t, n in fam_per_t.items():
    if n < 5: err(t, "fewer than 5 families")
for n in notes: print("ok  ", n)
for x in errors: print("ERR ", x)
print("RESULT:", "PASS" if not errors else f"FAIL ({len(errors)} errors)")
sys.exit(1 if errors else 0)
