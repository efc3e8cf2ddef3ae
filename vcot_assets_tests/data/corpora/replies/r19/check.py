"""Self-check for r19 replies.jsonl. Usage: python3 check.py > check_report.txt"""
import ast, json, collections, sys
PATH = '/work/corpus/replies/r19/replies.jsonl'
TEMPLATES = ['concepts', 'instructions', 'signature', 'candidate_code', 'test_scenarios',
             'candidate_tests', 'extract_entities', 'narrate_forward', 'narrate_backward']
FAMILIES = {'mistral-small-24b', 'qwen2.5-coder-7b', 'llama-3.1-8b', 'gpt-4o-mini',
            'deepseek-r1-distill', 'smollm2-135m'}
errors, infos = [], []
def err(rid, msg): errors.append(f'{rid}: {msg}')

# sanity calls for candidate_code expected.code, keyed by id: list of (expression, expected value)
SANITY = {
 'r19-candidate_code-01': [("wrap_words('the quick brown fox', 10)", ['the quick', 'brown fox']), ("wrap_words('', 3)", [])],
 'r19-candidate_code-02': [("harmonic_mean([4, 4])", 4.0), ("harmonic_mean([0, 5])", 0.0)],
 'r19-candidate_code-03': [("grade(85, [60, 70, 80, 90], 'FDCBA')", 'B'), ("grade(60, [60, 70, 80, 90], 'FDCBA')", 'D')],
 'r19-candidate_code-04': [("SortedBag([5, 1, 3]).add(3)", 1), ("SortedBag([]).add(7)", 0)],
 'r19-candidate_code-05': [("column_of('ab\\tc', 3, 4)", 4), ("column_of('\\tx', 1)", 8)],
}
# reference implementations used to run candidate_tests (information only: model tests may be wrong)
REF = {
 'wrap_words': 'r19-candidate_code-01', 'harmonic_mean': 'r19-candidate_code-02', 'grade': 'r19-candidate_code-03',
 'SortedBag': 'r19-candidate_code-04', 'column_of': 'r19-candidate_code-05',
}
MULTIMODE = '''def multimode(values):
    c = {}
    for v in values:
        c[v] = c.get(v, 0) + 1
    m = max(c.values(), default=0)
    return [v for v in c if c[v] == m]'''

def strings_in(x):
    if isinstance(x, str): yield x
    elif isinstance(x, dict):
        for k, v in x.items(): yield str(k); yield from strings_in(v)
    elif isinstance(x, list):
        for v in x: yield from strings_in(v)
    else: yield json.dumps(x)

recs = []
for n, line in enumerate(open(PATH), 1):
    try:
        recs.append(json.loads(line))
    except Exception as e:
        err(f'line {n}', f'does not parse: {e}')
byid = {r['id']: r for r in recs}
if len(byid) != len(recs): err('file', 'duplicate ids')

