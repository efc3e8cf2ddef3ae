"""Self-check for r69 replies.jsonl: parse, schema, ast.parse of code/tests/answers, narrate answers, sanity calls."""
import ast, json, collections, sys
PATH = '/work/corpus/replies/r69/replies.jsonl'
errs = []; rows = []
for i, line in enumerate(open(PATH, encoding='utf-8'), 1):
    try: rows.append(json.loads(line))
    except Exception as e: errs.append(f'line {i}: bad json {e}')
KEYS = {'id','template','family','mode','prompt','reply','finish_reason','expected','truncated','usable','notes'}
SANITY = {  # candidate_code id -> list of (call, expected)
 'r69-candidate_code-01': [("run_length_encode('aaabcc')", [('a',3),('b',1),('c',2)]), ("run_length_encode('')", [])],
 'r69-candidate_code-02': [("window_max([1, 3, -1, -3, 5, 3, 6, 7], 3)", [3,3,5,5,6,7])],
 'r69-candidate_code-03': [("(lambda r: (r.add(5), r.add(1)))(RunningMedian())", (5.0, 3.0))],
 'r69-candidate_code-04': [("longest_run([1, 2, 2, 2, 3])", 3), ("longest_run([])", 0)],
 'r69-candidate_code-05': [("FuzzyIndex(['cat', 'car', 'dog']).closest('cab')", 'cat'), ("FuzzyIndex([]).closest('x')", None)],
}
REF = '''
from collections import deque
import bisect
def run_length_encode(s):
    r = []
    for ch in s:
        if r and r[-1][0] == ch: r[-1] = (ch, r[-1][1] + 1)
        else: r.append((ch, 1))
    return r
def window_max(nums, k):
    return [max(nums[i:i+k]) for i in range(len(nums) - k + 1)] if 0 < k <= len(nums) else []
class RunningMedian:
    def __init__(self): self.v = []
    def add(self, x):
        bisect.insort(self.v, x); n = len(self.v); m = n // 2
        return float(self.v[m]) if n % 2 else (self.v[m-1] + self.v[m]) / 2
def longest_run(nums):
    best = cur = 0; prev = object()
    for x in nums:
        cur = cur + 1 if x == prev else 1; prev = x; best = max(best, cur)
    return best
def prefix_products(nums):
    out = []; p = 1
    for x in nums: p *= x; out.append(p)
    return out
def median_low(values):
    v = sorted(values); return v[(len(v) - 1) // 2]
'''
ids = set()
for r in rows:
    rid = r.get('id'); miss = KEYS - set(r)
    if miss: errs.append(f'{rid}: missing {miss}')
    if rid in ids: errs.append(f'{rid}: duplicate id')
    ids.add(rid)
    e = r['expected']; t = r['template']
    if e.get('truncated') != r['truncated'] or e.get('usable') != r['usable']: errs.append(f'{rid}: flag mismatch')
    if r['truncated'] != (r['finish_reason'] == 'length'): errs.append(f'{rid}: truncated vs finish_reason')
    if r['mode'] not in ('text', 'json_object'): errs.append(f'{rid}: mode')
    if '{{' in r['prompt']: errs.append(f'{rid}: unrendered slot')
    if not r['usable']: continue
    try:
        if t == 'concepts':
            for c in e['concepts']:
                assert set(c) == {'name','keyphrase','description','examples','difficulty'} and isinstance(c['examples'], list) and c['difficulty'] in ('easy','medium','hard')
        elif t == 'instructions':
            for it in e['instructions']: assert it['kind'] in ('function','class') and it['text'] and not it['text'].startswith('[')
        elif t == 'signature':
            line = e['line']; kind = e['kind']
            assert line.startswith('Function: ' if kind == 'function' else 'Class: ') and e['name'] in line
            if kind == 'function': ast.parse('def ' + line[len('Function: '):] + ': pass')
            else:
                parts = line.split('; ')
                for m in parts[1:]: ast.parse('def ' + m + ': pass')
        elif t == 'candidate_code':
            ast.parse(e['code']); ns = {}; exec(e['code'], ns)
            for call, want in SANITY[rid]:
                got = eval(call, ns); assert got == want, (call, got, want)
        elif t == 'test_scenarios':
            assert e['scenarios'] and all(isinstance(s, str) for s in e['scenarios'])
        elif t == 'candidate_tests':
            ns = {}; exec(REF, ns)
            for tst in e['tests']:
                tree = ast.parse(tst); assert isinstance(tree.body[0], ast.Assert) and len(tree.body) == 1
                exec(tst, ns)  # must pass against a reference implementation
        elif t == 'extract_entities':
            for c in e['claims']: assert set(c) == {'kind','name','value'} and all(isinstance(v, str) for v in c.values())
        elif t == 'narrate_forward':
            ast.parse(e['answer'], mode='eval')
            assert eval(e['answer']) == eval(r['returned']) and repr(eval(e['answer'])) == r['returned'], (e['answer'], r['returned'])
        elif t == 'narrate_backward':
            ast.parse(e['answer'], mode='eval'); ns = {}; exec(r['code'], ns)
            assert repr(eval(e['answer'], ns)) == r['returned'], (e['answer'], r['returned'])
            assert repr(eval(r['call'], ns)) == r['returned']
        if t.startswith('narrate'):
            ns = {}; exec(r['code'], ns); assert repr(eval(r['call'], ns)) == r['returned']
    except Exception as ex:
        errs.append(f'{rid}: {type(ex).__name__} {ex}')
C = lambda k: dict(sorted(collections.Counter(r[k] for r in rows).items()))
print('rows:', len(rows))
print('per template:', C('template'))
print('per family:', C('family'))
print('per mode:', C('mode'))
print('truncated:', sum(r['truncated'] for r in rows), 'unusable:', sum(not r['usable'] for r in rows))
fam_per_t = collections.defaultdict(set)
for r in rows: fam_per_t[r['template']].add(r['family'])
for t, fs in sorted(fam_per_t.items()):
    if len(fs) < 5: errs.append(f'{t}: only {len(fs)} families')
print('families per template:', {t: len(fs) for t, fs in sorted(fam_per_t.items())})
print('ERRORS:' if errs else 'ALL CHECKS PASS', *errs, sep='\n')
sys.exit(1 if errs else 0)
