"""Checks replies.jsonl: parses, schema, ast validity, narrate answers, code sanity, tests vs reference code."""
import ast, json, sys, collections
PATH = "/work/corpus/replies/r164/replies.jsonl"
errs, n = [], 0
recs = []
for i, line in enumerate(open(PATH, encoding="utf-8"), 1):
    try:
        recs.append(json.loads(line))
    except Exception as e:
        errs.append("line %d: bad json %s" % (i, e))
ids = collections.Counter(r["id"] for r in recs)
errs += ["duplicate id %s" % k for k, v in ids.items() if v > 1]
KEYS = {"id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"}
codes = {}
for r in recs:
    if r["template"] == "candidate_code" and r["expected"].get("code"):
        codes[r["id"]] = r["expected"]["code"]
# reference implementations for tests (the candidate_code expected codes, plus one for the truncated one)
ref_ns = {}
for c in codes.values():
    exec(c, ref_ns)
exec("def strip_common_indent(text):\n    lines = text.split('\\n')\n    ind = [len(l) - len(l.lstrip()) for l in lines if l.strip()]\n    if not ind:\n        return text\n    c = min(ind)\n    return '\\n'.join(l[c:] if l.strip() else l for l in lines)\n", ref_ns)
for r in recs:
    rid = r["id"]; e = r["expected"]; t = r["template"]
    def bad(m): errs.append("%s: %s" % (rid, m))
    if not KEYS <= set(r): bad("missing keys %s" % (KEYS - set(r)))
    if "{{" in r["prompt"]: bad("unfilled slot")
    if r["mode"] not in ("text", "json_object"): bad("mode")
    if (r["finish_reason"] == "length") != r["truncated"]: bad("finish_reason/truncated mismatch")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: bad("expected flags mismatch")
    if not r["id"].startswith("r164-%s-" % t): bad("id/template mismatch")
    try:
        if t == "candidate_code" and r["usable"]:
            ns = {}; exec(compile(e["code"], rid, "exec"), ns)
            s = r.get("sanity") or []
            if not s: bad("no sanity call")
            for expr in s:
                if not eval(expr, ns): bad("sanity failed: " + expr)
        if t == "candidate_tests":
            for tt in e["tests"]:
                ast.parse(tt)
                if not tt.startswith("assert "): bad("test not assert")
                if tt not in r["reply"] and tt.replace("'", '"') not in r["reply"] and json.dumps(tt)[1:-1] not in r["reply"]:
                    bad("test not verbatim in reply: " + tt)
                exec(tt, dict(ref_ns))
        if t == "narrate_forward" and r["usable"]:
            ast.parse(e["answer"], mode="eval")
            if eval(e["answer"]) != eval(r["returned"]): bad("forward answer != returned")
        if t == "narrate_backward" and r["usable"]:
            ast.parse(e["answer"], mode="eval")
            ns = {}; exec(r["code"], ns)
            if eval(e["answer"], ns) != eval(r["returned"]): bad("backward answer does not reproduce")
        if t in ("narrate_forward", "narrate_backward"):
            ns = {}; exec(r["code"], ns)
            if repr(eval(r["call"], ns)) != r["returned"]: bad("call does not give returned")
        if t == "concepts":
            for c in e["concepts"]:
                if set(c) != {"name", "keyphrase", "description", "examples", "difficulty"}: bad("concept keys")
                if c["difficulty"] not in ("easy", "medium", "hard"): bad("difficulty")
        if t == "instructions":
            for it in e["instructions"]:
                if it["kind"] not in ("function", "class"): bad("kind")
                if it["text"] not in r["reply"] and it["text"] not in json.loads(r["reply"]).__repr__(): bad("instruction text not in reply")
        if t == "signature" and r["usable"]:
            line = e["line"]
            pre = "Function: " if e["kind"] == "function" else "Class: "
            if not line.startswith(pre): bad("signature prefix")
            if e["kind"] == "function":
                ast.parse("def " + line[len(pre):] + ": pass")
            else:
                parts = [p.strip() for p in line[len(pre):].split(";")]
                if parts[0] != e["name"]: bad("class name")
                for m in parts[1:]: ast.parse("def " + m + ": pass")
        if t == "extract_entities":
            for c in e["claims"]:
                if not all(isinstance(c[k], str) for k in ("kind", "name", "value")): bad("claim not strings")
        if t == "test_scenarios" and not all(isinstance(s, str) for s in e["scenarios"]): bad("scenarios")
    except Exception as ex:
        bad("exception %r" % ex)
    n += 1
cnt = collections.Counter(r["template"] for r in recs)
fams = collections.defaultdict(set)
for r in recs: fams[r["template"]].add(r["family"])
for tpl, fs in fams.items():
    if len(fs) < 5: errs.append("%s has only %d families" % (tpl, len(fs)))
print("records:", n)
print("per template:", dict(cnt))
print("per family:", dict(collections.Counter(r["family"] for r in recs)))
print("per mode:", dict(collections.Counter(r["mode"] for r in recs)))
print("truncated:", sum(r["truncated"] for r in recs), "unusable:", sum(not r["usable"] for r in recs))
print("errors:", len(errs))
for x in errs: print("  ", x)
print("RESULT:", "PASS" if not errs else "FAIL")
sys.exit(1 if errs else 0)
