"""Self-check of replies.jsonl (writer r51). Prints a report; exit 1 on any failure."""
import ast, json, sys, collections

PATH = sys.argv[1] if len(sys.argv) > 1 else "/work/corpus/replies/r51/replies.jsonl"
TEMPLATES = {"concepts", "instructions", "signature", "candidate_code", "test_scenarios",
             "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"}
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}
# sanity calls for candidate_code expected code: (expression, expected value)
SANITY = {
    "r51-candidate_code-01": [("median_low([4, 1, 7, 3])", 3), ("median_low([5])", 5)],
    "r51-candidate_code-02": [("run_lengths('aaabcc')", [('a', 3), ('b', 1), ('c', 2)]), ("run_lengths('')", [])],
    "r51-candidate_code-03": [("(lambda t: (t.add(5), t.add(1), t.add(3)))(MedianTracker())", (5.0, 3.0, 3.0))],
    "r51-candidate_code-04": [("Ratio(1, 2).add(1, 3)", (5, 6)), ("Ratio(1, 2).add(-1, 2)", (0, 1))],
    "r51-candidate_code-05": [("compare_fractions((1, 2), (2, 4))", 0), ("compare_fractions((1, -2), (1, 3))", -1)],
    "r51-candidate_code-06": [("pairwise_diffs([1, 4, 9])", [3, 5]), ("pairwise_diffs([])", [])],
}
errors, report = [], []

def err(rid, msg):
    errors.append(f"{rid}: {msg}")

def reply_text_variants(r):
    out = [r["reply"]]
    if r["mode"] == "json_object":
        try:
            out.append(json.dumps(json.loads(r["reply"]), ensure_ascii=False))
        except Exception:
            pass
        out.append(r["reply"].encode().decode("unicode_escape", errors="ignore"))
    return out

def in_reply(r, s):
    return any(s in v for v in reply_text_variants(r))

def check_sig_line(rid, exp):
    line = exp["line"]
    if exp["kind"] == "function":
        if not line.startswith("Function: "):
            return err(rid, "function line prefix")
        body = line[len("Function: "):]
        tree = ast.parse(f"def {body}: pass")
        if tree.body[0].name != exp["name"]:
            err(rid, "signature name mismatch")
    else:
        if not line.startswith("Class: "):
            return err(rid, "class line prefix")
        parts = line[len("Class: "):].split("; ")
        if parts[0] != exp["name"]:
            err(rid, "class name mismatch")
        if not parts[1].startswith("__init__("):
            err(rid, "__init__ not first")
        for m in parts[1:]:
            ast.parse(f"def {m}: pass")

reference_code = {}
rows = []
with open(PATH) as f:
    for n, line in enumerate(f, 1):
        try:
            rows.append(json.loads(line))
        except Exception as e:
            errors.append(f"line {n}: does not parse: {e}")

ids = collections.Counter(r["id"] for r in rows)
for rid, c in ids.items():
    if c > 1:
        err(rid, "duplicate id")

for r in rows:
    if r["template"] == "candidate_code" and r["usable"]:
        reference_code[r["id"]] = r["expected"]["code"]

