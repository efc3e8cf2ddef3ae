"""Self-check for r23/replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, re, sys, collections

PATH = '/work/corpus/replies/r23/replies.jsonl'
TEMPLATES = {'concepts', 'instructions', 'signature', 'candidate_code', 'test_scenarios',
             'candidate_tests', 'extract_entities', 'narrate_forward', 'narrate_backward'}
FAMILIES = {'mistral-small-24b', 'qwen2.5-coder-7b', 'llama-3.1-8b', 'gpt-4o-mini',
            'deepseek-r1-distill', 'smollm2-135m'}
KEYS = {'id', 'template', 'family', 'mode', 'prompt', 'reply', 'finish_reason', 'expected',
        'truncated', 'usable', 'notes'}

# sanity calls for candidate_code (statement, must evaluate to True)
SANITY = {
    'r23-candidate_code-01': ['k_smallest([5, 1, 4, 2], 2) == [1, 2]', 'k_smallest([3], 5) == [3]'],
    'r23-candidate_code-02': ['insert_sorted([1, 3, 5], 4) == [1, 3, 4, 5]', 'insert_sorted([], 7) == [7]'],
    'r23-candidate_code-03': ['wrap_words("the quick brown fox jumps", 10) == ["the quick", "brown fox", "jumps"]'],
    'r23-candidate_code-04': ['median([3, 1, 2]) == 2.0', 'median([4, 1, 3, 2]) == 2.5'],
    'r23-candidate_code-05': ['[m.add(x) for m in [RunningMedian()] for x in (5, 1, 3)] == [5.0, 3.0, 3.0]'],
    'r23-candidate_code-06': ['(lambda q: (q.push(2, "b"), q.push(1, "a"), q.push(1, "c"), [q.pop_next() for _ in range(4)])[-1])(TaskQueue()) == ["a", "c", "b", None]'],
}
# reference implementations the candidate tests are run against (tests should also be right)
REF_FOR_TESTS = {'wrap_words': 'r23-candidate_code-03', 'k_smallest': 'r23-candidate_code-01',
                 'median': 'r23-candidate_code-04', 'insert_sorted': 'r23-candidate_code-02',
                 'RunningMedian': 'r23-candidate_code-05'}
RUN_LENGTHS = '''def run_lengths(s):
    out = []
    for ch in s:
        if out and out[-1][0] == ch:
            out[-1] = (ch, out[-1][1] + 1)
        else:
            out.append((ch, 1))
    return out
'''

errors = []
def err(rid, msg):
    errors.append(f'{rid}: {msg}')

recs = []
for n, line in enumerate(open(PATH), 1):
    try:
        recs.append(json.loads(line))
    except Exception as e:
        err(f'line {n}', f'JSON parse error {e}')

codes = {r['id']: r['expected'].get('code') for r in recs if r.get('template') == 'candidate_code'}
ids = collections.Counter(r.get('id') for r in recs)
for k, v in ids.items():
    if v > 1:
        err(k, 'duplicate id')

for r in recs:
    rid = r.get('id', '?')
    miss = KEYS - set(r)
    if miss:
        err(rid, f'missing keys {miss}'); continue
    t = r['template']
    if t not in TEMPLATES: err(rid, 'bad template')
    if not rid.startswith(f'r23-{t}-'): err(rid, 'id/template mismatch')
    if r['family'] not in FAMILIES: err(rid, 'bad family')
    if r['mode'] not in ('text', 'json_object'): err(rid, 'bad mode')
    if r['finish_reason'] not in ('stop', 'length'): err(rid, 'bad finish_reason')
    if (r['finish_reason'] == 'length') != r['truncated']: err(rid, 'finish_reason/truncated mismatch')
    if '{{' in r['prompt'] or f'Task: {t}' not in r['prompt']: err(rid, 'prompt not rendered')
    if not isinstance(r['usable'], bool) or not isinstance(r['truncated'], bool): err(rid, 'flags not bool')
    if r['mode'] == 'json_object' and r['reply'].lstrip()[:1] not in '{[': err(rid, 'json_object reply not bare JSON')
    if r['family'] == 'deepseek-r1-distill' and r['reply'] and not r['reply'].startswith('<think>'): err(rid, 'deepseek reply without <think>')
    e = r['expected']
    usable = r['usable']
    try:
        if t == 'concepts':
            for c in e['concepts']:
                assert set(c) == {'name', 'keyphrase', 'description', 'examples', 'difficulty'}, c
                assert c['difficulty'] in ('easy', 'medium', 'hard') and isinstance(c['examples'], list)
                assert c['keyphrase'] in r['prompt'], 'keyphrase not in prompt'
                assert c['name'] in r['reply']
            assert usable == bool(e['concepts'])
        elif t == 'instructions':
            for i in e['instructions']:
                assert i['kind'] in ('function', 'class') and i['text'].strip()
                assert i['text'] in r['reply'] or json.dumps(i['text'])[1:-1] in r['reply'], 'text not in reply'
            assert usable == bool(e['instructions'])
        elif t == 'signature':
            line = e['line']
            if e['kind'] == 'function':
                m = re.fullmatch(r'Function: (\w+)\((.*)\) -> (.+)', line)
                assert m and m.group(1) == e['name'], 'bad function line'
                ast.parse(f'def {m.group(1)}({m.group(2)}) -> {m.group(3)}: pass')
            else:
                parts = line.split('; ')
                assert parts[0] == f'Class: {e["name"]}' and parts[1].startswith('__init__(self'), 'bad class line'
                for meth in parts[1:]:
                    mm = re.fullmatch(r'(\w+)\((.*)\) -> (.+)', meth)
                    assert mm, meth
                    ast.parse(f'def {mm.group(1)}({mm.group(2)}) -> {mm.group(3)}: pass')
        elif t == 'candidate_code':
            if usable:
                ast.parse(e['code'])
                assert e['code'] in r['reply'] or json.dumps(e['code'])[1:-1] in r['reply'], 'code not verbatim in reply'
                assert '__main__' not in e['code'] and 'assert' not in e['code']
                ns = {}
                exec(e['code'], ns)
                calls = SANITY.get(rid)
                assert calls, 'no sanity call'
                for c in calls:
                    assert eval(c, ns) is True, f'sanity failed: {c}'
        elif t == 'test_scenarios':
            assert all(isinstance(s, str) and s.strip() for s in e['scenarios'])
            assert usable == bool(e['scenarios'])
        elif t == 'candidate_tests':
            for tst in e['tests']:
                tree = ast.parse(tst)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert), tst
                assert tst in r['reply'] or json.dumps(tst)[1:-1] in r['reply'], 'test not verbatim in reply'
                call = tree.body[0].test.left
                fname = call.func.value.func.id if isinstance(call.func, ast.Attribute) else call.func.id
                ns = {}
                if fname == 'run_lengths':
                    exec(RUN_LENGTHS, ns)
                else:
                    exec(codes[REF_FOR_TESTS[fname]], ns)
                exec(tst, ns)
            assert isinstance(e.get('unusable_tests', []), list)
        elif t == 'extract_entities':
            for c in e['claims']:
                assert set(c) == {'kind', 'name', 'value'}
                assert c['kind'] in ('value', 'index', 'comparison', 'branch', 'loop', 'return')
                assert all(isinstance(c[k], str) for k in c), 'non-string claim field'
            assert usable == bool(e['claims'])
        elif t == 'narrate_forward':
            ast.parse(e['answer'], mode='eval')
            assert eval(e['answer']) == eval(r['returned']), 'answer != returned'
            assert repr(eval(e['answer'])) == r['returned']
            assert r['code'] in r['prompt'] and r['call'] in r['prompt']
        elif t == 'narrate_backward':
            ast.parse(e['answer'], mode='eval')
            ns = {}
            exec(r['code'], ns)
            assert repr(eval(e['answer'], ns)) == r['returned'], 'answer call does not give returned'
            assert r['code'] in r['prompt'] and r['returned'] in r['prompt']
    except Exception as ex:
        err(rid, f'{type(ex).__name__}: {ex}')

print(f'records: {len(recs)}')
by_t = collections.Counter(r['template'] for r in recs)
print('per template:', dict(sorted(by_t.items())))
fam_t = collections.defaultdict(set)
for r in recs:
    fam_t[r['template']].add(r['family'])
for t in sorted(fam_t):
    n = len(fam_t[t])
    if n < 5: err(t, f'only {n} families')
    print(f'  {t}: {n} families')
print('per family:', dict(sorted(collections.Counter(r['family'] for r in recs).items())))
print('per mode:', dict(collections.Counter(r['mode'] for r in recs)))
print('truncated:', sum(r['truncated'] for r in recs), ' unusable:', sum(not r['usable'] for r in recs))
if errors:
    print(f'FAIL: {len(errors)} problem(s)')
    for x in errors: print('  ' + x)
    sys.exit(1)
print('PASS: all checks passed')
