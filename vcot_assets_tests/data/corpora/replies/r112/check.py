"""Self-check for r112 replies.jsonl; writes a report to stdout."""
import ast, json, sys
from collections import Counter, defaultdict

PATH = '/work/corpus/replies/r112/replies.jsonl'
TEMPLATES = ['concepts', 'instructions', 'signature', 'candidate_code', 'test_scenarios',
             'candidate_tests', 'extract_entities', 'narrate_forward', 'narrate_backward']
FAMILIES = {'mistral-small-24b', 'qwen2.5-coder-7b', 'llama-3.1-8b', 'gpt-4o-mini', 'deepseek-r1-distill', 'smollm2-135m'}
KEYS = ['id', 'template', 'family', 'mode', 'prompt', 'reply', 'finish_reason', 'expected', 'truncated', 'usable', 'notes']

# sanity calls for each candidate_code expected code: (expression, expected value)
SANITY = {
    'r112-candidate_code-01': [("is_min_heap([1, 2, 3])", True), ("is_min_heap([3, 1])", False), ("is_min_heap([])", True)],
    'r112-candidate_code-02': [("SortedBag([5, 1, 3, 3, 9]).count_between(2, 5)", 3), ("SortedBag([]).count_between(0, 1)", 0)],
    'r112-candidate_code-03': [("run_lengths('aaabcc')", [('a', 3), ('b', 1), ('c', 2)]), ("run_lengths('')", [])],
    'r112-candidate_code-04': [("Paragraph('the quick brown fox').lines(10)", ['the quick', 'brown fox']), ("Paragraph('').line_count(3)", 0)],
    'r112-candidate_code-05': [("add_fractions((1, 2), (1, 3))", (5, 6)), ("add_fractions((1, -2), (1, 3))", (-1, 6))],
}
# reference code to run candidate_tests against (the same exercises)
REF_FOR_TESTS = {
    'r112-candidate_tests-01': 'r112-candidate_code-01',
    'r112-candidate_tests-02': 'r112-candidate_code-02',
    'r112-candidate_tests-03': 'r112-candidate_code-03',
    'r112-candidate_tests-04': 'r112-candidate_code-04',
    'r112-candidate_tests-05': 'r112-candidate_code-05',
}
SCORE_BANDS = '''from bisect import bisect_right
def score_bands(thresholds, scores):
    return [bisect_right(thresholds, s) for s in scores]
'''

errors, notes = [], []
def err(rid, msg): errors.append(f'{rid}: {msg}')

