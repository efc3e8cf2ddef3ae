"""Checks replies.jsonl: parse, schema, ast validity, narrate answers, candidate_code sanity calls."""
import ast, json, sys, collections
PATH = "/work/corpus/replies/r131/replies.jsonl"
errs, n = [], 0
counts = collections.Counter()
ids = set()
for ln, line in enumerate(open(PATH), 1):
    try:
        r = json.loads(line)
    except Exception as e:
        errs.append(f"line {ln}: bad json {e}"); continue
    n += 1
    rid = r.get("id"); t = r.get("template"); e = r.get("expected", {})
    def bad(msg): errs.append(f"{rid}: {msg}")
    if rid in ids: bad("duplicate id")
    ids.add(rid)
    for k in ["id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"]:
        if k not in r: bad(f"missing {k}")
    if "{{" in r["prompt"]: bad("unrendered slot")
    if r["truncated"] != (r["finish_reason"] == "length"): bad("truncated/finish_reason mismatch")
    if e.get("truncated") != r["truncated"] or e.get("usable") != r["usable"]: bad("expected flags mismatch")
    counts[("template", t)] += 1; counts[("family", r["family"])] += 1; counts[("mode", r["mode"])] += 1
    counts[("truncated", r["truncated"])] += 1; counts[("usable", r["usable"])] += 1
    counts[(t, r["family"])] += 1
    if not r["usable"]:
        continue
    try:
        if t == "concepts":
            for c in e["concepts"]:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"} and c["difficulty"] in ("easy", "medium", "hard")
        elif t == "instructions":
            assert e["instructions"] and all(i["kind"] in ("function", "class") and i["text"] for i in e["instructions"])
        elif t == "signature":
            line_ = e["line"]
            if e["kind"] == "function":
                assert line_.startswith("Function: ")
                ast.parse("def " + line_[len("Function: "):] + ": pass")
                assert line_[len("Function: "):].startswith(e["name"] + "(")
            else:
                parts = line_.split("; ")
                assert parts[0] == "Class: " + e["name"]
                for m in parts[1:]:
                    ast.parse("def " + m + ": pass")
        elif t == "candidate_code":
            ast.parse(e["code"])
            ns = {}
            exec(e["code"], ns)
            for s in r.get("sanity", []):
                assert eval(s, ns), f"sanity failed: {s}"
            assert r.get("sanity"), "no sanity call"
        elif t == "test_scenarios":
            assert e["scenarios"] and all(isinstance(s, str) and s for s in e["scenarios"])
        elif t == "candidate_tests":
            for s in e["tests"]:
                tree = ast.parse(s)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert), s
                assert s in r["reply"] or s in json.loads(r["reply"]).__repr__() or True
                assert s.replace('"', '\\"') in r["reply"] or s in r["reply"], f"test not verbatim in reply: {s}"
        elif t == "extract_entities":
            for c in e["claims"]:
                assert c["kind"] in ("value", "index", "comparison", "branch", "loop", "return") and isinstance(c["value"], str)
        elif t == "narrate_forward":
            assert eval(e["answer"]) == eval(r["returned"]), "answer != returned"
            ns = {}; exec(r["code"], ns); assert eval(r["call"], ns) == eval(r["returned"])
        elif t == "narrate_backward":
            ast.parse(e["answer"])
            ns = {}; exec(r["code"], ns)
            assert eval(e["answer"], ns) == eval(r["returned"]), "call does not give returned"
    except Exception as ex:
        bad(f"{type(ex).__name__}: {ex}")
out = [f"records: {n}", f"errors: {len(errs)}"] + errs
for k in sorted(counts, key=str):
    out.append(f"{k}: {counts[k]}")
for t in sorted({k[1] for k in counts if k[0] == 'template'}):
    fams = [k[1] for k in counts if k[0] == t]
    out.append(f"families for {t}: {len(fams)} {sorted(fams)}" + ("" if len(fams) >= 5 else "  <-- fewer than 5"))
print("\n".join(out))
sys.exit(1 if errs else 0)
