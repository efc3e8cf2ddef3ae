"""Self-check for r35 replies.jsonl."""
import ast, json, sys, collections
SANITY = {'r35-candidate_code-01': [('is_min_heap([1, 3, 2, 7])', 'True'), ('is_min_heap([5, 3])', 'False'), ('is_min_heap([])', 'True')], 'r35-candidate_code-02': [('SortedBag().add(3)', '[3]'), ('(lambda b: (b.add(5), b.add(1), b.add(3))[-1])(SortedBag())', '[1, 3, 5]')], 'r35-candidate_code-03': [("common_indent('  a\\n    b\\n')", '2'), ("common_indent('')", '0')], 'r35-candidate_code-04': [("variance_by_key([('a', 1), ('a', 3), ('b', 5)])", "{'a': 2.0}")], 'r35-candidate_code-05': [("Tally().add('x')", '1'), ("(lambda t: (t.add('x'), t.add('x'))[-1])(Tally())", '2')], 'r35-candidate_code-06': []}  # id -> [(sanity call, expected repr)]
errs = []; n = 0
cnt = collections.Counter(); fam = collections.defaultdict(set)
seen = set()
for i, line in enumerate(open("replies.jsonl"), 1):
    try:
        d = json.loads(line)
    except Exception as e:
        errs.append("line %d: bad json %s" % (i, e)); continue
    n += 1; rid = d["id"]; t = d["template"]; e = d["expected"]
    if rid in seen: errs.append("dup id " + rid)
    seen.add(rid)
    cnt[t] += 1; fam[t].add(d["family"])
    for k in ("prompt", "reply", "finish_reason", "truncated", "usable", "mode", "family", "notes"):
        if k not in d: errs.append(rid + ": missing " + k)
    if "{{" in d["prompt"]: errs.append(rid + ": unrendered slot")
    if e.get("truncated") != d["truncated"] or e.get("usable") != d["usable"]:
        errs.append(rid + ": flag mismatch")
    if d["truncated"] != (d["finish_reason"] == "length"):
        errs.append(rid + ": truncated vs finish_reason")
    def P(src, what):
        try: ast.parse(src)
        except SyntaxError as x: errs.append("%s: %s not python: %s" % (rid, what, x))
    if t == "candidate_code" and d["usable"]:
        P(e["code"], "code")
        ns = {}
        try:
            exec(e["code"], ns)
            calls = SANITY.get(rid, [])
            if not calls: errs.append(rid + ": no sanity call")
            for call, exp in calls:
                got = eval(call, ns)
                if got != eval(exp): errs.append("%s: sanity %s -> %r != %s" % (rid, call, got, exp))
        except Exception as x:
            errs.append("%s: exec failed %r" % (rid, x))
    if t == "candidate_tests":
        for s in e.get("tests", []):
            P(s, "test")
            if not s.startswith("assert "): errs.append(rid + ": test not assert")
    if t.startswith("narrate_") and d["usable"]:
        P(e["answer"], "answer")
        if t == "narrate_forward":
            if eval(e["answer"]) != eval(d["returned"]): errs.append(rid + ": answer != returned")
        else:
            ns = {}; exec(d["code"], ns)
            if eval(e["answer"], ns) != eval(d["returned"]): errs.append(rid + ": backward answer wrong")
        ns = {}; exec(d["code"], ns)
        if repr(eval(d["call"], ns)) != d["returned"]: errs.append(rid + ": call/returned mismatch")
    if t == "signature" and d["usable"]:
        if not e["line"].startswith(("Function: ", "Class: ")): errs.append(rid + ": bad sig line")
    if t == "extract_entities":
        for c in e.get("claims", []):
            if not all(isinstance(c[k], str) for k in ("kind", "name", "value")): errs.append(rid + ": claim not str")
# run expected tests against the reference solutions from candidate_code
refs = {}
for line in open("replies.jsonl"):
    d = json.loads(line)
    if d["template"] == "candidate_code" and d["usable"]:
        ns = {}; exec(d["expected"]["code"], ns); refs.update({k: v for k, v in ns.items() if not k.startswith("__")})
ran = 0
for line in open("replies.jsonl"):
    d = json.loads(line)
    if d["template"] == "candidate_tests":
        for t in d["expected"].get("tests", []):
            try:
                exec(t, dict(refs)); ran += 1
            except Exception as x:
                errs.append("%s: test fails on reference: %s (%r)" % (d["id"], t, x))
print("tests run against reference code:", ran)
print("lines:", n)
for t in sorted(cnt): print("  %-18s %d replies, %d families" % (t, cnt[t], len(fam[t])))
for x in errs: print("ERROR", x)
print("PASS" if not errs else "FAIL (%d errors)" % len(errs))
