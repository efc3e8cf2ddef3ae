"""Checks replies.jsonl per BRIEF.md; writes a report to stdout."""
import ast, json, sys, collections
errs, n = [], 0
rows = []
for i, line in enumerate(open("replies.jsonl"), 1):
    try:
        r = json.loads(line)
    except Exception as e:
        errs.append(f"line {i}: bad json {e}"); continue
    rows.append(r); n += 1
    rid, t, e = r["id"], r["template"], r["expected"]
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: errs.append(f"{rid}: missing {k}")
    if "{{" in r["prompt"]: errs.append(f"{rid}: unrendered slot")
    if r["truncated"] != (r["finish_reason"] == "length"): errs.append(f"{rid}: truncated/finish_reason mismatch")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: errs.append(f"{rid}: expected flags mismatch")
    def parse(src, what):
        try: ast.parse(src)
        except SyntaxError as ex: errs.append(f"{rid}: {what} not valid python: {ex}")
    if t == "candidate_code":
        if r["usable"]:
            parse(e["code"], "code")
            ns = {}
            try:
                exec(e["code"], ns)
                if not eval(r["sanity"], ns): errs.append(f"{rid}: sanity call failed")
            except Exception as ex: errs.append(f"{rid}: sanity raised {ex!r}")
    elif t == "candidate_tests":
        for a in e["tests"]:
            parse(a, "test")
            if not a.startswith("assert "): errs.append(f"{rid}: test not assert")
    elif t in ("narrate_forward", "narrate_backward"):
        if r["usable"]:
            parse(e["answer"], "answer")
            ns = {}
            exec(r["code"], ns)
            if t == "narrate_forward":
                if repr(eval(e["answer"], {})) != r["returned"]: errs.append(f"{rid}: forward answer != returned")
                if repr(eval(r["call"], ns)) != r["returned"]: errs.append(f"{rid}: call != returned")
            else:
                if repr(eval(e["answer"], ns)) != r["returned"]: errs.append(f"{rid}: backward answer != returned")
    elif t == "concepts":
        for c in e["concepts"]:
            if set(c) != {"name", "keyphrase", "description", "examples", "difficulty"}: errs.append(f"{rid}: concept keys")
    elif t == "instructions":
        for c in e["instructions"]:
            if c["kind"] not in ("function", "class"): errs.append(f"{rid}: kind")
    elif t == "signature":
        if not e["line"].startswith(("Function: ", "Class: ")): errs.append(f"{rid}: sig line form")
        if e["name"] not in e["line"]: errs.append(f"{rid}: sig name")
    elif t == "extract_entities":
        for c in e["claims"]:
            if not all(isinstance(c[k], str) for k in ("kind", "name", "value")): errs.append(f"{rid}: claim not strings")
cnt = collections.Counter(r["template"] for r in rows)
fam = collections.defaultdict(set)
for r in rows: fam[r["template"]].add(r["family"])
for t, fs in fam.items():
    if len(fs) < 5: errs.append(f"{t}: only {len(fs)} families")
ids = [r["id"] for r in rows]
if len(ids) != len(set(ids)): errs.append("duplicate ids")
print(f"rows: {n}")
print("per template:", dict(cnt))
print("families per template:", {t: len(f) for t, f in fam.items()})
print("per family:", dict(collections.Counter(r["family"] for r in rows)))
print("per mode:", dict(collections.Counter(r["mode"] for r in rows)))
print("truncated:", sum(r["truncated"] for r in rows), "unusable:", sum(not r["usable"] for r in rows))
print("errors:", len(errs))
for x in errs: print("  " + x)
print("PASS" if not errs else "FAIL")
sys.exit(1 if errs else 0)
