#!/usr/bin/env python3
"""Self-check for r7 replies.jsonl. Independent of the evaluated tool; uses only stdlib."""
import ast, json, sys, re, os
HERE = os.path.dirname(os.path.abspath(__file__))
PATH = os.path.join(HERE, 'replies.jsonl')
TEMPLATES = {"concepts", "instructions", "signature", "candidate_code", "test_scenarios", "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"}
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}

# sanity calls for candidate_code: (expression, expected value)
SANITY = {
    "r7-candidate_code-01": [("is_min_heap([1, 3, 2, 7])", True), ("is_min_heap([5, 1, 2])", False), ("is_min_heap([])", True)],
    "r7-candidate_code-02": [("run_length_encode('aaabcc')", [('a', 3), ('b', 1), ('c', 2)]), ("run_length_encode('')", [])],
    "r7-candidate_code-03": [("trimmed_mean([1, 2, 3, 4, 100], 1)", 3.0), ("trimmed_mean([1, 2], 1)", None)],
    "r7-candidate_code-04": [("(lambda m: (m.add(2), m.add(4))[1])(RunningMean())", 3.0)],
    "r7-candidate_code-05": [("to_base(255, 16)", "ff"), ("to_base(0, 2)", "0"), ("to_base(10, 2)", "1010")],
    "r7-candidate_code-06": [("(lambda p: (p.feed(3), p.feed(10)))(PairTracker())", (None, 7))],
}
# reference implementations to evaluate candidate_tests expectations (informational and enforced)
REF = {
    "to_base": "def to_base(n, base):\n    d='0123456789abcdef'\n    if n == 0: return '0'\n    o=''\n    while n: o=d[n%base]+o; n//=base\n    return o",
    "collapse_spaces": "import re\ndef collapse_spaces(t): return re.sub(' +', ' ', t)",
    "longest_run": "from itertools import groupby\ndef longest_run(xs): return max((len(list(g)) for _, g in groupby(xs)), default=0)",
    "RunningMean": "class RunningMean:\n    def __init__(self): self.s=0; self.n=0\n    def add(self, x):\n        self.s+=x; self.n+=1; return self.s/self.n",
    "is_min_heap": "def is_min_heap(a): return all(a[(i-1)//2] <= a[i] for i in range(1, len(a)))",
    "run_length_encode": "from itertools import groupby\ndef run_length_encode(s): return [(c, len(list(g))) for c, g in groupby(s)]",
}

errors, notes = [], []
def err(rid, msg): errors.append(f"{rid}: {msg}")

recs = []
with open(PATH) as f:
    for i, line in enumerate(f, 1):
        try:
            recs.append(json.loads(line))
        except Exception as e:
            err(f"line{i}", f"JSON parse error {e}")

