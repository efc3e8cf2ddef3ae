"""Self-check of replies.jsonl (r127). Run: python3 check.py > check_report.txt"""
import ast, json, collections, sys
path = '/work/corpus/replies/r127/replies.jsonl'
TEMPLATES = {'concepts','instructions','signature','candidate_code','test_scenarios','candidate_tests','extract_entities','narrate_forward','narrate_backward'}
errors = []; rows = []
for n, line in enumerate(open(path, encoding='utf-8'), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        errors.append(f'line {n}: does not parse: {e}')
ids = collections.Counter(r['id'] for r in rows)
for i, c in ids.items():
    if c > 1: errors.append(f'{i}: duplicate id')
def err(r, m): errors.append(f"{r['id']}: {m}")
for r in rows:
    t = r['template']; e = r['expected']
    for k in ('id','template','family','mode','prompt','reply','finish_reason','expected','truncated','usable','notes'):
        if k not in r: err(r, f'missing {k}')
    if t not in TEMPLATES: err(r, 'bad template')
    if '{{' in r['prompt']: err(r, 'unrendered slot in prompt')
    if r['mode'] not in ('text','json_object'): err(r, 'bad mode')
    if e.get('truncated') != r['truncated'] or e.get('usable') != r['usable']: err(r, 'flags differ between record and expected')
    if r['truncated'] and r['finish_reason'] != 'length': err(r, 'truncated but finish_reason not length')
    if not r['usable']:
        continue
    if t == 'candidate_code':
        code = e['code']
        try: ast.parse(code)
        except SyntaxError as x: err(r, f'code does not parse: {x}'); continue
        ns = {}
        try:
            exec(code, ns); exec(r['sanity'], ns)
        except Exception as x: err(r, f'sanity call failed: {x!r}')
    elif t == 'candidate_tests':
        for s in e['tests']:
            try:
                tree = ast.parse(s)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert)
            except Exception as x: err(r, f'test not a single assert: {s!r}')
            if s not in r['reply']: err(r, f'test not verbatim in reply: {s!r}')
    elif t == 'narrate_forward':
        try:
            ast.parse(e['answer'], mode='eval')
            if eval(e['answer']) != eval(r['returned']): err(r, f"answer {e['answer']} != returned {r['returned']}")
        except Exception as x: err(r, f'answer error {x!r}')
    elif t == 'narrate_backward':
        ns = {}
        try:
            ast.parse(e['answer'], mode='eval')
            exec(r['code'], ns)
            if eval(e['answer'], ns) != eval(r['returned']): err(r, 'answer call does not give returned')
            if eval(r['call'], ns) != eval(r['returned']): err(r, 'original call does not give returned')
        except Exception as x: err(r, f'answer error {x!r}')
    elif t == 'signature':
        if not e['line'].startswith(('Function: ','Class: ')): err(r, 'bad line form')
        if e['kind'] == 'function' and not e['line'].startswith('Function: ' + e['name'] + '('): err(r, 'name mismatch')
        if e['kind'] == 'class' and not e['line'].startswith('Class: ' + e['name'] + ';'): err(r, 'name mismatch')
    elif t == 'concepts':
        for c in e['concepts']:
            if set(c) != {'name','keyphrase','description','examples','difficulty'} or c['difficulty'] not in ('easy','medium','hard'): err(r, f'bad concept {c}')
    elif t == 'instructions':
        for it in e['instructions']:
            if it['kind'] not in ('function','class') or not it['text']: err(r, 'bad instruction')
    elif t == 'extract_entities':
        for c in e['claims']:
            if not all(isinstance(c[k], str) for k in ('kind','name','value')): err(r, f'non-string claim {c}')
    elif t == 'test_scenarios':
        if not e['scenarios']: err(r, 'no scenarios')
print(f'{len(rows)} replies checked')
for label, key in (('template','template'),('family','family'),('mode','mode')):
    print(f'by {label}:', dict(sorted(collections.Counter(r[key] for r in rows).items())))
print('truncated:', sum(r['truncated'] for r in rows), ' unusable:', sum(not r['usable'] for r in rows))
fams = collections.defaultdict(set)
for r in rows: fams[r['template']].add(r['family'])
for t, f in sorted(fams.items()):
    print(f'{t}: {len(f)} families')
    if len(f) < 5: errors.append(f'{t}: fewer than 5 families')
print('ERRORS:' if errors else 'OK: no errors')
for x in errors: print('  ' + x)
sys.exit(1 if errors else 0)
