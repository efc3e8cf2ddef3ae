"""Self-check for r73 replies.jsonl (see BRIEF.md)."""
import ast, json, sys, collections
PATH = "/work/corpus/replies/r73/replies.jsonl"
SANITY = {  # id -> list of (call, expected)
 "r73-candidate_code-01": [("wrap_words('the quick brown fox', 10)", ['the quick', 'brown fox']), ("wrap_words('', 3)", [])],
 "r73-candidate_code-02": [("(lambda h: (h.push(3), h.push(1), h.push(2), h.pop(), h.peek())[3:])(MinHeap())", (1, 2)), ("MinHeap().pop()", None)],
 "r73-candidate_code-03": [("simplify(8, 6)", (4, 3)), ("simplify(4, -6)", (-2, 3)), ("simplify(0, -5)", (0, 1))],
 "r73-candidate_code-04": [("median([3, 1, 2])", 2), ("median([1, 3, 5, 7])", 4.0)],
 "r73-candidate_code-05": [("prefix_max([1, 3, 2, 5])", [1, 3, 3, 5]), ("prefix_max([])", [])],
 "r73-candidate_code-06": [("run_lengths('aaabcc')", [('a', 3), ('b', 1), ('c', 2)]), ("run_lengths('')", [])],
}
KEYS = {"concepts": "concepts", "instructions": "instructions", "signature": "line", "candidate_code": "code",
        "test_scenarios": "scenarios", "candidate_tests": "tests", "extract_entities": "claims",
        "narrate_forward": "answer", "narrate_backward": "answer"}
errors, n = [], 0
count = collections.Counter
by_t, by_f, by_m = count(), count(), count()
fam_per_t = collections.defaultdict(set)
ntr = nun = 0
ids = set()
for i, line in enumerate(open(PATH, encoding="utf-8"), 1):
    def err(msg): errors.append(f"line {i}: {msg}")
    try:
        r = json.loads(line)
    except Exception as e:
        err(f"bad JSON {e}"); continue
    n += 1
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: err(f"missing {k}")
    rid, t, e = r["id"], r["template"], r["expected"]
    if rid in ids: err("duplicate id")
    ids.add(rid)
    by_t[t] += 1; by_f[r["family"]] += 1; by_m[r["mode"]] += 1; fam_per_t[t].add(r["family"])
    ntr += r["truncated"]; nun += not r["usable"]
    if "{{" in r["prompt"]: err("unfilled slot in prompt")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: err("truncated/usable mismatch")
    if r["truncated"] != (r["finish_reason"] == "length"): err("finish_reason vs truncated")
    if r["mode"] not in ("text", "json_object"): err("bad mode")
    if r["mode"] == "json_object":
        try: json.loads(r["reply"])
        except Exception: err("json_object reply is not JSON")
    if r["family"] == "deepseek-r1-distill" and not r["reply"].startswith("<think>"): err("r1 without think")
    if r["usable"] and KEYS[t] not in e: err(f"usable but no {KEYS[t]}")
    if t == "candidate_code" and "code" in e:
        ast.parse(e["code"]); ns = {}
        exec(compile(e["code"], rid, "exec"), ns)
        for call, want in SANITY[rid]:
            got = eval(call, ns)
            if got != want: err(f"sanity {call} -> {got!r} != {want!r}")
    if t == "candidate_tests":
        for s in e.get("tests", []):
            tree = ast.parse(s)
            if not (len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert)): err(f"not an assert: {s}")
            if s not in r["reply"] and json.dumps(s)[1:-1] not in r["reply"]: err(f"test not verbatim in reply: {s}")
    if t == "signature":
        line_ = e["line"]
        if not (line_.startswith("Function: ") or line_.startswith("Class: ")): err("bad sig line")
        if e["name"] not in line_: err("name not in line")
        if line_.startswith("Function: "):
            ast.parse("def " + line_[len("Function: "):] + ": pass")
        else:
            for part in line_.split("; ")[1:]:
                ast.parse("def " + part + ": pass")
    if t == "extract_entities":
        for c in e.get("claims", []):
            if not all(isinstance(c[k], str) for k in ("kind", "name", "value")): err("claim values must be str")
    if t == "instructions":
        for it in e.get("instructions", []):
            if it["kind"] not in ("function", "class"): err("bad kind")
            if it["text"][:1] in "[0123456789": err("numbering/tag left in text")
    if t == "concepts":
        for c in e.get("concepts", []):
            if set(c) != {"name", "keyphrase", "description", "examples", "difficulty"}: err("concept keys")
            if c["keyphrase"] not in r["prompt"]: err("keyphrase not in prompt")
    if t.startswith("narrate_"):
        for k in ("code", "call", "returned"):
            if k not in r: err(f"missing {k}")
        ns = {}; exec(r["code"], ns)
        real = eval(r["call"], ns)
        if repr(real) != r["returned"] and str(real) != r["returned"]: err(f"call gives {real!r} not {r['returned']}")
        if "answer" in e:
            ast.parse(e["answer"], mode="eval")
            if t == "narrate_forward":
                if eval(e["answer"]) != real: err("forward answer wrong")
            else:
                if eval(e["answer"], ns) != real: err("backward answer wrong")
                if not e["answer"].startswith("f("): err("backward answer not a call")
print(f"replies: {n}")
print("per template:", dict(sorted(by_t.items())))
print("families per template:", {t: len(v) for t, v in sorted(fam_per_t.items())})
print("per family:", dict(sorted(by_f.items())))
print("per mode:", dict(by_m))
print(f"truncated: {ntr}  unusable: {nun}")
print("errors:", len(errors))
for x in errors: print("  ", x)
print("RESULT:", "PASS" if not errors else "FAIL")
sys.exit(1 if errors else 0)
