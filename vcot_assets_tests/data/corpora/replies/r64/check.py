"""Self-check of r64/replies.jsonl; writes check_report.txt."""
import ast, json, collections, sys
HERE = '/work/corpus/replies/r64/'
# sanity calls for candidate_code rows: id -> list of (expression, expected repr)
SANITY = json.load(open(HERE + 'sanity.json')) if __import__('os').path.exists(HERE + 'sanity.json') else {}
KEYS = {"concepts": "concepts", "instructions": "instructions", "signature": "line", "candidate_code": "code",
        "test_scenarios": "scenarios", "candidate_tests": "tests", "extract_entities": "claims",
        "narrate_forward": "answer", "narrate_backward": "answer"}
errs, rows = [], []
for n, line in enumerate(open(HERE + 'replies.jsonl'), 1):
    try:
        r = json.loads(line)
    except Exception as e:
        errs.append(f"line {n}: bad json {e}"); continue
    rows.append(r)
    rid = r.get('id')
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: errs.append(f"{rid}: missing {k}")
    t, e = r['template'], r['expected']
    if '{{' in r['prompt']: errs.append(f"{rid}: unrendered slot")
    if r['truncated'] != (r['finish_reason'] == 'length'): errs.append(f"{rid}: truncated/finish mismatch")
    if r['mode'] not in ('text', 'json_object'): errs.append(f"{rid}: mode")
    if e.get('truncated', r['truncated']) != r['truncated'] or e.get('usable', r['usable']) != r['usable']:
        errs.append(f"{rid}: flags differ in expected")
    if r['mode'] == 'json_object' and not r['truncated'] and r['usable']:
        try:
            if not isinstance(json.loads(r['reply']), dict): errs.append(f"{rid}: json_object reply is not an object")
        except Exception as ex:
            errs.append(f"{rid}: json_object reply does not parse: {ex}")
    if not r['usable']:
        continue
    if KEYS[t] not in e: errs.append(f"{rid}: expected lacks {KEYS[t]}"); continue
    try:
        if t == 'candidate_code':
            ast.parse(e['code'])
            calls = SANITY.get(rid)
            if not calls: errs.append(f"{rid}: no sanity call")
            ns = {}; exec(e['code'], ns)
            for expr, want in calls or []:
                got = eval(expr, ns)
                if repr(got) != want: errs.append(f"{rid}: sanity {expr} -> {got!r} != {want}")
        elif t == 'candidate_tests':
            for s in e['tests']:
                tree = ast.parse(s)
                if not (len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert)): errs.append(f"{rid}: not single assert: {s}")
            for u in e.get('unusable_tests', []):
                if not isinstance(u, dict) or 'reason' not in u: errs.append(f"{rid}: unusable_tests entry lacks reason")
        elif t == 'narrate_forward':
            if eval(e['answer']) != eval(r['returned']): errs.append(f"{rid}: answer {e['answer']} != returned {r['returned']}")
            ns = {}; exec(r['code'], ns)
            if repr(eval(r['call'], ns)) != r['returned']: errs.append(f"{rid}: call does not give returned")
        elif t == 'narrate_backward':
            ast.parse(e['answer'])
            ns = {}; exec(r['code'], ns)
            if repr(eval(e['answer'], ns)) != r['returned']: errs.append(f"{rid}: answer does not return {r['returned']}")
        elif t == 'signature':
            line = e['line']
            if e['kind'] == 'function':
                assert line.startswith('Function: ')
                ast.parse('def ' + line[len('Function: '):] + ': pass')
                assert line[len('Function: '):].startswith(e['name'] + '(')
            else:
                assert line.startswith('Class: ' + e['name'] + '; __init__(self')
                for part in line.split('; ')[1:]:
                    ast.parse('def ' + part + ': pass')
        elif t == 'concepts':
            for c in e['concepts']:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c['difficulty'] in ('easy', 'medium', 'hard')
        elif t == 'instructions':
            for i in e['instructions']:
                assert i['kind'] in ('function', 'class') and i['text'] and not i['text'].startswith(('[', '1'))
        elif t == 'extract_entities':
            for c in e['claims']:
                assert set(c) == {"kind", "name", "value"} and all(isinstance(v, str) for v in c.values()), c
                assert c['kind'] in ('value', 'index', 'comparison', 'branch', 'loop', 'return'), c
        elif t == 'test_scenarios':
            assert all(isinstance(s, str) and s for s in e['scenarios'])
    except Exception as ex:
        errs.append(f"{rid}: {type(ex).__name__} {ex}")
ids = [r['id'] for r in rows]
if len(ids) != len(set(ids)): errs.append("duplicate ids")
out = [f"rows: {len(rows)}"]
for name, key in (("template", lambda r: r['template']), ("family", lambda r: r['family']), ("mode", lambda r: r['mode']),
                  ("truncated", lambda r: r['truncated']), ("usable", lambda r: r['usable'])):
    out.append(f"{name}: {dict(sorted(collections.Counter(map(str, map(key, rows))).items()))}")
fams = collections.defaultdict(set)
for r in rows: fams[r['template']].add(r['family'])
out.append("families per template: " + json.dumps({t: len(f) for t, f in sorted(fams.items())}))
out.append(f"errors: {len(errs)}")
out += errs
out.append("PASS" if not errs else "FAIL")
open(HERE + 'check_report.txt', 'w').write("\n".join(out) + "\n")
print("\n".join(out))
sys.exit(1 if errs else 0)
