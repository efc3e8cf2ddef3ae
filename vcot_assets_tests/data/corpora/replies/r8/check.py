"""Self-check of the r8 corpus (replies.jsonl). Writes a report to stdout; exit 1 on any failure.

Independent of the tool being evaluated: it only validates this corpus' own records.
"""
import ast, collections, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
PATH = os.environ.get("R8_REPLIES", os.path.join(HERE, "replies.jsonl"))
TEMPLATES = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios",
             "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"]
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini",
            "deepseek-r1-distill", "smollm2-135m"}
KEYS = {"id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected",
        "truncated", "usable", "notes"}
errors = []


def err(rid, msg):
    errors.append(f"{rid}: {msg}")


def reply_texts(r):
    """The reply, plus every string found in it when it is JSON (to find escaped content)."""
    out = [r["reply"]]
    try:
        obj = json.loads(r["reply"])
    except Exception:
        return out
    stack = [obj]
    while stack:
        o = stack.pop()
        if isinstance(o, str):
            out.append(o)
        elif isinstance(o, dict):
            stack.extend(o.values())
        elif isinstance(o, list):
            stack.extend(o)
    return out


def in_reply(r, s):
    return any(s in t for t in reply_texts(r))


def sig_ok(line):
    if line.startswith("Function: "):
        ast.parse("def " + line[len("Function: "):] + ": pass")
        return True
    if line.startswith("Class: "):
        parts = [p.strip() for p in line[len("Class: "):].split(";")]
        ast.parse("class " + parts[0] + ": pass")
        assert parts[1].startswith("__init__(self"), "constructor must follow the class name"
        for m in parts[1:]:
            ast.parse("def " + m + ": pass")
        return True
    raise AssertionError("line must start with 'Function: ' or 'Class: '")


records = []
with open(PATH) as f:
    for i, line in enumerate(f, 1):
        try:
            records.append(json.loads(line))
        except Exception as e:
            err(f"line {i}", f"does not parse: {e}")

ids = collections.Counter(r.get("id") for r in records)
for k, v in ids.items():
    if v > 1:
        err(k, "duplicate id")

# reference implementations for running candidate tests: all candidate_code solutions
ref_ns = {}
for r in records:
    if r.get("template") == "candidate_code" and r["usable"]:
        exec(r["expected"]["code"], ref_ns)

