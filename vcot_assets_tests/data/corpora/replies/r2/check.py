"""Self-check of r2/replies.jsonl against REPLIES_BRIEF.md. Independent of the pipeline under
evaluation: it only checks the corpus (schema, consistency of `expected` with the reply text,
Python validity, answers against real runs, candidate code against sanity calls).
Usage: python3 check.py > check_report.txt"""
import ast
import collections
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PATH = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "replies.jsonl")
PROMPTS = "/work/corpus/tools/prompts"
FAMILIES = ["mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill"]
TEMPLATES = ["candidate_code", "candidate_tests", "narrate_forward", "narrate_backward"]
REQ = ["id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected",
       "truncated", "usable", "notes"]
problems = []
info = []


def bad(rid, msg):
    problems.append(f"{rid}: {msg}")


def head(t):
    with open(os.path.join(PROMPTS, t + ".txt")) as fh:
        return fh.read().split("{{")[0]


def strings(obj):
    """all string leaves and all values of a decoded JSON document"""
    out = []
    if isinstance(obj, str):
        out.append(obj)
    elif isinstance(obj, dict):
        for v in obj.values():
            out.extend(strings(v))
    elif isinstance(obj, list):
        for v in obj:
            out.extend(strings(v))
    return out


def values(obj):
    out = [obj]
    if isinstance(obj, dict):
        for v in obj.values():
            out.extend(values(v))
    elif isinstance(obj, list):
        for v in obj:
            out.extend(values(v))
    return out


def jsonable(v):
    if isinstance(v, (tuple, list)):
        return [jsonable(x) for x in v]
    if isinstance(v, dict):
        return {str(k): jsonable(x) for k, x in v.items()}
    return v


def in_reply(text, r):
    """does `text` occur in the reply (raw, or inside a string of a JSON reply)?"""
    if text in r["reply"]:
        return True
    if r["mode"] == "json_object":
        try:
            doc = json.loads(r["reply"])
        except Exception:
            return False
        return any(text in s for s in strings(doc))
    return False


# sanity calls for candidate_code, by exercise number (id suffix)
SANITY = {
    1: [("is_min_heap([1, 3, 2, 7, 4])", True), ("is_min_heap([5, 3, 8])", False)],
    2: [("insertion_index([1, 2, 2, 3], 2)", 1), ("insertion_index([], 4)", 0)],
    3: [("top_candidate(['b', 'a', 'b', 'a'])", "a")],
    4: [("ScopeChain([{'x': 1}, {'x': 2}]).lookup('x')", 1), ("ScopeChain([{}, {'y': 3}]).lookup('y')", 3)],
    5: [("compress_runs('aaabcc')", [("a", 3), ("b", 1), ("c", 2)]), ("compress_runs('')", [])],
    6: [("fold_left([1, 2, 3], 'mul', 1)", 6), ("fold_left([], 'add', 7)", 7)],
    7: [("k_combinations([1, 2, 3], 2)", [(1, 2), (1, 3), (2, 3)]), ("k_combinations([1], 0)", [()])],
    8: [("MailMerge('$a-$$').fill({'a': 'x'})", "x-$")],
    9: [("Paragraph('the quick brown fox').lines(10)", ["the quick", "brown fox"]),
        ("Paragraph('').line_count(5)", 0)],
    10: [("dedent_lines(['    a', '      b', '   '])", ["a", "  b", ""])],
    11: [("reduce_fraction(3, -9)", (-1, 3)), ("reduce_fraction(0, 5)", (0, 1))],
    12: [("median_of([4, 1, 3, 2])", 2.5), ("median_of([3, 1, 2])", 2)],
    13: [("first_mode(['a', 'b', 'b', 'a'])", "a")],
    14: [("TreePrinter(2).render(('r', [('a', [('b', [])])]))", "r\n  a\n    b")],
    15: [("longest_common_block('abcdxyz', 'xyzabcd')", (0, 3, 4)), ("longest_common_block('', 'a')", (0, 0, 0))],
    16: [("PassFilter(0.5).filter([('a', 0.4), ('b', 0.5)])", ["b"])],
    17: [("ColumnPicker([2, 0]).pick((1, 2, 3))", (3, 1))],
    18: [("digits_to_int([0, 4, 2])", 42), ("digits_to_int([])", 0)],
    19: [("(lambda c: (c.put(1, 1), c.put(2, 2), c.get(1), c.put(3, 3), c.get(2), c.get(1))[-2:])(LRUCache(2))", (-1, 1))],
    20: [("choose(5, 2)", 10), ("choose(3, 5)", 0)],
    21: [("topo_order({'c': ['b'], 'b': ['a']})", ["a", "b", "c"])],
    22: [("escape_markup('<a href=\"x\">', True)", "&lt;a href=&quot;x&quot;&gt;")],
    23: [("hex_to_rgb('#ff0000')", (1.0, 0.0, 0.0))],
    24: [("wildcard_match('main.py', '*.py')", True), ("wildcard_match('main.pyc', '*.py')", False)],
    25: [("to_bytes_be(258, 2)", [1, 2])],
    26: [("parse_query('a=1&b=2&a=3')", {"a": ["1", "3"], "b": ["2"]})],
    27: [("squeeze_spaces('  a \\t b ')", "a b")],
    28: [("percentile([10, 20, 30, 40, 50], 25)", 20.0)],
    29: [("Headline({'of', 'the'}).format('the lord of the rings')", "The Lord of the Rings")],
    30: [("capitalize_parts('a--b', '-')", "A--B")],
}

