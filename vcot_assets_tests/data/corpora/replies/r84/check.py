"""Self-check of r84/replies.jsonl (see BRIEF.md)."""
import ast, json, collections, sys
path = "/work/corpus/replies/r84/replies.jsonl"
errs, rows = [], []
for n, line in enumerate(open(path, encoding="utf-8"), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        errs.append(f"line {n}: bad json {e}")
KEYS = {"id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"}
ids = collections.Counter(r["id"] for r in rows)
for i, c in ids.items():
    if c > 1: errs.append(f"duplicate id {i}")
def parse(src, what, rid):
    try:
        ast.parse(src)
    except SyntaxError as e:
        errs.append(f"{rid}: {what} does not parse: {e}")
for r in rows:
    rid, t, e = r["id"], r["template"], r["expected"]
    miss = KEYS - set(r)
    if miss: errs.append(f"{rid}: missing {miss}")
    if "{{" in r["prompt"]: errs.append(f"{rid}: unrendered slot")
    if r["finish_reason"] != ("length" if r["truncated"] else "stop"): errs.append(f"{rid}: finish_reason mismatch")
    if r["mode"] not in ("text", "json_object"): errs.append(f"{rid}: bad mode")
    if not r["usable"]:
        continue
    if t == "candidate_code":
        parse(e["code"], "code", rid)
        ns = {}
        exec(e["code"], ns)
        if not eval(r["sanity"], ns): errs.append(f"{rid}: sanity call failed")
    elif t == "candidate_tests":
        for s in e["tests"]:
            parse(s, "test", rid)
            if not s.startswith("assert "): errs.append(f"{rid}: test not an assert")
    elif t == "narrate_forward":
        parse(e["answer"], "answer", rid)
        if eval(e["answer"]) != eval(r["returned"]): errs.append(f"{rid}: answer {e['answer']} != returned {r['returned']}")
    elif t == "narrate_backward":
        parse(e["answer"], "answer", rid)
        ns = {}
        exec(r["code"], ns)
        if eval(e["answer"], ns) != eval(r["returned"]): errs.append(f"{rid}: call does not give returned")
    elif t == "signature":
        line = e["line"]
        if not line.startswith(("Function: ", "Class: ")): errs.append(f"{rid}: bad line form")
        if e["name"] not in line: errs.append(f"{rid}: name not in line")
        if e["kind"] == "function":
            parse("def " + line[len("Function: "):] + ": pass", "signature", rid)
        else:
            for part in line.split("; ")[1:]:
                parse("def " + part + ": pass", "method", rid)
    elif t == "extract_entities":
        for c in e["claims"]:
            if not all(isinstance(c[k], str) for k in ("kind", "name", "value")): errs.append(f"{rid}: non-string claim field")
    elif t == "concepts":
        for c in e["concepts"]:
            if set(c) != {"name", "keyphrase", "description", "examples", "difficulty"}: errs.append(f"{rid}: concept keys")
    elif t == "instructions":
        for c in e["instructions"]:
            if c["kind"] not in ("function", "class"): errs.append(f"{rid}: bad kind")
    elif t == "test_scenarios":
        if not all(isinstance(s, str) for s in e["scenarios"]): errs.append(f"{rid}: scenarios")
per_t = collections.defaultdict(list)
for r in rows: per_t[r["template"]].append(r["family"])
print(f"rows: {len(rows)}")
for t, fams in sorted(per_t.items()):
    nf = len(set(fams))
    print(f"  {t}: {len(fams)} replies, {nf} families")
    if nf < 5: errs.append(f"{t}: only {nf} families")
print("families:", dict(collections.Counter(r["family"] for r in rows)))
print("modes:", dict(collections.Counter(r["mode"] for r in rows)))
print("truncated:", sum(r["truncated"] for r in rows), " unusable:", sum(not r["usable"] for r in rows))
print("errors:", len(errs))
for x in errs: print("  ", x)
sys.exit(1 if errs else 0)