rows = []
for n, line in enumerate(open(PATH, encoding='utf-8'), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        err(f'line {n}', f'does not parse: {e}')
codes = {r['id']: r['expected'].get('code') for r in rows if r.get('template') == 'candidate_code'}

ids = Counter(r.get('id') for r in rows)
for i, c in ids.items():
    if c > 1: err(i, 'duplicate id')

for r in rows:
    rid = r.get('id')
    for k in KEYS:
        if k not in r: err(rid, f'missing key {k}')
    t, e = r['template'], r['expected']
    if t not in TEMPLATES: err(rid, 'bad template')
    if r['family'] not in FAMILIES: err(rid, 'bad family')
    if r['mode'] not in ('text', 'json_object'): err(rid, 'bad mode')
    if r['finish_reason'] not in ('stop', 'length'): err(rid, 'bad finish_reason')
    if r['truncated'] != (r['finish_reason'] == 'length'): err(rid, 'truncated/finish_reason mismatch')
    if '{{' in r['prompt']: err(rid, 'unfilled slot in prompt')
    if not rid.startswith(f'r112-{t}-'): err(rid, 'id/template mismatch')
    if not r['usable']:
        if any(v for v in e.values()): err(rid, 'unusable reply with non-empty expected')
        continue
    try:
        if t == 'concepts':
            assert e['concepts']
            for c in e['concepts']:
                assert set(c) == {'name', 'keyphrase', 'description', 'examples', 'difficulty'}, c
                assert c['difficulty'] in ('easy', 'medium', 'hard')
                assert c['keyphrase'] in r['prompt'], 'keyphrase not in prompt'
                assert c['name'] in r['reply']
        elif t == 'instructions':
            assert e['instructions']
            for it in e['instructions']:
                assert it['kind'] in ('function', 'class')
                assert it['text'] in r['reply'], 'text not verbatim in reply'
                assert not it['text'].lstrip().startswith(('[', '1.'))
        elif t == 'signature':
            assert e['kind'] in ('function', 'class')
            line = e['line']
            assert line.startswith('Function: ' if e['kind'] == 'function' else 'Class: ')
            assert e['name'] in line
            if e['kind'] == 'function':
                ast.parse('def ' + line[len('Function: '):] + ': pass')
            else:
                parts = line[len('Class: '):].split('; ')
                assert parts[0] == e['name'] and parts[1].startswith('__init__(self')
                for m in parts[1:]:
                    ast.parse('def ' + m + ': pass')
        elif t == 'candidate_code':
            code = e['code']
            ast.parse(code)
            assert code in r['reply'] or json.loads(r['reply']).get('code') == code, 'code not verbatim'
            ns = {}
            exec(code, ns)
            for expr, want in SANITY[rid]:
                got = eval(expr, ns)
                assert got == want, f'sanity {expr} -> {got!r} != {want!r}'
            notes.append(f'{rid}: {len(SANITY[rid])} sanity calls pass')
        elif t == 'test_scenarios':
            assert e['scenarios']
            for s in e['scenarios']:
                assert s in r['reply'], f'scenario not in reply: {s}'
        elif t == 'candidate_tests':
            assert e['tests']
            ns = {}
            ref = REF_FOR_TESTS.get(rid)
            exec(codes[ref] if ref else SCORE_BANDS, ns)
            for tst in e['tests']:
                tree = ast.parse(tst)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert), tst
                assert tst in r['reply'] or tst in json.loads(r['reply']).get('tests', [''])[0] or any(tst in x for x in json.loads(r['reply'])['tests'])
                exec(tst, ns)  # must pass against the reference implementation
            for u in e.get('unusable_tests', []):
                assert isinstance(u, str) and u
            notes.append(f'{rid}: {len(e["tests"])} tests pass against reference')
        elif t == 'extract_entities':
            assert e['claims']
            for c in e['claims']:
                assert set(c) == {'kind', 'name', 'value'}
                assert c['kind'] in ('value', 'index', 'comparison', 'branch', 'loop', 'return')
                assert all(isinstance(c[k], str) for k in c)
        elif t == 'narrate_forward':
            ans = e['answer']
            ast.parse(ans, mode='eval')
            assert eval(ans) == eval(r['returned']), f'{ans} != {r["returned"]}'
            ns = {}
            exec(r['code'], ns)
            assert repr(eval(r['call'], ns)) == r['returned']
        elif t == 'narrate_backward':
            ans = e['answer']
            ast.parse(ans, mode='eval')
            ns = {}
            exec(r['code'], ns)
            assert repr(eval(ans, ns)) == r['returned'], 'answer call does not reproduce output'
            assert repr(eval(r['call'], ns)) == r['returned']
    except Exception as ex:
        err(rid, f'{type(ex).__name__}: {ex}')

by_t = defaultdict(list)
for r in rows: by_t[r['template']].append(r)
print(f'rows: {len(rows)}')
for t in TEMPLATES:
    fams = Counter(r['family'] for r in by_t[t])
    print(f'{t:18} n={len(by_t[t])} families={len(fams)} {dict(fams)}')
    if len(by_t[t]) != 6: err(t, f'expected 6 replies, got {len(by_t[t])}')
    if len(fams) < 5: err(t, f'only {len(fams)} families')
print('families:', dict(Counter(r['family'] for r in rows)))
print('modes:', dict(Counter(r['mode'] for r in rows)))
print('truncated:', sum(r['truncated'] for r in rows), ' unusable:', sum(not r['usable'] for r in rows))
for n in notes: print('ok', n)
print(f'ERRORS: {len(errors)}')
for x in errors: print('  ', x)
sys.exit(1 if errors else 0)