recs = []
with open(PATH) as fh:
    for i, line in enumerate(fh, 1):
        try:
            recs.append(json.loads(line))
        except Exception as e:  # noqa
            bad(f"line {i}", f"does not parse: {e}")

for k, v in collections.Counter(r.get("id") for r in recs).items():
    if v > 1:
        bad(k, f"duplicate id x{v}")

sys.path.insert(0, HERE)
from sol import ev  # reference solutions, used to confirm the tests' expected literals  # noqa

test_total = test_ok = 0
for r in recs:
    rid = r.get("id", "?")
    miss = [k for k in REQ if k not in r]
    if miss:
        bad(rid, f"missing fields {miss}")
        continue
    t, e = r["template"], r["expected"]
    if t not in TEMPLATES:
        bad(rid, f"unexpected template {t}")
        continue
    if not rid.startswith(f"r2-{t}-"):
        bad(rid, "id does not match template")
    if r["family"] not in FAMILIES:
        bad(rid, "unknown family")
    if r["mode"] not in ("text", "json_object"):
        bad(rid, "bad mode")
    if (r["finish_reason"] == "length") != r["truncated"] or r["finish_reason"] not in ("stop", "length"):
        bad(rid, "finish_reason/truncated mismatch")
    if "{{" in r["prompt"] or not r["prompt"].startswith(head(t)) or f"Task: {t}" not in r["prompt"]:
        bad(rid, "prompt is not a rendering of its template")
    if r["mode"] == "json_object" and not r["truncated"] and r["usable"]:
        try:
            json.loads(r["reply"])
        except Exception:
            bad(rid, "complete json_object reply is not valid JSON")
    if r["truncated"] and r["reply"].rstrip().endswith(("```", "}", "]")):
        bad(rid, "truncated reply looks complete")
    n = int(rid.rsplit("-", 1)[1])

    if t == "candidate_code":
        if not r["usable"]:
            if e:
                bad(rid, "unusable reply must have empty expected")
            continue
        code = e.get("code")
        if not isinstance(code, str) or not code.strip():
            bad(rid, "expected.code missing")
            continue
        try:
            ast.parse(code)
        except SyntaxError as ex:
            bad(rid, f"expected.code does not parse: {ex}")
            continue
        if not in_reply(code, r):
            bad(rid, "expected.code not found verbatim in reply")
        if "print(" in code or "__main__" in code or "assert " in code:
            bad(rid, "expected.code contains demo/test code")
        ns = {}
        try:
            exec(code, ns)
            for call, want in SANITY[n]:
                got = eval(call, ns)
                if got != want:
                    bad(rid, f"sanity {call} -> {got!r}, want {want!r}")
        except Exception as ex:  # noqa
            bad(rid, f"sanity run failed: {ex!r}")
        sig = r["prompt"].split("### Signature\n")[1].split("\n")[0]
        name = sig.split(": ", 1)[1].split("(")[0].split(";")[0].strip()
        if name not in code:
            bad(rid, f"signature name {name} not in code")

    elif t == "candidate_tests":
        tests, unus = e.get("tests"), e.get("unusable_tests")
        if not isinstance(tests, list) or not isinstance(unus, list):
            bad(rid, "expected.tests / unusable_tests not lists")
            continue
        if not r["usable"]:
            if tests or unus:
                bad(rid, "unusable reply must have empty lists")
            continue
        if not tests:
            bad(rid, "usable reply without tests")
        for s in tests:
            try:
                mod = ast.parse(s)
            except SyntaxError as ex:
                bad(rid, f"test does not parse: {s[:60]!r} {ex}")
                continue
            st = mod.body
            if len(st) != 1 or not isinstance(st[0], ast.Assert) or not isinstance(st[0].test, ast.Compare) \
                    or not isinstance(st[0].test.ops[0], ast.Eq) or not isinstance(st[0].test.left, ast.Call):
                bad(rid, f"not a single `assert <call> == <expected>`: {s[:60]!r}")
                continue
            try:
                ast.literal_eval(st[0].test.comparators[0])
            except Exception:
                bad(rid, f"expected side is not a literal: {s[:60]!r}")
            if not in_reply(s, r):
                bad(rid, f"test not found verbatim in reply: {s[:60]!r}")
            # confirm against the hand-written reference solution
            test_total += 1
            try:
                left = ast.unparse(st[0].test.left)
                if ev(n, left) == ast.literal_eval(st[0].test.comparators[0]):
                    test_ok += 1
                else:
                    info.append(f"{rid}: reference disagrees with {s[:70]!r}")
            except Exception as ex:  # noqa
                info.append(f"{rid}: reference raised on {s[:70]!r}: {ex!r}")
        for u in unus:
            if set(u) != {"name", "reason"} or not in_reply(u["name"], r):
                bad(rid, f"bad unusable_tests entry {u}")
        count = int(r["prompt"].split("- Write ")[1].split(" tests")[0])
        if not r["truncated"] and len(tests) + len(unus) != count:
            info.append(f"{rid}: {len(tests)} + {len(unus)} tests for count {count}")
        if r["truncated"] and len(tests) >= count:
            bad(rid, "truncated reply should have fewer complete tests than count")

    else:  # narrate_*
        for k in ("code", "call", "returned"):
            if k not in r:
                bad(rid, f"missing {k}")
        ns = {}
        exec(r["code"], ns)
        if repr(eval(r["call"], ns)) != r["returned"]:
            bad(rid, "call does not return `returned`")
        if f"```python\n{r['code']}\n```" not in r["prompt"]:
            bad(rid, "program not in prompt")
        if not r["usable"]:
            if e:
                bad(rid, "unusable reply must have empty expected")
            continue
        ans = e.get("answer")
        if not isinstance(ans, str):
            bad(rid, "expected.answer missing")
            continue
        try:
            ast.parse(ans, mode="eval")
        except SyntaxError as ex:
            bad(rid, f"answer does not parse: {ex}")
            continue
        if t == "narrate_forward":
            if f"### Call\n{r['call']}\n" not in r["prompt"]:
                bad(rid, "call not in prompt")
            val = ast.literal_eval(ans)
            if repr(val) != r["returned"] or val != eval(r["returned"]):
                bad(rid, f"answer {ans} != returned {r['returned']}")
        else:
            if f"### Output\n{r['returned']}\n" not in r["prompt"]:
                bad(rid, "output not in prompt")
            fn = r["call"].split("(")[0]
            if not ans.startswith(fn + "("):
                bad(rid, f"answer does not call {fn}")
            got = eval(ans, dict(ns))
            if repr(got) != r["returned"]:
                bad(rid, f"{ans} returns {got!r}, not {r['returned']}")
        found = in_reply(ans, r) or in_reply(ans.replace("_", "\\_"), r)
        if not found and r["mode"] == "json_object":
            doc = json.loads(r["reply"])
            want = jsonable(ast.literal_eval(ans)) if t == "narrate_forward" else None
            found = any(v == want for v in values(doc))
        if not found:
            bad(rid, "answer not found in reply")

