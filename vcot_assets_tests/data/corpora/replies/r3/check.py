#!/usr/bin/env python3
"""Self-check for /work/corpus/replies/r3/replies.jsonl. Independent of the tool under evaluation.
Usage: python3 check.py [replies.jsonl] > check_report.txt"""
import ast, collections, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
PATH = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "replies.jsonl")
PROMPTS = "/work/corpus/tools/prompts"
TEMPLATES = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios",
             "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"]
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini",
            "deepseek-r1-distill", "smollm2-135m"}
KEYS = {"id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected",
        "truncated", "usable", "notes"}

# sanity calls for candidate_code expected.code (call expression, expected value)
SANITY = {
    "r3-candidate_code-01": [("low_median([5, 1, 3, 7])", 3), ("low_median([])", None), ("low_median([4])", 4)],
    "r3-candidate_code-02": [("wrap_words('the quick brown fox jumps', 10)", ["the quick", "brown fox", "jumps"]),
                             ("wrap_words('a extraordinarily b', 5)", ["a", "extraordinarily", "b"])],
    "r3-candidate_code-03": [("letter_grade([60, 70, 80, 90], 'FDCBA', 85)", "B"),
                             ("letter_grade([60, 70, 80, 90], 'FDCBA', 70)", "C"),
                             ("letter_grade([60, 70, 80, 90], 'FDCBA', 59)", "F")],
    "r3-candidate_code-04": [("TallyBoard([3, 1, 3, 2, 1, 5]).top(2)", [1, 3]), ("TallyBoard([]).top(3)", [])],
    "r3-candidate_code-05": [("(lambda m: [m.add(1), m.add(3), m.add(2), m.add(0)])(RunningLowMedian())", [1, 1, 2, 1])],
    "r3-candidate_code-06": [("run_length_encode('aaabcc')", [("a", 3), ("b", 1), ("c", 2)]),
                             ("run_length_encode('')", [])],
}
# reference implementations: used to report (not fail) whether extracted tests are true
REF = """
from bisect import bisect_right
from itertools import groupby
from collections import Counter
def letter_grade(c, l, s): return l[bisect_right(c, s)]
def run_length_encode(s): return [(k, len(list(g))) for k, g in groupby(s)]
def longest_run(n): return max((len(list(g)) for _, g in groupby(n)), default=0)
def low_median(v): return sorted(v)[(len(v) - 1) // 2] if v else None
def continued_fraction(n, d):
    out = []
    while d:
        a = n // d; out.append(a); n, d = d, n - a * d
    return out
class TallyBoard:
    def __init__(self, v): self.c = Counter(v)
    def top(self, n): return [k for k, _ in sorted(self.c.items(), key=lambda i: (-i[1], i[0]))[:n]]
"""

SIG_RE = re.compile(r"^(Function: [A-Za-z_]\w*\(.*\) -> .+|Class: [A-Za-z_]\w*; __init__\(self.*\) -> None(; [A-Za-z_]\w*\(self.*\) -> [^;]+)+)$")

errors, warnings = [], []
def err(rid, msg): errors.append(f"{rid}: {msg}")
def warn(rid, msg): warnings.append(f"{rid}: {msg}")

def template_regex(name):
    text = open(os.path.join(PROMPTS, name + ".txt")).read()
    parts = re.split(r"\{\{\w+\}\}", text)
    return re.compile("(?s)" + "(.+?)".join(re.escape(p) for p in parts))

TRX = {t: template_regex(t) for t in TEMPLATES}

def parses(src, mode="exec"):
    try:
        ast.parse(src, mode=mode)
        return True
    except SyntaxError:
        return False

def demd(s):
    return s.replace("**", "").replace("`", "")

def reply_payload(rec):
    """Text in which expected strings should be found verbatim."""
    if rec["mode"] == "json_object":
        try:
            return json.dumps(json.loads(rec["reply"]), ensure_ascii=False) + "\n" + json.loads(json.dumps(rec["reply"]))
        except Exception:
            return rec["reply"]
    return rec["reply"]

def json_strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from json_strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from json_strings(v)

