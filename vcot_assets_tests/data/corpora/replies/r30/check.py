"""Self-check of r30/replies.jsonl (standard library only). Writes a report to stdout."""
import ast, json, re, sys
from collections import Counter, defaultdict

PATH = "/work/corpus/replies/r30/replies.jsonl"
TEMPLATES = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios",
             "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"]
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}
# sanity calls for candidate_code: id -> list of (expression, expected value)
SANITY = {
    "r30-candidate_code-01": [("is_min_heap([1, 2, 3])", True), ("is_min_heap([3, 1])", False), ("is_min_heap([])", True)],
    "r30-candidate_code-02": [("RunGrouper([1, 1, 2, 2, 2, 1]).longest_run()", (2, 3)), ("RunGrouper([]).longest_run()", None), ("RunGrouper([4, 4, 5, 5]).longest_run()", (4, 2))],
    "r30-candidate_code-03": [("top_k_frequent(['b', 'a', 'b', 'c', 'a', 'b'], 2)", ['b', 'a']), ("top_k_frequent([], 1)", [])],
    "r30-candidate_code-04": [("(lambda t: [t.add(5), t.add(1), t.add(3)])(MedianTracker())", [5, 1, 3])],
    "r30-candidate_code-05": [("harmonic_mean([2, 6])", 3.0), ("harmonic_mean([1, 0])", 0.0)],
}
# reference implementations used to run candidate_tests (informational check: tests are correct)
REF_FOR_TESTS = {
    "r30-candidate_tests-01": "r30-candidate_code-01", "r30-candidate_tests-02": "r30-candidate_code-03",
    "r30-candidate_tests-03": "r30-candidate_code-02", "r30-candidate_tests-04": "r30-candidate_code-05",
    "r30-candidate_tests-05": "r30-candidate_code-04",
}
COMMON_INDENT = '''
def common_indent(lines):
    prefix = None
    for line in lines:
        if not line.strip():
            continue
        ind = line[:len(line) - len(line.lstrip(' \\t'))]
        if prefix is None:
            prefix = ind
        else:
            n = 0
            while n < min(len(prefix), len(ind)) and prefix[n] == ind[n]:
                n += 1
            prefix = prefix[:n]
    return prefix or ''
'''
KEYS = {"id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"}

errors, rows = [], []
def err(rid, msg): errors.append(f"{rid}: {msg}")

