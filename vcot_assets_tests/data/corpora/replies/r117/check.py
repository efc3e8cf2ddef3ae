"""Self-check of replies.jsonl (r117). Run: python3 check.py > check_report.txt"""
import ast, json, sys, collections
P = '/work/corpus/replies/r117/replies.jsonl'
SANITY = {  # candidate_code id -> (call, expected)
    'r117-candidate_code-01': ('is_min_heap([1, 3, 2, 7])', True),
    'r117-candidate_code-02': ("wrap_words('the quick brown fox', 10)", ['the quick', 'brown fox']),
    'r117-candidate_code-03': ('median([4, 1, 3, 2])', 2.5),
    'r117-candidate_code-04': ('(lambda b: (b.add(5), b.add(1), b.add(3), b.count_less(4))[-1])(SortedBag())', 2),
    'r117-candidate_code-05': ('best_fraction(3.141592653589793, 10)', (22, 7)),
}
KEYS = {'id', 'template', 'family', 'mode', 'prompt', 'reply', 'finish_reason', 'expected', 'truncated', 'usable', 'notes'}
errs = []; rows = []
for n, line in enumerate(open(P), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        errs.append(f'line {n}: bad JSON {e}')
ids = collections.Counter(r['id'] for r in rows)
for i, c in ids.items():
    if c > 1: errs.append(f'duplicate id {i}')
for r in rows:
    rid, t, e = r['id'], r['template'], r['expected']
    miss = KEYS - set(r)
    if miss: errs.append(f'{rid}: missing {miss}')
    if '{{' in r['prompt']: errs.append(f'{rid}: unfilled slot in prompt')
    if r['truncated'] != (r['finish_reason'] == 'length'): errs.append(f'{rid}: truncated/finish_reason mismatch')
    if r['mode'] not in ('text', 'json_object'): errs.append(f'{rid}: bad mode')
    if not r['usable']:
        continue
    try:
        if t == 'candidate_code':
            ast.parse(e['code'])
            ns = {}; exec(e['code'], ns)
            call, want = SANITY[rid]
            got = eval(call, ns)
            if got != want: errs.append(f'{rid}: sanity {call} -> {got!r}, want {want!r}')
        elif t == 'candidate_tests':
            for s in e['tests']:
                tree = ast.parse(s)
                if not (len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert)): errs.append(f'{rid}: not a single assert: {s}')
        elif t == 'narrate_forward':
            ast.parse(e['answer'], mode='eval')
            if eval(e['answer']) != eval(r['returned']): errs.append(f'{rid}: answer {e["answer"]} != returned {r["returned"]}')
        elif t == 'narrate_backward':
            ast.parse(e['answer'], mode='eval')
            ns = {}; exec(r['code'], ns)
            if eval(e['answer'], ns) != eval(r['returned']): errs.append(f'{rid}: call {e["answer"]} does not return {r["returned"]}')
            if eval(r['call'], ns) != eval(r['returned']): errs.append(f'{rid}: recorded call mismatch')
        elif t == 'signature':
            assert e['kind'] in ('function', 'class') and e['line'].startswith(e['kind'].capitalize() + ': ') and e['name'] in e['line']
        elif t == 'concepts':
            for c in e['concepts']:
                assert set(c) == {'name', 'keyphrase', 'description', 'examples', 'difficulty'} and c['difficulty'] in ('easy', 'medium', 'hard')
        elif t == 'instructions':
            for it in e['instructions']: assert it['kind'] in ('function', 'class') and it['text']
        elif t == 'test_scenarios':
            assert all(isinstance(s, str) and s for s in e['scenarios'])
        elif t == 'extract_entities':
            for c in e['claims']:
                assert c['kind'] in ('value', 'index', 'comparison', 'branch', 'loop', 'return') and all(isinstance(c[k], str) for k in ('kind', 'name', 'value'))
    except Exception as ex:
        errs.append(f'{rid}: {type(ex).__name__}: {ex}')
print(f'rows: {len(rows)}')
for name, key in (('template', 'template'), ('family', 'family'), ('mode', 'mode')):
    print(f'per {name}:', dict(sorted(collections.Counter(r[key] for r in rows).items())))
print('truncated:', sum(r['truncated'] for r in rows), ' unusable:', sum(not r['usable'] for r in rows))
fams = collections.defaultdict(set)
for r in rows: fams[r['template']].add(r['family'])
for t, f in sorted(fams.items()):
    if len(f) < 5: errs.append(f'{t}: only {len(f)} families')
print('families per template:', {t: len(f) for t, f in sorted(fams.items())})
print('errors:', len(errs))
for x in errs: print('  ', x)
print('OK' if not errs else 'FAIL')
sys.exit(1 if errs else 0)