def check(rec, ids):
    rid = rec.get("id", "?")
    missing = KEYS - rec.keys()
    if missing:
        err(rid, f"missing keys {sorted(missing)}"); return
    t = rec["template"]
    if t not in TEMPLATES: err(rid, f"bad template {t}"); return
    if not re.fullmatch(rf"r3-{re.escape(t)}-\d\d", rid): err(rid, "id format")
    if rid in ids: err(rid, "duplicate id")
    ids.add(rid)
    if rec["family"] not in FAMILIES: err(rid, f"bad family {rec['family']}")
    if rec["mode"] not in ("text", "json_object"): err(rid, "bad mode")
    if rec["finish_reason"] != ("length" if rec["truncated"] else "stop"): err(rid, "finish_reason/truncated mismatch")
    if not isinstance(rec["usable"], bool) or not isinstance(rec["truncated"], bool): err(rid, "flags not bool")
    if "{{" in rec["prompt"]: err(rid, "unfilled slot in prompt")
    if not TRX[t].fullmatch(rec["prompt"]): err(rid, "prompt does not match its template")
    if rec["mode"] == "json_object":
        try:
            json.loads(rec["reply"])
        except Exception as e:
            err(rid, f"json_object reply is not JSON: {e}")
    e = rec["expected"]
    if not isinstance(e, dict): err(rid, "expected not a dict"); return
    usable = rec["usable"]
    reply = rec["reply"]
    jstr = []
    if rec["mode"] == "json_object":
        try: jstr = list(json_strings(json.loads(reply)))
        except Exception: pass
    def found(s):
        return s in reply or any(s in x for x in jstr) or demd(s) in demd(reply)

    if t == "concepts":
        cs = e.get("concepts")
        if not isinstance(cs, list): err(rid, "concepts not a list"); return
        if usable and not cs: err(rid, "usable but no concepts")
        for c in cs:
            if set(c) != {"name", "keyphrase", "description", "examples", "difficulty"}: err(rid, f"concept keys {sorted(c)}")
            if c.get("difficulty") not in ("easy", "medium", "hard"): err(rid, "bad difficulty")
            if not (isinstance(c.get("examples"), list) and all(isinstance(x, str) for x in c["examples"])): err(rid, "examples")
            if c.get("keyphrase", "").lower() not in rec["prompt"].lower(): err(rid, f"keyphrase not in prompt: {c.get('keyphrase')}")
            for k in ("name", "description"):
                if not found(c[k]): err(rid, f"{k} not found in reply: {c[k][:40]}")
    elif t == "instructions":
        items = e.get("instructions")
        if not isinstance(items, list): err(rid, "instructions not a list"); return
        if usable and not items: err(rid, "usable but empty")
        for it in items:
            if it.get("kind") not in ("function", "class"): err(rid, "bad kind")
            if not found(it.get("text", "")): err(rid, f"statement not in reply: {it.get('text','')[:40]}")
            if re.match(r"^\s*(\d+[.)]|\[)", it.get("text", "")): err(rid, "statement keeps numbering/tag")
    elif t == "signature":
        if usable:
            line = e.get("line", "")
            if not SIG_RE.match(line): err(rid, f"signature line not canonical: {line}")
            if e.get("kind") not in ("function", "class"): err(rid, "bad kind")
            if not line.startswith("Function:" if e.get("kind") == "function" else "Class:"): err(rid, "kind/line mismatch")
            if not re.match(rf"^(Function|Class): {re.escape(e.get('name', '#'))}\b", line): err(rid, "name not in line")
            stub = re.sub(r"^Function: ", "def ", line) + ": ..." if line.startswith("Function:") else None
            if stub and not parses(stub): err(rid, f"signature does not parse as a def: {stub}")
            if line.startswith("Class:"):
                for m in line.split("; ")[1:]:
                    if not parses("def " + m + ": ..."): err(rid, f"method does not parse: {m}")
    elif t == "candidate_code":
        code = e.get("code")
        if usable:
            if not isinstance(code, str) or not parses(code): err(rid, "code does not parse"); return
            if code not in reply and code not in jstr: err(rid, "code not verbatim in reply")
            if "__main__" in code or "print(" in code: err(rid, "code keeps demo")
            ns = {}
            try:
                exec(code, ns)
                calls = SANITY.get(rid)
                if not calls: err(rid, "no sanity call defined")
                for call, want in calls or []:
                    got = eval(call, ns)
                    if got != want: err(rid, f"sanity {call} -> {got!r}, want {want!r}")
            except Exception as ex:
                err(rid, f"code raised {ex!r}")
    elif t == "test_scenarios":
        sc = e.get("scenarios")
        if not isinstance(sc, list): err(rid, "scenarios not a list"); return
        if usable and not sc: err(rid, "usable but empty")
        for s in sc:
            if not isinstance(s, str) or not found(s): err(rid, f"scenario not in reply: {s!r:.50}")
    elif t == "candidate_tests":
        tests = e.get("tests")
        if not isinstance(tests, list) or not isinstance(e.get("unusable_tests", []), list): err(rid, "tests shape"); return
        if usable and not tests: err(rid, "usable but no tests")
        ns = {}
        exec(REF, ns)
        for a in tests:
            if not a.startswith("assert ") or not parses(a): err(rid, f"not an assert statement: {a}"); continue
            node = ast.parse(a).body[0]
            if not isinstance(node, ast.Assert) or not isinstance(node.test, ast.Compare) or not isinstance(node.test.ops[0], ast.Eq):
                err(rid, f"not 'assert x == y': {a}")
            if not found(a): err(rid, f"test not verbatim in reply: {a}")
            try:
                exec(a, dict(ns))
            except AssertionError:
                warn(rid, f"test is false against the reference (kept: the reply says so): {a}")
            except Exception as ex:
                warn(rid, f"test errors against the reference: {a}: {ex!r}")
    elif t == "extract_entities":
        cl = e.get("claims")
        if not isinstance(cl, list): err(rid, "claims not a list"); return
        if usable and not cl: err(rid, "usable but empty")
        for c in cl:
            if set(c) != {"kind", "name", "value"}: err(rid, f"claim keys {sorted(c)}")
            if c.get("kind") not in ("value", "index", "comparison", "branch", "loop", "return"): err(rid, "bad claim kind")
            if not all(isinstance(c.get(k), str) for k in ("kind", "name", "value")): err(rid, "claim field not a string")
    elif t in ("narrate_forward", "narrate_backward"):
        for k in ("code", "call", "returned"):
            if not isinstance(rec.get(k), str): err(rid, f"missing {k}"); return
        ns = {}
        exec(rec["code"], ns)
        real = repr(eval(rec["call"], ns))
        if real != rec["returned"]: err(rid, f"call returns {real}, record says {rec['returned']}")
        if rec["code"].rstrip("\n") not in rec["prompt"]: err(rid, "code not in prompt")
        ans = e.get("answer")
        if not usable:
            if ans is not None: err(rid, "unusable but has an answer")
            return
        if not isinstance(ans, str) or not parses(ans, "eval"): err(rid, f"answer does not parse: {ans!r}"); return
        if t == "narrate_forward":
            val = eval(ans, {})
            if repr(val) != rec["returned"] and val != eval(rec["returned"], {}): err(rid, f"answer {ans} != returned {rec['returned']}")
            if rec["call"] not in rec["prompt"]: err(rid, "call not in prompt")
        else:
            ns2 = {}
            exec(rec["code"], ns2)
            got = repr(eval(ans, ns2))
            if got != rec["returned"]: err(rid, f"answer call returns {got}, want {rec['returned']}")
            fname = rec["call"].split("(")[0]
            if not ans.startswith(fname + "("): err(rid, "answer is not a call of the function")
            if f"Answer: <a full call such as {fname}(...)" not in rec["prompt"]: err(rid, "function slot")