for r in recs:
    rid, t, e = r['id'], r['template'], r['expected']
    for k in ['id', 'template', 'family', 'mode', 'prompt', 'reply', 'finish_reason', 'expected', 'truncated', 'usable', 'notes']:
        if k not in r: err(rid, f'missing {k}')
    if t not in TEMPLATES: err(rid, f'bad template {t}')
    if not rid.startswith(f'r19-{t}-'): err(rid, 'id does not match template')
    if r['family'] not in FAMILIES: err(rid, f'bad family {r["family"]}')
    if r['mode'] not in ('text', 'json_object'): err(rid, 'bad mode')
    if (r['finish_reason'] == 'length') != r['truncated']: err(rid, 'finish_reason/truncated mismatch')
    if '{{' in r['prompt']: err(rid, 'unfilled slot in prompt')
    if f'Task: {t}' not in r['prompt']: err(rid, 'prompt is not this template')
    if r['family'] == 'deepseek-r1-distill' and not r['reply'].lstrip().startswith('<think>') and r['mode'] == 'text':
        err(rid, 'deepseek text reply without <think>')
    hay = r['reply']
    if r['mode'] == 'json_object':
        try:
            hay = '\n'.join(strings_in(json.loads(r['reply'])))
        except Exception as ex:
            err(rid, f'json_object reply is not JSON: {ex}')
    usable = r['usable']
    # ---- per template
    if t == 'concepts':
        for c in e['concepts']:
            if set(c) != {'name', 'keyphrase', 'description', 'examples', 'difficulty'}: err(rid, f'concept keys {set(c)}')
            if c['difficulty'] not in ('easy', 'medium', 'hard'): err(rid, 'difficulty')
            if c['name'] not in hay or c['description'] not in hay: err(rid, f'concept not in reply: {c["name"]}')
            if c['keyphrase'] not in r['prompt']: err(rid, f'keyphrase not in prompt: {c["keyphrase"]}')
        if usable and not e['concepts']: err(rid, 'usable but empty')
    elif t == 'instructions':
        for i in e['instructions']:
            if i['kind'] not in ('function', 'class'): err(rid, 'kind')
            if i['text'] not in hay: err(rid, f'instruction text not in reply: {i["text"][:40]}')
    elif t == 'signature':
        line = e['line']
        if e['kind'] == 'function':
            if not line.startswith(f'Function: {e["name"]}('): err(rid, 'function line form')
            try: ast.parse('def ' + line[len('Function: '):] + ': pass')
            except SyntaxError as ex: err(rid, f'signature not valid python: {ex}')
        else:
            parts = line.split('; ')
            if parts[0] != f'Class: {e["name"]}' or not parts[1].startswith('__init__(self'): err(rid, 'class line form')
            for p in parts[1:]:
                try: ast.parse('def ' + p + ': pass')
                except SyntaxError as ex: err(rid, f'method not valid python: {p}: {ex}')
        if e['name'] not in hay: err(rid, 'name not in reply')
    elif t == 'candidate_code':
        if usable:
            try: ast.parse(e['code'])
            except SyntaxError as ex: err(rid, f'code does not parse: {ex}')
            if e['code'] not in hay: err(rid, 'code not verbatim in reply')
            if 'print(' in e['code'] or '__main__' in e['code']: err(rid, 'demo code left in')
            ns = {}
            exec(e['code'], ns)
            calls = SANITY.get(rid)
            if not calls: err(rid, 'no sanity call')
            for expr, want in calls or []:
                got = eval(expr, ns)
                if got != want: err(rid, f'sanity {expr} -> {got!r}, want {want!r}')
                else: infos.append(f'{rid}: sanity {expr} == {want!r} OK')
        else:
            try:
                ast.parse(e['code']) if e['code'] else None
            except SyntaxError: pass
    elif t == 'test_scenarios':
        for s in e['scenarios']:
            if s not in hay: err(rid, f'scenario not in reply: {s[:40]}')
    elif t == 'candidate_tests':
        for s in e['tests']:
            try: tree = ast.parse(s)
            except SyntaxError as ex: err(rid, f'test does not parse: {s}: {ex}'); continue
            if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Assert): err(rid, f'not a single assert: {s}')
            else:
                cmp_ = tree.body[0].test
                if not (isinstance(cmp_, ast.Compare) and len(cmp_.ops) == 1 and isinstance(cmp_.ops[0], ast.Eq)): err(rid, f'not assert a == b: {s}')
                else:
                    try: ast.literal_eval(cmp_.comparators[0])
                    except Exception:
                        # constant expressions such as 2 * 4 are allowed
                        compile(ast.Expression(cmp_.comparators[0]), '<e>', 'eval')
            if s not in hay: err(rid, f'test not verbatim in reply: {s}')
            # run against a reference implementation (information only)
            ns = {}
            for name, cid in REF.items():
                if name + '(' in s: exec(byid[cid]['expected']['code'], ns)
            if 'multimode(' in s: exec(MULTIMODE, ns)
            try:
                exec(s, ns); infos.append(f'{rid}: {s} -> passes reference')
            except AssertionError:
                infos.append(f'{rid}: {s} -> FAILS reference (model error kept as written)')
        if not isinstance(e.get('unusable_tests'), list): err(rid, 'unusable_tests missing')
    elif t == 'extract_entities':
        for c in e['claims']:
            if set(c) != {'kind', 'name', 'value'}: err(rid, 'claim keys')
            if c['kind'] not in ('value', 'index', 'comparison', 'branch', 'loop', 'return'): err(rid, 'claim kind')
            if not all(isinstance(c[k], str) for k in c): err(rid, 'claim field not a string')
            if c['name'] not in r['reply']: err(rid, f'claim name not in reply: {c["name"]}')
    elif t in ('narrate_forward', 'narrate_backward'):
        for k in ('code', 'call', 'returned'):
            if k not in r: err(rid, f'missing {k}')
        ans = e['answer']
        try: ast.parse(ans, mode='eval')
        except SyntaxError as ex: err(rid, f'answer not valid python: {ex}'); continue
        ns = {}
        exec(r['code'], ns)
        real = repr(eval(r['call'], ns))
        if real != r['returned']: err(rid, f'call returns {real}, record says {r["returned"]}')
        if t == 'narrate_forward':
            got = eval(ans, {})
            if repr(got) != r['returned']: err(rid, f'answer {got!r} != returned {r["returned"]}')
            else: infos.append(f'{rid}: answer {ans} == returned OK')
        else:
            if not ans.startswith('f('): err(rid, 'answer is not a call of f')
            got = eval(ans, ns)
            if repr(got) != r['returned']: err(rid, f'{ans} -> {got!r} != {r["returned"]}')
            else: infos.append(f'{rid}: {ans} -> {got!r} == returned OK')
        if r['output' if False else 'returned'] not in r['prompt'] and t == 'narrate_backward': err(rid, 'output not in prompt')
    if not usable and r['template'] in ('narrate_forward', 'narrate_backward'): err(rid, 'unusable narration')

# ---- amounts
cnt = collections.Counter(r['template'] for r in recs)
fam = collections.defaultdict(set)
for r in recs: fam[r['template']].add(r['family'])
for t in TEMPLATES:
    if cnt[t] != 6: err(t, f'{cnt[t]} replies, want 6')
    if len(fam[t]) < 5: err(t, f'only {len(fam[t])} families')

print(f'records: {len(recs)}')
print('per template:', dict(cnt))
print('per family:', dict(collections.Counter(r['family'] for r in recs)))
print('per mode:', dict(collections.Counter(r['mode'] for r in recs)))
print('families per template:', {t: len(fam[t]) for t in TEMPLATES})
print('truncated:', sum(r['truncated'] for r in recs), [r['id'] for r in recs if r['truncated']])
print('unusable:', sum(not r['usable'] for r in recs), [r['id'] for r in recs if not r['usable']])
print()
for i in infos: print('info', i)
print()
for x in errors: print('ERROR', x)
print('RESULT:', 'PASS' if not errors else f'FAIL ({len(errors)} errors)')
sys.exit(1 if errors else 0)
