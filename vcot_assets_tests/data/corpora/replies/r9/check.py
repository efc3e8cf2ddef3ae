"""Check /work/corpus/replies/r9/replies.jsonl; prints a report (kept in check_report.txt)."""
import ast, json, sys, collections

PATH = "/work/corpus/replies/r9/replies.jsonl"
FAMILIES = {"mistral-small-24b", "qwen2.5-coder-7b", "llama-3.1-8b", "gpt-4o-mini",
            "deepseek-r1-distill", "smollm2-135m"}
TEMPLATES = ["concepts", "instructions", "signature", "candidate_code", "test_scenarios",
             "candidate_tests", "extract_entities", "narrate_forward", "narrate_backward"]

# sanity calls for candidate_code: id -> list of (expression, expected value)
SANITY = {
    "r9-candidate_code-01": [("last_stone_weight([2, 7, 4, 1, 8, 1])", 1), ("last_stone_weight([])", 0), ("last_stone_weight([3, 3])", 0)],
    "r9-candidate_code-02": [("run_length_encode('aaabcc')", "a3b1c2"), ("run_length_encode('')", "")],
    "r9-candidate_code-03": [("justify_line(['a', 'bb', 'c'], 8)", "a  bb  c"), ("justify_line(['a', 'bb', 'c'], 9)", "a   bb  c"), ("justify_line(['hello'], 8)", "hello   ")],
    "r9-candidate_code-04": [("fraction_to_mixed(7, 3)", "2 1/3"), ("fraction_to_mixed(6, 3)", "2"), ("fraction_to_mixed(-7, 3)", "-2 1/3"), ("fraction_to_mixed(2, 6)", "1/3")],
    "r9-candidate_code-05": [("(lambda t: (t.add(3), t.add(1), t.median())[-1])(MedianTracker())", 2.0), ("MedianTracker().median()", None)],
    "r9-candidate_code-06": [("collapse_spaces('a  b   c d')", "a b c d"), ("collapse_spaces('')", "")],
}

def haystack(r):
    """The reply text plus, for JSON replies, every string value inside the JSON."""
    parts = [r["reply"]]
    def walk(v):
        if isinstance(v, str):
            parts.append(v)
        elif isinstance(v, list):
            for x in v:
                walk(x)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)
    try:
        walk(json.loads(r["reply"]))
    except Exception:
        pass
    return "\n".join(parts)

