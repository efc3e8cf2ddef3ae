"""Self-check for r25/replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, sys, collections

PATH = sys.argv[1] if len(sys.argv) > 1 else '/work/corpus/replies/r25/replies.jsonl'
TEMPLATES = ['concepts', 'instructions', 'signature', 'candidate_code', 'test_scenarios',
             'candidate_tests', 'extract_entities', 'narrate_forward', 'narrate_backward']
FAMILIES = {'mistral-small-24b', 'qwen2.5-coder-7b', 'llama-3.1-8b', 'gpt-4o-mini',
            'deepseek-r1-distill', 'smollm2-135m'}
# sanity calls for candidate_code: (expression, expected value)
SANITY = {
    'r25-candidate_code-01': [("is_min_heap([1, 3, 2, 7])", True), ("is_min_heap([3, 1])", False), ("is_min_heap([])", True)],
    'r25-candidate_code-02': [("wrap_words('the quick brown fox', 10)", ['the quick', 'brown fox']), ("wrap_words('', 4)", [])],
    'r25-candidate_code-03': [("count_in_range([1, 2, 2, 3, 5, 8], 2, 5)", 3), ("count_in_range([], 0, 10)", 0)],
    'r25-candidate_code-04': [("MinHeap([5, 3, 8]).push_pop(4)", 3), ("MinHeap().push_pop(7)", 7)],
    'r25-candidate_code-05': [("[RunningMedian().add(5)]", [5.0]), ("(lambda m: (m.add(5), m.add(1), m.add(3)))(RunningMedian())", (5.0, 3.0, 3.0))],
    'r25-candidate_code-06': [("normalize_fraction(6, -8)", (-3, 4)), ("normalize_fraction(1, 0)", None), ("normalize_fraction(0, 5)", (0, 1))],
}
# reference implementations for running the expected candidate tests
REF_EXTRA = '''
import bisect
def grade_for(score, cutoffs, grades):
    return grades[bisect.bisect_right(cutoffs, score)]
'''

errors = []
def err(rid, msg):
    errors.append(f'{rid}: {msg}')

def norm_ws(s):
    return ' '.join(s.split())

def reply_texts(r):
    """The reply, plus every string inside it when it is JSON (json_object mode)."""
    out = [r['reply']]
    try:
        obj = json.loads(r['reply'])
        stack = [obj]
        while stack:
            o = stack.pop()
            if isinstance(o, str): out.append(o)
            elif isinstance(o, dict): stack.extend(o.values())
            elif isinstance(o, list): stack.extend(o)
    except Exception:
        pass
    return out

def appears(r, s):
    s2 = norm_ws(s)
    return any(s2 in norm_ws(t) for t in reply_texts(r))

lines = open(PATH).read().splitlines()
recs = []
for i, line in enumerate(lines, 1):
    try:
        recs.append(json.loads(line))
    except Exception as e:
        errors.append(f'line {i}: does not parse: {e}')

ids = collections.Counter(r.get('id') for r in recs)
for k, v in ids.items():
    if v > 1: err(k, 'duplicate id')

codes_ns = {}
exec(REF_EXTRA, codes_ns)
for r in recs:
    if r.get('template') == 'candidate_code':
        try: exec(r['expected']['code'], codes_ns)
        except Exception as x: err(r['id'], f'code does not run: {x!r}')

def check_one(r):
    rid = r.get('id', '?')
    for key in ['id', 'template', 'family', 'mode', 'prompt', 'reply', 'finish_reason', 'expected', 'truncated', 'usable', 'notes']:
        if key not in r: err(rid, f'missing {key}')
    t = r['template']
    if t not in TEMPLATES: err(rid, f'bad template {t}')
    if not rid.startswith(f'r25-{t}-'): err(rid, 'id does not match template')
    if r['family'] not in FAMILIES: err(rid, f'bad family {r["family"]}')
    if r['mode'] not in ('text', 'json_object'): err(rid, 'bad mode')
    if (r['finish_reason'] == 'length') != r['truncated']: err(rid, 'finish_reason/truncated mismatch')
    if '{{' in r['prompt'] or '}}' in r['prompt']: err(rid, 'unfilled slot in prompt')
    if f'Task: {t}' not in r['prompt']: err(rid, 'prompt is not the template')
    if r['mode'] == 'json_object' and not r['truncated']:
        try: json.loads(r['reply'])
        except Exception as e: err(rid, f'json_object reply is not JSON: {e}')
    if r['family'] == 'deepseek-r1-distill' and not r['reply'].startswith('<think>'):
        err(rid, 'deepseek reply does not open with <think>')
    e = r['expected']
    usable = r['usable']
    if t == 'concepts':
        for c in e['concepts']:
            if set(c) != {'name', 'keyphrase', 'description', 'examples', 'difficulty'}: err(rid, f'concept keys {set(c)}')
            if c['difficulty'] not in ('easy', 'medium', 'hard'): err(rid, 'difficulty')
            if c['keyphrase'] not in r['prompt']: err(rid, f'keyphrase not in prompt: {c["keyphrase"]}')
            for f in ('name', 'description'):
                if not appears(r, c[f]): err(rid, f'concept {f} not in reply: {c[f]}')
        if usable and not e['concepts']: err(rid, 'usable but empty')
    elif t == 'instructions':
        for it in e['instructions']:
            if it['kind'] not in ('function', 'class'): err(rid, 'kind')
            if not appears(r, it['text']): err(rid, f'instruction text not in reply: {it["text"][:50]}')
        if usable and not e['instructions']: err(rid, 'usable but empty')
    elif t == 'signature':
        line = e['line']
        if e['kind'] == 'function':
            if not line.startswith('Function: '): err(rid, 'function line prefix')
            try: ast.parse('def ' + line[len('Function: '):] + ': pass')
            except SyntaxError as x: err(rid, f'signature does not parse: {x}')
        else:
            if not line.startswith('Class: '): err(rid, 'class line prefix')
            parts = [p.strip() for p in line[len('Class: '):].split(';')]
            if parts[0] != e['name']: err(rid, 'class name')
            if not parts[1].startswith('__init__(self'): err(rid, '__init__ not first')
            for p in parts[1:]:
                try: ast.parse('def ' + p + ': pass')
                except SyntaxError as x: err(rid, f'method does not parse: {p}: {x}')
        if e['name'] not in line or e['name'] not in r['reply']: err(rid, 'name missing')
    elif t == 'candidate_code':
        try: ast.parse(e['code'])
        except SyntaxError as x: err(rid, f'code does not parse: {x}')
        if not appears(r, e['code']): err(rid, 'code not in reply verbatim')
        if '__main__' in e['code'] or 'assert ' in e['code']: err(rid, 'demo/test left in code')
        calls = SANITY.get(rid)
        if not calls: err(rid, 'no sanity call')
        for expr, want in calls or []:
            ns = {}
            exec(e['code'], ns)
            got = eval(expr, ns)
            if got != want: err(rid, f'sanity {expr} -> {got!r}, want {want!r}')
    elif t == 'test_scenarios':
        for s in e['scenarios']:
            if not appears(r, s): err(rid, f'scenario not in reply: {s}')
        if usable and not e['scenarios']: err(rid, 'usable but empty')
    elif t == 'candidate_tests':
        for s in e['tests']:
            try: tree = ast.parse(s)
            except SyntaxError as x: err(rid, f'test does not parse: {x}'); continue
            if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Assert): err(rid, f'not a single assert: {s}')
            if not appears(r, s): err(rid, f'test not in reply: {s}')
            try: exec(s, dict(codes_ns))
            except Exception as x: err(rid, f'test fails on reference: {s}: {x!r}')
        for u in e.get('unusable_tests', []):
            if not u.get('reason'): err(rid, 'unusable test without reason')
            if not appears(r, u['test']): err(rid, 'unusable test not in reply')
    elif t == 'extract_entities':
        for c in e['claims']:
            if c['kind'] not in ('value', 'index', 'comparison', 'branch', 'loop', 'return'): err(rid, 'claim kind')
            if not all(isinstance(c[k], str) for k in ('kind', 'name', 'value')): err(rid, 'claim fields must be strings')
            if c['name'] not in r['reply']: err(rid, f'claim name not in reply: {c["name"]}')
        if usable and not e['claims']: err(rid, 'usable but empty')
    elif t in ('narrate_forward', 'narrate_backward'):
        for k in ('code', 'call', 'returned'):
            if k not in r: err(rid, f'missing {k}')
        if r['code'].rstrip('\n') not in r['prompt']: err(rid, 'code not in prompt')
        ns = {}
        exec(r['code'], ns)
        if repr(eval(r['call'], ns)) != r['returned']: err(rid, 'call does not give returned')
        if not usable:
            if e.get('answer') is not None: err(rid, 'unusable reply with an answer')
            return
        ans = e['answer']
        try: ast.parse(ans, mode='eval')
        except SyntaxError as x: err(rid, f'answer does not parse: {x}'); return
        if t == 'narrate_forward':
            if r['call'] not in r['prompt']: err(rid, 'call not in prompt')
            if ast.literal_eval(ans) != ast.literal_eval(r['returned']): err(rid, f'answer {ans} != returned {r["returned"]}')
        else:
            if r['returned'] not in r['prompt']: err(rid, 'output not in prompt')
            got = eval(ans, ns)
            if repr(got) != r['returned']: err(rid, f'answer gives {got!r}, want {r["returned"]}')
    if not usable and r['expected'] not in ({}, {'answer': None}, {'concepts': []}, {'instructions': []}, {'claims': []}, {'scenarios': []}, {'tests': [], 'unusable_tests': []}):
        err(rid, 'unusable reply with non-empty expected')

for r in recs:
    try: check_one(r)
    except Exception as x: err(r.get('id', '?'), f'check crashed: {x!r}')

# distribution
by_t = collections.defaultdict(list)
for r in recs: by_t[r['template']].append(r)
print(f'records: {len(recs)}')
for t in TEMPLATES:
    fams = collections.Counter(r['family'] for r in by_t[t])
    print(f'{t:18s} n={len(by_t[t])} families={dict(fams)}')
    if len(by_t[t]) != 6: errors.append(f'{t}: {len(by_t[t])} replies, want 6')
    if len(fams) < 5: errors.append(f'{t}: only {len(fams)} families')
print('family totals:', dict(collections.Counter(r['family'] for r in recs)))
print('mode totals:', dict(collections.Counter(r['mode'] for r in recs)))
print('truncated:', sum(r['truncated'] for r in recs), ' unusable:', sum(not r['usable'] for r in recs))
if errors:
    print(f'FAIL: {len(errors)} problem(s)')
    for x in errors: print('  ' + x)
    sys.exit(1)
print('PASS: all checks passed')
