"""Check replies.jsonl: parse, schema, Python validity, narrate answers, candidate_code sanity calls."""
import ast, json, sys, collections

PATH = "/work/corpus/replies/r89/replies.jsonl"
# sanity calls for candidate_code: id -> list of (expression, expected python value)
SANITY = {
    "r89-candidate_code-01": [("chunk_text('abcdefg', 3)", ['abc', 'def', 'g'])],
    "r89-candidate_code-02": [("RunningMedian().add(5)", 5), ("(lambda r: (r.add(1), r.add(3), r.add(2))[-1])(RunningMedian())", 2)],
    "r89-candidate_code-03": [("common_prefix_len(['flow', 'flower', 'flight'])", 2)],
    "r89-candidate_code-04": [("dedent_lines(['    a', '      b'])", ['a', '  b'])],
    "r89-candidate_code-05": [("mean_of_fractions(['1/2', '1/3'])", '5/12')],
    "r89-candidate_code-06": [("top_k_largest([5, 1, 9, 3], 2)", [9, 5])],
}
KEYS = {"id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"}
FAMS = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}
errors = []
counts = collections.Counter()
fam_per_t = collections.defaultdict(set)
ids = set()

def err(rid, msg):
    errors.append("%s: %s" % (rid, msg))

def parses(src, mode="exec"):
    try:
        ast.parse(src, mode=mode); return True
    except SyntaxError:
        return False

lines = open(PATH).read().splitlines()
for n, line in enumerate(lines, 1):
    try:
        r = json.loads(line)
    except Exception as e:
        errors.append("line %d: bad JSON %s" % (n, e)); continue
    rid = r.get("id", "line%d" % n)
    if rid in ids: err(rid, "duplicate id")
    ids.add(rid)
    miss = KEYS - set(r)
    if miss: err(rid, "missing keys %s" % miss)
    t = r["template"]; e = r["expected"]
    counts[(t,)] += 1; counts[("family", r["family"])] += 1; counts[("mode", r["mode"])] += 1
    if r["truncated"]: counts[("truncated",)] += 1
    if not r["usable"]: counts[("unusable",)] += 1
    fam_per_t[t].add(r["family"])
    if r["family"] not in FAMS: err(rid, "family")
    if r["mode"] not in ("text", "json_object"): err(rid, "mode")
    if r["truncated"] != (r["finish_reason"] == "length"): err(rid, "truncated/finish_reason mismatch")
    if "{{" in r["prompt"]: err(rid, "unrendered slot")
    if r["family"] == "deepseek-r1-distill" and r["mode"] == "text" and not r["reply"].lstrip().startswith("<think>"):
        err(rid, "r1 reply without <think>")
    if not r["usable"]:
        continue
    if t == "concepts":
        for c in e["concepts"]:
            if set(c) != {"name", "keyphrase", "description", "examples", "difficulty"}: err(rid, "concept keys")
            if c["difficulty"] not in ("easy", "medium", "hard"): err(rid, "difficulty")
    elif t == "instructions":
        for i in e["instructions"]:
            if i["kind"] not in ("function", "class") or not i["text"] or i["text"][0] in "0123456789[": err(rid, "instr %r" % i)
    elif t == "signature":
        line_ = e["line"]
        pre = "Function: " if e["kind"] == "function" else "Class: "
        if not line_.startswith(pre + e["name"]): err(rid, "signature line/name")
        if e["kind"] == "function":
            if not parses("def " + line_[len(pre):] + ": pass"): err(rid, "signature not python")
        else:
            for part in line_[len(pre):].split("; ")[1:]:
                if not parses("def " + part + ": pass"): err(rid, "method not python: " + part)
    elif t == "candidate_code":
        src = e["code"]
        if not parses(src): err(rid, "code does not parse"); continue
        ns = {}
        try:
            exec(src, ns)
            for expr, want in SANITY.get(rid, []):
                got = eval(expr, ns)
                if got != want: err(rid, "sanity %s -> %r != %r" % (expr, got, want))
            if rid not in SANITY: err(rid, "no sanity call")
        except Exception as ex:
            err(rid, "sanity raised %r" % ex)
    elif t == "test_scenarios":
        if not all(isinstance(s, str) and s for s in e["scenarios"]): err(rid, "scenarios")
    elif t == "candidate_tests":
        for s in e["tests"]:
            if not s.startswith("assert ") or not parses(s): err(rid, "test %r" % s)
            else:
                node = ast.parse(s).body[0]
                if not (isinstance(node.test, ast.Compare) and isinstance(node.test.ops[0], ast.Eq)): err(rid, "not == assert")
        for u in e.get("unusable_tests", []):
            if not isinstance(u, dict) or "reason" not in u: err(rid, "unusable_tests entry needs reason")
    elif t == "extract_entities":
        for c in e["claims"]:
            if set(c) != {"kind", "name", "value"} or not all(isinstance(v, str) for v in c.values()): err(rid, "claim %r" % c)
            if c["kind"] not in ("value", "index", "comparison", "branch", "loop", "return"): err(rid, "claim kind")
    elif t in ("narrate_forward", "narrate_backward"):
        if r["truncated"]: continue
        a = e["answer"]
        if not parses(a, "eval"): err(rid, "answer does not parse"); continue
        want = eval(r["returned"])
        if t == "narrate_forward":
            got = eval(a)
        else:
            ns = {}; exec(r["code"], ns); got = eval(a, ns)
        if got != want: err(rid, "answer %r -> %r != returned %r" % (a, got, want))
        ns = {}; exec(r["code"], ns)
        if eval(r["call"], ns) != want: err(rid, "call does not give returned")
    else:
        err(rid, "unknown template")

out = []
out.append("records: %d" % len(lines))
for k in sorted(counts): out.append("  %s: %d" % (" ".join(k), counts[k]))
for t in sorted(fam_per_t): out.append("  families in %s: %d" % (t, len(fam_per_t[t])))
out.append("errors: %d" % len(errors))
out += errors
print("\n".join(out))
sys.exit(1 if errors else 0)
