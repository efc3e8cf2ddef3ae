"""Self-check for r56 replies.jsonl (see BRIEF.md)."""
import ast, json, sys
from collections import Counter
PATH = "/work/corpus/replies/r56/replies.jsonl"
errs, n = [], 0
fam, mode, tmpl, fams_per = Counter(), Counter(), Counter(), {}
trunc = unus = 0
ids = set()
def err(rid, msg): errs.append(f"{rid}: {msg}")
# reference solutions: the expected code of every candidate_code record, used to run candidate_tests
CODE_NS = {}
for line in open(PATH, encoding="utf-8"):
    try:
        r = json.loads(line)
        if r["template"] == "candidate_code": exec(r["expected"]["code"], CODE_NS)
    except Exception:
        pass
for ln, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try:
        r = json.loads(line)
    except Exception as e:
        errs.append(f"line {ln}: bad JSON {e}"); continue
    n += 1
    rid, t, e = r["id"], r["template"], r["expected"]
    if rid in ids: err(rid, "duplicate id")
    ids.add(rid)
    for k in ("family", "mode", "prompt", "reply", "finish_reason", "truncated", "usable", "notes"):
        if k not in r: err(rid, f"missing {k}")
    if "{{" in r["prompt"]: err(rid, "unfilled slot")
    if r["mode"] not in ("text", "json_object"): err(rid, "bad mode")
    if r["truncated"] != (r["finish_reason"] == "length"): err(rid, "truncated/finish_reason mismatch")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: err(rid, "expected flags mismatch")
    fam[r["family"]] += 1; mode[r["mode"]] += 1; tmpl[t] += 1
    fams_per.setdefault(t, set()).add(r["family"])
    trunc += r["truncated"]; unus += not r["usable"]
    if r["mode"] == "json_object" and not r["reply"].lstrip().startswith("<think>"):
        try: json.loads(r["reply"])
        except Exception: err(rid, "json_object reply is not JSON")
    try:
        if t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard")
                assert c["keyphrase"] in r["prompt"], c["keyphrase"]
        elif t == "instructions":
            for i in e["instructions"]:
                assert i["kind"] in ("function", "class"), i
                hay = json.dumps(json.loads(r["reply"])) if r["mode"] == "json_object" else r["reply"]
                assert json.dumps(i["text"])[1:-1] in hay if r["mode"] == "json_object" else i["text"] in hay, i
        elif t == "signature":
            assert e["kind"] in ("function", "class")
            line = e["line"]
            if e["kind"] == "function":
                assert line.startswith("Function: " + e["name"] + "(")
                ast.parse("def " + line[len("Function: "):] + ": pass")
            else:
                parts = line.split("; ")
                assert parts[0] == "Class: " + e["name"] and parts[1].startswith("__init__(self")
                for m in parts[1:]: ast.parse("def " + m + ": pass")
        elif t == "candidate_code":
            ast.parse(e["code"])
            ns = {}; exec(e["code"], ns); exec(r["sanity"], ns)
        elif t == "test_scenarios":
            assert all(isinstance(s, str) and s for s in e["scenarios"])
        elif t == "candidate_tests":
            for s in e["tests"]:
                tree = ast.parse(s); assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert)
                assert isinstance(tree.body[0].test, ast.Compare)
                if r["mode"] == "text": assert s in r["reply"], s
                ns = dict(CODE_NS); exec(s, ns)  # expected values agree with the reference solutions
            assert all(isinstance(u, str) for u in e.get("unusable_tests", []))
        elif t == "extract_entities":
            for c in e["claims"]:
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return") and isinstance(c["value"], str), c
        elif t == "narrate_forward":
            if r["usable"]:
                ast.parse(e["answer"], mode="eval")
                assert eval(e["answer"]) == eval(r["returned"]), (e["answer"], r["returned"])
                ns = {}; exec(r["code"], ns); assert eval(r["call"], ns) == eval(r["returned"])
        elif t == "narrate_backward":
            ns = {}; exec(r["code"], ns); assert eval(r["call"], ns) == eval(r["returned"])
            if r["usable"]:
                ast.parse(e["answer"], mode="eval")
                assert eval(e["answer"], ns) == eval(r["returned"]), e["answer"]
        else:
            err(rid, "unknown template")
        if r["usable"] and t not in ("narrate_forward", "narrate_backward", "signature", "candidate_code"):
            lst = next(v for k, v in e.items() if isinstance(v, list))
            assert lst, "usable but nothing expected"
        if not r["usable"]:
            lst = [v for k, v in e.items() if isinstance(v, list) and v]
            assert not lst and not e.get("answer"), "unusable but expected holds items"
    except Exception as ex:
        err(rid, f"{t} check failed: {ex!r}")
for t, fs in fams_per.items():
    if len(fs) < 5: err(t, f"only {len(fs)} families")
print(f"replies: {n}")
print("per template:", dict(tmpl))
print("per family:", dict(fam))
print("per mode:", dict(mode))
print(f"truncated: {trunc}  unusable: {unus}")
print("families per template:", {t: len(f) for t, f in fams_per.items()})
print("ERRORS:" if errs else "ALL CHECKS PASSED")
for x in errs: print("  " + x)
sys.exit(1 if errs else 0)