for r in rows:
    rid, t, exp = r["id"], r["template"], r["expected"]
    try:
        for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
            if k not in r:
                err(rid, f"missing {k}")
        if t not in TEMPLATES: err(rid, "bad template")
        if r["family"] not in FAMILIES: err(rid, "bad family")
        if r["mode"] not in ("text", "json_object"): err(rid, "bad mode")
        if "{{" in r["prompt"]: err(rid, "unfilled slot in prompt")
        if r["truncated"] != (r["finish_reason"] == "length"): err(rid, "truncated/finish_reason disagree")
        if exp.get("truncated") != r["truncated"] or exp.get("usable") != r["usable"]: err(rid, "expected flags disagree")
        if r["family"] == "deepseek-r1-distill" and not r["reply"].startswith("<think>"): err(rid, "reasoning model without <think>")
        if r["mode"] == "json_object" and r["usable"] and not r["truncated"]:
            if not isinstance(json.loads(r["reply"]) if r["reply"].lstrip().startswith("{") else None, dict):
                # allow lenient JSON (json_object replies that are not strict JSON are noted)
                try:
                    ast.literal_eval(r["reply"].replace("false", "False").replace("true", "True").replace("null", "None"))
                except Exception:
                    err(rid, "json_object reply is not an object")
        if not r["usable"]:
            continue
        if t == "concepts":
            for c in exp["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard")
                if not in_reply(r, c["description"]): err(rid, f"concept text not in reply: {c['name']}")
        elif t == "instructions":
            for i in exp["instructions"]:
                assert i["kind"] in ("function", "class")
                if not in_reply(r, i["text"]): err(rid, f"instruction text not in reply: {i['text'][:40]}")
        elif t == "signature":
            check_sig_line(rid, exp)
        elif t == "candidate_code":
            code = exp["code"]
            ast.parse(code)
            if not in_reply(r, code.rstrip("\n")) and not (r["mode"] == "json_object" and json.loads(r["reply"])["code"] == code):
                err(rid, "code not verbatim in reply")
            ns = {}
            exec(code, ns)
            for expr, want in SANITY.get(rid, []):
                got = eval(expr, ns)
                if got != want: err(rid, f"sanity {expr} -> {got!r}, want {want!r}")
            if not SANITY.get(rid): err(rid, "no sanity call")
        elif t == "test_scenarios":
            for s in exp["scenarios"]:
                if not in_reply(r, s): err(rid, f"scenario not in reply: {s[:40]}")
        elif t == "candidate_tests":
            ns = {}
            for code in reference_code.values():
                exec(code, ns)
            for s in exp["tests"]:
                tree = ast.parse(s)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert), s
                if not in_reply(r, s): err(rid, f"test not verbatim in reply: {s}")
                try:
                    exec(s, dict(ns))
                except AssertionError:
                    err(rid, f"test fails against reference implementation: {s}")
            for u in exp.get("unusable_tests", []):
                assert u.get("reason"), u
        elif t == "extract_entities":
            for c in exp["claims"]:
                assert set(c) == {"kind", "name", "value"}
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return")
                assert all(isinstance(v, str) for v in c.values()), c
                if c["name"] not in r["prompt"].split("### Sentence")[1] and c["kind"] not in ("branch", "loop", "return", "comparison"):
                    if not in_reply(r, c["name"]): err(rid, f"claim name not found: {c['name']}")
        elif t == "narrate_forward":
            ast.parse(exp["answer"], mode="eval")
            ns = {}
            exec(r["code"], ns)
            real = eval(r["call"], ns)
            if repr(real) != r["returned"]: err(rid, "returned disagrees with running the call")
            if eval(exp["answer"]) != real: err(rid, f"answer {exp['answer']} != returned {r['returned']}")
            if not in_reply(r, exp["answer"]): err(rid, "answer text not in reply")
        elif t == "narrate_backward":
            ast.parse(exp["answer"], mode="eval")
            ns = {}
            exec(r["code"], ns)
            if repr(eval(r["call"], ns)) != r["returned"]: err(rid, "returned disagrees with running the call")
            got = eval(exp["answer"], ns)
            if repr(got) != r["returned"]: err(rid, f"answer call gives {got!r}, want {r['returned']}")
    except Exception as e:
        err(rid, f"exception {type(e).__name__}: {e}")

def count(key):
    return dict(sorted(collections.Counter(key(r) for r in rows).items()))
report.append(f"rows: {len(rows)}")
report.append(f"per template: {count(lambda r: r['template'])}")
report.append(f"per family: {count(lambda r: r['family'])}")
report.append(f"per mode: {count(lambda r: r['mode'])}")
report.append(f"truncated: {sum(r['truncated'] for r in rows)}  unusable: {sum(not r['usable'] for r in rows)}")
fam_per_t = collections.defaultdict(set)
for r in rows:
    fam_per_t[r["template"]].add(r["family"])
for t in sorted(fam_per_t):
    report.append(f"  {t}: {len(fam_per_t[t])} families")
    if len(fam_per_t[t]) < 5:
        errors.append(f"{t}: fewer than 5 families")
report.append(f"errors: {len(errors)}")
report.extend("  " + e for e in errors)
print("\n".join(report))
sys.exit(1 if errors else 0)
