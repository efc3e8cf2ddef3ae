"""Self-check for r105 replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, collections, sys, bisect

PATH = '/work/corpus/replies/r105/replies.jsonl'
TEMPLATES = ['concepts', 'instructions', 'signature', 'candidate_code', 'test_scenarios',
             'candidate_tests', 'extract_entities', 'narrate_forward', 'narrate_backward']
FAMILIES = {'mistral-small-24b', 'qwen2.5-coder-7b', 'llama-3.1-8b', 'gpt-4o-mini', 'deepseek-r1-distill', 'smollm2-135m'}
errors = []
def err(rid, msg): errors.append(f'{rid}: {msg}')

rows = []
for n, line in enumerate(open(PATH, encoding='utf-8'), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        err(f'line{n}', f'JSON parse error {e}')

def json_strings(reply):
    """All string values of a JSON reply (for json_object mode), else []."""
    try:
        obj = json.loads(reply)
    except Exception:
        return []
    out = []
    def walk(o):
        if isinstance(o, str): out.append(o)
        elif isinstance(o, dict): [walk(v) for v in o.values()]
        elif isinstance(o, list): [walk(v) for v in o]
    walk(obj)
    return out

def in_reply(text, r):
    return text in r['reply'] or any(text in s for s in json_strings(r['reply']))

# sanity calls for candidate_code (by id) and reference implementations for candidate_tests
SANITY = {
    'r105-candidate_code-01': ["is_min_heap([1, 3, 2, 7, 4]) == True", "is_min_heap([5, 3, 8]) == False", "is_min_heap([]) == True"],
    'r105-candidate_code-02': ["common_indent('    a\\n      b\\n\\n    c') == 4", "common_indent('\\n') == 0"],
    'r105-candidate_code-03': ["reduce_fraction(8, 6) == (4, 3)", "reduce_fraction(3, -9) == (-1, 3)"],
    'r105-candidate_code-04': ["SortedBag([3, 1]).add(2) == [1, 2, 3]", "SortedBag().add(5) == [5]"],
    'r105-candidate_code-05': ["longest_match([7, 1, 2, 3, 7], [0, 1, 2, 3]) == (1, 1, 3)", "longest_match([1, 2], [3, 4]) == (0, 0, 0)", "longest_match([4, 9, 4], [4]) == (0, 0, 1)"],
    'r105-candidate_code-06': ["TaskQueue().pop() == None", "(lambda q: (q.push('a', 2), q.push('b', 1), q.push('c', 1), q.pop(), q.pop())[3:])(TaskQueue()) == ('b', 'c')"],
}
TEST_REF = {  # candidate_tests id -> candidate_code id whose code the tests are run against
    'r105-candidate_tests-01': 'r105-candidate_code-01',
    'r105-candidate_tests-03': 'r105-candidate_code-03',
    'r105-candidate_tests-04': 'r105-candidate_code-02',
    'r105-candidate_tests-05': 'r105-candidate_code-06',
    'r105-candidate_tests-06': 'r105-candidate_code-05',
}
EXTRA_REF = {'r105-candidate_tests-02': {'insertion_index': lambda xs, t: bisect.bisect_left(xs, t)}}
by_id = {r.get('id'): r for r in rows}

ids = collections.Counter(r.get('id') for r in rows)
for i, c in ids.items():
    if c > 1: err(i, 'duplicate id')

KEYS = {'id', 'template', 'family', 'mode', 'prompt', 'reply', 'finish_reason', 'expected', 'truncated', 'usable', 'notes'}
for r in rows:
    rid = r.get('id')
    miss = KEYS - set(r)
    if miss: err(rid, f'missing keys {miss}'); continue
    t = r['template']; e = r['expected']
    if t not in TEMPLATES: err(rid, 'bad template')
    if not rid.startswith(f'r105-{t}-'): err(rid, 'id/template mismatch')
    if r['family'] not in FAMILIES: err(rid, 'bad family')
    if r['mode'] not in ('text', 'json_object'): err(rid, 'bad mode')
    if '{{' in r['prompt']: err(rid, 'unrendered slot in prompt')
    if f'Task: {t}' not in r['prompt']: err(rid, 'prompt is not of this template')
    if r['finish_reason'] not in ('stop', 'length'): err(rid, 'bad finish_reason')
    if r['truncated'] != (r['finish_reason'] == 'length'): err(rid, 'truncated vs finish_reason mismatch')
    if e.get('truncated') != r['truncated'] or e.get('usable') != r['usable']: err(rid, 'expected flags mismatch')
    if r['mode'] == 'json_object' and not r['truncated']:
        try: json.loads(r['reply'])
        except Exception: err(rid, 'json_object reply is not JSON')
    try:
        if t == 'concepts':
            for c in e['concepts']:
                assert set(c) == {'name', 'keyphrase', 'description', 'examples', 'difficulty'}, c
                assert c['difficulty'] in ('easy', 'medium', 'hard') and len(c['examples']) == 2
                assert c['keyphrase'] in r['prompt'], 'keyphrase not in prompt'
                assert in_reply(c['name'], r), 'name not in reply'
        elif t == 'instructions':
            for c in e['instructions']:
                assert set(c) == {'kind', 'text'} and c['kind'] in ('function', 'class')
                assert in_reply(c['text'], r), 'text not found in reply: ' + c['text'][:40]
        elif t == 'signature':
            line = e['line']; assert e['kind'] in ('function', 'class')
            if e['kind'] == 'function':
                assert line.startswith('Function: ')
                tree = ast.parse('def ' + line[len('Function: '):] + ': pass')
                assert tree.body[0].name == e['name']
            else:
                assert line.startswith(f'Class: {e["name"]}; __init__(self')
                for part in line.split('; ')[1:]:
                    ast.parse('def ' + part + ': pass')
        elif t == 'candidate_code':
            code = e['code']; ast.parse(code)
            assert in_reply(code, r), 'code not verbatim in reply'
            ns = {}; exec(code, ns)
            calls = SANITY.get(rid, [])
            assert calls, 'no sanity calls'
            for c in calls:
                assert eval(c, ns) is True, 'sanity failed: ' + c
        elif t == 'test_scenarios':
            assert all(isinstance(s, str) and s for s in e['scenarios'])
            for s in e['scenarios']:
                assert in_reply(s, r) or in_reply(s.split(': ', 1)[-1], r), 'scenario not in reply: ' + s[:40]
        elif t == 'candidate_tests':
            ns = {}
            if rid in TEST_REF: exec(by_id[TEST_REF[rid]]['expected']['code'], ns)
            ns.update(EXTRA_REF.get(rid, {}))
            for s in e['tests']:
                tree = ast.parse(s); assert isinstance(tree.body[0], ast.Assert) and len(tree.body) == 1
                assert in_reply(s, r), 'test not verbatim in reply: ' + s
                exec(s, dict(ns))  # runs against the reference implementation
            for u in e.get('unusable_tests', []):
                assert u['reason']
        elif t == 'extract_entities':
            for c in e['claims']:
                assert set(c) == {'kind', 'name', 'value'}
                assert c['kind'] in ('value', 'index', 'comparison', 'branch', 'loop', 'return')
                assert all(isinstance(v, str) for v in c.values())
        elif t in ('narrate_forward', 'narrate_backward'):
            for k in ('code', 'call', 'returned'): assert k in r, 'missing ' + k
            ns = {}; exec(r['code'], ns)
            assert repr(eval(r['call'], ns)) == r['returned'], 'call does not give returned'
            a = e['answer']; ast.parse(a, mode='eval')
            assert a in r['reply'], 'answer not in reply'
            if t == 'narrate_forward':
                assert eval(a, {}) == eval(r['returned'], {}), 'answer != returned'
            else:
                ns2 = {}; exec(r['code'], ns2)
                assert repr(eval(a, ns2)) == r['returned'], 'call answer does not give returned'
        if not r['usable']:
            vals = [v for k, v in e.items() if k not in ('truncated', 'usable')]
            assert all(not v for v in vals), 'unusable but expected not empty'
    except Exception as ex:
        err(rid, f'{type(ex).__name__}: {ex}')

# distribution
per_t = collections.Counter(r['template'] for r in rows)
fam_t = collections.defaultdict(set)
for r in rows: fam_t[r['template']].add(r['family'])
for t in TEMPLATES:
    if per_t[t] < 6: err(t, f'only {per_t[t]} replies')
    if len(fam_t[t]) < 5: err(t, f'only {len(fam_t[t])} families')

print(f'rows: {len(rows)}')
print('per template:', dict(per_t))
print('families per template:', {t: len(fam_t[t]) for t in TEMPLATES})
print('per family:', dict(collections.Counter(r['family'] for r in rows)))
print('per mode:', dict(collections.Counter(r['mode'] for r in rows)))
print('truncated:', sum(r['truncated'] for r in rows), ' unusable:', sum(not r['usable'] for r in rows))
print(f'errors: {len(errors)}')
for x in errors: print('  ' + x)
print('RESULT:', 'PASS' if not errors else 'FAIL')
sys.exit(1 if errors else 0)