ids = set()
for r in recs:
    rid = r.get("id", "?")
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: err(rid, f"missing field {k}")
    if rid in ids: err(rid, "duplicate id")
    ids.add(rid)
    t = r["template"]
    if t not in TEMPLATES: err(rid, f"bad template {t}")
    if not rid.startswith(f"r7-{t}-"): err(rid, "id does not match template")
    if r["family"] not in FAMILIES: err(rid, "bad family")
    if r["mode"] not in ("text", "json_object"): err(rid, "bad mode")
    if r["finish_reason"] not in ("stop", "length"): err(rid, "bad finish_reason")
    if r["truncated"] != (r["finish_reason"] == "length"): err(rid, "truncated disagrees with finish_reason")
    if "{{" in r["prompt"]: err(rid, "unfilled slot in prompt")
    if f"Task: {t}" not in r["prompt"]: err(rid, "prompt is not this template")
    if r["mode"] == "json_object":
        try: json.loads(r["reply"])
        except Exception: err(rid, "json_object reply is not valid JSON")
    if r["family"] == "deepseek-r1-distill" and not r["reply"].startswith("<think>"): notes.append(f"{rid}: deepseek without <think>")
    e, us = r["expected"], r["usable"]
    if t == "concepts":
        for c in e["concepts"]:
            if set(c) != {"name", "keyphrase", "description", "examples", "difficulty"}: err(rid, "concept keys")
            if c["difficulty"] not in ("easy", "medium", "hard"): err(rid, "difficulty")
            if c["keyphrase"] not in r["prompt"]: err(rid, f"keyphrase {c['keyphrase']} not in prompt")
            if c["name"] not in r["reply"]: err(rid, f"concept {c['name']} not in reply")
        if us != bool(e["concepts"]): err(rid, "usable vs empty")
    elif t == "instructions":
        for it in e["instructions"]:
            if it["kind"] not in ("function", "class"): err(rid, "kind")
            if it["text"] not in r["reply"] and json.dumps(it["text"])[1:-1] not in r["reply"]: err(rid, "instruction text not in reply")
        if us != bool(e["instructions"]): err(rid, "usable vs empty")
    elif t == "signature":
        if us:
            line = e["line"]
            if e["kind"] == "function":
                m = re.fullmatch(r"Function: (\w+)\((.*)\) -> (.+)", line)
                if not m or m.group(1) != e["name"]: err(rid, "bad function line")
                else:
                    try: ast.parse(f"def {m.group(1)}({m.group(2)}) -> {m.group(3)}: pass")
                    except SyntaxError as x: err(rid, f"signature not valid python {x}")
            else:
                parts = line.split("; ")
                if parts[0] != f"Class: {e['name']}" or not parts[1].startswith("__init__(self"): err(rid, "bad class line")
                for pp in parts[1:]:
                    try: ast.parse(f"def {pp}: pass")
                    except SyntaxError as x: err(rid, f"method not valid python {pp}")
        elif any(e.values()): err(rid, "unusable but has values")
    elif t == "candidate_code":
        code = e["code"]
        try: ast.parse(code)
        except SyntaxError as x: err(rid, f"code syntax {x}"); continue
        if us:
            ns = {}
            exec(code, ns)
            calls = SANITY.get(rid)
            if not calls: err(rid, "no sanity call")
            for expr, want in calls or []:
                got = eval(expr, ns)
                if got != want: err(rid, f"sanity {expr} -> {got!r}, want {want!r}")
            if "__main__" in code or "assert " in code: err(rid, "code contains tests/demo")
    elif t == "test_scenarios":
        if not all(isinstance(s, str) and s for s in e["scenarios"]): err(rid, "scenario type")
        if us != bool(e["scenarios"]): err(rid, "usable vs empty")
    elif t == "candidate_tests":
        for tt in e["tests"]:
            try: tree = ast.parse(tt)
            except SyntaxError as x: err(rid, f"test syntax {x}"); continue
            st = tree.body[0]
            if len(tree.body) != 1 or not isinstance(st, ast.Assert) or not isinstance(st.test, ast.Compare) or not isinstance(st.test.ops[0], ast.Eq):
                err(rid, f"not a single assert ==: {tt}")
            if tt not in r["reply"] and json.dumps(tt)[1:-1] not in r["reply"]: err(rid, f"test not verbatim in reply: {tt}")
            fn = st.test.left.func
            name = fn.id if isinstance(fn, ast.Name) else fn.value.func.id
            if name in REF:
                ns = {}; exec(REF[name], ns)
                try: exec(tt, ns)
                except AssertionError: err(rid, f"test fails on reference: {tt}")
            else: notes.append(f"{rid}: no reference for {name}")
        for u in e.get("unusable_tests", []):
            if not u.get("reason"): err(rid, "unusable test without reason")
        if us != bool(e["tests"]): err(rid, "usable vs empty")
    elif t == "extract_entities":
        for c in e["claims"]:
            if set(c) != {"kind", "name", "value"}: err(rid, "claim keys")
            if c["kind"] not in ("value", "index", "comparison", "branch", "loop", "return"): err(rid, "claim kind")
            if not isinstance(c["value"], str): err(rid, "claim value not a string")
        if us != bool(e["claims"]): err(rid, "usable vs empty")
    elif t in ("narrate_forward", "narrate_backward"):
        for k in ("code", "call", "returned"):
            if k not in r: err(rid, f"missing {k}")
        ns = {}
        exec(r["code"], ns)
        if repr(eval(r["call"], ns)) != r["returned"]: err(rid, "call does not give returned")
        if r["returned"] not in r["prompt"] and t == "narrate_backward": err(rid, "output not in prompt")
        if r["call"] not in r["prompt"] and t == "narrate_forward": err(rid, "call not in prompt")
        a = e["answer"]
        if not us:
            if a is not None: err(rid, "unusable with answer")
            continue
        try: ast.parse(a, mode="eval")
        except SyntaxError as x: err(rid, f"answer syntax {x}"); continue
        if t == "narrate_forward":
            if ast.literal_eval(a) != ast.literal_eval(r["returned"]) or repr(ast.literal_eval(a)) != r["returned"]:
                err(rid, f"answer {a} != returned {r['returned']}")
        else:
            if repr(eval(a, dict(ns))) != r["returned"]: err(rid, f"answer call {a} does not return {r['returned']}")

from collections import Counter
def cnt(key): return dict(sorted(Counter(key(r) for r in recs).items()))
out = []
out.append(f"records: {len(recs)}")
out.append(f"per template: {cnt(lambda r: r['template'])}")
out.append(f"per family: {cnt(lambda r: r['family'])}")
out.append(f"per mode: {cnt(lambda r: r['mode'])}")
out.append(f"truncated: {sum(r['truncated'] for r in recs)}  unusable: {sum(not r['usable'] for r in recs)}")
fam_per_t = {t: len({r['family'] for r in recs if r['template'] == t}) for t in sorted(TEMPLATES)}
out.append(f"families per template: {fam_per_t}")
for t, n in fam_per_t.items():
    if n < 5: errors.append(f"{t}: only {n} families")
for n in notes: out.append("note: " + n)
for e in errors: out.append("ERROR: " + e)
out.append("RESULT: " + ("PASS" if not errors else f"FAIL ({len(errors)} errors)"))
print("\n".join(out))
sys.exit(1 if errors else 0)
