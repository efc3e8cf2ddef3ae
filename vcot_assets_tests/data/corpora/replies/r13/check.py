#!/usr/bin/env python3
"""Self-check of r13/replies.jsonl. Usage: python3 check.py [replies.jsonl]"""
import ast, json, re, sys, os, collections

PATH = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "replies.jsonl")
PROMPTS = "/work/corpus/tools/prompts"
TEMPLATES = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios",
             "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"]
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}
KINDS = {"value", "index", "comparison", "branch", "loop", "return"}

# sanity calls for candidate_code expected code: (expression, expected value)
SANITY = {
    "r13-candidate_code-01": [("run_length_encode('aaabccdd')", [("a", 3), ("b", 1), ("c", 2), ("d", 2)]), ("run_length_encode('')", [])],
    "r13-candidate_code-02": [("longest_equal_run([1, 1, 2, 2, 2, 3])", 3), ("longest_equal_run([])", 0), ("longest_equal_run([5])", 1)],
    "r13-candidate_code-03": [("RunSplitter([1, 2, -3, -4, 0, 0, 5]).split_by_sign()", [[1, 2], [-3, -4], [0, 0], [5]]), ("RunSplitter([]).split_by_sign()", [])],
    "r13-candidate_code-04": [("(lambda b: [b.add(5), b.add(1), b.add(5), b.add(9)])(SortedBag())", [0, 0, 1, 3])],
    "r13-candidate_code-05": [("top_k_words(['b', 'a', 'c', 'a', 'b'], 2)", ["a", "b"]), ("top_k_words([], 3)", [])],
}

errors = []
def err(rid, msg):
    errors.append("%s: %s" % (rid, msg))

def parse_expr(s):
    return ast.parse(s, mode="eval")

def check_sig_line(rid, exp):
    line = exp["line"]
    if exp["kind"] == "function":
        m = re.fullmatch(r"Function: (\w+)\((.*)\) -> (.+)", line)
        if not m: return err(rid, "bad function line %r" % line)
        if m.group(1) != exp["name"]: err(rid, "name mismatch")
        ast.parse("def %s(%s) -> %s: pass" % m.groups())
    else:
        parts = line.split("; ")
        m = re.fullmatch(r"Class: (\w+)", parts[0])
        if not m or m.group(1) != exp["name"]: return err(rid, "bad class head %r" % parts[0])
        if len(parts) < 3 or not parts[1].startswith("__init__(self"): err(rid, "class needs __init__ and a method")
        for p in parts[1:]:
            mm = re.fullmatch(r"(\w+)\((self.*)\) -> (.+)", p)
            if not mm: err(rid, "bad method %r" % p); continue
            ast.parse("def %s(%s) -> %s: pass" % mm.groups())

def _strings(o):
    if isinstance(o, str): yield o
    elif isinstance(o, dict):
        for v in o.values(): yield from _strings(v)
    elif isinstance(o, list):
        for v in o: yield from _strings(v)

def in_reply(reply, s):
    """True when s occurs in the raw reply or inside a string value of a JSON reply."""
    if s in reply: return True
    try:
        return any(s in v for v in _strings(json.loads(reply)))
    except Exception:
        return False

rows = []
with open(PATH) as f:
    for n, line in enumerate(f, 1):
        try:
            rows.append(json.loads(line))
        except Exception as e:
            errors.append("line %d: does not parse: %s" % (n, e))

ids = collections.Counter(r.get("id") for r in rows)
for i, c in ids.items():
    if c > 1: err(i, "duplicate id")

