"""Checks replies.jsonl: parses, schema, Python validity, narrate answers, candidate_code sanity calls."""
import ast, json, sys, collections
KEYS = {"id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"}
FAM = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}
errs, n = [], 0
fams = collections.defaultdict(set); per = collections.Counter()
rows = []
for ln, line in enumerate(open("replies.jsonl", encoding="utf-8"), 1):
    try:
        d = json.loads(line)
    except Exception as e:
        errs.append(f"line {ln}: bad json {e}"); continue
    rows.append(d); n += 1
    i = d.get("id"); t = d.get("template"); e = d.get("expected", {})
    def err(m): errs.append(f"{i}: {m}")
    if KEYS - d.keys(): err(f"missing {KEYS - d.keys()}")
    if d["family"] not in FAM: err("family")
    if d["mode"] not in ("text", "json_object"): err("mode")
    if d["finish_reason"] != ("length" if d["truncated"] else "stop"): err("finish_reason")
    if e.get("truncated") != d["truncated"] or e.get("usable") != d["usable"]: err("flags mismatch")
    if "{{" in d["prompt"]: err("unfilled slot")
    fams[t].add(d["family"]); per[t] += 1
    u = d["usable"]
    try:
        if t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"} and c["difficulty"] in ("easy", "medium", "hard")
            assert e["concepts"] or not u
        elif t == "instructions":
            for c in e["instructions"]: assert c["kind"] in ("function", "class") and c["text"]
            assert e["instructions"] or not u
        elif t == "signature":
            assert e["kind"] in ("function", "class")
            line_ = e["line"]
            if e["kind"] == "function":
                assert line_.startswith("Function: " + e["name"] + "(")
                ast.parse("def " + line_[len("Function: "):] + ": pass")
            else:
                parts = line_.split("; ")
                assert parts[0] == "Class: " + e["name"] and parts[1].startswith("__init__(self")
                for m in parts[1:]: ast.parse("def " + m + ": pass")
        elif t == "candidate_code":
            ast.parse(e["code"])
            if u:
                ns = {}; exec(e["code"], ns)
                assert eval(d["sanity"], ns) is True, "sanity call failed"
            else:
                assert e["code"] == ""
        elif t == "test_scenarios":
            assert all(isinstance(s, str) and s for s in e["scenarios"]); assert e["scenarios"] or not u
        elif t == "candidate_tests":
            for s in e["tests"]:
                tree = ast.parse(s); assert isinstance(tree.body[0], ast.Assert) and len(tree.body) == 1
                assert isinstance(tree.body[0].test, ast.Compare) and isinstance(tree.body[0].test.ops[0], ast.Eq)
            assert isinstance(e["unusable_tests"], list)
        elif t == "extract_entities":
            for c in e["claims"]:
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return") and all(isinstance(c[k], str) for k in ("name", "value"))
        elif t == "narrate_forward":
            assert {"code", "call", "returned"} <= d.keys()
            ns = {}; exec(d["code"], ns)
            assert repr(eval(d["call"], ns)) == d["returned"], "call does not give returned"
            if u: assert eval(e["answer"]) == eval(d["returned"]), "answer != returned"
        elif t == "narrate_backward":
            assert {"code", "call", "returned"} <= d.keys()
            ns = {}; exec(d["code"], ns)
            assert repr(eval(d["call"], ns)) == d["returned"]
            if u:
                ast.parse(e["answer"], mode="eval")
                assert repr(eval(e["answer"], ns)) == d["returned"], "answer call != returned"
        else:
            err("unknown template")
    except Exception as ex:
        err(f"{type(ex).__name__}: {ex}")
for t, c in per.items():
    if c != 6: errs.append(f"{t}: {c} replies, want 6")
    if len(fams[t]) < 5: errs.append(f"{t}: only {len(fams[t])} families")
print(f"rows: {n}, templates: {len(per)}")
print("families:", dict(collections.Counter(r["family"] for r in rows)))
print("modes:", dict(collections.Counter(r["mode"] for r in rows)))
print("truncated:", sum(r["truncated"] for r in rows), "unusable:", sum(not r["usable"] for r in rows))
print("ERRORS:" if errs else "ALL CHECKS PASSED", *errs, sep="\n")
sys.exit(1 if errs else 0)
