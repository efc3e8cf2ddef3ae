"""Self-check of r14 replies.jsonl (independent of the pipeline under evaluation)."""
import json, ast, sys, collections
PATH = '/work/corpus/replies/r14/replies.jsonl'
TEMPLATES = ['concepts', 'instructions', 'signature', 'candidate_code', 'test_scenarios', 'candidate_tests',
             'extract_entities', 'narrate_forward', 'narrate_backward']
FAMILIES = {'mistral-small-24b', 'qwen2.5-coder-7b', 'llama-3.1-8b', 'gpt-4o-mini', 'deepseek-r1-distill', 'smollm2-135m'}
# sanity calls for candidate_code: id -> list of (expression, expected repr)
SANITY = {
    'r14-candidate_code-01': [('run_length_encode("aaabcc")', "[('a', 3), ('b', 1), ('c', 2)]"), ('run_length_encode("")', '[]')],
    'r14-candidate_code-02': [('first_heap_violation([1, 3, 2, 0])', '3'), ('first_heap_violation([])', '-1')],
    'r14-candidate_code-03': [('(lambda m: [m.add(5), m.add(1), m.add(9), m.add(0)])(MedianTracker())', '[5, 1, 5, 1]')],
    'r14-candidate_code-04': [('multiset_similarity([1, 2, 2, 3], [2, 2, 4])', '0.571'), ('multiset_similarity([], [])', '0.0')],
    'r14-candidate_code-05': [('(lambda l: (l.apply([5, -3]), l.apply([1])))(Ledger(10))', '([15, 12], [13])')],
    'r14-candidate_code-06': [('prefix_max([3, 1, 4, 1, 5])', '[3, 3, 4, 4, 5]'), ('prefix_max([])', '[]')],
}
# reference implementations for checking that candidate_tests' expected values are right
REF = {'run_length_encode', 'first_heap_violation', 'MedianTracker', 'multiset_similarity', 'Ledger', 'prefix_max'}

errors, warnings = [], []
def err(i, m): errors.append(f'{i}: {m}')

rows = []
for n, line in enumerate(open(PATH), 1):
    try:
        rows.append(json.loads(line))
    except Exception as ex:
        err(f'line {n}', f'does not parse: {ex}')

ids = collections.Counter(r.get('id') for r in rows)
for i, c in ids.items():
    if c > 1: err(i, 'duplicate id')

ref_ns = {}
for r in rows:
    if r.get('template') == 'candidate_code' and r['usable']:
        exec(r['expected']['code'], ref_ns)

def is_single_assert_eq(src):
    t = ast.parse(src)
    return (len(t.body) == 1 and isinstance(t.body[0], ast.Assert) and isinstance(t.body[0].test, ast.Compare)
            and len(t.body[0].test.ops) == 1 and isinstance(t.body[0].test.ops[0], ast.Eq))

