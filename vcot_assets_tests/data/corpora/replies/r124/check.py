"""Self-check of r124/replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, collections, sys
PATH = "/work/corpus/replies/r124/replies.jsonl"
errors, notes = [], []
rows = []
for n, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        errors.append(f"line {n}: does not parse: {e}")
REQ = ["id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"]
FAM = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}
ids = collections.Counter(r.get("id") for r in rows)
for i, c in ids.items():
    if c > 1: errors.append(f"duplicate id {i}")
codes = {}  # reference namespace built from candidate_code rows
REF_EXTRA = '''
def low_median(xs):
    s = sorted(xs)
    return s[(len(s) - 1) // 2]
class RunCounter:
    def __init__(self, xs):
        self.xs = xs
    def longest(self):
        best, bl, cur, cl, prev = None, 0, None, 0, object()
        for x in self.xs:
            cl = cl + 1 if x == prev else 1
            prev = x
            if cl > bl:
                best, bl = x, cl
        return best
'''
def parses(src, what, rid):
    try:
        ast.parse(src); return True
    except SyntaxError as e:
        errors.append(f"{rid}: {what} does not parse: {e}"); return False
for r in rows:
    rid = r.get("id")
    for k in REQ:
        if k not in r: errors.append(f"{rid}: missing {k}")
    if r["family"] not in FAM: errors.append(f"{rid}: bad family")
    if r["mode"] not in ("text", "json_object"): errors.append(f"{rid}: bad mode")
    if r["finish_reason"] not in ("stop", "length"): errors.append(f"{rid}: bad finish_reason")
    if r["truncated"] != (r["finish_reason"] == "length"): errors.append(f"{rid}: truncated/finish_reason mismatch")
    e = r["expected"]
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: errors.append(f"{rid}: expected flags mismatch")
    if "{{" in r["prompt"]: errors.append(f"{rid}: unfilled slot in prompt")
    if r["mode"] == "json_object":
        try: json.loads(r["reply"])
        except Exception: errors.append(f"{rid}: json_object reply is not JSON")
    t = r["template"]
    if not r["usable"]:
        continue
    if t == "concepts":
        for c in e["concepts"]:
            if set(c) != {"name", "keyphrase", "description", "examples", "difficulty"} or c["difficulty"] not in ("easy", "medium", "hard"):
                errors.append(f"{rid}: bad concept {c.get('name')}")
            if c["keyphrase"] not in r["prompt"]: errors.append(f"{rid}: keyphrase not in prompt: {c['keyphrase']}")
    elif t == "instructions":
        for it in e["instructions"]:
            if it["kind"] not in ("function", "class") or it["text"] not in r["reply"]:
                errors.append(f"{rid}: instruction kind/text not found in reply")
    elif t == "signature":
        line = e["line"]
        if e["kind"] == "function":
            ok = line.startswith("Function: ") and parses("def " + line[len("Function: "):] + ": pass", "signature", rid)
            if not line[len("Function: "):].startswith(e["name"] + "("): errors.append(f"{rid}: name mismatch")
        else:
            parts = line.split("; ")
            if not parts[0] == "Class: " + e["name"]: errors.append(f"{rid}: class head mismatch")
            for m in parts[1:]: parses("def " + m + ": pass", "method signature", rid)
    elif t == "candidate_code":
        if parses(e["code"], "code", rid):
            ns = {}
            exec(e["code"], ns)
            for s in r.get("sanity", []):
                if eval(s, ns) is not True: errors.append(f"{rid}: sanity failed {s}")
            notes.append(f"{rid}: {len(r.get('sanity', []))} sanity calls passed" if not any(rid in x for x in errors) else f"{rid}: FAILED")
            codes.update({k: v for k, v in ns.items() if not k.startswith("__")})
    elif t == "test_scenarios":
        if not all(isinstance(s, str) and s for s in e["scenarios"]): errors.append(f"{rid}: bad scenario")
        for s in e["scenarios"]:
            if s not in r["reply"]: errors.append(f"{rid}: scenario not in reply: {s}")
    elif t == "candidate_tests":
        for s in e["tests"]:
            if not s.startswith("assert ") or s not in r["reply"].replace("\\n", "\n"):
                errors.append(f"{rid}: test not verbatim in reply: {s}")
            parses(s, "test", rid)
    elif t == "extract_entities":
        for c in e["claims"]:
            if not all(isinstance(c[k], str) for k in ("kind", "name", "value")): errors.append(f"{rid}: non-string claim field")
            if c["kind"] not in ("value", "index", "comparison", "branch", "loop", "return"): errors.append(f"{rid}: bad claim kind")
    elif t == "narrate_forward":
        if parses(e["answer"], "answer", rid):
            if eval(e["answer"]) != eval(r["returned"]): errors.append(f"{rid}: answer != returned")
            ns = {}; exec(r["code"], ns)
            if eval(r["call"], ns) != eval(r["returned"]): errors.append(f"{rid}: call does not give returned")
    elif t == "narrate_backward":
        if parses(e["answer"], "answer", rid):
            ns = {}; exec(r["code"], ns)
            if eval(e["answer"], ns) != eval(r["returned"]): errors.append(f"{rid}: answer call != returned")
            if not e["answer"].startswith(r["call"].split("(")[0] + "("): errors.append(f"{rid}: answer calls another function")
# run the extracted tests against the reference implementations
exec(REF_EXTRA, codes)
passed = failed = 0
for r in rows:
    if r["template"] == "candidate_tests" and r["usable"]:
        for s in r["expected"]["tests"]:
            try:
                exec(s, dict(codes)); passed += 1
            except AssertionError:
                failed += 1; errors.append(f"{r['id']}: test fails on reference: {s}")
# counts
by_t = collections.defaultdict(list)
for r in rows: by_t[r["template"]].append(r)
print(f"rows: {len(rows)}")
for t, rs in sorted(by_t.items()):
    fams = collections.Counter(r["family"] for r in rs)
    print(f"{t}: {len(rs)} replies, {len(fams)} families {dict(fams)}")
    if len(fams) < 5: errors.append(f"{t}: fewer than 5 families")
print("families:", dict(collections.Counter(r["family"] for r in rows)))
print("modes:", dict(collections.Counter(r["mode"] for r in rows)))
print("truncated:", sum(r["truncated"] for r in rows), "unusable:", sum(not r["usable"] for r in rows))
print(f"extracted tests run against reference code: {passed} passed, {failed} failed")
for n in notes: print(n)
print("ERRORS:" if errors else "OK: no errors")
for e in errors: print("  " + e)
sys.exit(1 if errors else 0)
