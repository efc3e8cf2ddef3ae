"""Self-check for r32 replies.jsonl (standard library only). Usage: python3 check.py > check_report.txt"""
import ast, json, sys, collections

PATH = 'replies.jsonl'
TEMPLATES = ['concepts', 'instructions', 'signature', 'candidate_code', 'test_scenarios',
             'candidate_tests', 'extract_entities', 'narrate_forward', 'narrate_backward']
FAMILIES = {'mistral-small-24b', 'qwen2.5-coder-7b', 'llama-3.1-8b', 'gpt-4o-mini', 'deepseek-r1-distill', 'smollm2-135m'}
SANITY = {  # candidate_code id -> list of (expression, expected value)
    'r32-candidate_code-01': [("encode_runs('aaabcc')", [('a', 3), ('b', 1), ('c', 2)]), ("encode_runs('')", [])],
    'r32-candidate_code-02': [("count_in_range([1, 3, 3, 5, 8], 3, 5)", 3), ("count_in_range([], 0, 1)", 0), ("count_in_range([1, 2], 5, 1)", 0)],
    'r32-candidate_code-03': [("add_fractions((1, 2), (1, 3))", (5, 6)), ("add_fractions((1, 4), (-1, 4))", (0, 1)), ("add_fractions((1, -2), (1, 1))", (1, 2))],
    'r32-candidate_code-04': [("wrap_words('the quick brown fox', 10)", ['the quick', 'brown fox']), ("wrap_words('extraordinary', 4)", ['extraordinary'])],
    'r32-candidate_code-05': [("grade_for(85, [60, 70, 80, 90], 'FDCBA')", 'B'), ("grade_for(90, [60, 70, 80, 90], 'FDCBA')", 'A'), ("grade_for(10, [60, 70, 80, 90], 'FDCBA')", 'F')],
    'r32-candidate_code-06': [("(lambda h: ([h.push(x) for x in [5, 1, 4, 1, -3, 9]], [h.pop() for _ in range(6)])[1])(MinHeap())", [-3, 1, 1, 4, 5, 9])],
}
EXTRA_REFS = '''
def prefix_sums(nums):
    out, t = [], 0
    for x in nums:
        t += x
        out.append(t)
    return out

def is_min_heap(a):
    return all(a[(i - 1) // 2] <= a[i] for i in range(1, len(a)))
'''

errors, notes = [], []
def json_strings(v):
    """All string values inside a parsed JSON value."""
    if isinstance(v, str): yield v
    elif isinstance(v, dict):
        for w in v.values(): yield from json_strings(w)
    elif isinstance(v, list):
        for w in v: yield from json_strings(w)
def err(rid, msg):
    errors.append(f'{rid}: {msg}')

