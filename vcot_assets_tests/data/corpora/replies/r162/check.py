"""Self-check for r162 replies.jsonl: run `python3 check.py > check_report.txt`."""
import ast, json, sys
from collections import Counter
P = '/work/corpus/replies/r162/replies.jsonl'
TEMPLATES = ['concepts', 'instructions', 'signature', 'candidate_code', 'test_scenarios', 'candidate_tests', 'extract_entities', 'narrate_forward', 'narrate_backward']
SANITY = {  # candidate_code id -> (call, expected)
    'r162-candidate_code-01': ("run_lengths('aabccc')", [('a', 2), ('b', 1), ('c', 3)]),
    'r162-candidate_code-02': ("k_smallest([5, 1, 4, 2], 2)", [1, 2]),
    'r162-candidate_code-03': ("add_fractions((1, 2), (1, 3))", (5, 6)),
    'r162-candidate_code-04': ("(lambda a: (a.add(2), a.add(4))[1])(Averager())", 3.0),
    'r162-candidate_code-05': ("center_lines(['ab'], 5)", [' ab  ']),
}
# reference implementations to run the expected tests against
REF = {
    'run_lengths': 'r162-candidate_code-01', 'k_smallest': 'r162-candidate_code-02', 'add_fractions': 'r162-candidate_code-03',
    'Averager': 'r162-candidate_code-04', 'center_lines': 'r162-candidate_code-05',
}
REF_EXTRA = "def median_low(xs):\n    ys = sorted(xs)\n    return ys[(len(ys) - 1) // 2]\n"
errors = []
def err(rid, msg): errors.append(f'{rid}: {msg}')
recs = []
for ln, line in enumerate(open(P, encoding='utf-8'), 1):
    try:
        recs.append(json.loads(line))
    except Exception as e:
        err(f'line {ln}', f'bad json {e}')
codes = {r['id']: r['expected'].get('code') for r in recs if r.get('template') == 'candidate_code'}
ids = Counter(r['id'] for r in recs)
for k, v in ids.items():
    if v > 1: err(k, 'duplicate id')
for r in recs:
    rid = r.get('id', '?')
    for k in ['id', 'template', 'family', 'mode', 'prompt', 'reply', 'finish_reason', 'expected', 'truncated', 'usable', 'notes']:
        if k not in r: err(rid, f'missing {k}')
    t = r['template']; e = r['expected']
    if t not in TEMPLATES: err(rid, 'bad template')
    if r['mode'] not in ('text', 'json_object'): err(rid, 'bad mode')
    if r['finish_reason'] not in ('stop', 'length'): err(rid, 'bad finish_reason')
    if r['truncated'] != (r['finish_reason'] == 'length'): err(rid, 'truncated/finish_reason mismatch')
    if '{{' in r['prompt']: err(rid, 'unfilled slot in prompt')
    if not rid.startswith(f'r162-{t}-'): err(rid, 'id/template mismatch')
    if r['mode'] == 'json_object' and r['usable']:
        try: json.loads(r['reply'])
        except Exception: err(rid, 'json_object reply is not bare JSON')
    if t == 'concepts':
        for c in e['concepts']:
            if set(c) != {'name', 'keyphrase', 'description', 'examples', 'difficulty'}: err(rid, 'concept keys')
            if c['difficulty'] not in ('easy', 'medium', 'hard'): err(rid, 'difficulty')
            if c['keyphrase'] not in r['prompt']: err(rid, 'keyphrase not in prompt')
    elif t == 'instructions':
        for it in e['instructions']:
            if it['kind'] not in ('function', 'class'): err(rid, 'kind')
            if it['text'] not in r['reply']: err(rid, 'instruction text not verbatim in reply')
    elif t == 'signature':
        line = e['line']
        if e['kind'] == 'function':
            if not line.startswith('Function: '): err(rid, 'line form')
            try: ast.parse('def ' + line[len('Function: '):] + ': pass')
            except SyntaxError as x: err(rid, f'sig parse {x}')
            if not line[len('Function: '):].startswith(e['name'] + '('): err(rid, 'name')
        else:
            parts = line.split('; ')
            if parts[0] != 'Class: ' + e['name']: err(rid, 'class name')
            if not parts[1].startswith('__init__(self'): err(rid, '__init__ first')
            for p in parts[1:]:
                try: ast.parse('def ' + p + ': pass')
                except SyntaxError as x: err(rid, f'method parse {x}')
    elif t == 'candidate_code':
        code = e['code']
        if not r['usable']:
            if code: err(rid, 'unusable but code')
            continue
        try: ast.parse(code)
        except SyntaxError as x: err(rid, f'code parse {x}'); continue
        if code not in r['reply'] and json.loads(r['reply']).get('code') != code: err(rid, 'code not verbatim')
        call, want = SANITY[rid]
        ns = {}; exec(code, ns)
        got = eval(call, ns)
        if got != want: err(rid, f'sanity {call} -> {got!r} != {want!r}')
    elif t == 'test_scenarios':
        if r['usable'] and not e['scenarios']: err(rid, 'no scenarios')
    elif t == 'candidate_tests':
        for tst in e['tests']:
            try: tree = ast.parse(tst)
            except SyntaxError as x: err(rid, f'test parse {x}'); continue
            if not (len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert)): err(rid, 'not single assert')
            if tst not in r['reply'] and tst.replace('"', '\\"') not in r['reply']: err(rid, 'test not verbatim')
            ns = {}
            for fn, cid in REF.items(): exec(codes[cid], ns)
            exec(REF_EXTRA, ns)
            try: exec(tst, ns)
            except AssertionError: err(rid, f'test fails on reference: {tst}')
        for u in e.get('unusable_tests', []):
            if not isinstance(u, str): err(rid, 'unusable_tests entry')
    elif t == 'extract_entities':
        for c in e['claims']:
            if c['kind'] not in ('value', 'index', 'comparison', 'branch', 'loop', 'return'): err(rid, 'claim kind')
            if not all(isinstance(c[k], str) for k in ('kind', 'name', 'value')): err(rid, 'claim value not str')
    elif t in ('narrate_forward', 'narrate_backward'):
        for k in ('code', 'call', 'returned'):
            if k not in r: err(rid, f'missing {k}')
        ns = {}; exec(r['code'], ns)
        if repr(eval(r['call'], ns)) != r['returned']: err(rid, 'call does not give returned')
        a = e['answer']
        if not r['usable']:
            if a: err(rid, 'unusable but answer')
            continue
        try: ast.parse(a, mode='eval')
        except SyntaxError as x: err(rid, f'answer parse {x}'); continue
        if t == 'narrate_forward':
            if eval(a) != eval(r['returned']): err(rid, 'forward answer != returned')
        else:
            if repr(eval(a, ns)) != r['returned']: err(rid, 'backward answer does not give returned')
        if a not in r['reply']: err(rid, 'answer not in reply')
print(f'records: {len(recs)}')
for label, key in [('template', 'template'), ('family', 'family'), ('mode', 'mode'), ('truncated', 'truncated'), ('usable', 'usable')]:
    print(label, dict(sorted(Counter(str(r[key]) for r in recs).items())))
for t in TEMPLATES:
    fams = {r['family'] for r in recs if r['template'] == t}
    n = sum(r['template'] == t for r in recs)
    print(f'{t}: {n} replies, {len(fams)} families')
    if len(fams) < 5: err(t, 'fewer than 5 families')
print('errors:', len(errors))
for x in errors: print('  ' + x)
print('PASS' if not errors else 'FAIL')
sys.exit(1 if errors else 0)
