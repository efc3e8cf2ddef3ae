"""Self-check for r78 replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, re, sys
from collections import Counter

PATH = "/work/corpus/replies/r78/replies.jsonl"
TEMPLATES = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios",
             "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"]
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}

# sanity calls for every usable candidate_code reply (id -> list of assert statements)
SANITY = {
    "r78-candidate_code-01": ["assert k_smallest([5, 1, 4, 2, 3], 3) == [1, 2, 3]", "assert k_smallest([2], 5) == [2]", "assert k_smallest([1, 2], 0) == []"],
    "r78-candidate_code-02": ["assert run_lengths('aaabcc') == [('a', 3), ('b', 1), ('c', 2)]", "assert run_lengths('') == []"],
    "r78-candidate_code-03": ["assert Wrapper(10, '  ').wrap('aaa bbb ccc dd') == ['aaa bbb', '  ccc dd']", "assert Wrapper(5, '').wrap('') == []"],
    "r78-candidate_code-04": ["assert edit_distance('kitten', 'sitting') == 3", "assert edit_distance('', 'abc') == 3"],
    "r78-candidate_code-05": ["q = TaskQueue(); q.push('a', 2); q.push('b', 2); q.push('c', 1); assert [q.pop(), q.pop(), q.pop(), q.pop()] == ['c', 'a', 'b', None]"],
}
# reference implementations used to run candidate_tests (informational: tests need not be right)
REF_EXTRA = """
def collapse_runs(nums):
    out = []
    for n in nums:
        if not out or out[-1] != n:
            out.append(n)
    return out
