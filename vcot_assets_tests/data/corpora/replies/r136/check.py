"""Self-check for r136 replies.jsonl; writes check_report.txt."""
import ast, json, collections, statistics, bisect, sys
from fractions import Fraction
HERE = "/work/corpus/replies/r136/"
TEMPLATES = {"concepts", "instructions", "signature", "candidate_code", "test_scenarios", "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"}
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}
errors, lines = [], []
def err(i, m): errors.append(f"{i}: {m}")

# sanity calls for candidate_code (call, expected)
SANITY = {
 "r136-candidate_code-01": [("is_min_heap([1, 3, 2, 7, 4])", True), ("is_min_heap([5, 3])", False), ("is_min_heap([])", True)],
 "r136-candidate_code-02": [("run_lengths('aaabcc')", [('a', 3), ('b', 1), ('c', 2)]), ("run_lengths('')", [])],
 "r136-candidate_code-03": [("(lambda r: (r.add(5), r.add(1), r.add(3)))(RunningMedian())", (5, 3.0, 3))],
 "r136-candidate_code-04": [("expand_tabs('a\\tb', 4)", "a   b"), ("expand_tabs('\\tx', 2)", "  x")],
 "r136-candidate_code-05": [("Suggester(['cat', 'cut', 'dog', 'cart']).suggest('cat', 1)", ['cart', 'cat', 'cut'])],
}
# reference implementations used to run candidate_tests expectations
def is_min_heap(v): return all(v[k] <= v[c] for k in range(len(v)) for c in (2*k+1, 2*k+2) if c < len(v))
def group_by_parity(nums):
    out = []
    for x in nums:
        if out and out[-1][-1] % 2 == x % 2: out[-1].append(x)
        else: out.append([x])
    return out
def sample_variance(xs): return statistics.variance(xs)
def chunked(xs, size):
    if size < 1: raise ValueError
    return [xs[i:i+size] for i in range(0, len(xs), size)]
def count_in_range(xs, lo, hi): return max(0, bisect.bisect_right(xs, hi) - bisect.bisect_left(xs, lo))
def egyptian(n, d):
    out, f = [], Fraction(n, d)
    while f:
        c = -(-f.denominator // f.numerator); out.append(c); f -= Fraction(1, c)
    return out
REF = dict(is_min_heap=is_min_heap, group_by_parity=group_by_parity, sample_variance=sample_variance, chunked=chunked, count_in_range=count_in_range, egyptian=egyptian)

rows = []
for n, line in enumerate(open(HERE + "replies.jsonl"), 1):
    try: rows.append(json.loads(line))
    except Exception as e: err(f"line {n}", f"bad JSON {e}")
ids = collections.Counter(r["id"] for r in rows)
for i, c in ids.items():
    if c > 1: err(i, "duplicate id")
for r in rows:
    i = r["id"]; x = r["expected"]; t = r["template"]
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: err(i, f"missing {k}")
    if t not in TEMPLATES: err(i, "bad template")
    if r["family"] not in FAMILIES: err(i, "bad family")
    if r["mode"] not in ("text", "json_object"): err(i, "bad mode")
    if "{{" in r["prompt"]: err(i, "unfilled slot in prompt")
    if r["truncated"] != (r["finish_reason"] == "length"): err(i, "truncated/finish_reason mismatch")
    if x.get("truncated") != r["truncated"] or x.get("usable") != r["usable"]: err(i, "expected flags mismatch")
    if not i.startswith(f"r136-{t}-"): err(i, "id/template mismatch")
    try:
        if t == "concepts":
            for c in x["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard") and len(c["examples"]) == 2
                assert c["keyphrase"].lower() in r["prompt"].lower(), c["keyphrase"]
        elif t == "instructions":
            for c in x["instructions"]:
                assert c["kind"] in ("function", "class") and c["text"] and not c["text"].lstrip().startswith(("[", "1"))
                assert c["text"] in r["reply"] or json.dumps(c["text"])[1:-1] in r["reply"], "text not in reply"
        elif t == "signature":
            line = x["line"]; name = x["name"]
            if x["kind"] == "function":
                assert line.startswith("Function: " + name + "(")
                ast.parse("def " + line[len("Function: "):] + ": pass")
            else:
                parts = line.split("; ")
                assert parts[0] == "Class: " + name and parts[1].startswith("__init__(self")
                for m in parts[1:]: ast.parse("def " + m + ": pass")
        elif t == "candidate_code":
            if r["usable"]:
                ast.parse(x["code"])
                assert x["code"] in r["reply"] or json.loads(r["reply"]).get("code") == x["code"]
                ns = {}; exec(x["code"], ns)
                calls = SANITY.get(i); assert calls, "no sanity call"
                for call, want in calls:
                    got = eval(call, ns); assert got == want, (call, got, want)
            else:
                assert x["code"] is None
        elif t == "test_scenarios":
            assert all(isinstance(s, str) and s for s in x["scenarios"])
            for s in x["scenarios"]: assert s in r["reply"], s
        elif t == "candidate_tests":
            assert isinstance(x["unusable_tests"], list)
            for s in x["tests"]:
                node = ast.parse(s).body
                assert len(node) == 1 and isinstance(node[0], ast.Assert) and isinstance(node[0].test, ast.Compare)
                exec(s, dict(REF))  # expectation must hold against a reference implementation
        elif t == "extract_entities":
            for c in x["claims"]:
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return")
                assert all(isinstance(c[k], str) for k in ("kind", "name", "value"))
            if r["usable"]: assert x["claims"]
        elif t in ("narrate_forward", "narrate_backward"):
            for k in ("code", "call", "returned"): assert k in r, k
            ns = {}; exec(r["code"], ns)
            assert repr(eval(r["call"], ns)) == r["returned"], "call does not give returned"
            if r["usable"]:
                ast.parse(x["answer"], mode="eval")
                want = ast.literal_eval(r["returned"])
                if t == "narrate_forward":
                    assert ast.literal_eval(x["answer"]) == want, "forward answer != returned"
                else:
                    assert eval(x["answer"], ns) == want, "backward answer does not give returned"
            else:
                assert x["answer"] is None
    except Exception as e:
        err(i, f"{type(e).__name__}: {e}")

def count(key): return dict(sorted(collections.Counter(key(r) for r in rows).items()))
rep = [f"rows: {len(rows)}", f"per template: {count(lambda r: r['template'])}", f"per family: {count(lambda r: r['family'])}",
       f"per mode: {count(lambda r: r['mode'])}", f"truncated: {sum(r['truncated'] for r in rows)}", f"unusable: {sum(not r['usable'] for r in rows)}"]
fam_per_t = collections.defaultdict(set)
for r in rows: fam_per_t[r["template"]].add(r["family"])
for t in sorted(fam_per_t):
    if len(fam_per_t[t]) < 5: errors.append(f"{t}: only {len(fam_per_t[t])} families")
rep.append("families per template: " + ", ".join(f"{t}={len(s)}" for t, s in sorted(fam_per_t.items())))
rep.append(f"errors: {len(errors)}"); rep += errors
rep.append("RESULT: " + ("PASS" if not errors else "FAIL"))
open(HERE + "check_report.txt", "w").write("\n".join(rep) + "\n")
print("\n".join(rep))
sys.exit(1 if errors else 0)
