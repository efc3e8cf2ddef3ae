import json, ast, sys, collections
errs = []; n = 0; cnt = collections.Counter()
SANITY = {}  # id -> list of (call, expected) for candidate_code
try:
    SANITY = json.load(open("tmp/sanity.json"))
except Exception:
    pass
for ln, line in enumerate(open("replies.jsonl"), 1):
    try:
        r = json.loads(line)
    except Exception as e:
        errs.append(f"line {ln}: bad json {e}"); continue
    n += 1; t = r["template"]; e = r["expected"]; rid = r["id"]
    cnt[t] += 1
    for k in ("id","template","family","mode","prompt","reply","finish_reason","expected","truncated","usable","notes"):
        if k not in r: errs.append(f"{rid}: missing {k}")
    if "{{" in r["prompt"]: errs.append(f"{rid}: unrendered slot")
    if r["truncated"] != (r["finish_reason"] == "length"): errs.append(f"{rid}: truncated/finish_reason mismatch")
    try:
        if t == "narrate_forward" and r["usable"] and not r["truncated"]:
            ast.parse(e["answer"], mode="eval")
            if repr(eval(e["answer"])) != r["returned"] and eval(e["answer"]) != eval(r["returned"]):
                errs.append(f"{rid}: answer {e['answer']} != {r['returned']}")
        if t == "narrate_backward" and r["usable"] and not r["truncated"]:
            ast.parse(e["answer"], mode="eval")
            g = {}; exec(r["code"], g)
            v = eval(e["answer"], g)
            if v != eval(r["returned"]): errs.append(f"{rid}: backward {v!r} != {r['returned']}")
        if t == "candidate_code" and r["usable"]:
            ast.parse(e["code"])
            checks = SANITY.get(rid, [])
            if not checks: errs.append(f"{rid}: no sanity call")
            g = {}; exec(e["code"], g)
            for call, want in checks:
                got = eval(call, g)
                if got != eval(want): errs.append(f"{rid}: sanity {call} -> {got!r} != {want}")
        if t == "candidate_tests":
            for s in e.get("tests", []):
                tree = ast.parse(s)
                if not (len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert)): errs.append(f"{rid}: not single assert: {s}")
        if t == "signature" and r["usable"]:
            if not e["line"].startswith(("Function: ", "Class: ")): errs.append(f"{rid}: bad sig line")
            if e["kind"] == "function":
                ast.parse("def " + e["line"][len("Function: "):] + ": pass")
        if t == "extract_entities":
            for c in e.get("claims", []):
                if not all(isinstance(c[k], str) for k in ("kind","name","value")): errs.append(f"{rid}: non-str claim")
    except Exception as ex:
        errs.append(f"{rid}: {type(ex).__name__}: {ex}")
print(f"{n} replies; per template: {dict(cnt)}")
print("ERRORS:" if errs else "ALL CHECKS PASSED")
for x in errs: print("  ", x)
fam = collections.defaultdict(set)
for line in open("replies.jsonl"):
    r = json.loads(line); fam[r["template"]].add(r["family"])
bad = {t: len(f) for t, f in fam.items() if len(f) < 5}
print("families per template >= 5:", "yes" if not bad else f"NO {bad}")
