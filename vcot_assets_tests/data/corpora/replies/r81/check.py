"""Self-check of replies.jsonl (writer r81). Prints a report; exit code 1 on any failure."""
import ast, json, sys, collections

PATH = '/work/corpus/replies/r81/replies.jsonl'
TEMPLATES = ['concepts', 'instructions', 'signature', 'candidate_code', 'test_scenarios',
             'candidate_tests', 'extract_entities', 'narrate_forward', 'narrate_backward']
FAMILIES = {'mistral-small-24b', 'qwen2.5-coder-7b', 'llama-3.1-8b', 'gpt-4o-mini', 'deepseek-r1-distill', 'smollm2-135m'}
SANITY = {  # candidate_code id -> list of (expression, expected value)
    'r81-candidate_code-01': [('is_min_heap([1, 3, 2, 7, 4])', True), ('is_min_heap([2, 3, 1])', False), ('is_min_heap([])', True)],
    'r81-candidate_code-02': [('add_fractions((1, 2), (1, 3))', (5, 6)), ('add_fractions((1, -2), (1, 1))', (1, 2)), ('add_fractions((1, 5), (-1, 5))', (0, 1))],
    'r81-candidate_code-03': [('ParagraphWrapper(12, "> ").wrap("the quick brown fox jumps")', ['> the quick', '> brown fox', '> jumps'])],
    'r81-candidate_code-04': [('median_length(["a", "bbb", "cc"])', 2.0), ('median_length(["a", "bbbb"])', 2.5)],
    'r81-candidate_code-05': [('(lambda r: (r.add(3), r.add(1), r.add(3)))(RunningMode())', (3, 1, 3)), ('RunningMode().counts()', {})],
    'r81-candidate_code-06': [('most_common([1, 2, 2, 3])', 2), ('most_common([4, 5, 5, 4])', 4)],
}
errors, notes = [], []
def err(rid, msg): errors.append(f'{rid}: {msg}')

