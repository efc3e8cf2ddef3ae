"""Self-check for r157 replies.jsonl. Writes check_report.txt."""
import ast, json, sys, collections
HERE = "/work/corpus/replies/r157/"
TEMPLATES = ["concepts","instructions","signature","candidate_code","test_scenarios","candidate_tests",
             "extract_entities","narrate_forward","narrate_backward"]
# sanity calls for candidate_code replies: id -> list of (expr, expected_value)
SANITY = {
 "r157-candidate_code-01": [("chunked_sum([1, 2, 3, 4, 5], 2)", [3, 7, 5])],
 "r157-candidate_code-02": [("RunningMedian().add(3).add(1).add(2).median()", 2)],
 "r157-candidate_code-03": [("common_prefix(['interval', 'internal', 'inter'])", "inter")],
 "r157-candidate_code-04": [("merge_sorted_lists([[1, 4], [2, 3]])", [1, 2, 3, 4])],
 "r157-candidate_code-05": [("to_fraction_string(0.75)", "3/4")],
 "r157-candidate_code-06": [("wrap_words('aa bb cc', 5)", ["aa bb", "cc"])],
}
errs = []; counts = collections.Counter(); n = 0
def err(i, m): errs.append(f"{i}: {m}")
for ln, line in enumerate(open(HERE + "replies.jsonl"), 1):
    try: r = json.loads(line)
    except Exception as e: err(f"line {ln}", f"json: {e}"); continue
    n += 1; i = r.get("id"); t = r.get("template"); e = r.get("expected", {})
    for k in ("id","template","family","mode","prompt","reply","finish_reason","expected","truncated","usable","notes"):
        if k not in r: err(i, f"missing {k}")
    if t not in TEMPLATES: err(i, f"bad template {t}")
    if "{{" in r["prompt"]: err(i, "unrendered slot")
    if r["mode"] not in ("text","json_object"): err(i, "bad mode")
    if r["truncated"] != (r["finish_reason"] == "length"): err(i, "truncated/finish_reason mismatch")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: err(i, "expected flags mismatch")
    counts[t] += 1
    if not r["usable"]: continue
    try:
        if t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name","keyphrase","description","examples","difficulty"}, c
                assert c["difficulty"] in ("easy","medium","hard")
        elif t == "instructions":
            for c in e["instructions"]: assert c["kind"] in ("function","class") and c["text"]
        elif t == "signature":
            assert e["kind"] in ("function","class")
            line_ = e["line"]
            if e["kind"] == "function":
                assert line_.startswith("Function: " + e["name"] + "(")
                ast.parse("def " + line_[len("Function: "):] + ": pass")
            else:
                parts = line_[len("Class: "):].split("; ")
                assert line_.startswith("Class: ") and parts[0] == e["name"] and parts[1].startswith("__init__(")
                for p in parts[1:]: ast.parse("def " + p + ": pass")
        elif t == "candidate_code":
            ast.parse(e["code"]); g = {}; exec(e["code"], g)
            for expr, want in SANITY[i]:
                got = eval(expr, g); assert got == want, (expr, got, want)
        elif t == "test_scenarios":
            assert all(isinstance(s, str) and s for s in e["scenarios"])
        elif t == "candidate_tests":
            for s in e["tests"]:
                tree = ast.parse(s); assert isinstance(tree.body[0], ast.Assert) and len(tree.body) == 1
            for u in e.get("unusable_tests", []): assert isinstance(u, str)
        elif t == "extract_entities":
            for c in e["claims"]:
                assert c["kind"] in ("value","index","comparison","branch","loop","return")
                assert all(isinstance(c[k], str) for k in ("kind","name","value"))
        elif t == "narrate_forward":
            ast.parse(e["answer"], mode="eval")
            assert eval(e["answer"]) == eval(r["returned"]), (e["answer"], r["returned"])
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval"); g = {}; exec(r["code"], g)
            assert eval(e["answer"], g) == eval(r["returned"]), e["answer"]
            assert eval(r["call"], g) == eval(r["returned"])
    except Exception as ex:
        err(i, f"{type(ex).__name__}: {ex}")
rep = [f"lines: {n}", "per template: " + json.dumps(dict(counts)), f"errors: {len(errs)}"] + errs
rep.append("PASS" if not errs else "FAIL")
open(HERE + "check_report.txt", "w").write("\n".join(rep) + "\n"); print("\n".join(rep))
sys.exit(1 if errs else 0)
