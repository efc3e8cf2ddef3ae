"""Self-check of r161 replies.jsonl (see BRIEF.md)."""
import ast, json, sys, collections
PATH = "/work/corpus/replies/r161/replies.jsonl"
errs = []; counts = collections.Counter(); fam = collections.defaultdict(set)
stats = collections.Counter()
TEMPLATES = {"concepts","instructions","signature","candidate_code","test_scenarios","candidate_tests",
             "extract_entities","narrate_forward","narrate_backward"}
SANITY = {}  # id -> list of (call, expected repr)
try:
    SANITY = json.load(open("/work/corpus/replies/r161/tmp/sanity.json"))
except FileNotFoundError:
    pass
ids = set()
for n, line in enumerate(open(PATH), 1):
    try:
        r = json.loads(line)
    except Exception as e:
        errs.append(f"line {n}: bad JSON {e}"); continue
    rid = r.get("id"); t = r.get("template")
    def bad(msg): errs.append(f"{rid}: {msg}")
    if rid in ids: bad("duplicate id")
    ids.add(rid)
    for k in ("id","template","family","mode","prompt","reply","finish_reason","expected","truncated","usable","notes"):
        if k not in r: bad(f"missing {k}")
    if t not in TEMPLATES: bad("unknown template")
    if "{{" in r["prompt"]: bad("unrendered slot in prompt")
    if r["mode"] not in ("text","json_object"): bad("mode")
    if (r["finish_reason"] == "length") != r["truncated"]: bad("finish_reason/truncated mismatch")
    e = r["expected"]
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: bad("expected flags mismatch")
    counts[t] += 1; fam[t].add(r["family"]); stats[("family", r["family"])] += 1; stats[("mode", r["mode"])] += 1
    stats[("truncated", r["truncated"])] += 1; stats[("usable", r["usable"])] += 1
    if r["mode"] == "json_object" and r["usable"] and not r["truncated"]:
        try: json.loads(r["reply"])
        except Exception as ex: bad(f"json_object reply not JSON: {ex}")
    u = r["usable"]
    try:
        if t == "candidate_code" and u:
            code = e["code"]; ast.parse(code)
            ns = {}; exec(code, ns)
            checks = SANITY.get(rid, [])
            if not checks: bad("no sanity call")
            for call, want in checks:
                got = eval(call, ns)
                if got != eval(want): bad(f"sanity {call} -> {got!r} != {want}")
        elif t == "candidate_tests" and u:
            for s in e["tests"]:
                tree = ast.parse(s)
                if not (len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert)): bad(f"not single assert: {s}")
            assert isinstance(e.get("unusable_tests", []), list)
        elif t == "narrate_forward":
            if u:
                ast.parse(e["answer"], mode="eval")
                if eval(e["answer"]) != eval(r["returned"]): bad("forward answer != returned")
            ns = {}; exec(r["code"], ns)
            if repr(eval(r["call"], ns)) != r["returned"] and eval(r["call"], ns) != eval(r["returned"]): bad("call does not give returned")
        elif t == "narrate_backward":
            ns = {}; exec(r["code"], ns)
            if u:
                ast.parse(e["answer"], mode="eval")
                if eval(e["answer"], ns) != eval(r["returned"]): bad("backward answer does not give returned")
        elif t == "concepts" and u:
            for c in e["concepts"]:
                assert set(c) == {"name","keyphrase","description","examples","difficulty"}, c
                assert c["difficulty"] in ("easy","medium","hard")
        elif t == "instructions" and u:
            for i in e["instructions"]:
                assert i["kind"] in ("function","class") and i["text"] and not i["text"].lstrip().startswith(("[", "1."))
        elif t == "signature" and u:
            assert e["kind"] in ("function","class") and e["name"]
            assert e["line"].startswith("Function: " if e["kind"]=="function" else "Class: ")
            if e["kind"] == "function":
                ast.parse("def " + e["line"][len("Function: "):] + ": pass")
            else:
                for part in e["line"].split("; ")[1:]:
                    ast.parse("def " + part + ": pass")
        elif t == "test_scenarios" and u:
            assert all(isinstance(s, str) and s for s in e["scenarios"])
        elif t == "extract_entities" and u:
            for c in e["claims"]:
                assert set(c) == {"kind","name","value"} and all(isinstance(v, str) for v in c.values()), c
                assert c["kind"] in ("value","index","comparison","branch","loop","return"), c
    except Exception as ex:
        bad(f"check failed: {type(ex).__name__}: {ex}")

# Extra: expected candidate_tests must pass against the reference solutions written in candidate_code replies.
REF = {}
recs = [json.loads(l) for l in open(PATH)]
for r in recs:
    if r["template"] == "candidate_code" and r["usable"]:
        exec(r["expected"]["code"], REF)
exec("def common_indent(lines):\n    w = [len(l) - len(l.lstrip(' ')) for l in lines if l.strip()]\n    return min(w) if w else 0\n", REF)
for r in recs:
    if r["template"] == "candidate_tests" and r["usable"]:
        for t_ in r["expected"]["tests"]:
            try:
                exec(t_, dict(REF))
            except Exception as ex:
                errs.append(f"{r['id']}: test fails on reference: {t_} ({type(ex).__name__})")
out = [f"replies: {sum(counts.values())}"]
for t in sorted(counts): out.append(f"  {t}: {counts[t]} replies, {len(fam[t])} families")
for k in sorted(stats, key=str): out.append(f"  {k[0]}={k[1]}: {stats[k]}")
out += [f"ERROR {x}" for x in errs]
out.append("RESULT: " + ("PASS" if not errs else f"FAIL ({len(errs)} errors)"))
print("\n".join(out))
sys.exit(1 if errs else 0)
