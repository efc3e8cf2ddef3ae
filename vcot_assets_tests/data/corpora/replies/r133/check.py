"""Check replies.jsonl against the brief's rules; prints a report."""
import ast, json, sys, collections
REQ = ["id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"]
errs = []; rows = []
for i, line in enumerate(open("/work/corpus/replies/r133/replies.jsonl"), 1):
    try:
        r = json.loads(line)
    except Exception as e:
        errs.append(f"line {i}: bad JSON {e}"); continue
    rows.append(r)
    rid = r.get("id", f"line{i}")
    for k in REQ:
        if k not in r: errs.append(f"{rid}: missing {k}")
    if "{{" in r["prompt"]: errs.append(f"{rid}: unrendered slot")
    e = r["expected"]; t = r["template"]
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]:
        errs.append(f"{rid}: truncated/usable mismatch")
    if r["truncated"] != (r["finish_reason"] == "length"):
        errs.append(f"{rid}: truncated vs finish_reason")
    if r["mode"] not in ("text", "json_object"): errs.append(f"{rid}: mode")
    def parse(src, what):
        try: ast.parse(src)
        except SyntaxError as ex: errs.append(f"{rid}: {what} does not parse: {ex}")
    if not r["usable"]:
        continue
    if t == "candidate_code":
        parse(e["code"], "code")
        ns = {}
        try:
            exec(e["code"], ns); exec(r["sanity"], ns)
        except Exception as ex:
            errs.append(f"{rid}: sanity call failed: {ex!r}")
    elif t == "candidate_tests":
        for s in e["tests"]:
            parse(s, "test")
            if not s.startswith("assert "): errs.append(f"{rid}: test not assert")
        ns = {}
        exec(r["reference"], ns)
        for s in e["tests"]:
            try: exec(s, dict(ns))
            except AssertionError: pass  # model tests may be wrong; that is realistic
            except Exception as ex: errs.append(f"{rid}: test errors {s}: {ex!r}")
    elif t == "narrate_forward":
        parse(e["answer"], "answer")
        if eval(e["answer"]) != eval(r["returned"]):
            errs.append(f"{rid}: forward answer {e['answer']} != {r['returned']}")
    elif t == "narrate_backward":
        parse(e["answer"], "answer")
        ns = {}; exec(r["code"], ns)
        if eval(e["answer"], ns) != eval(r["returned"]):
            errs.append(f"{rid}: backward answer wrong")
    elif t == "concepts":
        for c in e["concepts"]:
            if set(c) != {"name", "keyphrase", "description", "examples", "difficulty"}: errs.append(f"{rid}: concept keys {set(c)}")
    elif t == "instructions":
        for it in e["instructions"]:
            if it["kind"] not in ("function", "class"): errs.append(f"{rid}: kind")
    elif t == "signature":
        if not e["line"].startswith(("Function: ", "Class: ")): errs.append(f"{rid}: sig line")
        if e["name"] not in e["line"]: errs.append(f"{rid}: sig name")
        src = e["line"].split(": ", 1)[1]
        if e["kind"] == "function": parse("def " + src.replace(") ->", ") ->", 1) + ": pass", "sig")
        else:
            parts = src.split("; ")
            parse("class " + parts[0] + ":\n" + "".join(f"    def {p}: pass\n" for p in parts[1:]), "sig")
    elif t == "test_scenarios":
        if not all(isinstance(s, str) and s for s in e["scenarios"]): errs.append(f"{rid}: scenarios")
    elif t == "extract_entities":
        for c in e["claims"]:
            if set(c) != {"kind", "name", "value"} or not all(isinstance(v, str) for v in c.values()):
                errs.append(f"{rid}: claim {c}")
            if c["kind"] not in ("value", "index", "comparison", "branch", "loop", "return"): errs.append(f"{rid}: claim kind")
ids = [r["id"] for r in rows]
if len(ids) != len(set(ids)): errs.append("duplicate ids")
c = collections.Counter
print("rows:", len(rows))
print("per template:", dict(sorted(c(r["template"] for r in rows).items())))
print("per family:", dict(sorted(c(r["family"] for r in rows).items())))
print("families per template:", {t: len({r["family"] for r in rows if r["template"] == t}) for t in sorted({r["template"] for r in rows})})
print("per mode:", dict(c(r["mode"] for r in rows)))
print("truncated:", sum(r["truncated"] for r in rows), "unusable:", sum(not r["usable"] for r in rows))
print("errors:", len(errs))
for x in errs: print("  ", x)
sys.exit(1 if errs else 0)
