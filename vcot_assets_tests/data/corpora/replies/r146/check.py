"""Self-check for r146 replies.jsonl: parse, schema, Python validity, answers and sanity calls."""
import ast, json, sys, collections
path = sys.argv[1] if len(sys.argv) > 1 else '/work/corpus/replies/r146/replies.jsonl'
errors, ok = [], 0
recs = []
for no, line in enumerate(open(path, encoding='utf-8'), 1):
    try:
        recs.append(json.loads(line))
    except Exception as e:
        errors.append(f'line {no}: bad JSON {e}')
ids = collections.Counter(r['id'] for r in recs)
for i, c in ids.items():
    if c > 1: errors.append(f'duplicate id {i}')
KEYS = {'concepts': 'concepts', 'instructions': 'instructions', 'signature': 'line', 'candidate_code': 'code',
        'test_scenarios': 'scenarios', 'candidate_tests': 'tests', 'extract_entities': 'claims',
        'narrate_forward': 'answer', 'narrate_backward': 'answer'}
ref = {}
for r in recs:
    if r['template'] == 'candidate_code':
        exec(r['expected']['code'], ref)
def err(r, m): errors.append(f"{r['id']}: {m}")
for r in recs:
    t, e = r['template'], r['expected']
    for k in ('id', 'template', 'family', 'mode', 'prompt', 'reply', 'finish_reason', 'expected', 'truncated', 'usable', 'notes'):
        if k not in r: err(r, f'missing {k}')
    if '{{' in r['prompt']: err(r, 'unfilled slot in prompt')
    if r['mode'] not in ('text', 'json_object'): err(r, 'bad mode')
    if e.get('truncated') != r['truncated'] or e.get('usable') != r['usable']: err(r, 'flags differ')
    if (r['finish_reason'] == 'length') != r['truncated']: err(r, 'finish_reason vs truncated')
    if r['mode'] == 'json_object' and not r['truncated'] and r['usable']:
        try: json.loads(r['reply'])
        except Exception as ex: err(r, f'json_object reply is not JSON: {ex}')
    if KEYS[t] not in e: err(r, f'expected lacks {KEYS[t]}'); continue
    if not r['usable']:
        continue
    try:
        if t == 'concepts':
            for c in e['concepts']:
                assert set(c) == {'name', 'keyphrase', 'description', 'examples', 'difficulty'} and c['difficulty'] in ('easy', 'medium', 'hard')
                assert c['keyphrase'] in r['prompt'], 'keyphrase not in prompt'
        elif t == 'instructions':
            for c in e['instructions']:
                assert c['kind'] in ('function', 'class') and c['text'] and not c['text'].startswith(('[', '1'))
        elif t == 'signature':
            line = e['line']
            if e['kind'] == 'function':
                assert line.startswith('Function: ' + e['name'] + '(')
                ast.parse('def ' + line[len('Function: '):] + ': pass')
            else:
                parts = line.split('; ')
                assert parts[0] == 'Class: ' + e['name'] and parts[1].startswith('__init__(self')
                for p in parts[1:]:
                    ast.parse('def ' + p + ': pass')
        elif t == 'candidate_code':
            ast.parse(e['code'])
            ns = {}
            exec(e['code'], ns)
            assert r.get('sanity'), 'no sanity call'
            for s in r['sanity']:
                assert eval(s, ns) is True, f'sanity failed: {s}'
        elif t == 'test_scenarios':
            assert all(isinstance(s, str) and s for s in e['scenarios'])
        elif t == 'candidate_tests':
            for s in e['tests']:
                tree = ast.parse(s)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert)
                assert eval(compile(ast.Expression(tree.body[0].test), '<t>', 'eval'), dict(ref)) is True, f'test fails on reference code: {s}'
            for u in e.get('unusable_tests', []):
                assert isinstance(u, str) and u
        elif t == 'extract_entities':
            for c in e['claims']:
                assert c['kind'] in ('value', 'index', 'comparison', 'branch', 'loop', 'return')
                assert all(isinstance(c[k], str) for k in ('kind', 'name', 'value'))
        elif t == 'narrate_forward':
            ast.parse(e['answer'], mode='eval')
            assert eval(e['answer']) == eval(r['returned']), 'answer != returned'
            ns = {}; exec(r['code'], ns)
            assert repr(eval(r['call'], ns)) == r['returned'], 'call does not give returned'
        elif t == 'narrate_backward':
            ast.parse(e['answer'], mode='eval')
            ns = {}; exec(r['code'], ns)
            assert eval(e['answer'], ns) == eval(r['returned']), 'answer call != returned'
    except Exception as ex:
        err(r, f'{type(ex).__name__}: {ex}')
        continue
    ok += 1
cnt = lambda k: dict(collections.Counter(r[k] for r in recs))
print('records:', len(recs), 'checked ok (usable):', ok)
print('per template:', cnt('template'))
print('per family:', cnt('family'))
print('per mode:', cnt('mode'))
print('truncated:', sum(r['truncated'] for r in recs), 'unusable:', sum(not r['usable'] for r in recs))
fam_per_t = collections.defaultdict(set)
for r in recs: fam_per_t[r['template']].add(r['family'])
for t, f in sorted(fam_per_t.items()):
    if len(f) < 5: errors.append(f'{t}: only {len(f)} families')
print('families per template:', {t: len(f) for t, f in sorted(fam_per_t.items())})
print('ERRORS:' if errors else 'PASS: no errors', *errors, sep='\n')
sys.exit(1 if errors else 0)
