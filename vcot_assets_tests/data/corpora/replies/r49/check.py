"""Self-check for r49 replies.jsonl (see BRIEF.md)."""
import ast, json, sys, collections
path = "/work/corpus/replies/r49/replies.jsonl"
errs, n = [], 0
cnt = collections.Counter(); fam = collections.Counter(); tf = collections.defaultdict(set)
modes = collections.Counter(); trunc = unus = 0
keys = {"id","template","family","mode","prompt","reply","finish_reason","expected","truncated","usable","notes"}
ids = set()
for i, line in enumerate(open(path), 1):
    try: r = json.loads(line)
    except Exception as e: errs.append(f"line {i}: bad json {e}"); continue
    n += 1; t = r["template"]; e = r["expected"]
    miss = keys - r.keys()
    if miss: errs.append(f"{r.get('id')}: missing {miss}")
    if r["id"] in ids: errs.append(f"dup id {r['id']}")
    ids.add(r["id"]); cnt[t] += 1; fam[r["family"]] += 1; tf[t].add(r["family"]); modes[r["mode"]] += 1
    trunc += r["truncated"]; unus += not r["usable"]
    if "{{" in r["prompt"]: errs.append(f"{r['id']}: unrendered slot")
    if r["truncated"] != (r["finish_reason"] == "length"): errs.append(f"{r['id']}: truncated/finish_reason mismatch")
    try:
        if t == "candidate_code" and r["usable"]:
            ns = {}; exec(e["code"], ns)
            for call, want in r["sanity"]:
                got = eval(call, ns)
                if got != eval(want): errs.append(f"{r['id']}: sanity {call} -> {got!r} != {want}")
        if t == "candidate_tests":
            for s in e["tests"]:
                node = ast.parse(s).body
                if len(node) != 1 or not isinstance(node[0], ast.Assert): errs.append(f"{r['id']}: not single assert {s}")
        if t in ("narrate_forward", "narrate_backward") and r["usable"]:
            if t == "narrate_forward":
                if repr(eval(e["answer"])) != r["returned"]: errs.append(f"{r['id']}: answer {e['answer']} != {r['returned']}")
            else:
                ns = {}; exec(r["code"], ns)
                if repr(eval(e["answer"], ns)) != r["returned"]: errs.append(f"{r['id']}: backward answer mismatch")
        if t == "signature":
            ln = e["line"]; assert ln.startswith(("Function: ", "Class: ")), ln
            if ln.startswith("Function: "): ast.parse("def " + ln[10:] + ": pass")
        if t == "instructions": assert all(x["kind"] in ("function","class") for x in e["instructions"])
        if t == "extract_entities": assert all(isinstance(c["value"], str) for c in e["claims"])
    except Exception as ex:
        errs.append(f"{r['id']}: {type(ex).__name__}: {ex}")
# tests vs. reference implementations taken from usable candidate_code replies
ref = {}
rows = [json.loads(l) for l in open(path)]
for r in rows:
    if r["template"] == "candidate_code" and r["usable"]:
        exec(r["expected"]["code"], ref)
checked = 0
for r in rows:
    if r["template"] == "candidate_tests":
        for s in r["expected"]["tests"]:
            fn = ast.parse(s).body[0].test.left.func
            name = fn.id if isinstance(fn, ast.Name) else getattr(fn.value.func, "id", None)
            if name in ref:
                checked += 1
                try: exec(s, dict(ref))
                except AssertionError: errs.append(f"{r['id']}: test fails on reference: {s}")
out = [f"rows: {n}", f"tests checked against reference code: {checked}", f"per template: {dict(sorted(cnt.items()))}", f"per family: {dict(sorted(fam.items()))}",
       f"families per template: { {k: len(v) for k, v in sorted(tf.items())} }", f"modes: {dict(modes)}",
       f"truncated: {trunc}  unusable: {unus}", f"errors: {len(errs)}"] + errs
print("\n".join(out))
open("/work/corpus/replies/r49/check_report.txt", "w").write("\n".join(out) + "\n")
sys.exit(1 if errs else 0)
