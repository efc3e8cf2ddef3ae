"""Self-check of r1/replies.jsonl.  Independent of the pipeline: it only checks the corpus
against the brief (schema, consistency of `expected` with the reply text, Python validity).
Usage: python3 check.py > check_report.txt"""
import ast
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PATH = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "replies.jsonl")
PROMPTS = "/work/corpus/tools/prompts"
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini", "deepseek-r1-distill",
            "smollm2-135m"}
KINDS = {"value", "index", "comparison", "branch", "loop", "return"}
problems = []


def bad(rid, msg):
    problems.append(f"{rid}: {msg}")


def norm(s):
    """whitespace-collapsed text without markdown emphasis, for 'appears in reply' checks"""
    s = s.replace("**", "")
    return re.sub(r"\s+", " ", s).strip()


def appears(text, reply):
    r = norm(reply)
    cands = {text, json.dumps(text, ensure_ascii=False)[1:-1], json.dumps(text)[1:-1],
             text.replace("\\", "\\\\").replace("'", "\\'")}
    return any(norm(c) in r for c in cands)


def template_head(t):
    with open(os.path.join(PROMPTS, t + ".txt")) as fh:
        return fh.read().split("{{")[0]


def sig_to_python(line):
    """'Function: f(a: int) -> int' / 'Class: C; __init__(self, ...) -> None; m(self) -> T' -> python source"""
    if line.startswith("Function: "):
        return "def " + line[len("Function: "):] + ": pass\n"
    if line.startswith("Class: "):
        parts = [p.strip() for p in line[len("Class: "):].split(";")]
        name, methods = parts[0], parts[1:]
        if not methods or not methods[0].startswith("__init__("):
            raise ValueError("class line must list __init__ first")
        body = "".join(f"    def {m}: pass\n" for m in methods)
        return f"class {name}:\n{body}"
    raise ValueError("unknown signature form")


recs = []
with open(PATH) as fh:
    for i, line in enumerate(fh, 1):
        try:
            recs.append(json.loads(line))
        except Exception as e:  # noqa
            bad(f"line {i}", f"does not parse: {e}")

ids = collections.Counter(r.get("id") for r in recs)
for k, v in ids.items():
    if v > 1:
        bad(k, f"duplicate id x{v}")

