import ast, json, sys, collections
sys.path.insert(0, __import__('os').path.dirname(__import__('os').path.abspath(__file__)))  # b3data.py (reference solutions) sits beside this file
from b3data import C1, C2, C3, C4, C5
SANITY = {  # candidate_code id -> list of (call, expected)
    'r169-candidate_code-01': [("run_length_encode('aaabcc')", [('a', 3), ('b', 1), ('c', 2)])],
    'r169-candidate_code-02': [("(lambda q: (q.push('a', 2), q.push('b', 1), q.push('c', 1), [q.pop(), q.pop(), q.pop(), q.pop()])[-1])(TaskQueue())", ['b', 'c', 'a', None])],
    'r169-candidate_code-03': [("most_common_char('abba')", 'a'), ("most_common_char('')", None)],
    'r169-candidate_code-04': [("reduce_fraction(6, -8)", (-3, 4)), ("reduce_fraction(0, 5)", (0, 1))],
    'r169-candidate_code-05': [("(lambda t: (t.add('x'), t.add('x'))[-1])(Tally())", 2)],
}
TESTCODE = {'run_length_encode': C1, 'TaskQueue': C2, 'most_common_char': C3, 'reduce_fraction': C4, 'Tally': C5}
errs = []; n = 0; cnt = collections.Counter()
ids = set()
for ln, line in enumerate(open('/work/corpus/replies/r169/replies.jsonl'), 1):
    try:
        r = json.loads(line)
    except Exception as e:
        errs.append(f'line {ln}: bad json {e}'); continue
    n += 1; i = r['id']; t = r['template']; e = r['expected']
    if i in ids: errs.append(f'{i}: duplicate id')
    ids.add(i)
    for k in ('id', 'template', 'family', 'mode', 'prompt', 'reply', 'finish_reason', 'expected', 'truncated', 'usable', 'notes'):
        if k not in r: errs.append(f'{i}: missing {k}')
    if '{{' in r['prompt']: errs.append(f'{i}: unfilled slot')
    if e.get('truncated') != r['truncated'] or e.get('usable') != r['usable']: errs.append(f'{i}: flags mismatch')
    if r['truncated'] != (r['finish_reason'] == 'length'): errs.append(f'{i}: truncated/finish_reason mismatch')
    cnt[(t,)] += 1
    try:
        if t == 'candidate_code' and r['usable']:
            ast.parse(e['code']); g = {}
            exec(e['code'], g)
            for call, want in SANITY[i]:
                got = eval(call, g)
                if got != want: errs.append(f'{i}: sanity {call} -> {got!r} != {want!r}')
        if t == 'candidate_tests':
            for tst in e['tests']:
                ast.parse(tst)
                assert tst.startswith('assert ')
                fn = [k for k in TESTCODE if k + '(' in tst]
                if fn:
                    g = {}; exec(TESTCODE[fn[0]], g); exec(tst, g)
        if t == 'narrate_forward' and r['usable']:
            ast.parse(e['answer'], mode='eval')
            if eval(e['answer']) != eval(r['returned']): errs.append(f'{i}: answer != returned')
            g = {}; exec(r['code'], g)
            if eval(r['call'], g) != eval(r['returned']): errs.append(f'{i}: call != returned')
        if t == 'narrate_backward' and r['usable']:
            ast.parse(e['answer'], mode='eval'); g = {}; exec(r['code'], g)
            if eval(e['answer'], g) != eval(r['returned']): errs.append(f'{i}: backward answer wrong')
        if t == 'signature' and r['usable']:
            ln1 = e['line']; k = e['kind']
            if k == 'function':
                assert ln1.startswith('Function: ' + e['name'] + '(')
                ast.parse('def ' + ln1[len('Function: '):] + ': pass')
            else:
                parts = ln1.split('; '); assert parts[0] == 'Class: ' + e['name'] and parts[1].startswith('__init__(self')
                for p in parts[1:]: ast.parse('def ' + p + ': pass')
        if t == 'extract_entities':
            for c in e['claims']:
                assert set(c) == {'kind', 'name', 'value'} and all(isinstance(v, str) for v in c.values())
        if t == 'concepts':
            for c in e['concepts']:
                assert set(c) == {'name', 'keyphrase', 'description', 'examples', 'difficulty'} and c['difficulty'] in ('easy', 'medium', 'hard')
        if t == 'instructions':
            for c in e['instructions']: assert c['kind'] in ('function', 'class') and not c['text'].startswith(('[', '1'))
    except Exception as ex:
        errs.append(f'{i}: {type(ex).__name__} {ex}')
out = [f'replies: {n}']
tc = collections.Counter(); fc = collections.Counter(); mc = collections.Counter(); fam_t = collections.defaultdict(set)
tr = un = 0
for line in open('/work/corpus/replies/r169/replies.jsonl'):
    r = json.loads(line); tc[r['template']] += 1; fc[r['family']] += 1; mc[r['mode']] += 1
    fam_t[r['template']].add(r['family']); tr += r['truncated']; un += not r['usable']
out.append('per template: ' + json.dumps(dict(tc)))
out.append('families per template: ' + json.dumps({k: len(v) for k, v in fam_t.items()}))
for k, v in fam_t.items():
    if len(v) < 5: errs.append(f'{k}: only {len(v)} families')
out.append('per family: ' + json.dumps(dict(fc)))
out.append('per mode: ' + json.dumps(dict(mc)))
out.append(f'truncated: {tr}  unusable: {un}')
out.append(f'errors: {len(errs)}')
out += errs
out.append('RESULT: ' + ('PASS' if not errs else 'FAIL'))
print('\n'.join(out))
