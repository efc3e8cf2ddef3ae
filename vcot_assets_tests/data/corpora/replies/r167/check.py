"""Self-check for r167 replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, collections, sys
PATH = "/work/corpus/replies/r167/replies.jsonl"
SANITY = {  # candidate_code id -> (calls, expected) ; run after exec(code)
 "r167-candidate_code-01": ("run_lengths('aabccc')", [('a', 2), ('b', 1), ('c', 3)]),
 "r167-candidate_code-02": ("(lambda q: (q.push(2, 'b'), q.push(1, 'a'), q.push(1, 'c'), q.pop(), q.pop())[3:])(MinQueue())", ('a', 'c')),
 "r167-candidate_code-03": ("collapse_spaces('  a\\t b\\n c ')", "a b c"),
 "r167-candidate_code-04": ("k_smallest([5, 1, 4, 2], 2)", [1, 2]),
 "r167-candidate_code-05": ("(lambda m: [m.add(3), m.add(1), m.add(2)])(RunningMedian())", [3.0, 2.0, 2.0]),
}
REF = {  # reference code for running candidate_tests: template instruction keyword -> candidate_code id
 "run_lengths": "r167-candidate_code-01", "collapse_spaces": "r167-candidate_code-03",
 "k_smallest": "r167-candidate_code-04", "RunningMedian": "r167-candidate_code-05",
}
TEXTGRID = '''class TextGrid:
    def __init__(self, rows):
        self.rows = rows
    def column(self, i):
        return "".join(r[i] for r in self.rows)
    def transpose(self):
        return [self.column(i) for i in range(len(self.rows[0]))] if self.rows else []
'''
errors, rows = [], []
for n, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        errors.append(f"line {n}: bad JSON {e}")
codes = {r["id"]: r["expected"].get("code") for r in rows if r["template"] == "candidate_code"}
ids = collections.Counter(r["id"] for r in rows)
for i, c in ids.items():
    if c > 1: errors.append(f"{i}: duplicate id")
REQ = {"id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"}
for r in rows:
    rid, t, e = r["id"], r["template"], r["expected"]
    def err(m): errors.append(f"{rid}: {m}")
    miss = REQ - r.keys()
    if miss: err(f"missing keys {miss}")
    if "{{" in r["prompt"]: err("unfilled slot in prompt")
    if r["truncated"] != (r["finish_reason"] == "length"): err("truncated/finish_reason mismatch")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: err("expected flags mismatch")
    if r["mode"] not in ("text", "json_object"): err("bad mode")
    if r["mode"] == "json_object" and r["finish_reason"] == "stop":
        try: json.loads(r["reply"])
        except Exception: err("json_object reply is not valid JSON")
    if r["family"] == "deepseek-r1-distill" and r["usable"] and not r["reply"].lstrip().startswith("<think>"): err("r1 without think")
    usable = r["usable"]
    try:
        if t == "candidate_code" and usable:
            ast.parse(e["code"])
            g = {}; exec(e["code"], g)
            call, want = SANITY[rid]
            got = eval(call, g)
            if got != want: err(f"sanity {call} -> {got!r} != {want!r}")
            if e["code"] not in r["reply"] and json.loads(r["reply"]).get("code") != e["code"] if r["mode"] == "json_object" else e["code"] not in r["reply"]:
                err("code not verbatim in reply")
        elif t == "candidate_tests":
            ref = None
            for k, cid in REF.items():
                if k in r["prompt"].split("### Signature")[1]: ref = codes[cid]
            if "TextGrid" in r["prompt"]: ref = TEXTGRID
            for s in e["tests"]:
                ast.parse(s)
                if not s.startswith("assert "): err(f"test not an assert: {s}")
                if s not in r["reply"] and json.dumps(s)[1:-1] not in r["reply"]: err(f"test not verbatim: {s}")
                if ref:
                    g = {}; exec(ref, g)
                    try: exec(s, g)
                    except AssertionError: err(f"test fails against reference: {s}")
            if usable != bool(e["tests"]): err("usable flag vs tests")
        elif t == "narrate_forward" and usable:
            ast.parse(e["answer"], mode="eval")
            if eval(e["answer"]) != eval(r["returned"]): err(f"answer {e['answer']} != returned {r['returned']}")
        elif t == "narrate_backward" and usable:
            ast.parse(e["answer"], mode="eval")
            g = {}; exec(r["code"], g)
            if eval(e["answer"], g) != eval(r["returned"]): err(f"call {e['answer']} does not return {r['returned']}")
        elif t in ("narrate_forward", "narrate_backward"):
            for k in ("code", "call", "returned"):
                if k not in r: err(f"missing {k}")
        elif t == "signature" and usable:
            line = e["line"]
            pre = "Function: " if e["kind"] == "function" else "Class: "
            if not line.startswith(pre + e["name"]): err("signature line/kind/name mismatch")
            if e["kind"] == "function": ast.parse("def " + line[len(pre):] + ": pass")
            else:
                for part in line.split("; ")[1:]: ast.parse("def " + part + ": pass")
        elif t == "instructions" and usable:
            for it in e["instructions"]:
                if it["kind"] not in ("function", "class"): err("bad kind")
                if it["text"] not in r["reply"]: err(f"instruction text not verbatim: {it['text'][:40]}")
        elif t == "test_scenarios" and usable:
            for s in e["scenarios"]:
                if not s: err("empty scenario")
        elif t == "concepts" and usable:
            for c in e["concepts"]:
                if set(c) != {"name", "keyphrase", "description", "examples", "difficulty"}: err("concept keys")
                if c["difficulty"] not in ("easy", "medium", "hard"): err("difficulty")
                if c["keyphrase"] not in r["prompt"]: err(f"keyphrase not in prompt: {c['keyphrase']}")
        elif t == "extract_entities" and usable:
            for c in e["claims"]:
                if not all(isinstance(c[k], str) for k in ("kind", "name", "value")): err("claim values must be strings")
    except Exception as ex:
        err(f"exception {type(ex).__name__}: {ex}")
by_t = collections.Counter(r["template"] for r in rows)
fam_t = collections.defaultdict(set)
for r in rows: fam_t[r["template"]].add(r["family"])
for t, fams in fam_t.items():
    if len(fams) < 5: errors.append(f"{t}: only {len(fams)} families")
print(f"rows: {len(rows)}")
print("per template:", dict(sorted(by_t.items())))
print("per family:", dict(sorted(collections.Counter(r["family"] for r in rows).items())))
print("per mode:", dict(collections.Counter(r["mode"] for r in rows)))
print("truncated:", sum(r["truncated"] for r in rows), " unusable:", sum(not r["usable"] for r in rows))
print("families per template:", {t: len(f) for t, f in sorted(fam_t.items())})
print(f"errors: {len(errors)}")
for x in errors: print("  " + x)
print("RESULT:", "PASS" if not errors else "FAIL")
sys.exit(1 if errors else 0)
