"""Self-check for r86 replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, sys, collections
PATH = '/work/corpus/replies/r86/replies.jsonl'
SANITY = {  # candidate_code id -> (expression, expected value)
    'r86-candidate_code-01': ('is_min_heap([1, 3, 2, 7]) and not is_min_heap([5, 1])', True),
    'r86-candidate_code-02': ('run_lengths("aabccc")', [('a', 2), ('b', 1), ('c', 3)]),
    'r86-candidate_code-03': ('reduce_fraction(6, -8)', (-3, 4)),
    'r86-candidate_code-04': ('(lambda h: (h.push(5), h.push(2), h.pop(), h.pop(), h.pop())[2:])(MinHeap())', (2, 5, None)),
    'r86-candidate_code-05': ('running_max([3, 1, 4, 1, 5])', [3, 3, 4, 4, 5]),
}
REQ = ['id', 'template', 'family', 'mode', 'prompt', 'reply', 'finish_reason', 'expected', 'truncated', 'usable', 'notes']
errors = []; n = 0
per_t = collections.defaultdict(list)
def err(rid, msg): errors.append(f'{rid}: {msg}')
for ln, line in enumerate(open(PATH), 1):
    try:
        r = json.loads(line)
    except Exception as e:
        err(f'line {ln}', f'bad JSON {e}'); continue
    n += 1; rid = r.get('id'); t = r.get('template'); e = r.get('expected', {})
    per_t[t].append(r)
    for k in REQ:
        if k not in r: err(rid, f'missing {k}')
    if '{{' in r['prompt']: err(rid, 'unfilled slot in prompt')
    if r['mode'] not in ('text', 'json_object'): err(rid, 'bad mode')
    if (r['finish_reason'] == 'length') != r['truncated']: err(rid, 'finish_reason/truncated mismatch')
    u = r['usable']
    try:
        if t == 'candidate_code' and u:
            ast.parse(e['code'])
            g = {}; exec(e['code'], g)
            expr, want = SANITY[rid]
            got = eval(expr, g)
            if got != want: err(rid, f'sanity {expr} -> {got!r}, want {want!r}')
        elif t == 'candidate_tests':
            for s in e['tests']:
                tree = ast.parse(s)
                if not (len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert)): err(rid, f'not one assert: {s}')
                if s not in r['reply'] and s.replace('"', '\\"') not in r['reply']: err(rid, f'test not verbatim in reply: {s}')
        elif t == 'narrate_forward' and u:
            ast.parse(e['answer'])
            if eval(e['answer']) != eval(r['returned']): err(rid, f"answer {e['answer']} != returned {r['returned']}")
        elif t == 'narrate_backward' and u:
            ast.parse(e['answer'])
            g = {}; exec(r['code'], g)
            if eval(e['answer'], g) != eval(r['returned']): err(rid, 'backward answer does not reproduce returned')
            if eval(r['call'], g) != eval(r['returned']): err(rid, 'recorded call does not reproduce returned')
        elif t == 'narrate_forward':
            g = {}; exec(r['code'], g)
            if eval(r['call'], g) != eval(r['returned']): err(rid, 'recorded call does not reproduce returned')
        elif t == 'concepts':
            for c in e['concepts']:
                assert set(c) == {'name', 'keyphrase', 'description', 'examples', 'difficulty'}, c
        elif t == 'instructions':
            for i in e['instructions']:
                assert i['kind'] in ('function', 'class') and i['text'] and not i['text'].startswith('[')
        elif t == 'signature' and u:
            assert e['kind'] in ('function', 'class') and e['name'] in e['line']
            assert e['line'].startswith('Function: ' if e['kind'] == 'function' else 'Class: ')
        elif t == 'extract_entities':
            for c in e['claims']:
                assert all(isinstance(c[k], str) for k in ('kind', 'name', 'value'))
        elif t == 'test_scenarios':
            assert all(isinstance(s, str) for s in e['scenarios'])
    except Exception as ex:
        err(rid, f'{type(ex).__name__}: {ex}')
    if not u:
        vals = [v for k, v in e.items() if k not in ('unusable_tests',)]
        if any(v for v in vals): err(rid, 'unusable but expected not empty')
print(f'replies: {n}')
for t, rs in sorted(per_t.items()):
    fams = collections.Counter(r['family'] for r in rs)
    print(f'{t}: {len(rs)} replies, {len(fams)} families {dict(fams)}, json_object={sum(r["mode"]=="json_object" for r in rs)}, truncated={sum(r["truncated"] for r in rs)}, unusable={sum(not r["usable"] for r in rs)}')
    if len(rs) != 6: err(t, f'{len(rs)} replies, want 6')
    if len(fams) < 5: err(t, f'only {len(fams)} families')
print('families:', dict(collections.Counter(r['family'] for rs in per_t.values() for r in rs)))
print('errors:', len(errors))
for x in errors: print('  ', x)
print('PASS' if not errors else 'FAIL')
sys.exit(1 if errors else 0)
