"""Self-check of replies.jsonl (writer r99). Run: python3 check.py > check_report.txt"""
import ast, json, collections, sys
PATH = "/work/corpus/replies/r99/replies.jsonl"
errors, rows = [], []
for i, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        errors.append(f"line {i}: does not parse: {e}")
KEYS = {"id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"}
SANITY = {  # name -> list of (call, expected value)
    "run_lengths": [("run_lengths('aaabcc')", [("a", 3), ("b", 1), ("c", 2)]), ("run_lengths('')", [])],
    "RunningMedian": [("(lambda m: (m.add(1), m.add(3), m.add(2))[-1])(RunningMedian())", 2), ("(lambda m: (m.add(1), m.add(4))[-1])(RunningMedian())", 2.5)],
    "insertion_index": [("insertion_index([1, 3, 3, 5], 3)", 1), ("insertion_index([], 4)", 0)],
    "common_indent": [("common_indent('  a\\n    b')", 2), ("common_indent('')", 0), ("common_indent('    x\\n\\n    y')", 4)],
    "SortedBag": [("(lambda b: (b.add(3), b.add(1))[-1])(SortedBag())", [1, 3])],
    "is_min_heap": [("is_min_heap([1, 2, 3])", True), ("is_min_heap([3, 1])", False)],
}
reference = {}  # name -> namespace holding the expected candidate code, used to run expected tests
def parses(src, what, rid):
    try:
        ast.parse(src); return True
    except SyntaxError as e:
        errors.append(f"{rid}: {what} is not valid Python: {e}"); return False
by_t = collections.defaultdict(list)
for r in rows:
    rid = r.get("id", "?")
    miss = KEYS - set(r)
    if miss: errors.append(f"{rid}: missing keys {sorted(miss)}")
    by_t[r["template"]].append(r)
    if "{{" in r["prompt"]: errors.append(f"{rid}: unrendered slot in prompt")
    if r["mode"] not in ("text", "json_object"): errors.append(f"{rid}: bad mode")
    if r["finish_reason"] not in ("stop", "length"): errors.append(f"{rid}: bad finish_reason")
    if r["truncated"] != (r["finish_reason"] == "length"): errors.append(f"{rid}: truncated/finish_reason disagree")
    e, t = r["expected"], r["template"]
    if not r["usable"]:
        continue
    if t == "candidate_code":
        code = e["code"]
        if parses(code, "expected.code", rid):
            ns = {}
            exec(code, ns)
            done = 0
            for name, calls in SANITY.items():
                if name in ns:
                    reference[name] = code
                    for call, want in calls:
                        got = eval(call, ns)
                        if got != want: errors.append(f"{rid}: sanity {call} -> {got!r}, want {want!r}")
                        done += 1
            if not done: errors.append(f"{rid}: no sanity call ran")
    elif t == "candidate_tests":
        for s in e["tests"]:
            parses(s, "test", rid)
            if not s.startswith("assert "): errors.append(f"{rid}: test not an assert: {s}")
    elif t == "narrate_forward":
        if parses(e["answer"], "answer", rid):
            if eval(e["answer"]) != eval(r["returned"]): errors.append(f"{rid}: answer {e['answer']} != returned {r['returned']}")
    elif t == "narrate_backward":
        if parses(e["answer"], "answer", rid):
            ns = {}; exec(r["code"], ns)
            got = eval(e["answer"], ns)
            if got != eval(r["returned"]): errors.append(f"{rid}: {e['answer']} gives {got!r}, returned {r['returned']}")
    elif t == "signature":
        if not e["line"].startswith(("Function: ", "Class: ")): errors.append(f"{rid}: bad signature line")
    elif t == "extract_entities":
        for c in e["claims"]:
            if not all(isinstance(c[k], str) for k in ("kind", "name", "value")): errors.append(f"{rid}: non-string claim field")
    elif t == "concepts":
        for c in e["concepts"]:
            if set(c) != {"name", "keyphrase", "description", "examples", "difficulty"}: errors.append(f"{rid}: concept keys")
# expected code and tests must be copied verbatim from the reply (JSON-decoded in json_object mode)
def flat(x):
    if isinstance(x, dict): return " ".join(flat(v) for v in x.values())
    if isinstance(x, list): return " ".join(flat(v) for v in x)
    return str(x)
for r in rows:
    if not r["usable"] or r["template"] not in ("candidate_code", "candidate_tests"): continue
    text = r["reply"]
    if r["mode"] == "json_object": text = flat(json.loads(text))
    items = [r["expected"]["code"]] if r["template"] == "candidate_code" else r["expected"]["tests"]
    for it in items:
        if it.strip() not in text: errors.append(f"{r['id']}: not verbatim in reply: {it[:60]!r}")
# run the expected tests against the reference code of the candidate_code replies
ran = 0
for r in by_t["candidate_tests"]:
    for s in r["expected"]["tests"]:
        name = next((n for n in reference if s.startswith("assert " + n)), None)
        if name is None: continue
        ns = {}; exec(reference[name], ns)
        try:
            exec(s, ns); ran += 1
        except AssertionError:
            errors.append(f"{r['id']}: expected test fails against reference: {s}")
print(f"rows: {len(rows)}")
for t in sorted(by_t):
    rs = by_t[t]
    fams = collections.Counter(x["family"] for x in rs)
    print(f"{t}: {len(rs)} replies, {len(fams)} families {dict(fams)}, json_object {sum(x['mode']=='json_object' for x in rs)}, "
          f"truncated {sum(x['truncated'] for x in rs)}, unusable {sum(not x['usable'] for x in rs)}")
    if len(fams) < 5: errors.append(f"{t}: fewer than 5 families")
print("families:", dict(collections.Counter(x["family"] for x in rows)))
print("modes:", dict(collections.Counter(x["mode"] for x in rows)))
print("truncated:", sum(x["truncated"] for x in rows), "unusable:", sum(not x["usable"] for x in rows))
print(f"expected tests run against reference code: {ran}")
print("ERRORS:" if errors else "OK: no errors")
for e in errors: print("  " + e)
sys.exit(1 if errors else 0)
