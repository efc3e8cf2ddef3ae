"""Self-check of r68/replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, sys, collections
from collections import Counter

PATH = '/work/corpus/replies/r68/replies.jsonl'
TEMPLATES = ['concepts', 'instructions', 'signature', 'candidate_code', 'test_scenarios', 'candidate_tests',
             'extract_entities', 'narrate_forward', 'narrate_backward']
FAMILIES = {'mistral-small-24b', 'qwen2.5-coder-7b', 'llama-3.1-8b', 'gpt-4o-mini', 'deepseek-r1-distill', 'smollm2-135m'}
errors = []
def err(rid, msg): errors.append(f'{rid}: {msg}')

# sanity calls for candidate_code expected.code (expression -> expected value)
SANITY = {
 'r68-candidate_code-01': [('run_length_encode("aaabcc")', [("a", 3), ("b", 1), ("c", 2)]), ('run_length_encode("")', [])],
 'r68-candidate_code-02': [('(lambda h: (h.push(5), h.push(1), h.push(3), [h.pop(), h.pop(), h.pop(), h.pop()])[-1])(MinHeap())', [1, 3, 5, None])],
 'r68-candidate_code-03': [('longest_run([1, 1, 2, 2, 2, 3])', 3), ('longest_run([])', 0)],
 'r68-candidate_code-04': [('closest_fraction(3.141592653589793, 10)', (22, 7)), ('closest_fraction(0.5, 1)', (0, 1))],
 'r68-candidate_code-05': [('RangeSummer([1, 2, 3, 4]).query(1, 2)', 5)],
 'r68-candidate_code-06': [('low_median([4, 1, 3, 2])', 2), ('low_median([3, 1, 2])', 2)],
}
# reference implementations that candidate_tests are run against (code taken from candidate_code expected,
# plus one reference written here for char_overlap_ratio)
REF_EXTRA = '''
from collections import Counter as _C
def char_overlap_ratio(a, b):
    if not a and not b:
        return 1.0
    m = sum((_C(a) & _C(b)).values())
    return round(2 * m / (len(a) + len(b)), 3)
'''

rows = []
for i, line in enumerate(open(PATH, encoding='utf-8'), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        err(f'line {i}', f'does not parse: {e}')

ids = Counter(r.get('id') for r in rows)
for k, v in ids.items():
    if v > 1: err(k, 'duplicate id')

ref_ns = {}
exec(REF_EXTRA, ref_ns)
for r in rows:
    if r['template'] == 'candidate_code' and r['expected'].get('code'):
        exec(r['expected']['code'], ref_ns)

for r in rows:
    rid = r.get('id')
    for f in ('id', 'template', 'family', 'mode', 'prompt', 'reply', 'finish_reason', 'expected', 'truncated', 'usable', 'notes'):
        if f not in r: err(rid, f'missing field {f}')
    t = r['template']; e = r['expected']
    if t not in TEMPLATES: err(rid, f'bad template {t}')
    if r['family'] not in FAMILIES: err(rid, f'bad family {r["family"]}')
    if r['mode'] not in ('text', 'json_object'): err(rid, 'bad mode')
    if '{{' in r['prompt']: err(rid, 'unfilled slot in prompt')
    if r['truncated'] != (r['finish_reason'] == 'length'): err(rid, 'truncated/finish_reason mismatch')
    if e.get('truncated') != r['truncated'] or e.get('usable') != r['usable']: err(rid, 'expected flags mismatch')
    if r['mode'] == 'json_object' and not r['reply'].lstrip().startswith(('{', '[')): err(rid, 'json_object reply is not bare JSON')
    if not r['usable']:
        continue
    try:
        if t == 'concepts':
            for c in e['concepts']:
                assert set(c) == {'name', 'keyphrase', 'description', 'examples', 'difficulty'}, c
                assert c['difficulty'] in ('easy', 'medium', 'hard') and len(c['examples']) == 2
                assert c['keyphrase'] in r['prompt'], c['keyphrase']
        elif t == 'instructions':
            for it in e['instructions']:
                assert it['kind'] in ('function', 'class') and it['text'] in r['reply'], it
        elif t == 'signature':
            line = e['line']
            if e['kind'] == 'function':
                assert line.startswith('Function: ')
                fn = ast.parse('def ' + line[len('Function: '):] + ': pass').body[0]
                assert fn.name == e['name']
            else:
                parts = line.split('; ')
                assert parts[0] == 'Class: ' + e['name'] and parts[1].startswith('__init__(self')
                for m in parts[1:]:
                    ast.parse('def ' + m + ': pass')
        elif t == 'candidate_code':
            code = e['code']; ast.parse(code)
            ns = {}; exec(code, ns)
            calls = SANITY.get(rid)
            assert calls, 'no sanity call'
            for expr, want in calls:
                got = eval(expr, ns)
                assert got == want, (expr, got, want)
            assert 'assert' not in code and '__main__' not in code and 'print(' not in code
        elif t == 'test_scenarios':
            assert e['scenarios'] and all(isinstance(s, str) and s for s in e['scenarios'])
        elif t == 'candidate_tests':
            for test in e['tests']:
                node = ast.parse(test).body
                assert len(node) == 1 and isinstance(node[0], ast.Assert), test
                assert test in r['reply'] or r['mode'] == 'json_object', test
                exec(test, dict(ref_ns))  # the test passes against the reference
            for u in e.get('unusable_tests', []):
                assert isinstance(u, str) and u
        elif t == 'extract_entities':
            for c in e['claims']:
                assert c['kind'] in ('value', 'index', 'comparison', 'branch', 'loop', 'return')
                assert all(isinstance(c[k], str) for k in ('kind', 'name', 'value')), c
        elif t == 'narrate_forward':
            ans = e['answer']; ast.parse(ans, mode='eval')
            assert eval(ans) == eval(r['returned']) and repr(eval(ans)) == r['returned'], (ans, r['returned'])
            ns = {}; exec(r['code'], ns)
            assert repr(eval(r['call'], ns)) == r['returned']
        elif t == 'narrate_backward':
            ans = e['answer']; ast.parse(ans, mode='eval')
            ns = {}; exec(r['code'], ns)
            assert repr(eval(ans, ns)) == r['returned'], (ans, r['returned'])
            assert repr(eval(r['call'], ns)) == r['returned']
            assert ans.split('(')[0] == r['call'].split('(')[0]
    except Exception as ex:
        err(rid, f'check failed: {type(ex).__name__}: {ex}')

print(f'rows: {len(rows)}')
bt = Counter(r['template'] for r in rows)
print('per template:', dict(bt))
print('per family:', dict(Counter(r['family'] for r in rows)))
print('per mode:', dict(Counter(r['mode'] for r in rows)))
print('truncated:', sum(r['truncated'] for r in rows), ' unusable:', sum(not r['usable'] for r in rows))
for t in TEMPLATES:
    fams = {r['family'] for r in rows if r['template'] == t}
    print(f'  {t}: {bt[t]} replies, {len(fams)} families: {sorted(fams)}')
    if bt[t] != 6: err(t, f'{bt[t]} replies, want 6')
    if len(fams) < 5: err(t, f'only {len(fams)} families')
if errors:
    print('FAIL'); print('\n'.join(errors)); sys.exit(1)
print('PASS: all checks passed')
