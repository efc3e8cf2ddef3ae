"""Self-check for r144 replies.jsonl (run: python3 check.py > check_report.txt)."""
import ast, json, collections, sys
HERE = '/work/corpus/replies/r144/'
rows = []
errors = []
for i, line in enumerate(open(HERE + 'replies.jsonl'), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        errors.append(f'line {i}: does not parse: {e}')

REQ = ['id', 'template', 'family', 'mode', 'prompt', 'reply', 'finish_reason', 'expected', 'truncated', 'usable', 'notes']
# sanity calls for candidate_code (by id)
SANITY = {
 'r144-candidate_code-01': ["kth_smallest([5, 1, 4], 2) == 4"],
 'r144-candidate_code-02': ["grade_for(75, [60, 70, 80, 90], ['F', 'D', 'C', 'B', 'A']) == 'C'"],
 'r144-candidate_code-03': ["SortedBag().add(3) == [3]"],
 'r144-candidate_code-04': ["wrap_text('the quick brown fox', 10) == ['the quick', 'brown fox']", "wrap_text('', 5) == []"],
 'r144-candidate_code-05': ["Rational(1, 2).add(1, 3) == (5, 6)"],
}
# reference implementations (the candidate_code expected codes) used to verify candidate_tests expectations
IMPL_OF_TESTS = {
 'r144-candidate_tests-01': 'r144-candidate_code-01', 'r144-candidate_tests-06': 'r144-candidate_code-01',
 'r144-candidate_tests-02': 'r144-candidate_code-04', 'r144-candidate_tests-03': 'r144-candidate_code-02',
 'r144-candidate_tests-04': 'r144-candidate_code-03', 'r144-candidate_tests-05': 'r144-candidate_code-05',
}
byid = {r['id']: r for r in rows}
for r in rows:
    rid = r.get('id', '?')
    for k in REQ:
        if k not in r: errors.append(f'{rid}: missing {k}')
    if '{{' in r['prompt']: errors.append(f'{rid}: unrendered slot')
    if r['finish_reason'] not in ('stop', 'length'): errors.append(f'{rid}: bad finish_reason')
    if r['truncated'] != (r['finish_reason'] == 'length'): errors.append(f'{rid}: truncated/finish_reason mismatch')
    if r['mode'] not in ('text', 'json_object'): errors.append(f'{rid}: bad mode')
    t, e = r['template'], r['expected']
    try:
        if not r['usable']:
            continue
        if t == 'candidate_code':
            ast.parse(e['code'])
            ns = {}
            exec(e['code'], ns)
            calls = SANITY.get(rid)
            if not calls: errors.append(f'{rid}: no sanity call')
            for c in calls or []:
                if not eval(c, ns): errors.append(f'{rid}: sanity failed {c}')
        elif t == 'candidate_tests':
            ns = {}
            exec(byid[IMPL_OF_TESTS[rid]]['expected']['code'], ns)
            for a in e['tests']:
                tree = ast.parse(a)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert), a
                exec(a, ns)
                if a not in r['reply'] and a not in json.loads(r['reply']).__repr__():
                    pass
            for a in e['tests']:
                if a not in r['reply'] and (r['mode'] != 'json_object'):
                    errors.append(f'{rid}: test not verbatim in reply: {a}')
        elif t == 'narrate_forward':
            ast.parse(e['answer'], mode='eval')
            if eval(e['answer']) != eval(r['returned']): errors.append(f'{rid}: answer != returned')
            ns = {}; exec(r['code'], ns)
            if eval(r['call'], ns) != eval(r['returned']): errors.append(f'{rid}: call != returned')
        elif t == 'narrate_backward':
            ast.parse(e['answer'], mode='eval')
            ns = {}; exec(r['code'], ns)
            if eval(e['answer'], ns) != eval(r['returned']): errors.append(f'{rid}: answer call != returned')
        elif t == 'signature':
            assert e['line'].startswith('Function: ' if e['kind'] == 'function' else 'Class: ')
            assert e['name'] in e['line']
        elif t == 'extract_entities':
            for c in e['claims']:
                assert set(c) == {'kind', 'name', 'value'} and all(isinstance(v, str) for v in c.values())
        elif t == 'concepts':
            for c in e['concepts']:
                assert set(c) == {'name', 'keyphrase', 'description', 'examples', 'difficulty'}
        elif t == 'instructions':
            for c in e['instructions']:
                assert c['kind'] in ('function', 'class') and c['text'] in r['reply']
        elif t == 'test_scenarios':
            for s in e['scenarios']:
                assert s in r['reply'] or r['mode'] == 'json_object'
    except Exception as ex:
        errors.append(f'{rid}: {type(ex).__name__}: {ex}')

cnt = lambda f: dict(sorted(collections.Counter(f(r) for r in rows).items()))
print('rows:', len(rows))
print('per template:', cnt(lambda r: r['template']))
print('per family:', cnt(lambda r: r['family']))
print('per mode:', cnt(lambda r: r['mode']))
print('truncated:', sum(r['truncated'] for r in rows), 'unusable:', sum(not r['usable'] for r in rows))
fams = collections.defaultdict(set)
for r in rows: fams[r['template']].add(r['family'])
for t, f in sorted(fams.items()):
    if len(f) < 5: errors.append(f'{t}: only {len(f)} families')
print('families per template:', {t: len(f) for t, f in sorted(fams.items())})
print('errors:', len(errors))
for x in errors: print('  ', x)
print('PASS' if not errors else 'FAIL')
sys.exit(1 if errors else 0)