for r in records:
    rid = r.get("id", "?")
    missing = KEYS - set(r)
    if missing:
        err(rid, f"missing keys {missing}")
        continue
    t = r["template"]
    if t not in TEMPLATES:
        err(rid, "unknown template")
        continue
    if not rid.startswith(f"r8-{t}-"):
        err(rid, "id does not match template")
    if r["family"] not in FAMILIES:
        err(rid, f"unknown family {r['family']}")
    if r["mode"] not in ("text", "json_object"):
        err(rid, "bad mode")
    if r["finish_reason"] != ("length" if r["truncated"] else "stop"):
        err(rid, "finish_reason disagrees with truncated")
    e = r["expected"]
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]:
        err(rid, "expected.truncated/usable disagree with the record")
    if "{{" in r["prompt"]:
        err(rid, "unfilled slot in prompt")
    tmpl_first = open(f"/work/corpus/tools/prompts/{t}.txt").read().split("\n")[0]
    if not r["prompt"].startswith(tmpl_first) or f"Task: {t}" not in r["prompt"]:
        err(rid, "prompt is not a rendering of its template")
    if r["family"] == "deepseek-r1-distill" and r["reply"] and not r["reply"].startswith("<think>"):
        err(rid, "deepseek reply does not open with <think>")
    if r["mode"] == "json_object" and not r["truncated"]:
        try:
            json.loads(r["reply"])
        except Exception as ex:
            err(rid, f"json_object reply is not JSON: {ex}")
    if not r["usable"]:
        if set(e) - {"truncated", "usable"}:
            err(rid, "unusable reply should expect nothing")
        continue
    try:
        if t == "concepts":
            assert e["concepts"], "no concepts"
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c.keys()
                assert c["difficulty"] in ("easy", "medium", "hard")
                assert c["keyphrase"] in r["prompt"], f"keyphrase {c['keyphrase']!r} not offered"
                assert len(c["examples"]) == 2 and all(isinstance(x, str) for x in c["examples"])
                assert in_reply(r, c["description"]), "description not in reply"
        elif t == "instructions":
            assert e["instructions"]
            for it in e["instructions"]:
                assert it["kind"] in ("function", "class")
                assert in_reply(r, it["text"]), f"statement not in reply: {it['text'][:40]}"
                assert not re.match(r"^\s*(\d+\.|\[)", it["text"]), "numbering/kind tag left in text"
        elif t == "signature":
            assert e["kind"] in ("function", "class")
            assert sig_ok(e["line"])
            assert e["line"].startswith("Function: " if e["kind"] == "function" else "Class: ")
            assert re.match(r"(Function|Class): " + re.escape(e["name"]) + r"\b", e["line"])
            assert e["name"] in r["reply"]
        elif t == "candidate_code":
            ast.parse(e["code"])
            assert in_reply(r, e["code"]), "code not verbatim in reply"
            assert "if __name__" not in e["code"] and "print(" not in e["code"]
            ns = {}
            exec(e["code"], ns)
            assert eval(r["sanity"], ns) is True, "sanity call failed"
        elif t == "test_scenarios":
            assert e["scenarios"] and all(isinstance(s, str) and s for s in e["scenarios"])
            for s in e["scenarios"]:
                head = s.split(": ", 1)[-1]
                assert in_reply(r, head), f"scenario not in reply: {s[:40]}"
        elif t == "candidate_tests":
            assert isinstance(e.get("unusable_tests"), list)
            for s in e["tests"]:
                tree = ast.parse(s)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert), "not one assert"
                cmp = tree.body[0].test
                assert isinstance(cmp, ast.Compare) and isinstance(cmp.ops[0], ast.Eq), "not ==" 
                assert in_reply(r, s), f"test not verbatim in reply: {s[:40]}"
                exec(s, dict(ref_ns))  # the test holds against the reference solution
        elif t == "extract_entities":
            assert e["claims"]
            for c in e["claims"]:
                assert set(c) == {"kind", "name", "value"}
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return")
                assert all(isinstance(v, str) for v in c.values()), "values must be strings"
        elif t == "narrate_forward":
            for k in ("code", "call", "returned"):
                assert k in r, f"missing {k}"
            ans = e["answer"]
            ast.parse(ans, mode="eval")
            ns = {}
            exec(r["code"], ns)
            assert repr(eval(r["call"], ns)) == r["returned"], "recorded return is stale"
            assert repr(eval(ans)) == r["returned"], f"answer {ans} != returned {r['returned']}"
        elif t == "narrate_backward":
            for k in ("code", "call", "returned"):
                assert k in r, f"missing {k}"
            ans = e["answer"]
            ast.parse(ans, mode="eval")
            ns = {}
            exec(r["code"], ns)
            assert repr(eval(r["call"], ns)) == r["returned"], "recorded return is stale"
            assert repr(eval(ans, ns)) == r["returned"], f"{ans} does not return {r['returned']}"
            fname = re.match(r"def (\w+)", r["code"]).group(1)
            assert ans.startswith(fname + "("), "answer is not a call of the function"
    except Exception as ex:
        err(rid, f"{type(ex).__name__}: {ex}")

# summary
by_t = collections.Counter(r["template"] for r in records)
fam_t = collections.defaultdict(set)
for r in records:
    fam_t[r["template"]].add(r["family"])
print(f"records: {len(records)}")
print("per template:", dict(by_t))
for t in TEMPLATES:
    if by_t[t] != 6:
        err(t, f"{by_t[t]} replies, want 6")
    if len(fam_t[t]) < 5:
        err(t, f"only {len(fam_t[t])} families")
print("families per template:", {t: len(fam_t[t]) for t in TEMPLATES})
print("per family:", dict(collections.Counter(r["family"] for r in records)))
print("per mode:", dict(collections.Counter(r["mode"] for r in records)))
print("truncated:", sum(r["truncated"] for r in records), [r["id"] for r in records if r["truncated"]])
print("unusable:", sum(not r["usable"] for r in records), [r["id"] for r in records if not r["usable"]])
if errors:
    print(f"\nFAIL: {len(errors)} problem(s)")
    for x in errors:
        print("  " + x)
    sys.exit(1)
print("\nPASS: every line parses; expected code/tests/answers are valid Python; narrate answers"
      " reproduce the recorded return; candidate code passes its sanity call; tests hold against"
      " the reference solutions.")
