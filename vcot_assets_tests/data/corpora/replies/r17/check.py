"""Self-check for r17 replies.jsonl. Usage: python3 check.py > check_report.txt"""
import ast, json, re, sys
from collections import Counter

PATH = sys.argv[1] if len(sys.argv) > 1 else '/work/corpus/replies/r17/replies.jsonl'
TEMPLATES = ['concepts', 'instructions', 'signature', 'candidate_code', 'test_scenarios',
             'candidate_tests', 'extract_entities', 'narrate_forward', 'narrate_backward']
FAMILIES = {'mistral-small-24b', 'qwen2.5-coder-7b', 'llama-3.1-8b', 'gpt-4o-mini', 'deepseek-r1-distill', 'smollm2-135m'}
KEYS = ['id', 'template', 'family', 'mode', 'prompt', 'reply', 'finish_reason', 'expected', 'truncated', 'usable', 'notes']

# sanity calls for candidate_code entries: (expression, expected value)
SANITY = {
    'prefix_sums': [("prefix_sums([1, 2, 3])", [1, 3, 6]), ("prefix_sums([])", [])],
    'run_lengths': [("run_lengths('aaabcc')", [('a', 3), ('b', 1), ('c', 2)]), ("run_lengths('')", [])],
    'Tally': [("Tally(10).add(5)", 15)],
    'median': [("median([3, 1, 2])", 2), ("median([4, 1, 3, 2])", 2.5)],
    'TaskQueue': [("(lambda q: (q.push('a', 2), q.push('b', 1), q.push('c', 1), [q.pop(), q.pop(), q.pop(), q.pop()])[-1])(TaskQueue())", ['b', 'c', 'a', None])],
    'k_smallest': [("k_smallest([5, 1, 4, 2], 2)", [1, 2]), ("k_smallest([3], 0)", [])],
}
# reference implementations used to run the extracted candidate tests
REFERENCE = '''
def balance_history(start, changes):
    out = []
    for c in changes:
        start += c
        out.append(start)
    return out
'''

errors = []
def err(rid, msg): errors.append(f'{rid}: {msg}')

