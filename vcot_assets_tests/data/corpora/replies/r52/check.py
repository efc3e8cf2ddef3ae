"""Self-check for /work/corpus/replies/r52/replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, re, sys, collections

PATH = "/work/corpus/replies/r52/replies.jsonl"
TEMPLATES = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios",
             "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"]
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}
# sanity calls for candidate_code (by id): (expression, expected value)
SANITY = {
    "r52-candidate_code-01": [("suggest('apple', ['ape', 'apple', 'banana'], 0.6)", ['apple', 'ape'])],
    "r52-candidate_code-02": [("grade(85, [60, 70, 80, 90], ['F', 'D', 'C', 'B', 'A'])", 'B'), ("grade(80, [60, 70, 80, 90], list('FDCBA'))", 'B')],
    "r52-candidate_code-03": [("(lambda q: (q.push('a', 2), q.push('b', 1), q.push('c', 1), [q.pop(), q.pop(), q.pop(), q.pop()])[-1])(TaskQueue())", ['b', 'c', 'a', None])],
    "r52-candidate_code-04": [("k_smallest([5, 1, 4, 2], 2)", [1, 2]), ("k_smallest([3, 1], 5)", [1, 3])],
    "r52-candidate_code-05": [("(lambda m: [m.add(5), m.add(1), m.add(3)])(RunningMedian())", [5.0, 3.0, 3.0])],
    "r52-candidate_code-06": [("longest_run([1, 2, 2, 2, 3])", 3), ("longest_run([])", 0)],
}
# candidate_tests ids -> candidate_code id whose code the tests are run against (informational)
TESTS_AGAINST = {"r52-candidate_tests-01": "r52-candidate_code-02", "r52-candidate_tests-02": "r52-candidate_code-04",
                 "r52-candidate_tests-03": "r52-candidate_code-03", "r52-candidate_tests-04": "r52-candidate_code-01",
                 "r52-candidate_tests-05": "r52-candidate_code-06", "r52-candidate_tests-06": "r52-candidate_code-05"}

errors, notes = [], []
def err(i, m): errors.append(f"{i}: {m}")

rows = []
for n, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        err(f"line {n}", f"does not parse: {e}")
byid = {r["id"]: r for r in rows}
if len(byid) != len(rows): err("file", "duplicate ids")

def norm(s):  # for 'text appears in reply' checks
    return re.sub(r"\s+", " ", s)

def reply_text(r):
    t = r["reply"]
    if r["mode"] == "json_object":
        try:
            t = json.dumps(json.loads(t), ensure_ascii=False)  # re-serialise; compare against JSON-escaped too
        except Exception:
            pass
    return t

def appears(s, r):
    t = r["reply"]
    return norm(s) in norm(t) or json.dumps(s, ensure_ascii=False)[1:-1] in t

def run_code(src):
    g = {}
    exec(compile(src, "<code>", "exec"), g)
    return g

for r in rows:
    i = r.get("id", "?")
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: err(i, f"missing {k}")
    t = r["template"]
    if t not in TEMPLATES: err(i, f"bad template {t}")
    if not re.fullmatch(rf"r52-{t}-\d\d", i): err(i, "bad id format")
    if r["family"] not in FAMILIES: err(i, f"bad family {r['family']}")
    if r["mode"] not in ("text", "json_object"): err(i, "bad mode")
    if "{{" in r["prompt"]: err(i, "unfilled slot in prompt")
    if f"Task: {t}" not in r["prompt"]: err(i, "prompt is not the template's")
    if (r["finish_reason"] == "length") != r["truncated"]: err(i, "finish_reason/truncated mismatch")
    e = r["expected"]
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: err(i, "expected truncated/usable mismatch")
    if r["mode"] == "json_object":
        try: json.loads(r["reply"])
        except Exception as ex: err(i, f"json_object reply is not JSON: {ex}")
    if r["family"] == "deepseek-r1-distill" and r["mode"] == "text" and not r["reply"].startswith("<think>"):
        notes.append(f"{i}: deepseek text reply without <think>")
    u = r["usable"]
    if t == "concepts":
        cs = e.get("concepts", [])
        if u and not cs: err(i, "usable but no concepts")
        for c in cs:
            if set(c) != {"name", "keyphrase", "description", "examples", "difficulty"}: err(i, f"concept keys {set(c)}")
            if c["difficulty"] not in ("easy", "medium", "hard"): err(i, "bad difficulty")
            if c["keyphrase"] not in r["prompt"]: err(i, f"keyphrase {c['keyphrase']!r} not in prompt")
            if not appears(c["name"], r): err(i, f"concept name not in reply: {c['name']}")
    elif t == "instructions":
        its = e.get("instructions", [])
        if u and not its: err(i, "usable but no instructions")
        for it in its:
            if it["kind"] not in ("function", "class"): err(i, "bad kind")
            if not appears(it["text"], r): err(i, f"instruction text not in reply: {it['text'][:40]}")
            if re.match(r"^\s*(\d+\.|\[)", it["text"]): err(i, "numbering/kind tag left in text")
    elif t == "signature":
        line = e.get("line", "")
        if e.get("kind") == "function":
            if not line.startswith(f"Function: {e['name']}("): err(i, "function line/name mismatch")
            try: ast.parse("def " + line[len("Function: "):] + ": pass")
            except SyntaxError as ex: err(i, f"signature does not parse: {ex}")
        elif e.get("kind") == "class":
            parts = line.split("; ")
            if parts[0] != f"Class: {e['name']}" or not parts[1].startswith("__init__(self"): err(i, "class line malformed")
            for p in parts[1:]:
                try: ast.parse("def " + p + ": pass")
                except SyntaxError as ex: err(i, f"method {p!r} does not parse: {ex}")
        else: err(i, "bad signature kind")
        if u and e["name"] not in r["reply"]: err(i, "name not in reply")
    elif t == "candidate_code":
        code = e.get("code", "")
        try: ast.parse(code)
        except SyntaxError as ex: err(i, f"code does not parse: {ex}"); continue
        if "__main__" in code or "assert " in code: err(i, "tests/demo left in code")
        if u and not appears(code.strip(), r): err(i, "code not verbatim in reply")
        g = run_code(code)
        calls = SANITY.get(i)
        if not calls: err(i, "no sanity call")
        for expr, want in calls or []:
            got = eval(expr, g)
            if got != want: err(i, f"sanity {expr} -> {got!r}, want {want!r}")
            else: notes.append(f"{i}: sanity ok {expr} == {want!r}")
    elif t == "test_scenarios":
        sc = e.get("scenarios", [])
        if u and not sc: err(i, "usable but no scenarios")
        for s in sc:
            if not appears(s, r): err(i, f"scenario not in reply: {s[:40]}")
    elif t == "candidate_tests":
        ts = e.get("tests", [])
        if u and not ts: err(i, "usable but no tests")
        if "unusable_tests" not in e: err(i, "missing unusable_tests")
        for s in ts:
            try:
                node = ast.parse(s).body
                if len(node) != 1 or not isinstance(node[0], ast.Assert) or not isinstance(node[0].test, ast.Compare) or not isinstance(node[0].test.ops[0], ast.Eq):
                    err(i, f"not a single == assert: {s}")
            except SyntaxError as ex: err(i, f"test does not parse: {ex}")
            if not appears(s, r): err(i, f"test not verbatim in reply: {s}")
        ref = TESTS_AGAINST.get(i)
        if ref:
            g = run_code(byid[ref]["expected"]["code"])
            for s in ts:
                try: exec(s, dict(g)); notes.append(f"{i}: passes against {ref}: {s}")
                except AssertionError: err(i, f"test fails against {ref}: {s}")
    elif t == "extract_entities":
        cl = e.get("claims", [])
        if u and not cl: err(i, "usable but no claims")
        for c in cl:
            if set(c) != {"kind", "name", "value"}: err(i, "claim keys")
            if c["kind"] not in ("value", "index", "comparison", "branch", "loop", "return"): err(i, f"bad kind {c['kind']}")
            if not all(isinstance(v, str) for v in c.values()): err(i, "non-string claim field")
            sent = r["prompt"].split("### Sentence\n")[1].split("\n")[0]
            if c["name"] not in sent and c["kind"] not in ("branch", "loop"): err(i, f"claim name not in sentence: {c['name']}")
    elif t in ("narrate_forward", "narrate_backward"):
        for k in ("code", "call", "returned"):
            if k not in r: err(i, f"missing {k}")
        g = run_code(r["code"])
        real = eval(r["call"], dict(g))
        if repr(real) != r["returned"]: err(i, f"call gives {real!r}, returned says {r['returned']}")
        if r["call"] not in r["prompt"] and t == "narrate_forward": err(i, "call not in prompt")
        if t == "narrate_backward" and f"### Output\n{r['returned']}\n" not in r["prompt"]: err(i, "output not in prompt")
        if "### Execution trace\n```\n" not in r["prompt"]: err(i, "trace missing")
        a = e.get("answer", "")
        if not u:
            if a: err(i, "unusable but answer given")
            continue
        try: ast.parse(a, mode="eval")
        except SyntaxError as ex: err(i, f"answer does not parse: {ex}"); continue
        if t == "narrate_forward":
            if eval(a) != eval(r["returned"]) or repr(eval(a)) != r["returned"]: err(i, f"answer {a} != returned {r['returned']}")
        else:
            got = eval(a, dict(g))
            if repr(got) != r["returned"]: err(i, f"answer call gives {got!r}, want {r['returned']}")
            if not a.startswith(r["call"].split("(")[0] + "("): err(i, "answer calls another function")

# counts
by_t = collections.Counter(r["template"] for r in rows)
fam_t = collections.defaultdict(set)
for r in rows: fam_t[r["template"]].add(r["family"])
for t in TEMPLATES:
    if by_t[t] != 6: err(t, f"{by_t[t]} replies, want 6")
    if len(fam_t[t]) < 5: err(t, f"only {len(fam_t[t])} families")

print(f"rows: {len(rows)}")
print("per template:", dict(by_t))
print("per family:", dict(collections.Counter(r["family"] for r in rows)))
print("per mode:", dict(collections.Counter(r["mode"] for r in rows)))
print("truncated:", sum(r["truncated"] for r in rows), " unusable:", sum(not r["usable"] for r in rows))
print("families per template:", {t: len(fam_t[t]) for t in TEMPLATES})
print()
for n in notes: print("note:", n)
print()
print(f"ERRORS: {len(errors)}")
for x in errors: print("ERROR:", x)
sys.exit(1 if errors else 0)
