"""Self-check of r145 replies.jsonl (see BRIEF.md)."""
import ast, json, collections, sys
path = "/work/corpus/replies/r145/replies.jsonl"
errs, n = [], 0
fams = collections.defaultdict(set)
ids = set()
KEYS = {"id","template","family","mode","prompt","reply","finish_reason","expected","truncated","usable","notes"}
for i, line in enumerate(open(path), 1):
    try:
        r = json.loads(line)
    except Exception as e:
        errs.append(f"line {i}: bad JSON {e}"); continue
    n += 1
    rid, t, e = r.get("id"), r.get("template"), r.get("expected", {})
    miss = KEYS - r.keys()
    if miss: errs.append(f"{rid}: missing {miss}")
    if rid in ids: errs.append(f"{rid}: duplicate id")
    ids.add(rid); fams[t].add(r["family"])
    if "{{" in r["prompt"]: errs.append(f"{rid}: unfilled slot")
    if r["truncated"] != (r["finish_reason"] == "length"): errs.append(f"{rid}: truncated/finish_reason mismatch")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: errs.append(f"{rid}: expected flags mismatch")
    if not r["usable"]: continue
    try:
        if t == "candidate_code":
            ast.parse(e["code"]); ns = {}
            exec(e["code"], ns)
            for s in r.get("sanity", []):
                if not eval(s, ns): errs.append(f"{rid}: sanity failed {s}")
            if not r.get("sanity"): errs.append(f"{rid}: no sanity call")
        elif t == "candidate_tests":
            for tst in e["tests"]:
                tree = ast.parse(tst)
                if not isinstance(tree.body[0], ast.Assert): errs.append(f"{rid}: not an assert {tst}")
        elif t == "narrate_forward":
            ast.parse(e["answer"], mode="eval")
            if eval(e["answer"]) != eval(r["returned"]): errs.append(f"{rid}: answer != returned")
            ns = {}; exec(r["code"], ns)
            if repr(eval(r["call"], ns)) != r["returned"]: errs.append(f"{rid}: call does not give returned")
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval")
            ns = {}; exec(r["code"], ns)
            if eval(e["answer"], ns) != eval(r["returned"]): errs.append(f"{rid}: answer call != returned")
        elif t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name","keyphrase","description","examples","difficulty"}, c
        elif t == "instructions":
            for c in e["instructions"]: assert c["kind"] in ("function","class") and c["text"]
        elif t == "signature":
            assert e["line"].startswith(("Function: ", "Class: ")) and e["name"] in e["line"]
        elif t == "test_scenarios":
            assert e["scenarios"] and all(isinstance(s, str) for s in e["scenarios"])
        elif t == "extract_entities":
            for c in e["claims"]: assert all(isinstance(c[k], str) for k in ("kind","name","value"))
    except Exception as ex:
        errs.append(f"{rid}: {type(ex).__name__} {ex}")
# run the expected tests against the expected candidate_code solutions (same exercises)
import bisect
rs = [json.loads(l) for l in open(path)]
ref = {"insertion_index": lambda a, x: bisect.bisect_left(a, x)}
for r in rs:
    if r["template"] == "candidate_code" and r["usable"]: exec(r["expected"]["code"], ref)
for r in rs:
    if r["template"] == "candidate_tests":
        for tst in r["expected"]["tests"]:
            try: exec(tst, dict(ref))
            except Exception as ex: errs.append(f"{r['id']}: test fails on reference: {tst} ({ex})")
for t, f in sorted(fams.items()):
    if len(f) < 5: errs.append(f"{t}: only {len(f)} families")
print(f"{n} replies, {len(fams)} templates")
for t, f in sorted(fams.items()): print(f"  {t}: {len(f)} families")
print("\n".join(errs) if errs else "ALL CHECKS PASSED")
sys.exit(1 if errs else 0)
