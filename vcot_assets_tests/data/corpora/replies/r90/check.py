"""Self-check for r90 replies.jsonl."""
import json, ast, sys
from collections import Counter
SANITY = {}  # id -> list of (call_expr, expected_repr)
try:
    sys.path.insert(0, '/work/corpus/replies/r90/tmp')
    from sanity import SANITY
except Exception as e:
    print('no sanity module:', e)
errs = []; recs = []
for i, line in enumerate(open('/work/corpus/replies/r90/replies.jsonl'), 1):
    try:
        r = json.loads(line)
    except Exception as e:
        errs.append(f'line {i}: bad json {e}'); continue
    recs.append(r); rid = r['id']; e = r['expected']; t = r['template']
    for k in ['id','template','family','mode','prompt','reply','finish_reason','expected','truncated','usable','notes']:
        if k not in r: errs.append(f'{rid}: missing {k}')
    if '{{' in r['prompt']: errs.append(f'{rid}: unfilled slot')
    if r['truncated'] != (r['finish_reason'] == 'length'): errs.append(f'{rid}: truncated/finish mismatch')
    if r['usable'] and not e: errs.append(f'{rid}: usable but empty expected')
    try:
        if t == 'candidate_code' and e:
            ast.parse(e['code'])
            calls = SANITY.get(rid)
            if not calls: errs.append(f'{rid}: no sanity call')
            else:
                ns = {}; exec(e['code'], ns)
                for call, want in calls:
                    got = eval(call, ns)
                    if got != want: errs.append(f'{rid}: sanity {call} -> {got!r} != {want!r}')
        if t == 'candidate_tests' and e:
            for s in e['tests']:
                ast.parse(s)
                assert s.startswith('assert '), s
        if t == 'signature' and e:
            assert e['kind'] in ('function','class')
            assert e['line'].startswith('Function: ' if e['kind']=='function' else 'Class: ')
            assert e['name'] in e['line']
            if e['kind']=='function':
                ast.parse('def ' + e['line'][len('Function: '):] + ': pass')
            else:
                parts = e['line'][len('Class: '):].split('; ')
                for m in parts[1:]: ast.parse('def ' + m + ': pass')
        if t == 'instructions' and e:
            for it in e['instructions']: assert it['kind'] in ('function','class') and it['text']
        if t == 'concepts' and e:
            for c in e['concepts']:
                assert set(c) == {'name','keyphrase','description','examples','difficulty'}, c
                assert c['difficulty'] in ('easy','medium','hard')
        if t == 'extract_entities' and e:
            for c in e['claims']:
                assert c['kind'] in ('value','index','comparison','branch','loop','return')
                assert all(isinstance(c[k], str) for k in ('kind','name','value'))
        if t == 'test_scenarios' and e:
            assert all(isinstance(s, str) and s for s in e['scenarios'])
        if t == 'narrate_forward' and e:
            ast.parse(e['answer'])
            if eval(e['answer']) != eval(r['returned']): errs.append(f'{rid}: forward answer mismatch')
        if t == 'narrate_backward' and e:
            ast.parse(e['answer']); ns = {}; exec(r['code'], ns)
            if eval(e['answer'], ns) != eval(r['returned']): errs.append(f'{rid}: backward answer mismatch')
        if t.startswith('narrate'):
            ns = {}; exec(r['code'], ns)
            if repr(eval(r['call'], ns)) != r['returned']: errs.append(f'{rid}: call != returned')
    except Exception as ex:
        errs.append(f'{rid}: {type(ex).__name__}: {ex}')
# candidate_tests: run expected tests against the reference solutions of the candidate_code records
ref = {}
for r in recs:
    if r['template'] == 'candidate_code' and r['expected']:
        ns = {}; exec(r['expected']['code'], ns); ref.update({k: v for k, v in ns.items() if not k.startswith('__')})
for r in recs:
    if r['template'] == 'candidate_tests' and r['expected']:
        for t in r['expected']['tests']:
            try: exec(t, dict(ref))
            except Exception as ex: errs.append(f"{r['id']}: test fails on reference: {t} ({type(ex).__name__})")
# soft check: extracted strings appear verbatim in the reply (warnings only)
warns = []
for r in recs:
    e = r['expected']; items = []
    if r['template'] == 'candidate_tests' and e: items = e['tests']
    if r['template'] == 'instructions' and e: items = [i['text'] for i in e['instructions']]
    if r['template'] == 'test_scenarios' and e: items = e['scenarios']
    if r['template'] == 'candidate_code' and e: items = [e['code']]
    if r['template'].startswith('narrate') and e: items = [e['answer']]
    for it in items:
        if it not in r['reply']: warns.append(f"{r['id']}: not verbatim in reply: {it[:60]!r}")
print('records:', len(recs))
ids = Counter(r['id'] for r in recs)
for k, v in ids.items():
    if v > 1: errs.append(f'duplicate id {k}')
print('per template:', dict(Counter(r['template'] for r in recs)))
print('per family:', dict(Counter(r['family'] for r in recs)))
print('per mode:', dict(Counter(r['mode'] for r in recs)))
print('truncated:', sum(r['truncated'] for r in recs), ' unusable:', sum(not r['usable'] for r in recs))
fam = {}
for r in recs: fam.setdefault(r['template'], set()).add(r['family'])
print('families per template:', {k: len(v) for k, v in fam.items()})
print('WARNINGS (expected: reformatted items):', len(warns))
for w in warns: print('  ', w)
print('ERRORS:', len(errs))
for x in errs: print('  ', x)
