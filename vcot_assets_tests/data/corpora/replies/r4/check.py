#!/usr/bin/env python3
"""Self-check of r4/replies.jsonl (independent of the tool under evaluation).

Usage: python3 check.py [replies.jsonl]  -> prints a report, exit 1 on any failure.
"""
import ast, json, re, sys, collections, os

PATH = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "replies.jsonl")
PROMPTS = "/work/corpus/tools/prompts"
TEMPLATES = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios",
             "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"]
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill", "smollm2-135m"}
CLAIM_KINDS = {"value", "index", "comparison", "branch", "loop", "return"}

# reference implementations for checking that candidate tests are right about the spec
REFS = {
 "RLE": '''
def run_length_encode(s):
    out = []
    for ch in s:
        if out and out[-1][0] == ch: out[-1] = (ch, out[-1][1] + 1)
        else: out.append((ch, 1))
    return out
''',
 "PMAX": '''
def prefix_max(xs):
    out = []
    for x in xs: out.append(x if not out else max(out[-1], x))
    return out
''',
 "TOPK": '''
class TopK:
    def __init__(self, k): self.k, self.xs = k, []
    def push(self, x):
        self.xs.append(x); return sorted(self.xs, reverse=True)[:self.k]
''',
 "MEDIAN": '''
def median_of(values):
    v = sorted(values); n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2
''',
 "TABS": '''
def expand_tabs(line, tabsize):
    return line.expandtabs(tabsize)
''',
 "SQUEEZE": '''
def squeeze(s, ch):
    out = ''
    for c in s:
        if not (c == ch and out.endswith(ch)): out += c
    return out
''',
}

failures, infos = [], []
def fail(eid, msg): failures.append(f"FAIL {eid}: {msg}")
def info(eid, msg): infos.append(f"info {eid}: {msg}")

def norm(s):
    s = s.replace("**", "")
    return re.sub(r"\s+", " ", s).strip()

def haystack(reply):
    parts = [reply]
    try:
        obj = json.loads(reply)
        def walk(o):
            if isinstance(o, str): parts.append(o)
            elif isinstance(o, dict): [walk(v) for v in o.values()]; [parts.append(k) for k in o]
            elif isinstance(o, list): [walk(v) for v in o]
            else: parts.append(json.dumps(o))
        walk(obj)
    except Exception:
        pass
    return norm("\n".join(parts))

def template_skeleton_ok(template, prompt):
    txt = open(os.path.join(PROMPTS, template + ".txt")).read()
    pieces = re.split(r"\{\{\w+\}\}", txt)
    pos = 0
    for p in pieces:
        i = prompt.find(p, pos)
        if i < 0: return False
        pos = i + len(p)
    return "{{" not in prompt

def parses(src, mode="exec"):
    try:
        ast.parse(src, mode=mode); return True
    except SyntaxError:
        return False

rows = []
with open(PATH) as f:
    for n, line in enumerate(f, 1):
        try:
            rows.append(json.loads(line))
        except Exception as ex:
            fail(f"line{n}", f"does not parse: {ex}")

ids = collections.Counter(r.get("id") for r in rows)
for i, c in ids.items():
    if c > 1: fail(i, "duplicate id")