rows = []
for n, line in enumerate(open(PATH), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        err(f'line {n}', f'does not parse: {e}')

code_ns = {}  # namespace with all candidate solutions, for running the tests
ids = Counter(r.get('id') for r in rows)
for rid, c in ids.items():
    if c > 1: err(rid, 'duplicate id')

for r in rows:
    rid = r.get('id')
    for k in KEYS:
        if k not in r: err(rid, f'missing key {k}')
    t, e = r['template'], r['expected']
    if t not in TEMPLATES: err(rid, f'bad template {t}')
    if not rid.startswith(f'r17-{t}-'): err(rid, 'id does not match template')
    if r['family'] not in FAMILIES: err(rid, f'bad family {r["family"]}')
    if r['mode'] not in ('text', 'json_object'): err(rid, 'bad mode')
    if r['finish_reason'] != ('length' if r['truncated'] else 'stop'): err(rid, 'finish_reason/truncated mismatch')
    if '{{' in r['prompt']: err(rid, 'unfilled slot in prompt')
    if f'Task: {t}' not in r['prompt']: err(rid, 'prompt is not this template')
    if r['mode'] == 'json_object' and not r['reply'].lstrip().startswith('{'):
        err(rid, 'json_object reply is not bare JSON')
    if r['mode'] == 'json_object':
        try: json.loads(r['reply'])
        except Exception as ex: err(rid, f'json_object reply does not parse: {ex}')
    if r['family'] == 'deepseek-r1-distill' and r['mode'] == 'text' and not r['reply'].startswith('<think>'):
        err(rid, 'deepseek reply without <think>')
    usable = r['usable']
    try:
        if t == 'concepts':
            for c in e['concepts']:
                assert set(c) == {'name', 'keyphrase', 'description', 'examples', 'difficulty'}, c
                assert c['difficulty'] in ('easy', 'medium', 'hard')
                assert c['keyphrase'] in r['prompt'], ('keyphrase not in prompt', c['keyphrase'])
                assert c['name'] in r['reply']
            assert usable == bool(e['concepts'])
        elif t == 'instructions':
            for i in e['instructions']:
                assert i['kind'] in ('function', 'class')
                assert i['text'] in r['reply'], ('text not verbatim in reply', i['text'][:40])
                assert not re.match(r'^\s*(\d+\.|\[)', i['text'])
        elif t == 'signature':
            line = e['line']
            if e['kind'] == 'function':
                assert re.fullmatch(r'Function: (\w+)\(.*\) -> .+', line), line
                ast.parse(f"def {line[len('Function: '):]}: pass")
            else:
                parts = line.split('; ')
                assert re.fullmatch(r'Class: \w+', parts[0]) and parts[1].startswith('__init__(self'), line
                for p in parts[1:]: ast.parse(f"def {p}: pass")
            assert e['name'] in line
        elif t == 'candidate_code':
            ast.parse(e['code'])
            assert e['code'] in r['reply'] or r['mode'] == 'json_object'
            ns = {}
            exec(e['code'], ns)
            name = next(n for n in SANITY if n in ns)
            for expr, want in SANITY[name]:
                got = eval(expr, ns)
                assert got == want, (expr, got, want)
            code_ns.update({k: v for k, v in ns.items() if not k.startswith('__')})
        elif t == 'test_scenarios':
            for s in e['scenarios']:
                assert s in r['reply'], s
            assert usable == bool(e['scenarios'])
        elif t == 'candidate_tests':
            assert 'unusable_tests' in e
            for s in e['tests']:
                tree = ast.parse(s)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert)
                assert isinstance(tree.body[0].test, ast.Compare) and isinstance(tree.body[0].test.ops[0], ast.Eq)
                if r['mode'] == 'text':
                    assert s in r['reply'], s
        elif t == 'extract_entities':
            for c in e['claims']:
                assert c['kind'] in ('value', 'index', 'comparison', 'branch', 'loop', 'return'), c
                assert all(isinstance(c[k], str) for k in ('kind', 'name', 'value')), c
        elif t in ('narrate_forward', 'narrate_backward'):
            for k in ('code', 'call', 'returned'):
                assert k in r, f'missing {k}'
            ns = {}
            exec(r['code'], ns)
            assert repr(eval(r['call'], ns)) == r['returned'], 'call does not give returned'
            if usable:
                ans = e['answer']
                ast.parse(ans, mode='eval')
                if t == 'narrate_forward':
                    assert eval(ans, {}) == eval(r['returned'], {}), (ans, r['returned'])
                else:
                    assert ans.split('(')[0] == r['call'].split('(')[0]
                    assert repr(eval(ans, ns)) == r['returned'], (ans, r['returned'])
            else:
                assert e.get('answer') is None
    except Exception as ex:
        err(rid, f'expected check failed: {ex!r}')

# run extracted candidate tests against the candidate solutions plus reference code
exec(REFERENCE, code_ns)
ntests = 0
for r in rows:
    if r['template'] == 'candidate_tests':
        for s in r['expected']['tests']:
            ntests += 1
            try:
                exec(s, dict(code_ns))
            except Exception as ex:
                err(r['id'], f'test fails against solution: {s} ({ex!r})')

by_t = Counter(r['template'] for r in rows)
fam_per_t = {t: len({r['family'] for r in rows if r['template'] == t}) for t in TEMPLATES}
for t in TEMPLATES:
    if by_t[t] != 6: err(t, f'{by_t[t]} replies, want 6')
    if fam_per_t[t] < 5: err(t, f'only {fam_per_t[t]} families')

print(f'rows: {len(rows)}')
print('per template:', dict(by_t))
print('families per template:', fam_per_t)
print('per family:', dict(Counter(r['family'] for r in rows)))
print('per mode:', dict(Counter(r['mode'] for r in rows)))
print('truncated:', sum(r['truncated'] for r in rows), ' unusable:', sum(not r['usable'] for r in rows))
print(f'candidate tests executed against solutions: {ntests}')
print(f'errors: {len(errors)}')
for x in errors: print('  ', x)
print('RESULT:', 'PASS' if not errors else 'FAIL')
sys.exit(1 if errors else 0)
