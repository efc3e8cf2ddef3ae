"""Self-check of r39/replies.jsonl: parse, schema, Python validity, narrate answers, code sanity, tests vs reference."""
import ast, json, sys, collections
PATH = '/work/corpus/replies/r39/replies.jsonl'
TEMPLATES = {'concepts', 'instructions', 'signature', 'candidate_code', 'test_scenarios', 'candidate_tests',
             'extract_entities', 'narrate_forward', 'narrate_backward'}
SANITY = {
    'r39-candidate_code-01': ["run_length_encode('aaabcc') == [('a', 3), ('b', 1), ('c', 2)]", "run_length_encode('') == []"],
    'r39-candidate_code-02': ["median([4, 1, 3, 2]) == 2.5", "median([3, 1, 2]) == 2.0"],
    'r39-candidate_code-03': ["StepCounter([1, 3, 2, 5]).count_rises() == 2"],
    'r39-candidate_code-04': ["continued_fraction(415, 93) == [4, 2, 6, 7]", "continued_fraction(3, 8) == [0, 2, 1, 2]"],
    'r39-candidate_code-05': ["top_k(['b', 'a', 'b', 'c', 'a'], 2) == [('a', 2), ('b', 2)]"],
}
# reference implementations to run the expected candidate_tests against
REF = '''
def run_length_encode(s):
    out = []
    for ch in s:
        if out and out[-1][0] == ch: out[-1] = (ch, out[-1][1] + 1)
        else: out.append((ch, 1))
    return out
def median(v):
    o = sorted(v); n = len(o); m = n // 2
    return float(o[m]) if n % 2 else (o[m - 1] + o[m]) / 2
class StepCounter:
    def __init__(self, v): self.v = list(v)
    def count_rises(self): return sum(1 for a, b in zip(self.v, self.v[1:]) if b > a)
def top_k(words, k):
    c = {}
    for w in words: c[w] = c.get(w, 0) + 1
    return sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
def continued_fraction(n, d):
    t = []
    while d: q, r = divmod(n, d); t.append(q); n, d = d, r
    return t
def median_of_columns(rows):
    return [median(list(col)) for col in zip(*rows)]
'''
errors = []
def err(i, m): errors.append(f'{i}: {m}')
recs = []
for n, line in enumerate(open(PATH), 1):
    try:
        recs.append(json.loads(line))
    except Exception as e:
        err(f'line {n}', f'JSON parse error {e}')
ids = collections.Counter(r['id'] for r in recs)
for i, c in ids.items():
    if c > 1: err(i, 'duplicate id')
for r in recs:
    i, t, e = r['id'], r['template'], r['expected']
    for k in ('id', 'template', 'family', 'mode', 'prompt', 'reply', 'finish_reason', 'expected', 'truncated', 'usable', 'notes'):
        if k not in r: err(i, f'missing {k}')
    if t not in TEMPLATES: err(i, 'bad template')
    if r['mode'] not in ('text', 'json_object'): err(i, 'bad mode')
    if '{{' in r['prompt']: err(i, 'unrendered slot in prompt')
    if f'Task: {t}' not in r['prompt']: err(i, 'prompt is not of its template')
    if (r['finish_reason'] == 'length') != r['truncated']: err(i, 'finish_reason/truncated mismatch')
    if e.get('truncated') != r['truncated'] or e.get('usable') != r['usable']: err(i, 'expected flags mismatch')
    try:
        if t == 'concepts':
            for c in e['concepts']:
                assert set(c) == {'name', 'keyphrase', 'description', 'examples', 'difficulty'}, c
                assert c['difficulty'] in ('easy', 'medium', 'hard') and len(c['examples']) == 2
                assert c['keyphrase'] in r['prompt'], 'keyphrase not in prompt'
        elif t == 'instructions':
            for x in e['instructions']:
                assert x['kind'] in ('function', 'class') and x['text'] and x['text'] in r['reply'], x
        elif t == 'signature':
            assert e['kind'] in ('function', 'class')
            pre = 'Function: ' if e['kind'] == 'function' else 'Class: '
            assert e['line'].startswith(pre) and e['name'] in e['line']
            parts = e['line'][len(pre):].split('; ')
            defs = parts if e['kind'] == 'function' else parts[1:]
            if e['kind'] == 'class': assert parts[0] == e['name']
            for d in defs:
                ast.parse(f'def {d}: pass')
        elif t == 'candidate_code':
            ast.parse(e['code'])
            if r['usable']:
                assert e['code'] in r['reply'] or json.loads(r['reply']).get('code') == e['code']
                g = {}
                exec(e['code'], g)
                for call in SANITY[i]:
                    assert eval(call, g), f'sanity failed: {call}'
        elif t == 'test_scenarios':
            assert all(isinstance(s, str) and s for s in e['scenarios'])
        elif t == 'candidate_tests':
            g = {}
            exec(REF, g)
            for tst in e['tests']:
                node = ast.parse(tst)
                assert len(node.body) == 1 and isinstance(node.body[0], ast.Assert), tst
                assert tst in r['reply'] or json.dumps(tst)[1:-1] in r['reply'], f'test not verbatim: {tst}'
                exec(tst, g)
            assert isinstance(e.get('unusable_tests', []), list)
        elif t == 'extract_entities':
            for c in e['claims']:
                assert c['kind'] in ('value', 'index', 'comparison', 'branch', 'loop', 'return')
                assert isinstance(c['value'], str) and isinstance(c['name'], str)
        elif t == 'narrate_forward':
            ast.parse(e['answer'], mode='eval')
            assert eval(e['answer']) == ast.literal_eval(r['returned']), 'answer != returned'
            g = {}; exec(r['code'], g)
            assert repr(eval(r['call'], g)) == r['returned'], 'call does not give returned'
        elif t == 'narrate_backward':
            ast.parse(e['answer'], mode='eval')
            g = {}; exec(r['code'], g)
            assert repr(eval(e['answer'], g)) == r['returned'], 'answer call != returned'
            assert repr(eval(r['call'], g)) == r['returned']
            assert f"Output\n{r['returned']}\n" in r['prompt']
    except Exception as ex:
        err(i, f'{type(ex).__name__}: {ex}')
C = collections.Counter
print(f'records: {len(recs)}')
print('per template:', dict(C(r['template'] for r in recs)))
print('per family:', dict(C(r['family'] for r in recs)))
print('per mode:', dict(C(r['mode'] for r in recs)))
print('truncated:', sum(r['truncated'] for r in recs), ' unusable:', sum(not r['usable'] for r in recs))
for t in sorted(TEMPLATES):
    fams = {r['family'] for r in recs if r['template'] == t}
    if len(fams) < 5: errors.append(f'{t}: only {len(fams)} families')
    print(f'  {t}: {len(fams)} families')
print('errors:', len(errors))
for x in errors: print('  ', x)
print('OK' if not errors else 'FAIL')
sys.exit(1 if errors else 0)