# counts
print(f"records: {len(recs)}")
hdr = ["template", *[f.split('-')[0] for f in FAMILIES], "text", "json_object", "truncated", "unusable", "total"]
print(" | ".join(hdr))
tot = collections.Counter()
for t in TEMPLATES:
    rs = [r for r in recs if r.get("template") == t]
    c = collections.Counter(r["family"] for r in rs)
    m = collections.Counter(r["mode"] for r in rs)
    row = [c[f] for f in FAMILIES] + [m["text"], m["json_object"], sum(r["truncated"] for r in rs),
                                      sum(not r["usable"] for r in rs), len(rs)]
    for k, v in zip(hdr[1:], row):
        tot[k] += v
    print(" | ".join([t] + [str(x) for x in row]))
print(" | ".join(["total"] + [str(tot[k]) for k in hdr[1:]]))
for t in TEMPLATES:
    for f in FAMILIES:
        k = sum(1 for r in recs if r["template"] == t and r["family"] == f)
        if k != 6:
            bad(t, f"{k} replies for {f}, want 6")
    k = sum(1 for r in recs if r["template"] == t)
    if k != 30:
        bad(t, f"{k} replies, want 30")
print(f"candidate_tests: {test_ok}/{test_total} expected tests confirmed by the reference solutions")
for x in info:
    print("info:", x)
for p in problems:
    print("PROBLEM:", p)
print(f"FINAL: {len(recs)} records checked, {len(problems)} problems -- {'OK' if not problems else 'FAIL'}")
