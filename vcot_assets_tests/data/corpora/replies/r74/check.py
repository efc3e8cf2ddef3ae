"""Checker for r74 replies.jsonl: parse, schema, Python validity, answers against returned, code sanity calls."""
import ast, json, sys, collections
PATH = "/work/corpus/replies/r74/replies.jsonl"
KEYS = {"id","template","family","mode","prompt","reply","finish_reason","expected","truncated","usable","notes"}
errs = []; n = 0; per = collections.Counter(); fams = collections.defaultdict(set)
for i, line in enumerate(open(PATH), 1):
    try: r = json.loads(line)
    except Exception as e: errs.append(f"line {i}: bad json {e}"); continue
    n += 1; rid = r.get("id"); t = r["template"]; per[t] += 1; fams[t].add(r["family"])
    miss = KEYS - r.keys()
    if miss: errs.append(f"{rid}: missing {miss}")
    if "{{" in r["prompt"]: errs.append(f"{rid}: unrendered slot")
    if r["truncated"] != (r["finish_reason"] == "length"): errs.append(f"{rid}: truncated/finish_reason mismatch")
    e = r["expected"]
    def ok(src, what):
        try: ast.parse(src)
        except SyntaxError as ex: errs.append(f"{rid}: {what} not valid Python: {ex}")
    if not r["usable"]: continue
    if t == "candidate_code":
        ok(e["code"], "code"); ns = {}
        try:
            exec(e["code"], ns)
            if not eval(r["sanity"], ns): errs.append(f"{rid}: sanity call failed")
        except Exception as ex: errs.append(f"{rid}: sanity error {ex!r}")
    elif t == "candidate_tests":
        for s in e["tests"]:
            ok(s, "test")
            if not s.startswith("assert "): errs.append(f"{rid}: test not an assert")
    elif t == "narrate_forward":
        ok(e["answer"], "answer")
        if eval(e["answer"]) != eval(r["returned"]): errs.append(f"{rid}: forward answer != returned")
    elif t == "narrate_backward":
        ok(e["answer"], "answer"); ns = {}; exec(r["code"], ns)
        if eval(e["answer"], ns) != eval(r["returned"]): errs.append(f"{rid}: backward answer does not give returned")
    elif t == "signature":
        body = e["line"].split(": ", 1)[1]
        parts = [body] if e["kind"] == "function" else [p.strip() for p in body.split(";")[1:]]
        for part in parts: ok("def " + part + ": pass", "signature")
        if e["name"] not in e["line"]: errs.append(f"{rid}: name not in line")
    elif t == "extract_entities":
        for c in e["claims"]:
            if not all(isinstance(c[k], str) for k in ("kind","name","value")): errs.append(f"{rid}: non-string claim")
for t in sorted(per):
    if per[t] != 6 or len(fams[t]) < 5: errs.append(f"{t}: {per[t]} replies, {len(fams[t])} families")
print(f"{n} replies checked; per template: {dict(sorted(per.items()))}")
print("errors:" if errs else "ALL CHECKS PASSED")
for x in errs: print(" ", x)
sys.exit(1 if errs else 0)
