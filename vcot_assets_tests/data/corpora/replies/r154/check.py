"""Self-check of r154/replies.jsonl (see BRIEF.md)."""
import ast, json, sys, collections
HERE = "/work/corpus/replies/r154/"
SANITY = {  # candidate_code sanity calls by function/class name
    "is_min_heap": [("is_min_heap([1, 3, 2, 7])", True), ("is_min_heap([5, 3, 8])", False)],
    "reduce_fraction": [("reduce_fraction(6, 8)", (3, 4)), ("reduce_fraction(3, -6)", (-1, 2))],
    "modes": [("modes([1, 1, 2, 2, 3])", [1, 2]), ("modes([])", [])],
    "RunningMedian": [("RunningMedian().add(5)", 5.0)],
    "wrap_words": [("wrap_words('aa bb cc', 5)", ['aa bb', 'cc'])],
}
errors, n = [], 0
def reply_text(r):
    if r["mode"] == "json_object":
        def walk(v):
            if isinstance(v, str): return v
            if isinstance(v, list): return "\n".join(walk(x) for x in v)
            if isinstance(v, dict): return "\n".join(walk(x) for x in v.values())
            return repr(v)
        return walk(json.loads(r["reply"]))
    return r["reply"]
recs = []
for i, line in enumerate(open(HERE + "replies.jsonl"), 1):
    try:
        recs.append(json.loads(line))
    except Exception as e:
        errors.append("line %d: bad json %s" % (i, e))
codes = {}
for r in recs:
    if r.get("template") == "candidate_code" and r.get("usable"):
        ns = {}
        exec(r["expected"]["code"], ns)
        codes.update({k: v for k, v in ns.items() if k in SANITY})
ids = collections.Counter(r["id"] for r in recs)
for k, v in ids.items():
    if v > 1: errors.append("duplicate id " + k)
need = ["id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"]
for r in recs:
    rid = r["id"]
    def err(m): errors.append(rid + ": " + m)
    for k in need:
        if k not in r: err("missing " + k)
    if "{{" in r["prompt"]: err("unfilled slot")
    if (r["finish_reason"] == "length") != r["truncated"]: err("finish_reason/truncated mismatch")
    if r["mode"] not in ("text", "json_object"): err("bad mode")
    e, t = r["expected"], r["template"]
    if not r["usable"]:
        continue
    try:
        if t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}
                assert c["difficulty"] in ("easy", "medium", "hard")
        elif t == "instructions":
            assert e["instructions"]
            for x in e["instructions"]:
                assert x["kind"] in ("function", "class") and not x["text"].startswith(("[", "1"))
        elif t == "signature":
            line = e["line"]
            assert line.startswith("Function: " if e["kind"] == "function" else "Class: ")
            assert e["name"] in line
            if e["kind"] == "function":
                ast.parse("def " + line[len("Function: "):] + ": pass")
            else:
                for part in line.split("; ")[1:]:
                    ast.parse("def " + part + ": pass")
        elif t == "candidate_code":
            ast.parse(e["code"])
            assert e["code"].strip() in reply_text(r), "code not verbatim in reply"
            ns = {}
            exec(e["code"], ns)
            hit = [k for k in SANITY if k in ns]
            assert hit, "no sanity call"
            for k in hit:
                for call, want in SANITY[k]:
                    got = eval(call, ns)
                    assert got == want, (call, got, want)
                    n += 1
        elif t == "test_scenarios":
            assert e["scenarios"] and all(isinstance(s, str) and s for s in e["scenarios"])
        elif t == "candidate_tests":
            for s in e["tests"]:
                tree = ast.parse(s)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert)
                assert s in reply_text(r), "test not found in reply"
                exec(s, dict(codes))  # tests must pass against the corpus' reference solutions
                n += 1
        elif t == "extract_entities":
            for c in e["claims"]:
                assert set(c) == {"kind", "name", "value"} and all(isinstance(v, str) for v in c.values())
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return")
                if c["kind"] in ("value", "index"):
                    assert c["value"] in r["prompt"].split("### Sentence")[1], ("value not in sentence", c)
        elif t == "narrate_forward":
            ast.parse(e["answer"], mode="eval")
            assert eval(e["answer"]) == eval(r["returned"])
            ns = {}; exec(r["code"], ns); assert eval(r["call"], ns) == eval(r["returned"])
            n += 1
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval")
            ns = {}; exec(r["code"], ns)
            assert eval(e["answer"], ns) == eval(r["returned"])
            assert eval(r["call"], ns) == eval(r["returned"])
            n += 1
        else:
            err("unknown template")
    except Exception as ex:
        err("expected check failed: %r" % (ex,))
by_t = collections.defaultdict(set); cnt_t = collections.Counter()
for r in recs:
    by_t[r["template"]].add(r["family"]); cnt_t[r["template"]] += 1
for t, fams in by_t.items():
    if len(fams) < 5: errors.append("%s: only %d families" % (t, len(fams)))
    if cnt_t[t] != 6: errors.append("%s: %d replies" % (t, cnt_t[t]))
print("records:", len(recs), "templates:", dict(cnt_t))
print("families:", dict(collections.Counter(r["family"] for r in recs)))
print("modes:", dict(collections.Counter(r["mode"] for r in recs)))
print("truncated:", sum(r["truncated"] for r in recs), "unusable:", sum(not r["usable"] for r in recs))
print("executed checks:", n)
print("errors:", len(errors))
for x in errors: print("  ", x)
print("PASS" if not errors else "FAIL")
sys.exit(1 if errors else 0)
