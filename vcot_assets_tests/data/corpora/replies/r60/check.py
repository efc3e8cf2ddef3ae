"""Self-check for r60 replies.jsonl: parse, schema, Python validity, answers and sanity calls."""
import ast, json, sys, collections
PATH = "/work/corpus/replies/r60/replies.jsonl"
TEMPLATES = {"concepts","instructions","signature","candidate_code","test_scenarios","candidate_tests","extract_entities","narrate_forward","narrate_backward"}
FAMILIES = {"mistral-small-24b","qwen2.5-coder-7b","llama-3.1-8b","gpt-4o-mini","deepseek-r1-distill","smollm2-135m"}
# sanity calls for each candidate_code reply: (expression, expected value)
SANITY = {
 "r60-candidate_code-01": [("k_smallest([5, 1, 4, 2, 3], 2)", [1, 2]), ("k_smallest([9, 7, 8], 10)", [7, 8, 9]), ("k_smallest([3], 0)", [])],
 "r60-candidate_code-02": [('count_blank_lines("a\\n\\n  \\nb")', 2), ('count_blank_lines("")', 1)],
 "r60-candidate_code-03": [("(lambda q: (q.push('b', 5), q.push('a', 1), q.push('c', 1), [q.pop(), q.pop(), q.pop(), q.pop()])[-1])(MinPriorityQueue())", ['a', 'c', 'b', None])],
 "r60-candidate_code-04": [("merge_sorted_lists([[1, 4, 9], [2, 3], [0, 10]])", [0, 1, 2, 3, 4, 9, 10]), ("merge_sorted_lists([])", [])],
 "r60-candidate_code-05": [("median([3, 1, 2])", 2), ("median([4, 1, 3, 2])", 2.5)],
 "r60-candidate_code-06": [("hamming_close('cat', ['cot', 'dog', 'cut', 'cats'], 1)", ['cot', 'cut'])],
}
errors = []; counts = collections.defaultdict(collections.Counter)
def err(rid, msg): errors.append(f"{rid}: {msg}")
def parse_ok(rid, src, what):
    try: return ast.parse(src)
    except SyntaxError as e: err(rid, f"{what} does not parse: {e}"); return None
rows = []
for n, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try: rows.append(json.loads(line))
    except Exception as e: errors.append(f"line {n}: JSON error {e}")
