"""Checks replies.jsonl: parse, schema, ast-valid expected code/tests/answers, narrate answers, candidate_code sanity calls."""
import ast, json, sys
TEMPLATES = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios",
             "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"]
# sanity calls per candidate_code id: list of (expression, expected repr)
SANITY = json.load(open("/work/corpus/replies/r152/tmp/sanity.json"))
errs, n, counts = [], 0, {}
def err(i, m): errs.append(f"{i}: {m}")
for ln, line in enumerate(open("/work/corpus/replies/r152/replies.jsonl"), 1):
    n += 1
    try:
        r = json.loads(line)
    except Exception as e:
        err(ln, f"bad json {e}"); continue
    i = r.get("id", ln)
    for k in ["id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"]:
        if k not in r: err(i, f"missing {k}")
    t = r["template"]; e = r["expected"]
    counts[t] = counts.get(t, 0) + 1
    if t not in TEMPLATES: err(i, "bad template")
    if r["mode"] not in ("text", "json_object"): err(i, "bad mode")
    if r["finish_reason"] not in ("stop", "length"): err(i, "bad finish")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: err(i, "flags mismatch")
    if r["truncated"] and r["finish_reason"] != "length": err(i, "truncated but stop")
    if "{{" in r["prompt"]: err(i, "unrendered slot")
    if not r["usable"]: continue
    try:
        if t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard")
        elif t == "instructions":
            for c in e["instructions"]:
                assert c["kind"] in ("function", "class") and c["text"]
        elif t == "signature":
            assert e["kind"] in ("function", "class")
            line_ = e["line"]
            if e["kind"] == "function":
                assert line_.startswith("Function: " + e["name"] + "(")
                ast.parse("def " + line_[len("Function: "):] + ": pass")
            else:
                assert line_.startswith("Class: " + e["name"] + ";")
                for part in line_.split(";")[1:]:
                    ast.parse("def " + part.strip() + ": pass")
        elif t == "candidate_code":
            ast.parse(e["code"])
            calls = SANITY[i]
            g = {}
            exec(e["code"], g)
            for expr, want in calls:
                got = eval(expr, g)
                assert got == eval(want), (expr, got, want)
        elif t == "test_scenarios":
            assert all(isinstance(s, str) and s for s in e["scenarios"])
        elif t == "candidate_tests":
            for s in e["tests"]:
                tr = ast.parse(s)
                assert len(tr.body) == 1 and isinstance(tr.body[0], ast.Assert), s
            assert isinstance(e.get("unusable_tests", []), list)
        elif t == "extract_entities":
            for c in e["claims"]:
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return")
                assert isinstance(c["value"], str) and isinstance(c["name"], str)
        elif t == "narrate_forward":
            ast.parse(e["answer"], mode="eval")
            assert eval(e["answer"]) == eval(r["returned"]), "answer != returned"
            g = {}; exec(r["code"], g)
            assert eval(r["call"], g) == eval(r["returned"]), "call != returned"
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval")
            g = {}; exec(r["code"], g)
            assert eval(e["answer"], g) == eval(r["returned"]), "answer call != returned"
    except Exception as ex:
        err(i, f"{type(ex).__name__}: {ex}")
print(f"lines: {n}")
print("per template:", json.dumps(counts, sort_keys=True))
print(f"errors: {len(errs)}")
for x in errs: print("  " + x)
print("PASS" if not errs else "FAIL")
sys.exit(1 if errs else 0)
