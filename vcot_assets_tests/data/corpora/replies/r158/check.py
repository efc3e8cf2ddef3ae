"""Self-check of replies.jsonl (see BRIEF.md). Prints a report; exit 1 on any failure."""
import ast, json, sys, collections
F = '/work/corpus/replies/r158/replies.jsonl'
SANITY = {  # candidate_code id -> (expression, expected value)
    'r158-candidate_code-01': ("run_lengths('aabccc')", [('a', 2), ('b', 1), ('c', 3)]),
    'r158-candidate_code-02': ("reduce_fraction(6, -8)", (-3, 4)),
    'r158-candidate_code-03': ("[RunningMedian().add(5), (lambda r: (r.add(1), r.add(3))[1])(RunningMedian())]", [5, 2.0]),
    'r158-candidate_code-04': ("top_k_chars('abba c', 3)", ['a', 'b', 'c']),
    'r158-candidate_code-05': ("median_of_lengths(['a', 'abc', 'ab'])", 2.0),
}
TEMPLATES = ['concepts', 'instructions', 'signature', 'candidate_code', 'test_scenarios',
             'candidate_tests', 'extract_entities', 'narrate_forward', 'narrate_backward']
errors, n = [], 0
recs = []
for i, line in enumerate(open(F), 1):
    try:
        r = json.loads(line)
    except Exception as e:
        errors.append(f'line {i}: does not parse: {e}'); continue
    recs.append(r); n += 1
    rid, t, ex = r['id'], r['template'], r['expected']
    for k in ['id', 'template', 'family', 'mode', 'prompt', 'reply', 'finish_reason', 'expected', 'truncated', 'usable', 'notes']:
        if k not in r: errors.append(f'{rid}: missing {k}')
    if '{{' in r['prompt']: errors.append(f'{rid}: unfilled slot in prompt')
    if r['truncated'] != (r['finish_reason'] == 'length'): errors.append(f'{rid}: truncated/finish_reason mismatch')
    if r['mode'] not in ('text', 'json_object'): errors.append(f'{rid}: bad mode')
    if not r['usable']:
        continue
    try:
        if t == 'candidate_code':
            ast.parse(ex['code'])
            if rid not in SANITY: errors.append(f'{rid}: no sanity call'); continue
            g = {}; exec(ex['code'], g)
            expr, want = SANITY[rid]
            got = eval(expr, g)
            if got != want: errors.append(f'{rid}: sanity {expr} = {got!r}, want {want!r}')
        elif t == 'candidate_tests':
            for a in ex['tests']:
                tree = ast.parse(a)
                if not (len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert)): errors.append(f'{rid}: not one assert: {a}')
        elif t == 'narrate_forward':
            ast.parse(ex['answer'], mode='eval')
            if eval(ex['answer']) != eval(r['returned']): errors.append(f'{rid}: answer {ex["answer"]} != returned {r["returned"]}')
        elif t == 'narrate_backward':
            ast.parse(ex['answer'], mode='eval')
            g = {}; exec(r['code'], g)
            if eval(ex['answer'], g) != eval(r['returned']): errors.append(f'{rid}: answer call does not give {r["returned"]}')
        elif t == 'concepts':
            for c in ex['concepts']:
                if set(c) != {'name', 'keyphrase', 'description', 'examples', 'difficulty'}: errors.append(f'{rid}: concept keys')
        elif t == 'instructions':
            for it in ex['instructions']:
                if it['kind'] not in ('function', 'class'): errors.append(f'{rid}: bad kind')
        elif t == 'signature':
            line_ = ex['line']
            if ex['kind'] == 'function':
                ast.parse('def ' + line_[len('Function: '):] + ': pass')
            else:
                parts = line_[len('Class: '):].split('; ')
                for p in parts[1:]: ast.parse('def ' + p + ': pass')
                if parts[0] != ex['name']: errors.append(f'{rid}: class name')
        elif t == 'extract_entities':
            for c in ex['claims']:
                if not all(isinstance(c[k], str) for k in ('kind', 'name', 'value')): errors.append(f'{rid}: non-string claim')
        elif t == 'test_scenarios':
            if not all(isinstance(s, str) for s in ex['scenarios']): errors.append(f'{rid}: scenario not str')
    except Exception as e:
        errors.append(f'{rid}: {type(e).__name__}: {e}')
by_t = collections.Counter(r['template'] for r in recs)
fams = collections.defaultdict(set)
for r in recs: fams[r['template']].add(r['family'])
for t in TEMPLATES:
    if by_t[t] != 6: errors.append(f'{t}: {by_t[t]} replies, want 6')
    if len(fams[t]) < 5: errors.append(f'{t}: only {len(fams[t])} families')
ids = [r['id'] for r in recs]
if len(ids) != len(set(ids)): errors.append('duplicate ids')
print(f'replies: {n}')
print('per template:', dict(by_t))
print('per family:', dict(collections.Counter(r['family'] for r in recs)))
print('per mode:', dict(collections.Counter(r['mode'] for r in recs)))
print('truncated:', sum(r['truncated'] for r in recs), ' unusable:', sum(not r['usable'] for r in recs))
print('families per template:', {t: len(fams[t]) for t in TEMPLATES})
print('errors:', len(errors))
for e in errors: print('  ', e)
print('RESULT:', 'PASS' if not errors else 'FAIL')
sys.exit(1 if errors else 0)