ids = [r.get("id") for r in rows]
for d in {i for i in ids if ids.count(i) > 1}: err(d, "duplicate id")
codes = {}
for r in rows:
    rid = r.get("id"); t = r.get("template"); e = r.get("expected", {})
    for k in ("id","template","family","mode","prompt","reply","finish_reason","expected","truncated","usable","notes"):
        if k not in r: err(rid, f"missing {k}")
    if t not in TEMPLATES: err(rid, f"bad template {t}")
    if not rid.startswith(f"r60-{t}-"): err(rid, "id does not match template")
    if r.get("family") not in FAMILIES: err(rid, "bad family")
    if r.get("mode") not in ("text","json_object"): err(rid, "bad mode")
    if "{{" in r["prompt"]: err(rid, "unrendered slot in prompt")
    if r["truncated"] != (r["finish_reason"] == "length"): err(rid, "truncated/finish_reason mismatch")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: err(rid, "expected flags differ from row flags")
    if r["mode"] == "json_object" and r["usable"]:
        try: json.loads(r["reply"])
        except Exception: err(rid, "json_object reply is not bare JSON")
    c = counts; c["template"][t] += 1; c["family"][r["family"]] += 1; c["mode"][r["mode"]] += 1
    c["truncated"][r["truncated"]] += 1; c["usable"][r["usable"]] += 1; c["family_by_template"][(t, r["family"])] += 1
    if not r["usable"]:
        continue
    if t == "concepts":
        for x in e["concepts"]:
            if set(x) != {"name","keyphrase","description","examples","difficulty"} or x["difficulty"] not in ("easy","medium","hard") or len(x["examples"]) != 2:
                err(rid, f"bad concept {x}")
            if x["keyphrase"] not in r["prompt"]: err(rid, f"keyphrase not in prompt: {x['keyphrase']}")
    elif t == "instructions":
        for x in e["instructions"]:
            if x["kind"] not in ("function","class") or not x["text"] or x["text"][:1] in "0123456789[":
                err(rid, f"bad instruction {x}")
    elif t == "signature":
        line = e["line"]; kind = e["kind"]; name = e["name"]
        if kind == "function":
            if not line.startswith(f"Function: {name}("): err(rid, "bad function line")
            parse_ok(rid, "def " + line[len("Function: "):] + ": pass", "signature")
        else:
            parts = line[len("Class: "):].split("; ")
            if not line.startswith("Class: ") or parts[0] != name or not parts[1].startswith("__init__(self"): err(rid, "bad class line")
            for p in parts[1:]: parse_ok(rid, "from typing import Optional\ndef " + p + ": pass", "method")
    elif t == "candidate_code":
        src = e["code"]
        if parse_ok(rid, src, "code") is None: continue
        if src not in r["reply"] and r["mode"] == "text": err(rid, "code not verbatim in reply")
        ns = {}
        try: exec(src, ns)
        except Exception as ex: err(rid, f"code raises on exec: {ex}"); continue
        if rid not in SANITY: err(rid, "no sanity call")
        for expr, want in SANITY.get(rid, []):
            try: got = eval(expr, ns)
            except Exception as ex: err(rid, f"sanity {expr} raised {ex}"); continue
            if got != want: err(rid, f"sanity {expr} gave {got!r}, want {want!r}")
        codes[rid.rsplit("-", 1)[1]] = ns
    elif t == "test_scenarios":
        if not e["scenarios"] or any((not s) or s[:1].isdigit() for s in e["scenarios"]): err(rid, "bad scenarios")
    elif t == "candidate_tests":
        for s in e["tests"]:
            tree = parse_ok(rid, s, "test")
            if tree is None: continue
            if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Assert) or not isinstance(tree.body[0].test, ast.Compare) or not isinstance(tree.body[0].test.ops[0], ast.Eq):
                err(rid, f"not a single == assert: {s}")
            if r["mode"] == "text" and s not in r["reply"]: err(rid, f"test not verbatim in reply: {s}")
        for u in e.get("unusable_tests", []):
            if not u.get("reason"): err(rid, "unusable test without reason")
    elif t == "extract_entities":
        for x in e["claims"]:
            if set(x) != {"kind","name","value"} or not all(isinstance(v, str) for v in x.values()): err(rid, f"bad claim {x}")
            if x["kind"] not in ("value","index","comparison","branch","loop","return"): err(rid, f"bad kind {x}")
    elif t in ("narrate_forward", "narrate_backward"):
        ans = e["answer"]
        if parse_ok(rid, ans, "answer") is None: continue
        ns = {}; exec(r["code"], ns)
        real = eval(r["call"], ns)
        if repr(real) != r["returned"]: err(rid, f"returned {r['returned']} differs from running the call {real!r}")
        if t == "narrate_forward":
            if eval(ans, {}) != eval(r["returned"], {}): err(rid, f"answer {ans} != returned {r['returned']}")
        else:
            fn = r["call"].split("(")[0]
            if not ans.startswith(fn + "("): err(rid, "answer is not a call of the function")
            if eval(ans, ns) != eval(r["returned"], {}): err(rid, f"answer {ans} does not return {r['returned']}")
        if r["returned"] not in r["prompt"] and t == "narrate_backward": err(rid, "output not in prompt")
# extra: run the test replies against the matching candidate code (same exercise, same number)
for r in rows:
    if r["template"] == "candidate_tests" and r["usable"]:
        ns = codes.get(r["id"].rsplit("-", 1)[1])
        if ns is None: continue
        for s in r["expected"]["tests"]:
            try: exec(s, dict(ns))
            except AssertionError: err(r["id"], f"test fails against matching candidate code: {s}")
            except Exception as ex: err(r["id"], f"test raises {ex}: {s}")
for t in TEMPLATES:
    fams = {f for (tt, f) in counts["family_by_template"] if tt == t}
    if len(fams) < 5: err(t, f"only {len(fams)} families")
    if counts["template"][t] != 6: err(t, f"{counts['template'][t]} replies, want 6")
print(f"rows: {len(rows)}")
for k in ("template","family","mode","truncated","usable"):
    print(k + ": " + ", ".join(f"{a}={b}" for a, b in sorted(counts[k].items(), key=str)))
print("errors: %d" % len(errors))
for x in errors: print("  " + x)
print("PASS" if not errors else "FAIL")
sys.exit(1 if errors else 0)
