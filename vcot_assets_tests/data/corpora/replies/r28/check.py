"""Self-check of r28/replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, sys, collections, re
HERE = "/work/corpus/replies/r28/"
TEMPLATES = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios", "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"]
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}
SAN = json.load(open(HERE + "sanity.json"))
errors = []
def err(i, m): errors.append("%s: %s" % (i, m))
rows = []
for n, line in enumerate(open(HERE + "replies.jsonl"), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        errors.append("line %d does not parse: %s" % (n, e))
ids = collections.Counter(r["id"] for r in rows)
for i, c in ids.items():
    if c > 1: err(i, "duplicate id")
def run_code(code):
    ns = {}
    exec(compile(code, "<code>", "exec"), ns)
    return ns
for r in rows:
    i = r.get("id", "?")
    for k in ["id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"]:
        if k not in r: err(i, "missing " + k)
    t = r["template"]
    if t not in TEMPLATES: err(i, "bad template")
    if not re.fullmatch(r"r28-%s-\d\d" % t, i): err(i, "bad id form")
    if r["family"] not in FAMILIES: err(i, "bad family")
    if r["mode"] not in ("text", "json_object"): err(i, "bad mode")
    if (r["finish_reason"] == "length") != r["truncated"]: err(i, "finish_reason/truncated mismatch")
    if "{{" in r["prompt"]: err(i, "unfilled slot in prompt")
    if "Task: %s" % t not in r["prompt"]: err(i, "prompt is not this template")
    if r["mode"] == "json_object" and not r["truncated"]:
        try: json.loads(r["reply"])
        except Exception as e: err(i, "json_object reply is not JSON: %s" % e)
    e = r["expected"]
    if not r["usable"]:
        continue
    try:
        if t == "concepts":
            assert e["concepts"]
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard")
                assert isinstance(c["examples"], list) and c["examples"]
                assert c["keyphrase"] in r["prompt"], "keyphrase not in prompt"
        elif t == "instructions":
            assert e["instructions"]
            for it in e["instructions"]:
                assert it["kind"] in ("function", "class") and it["text"] and not re.match(r"\s*(\d|\[)", it["text"])
                assert it["text"] in r["reply"] or r["mode"] == "json_object" and json.dumps(it["text"])[1:-1] in r["reply"], "text not in reply"
        elif t == "signature":
            assert e["kind"] in ("function", "class")
            line = e["line"]
            pre = "Function: " if e["kind"] == "function" else "Class: "
            assert line.startswith(pre) and e["name"] in line
            if e["kind"] == "function":
                ast.parse("def " + line[len(pre):] + ": pass")
            else:
                parts = line[len(pre):].split("; ")
                assert parts[0] == e["name"]
                for p in parts[1:]:
                    ast.parse("def " + p + ": pass")
        elif t == "candidate_code":
            ast.parse(e["code"])
            ns = run_code(e["code"])
            calls = SAN[i]
            ok = [c for c in calls if eval(c, ns)]
            assert ok, "no sanity call passed"
            assert len(ok) == len(calls), "some sanity calls failed"
        elif t == "test_scenarios":
            assert e["scenarios"] and all(isinstance(s, str) and s for s in e["scenarios"])
        elif t == "candidate_tests":
            for s in e["tests"]:
                tree = ast.parse(s)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert)
                assert isinstance(tree.body[0].test, ast.Compare)
                assert s in r["reply"], "test not verbatim in reply"
            assert e["tests"] or e.get("unusable_tests")
        elif t == "extract_entities":
            for c in e["claims"]:
                assert set(c) == {"kind", "name", "value"} and all(isinstance(v, str) for v in c.values())
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return")
        elif t in ("narrate_forward", "narrate_backward"):
            ns = run_code(r["code"])
            assert repr(eval(r["call"], ns)) == r["returned"], "call does not give returned"
            a = e["answer"]
            ast.parse(a, mode="eval")
            if t == "narrate_forward":
                assert eval(a) == eval(r["returned"]), "answer != returned"
            else:
                ns2 = run_code(r["code"])
                assert repr(eval(a, ns2)) == r["returned"], "backward answer does not reproduce returned"
                assert a.split("(")[0] == r["call"].split("(")[0]
    except Exception as ex:
        err(i, "%s: %r" % (t, ex))
# distribution
bt = collections.Counter(r["template"] for r in rows)
print("rows:", len(rows))
print("per template:", dict(bt))
for t in TEMPLATES:
    fams = {r["family"] for r in rows if r["template"] == t}
    if bt[t] != 6: errors.append("%s: %d replies, want 6" % (t, bt[t]))
    if len(fams) < 5: errors.append("%s: only %d families" % (t, len(fams)))
    print("  %-17s families=%d %s" % (t, len(fams), sorted(fams)))
print("per family:", dict(collections.Counter(r["family"] for r in rows)))
print("per mode:", dict(collections.Counter(r["mode"] for r in rows)))
print("truncated:", sum(r["truncated"] for r in rows), "unusable:", sum(not r["usable"] for r in rows))
print("errors:", len(errors))
for e in errors: print("  ", e)
print("PASS" if not errors else "FAIL")
sys.exit(1 if errors else 0)