for r in rows:
    eid = r.get("id", "?")
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: fail(eid, f"missing field {k}")
    t = r.get("template")
    if t not in TEMPLATES: fail(eid, f"bad template {t}"); continue
    if not re.fullmatch(rf"r4-{t}-\d\d", eid): fail(eid, "id format")
    if r["family"] not in FAMILIES: fail(eid, f"bad family {r['family']}")
    if r["mode"] not in ("text", "json_object"): fail(eid, "bad mode")
    if r["finish_reason"] != ("length" if r["truncated"] else "stop"): fail(eid, "finish_reason inconsistent with truncated")
    if not template_skeleton_ok(t, r["prompt"]): fail(eid, "prompt does not match its template skeleton or has unfilled slots")
    if r["mode"] == "json_object" and not r["truncated"]:
        try: json.loads(r["reply"])
        except Exception: fail(eid, "json_object reply is not bare JSON")
    if r["family"] == "deepseek-r1-distill" and not r["reply"].lstrip().startswith("<think>"):
        fail(eid, "deepseek reply does not open with <think>")
    e = r["expected"]
    if not r["usable"]:
        if any(v for v in e.values()): fail(eid, "unusable but expected is not empty")
        continue
    hay = haystack(r["reply"])
    if t == "concepts":
        cs = e.get("concepts")
        if not cs: fail(eid, "no concepts")
        for c in cs or []:
            if set(c) != {"name", "keyphrase", "description", "examples", "difficulty"}: fail(eid, f"concept keys {sorted(c)}")
            if c["difficulty"] not in ("easy", "medium", "hard"): fail(eid, "difficulty")
            if len(c["examples"]) != 2: fail(eid, "examples count")
            for k in ("name", "keyphrase", "description"):
                if norm(c[k]) not in hay: fail(eid, f"concept {k} not found in reply: {c[k][:40]}")
            if c["keyphrase"] not in r["prompt"]: fail(eid, f"keyphrase not in prompt: {c['keyphrase']}")
    elif t == "instructions":
        ins = e.get("instructions")
        if not ins: fail(eid, "no instructions")
        for it in ins or []:
            if it.get("kind") not in ("function", "class"): fail(eid, "instruction kind")
            if norm(it["text"]) not in hay: fail(eid, f"instruction text not in reply: {it['text'][:40]}")
            if re.match(r"^\s*(\d+\.|\[)", it["text"]): fail(eid, "instruction text keeps numbering or tag")
    elif t == "signature":
        kind, name, line = e.get("kind"), e.get("name"), e.get("line", "")
        if kind == "function":
            m = re.fullmatch(r"Function: (\w+)\((.*)\) -> (.+)", line)
            if not m or m.group(1) != name: fail(eid, "function line form")
            elif not parses(f"def {m.group(1)}({m.group(2)}) -> {m.group(3)}: pass"): fail(eid, "function line is not valid Python")
        elif kind == "class":
            parts = line.split("; ")
            if parts[0] != f"Class: {name}" or len(parts) < 3 or not parts[1].startswith("__init__(self"): fail(eid, "class line form")
            for p in parts[1:]:
                if not parses(f"def {p}: pass"): fail(eid, f"class method not valid Python: {p}")
        else:
            fail(eid, "signature kind")
        if name not in hay: fail(eid, "signature name not in reply")
    elif t == "candidate_code":
        code = e.get("code", "")
        if not parses(code): fail(eid, "code does not parse")
        if "__main__" in code or "assert " in code or "print(" in code: fail(eid, "code keeps demo/test material")
        if norm(code) not in hay: fail(eid, "code not found verbatim in reply")
        ns = {}
        try:
            exec(code, ns)
        except Exception as ex:
            fail(eid, f"code raises on exec: {ex}"); continue
        san = r.get("sanity") or []
        if not san: fail(eid, "no sanity calls")
        for s in san:
            try:
                ok = eval(s, ns)
            except Exception as ex:
                ok = False
            if ok is not True: fail(eid, f"sanity call failed: {s}")
    elif t == "test_scenarios":
        sc = e.get("scenarios")
        if not sc: fail(eid, "no scenarios")
        for s in sc or []:
            if norm(s) not in hay: fail(eid, f"scenario not in reply: {s[:40]}")
    elif t == "candidate_tests":
        ts = e.get("tests")
        if not ts: fail(eid, "no tests")
        ref = REFS.get(r.get("ref"))
        for a in ts or []:
            try:
                tree = ast.parse(a)
            except SyntaxError:
                fail(eid, f"test does not parse: {a}"); continue
            st = tree.body
            if len(st) != 1 or not isinstance(st[0], ast.Assert) or not isinstance(st[0].test, ast.Compare) or not isinstance(st[0].test.ops[0], ast.Eq):
                fail(eid, f"not a single assert ==: {a}")
            if norm(a) not in hay: fail(eid, f"assert not verbatim in reply: {a}")
            if ref:
                ns = {}; exec(ref, ns)
                try:
                    exec(a, ns)
                except AssertionError:
                    info(eid, f"test disagrees with the reference implementation: {a}")
                except Exception as ex:
                    info(eid, f"test errors against reference: {a}: {ex}")
        for u in e.get("unusable_tests", []):
            if not u.get("reason"): fail(eid, "unusable test without reason")
            if u.get("name") and u["name"] not in r["reply"]: fail(eid, f"unusable test name not in reply: {u['name']}")
    elif t == "extract_entities":
        cl = e.get("claims")
        if not cl: fail(eid, "no claims")
        sentence = r["prompt"].split("### Sentence\n", 1)[1].split("\n\n###", 1)[0]
        for c in cl or []:
            if set(c) != {"kind", "name", "value"}: fail(eid, "claim keys")
            if c["kind"] not in CLAIM_KINDS: fail(eid, f"claim kind {c['kind']}")
            if not all(isinstance(c[k], str) for k in c): fail(eid, "claim fields must be strings")
            if c["name"] not in r["reply"]: fail(eid, f"claim name not in reply: {c['name']}")
            if c["value"].lower() not in sentence.lower() and c["value"] not in ("True", "False", "None"): info(eid, f"claim value not literally in sentence: {c['value']}")
    elif t in ("narrate_forward", "narrate_backward"):
        code, call, returned = r.get("code"), r.get("call"), r.get("returned")
        if not (code and call and returned): fail(eid, "code/call/returned missing"); continue
        ns = {}; exec(code, ns)
        actual = eval(call, ns)
        if repr(actual) != returned: fail(eid, f"returned {returned} but call gives {actual!r}")
        ans = e.get("answer", "")
        if not parses(ans, "eval"): fail(eid, f"answer does not parse: {ans}"); continue
        if t == "narrate_forward":
            if eval(ans, {}) != eval(returned, {}) or repr(eval(ans, {})) != returned:
                fail(eid, f"answer {ans} does not evaluate to {returned}")
            if call not in r["prompt"]: fail(eid, "call not in prompt")
        else:
            ns2 = {}; exec(code, ns2)
            got = eval(ans, ns2)
            if repr(got) != returned: fail(eid, f"answer call gives {got!r}, not {returned}")
            if not ans.startswith(call.split("(")[0] + "("): fail(eid, "answer is not a call of the function")
        if norm(ans) not in hay and norm(ans.replace('"', "'")) not in hay: fail(eid, "answer not found in reply")
        if code not in r["prompt"]: fail(eid, "code not in prompt")

# summary
by = lambda k: collections.Counter(r.get(k) for r in rows)
out = [f"file: {PATH}", f"replies: {len(rows)}", "",
       "per template: " + json.dumps(dict(sorted(by('template').items()))),
       "per family: " + json.dumps(dict(sorted(by('family').items()))),
       "per mode: " + json.dumps(dict(sorted(by('mode').items()))),
       f"truncated: {sum(1 for r in rows if r.get('truncated'))}",
       f"unusable: {sum(1 for r in rows if not r.get('usable'))}"]
fam_per_t = collections.defaultdict(set)
for r in rows: fam_per_t[r.get("template")].add(r.get("family"))
for t in TEMPLATES:
    n = sum(1 for r in rows if r.get("template") == t)
    out.append(f"  {t}: {n} replies, {len(fam_per_t[t])} families")
    if n != 6: failures.append(f"FAIL {t}: {n} replies, want 6")
    if len(fam_per_t[t]) < 5: failures.append(f"FAIL {t}: only {len(fam_per_t[t])} families")
out.append("")
out += infos
out += failures
out.append("")
out.append("RESULT: " + ("PASS" if not failures else f"FAIL ({len(failures)} problems)"))
print("\n".join(out))
sys.exit(1 if failures else 0)