for n, line in enumerate(open(PATH), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        err(f"line {n}", f"does not parse: {e}")

ids = Counter(r.get("id") for r in rows)
for i, c in ids.items():
    if c > 1: err(i, "duplicate id")
by_id = {r["id"]: r for r in rows}

def parse(rid, src, what, mode="exec"):
    try:
        ast.parse(src, mode=mode); return True
    except SyntaxError as e:
        err(rid, f"{what} not valid Python: {e}: {src!r}"); return False

for r in rows:
    rid = r.get("id")
    miss = KEYS - r.keys()
    if miss: err(rid, f"missing keys {miss}"); continue
    t, ex = r["template"], r["expected"]
    if t not in TEMPLATES: err(rid, f"bad template {t}")
    if r["family"] not in FAMILIES: err(rid, f"bad family {r['family']}")
    if r["mode"] not in ("text", "json_object"): err(rid, "bad mode")
    if r["finish_reason"] not in ("stop", "length"): err(rid, "bad finish_reason")
    if r["truncated"] != (r["finish_reason"] == "length"): err(rid, "truncated disagrees with finish_reason")
    if "{{" in r["prompt"]: err(rid, "unfilled slot in prompt")
    if not rid.startswith(f"r30-{t}-"): err(rid, "id does not match template")
    if r["mode"] == "json_object" and not r["truncated"]:
        try: json.loads(r["reply"])
        except Exception: err(rid, "json_object reply is not JSON")
    if r["family"] == "deepseek-r1-distill" and not r["reply"].startswith("<think>"): err(rid, "deepseek reply without <think>")
    u = r["usable"]
    if t == "concepts":
        for c in ex["concepts"]:
            if set(c) != {"name", "keyphrase", "description", "examples", "difficulty"} or c["difficulty"] not in ("easy", "medium", "hard"):
                err(rid, f"bad concept {c}")
            elif c["keyphrase"] not in r["prompt"]: err(rid, f"keyphrase not in prompt: {c['keyphrase']}")
        if u and not ex["concepts"]: err(rid, "usable but no concepts")
    elif t == "instructions":
        for it in ex["instructions"]:
            if it.get("kind") not in ("function", "class") or not it.get("text"): err(rid, f"bad instruction {it}")
            elif it["text"] not in r["reply"].replace("\n   ", " ") and not r["mode"] == "json_object": err(rid, "instruction text not found in reply")
    elif t == "signature":
        line = ex["line"]
        m = re.fullmatch(r"Function: (\w+)\((.*)\) -> (.+)", line) if ex["kind"] == "function" else re.fullmatch(r"Class: (\w+)((?:; .+)+)", line)
        if not m or m.group(1) != ex["name"]: err(rid, f"bad signature line {line!r}")
        elif ex["kind"] == "function":
            parse(rid, f"def {m.group(1)}({m.group(2)}) -> {m.group(3)}: pass", "signature")
        else:
            meths = [s.strip() for s in m.group(2).split(";") if s.strip()]
            if not meths[0].startswith("__init__(self"): err(rid, "class line does not start with __init__")
            parse(rid, "class X:\n" + "".join(f"    def {s}: pass\n" for s in meths), "class signature")
    elif t == "candidate_code":
        if u:
            if parse(rid, ex["code"], "code"):
                if rid not in SANITY: err(rid, "no sanity call")
                ns = {}
                exec(ex["code"], ns)
                for expr, want in SANITY.get(rid, []):
                    got = eval(expr, ns)
                    if got != want: err(rid, f"sanity {expr} -> {got!r}, want {want!r}")
                if ex["code"] not in r["reply"] and r["mode"] == "text": err(rid, "code not verbatim in reply")
        elif ex["code"]: err(rid, "unusable but code given")
    elif t == "test_scenarios":
        if u and not ex["scenarios"]: err(rid, "usable but no scenarios")
        for s in ex["scenarios"]:
            if s not in r["reply"]: err(rid, f"scenario not in reply: {s}")
    elif t == "candidate_tests":
        for tst in ex["tests"]:
            if parse(rid, tst, "test") and not (tst.startswith("assert ") and "==" in tst): err(rid, f"not an assert ==: {tst}")
            if r["mode"] == "text" and tst not in r["reply"]: err(rid, f"test not verbatim in reply: {tst}")
        ref = REF_FOR_TESTS.get(rid)
        src = by_id[ref]["expected"]["code"] if ref else COMMON_INDENT
        ns = {}; exec(src, ns)
        for tst in ex["tests"]:
            try: exec(tst, ns)
            except AssertionError: err(rid, f"test fails against reference: {tst}")
    elif t == "extract_entities":
        for c in ex["claims"]:
            if c.get("kind") not in ("value", "index", "comparison", "branch", "loop", "return") or not all(isinstance(c.get(k), str) for k in ("name", "value")):
                err(rid, f"bad claim {c}")
    elif t in ("narrate_forward", "narrate_backward"):
        for k in ("code", "call", "returned"):
            if k not in r: err(rid, f"missing {k}")
        ns = {}; exec(r["code"], ns)
        if eval(r["call"], dict(ns)) != eval(r["returned"]): err(rid, "call does not give returned")
        if u:
            a = ex["answer"]
            if parse(rid, a, "answer", "eval"):
                if t == "narrate_forward":
                    if eval(a) != eval(r["returned"]) or repr(eval(a)) != r["returned"]: err(rid, f"answer {a} != returned {r['returned']}")
                else:
                    if eval(a, dict(ns)) != eval(r["returned"]): err(rid, f"answer {a} does not return {r['returned']}")
        elif ex["answer"]: err(rid, "unusable but answer given")

# distribution checks
per_t = defaultdict(Counter)
for r in rows: per_t[r["template"]][r["family"]] += 1
for t in TEMPLATES:
    n = sum(per_t[t].values())
    if n != 6: err(t, f"{n} replies, want 6")
    if len(per_t[t]) < 5: err(t, f"only {len(per_t[t])} families")

print(f"rows: {len(rows)}")
print("per template:", dict(Counter(r["template"] for r in rows)))
print("per family:", dict(Counter(r["family"] for r in rows)))
print("per mode:", dict(Counter(r["mode"] for r in rows)))
print("truncated:", sum(r["truncated"] for r in rows), " unusable:", sum(not r["usable"] for r in rows))
for t in TEMPLATES: print(f"  {t}: {dict(per_t[t])}")
print(f"errors: {len(errors)}")
for e in errors: print("  ERROR", e)
print("PASS" if not errors else "FAIL")
sys.exit(1 if errors else 0)