def main():
    errors = []
    recs = []
    with open(PATH) as f:
        for n, line in enumerate(f, 1):
            try:
                recs.append(json.loads(line))
            except Exception as e:
                errors.append(f"line {n}: does not parse: {e}")
    ids = [r.get("id") for r in recs]
    for d in {i for i in ids if ids.count(i) > 1}:
        errors.append(f"duplicate id {d}")
    need = ["id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"]
    for r in recs:
        rid = r.get("id")
        def err(msg):
            errors.append(f"{rid}: {msg}")
        for k in need:
            if k not in r:
                err(f"missing key {k}")
        t = r.get("template")
        if t not in TEMPLATES:
            err(f"bad template {t}")
            continue
        if r["family"] not in FAMILIES:
            err(f"bad family {r['family']}")
        if r["mode"] not in ("text", "json_object"):
            err(f"bad mode {r['mode']}")
        if r["finish_reason"] not in ("stop", "length"):
            err("bad finish_reason")
        if (r["finish_reason"] == "length") != r["truncated"]:
            err("finish_reason and truncated disagree")
        if "{{" in r["prompt"]:
            err("unrendered slot in prompt")
        if f"Task: {t}" not in r["prompt"]:
            err("prompt is not this template")
        ex = r["expected"]
        if r["mode"] == "json_object" and r["usable"] and not r["truncated"]:
            try:
                json.loads(r["reply"])
            except Exception as e:
                err(f"json_object reply is not JSON: {e}")
        if r["reply"].startswith("<think>") != (r["family"] == "deepseek-r1-distill") and r["reply"].strip():
            err("think block and family disagree")
        # per-template schema
        if t == "concepts":
            for c in ex["concepts"]:
                if set(c) != {"name", "keyphrase", "description", "examples", "difficulty"}:
                    err(f"concept keys {sorted(c)}")
                if c.get("difficulty") not in ("easy", "medium", "hard"):
                    err("difficulty")
                if c.get("keyphrase") not in r["prompt"]:
                    err(f"keyphrase {c.get('keyphrase')!r} not in prompt")
            n = len(ex["concepts"])
        elif t == "instructions":
            for it in ex["instructions"]:
                if it["kind"] not in ("function", "class") or set(it) != {"kind", "text"}:
                    err("instruction item")
                if it["text"] not in haystack(r):
                    err(f"instruction text not verbatim in reply: {it['text'][:40]}")
            n = len(ex["instructions"])
        elif t == "signature":
            n = 1 if ex else 0
            line = ex["line"]
            if ex["kind"] == "function":
                if not line.startswith(f"Function: {ex['name']}("):
                    err("function line form")
                try:
                    ast.parse("def " + line[len("Function: "):] + ": pass")
                except SyntaxError as e:
                    err(f"signature does not parse: {e}")
            else:
                parts = line.split("; ")
                if parts[0] != f"Class: {ex['name']}" or not parts[1].startswith("__init__(self"):
                    err("class line form")
                for p in parts[1:]:
                    try:
                        ast.parse("def " + p + ": pass")
                    except SyntaxError as e:
                        err(f"method does not parse: {p}: {e}")
        elif t == "candidate_code":
            n = 1 if ex.get("code") else 0
            if n:
                try:
                    ast.parse(ex["code"])
                except SyntaxError as e:
                    err(f"code does not parse: {e}")
                if ex["code"] not in haystack(r):
                    err("code is not verbatim in reply")
                if "__main__" in ex["code"] or "print(" in ex["code"]:
                    err("demo code left in expected code")
                calls = SANITY.get(rid)
                if not calls:
                    err("no sanity call")
                ns = {}
                try:
                    exec(ex["code"], ns)
                    for expr, want in calls or []:
                        got = eval(expr, ns)
                        if got != want:
                            err(f"sanity {expr} -> {got!r}, want {want!r}")
                except Exception as e:
                    err(f"sanity call raised {e!r}")
        elif t == "test_scenarios":
            n = len(ex["scenarios"])
            for s in ex["scenarios"]:
                if not isinstance(s, str) or not s.strip():
                    err("empty scenario")
        elif t == "candidate_tests":
            n = len(ex["tests"])
            for s in ex["tests"]:
                try:
                    tree = ast.parse(s)
                except SyntaxError as e:
                    err(f"test does not parse: {s}: {e}")
                    continue
                if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Assert):
                    err(f"test is not one assert: {s}")
                elif not (isinstance(tree.body[0].test, ast.Compare) and isinstance(tree.body[0].test.ops[0], ast.Eq)):
                    err(f"test is not assert x == y: {s}")
                if s not in haystack(r):
                    err(f"test not verbatim in reply: {s}")
            for u in ex.get("unusable_tests", []):
                if not isinstance(u, str) or not u:
                    err("unusable_tests entry")
        elif t == "extract_entities":
            n = len(ex["claims"])
            for c in ex["claims"]:
                if set(c) != {"kind", "name", "value"} or c["kind"] not in ("value", "index", "comparison", "branch", "loop", "return"):
                    err(f"claim {c}")
                if not all(isinstance(c[k], str) for k in c):
                    err(f"claim values must be strings {c}")
        elif t in ("narrate_forward", "narrate_backward"):
            for k in ("code", "call", "returned"):
                if k not in r:
                    err(f"missing {k}")
            ns = {}
            exec(r["code"], ns)
            real = repr(eval(r["call"], dict(ns)))
            if real != r["returned"]:
                err(f"returned field {r['returned']} but call gives {real}")
            ans = ex.get("answer")
            n = 1 if ans else 0
            if ans:
                try:
                    ast.parse(ans, mode="eval")
                except SyntaxError as e:
                    err(f"answer does not parse: {e}")
                if t == "narrate_forward":
                    if repr(eval(ans, {})) != r["returned"]:
                        err(f"answer {ans} != returned {r['returned']}")
                else:
                    got = repr(eval(ans, dict(ns)))
                    if got != r["returned"]:
                        err(f"answer {ans} gives {got}, want {r['returned']}")
                    if not ans.startswith(r["call"].split("(")[0] + "("):
                        err("answer is not a call of the function")
        if r["usable"] and n == 0:
            err("usable but nothing expected")
        if not r["usable"] and n != 0:
            err("unusable but something expected")
    # summary
    out = []
    out.append(f"records: {len(recs)}")
    for key in ("template", "family", "mode"):
        c = collections.Counter(r[key] for r in recs)
        out.append(f"by {key}: " + ", ".join(f"{k}={v}" for k, v in sorted(c.items())))
    out.append(f"truncated: {sum(r['truncated'] for r in recs)}; unusable: {sum(not r['usable'] for r in recs)}")
    for t in TEMPLATES:
        fams = {r["family"] for r in recs if r["template"] == t}
        cnt = sum(r["template"] == t for r in recs)
        if cnt:
            out.append(f"  {t}: {cnt} replies, {len(fams)} families")
            if len(fams) < 5:
                errors.append(f"{t}: only {len(fams)} families")
    out.append("ERRORS:" if errors else "all checks pass")
    out.extend("  " + e for e in errors)
    print("\n".join(out))
    return 1 if errors else 0

if __name__ == "__main__":
    sys.exit(main())
