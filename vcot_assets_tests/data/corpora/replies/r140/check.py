"""Checks replies.jsonl: parse, fields, ast validity, narrate answers, candidate_code sanity calls."""
import ast, json, sys, collections
SANITY = {  # id -> list of (call, expected literal)
 "r140-candidate_code-01": [("is_min_heap([1, 3, 2, 7, 4])", True), ("is_min_heap([5, 3, 8])", False)],
 "r140-candidate_code-02": [("wrap_words('the quick brown fox', 10)", ['the quick', 'brown fox']), ("wrap_words('', 5)", [])],
 "r140-candidate_code-03": [("run_lengths('aaabcc')", [('a', 3), ('b', 1), ('c', 2)])],
 "r140-candidate_code-04": [("Accumulator(10).add(-3)", 7)],
 "r140-candidate_code-05": [("count_less([1, 2, 2, 2, 5], 2)", 1), ("count_less([], 3)", 0)],
}
TEMPLATES = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios", "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"]
errs = []; rows = []
for i, line in enumerate(open("replies.jsonl", encoding="utf-8"), 1):
    try: rows.append(json.loads(line))
    except Exception as e: errs.append(f"line {i}: bad json {e}")
ids = collections.Counter(r["id"] for r in rows)
errs += [f"duplicate id {k}" for k, v in ids.items() if v > 1]
def parse(rid, what, src, mode="exec"):
    try: ast.parse(src, mode=mode); return True
    except SyntaxError as e: errs.append(f"{rid}: {what} does not parse: {e}"); return False
for r in rows:
    rid, t, e = r["id"], r["template"], r["expected"]
    for k in ["id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"]:
        if k not in r: errs.append(f"{rid}: missing {k}")
    if t not in TEMPLATES: errs.append(f"{rid}: unknown template")
    if "{{" in r["prompt"]: errs.append(f"{rid}: unrendered slot")
    if r["mode"] not in ("text", "json_object"): errs.append(f"{rid}: bad mode")
    if r["finish_reason"] not in ("stop", "length"): errs.append(f"{rid}: bad finish_reason")
    if r["truncated"] != (r["finish_reason"] == "length"): errs.append(f"{rid}: truncated/finish_reason mismatch")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: errs.append(f"{rid}: expected flags mismatch")
    if not r["usable"]: continue
    if t == "candidate_code":
        if parse(rid, "code", e["code"]):
            ns = {}
            exec(e["code"], ns)
            calls = SANITY.get(rid)
            if not calls: errs.append(f"{rid}: no sanity call")
            for call, want in calls or []:
                got = eval(call, ns)
                if got != want: errs.append(f"{rid}: sanity {call} -> {got!r} != {want!r}")
    elif t == "candidate_tests":
        for s in e["tests"]:
            if parse(rid, "test", s):
                node = ast.parse(s).body[0]
                if not isinstance(node, ast.Assert): errs.append(f"{rid}: not an assert: {s}")
    elif t == "narrate_forward":
        if parse(rid, "answer", e["answer"], "eval") and eval(e["answer"]) != eval(r["returned"]):
            errs.append(f"{rid}: answer {e['answer']} != returned {r['returned']}")
    elif t == "narrate_backward":
        if parse(rid, "answer", e["answer"], "eval"):
            ns = {}; exec(r["code"], ns)
            got = eval(e["answer"], ns)
            if got != eval(r["returned"]): errs.append(f"{rid}: {e['answer']} gives {got!r} != {r['returned']}")
            fn = r["call"].split("(")[0]
            if not e["answer"].startswith(fn + "("): errs.append(f"{rid}: answer is not a call of {fn}")
        ns = {}; exec(r["code"], ns)
        if repr(eval(r["call"], ns)) != r["returned"]: errs.append(f"{rid}: call does not give returned")
    elif t == "signature":
        ln = e["line"]
        if not ln.startswith(("Function: ", "Class: ")): errs.append(f"{rid}: bad line")
        if e["name"] not in ln: errs.append(f"{rid}: name not in line")
        if e["kind"] == "function": parse(rid, "signature", "def " + ln[len("Function: "):] + ": pass")
        else:
            for part in ln.split("; ")[1:]: parse(rid, "method", "def " + part + ": pass")
    elif t == "concepts":
        for c in e["concepts"]:
            if set(c) != {"name", "keyphrase", "description", "examples", "difficulty"}: errs.append(f"{rid}: concept keys")
            if c["keyphrase"] not in r["prompt"]: errs.append(f"{rid}: keyphrase {c['keyphrase']} not in prompt")
    elif t == "instructions":
        for it in e["instructions"]:
            if it["kind"] not in ("function", "class") or it["text"] not in r["reply"].replace('\\"', '"'): errs.append(f"{rid}: instruction not in reply: {it['text'][:40]}")
    elif t == "test_scenarios":
        for s in e["scenarios"]:
            if s not in r["reply"]: errs.append(f"{rid}: scenario not in reply: {s}")
    elif t == "extract_entities":
        for c in e["claims"]:
            if not all(isinstance(c[k], str) for k in ("kind", "name", "value")): errs.append(f"{rid}: claim not strings")
            if c["name"] not in r["prompt"]: errs.append(f"{rid}: claim name {c['name']} not in sentence")
# extra: every expected candidate test passes against the expected candidate_code solutions
impl = {}
for r in rows:
    if r["template"] == "candidate_code" and r["usable"]: exec(r["expected"]["code"], impl)
for r in rows:
    if r["template"] == "candidate_tests":
        for s in r["expected"]["tests"]:
            try: exec(s, dict(impl))
            except Exception as ex: errs.append(f"{r['id']}: test fails against reference code: {s} ({ex!r})")
print(f"rows: {len(rows)}")
for key in ["template", "family", "mode"]:
    print(key, dict(collections.Counter(r[key] for r in rows)))
print("truncated", sum(r["truncated"] for r in rows), "unusable", sum(not r["usable"] for r in rows))
fam_per_t = {t: len({r['family'] for r in rows if r['template'] == t}) for t in TEMPLATES}
print("families per template", fam_per_t)
errs += [f"{t}: only {n} families" for t, n in fam_per_t.items() if n < 5]
print("ERRORS:" if errs else "ALL CHECKS PASSED")
for x in errs: print("  " + x)
sys.exit(1 if errs else 0)
