"""Checks replies.jsonl: parses, fields, ast-valid expected items, narrate answers, candidate_code sanity calls."""
import ast, json, sys
REQ = ["id","template","family","mode","prompt","reply","finish_reason","expected","truncated","usable","notes"]
SANITY = {  # id -> list of (expr, expected value) run after exec of expected.code
    "r92-candidate_code-01": [("max_window_sum([1, 4, 2, 10], 2)", 12), ("max_window_sum([1], 3)", 0)],
}
errs = []; n = 0
for ln, line in enumerate(open("replies.jsonl"), 1):
    try:
        o = json.loads(line)
    except Exception as e:
        errs.append(f"line {ln}: bad JSON {e}"); continue
    n += 1; i = o.get("id", f"line{ln}")
    for k in REQ:
        if k not in o: errs.append(f"{i}: missing {k}")
    if "{{" in o["prompt"]: errs.append(f"{i}: unfilled slot in prompt")
    if o["truncated"] != (o["finish_reason"] == "length"): errs.append(f"{i}: truncated/finish_reason mismatch")
    e, t = o["expected"], o["template"]
    if not o["usable"]:
        continue
    try:
        if t == "candidate_code":
            ast.parse(e["code"]); g = {}; exec(e["code"], g)
            cases = SANITY.get(i)
            if not cases: errs.append(f"{i}: no sanity call")
            for ex, want in cases or []:
                got = eval(ex, g)
                if got != want: errs.append(f"{i}: {ex} -> {got!r} != {want!r}")
        elif t == "candidate_tests":
            for s in e["tests"]:
                tree = ast.parse(s)
                if not isinstance(tree.body[0], ast.Assert): errs.append(f"{i}: not an assert: {s}")
        elif t == "signature":
            if not e["line"].startswith(("Function: ", "Class: ")): errs.append(f"{i}: bad line form")
            if e["name"] not in e["line"]: errs.append(f"{i}: name not in line")
        elif t == "narrate_forward":
            ast.parse(e["answer"], mode="eval")
            if eval(e["answer"]) != eval(o["returned"]): errs.append(f"{i}: answer != returned")
            g = {}; exec(o["code"], g)
            if eval(o["call"], g) != eval(o["returned"]): errs.append(f"{i}: call != returned")
        elif t == "narrate_backward":
            ast.parse(e["answer"], mode="eval"); g = {}; exec(o["code"], g)
            if eval(e["answer"], g) != eval(o["returned"]): errs.append(f"{i}: answer call != returned")
    except Exception as ex:
        errs.append(f"{i}: exception {type(ex).__name__}: {ex}")
print(f"{n} replies checked, {len(errs)} problems")
for x in errs: print(" -", x)
sys.exit(1 if errs else 0)