"""

errors, infos = [], []
def err(i, msg): errors.append("%s: %s" % (i, msg))

def parses(src, mode="exec"):
    try:
        ast.parse(src, mode=mode); return True
    except SyntaxError:
        return False

rows = []
for n, line in enumerate(open(PATH, encoding="utf-8"), 1):
    if not line.strip():
        continue
    try:
        rows.append(json.loads(line))
    except Exception as e:
        err("line %d" % n, "does not parse: %s" % e)

ids = Counter(r.get("id") for r in rows)
for i, c in ids.items():
    if c > 1: err(i, "duplicate id")

ref_ns = {}
exec(REF_EXTRA, ref_ns)
for r in rows:
    if r.get("template") == "candidate_code" and r.get("usable"):
        exec(r["expected"]["code"], ref_ns)

def reply_texts(r):
    texts = [r["reply"]]
    if r["mode"] == "json_object":
        try:
            obj = json.loads(r["reply"])
            def walk(o):
                if isinstance(o, str): texts.append(o)
                elif isinstance(o, dict): [walk(v) for v in o.values()]
                elif isinstance(o, list): [walk(v) for v in o]
            walk(obj)
        except Exception:
            pass
    return texts

def appears(s, r):
    return any(s in t for t in reply_texts(r))

for r in rows:
    i = r.get("id", "?")
    for k in ["id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"]:
        if k not in r: err(i, "missing field " + k)
    t = r.get("template")
    if t not in TEMPLATES: err(i, "bad template"); continue
    if not i.startswith("r78-%s-" % t): err(i, "id does not match template")
    if r["family"] not in FAMILIES: err(i, "bad family")
    if r["mode"] not in ("text", "json_object"): err(i, "bad mode")
    if (r["finish_reason"] == "length") != bool(r["truncated"]): err(i, "finish_reason/truncated mismatch")
    if "{{" in r["prompt"] or "}}" in r["prompt"]: err(i, "unfilled slot in prompt")
    if "Task: %s" % t not in r["prompt"]: err(i, "prompt is not the %s template" % t)
    if r["mode"] == "json_object":
        try: json.loads(r["reply"])
        except Exception: err(i, "json_object reply is not JSON")
        if r["reply"].lstrip().startswith("```"): err(i, "json_object reply is fenced")
    e = r["expected"]
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: err(i, "expected truncated/usable differ from top level")
    if not r["usable"]:
        if any(k not in ("truncated", "usable") for k in e): err(i, "unusable reply but expected has content")
        continue
    if t == "concepts":
        for c in e["concepts"]:
            if set(c) != {"name", "keyphrase", "description", "examples", "difficulty"}: err(i, "concept keys %s" % sorted(c))
            if c["difficulty"] not in ("easy", "medium", "hard"): err(i, "difficulty")
            if not all(isinstance(x, str) for x in c["examples"]): err(i, "examples not strings")
            if c["keyphrase"] not in r["prompt"]: err(i, "keyphrase %r not in prompt" % c["keyphrase"])
            if not appears(c["name"], r): err(i, "concept name not in reply")
    elif t == "instructions":
        for it in e["instructions"]:
            if it["kind"] not in ("function", "class"): err(i, "kind")
            if not appears(it["text"], r): err(i, "instruction text not in reply: %r" % it["text"][:40])
            if re.match(r"^\s*(\d+\.|\[)", it["text"]): err(i, "numbering/kind tag left in text")
    elif t == "signature":
        line, kind, name = e["line"], e["kind"], e["name"]
        if kind == "function":
            m = re.match(r"^Function: (\w+)\((.*)\) -> (.+)$", line)
            if not m or m.group(1) != name: err(i, "function line form")
            elif not parses("def %s(%s) -> %s: pass" % m.groups()): err(i, "function line does not parse")
        else:
            parts = line.split("; ")
            if parts[0] != "Class: " + name: err(i, "class line head")
            if not parts[1].startswith("__init__(self"): err(i, "__init__ not first")
            for pt in parts[1:]:
                m = re.match(r"^(\w+)\((.*)\) -> (.+)$", pt)
                if not m or not parses("def %s(%s) -> %s: pass" % m.groups()): err(i, "method part does not parse: %r" % pt)
    elif t == "candidate_code":
        code = e["code"]
        if not parses(code): err(i, "code does not parse"); continue
        if not appears(code, r): err(i, "code not verbatim in reply")
        if "__main__" in code or "print(" in code: err(i, "demo code left in expected code")
        if i not in SANITY: err(i, "no sanity call")
        for s in SANITY.get(i, []):
            ns = {}
            try:
                exec(code, ns); exec(s, ns); infos.append("%s sanity ok: %s" % (i, s))
            except Exception as ex:
                err(i, "sanity failed %r: %r" % (s, ex))
    elif t == "test_scenarios":
        if not e["scenarios"] or not all(isinstance(s, str) and s.strip() for s in e["scenarios"]): err(i, "scenarios")
        for s in e["scenarios"]:
            if re.match(r"^\s*\d+\.", s): err(i, "numbering left in scenario")
            if not appears(s, r) and not appears(s.split(": ", 1)[-1], r): err(i, "scenario text not in reply: %r" % s[:40])
    elif t == "candidate_tests":
        for s in e["tests"]:
            if not s.startswith("assert ") or not parses(s): err(i, "test does not parse: %r" % s); continue
            node = ast.parse(s).body[0]
            if not isinstance(node, ast.Assert) or not isinstance(node.test, ast.Compare) or not isinstance(node.test.ops[0], ast.Eq):
                err(i, "not an equality assert: %r" % s)
            if not appears(s, r): err(i, "test not verbatim in reply: %r" % s)
            try:
                exec(s, dict(ref_ns)); infos.append("%s test passes on reference: %s" % (i, s))
            except Exception as ex:
                infos.append("%s NOTE test fails on reference (%r): %s" % (i, ex, s))
        if not isinstance(e.get("unusable_tests"), list): err(i, "unusable_tests missing")
    elif t == "extract_entities":
        for c in e["claims"]:
            if set(c) != {"kind", "name", "value"}: err(i, "claim keys")
            if c["kind"] not in ("value", "index", "comparison", "branch", "loop", "return"): err(i, "claim kind")
            if not all(isinstance(v, str) for v in c.values()): err(i, "claim values must be strings")
    elif t in ("narrate_forward", "narrate_backward"):
        for k in ("code", "call", "returned"):
            if k not in r: err(i, "missing " + k)
        ans = e["answer"]
        if not parses(ans, "eval"): err(i, "answer does not parse: %r" % ans); continue
        ns = {}
        exec(r["code"], ns)
        if repr(eval(r["call"], dict(ns))) != r["returned"]: err(i, "call does not give returned")
        if t == "narrate_forward":
            v = eval(ans, {})
            if repr(v) != r["returned"] and v != eval(r["returned"], {}): err(i, "answer %r != returned %r" % (ans, r["returned"]))
            else: infos.append("%s forward answer %s == returned %s" % (i, ans, r["returned"]))
        else:
            v = eval(ans, dict(ns))
            if repr(v) != r["returned"]: err(i, "backward call %s gives %r, not %r" % (ans, v, r["returned"]))
            else: infos.append("%s backward call %s -> %s" % (i, ans, r["returned"]))

print("rows:", len(rows))
for name, key in [("template", "template"), ("family", "family"), ("mode", "mode")]:
    print("per %s:" % name, dict(sorted(Counter(r[key] for r in rows).items())))
print("truncated:", sum(r["truncated"] for r in rows), "unusable:", sum(not r["usable"] for r in rows))
fam_per_t = {t: len({r["family"] for r in rows if r["template"] == t}) for t in TEMPLATES}
print("families per template:", fam_per_t)
for t, nf in fam_per_t.items():
    if nf < 5: err(t, "fewer than 5 families")
    if sum(r["template"] == t for r in rows) != 6: err(t, "not 6 replies")
print()
for s in infos: print("info:", s)
print()
print("ERRORS: %d" % len(errors))
for s in errors: print("ERROR:", s)
print("RESULT:", "PASS" if not errors else "FAIL")
sys.exit(1 if errors else 0)