REQ = ["id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"]
for r in recs:
    rid = r.get("id", "?")
    for k in REQ:
        if k not in r:
            bad(rid, f"missing field {k}")
    t, reply, e = r["template"], r["reply"], r["expected"]
    if r["family"] not in FAMILIES:
        bad(rid, "unknown family")
    if r["mode"] not in ("text", "json_object"):
        bad(rid, "bad mode")
    if not rid.startswith(f"r1-{t}-"):
        bad(rid, "id does not match template")
    if (r["finish_reason"] == "length") != r["truncated"]:
        bad(rid, "finish_reason/truncated mismatch")
    if "{{" in r["prompt"] or not r["prompt"].startswith(template_head(t)):
        bad(rid, "prompt not a rendering of the template")
    if f"Task: {t}" not in r["prompt"]:
        bad(rid, "prompt lacks its Task line")
    if r["mode"] == "json_object" and r["usable"] and not r["truncated"]:
        try:
            json.loads(reply)
        except Exception:
            bad(rid, "complete json_object reply is not valid JSON")
    if r["truncated"] and r["mode"] == "text" and reply.rstrip().endswith(("```", "}", "]")) and t != "signature":
        bad(rid, "truncated reply looks complete")

    if t == "concepts":
        cs = e.get("concepts")
        if not isinstance(cs, list):
            bad(rid, "expected.concepts not a list"); continue
        kp_block = r["prompt"].split("### Keyphrases (most relevant first)")[1].split("###")[0]
        kps = {l[2:].strip() for l in kp_block.strip().splitlines()}
        maxc = int(re.search(r"Keep at most (\d+) concepts", r["prompt"]).group(1))
        if len(cs) > maxc:
            bad(rid, "more concepts than max_concepts")
        for c in cs:
            if set(c) != {"name", "keyphrase", "description", "examples", "difficulty"}:
                bad(rid, f"concept keys {sorted(c)}")
            if c["difficulty"] not in ("easy", "medium", "hard"):
                bad(rid, f"difficulty {c['difficulty']}")
            if not isinstance(c["examples"], list) or not c["examples"]:
                bad(rid, "examples not a non-empty list")
            if c["keyphrase"] not in kps:
                bad(rid, f"keyphrase {c['keyphrase']!r} not among the prompt's keyphrases")
            for f in ("name", "description", "keyphrase"):
                if not appears(c[f], reply):
                    bad(rid, f"concept {f} {c[f][:40]!r} not found in reply")
            for x in c["examples"]:
                if not appears(x, reply):
                    bad(rid, f"example {x[:40]!r} not found in reply")
        n = len(cs)
    elif t == "instructions":
        it = e.get("instructions")
        if not isinstance(it, list):
            bad(rid, "expected.instructions not a list"); continue
        count = int(re.search(r"Write exactly (\d+) distinct", r["prompt"]).group(1))
        if r["usable"] and not r["truncated"] and len(it) != count:
            bad(rid, f"{len(it)} statements for count {count}")
        for x in it:
            if x.get("kind") not in ("function", "class") or set(x) != {"kind", "text"}:
                bad(rid, f"bad instruction item {x}")
            if not appears(x["text"], reply):
                bad(rid, f"statement not found in reply: {x['text'][:50]!r}")
            if re.match(r"^\s*(\d+[.)]|\[|\*\*)", x["text"]):
                bad(rid, "statement keeps numbering/tag")
        n = len(it)
    elif t == "signature":
        if not r["usable"]:
            if e:
                bad(rid, "unusable signature should have empty expected")
            n = 0
        else:
            if set(e) != {"kind", "name", "line"}:
                bad(rid, f"signature keys {sorted(e)}"); continue
            try:
                tree = ast.parse(sig_to_python(e["line"]))
            except Exception as ex:  # noqa
                bad(rid, f"signature line is not valid python: {ex}"); continue
            node = tree.body[0]
            if (e["kind"] == "class") != isinstance(node, ast.ClassDef) or node.name != e["name"]:
                bad(rid, "kind/name disagree with the line")
            # the line's name and every parameter name must be in the reply
            if e["name"] not in reply:
                bad(rid, "name not in reply")
            defs = [node] if isinstance(node, ast.FunctionDef) else node.body
            for d in defs:
                if d.name not in reply:
                    bad(rid, f"method {d.name} not in reply")
                for a in d.args.args:
                    if a.arg not in reply:
                        bad(rid, f"param {a.arg} not in reply")
                    if a.annotation is None and a.arg != "self":
                        bad(rid, f"param {a.arg} has no type hint")
                if d.returns is None:
                    bad(rid, f"{d.name} has no return type")
            n = 1
    elif t == "test_scenarios":
        sc = e.get("scenarios")
        if not isinstance(sc, list):
            bad(rid, "expected.scenarios not a list"); continue
        count = int(re.search(r"At most (\d+) scenarios", r["prompt"]).group(1))
        if len(sc) > count:
            bad(rid, f"{len(sc)} scenarios > count {count}")
        for s in sc:
            if not isinstance(s, str) or not appears(s, reply):
                bad(rid, f"scenario not found in reply: {str(s)[:50]!r}")
        n = len(sc)
    elif t == "extract_entities":
        cl = e.get("claims")
        if not isinstance(cl, list):
            bad(rid, "expected.claims not a list"); continue
        sent = r["prompt"].split("### Sentence")[1].split("###")[0]
        for c in cl:
            if set(c) != {"kind", "name", "value"} or c["kind"] not in KINDS:
                bad(rid, f"bad claim {c}")
            if not all(isinstance(c[k], str) for k in c):
                bad(rid, f"claim values must be strings: {c}")
            if not appears(c["name"], reply):
                bad(rid, f"claim name {c['name']!r} not in reply")
            # each value is in the reply either as a string or as a JSON scalar
            v = c["value"]
            js = {"True": "true", "False": "false", "None": "null"}.get(v, v)
            if not (appears(v, reply) or re.search(r":\s*" + re.escape(js) + r"\b", reply)):
                bad(rid, f"claim value {v!r} not in reply")
        n = len(cl)
    else:
        bad(rid, f"unexpected template {t}")
        continue
    if r["usable"] and n == 0:
        bad(rid, "usable but expected is empty")
    if not r["usable"] and n != 0:
        bad(rid, "unusable but expected is not empty")

# ------------------------------------------------------------------ counts
by_t = collections.Counter(r["template"] for r in recs)
by_tf = collections.Counter((r["template"], r["family"]) for r in recs)
by_tm = collections.Counter((r["template"], r["mode"]) for r in recs)
trunc = collections.Counter(r["template"] for r in recs if r["truncated"])
unus = collections.Counter(r["template"] for r in recs if not r["usable"])
fams = sorted({r["family"] for r in recs})
print(f"records: {len(recs)}")
print("template            " + "  ".join(f"{f[:8]:>8}" for f in fams) + "   text  json  trunc  unusable  total")
for t in sorted(by_t):
    print(f"{t:<20}" + "  ".join(f"{by_tf[(t, f)]:>8}" for f in fams)
          + f"  {by_tm[(t, 'text')]:>5} {by_tm[(t, 'json_object')]:>5} {trunc[t]:>6} {unus[t]:>9} {by_t[t]:>6}")
print(f"families overall: {dict(collections.Counter(r['family'] for r in recs))}")
print(f"modes overall: {dict(collections.Counter(r['mode'] for r in recs))}")
print(f"truncated: {sum(trunc.values())}  unusable: {sum(unus.values())}")
for p in problems:
    print("PROBLEM", p)
print(f"FINAL: {len(recs)} records checked, {len(problems)} problems" + (" -- OK" if not problems else " -- FAIL"))
sys.exit(1 if problems else 0)