for r in rows:
    i = r.get('id', '?')
    for k in ['id', 'template', 'family', 'mode', 'prompt', 'reply', 'finish_reason', 'expected', 'truncated', 'usable', 'notes']:
        if k not in r: err(i, f'missing {k}')
    t = r['template']
    if t not in TEMPLATES: err(i, 'bad template'); continue
    if not i.startswith(f'r14-{t}-'): err(i, 'id does not match template')
    if r['family'] not in FAMILIES: err(i, 'bad family')
    if r['mode'] not in ('text', 'json_object'): err(i, 'bad mode')
    if r['finish_reason'] != ('length' if r['truncated'] else 'stop'): err(i, 'finish_reason inconsistent')
    ex = r['expected']
    if ex.get('truncated') != r['truncated'] or ex.get('usable') != r['usable']: err(i, 'expected flags differ')
    if '{{' in r['prompt'] or f'Task: {t}' not in r['prompt']: err(i, 'prompt not rendered')
    if r['family'] == 'deepseek-r1-distill' and r['mode'] == 'text' and not r['reply'].startswith('<think>'):
        warnings.append(f'{i}: deepseek reply without think block')
    if r['mode'] == 'json_object' and r['usable']:
        try:
            json.loads(r['reply'])
        except Exception:
            try:
                ast.literal_eval(r['reply'])
                warnings.append(f'{i}: json_object reply is Python-literal, not strict JSON (intended)')
            except Exception:
                err(i, 'json_object reply is neither JSON nor a literal')
    reply = r['reply']
    if not r['usable']:
        content = {k: v for k, v in ex.items() if k not in ('truncated', 'usable')}
        if any(v for v in content.values()): err(i, 'unusable reply but expected has content')
        continue
    try:
        if t == 'concepts':
            cs = ex['concepts']
            assert cs
            for c in cs:
                assert set(c) == {'name', 'keyphrase', 'description', 'examples', 'difficulty'}, c
                assert c['difficulty'] in ('easy', 'medium', 'hard')
                assert len(c['examples']) == 2
                assert c['keyphrase'] in r['prompt'], 'keyphrase not in prompt'
                assert json.dumps(c['name'])[1:-1] in reply or c['name'] in reply
        elif t == 'instructions':
            assert ex['instructions']
            for it in ex['instructions']:
                assert it['kind'] in ('function', 'class')
                assert it['text'] in reply, 'text not verbatim in reply'
        elif t == 'signature':
            assert ex['kind'] in ('function', 'class')
            pre = 'Function: ' if ex['kind'] == 'function' else 'Class: '
            assert ex['line'].startswith(pre + ex['name'])
            if ex['kind'] == 'function':
                ast.parse('def ' + ex['line'][len(pre):] + ': pass')
            else:
                for part in ex['line'].split('; ')[1:]:
                    ast.parse('def ' + part + ': pass')
        elif t == 'candidate_code':
            code = ex['code']
            ast.parse(code)
            if r['mode'] == 'json_object':
                assert json.loads(reply)['code'] == code
            else:
                assert code in reply
            assert '__main__' not in code and 'print(' not in code
            ns = {}
            exec(code, ns)
            calls = SANITY.get(i)
            assert calls, 'no sanity call'
            for expr, want in calls:
                got = repr(eval(expr, ns))
                assert got == want, f'sanity {expr} -> {got} != {want}'
        elif t == 'test_scenarios':
            assert ex['scenarios']
            for s in ex['scenarios']:
                assert s in reply, f'scenario not verbatim: {s}'
        elif t == 'candidate_tests':
            assert ex['tests']
            for a in ex['tests']:
                assert is_single_assert_eq(a), f'not a single assert ==: {a}'
                if r['mode'] == 'json_object':
                    assert a in json.dumps(json.loads(reply)) or a in ''.join(o['code'] for o in json.loads(reply)['tests'])
                else:
                    assert a in reply, f'test not verbatim: {a}'
                names = {n.id for n in ast.walk(ast.parse(a)) if isinstance(n, ast.Name)}
                if names & REF:
                    exec(a, dict(ref_ns))  # expected value is right for the reference solution
            for u in ex.get('unusable_tests', []):
                assert isinstance(u, str) and ':' in u
        elif t == 'extract_entities':
            assert ex['claims']
            for c in ex['claims']:
                assert set(c) == {'kind', 'name', 'value'}
                assert c['kind'] in ('value', 'index', 'comparison', 'branch', 'loop', 'return')
                assert all(isinstance(v, str) for v in c.values())
        elif t in ('narrate_forward', 'narrate_backward'):
            for k in ('code', 'call', 'returned'):
                assert k in r, f'missing {k}'
            ns = {}
            exec(r['code'], ns)
            assert repr(eval(r['call'], ns)) == r['returned'], 'call does not give returned'
            ans = ex['answer']
            ast.parse(ans, mode='eval')
            if t == 'narrate_forward':
                assert repr(eval(ans, {})) == r['returned'] or eval(ans, {}) == eval(r['returned'], {}), 'answer != returned'
            else:
                assert repr(eval(ans, ns)) == r['returned'], 'backward answer does not give returned'
            if r['mode'] != 'json_object':
                assert ans in reply or (t == 'narrate_forward' and ans in reply.replace('\\', '')), 'answer not in reply'
    except Exception as e:
        err(i, f'{type(e).__name__}: {e}')

def count(key):
    return dict(sorted(collections.Counter(r[key] for r in rows).items()))
out = []
out.append(f'rows: {len(rows)}')
out.append(f'per template: {count("template")}')
out.append(f'per family: {count("family")}')
out.append(f'per mode: {count("mode")}')
out.append(f'truncated: {sum(r["truncated"] for r in rows)}  unusable: {sum(not r["usable"] for r in rows)}')
for t in TEMPLATES:
    fams = {r['family'] for r in rows if r['template'] == t}
    n = sum(r['template'] == t for r in rows)
    out.append(f'  {t}: {n} replies, {len(fams)} families')
    if n != 6: errors.append(f'{t}: {n} replies, want 6')
    if len(fams) < 5: errors.append(f'{t}: only {len(fams)} families')
out += [f'WARNING {w}' for w in warnings]
out += [f'ERROR {e}' for e in errors]
out.append('RESULT: ' + ('PASS' if not errors else f'FAIL ({len(errors)} errors)'))
print('\n'.join(out))
sys.exit(1 if errors else 0)
