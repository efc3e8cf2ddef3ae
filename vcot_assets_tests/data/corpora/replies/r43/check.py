"""Self-check of r43/replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, sys, collections, re

PATH = "/work/corpus/replies/r43/replies.jsonl"
TEMPLATES = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios",
             "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"]
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}
errors = []
def err(i, msg): errors.append(f"{i}: {msg}")

# sanity calls for candidate_code solutions, keyed by function/class name
SANITY = {
    "is_min_heap": "is_min_heap([1, 3, 2, 4]) is True and is_min_heap([3, 1]) is False and is_min_heap([]) is True",
    "Indenter": "Indenter('> ').reindent('  a\\n    b') == '> a\\n>   b' and Indenter('').reindent('') == ''",
    "reduce_fraction": "reduce_fraction(6, -8) == (-3, 4) and reduce_fraction(0, 5) == (0, 1)",
    "count_blank_lines": "count_blank_lines(['a', '  ', '', '\\t']) == 3",
    "MedianTracker": "(lambda t: [t.add(x) for x in [5, 1, 9, 3]])(MedianTracker()) == [5, 1, 5, 3]",
}
def normalize_blank(text):
    return "\n".join("" if l.strip(" \t") == "" else l for l in text.split("\n"))

refs = {"normalize_blank": normalize_blank}
rows = []
for n, line in enumerate(open(PATH), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        err(f"line {n}", f"does not parse: {e}")

ids = collections.Counter(r["id"] for r in rows)
for i, c in ids.items():
    if c > 1: err(i, "duplicate id")

for r in rows:
    i = r["id"]; t = r["template"]; ex = r["expected"]
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: err(i, f"missing {k}")
    if t not in TEMPLATES: err(i, "bad template")
    if r["family"] not in FAMILIES: err(i, "bad family")
    if r["mode"] not in ("text", "json_object"): err(i, "bad mode")
    if r["finish_reason"] not in ("stop", "length"): err(i, "bad finish_reason")
    if r["truncated"] != (r["finish_reason"] == "length"): err(i, "truncated != finish_reason length")
    if ex.get("truncated") != r["truncated"] or ex.get("usable") != r["usable"]: err(i, "expected flags differ")
    if "{{" in r["prompt"]: err(i, "unfilled slot in prompt")
    if not i.startswith(f"r43-{t}-"): err(i, "id/template mismatch")
    if r["mode"] == "json_object" and r["usable"]:
        try: json.loads(r["reply"])
        except Exception: err(i, "json_object reply is not bare JSON")
    reply = r["reply"]; flat = reply.replace("**", "")
    if not r["usable"]:
        continue
    if t == "concepts":
        for c in ex["concepts"]:
            if set(c) != {"name", "keyphrase", "description", "examples", "difficulty"}: err(i, "concept keys")
            if c["difficulty"] not in ("easy", "medium", "hard"): err(i, "difficulty")
            if c["description"] not in reply: err(i, f"concept not in reply: {c['name']}")
    elif t == "instructions":
        for it in ex["instructions"]:
            if it["kind"] not in ("function", "class"): err(i, "kind")
            if it["text"] not in reply: err(i, "instruction text not in reply")
    elif t == "signature":
        line = ex["line"]
        if ex["kind"] == "function":
            if not line.startswith(f"Function: {ex['name']}("): err(i, "signature line form")
            try: ast.parse("def " + line[len("Function: "):] + ": pass")
            except SyntaxError as e: err(i, f"signature not valid python: {e}")
        else:
            parts = line.split("; ")
            if parts[0] != f"Class: {ex['name']}" or not parts[1].startswith("__init__(self"): err(i, "class line form")
            for p in parts[1:]:
                try: ast.parse("def " + p + ": pass")
                except SyntaxError as e: err(i, f"method not valid python: {e}")
    elif t == "candidate_code":
        code = ex["code"]
        try: ast.parse(code)
        except SyntaxError as e: err(i, f"code syntax: {e}"); continue
        hay = reply
        if r["mode"] == "json_object":
            hay = "\n".join(v for v in json.loads(reply).values() if isinstance(v, str))
        if code not in hay: err(i, "code not verbatim in reply")
        ns = {}; exec(code, ns)
        names = [k for k in SANITY if k in ns]
        if not names: err(i, "no sanity call for this code")
        for k in names:
            ok = eval(SANITY[k], ns)
            if ok is not True: err(i, f"sanity call failed: {SANITY[k]}")
            refs[k] = ns[k]
    elif t == "test_scenarios":
        for s in ex["scenarios"]:
            if s not in flat and s not in reply: err(i, f"scenario not in reply: {s}")
    elif t == "extract_entities":
        for c in ex["claims"]:
            if c["kind"] not in ("value", "index", "comparison", "branch", "loop", "return"): err(i, "claim kind")
            if not all(isinstance(c[k], str) for k in ("kind", "name", "value")): err(i, "claim not strings")
    elif t == "narrate_forward":
        try: ast.parse(ex["answer"], mode="eval")
        except SyntaxError as e: err(i, f"answer syntax: {e}"); continue
        ns = {}; exec(r["code"], ns)
        if repr(eval(r["call"], ns)) != r["returned"]: err(i, "call does not give returned")
        if repr(eval(ex["answer"])) != r["returned"]: err(i, f"answer {ex['answer']} != returned {r['returned']}")
    elif t == "narrate_backward":
        try: ast.parse(ex["answer"], mode="eval")
        except SyntaxError as e: err(i, f"answer syntax: {e}"); continue
        ns = {}; exec(r["code"], ns)
        if repr(eval(r["call"], ns)) != r["returned"]: err(i, "call does not give returned")
        if repr(eval(ex["answer"], ns)) != r["returned"]: err(i, "answer call does not give returned")

# candidate_tests after code refs are collected
for r in rows:
    if r["template"] != "candidate_tests" or not r["usable"]: continue
    i = r["id"]; ex = r["expected"]
    for tst in ex["tests"]:
        try: tree = ast.parse(tst)
        except SyntaxError as e: err(i, f"test syntax: {e}"); continue
        if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Assert): err(i, f"not a single assert: {tst}")
        if r["mode"] == "text" and tst not in r["reply"]: err(i, f"test not verbatim in reply: {tst}")
        try: exec(tst, dict(refs))
        except AssertionError: err(i, f"test fails against reference: {tst}")
        except NameError as e: err(i, f"no reference for: {tst} ({e})")
    for u in ex.get("unusable_tests", []):
        if not isinstance(u, str) or ":" not in u: err(i, "unusable_tests entry needs a reason")

by_t = collections.defaultdict(list)
for r in rows: by_t[r["template"]].append(r)
print(f"rows: {len(rows)}")
for t in TEMPLATES:
    rs = by_t[t]; fams = {r['family'] for r in rs}
    print(f"{t:18s} n={len(rs)} families={len(fams)} json_object={sum(r['mode']=='json_object' for r in rs)} truncated={sum(r['truncated'] for r in rs)} unusable={sum(not r['usable'] for r in rs)}")
    if len(rs) != 6: err(t, "not 6 replies")
    if len(fams) < 5: err(t, "fewer than 5 families")
print("families:", dict(collections.Counter(r["family"] for r in rows)))
print("modes:", dict(collections.Counter(r["mode"] for r in rows)))
print("truncated:", sum(r["truncated"] for r in rows), "unusable:", sum(not r["usable"] for r in rows))
print(f"ERRORS: {len(errors)}")
for e in errors: print("  " + e)
print("RESULT:", "PASS" if not errors else "FAIL")
sys.exit(1 if errors else 0)
