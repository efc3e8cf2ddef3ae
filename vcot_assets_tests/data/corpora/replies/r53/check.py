"""Self-check for r53 replies.jsonl. Usage: python3 check.py > check_report.txt"""
import ast, json, sys
from collections import Counter

PATH = "/work/corpus/replies/r53/replies.jsonl"
TEMPLATES = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios",
             "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"]
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini",
            "deepseek-r1-distill", "smollm2-135m"}
# sanity calls for candidate_code expected code, by id
SANITY = {
    "r53-candidate_code-01": [("is_min_heap([1, 3, 2, 7])", True), ("is_min_heap([5, 3])", False), ("is_min_heap([])", True)],
    "r53-candidate_code-02": [("SortedBag([1, 5, 9]).insert(6)", 2), ("SortedBag([1, 4, 4]).insert(4)", 1)],
    "r53-candidate_code-03": [("bag_difference(['x', 'x', 'y'], ['x'])", {'x': 1, 'y': 1}), ("bag_difference([], ['a'])", {})],
    "r53-candidate_code-04": [("Dedenter(4).dedent('    a\\n      b')", "a\n  b"), ("Dedenter(4).dedent('\\ta\\n    b')", "a\nb")],
    "r53-candidate_code-05": [("top_k_with_counts([4, 1, 4, 2, 1], 2)", [(1, 2), (4, 2)]), ("top_k_with_counts([], 3)", [])],
    "r53-candidate_code-06": [("(lambda r: (r.add(5), r.add(1), r.add(3), r.add(8), r.median())[-1])(RunningMedian())", 4.0), ("RunningMedian().median()", None)],
}
errors, infos = [], []
def err(i, m): errors.append(f"ERROR {i}: {m}")
def info(i, m): infos.append(f"INFO  {i}: {m}")

rows = []
for n, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        err(f"line {n}", f"does not parse: {e}")

ids = Counter(r.get("id") for r in rows)
for i, c in ids.items():
    if c > 1: err(i, "duplicate id")

code_by_name = {}
for r in rows:
    if r.get("template") == "candidate_code" and r["usable"]:
        code_by_name[r["id"]] = r["expected"]["code"]