for r in rows:
    rid = r.get("id", "?")
    for k in ["id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"]:
        if k not in r: err(rid, "missing key " + k)
    t = r["template"]
    if t not in TEMPLATES: err(rid, "bad template"); continue
    if not rid.startswith("r13-%s-" % t): err(rid, "id/template mismatch")
    if r["family"] not in FAMILIES: err(rid, "bad family")
    if r["mode"] not in ("text", "json_object"): err(rid, "bad mode")
    if (r["finish_reason"] == "length") != r["truncated"]: err(rid, "finish_reason/truncated mismatch")
    exp = r["expected"]
    if exp.get("truncated") != r["truncated"] or exp.get("usable") != r["usable"]: err(rid, "expected flags differ from top level")
    if "{{" in r["prompt"]: err(rid, "unfilled slot in prompt")
    first = open(os.path.join(PROMPTS, t + ".txt")).read().splitlines()[0]
    if not r["prompt"].startswith(first): err(rid, "prompt does not start like its template")
    if r["mode"] == "json_object" and not r["truncated"]:
        try: json.loads(r["reply"])
        except Exception: err(rid, "json_object reply is not JSON")
    if r["reply"].startswith("<think>") and r["family"] != "deepseek-r1-distill": err(rid, "think block on non-reasoning family")
    if not r["usable"]:
        if any(k in exp for k in ("concepts", "instructions", "line", "code", "scenarios", "tests", "claims", "answer")):
            err(rid, "unusable reply has extracted content")
        continue
    reply = r["reply"]
    try:
        if t == "concepts":
            cs = exp["concepts"]; assert cs
            for c in cs:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c["difficulty"] in ("easy", "medium", "hard")
                assert isinstance(c["examples"], list) and c["examples"]
                if not in_reply(reply, c["name"]): err(rid, "concept name not in reply: " + c["name"])
                if c["keyphrase"] not in r["prompt"]: err(rid, "keyphrase not in prompt: " + c["keyphrase"])
        elif t == "instructions":
            for it in exp["instructions"]:
                assert it["kind"] in ("function", "class") and it["text"].strip()
                if not in_reply(reply, it["text"]): err(rid, "instruction text not in reply")
        elif t == "signature":
            assert exp["kind"] in ("function", "class")
            check_sig_line(rid, exp)
            if exp["name"] not in reply: err(rid, "name not in reply")
        elif t == "candidate_code":
            code = exp["code"]
            ast.parse(code)
            if not in_reply(reply, code): err(rid, "code not verbatim in reply")
            if "__main__" in code or "assert " in code: err(rid, "demo/tests left in code")
            ns = {}
            exec(code, ns)
            calls = SANITY.get(rid)
            if not calls: err(rid, "no sanity call")
            for expr, want in calls or []:
                got = eval(expr, ns)
                if got != want: err(rid, "sanity %s -> %r, want %r" % (expr, got, want))
        elif t == "test_scenarios":
            sc = exp["scenarios"]; assert sc and all(isinstance(s, str) and s for s in sc)
            for s in sc:
                if not in_reply(reply, s): err(rid, "scenario not in reply: " + s)
        elif t == "candidate_tests":
            for s in exp["tests"]:
                mod = ast.parse(s)
                assert len(mod.body) == 1 and isinstance(mod.body[0], ast.Assert), s
                cmp = mod.body[0].test
                assert isinstance(cmp, ast.Compare) and isinstance(cmp.ops[0], ast.Eq), s
                ast.literal_eval(cmp.comparators[0]) if not isinstance(cmp.comparators[0], ast.BinOp) else None
                if not in_reply(reply, s): err(rid, "test not verbatim in reply: " + s)
            assert isinstance(exp.get("unusable_tests", []), list)
        elif t == "extract_entities":
            for c in exp["claims"]:
                assert set(c) == {"kind", "name", "value"} and c["kind"] in KINDS
                assert isinstance(c["value"], str) and isinstance(c["name"], str)
        elif t == "narrate_forward":
            ans = exp["answer"]; parse_expr(ans)
            ns = {}; exec(r["code"], ns)
            if repr(eval(r["call"], ns)) != r["returned"]: err(rid, "call does not give returned")
            if eval(ans) != eval(r["returned"]): err(rid, "answer %r != returned %r" % (ans, r["returned"]))
        elif t == "narrate_backward":
            ans = exp["answer"]; parse_expr(ans)
            ns = {}; exec(r["code"], ns)
            if repr(eval(r["call"], ns)) != r["returned"]: err(rid, "call does not give returned")
            if eval(ans, ns) != eval(r["returned"]): err(rid, "answer call gives a different value")
    except Exception as e:
        err(rid, "exception %s: %s" % (type(e).__name__, e))
    if t.startswith("narrate") and r["usable"] and r["mode"] == "text" and exp.get("answer", "") not in reply:
        err(rid, "expected answer text not found in reply")
    if t.startswith("narrate") and not all(k in r for k in ("code", "call", "returned")):
        err(rid, "narrate row lacks code/call/returned")

def count(key):
    return dict(sorted(collections.Counter(r[key] for r in rows).items()))
print("rows:", len(rows))
print("per template:", count("template"))
print("per family:", count("family"))
print("per mode:", count("mode"))
print("truncated:", sum(r["truncated"] for r in rows), " unusable:", sum(not r["usable"] for r in rows))
fam_per_t = collections.defaultdict(set)
for r in rows: fam_per_t[r["template"]].add(r["family"])
for t in TEMPLATES:
    if len(fam_per_t[t]) < 5: err(t, "fewer than 5 families (%d)" % len(fam_per_t[t]))
print("families per template:", {t: len(fam_per_t[t]) for t in TEMPLATES})
if errors:
    print("FAIL: %d problems" % len(errors))
    for e in errors: print("  " + e)
    sys.exit(1)
print("PASS: all checks passed")
