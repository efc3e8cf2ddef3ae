import ast, json, sys, collections
path = "/work/corpus/replies/r160/replies.jsonl"
errs = []; n = 0; cnt = collections.Counter()
SAN = {}  # id -> (call expr, expected value)
def e(i, m): errs.append("%s: %s" % (i, m))
for ln, line in enumerate(open(path), 1):
    try: r = json.loads(line)
    except Exception as x: errs.append("line %d: bad json %s" % (ln, x)); continue
    n += 1; i = r["id"]; t = r["template"]; x = r["expected"]
    for k in ("id","template","family","mode","prompt","reply","finish_reason","expected","truncated","usable","notes"):
        if k not in r: e(i, "missing " + k)
    if "{{" in r["prompt"]: e(i, "unrendered slot")
    if x.get("truncated") != r["truncated"] or x.get("usable") != r["usable"]: e(i, "flag mismatch")
    if r["truncated"] != (r["finish_reason"] == "length"): e(i, "truncated vs finish_reason")
    cnt[(t, r["family"], r["mode"])] += 1
    if not r["usable"]: continue
    try:
        if t == "candidate_code":
            ast.parse(x["code"]); g = {}; exec(x["code"], g)
            call, want = r["sanity"]
            got = eval(call, g)
            if json.loads(json.dumps(got)) != want: e(i, "sanity %s -> %r != %r" % (call, got, want))
        elif t == "candidate_tests":
            for s in x["tests"]:
                tree = ast.parse(s)
                if not (len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert)): e(i, "not single assert: " + s)
                g = {}; exec(r["reference_code"], g)
                try: exec(s, g)
                except AssertionError: e(i, "test fails on reference code: " + s)
        elif t == "narrate_forward":
            if eval(x["answer"]) != eval(r["returned"]): e(i, "forward answer mismatch")
        elif t == "narrate_backward":
            g = {}; exec(r["code"], g)
            if eval(x["answer"], g) != eval(r["returned"]): e(i, "backward answer mismatch")
        elif t == "signature":
            assert x["kind"] in ("function", "class") and x["name"] in x["line"]
            assert x["line"].startswith("Function: " if x["kind"] == "function" else "Class: ")
        elif t == "instructions":
            for it in x["instructions"]: assert it["kind"] in ("function","class") and it["text"]
        elif t == "concepts":
            for c in x["concepts"]: assert set(c) == {"name","keyphrase","description","examples","difficulty"}
        elif t == "test_scenarios":
            assert all(isinstance(s, str) and s for s in x["scenarios"])
        elif t == "extract_entities":
            for c in x["claims"]: assert set(c) == {"kind","name","value"} and all(isinstance(v, str) for v in c.values())
    except Exception as ex_: e(i, "%s: %r" % (t, ex_))
print("replies:", n)
print("per template:", dict(collections.Counter(k[0] for k in cnt.elements())))
print("errors:", len(errs))
for x in errs: print("  " + x)
print("PASS" if not errs else "FAIL")
sys.exit(1 if errs else 0)