def main():
    recs = []
    with open(PATH) as f:
        for n, line in enumerate(f, 1):
            if not line.strip(): continue
            try:
                recs.append(json.loads(line))
            except Exception as ex:
                err(f"line {n}", f"does not parse: {ex}")
    ids = set()
    for r in recs:
        try:
            check(r, ids)
        except Exception as ex:
            err(r.get("id", "?"), f"checker crashed: {ex!r}")
    by_t = collections.Counter(r["template"] for r in recs)
    print(f"file: {PATH}")
    print(f"records: {len(recs)}")
    print("per template:", dict(sorted(by_t.items())))
    print("per family:", dict(sorted(collections.Counter(r["family"] for r in recs).items())))
    print("per mode:", dict(sorted(collections.Counter(r["mode"] for r in recs).items())))
    print("truncated:", sum(r["truncated"] for r in recs), " unusable:", sum(not r["usable"] for r in recs))
    for t in TEMPLATES:
        fams = {r["family"] for r in recs if r["template"] == t}
        print(f"  {t}: {by_t.get(t, 0)} replies, {len(fams)} families")
        if by_t.get(t, 0) and len(fams) < 5: warn(t, "fewer than 5 families")
    for w in warnings: print("WARN", w)
    for e_ in errors: print("ERROR", e_)
    print("RESULT:", "PASS" if not errors else f"FAIL ({len(errors)} errors)")
    return 1 if errors else 0

if __name__ == "__main__":
    sys.exit(main())