rows = []
for n, line in enumerate(open(PATH), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        err(f'line {n}', f'does not parse: {e}')

# reference namespace: all candidate_code solutions + extra refs, to run candidate tests against
ref_ns = {}
exec(EXTRA_REFS, ref_ns)
for r in rows:
    if r.get('template') == 'candidate_code':
        exec(r['expected']['code'], ref_ns)

ids = set()
for r in rows:
    rid = r.get('id', '?')
    for k in ['id', 'template', 'family', 'mode', 'prompt', 'reply', 'finish_reason', 'expected', 'truncated', 'usable', 'notes']:
        if k not in r:
            err(rid, f'missing key {k}')
    if rid in ids: err(rid, 'duplicate id')
    ids.add(rid)
    t, x = r['template'], r['expected']
    if t not in TEMPLATES: err(rid, 'bad template')
    if r['family'] not in FAMILIES: err(rid, 'bad family')
    if r['mode'] not in ('text', 'json_object'): err(rid, 'bad mode')
    if '{{' in r['prompt']: err(rid, 'unrendered slot in prompt')
    if (r['finish_reason'] == 'length') != r['truncated']: err(rid, 'finish_reason/truncated mismatch')
    if r['mode'] == 'json_object':
        try: json.loads(r['reply'])
        except Exception: err(rid, 'json_object reply is not JSON')
    if r['family'] == 'deepseek-r1-distill' and not r['reply'].startswith('<think>'): err(rid, 'reasoning model reply without think')
    if not r['usable']:
        continue
    try:
        if t == 'concepts':
            assert x['concepts'], 'no concepts'
            for c in x['concepts']:
                assert set(c) == {'name', 'keyphrase', 'description', 'examples', 'difficulty'}, c
                assert c['difficulty'] in ('easy', 'medium', 'hard')
                assert c['keyphrase'] in r['prompt'], 'keyphrase not in prompt'
        elif t == 'instructions':
            for i in x['instructions']:
                assert i['kind'] in ('function', 'class')
                if r['mode'] == 'text': assert i['text'] in r['reply'], 'text not verbatim in reply'
        elif t == 'signature':
            line = x['line']
            if x['kind'] == 'function':
                assert line.startswith('Function: ')
                ast.parse('def ' + line[len('Function: '):] + ': pass')
                assert line[len('Function: '):].startswith(x['name'] + '(')
            else:
                assert line.startswith('Class: ' + x['name'] + '; __init__(self')
                for part in line.split('; ')[1:]:
                    ast.parse('def ' + part + ': pass')
        elif t == 'candidate_code':
            ast.parse(x['code'])
            ns = {}
            exec(x['code'], ns)
            assert rid in SANITY, 'no sanity call'
            for expr, want in SANITY[rid]:
                got = eval(expr, ns)
                assert got == want, f'{expr} -> {got!r}, want {want!r}'
            assert 'if __name__' not in x['code'] and 'assert ' not in x['code']
        elif t == 'test_scenarios':
            assert x['scenarios']
            for s in x['scenarios']:
                assert s in r['reply'], f'scenario not verbatim: {s}'
        elif t == 'candidate_tests':
            for s in x['tests']:
                tree = ast.parse(s)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert), s
                assert s in r['reply'] or r['mode'] == 'json_object', f'test not verbatim: {s}'
                if r['mode'] == 'json_object': assert any(s in v for v in json_strings(json.loads(r['reply']))), f'test not in JSON reply: {s}'
                exec(s, dict(ref_ns))  # the test passes against the reference solution
            for u in x.get('unusable_tests', []):
                assert u.get('reason'), 'unusable test without reason'
        elif t == 'extract_entities':
            assert x['claims']
            for c in x['claims']:
                assert c['kind'] in ('value', 'index', 'comparison', 'branch', 'loop', 'return')
                assert isinstance(c['value'], str) and isinstance(c['name'], str)
        elif t == 'narrate_forward':
            ast.parse(x['answer'], mode='eval')
            assert eval(x['answer']) == eval(r['returned']), 'answer != returned'
            ns = {}; exec(r['code'], ns)
            assert repr(eval(r['call'], ns)) == r['returned'], 'call does not give returned'
        elif t == 'narrate_backward':
            ast.parse(x['answer'], mode='eval')
            ns = {}; exec(r['code'], ns)
            assert repr(eval(x['answer'], ns)) == r['returned'], 'answer call does not give returned'
    except Exception as e:
        err(rid, f'{type(e).__name__}: {e}')
    if r['truncated'] and t in ('narrate_forward', 'narrate_backward') and x: err(rid, 'truncated narration should have no answer')

print(f'rows: {len(rows)}')
by_t = collections.Counter(r['template'] for r in rows)
print('per template:', dict(by_t))
for t in TEMPLATES:
    fams = collections.Counter(r['family'] for r in rows if r['template'] == t)
    print(f'  {t}: {len(fams)} families {dict(fams)}')
    if len(fams) < 5: err(t, 'fewer than 5 families')
    if by_t[t] != 6: err(t, f'{by_t[t]} replies, want 6')
print('per family:', dict(collections.Counter(r['family'] for r in rows)))
print('per mode:', dict(collections.Counter(r['mode'] for r in rows)))
print('truncated:', sum(r['truncated'] for r in rows), ' unusable:', sum(not r['usable'] for r in rows))
print()
if errors:
    print(f'FAIL: {len(errors)} problem(s)')
    for e in errors: print('  ' + e)
    sys.exit(1)
print('PASS: all checks passed')