rows = []
for i, line in enumerate(open(PATH, encoding='utf-8'), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        err(f'line {i}', f'does not parse: {e}')

ids = collections.Counter(r['id'] for r in rows)
for k, v in ids.items():
    if v > 1: err(k, 'duplicate id')

for r in rows:
    rid, t, e = r['id'], r['template'], r['expected']
    for key in ('id', 'template', 'family', 'mode', 'prompt', 'reply', 'finish_reason', 'expected', 'truncated', 'usable', 'notes'):
        if key not in r: err(rid, f'missing {key}')
    if t not in TEMPLATES: err(rid, 'unknown template')
    if r['family'] not in FAMILIES: err(rid, 'unknown family')
    if r['mode'] not in ('text', 'json_object'): err(rid, 'bad mode')
    if r['finish_reason'] not in ('stop', 'length'): err(rid, 'bad finish_reason')
    if r['truncated'] != (r['finish_reason'] == 'length'): err(rid, 'truncated does not match finish_reason')
    if e.get('truncated') != r['truncated'] or e.get('usable') != r['usable']: err(rid, 'expected truncated/usable mismatch')
    if '{{' in r['prompt']: err(rid, 'unfilled slot in prompt')
    if r['family'] == 'deepseek-r1-distill' and r['mode'] == 'text' and not r['reply'].startswith('<think>'):
        err(rid, 'reasoning model reply does not open with <think>')
    if r['mode'] == 'json_object':
        try: json.loads(r['reply'])
        except Exception as ex: err(rid, f'json_object reply is not JSON: {ex}')
    reply_text = r['reply']
    if r['mode'] == 'json_object':
        reply_text += '\n' + json.dumps(json.loads(r['reply']))  # allow escaped forms
        def strings(o):
            if isinstance(o, str): yield o
            elif isinstance(o, dict):
                for v in o.values(): yield from strings(v)
            elif isinstance(o, list):
                for v in o: yield from strings(v)
        reply_text += '\n' + '\n'.join(strings(json.loads(r['reply'])))
    if not r['usable']:
        continue
    if t == 'concepts':
        for c in e['concepts']:
            if set(c) != {'name', 'keyphrase', 'description', 'examples', 'difficulty'}: err(rid, f'concept keys {set(c)}')
            if c['difficulty'] not in ('easy', 'medium', 'hard'): err(rid, 'difficulty')
            if c['keyphrase'] not in r['prompt']: err(rid, f'keyphrase {c["keyphrase"]!r} not in prompt')
            if not (isinstance(c['examples'], list) and len(c['examples']) == 2): err(rid, 'examples')
            if c['name'] not in reply_text: err(rid, f'concept name {c["name"]!r} not in reply')
    elif t == 'instructions':
        for it in e['instructions']:
            if it['kind'] not in ('function', 'class'): err(rid, 'instruction kind')
            if it['text'] not in reply_text: err(rid, f'instruction text not verbatim in reply: {it["text"][:40]}')
    elif t == 'signature':
        line = e['line']
        if not (line.startswith('Function: ') or line.startswith('Class: ')): err(rid, 'signature form')
        if (e['kind'] == 'function') != line.startswith('Function: '): err(rid, 'signature kind mismatch')
        if e['name'] not in line: err(rid, 'name not in line')
        if e['kind'] == 'function':
            ast.parse('def ' + line[len('Function: '):] + ': pass')
        else:
            for part in line.split('; ')[1:]:
                ast.parse('def ' + part + ': pass')
    elif t == 'candidate_code':
        code = e['code']
        try: ast.parse(code)
        except SyntaxError as ex: err(rid, f'code does not parse: {ex}'); continue
        if code not in reply_text: err(rid, 'code not verbatim in reply')
        ns = {}
        exec(code, ns)
        calls = SANITY.get(rid, [])
        if not calls: err(rid, 'no sanity calls')
        for expr, want in calls:
            got = eval(expr, ns)
            if got != want: err(rid, f'sanity {expr} -> {got!r}, want {want!r}')
        notes.append(f'{rid}: {len(calls)} sanity calls passed' if not any(x.startswith(rid) for x in errors) else f'{rid}: sanity FAILED')
    elif t == 'test_scenarios':
        for s in e['scenarios']:
            if not s.strip(): err(rid, 'empty scenario')
    elif t == 'candidate_tests':
        for s in e['tests']:
            try: tree = ast.parse(s)
            except SyntaxError as ex: err(rid, f'test does not parse: {s}'); continue
            st = tree.body[0]
            if not (len(tree.body) == 1 and isinstance(st, ast.Assert) and isinstance(st.test, ast.Compare)
                    and isinstance(st.test.ops[0], ast.Eq)):
                err(rid, f'not a single assert ==: {s}')
            if s not in reply_text: err(rid, f'test not verbatim in reply: {s}')
        for u in e.get('unusable_tests', []):
            if not isinstance(u, str) or not u: err(rid, 'unusable_tests entry')
    elif t == 'extract_entities':
        for c in e['claims']:
            if set(c) != {'kind', 'name', 'value'}: err(rid, 'claim keys')
            if c['kind'] not in ('value', 'index', 'comparison', 'branch', 'loop', 'return'): err(rid, 'claim kind')
            if not all(isinstance(v, str) for v in c.values()): err(rid, 'claim value not a string')
    elif t == 'narrate_forward':
        for k in ('code', 'call', 'returned'):
            if k not in r: err(rid, f'missing {k}')
        ans = e['answer']
        ast.parse(ans, mode='eval')
        ns = {}; exec(r['code'], ns)
        real = eval(r['call'], ns)
        if repr(real) != r['returned']: err(rid, 'returned does not match running the call')
        if eval(ans) != real or repr(eval(ans)) != r['returned']: err(rid, f'answer {ans} != returned {r["returned"]}')
    elif t == 'narrate_backward':
        for k in ('code', 'call', 'returned'):
            if k not in r: err(rid, f'missing {k}')
        ans = e['answer']
        ast.parse(ans, mode='eval')
        ns = {}; exec(r['code'], ns)
        if repr(eval(r['call'], ns)) != r['returned']: err(rid, 'returned does not match running the call')
        if repr(eval(ans, ns)) != r['returned']: err(rid, f'answer {ans} does not return {r["returned"]}')
        if r['returned'] not in r['prompt']: err(rid, 'output not in prompt')

# counts
by_t = collections.Counter(r['template'] for r in rows)
fam_per_t = collections.defaultdict(set)
for r in rows: fam_per_t[r['template']].add(r['family'])
for t in TEMPLATES:
    if by_t[t] != 6: err(t, f'{by_t[t]} replies, want 6')
    if len(fam_per_t[t]) < 5: err(t, f'only {len(fam_per_t[t])} families')
print(f'rows: {len(rows)}')
print('per template:', dict(by_t))
print('per family:', dict(collections.Counter(r['family'] for r in rows)))
print('per mode:', dict(collections.Counter(r['mode'] for r in rows)))
print('truncated:', sum(r['truncated'] for r in rows), ' unusable:', sum(not r['usable'] for r in rows))
print('families per template:', {t: len(fam_per_t[t]) for t in TEMPLATES})
for n in notes: print(n)
if errors:
    print(f'FAILED: {len(errors)} problems'); [print(' -', x) for x in errors]; sys.exit(1)
print('OK: all checks passed')
