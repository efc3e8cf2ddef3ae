import json, ast, collections, sys
errs = []; recs = []
for i, l in enumerate(open("/work/corpus/replies/r150/replies.jsonl"), 1):
    try: recs.append(json.loads(l))
    except Exception as e: errs.append(f"line {i}: bad json {e}")
KEYS = {"id","template","family","mode","prompt","reply","finish_reason","expected","truncated","usable","notes"}
ids = set()
def pyok(s, mode="exec"):
    ast.parse(s, mode=mode)
for r in recs:
    rid = r.get("id"); t = r.get("template"); e = r.get("expected", {})
    if KEYS - set(r): errs.append(f"{rid}: missing {KEYS-set(r)}")
    if rid in ids: errs.append(f"{rid}: duplicate id")
    ids.add(rid)
    if "{{" in r["prompt"]: errs.append(f"{rid}: unfilled slot")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: errs.append(f"{rid}: flag mismatch")
    if r["truncated"] != (r["finish_reason"] == "length"): errs.append(f"{rid}: finish_reason/truncated mismatch")
    try:
        if t == "candidate_code" and "code" in e:
            pyok(e["code"]); ns = {}; exec(e["code"], ns)
            for call, want in r.get("sanity", []):
                got = eval(call, ns)
                if got != eval(want): errs.append(f"{rid}: sanity {call} -> {got!r} != {want}")
            if r["usable"] and not r.get("sanity"): errs.append(f"{rid}: no sanity call")
        if t == "candidate_tests":
            for s in e.get("tests", []):
                pyok(s)
                if not s.startswith("assert "): errs.append(f"{rid}: test not assert: {s}")
        if t == "narrate_forward" and "answer" in e:
            if eval(e["answer"]) != eval(r["returned"]): errs.append(f"{rid}: forward answer != returned")
        if t == "narrate_backward" and "answer" in e:
            ns = {}; exec(r["code"], ns)
            if eval(e["answer"], ns) != eval(r["returned"]): errs.append(f"{rid}: backward answer wrong")
        if t == "signature" and "line" in e:
            line = e["line"]
            if e["kind"] == "function":
                assert line.startswith("Function: ")
                pyok("def " + line[len("Function: "):] + ": pass")
            else:
                assert line.startswith("Class: ")
                for part in line[len("Class: "):].split("; ")[1:]: pyok("def " + part + ": pass")
        if t in ("narrate_forward", "narrate_backward"):
            for k in ("code", "call", "returned"):
                if k not in r: errs.append(f"{rid}: missing {k}")
        if r["usable"]:
            need = {"concepts":"concepts","instructions":"instructions","signature":"line","candidate_code":"code",
                    "test_scenarios":"scenarios","candidate_tests":"tests","extract_entities":"claims",
                    "narrate_forward":"answer","narrate_backward":"answer"}[t]
            if need not in e: errs.append(f"{rid}: usable but no {need}")
    except Exception as ex:
        errs.append(f"{rid}: {type(ex).__name__}: {ex}")
c = lambda k: dict(collections.Counter(r[k] for r in recs))
print("replies:", len(recs))
print("per template:", c("template")); print("per family:", c("family")); print("per mode:", c("mode"))
print("truncated:", sum(r["truncated"] for r in recs), "unusable:", sum(not r["usable"] for r in recs))
fams = collections.defaultdict(set)
for r in recs: fams[r["template"]].add(r["family"])
print("families per template:", {k: len(v) for k, v in fams.items()})
print("ERRORS:", len(errs)); [print(" ", x) for x in errs]
print("RESULT:", "PASS" if not errs else "FAIL")