for r in rows:
    i = r.get("id", "?")
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: err(i, f"missing field {k}")
    t = r.get("template")
    if t not in TEMPLATES: err(i, f"bad template {t}"); continue
    if not i.startswith(f"r53-{t}-"): err(i, "id does not match template")
    if r["family"] not in FAMILIES: err(i, f"bad family {r['family']}")
    if r["mode"] not in ("text", "json_object"): err(i, "bad mode")
    if r["finish_reason"] != ("length" if r["truncated"] else "stop"): err(i, "finish_reason/truncated mismatch")
    if "{{" in r["prompt"] or f"Task: {t}" not in r["prompt"]: err(i, "prompt not fully rendered or wrong template")
    tplt = open(f"/work/corpus/tools/prompts/{t}.txt", encoding="utf-8").read()
    for hdr in [l for l in tplt.splitlines() if l.startswith("### ")]:
        if hdr not in r["prompt"]: err(i, f"prompt lacks header {hdr!r}")
    if r["mode"] == "json_object" and not r["truncated"]:
        try: json.loads(r["reply"])
        except Exception as e: err(i, f"json_object reply is not JSON: {e}")
    if r["family"] == "deepseek-r1-distill" and r["mode"] == "text" and not r["reply"].lstrip().startswith("<think>"):
        err(i, "reasoning model reply lacks <think>")
    e = r["expected"]
    if not r["usable"]:
        info(i, "marked unusable")
    if t == "concepts":
        for c in e["concepts"]:
            if set(c) != {"name", "keyphrase", "description", "examples", "difficulty"}: err(i, f"concept keys {sorted(c)}")
            if c["difficulty"] not in ("easy", "medium", "hard"): err(i, "difficulty")
            if c["keyphrase"] not in r["prompt"]: err(i, f"keyphrase {c['keyphrase']!r} not in prompt")
    elif t == "instructions":
        for it in e["instructions"]:
            if it["kind"] not in ("function", "class") or not it["text"]: err(i, "instruction item")
            if it["text"].lstrip().startswith(("[", "1.", "**")): err(i, "instruction text keeps numbering/tag")
            if it["text"].split()[0] not in r["reply"] : err(i, "instruction text not from reply")
    elif t == "signature":
        line = e["line"]
        if e["kind"] == "function":
            if not line.startswith(f"Function: {e['name']}("): err(i, "function line form")
            try: ast.parse("def " + line[len("Function: "):] + ": pass")
            except SyntaxError as x: err(i, f"signature does not parse: {x}")
        else:
            parts = line.split("; ")
            if parts[0] != f"Class: {e['name']}" or not parts[1].startswith("__init__(self"): err(i, "class line form")
            for p in parts[1:]:
                try: ast.parse("def " + p + ": pass")
                except SyntaxError as x: err(i, f"method {p!r} does not parse: {x}")
    elif t == "candidate_code":
        code = e["code"]
        try: ast.parse(code)
        except SyntaxError as x: err(i, f"code does not parse: {x}"); continue
        if "__main__" in code or "print(" in code: err(i, "code keeps demo/main block")
        if code not in r["reply"].replace("\\n", "\n") and code not in json.loads(r["reply"]).get("code", "") if r["mode"] == "json_object" else code not in r["reply"]:
            err(i, "code not found verbatim in reply")
        ns = {}
        exec(code, ns)
        calls = SANITY.get(i, [])
        if not calls: err(i, "no sanity call")
        for call, want in calls:
            got = eval(call, ns)
            if got != want: err(i, f"sanity {call} -> {got!r}, want {want!r}")
            else: info(i, f"sanity ok: {call} == {want!r}")
    elif t == "test_scenarios":
        for s in e["scenarios"]:
            if not s or s[0].isdigit() or "\n" in s: err(i, f"scenario form {s!r}")
    elif t == "candidate_tests":
        for s in e["tests"]:
            try: tree = ast.parse(s)
            except SyntaxError as x: err(i, f"test does not parse: {x}"); continue
            if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Assert): err(i, f"not a single assert: {s}")
            elif not (isinstance(tree.body[0].test, ast.Compare) and isinstance(tree.body[0].test.ops[0], ast.Eq)): err(i, f"not an == assert: {s}")
            if s not in r["reply"] and s not in r["reply"].encode().decode("unicode_escape", "ignore"):
                # json_object replies hold escaped text
                if r["mode"] != "json_object" or not any(s in x for x in json.loads(r["reply"])["tests"]):
                    err(i, f"test not verbatim in reply: {s}")
        for u in e.get("unusable_tests", []):
            if not isinstance(u, str) or ":" not in u: err(i, "unusable_tests entry needs a reason")
        # informational: run usable tests against the corpus's own candidate_code solutions
        for cid, code in code_by_name.items():
            ns = {}; exec(code, ns)
            for s in e["tests"]:
                name = s.split("assert ", 1)[1].split("(")[0].lstrip("(")
                if name in ns:
                    try: exec(s, ns); info(i, f"test passes vs {cid}: {s[:60]}")
                    except AssertionError: info(i, f"test FAILS vs {cid} (model's expected value disagrees): {s[:70]}")
                    except Exception as x: info(i, f"test errors vs {cid}: {type(x).__name__}: {s[:60]}")
    elif t == "extract_entities":
        for c in e["claims"]:
            if set(c) != {"kind", "name", "value"}: err(i, "claim keys")
            if c["kind"] not in ("value", "index", "comparison", "branch", "loop", "return"): err(i, f"claim kind {c['kind']}")
            if not all(isinstance(v, str) for v in c.values()): err(i, "claim values must be strings")
    elif t in ("narrate_forward", "narrate_backward"):
        for k in ("code", "call", "returned"):
            if k not in r: err(i, f"missing {k}")
        ns = {}; exec(r["code"], ns)
        real = eval(r["call"], ns)
        if repr(real) != r["returned"]: err(i, f"call returns {real!r}, recorded {r['returned']}")
        ans = e.get("answer")
        if not r["usable"]: continue
        try: ast.parse(ans, mode="eval")
        except SyntaxError as x: err(i, f"answer does not parse: {x}"); continue
        if t == "narrate_forward":
            got = eval(ans, {})
        else:
            if not ans.startswith(r["call"].split("(")[0] + "("): err(i, "answer does not call the function")
            got = eval(ans, ns)
        if got != eval(r["returned"]) or type(got) != type(eval(r["returned"])):
            err(i, f"answer gives {got!r}, returned {r['returned']}")
        else: info(i, f"answer ok: {ans} -> {r['returned']}")
    if r["truncated"] and r["finish_reason"] != "length": err(i, "truncated needs length")

print(f"rows: {len(rows)}")
for name, key in (("template", "template"), ("family", "family"), ("mode", "mode")):
    print(f"per {name}: {dict(sorted(Counter(r[key] for r in rows).items()))}")
print(f"truncated: {sum(r['truncated'] for r in rows)}  unusable: {sum(not r['usable'] for r in rows)}")
for t in TEMPLATES:
    fams = Counter(r["family"] for r in rows if r["template"] == t)
    n = sum(fams.values())
    flag = "" if n == 6 and len(fams) >= 5 else "  <-- ERROR"
    if flag: errors.append(f"ERROR {t}: {n} replies, {len(fams)} families")
    print(f"  {t}: {n} replies, {len(fams)} families {dict(fams)}{flag}")
print()
for m in infos: print(m)
print()
for m in errors: print(m)
print(f"\n{len(errors)} errors")
sys.exit(1 if errors else 0)
