"""Self-check for r110 replies.jsonl: parse, schema, ast validity, answers vs returned, code sanity."""
import ast, json, sys, collections
PATH = "/work/corpus/replies/r110/replies.jsonl"
SANITY = {}  # id -> list of (expr, expected_repr) sanity calls for candidate_code
try:
    SANITY = json.load(open("/work/corpus/replies/r110/tmp/sanity.json"))
except FileNotFoundError:
    pass
errs, n = [], 0
counts = collections.Counter(); fam = collections.defaultdict(set)
ids = set()
for ln, line in enumerate(open(PATH), 1):
    n += 1
    try:
        r = json.loads(line)
    except Exception as e:
        errs.append(f"line {ln}: bad JSON {e}"); continue
    rid = r.get("id"); t = r.get("template"); e = r.get("expected", {})
    def bad(m): errs.append(f"{rid}: {m}")
    if rid in ids: bad("duplicate id")
    ids.add(rid)
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: bad("missing " + k)
    if "{{" in r["prompt"]: bad("unrendered slot")
    if r["mode"] not in ("text", "json_object"): bad("mode")
    if r["finish_reason"] not in ("stop", "length"): bad("finish_reason")
    if (r["finish_reason"] == "length") != r["truncated"]: bad("finish_reason/truncated mismatch")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: bad("expected flags mismatch")
    counts[t] += 1; fam[t].add(r["family"])
    if not r["usable"]:
        continue
    try:
        if t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard")
        elif t == "instructions":
            for i in e["instructions"]:
                assert i["kind"] in ("function", "class") and i["text"]
        elif t == "signature":
            assert e["kind"] in ("function", "class")
            line_ = e["line"]
            if e["kind"] == "function":
                assert line_.startswith("Function: " + e["name"] + "(")
                ast.parse("def " + line_[len("Function: "):] + ": pass")
            else:
                assert line_.startswith("Class: " + e["name"] + ";")
                for part in line_.split("; ")[1:]:
                    ast.parse("def " + part + ": pass")
        elif t == "candidate_code":
            ast.parse(e["code"])
            calls = SANITY.get(rid)
            assert calls, "no sanity call"
            ns = {}
            exec(e["code"], ns)
            for expr, want in calls:
                got = eval(expr, ns)
                assert repr(got) == want, (expr, got, want)
        elif t == "test_scenarios":
            assert all(isinstance(s, str) and s for s in e["scenarios"])
        elif t == "candidate_tests":
            for s in e["tests"]:
                tree = ast.parse(s)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert), s
            for u in e.get("unusable_tests", []):
                assert isinstance(u, str)
        elif t == "extract_entities":
            for c in e["claims"]:
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return")
                assert isinstance(c["name"], str) and isinstance(c["value"], str)
        elif t == "narrate_forward":
            ast.parse(e["answer"], mode="eval")
            assert repr(eval(e["answer"])) == r["returned"], (e["answer"], r["returned"])
            ns = {}; exec(r["code"], ns)
            assert repr(eval(r["call"], ns)) == r["returned"]
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval")
            ns = {}; exec(r["code"], ns)
            assert repr(eval(e["answer"], ns)) == r["returned"], (e["answer"], r["returned"])
        else:
            bad("unknown template")
    except Exception as ex:
        bad(f"check failed: {type(ex).__name__}: {ex}")
out = [f"lines: {n}", "per template: " + json.dumps(dict(counts)),
       "families per template: " + json.dumps({k: len(v) for k, v in fam.items()})]
allr = [json.loads(l) for l in open(PATH)]
out.append("family: " + json.dumps(dict(collections.Counter(r["family"] for r in allr))))
out.append("mode: " + json.dumps(dict(collections.Counter(r["mode"] for r in allr))))
out.append("truncated: %d, unusable: %d" % (sum(r["truncated"] for r in allr), sum(not r["usable"] for r in allr)))
out += [f"ERROR {x}" for x in errs] or ["all checks passed"]
print("\n".join(out))
sys.exit(1 if errs else 0)
