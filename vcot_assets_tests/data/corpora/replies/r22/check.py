"""Self-check for /work/corpus/replies/r22/replies.jsonl. Run: python3 check.py"""
import ast, json, re, sys, collections

PATH = sys.argv[1] if len(sys.argv) > 1 else '/work/corpus/replies/r22/replies.jsonl'
TEMPLATES = ['concepts', 'instructions', 'signature', 'candidate_code', 'test_scenarios',
             'candidate_tests', 'extract_entities', 'narrate_forward', 'narrate_backward']
FAMILIES = {'mistral-small-24b', 'qwen2.5-coder-7b', 'llama-3.1-8b', 'gpt-4o-mini', 'deepseek-r1-distill', 'smollm2-135m'}
# sanity calls for each candidate_code reply: (call, expected repr)
SANITY = {
    'r22-candidate_code-01': [("run_length_encode('aaabcc')", "[('a', 3), ('b', 1), ('c', 2)]"), ("run_length_encode('')", "[]")],
    'r22-candidate_code-02': [("longest_run([1, 2, 2, 3, 3, 3])", "3"), ("longest_run([])", "0")],
    'r22-candidate_code-03': [("reduce_fraction(8, -6)", "(-4, 3)"), ("reduce_fraction(0, 5)", "(0, 1)")],
    'r22-candidate_code-04': [("k_smallest([5, 1, 9, 3, 7], 2)", "[1, 3]"), ("k_smallest([3, -1, 2], 10)", "[-1, 2, 3]")],
    'r22-candidate_code-05': [("Bag().add('a')", "1"), ("Bag().count('z')", "0")],
    'r22-candidate_code-06': [("merge_sorted_lists([[1, 4, 9], [2, 3, 10], []])", "[1, 2, 3, 4, 9, 10]")],
}
# the candidate_code reply whose code each candidate_tests reply's asserts are run against
TESTS_AGAINST = {'r22-candidate_tests-01': 'r22-candidate_code-01', 'r22-candidate_tests-02': 'r22-candidate_code-03',
                 'r22-candidate_tests-03': 'r22-candidate_code-02', 'r22-candidate_tests-04': 'r22-candidate_code-04',
                 'r22-candidate_tests-05': 'r22-candidate_code-05', 'r22-candidate_tests-06': 'r22-candidate_code-06'}

errors, notes = [], []
def err(rid, msg): errors.append(f'{rid}: {msg}')
def norm(s): return re.sub(r'\s+', ' ', s.replace('*', '').replace('`', ''))

recs = []
for n, line in enumerate(open(PATH), 1):
    try:
        recs.append(json.loads(line))
    except Exception as e:
        err(f'line {n}', f'does not parse: {e}')
byid = {r['id']: r for r in recs}
if len(byid) != len(recs): err('file', 'duplicate ids')

for r in recs:
    rid = r.get('id', '?')
    for k in ['id', 'template', 'family', 'mode', 'prompt', 'reply', 'finish_reason', 'expected', 'truncated', 'usable', 'notes']:
        if k not in r: err(rid, f'missing {k}')
    t = r['template']
    if t not in TEMPLATES: err(rid, 'bad template'); continue
    if not re.fullmatch(rf'r22-{t}-\d\d', rid): err(rid, 'bad id')
    if r['family'] not in FAMILIES: err(rid, 'bad family')
    if r['mode'] not in ('text', 'json_object'): err(rid, 'bad mode')
    if r['finish_reason'] not in ('stop', 'length'): err(rid, 'bad finish_reason')
    if r['truncated'] != (r['finish_reason'] == 'length'): err(rid, 'truncated vs finish_reason')
    e = r['expected']
    if e.get('truncated') != r['truncated'] or e.get('usable') != r['usable']: err(rid, 'expected truncated/usable mismatch')
    if '{{' in r['prompt']: err(rid, 'unfilled slot in prompt')
    if 'Task: ' + t not in r['prompt']: err(rid, 'prompt is not of its template')
    if r['family'] == 'deepseek-r1-distill' and not r['reply'].startswith('<think>'): err(rid, 'reasoning model without <think>')
    if r['mode'] == 'json_object' and r['usable']:
        try: json.loads(r['reply'])
        except Exception: err(rid, 'json_object reply is not bare JSON')
    reply_n = norm(r['reply'])
    reply_j = r['reply']
    def present(s):
        return norm(s) in reply_n or json.dumps(s)[1:-1] in reply_j
    if not r['usable']:
        continue
    if t == 'concepts':
        for c in e['concepts']:
            if set(c) != {'name', 'keyphrase', 'description', 'examples', 'difficulty'}: err(rid, f'concept keys {set(c)}')
            if c['difficulty'] not in ('easy', 'medium', 'hard'): err(rid, 'difficulty')
            if not present(c['name']) or not present(c['description']): err(rid, f'concept not in reply: {c["name"]}')
            if c['keyphrase'] not in r['prompt']: err(rid, f'keyphrase not in prompt: {c["keyphrase"]}')
    elif t == 'instructions':
        for it in e['instructions']:
            if it['kind'] not in ('function', 'class'): err(rid, 'kind')
            if re.match(r'\s*(\d+\.|\[)', it['text']): err(rid, 'numbering/kind tag left in text')
            if not present(it['text']): err(rid, f'instruction not in reply: {it["text"][:40]}')
    elif t == 'signature':
        line = e['line']
        if e['kind'] == 'function':
            m = re.fullmatch(r'Function: (\w+)(\(.*\) -> .+)', line)
            if not m or m.group(1) != e['name']: err(rid, 'function line form'); continue
            try: ast.parse(f'def {m.group(1)}{m.group(2)}: pass')
            except SyntaxError as x: err(rid, f'signature not valid python: {x}')
        else:
            parts = line.split('; ')
            if parts[0] != f'Class: {e["name"]}' or not parts[1].startswith('__init__(self'): err(rid, 'class line form')
            for p in parts[1:]:
                try: ast.parse(f'def {p}: pass')
                except SyntaxError as x: err(rid, f'method not valid python: {p}: {x}')
    elif t == 'candidate_code':
        code = e['code']
        try: ast.parse(code)
        except SyntaxError as x: err(rid, f'code does not parse: {x}'); continue
        if not present(code): err(rid, 'code not verbatim in reply')
        ns = {}
        exec(code, ns)
        for call, want in SANITY.get(rid, []):
            got = repr(eval(call, ns))
            if got != want: err(rid, f'sanity {call} -> {got}, want {want}')
        if rid not in SANITY: err(rid, 'no sanity call')
    elif t == 'test_scenarios':
        for s in e['scenarios']:
            if not present(s): err(rid, f'scenario not in reply: {s}')
    elif t == 'candidate_tests':
        cr = byid.get(TESTS_AGAINST.get(rid))
        ns = {}
        if cr: exec(cr['expected']['code'], ns)
        for a in e['tests']:
            try: tree = ast.parse(a)
            except SyntaxError as x: err(rid, f'test does not parse: {a}'); continue
            if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Assert): err(rid, f'not a single assert: {a}')
            if a not in r['reply'] and json.dumps(a)[1:-1] not in r['reply']: err(rid, f'test not verbatim in reply: {a}')
            if cr:
                try: exec(a, dict(ns))
                except AssertionError: err(rid, f'test fails against reference code: {a}')
        if 'unusable_tests' not in e: err(rid, 'unusable_tests missing')
    elif t == 'extract_entities':
        for c in e['claims']:
            if c['kind'] not in ('value', 'index', 'comparison', 'branch', 'loop', 'return'): err(rid, 'claim kind')
            if not all(isinstance(c[k], str) for k in ('kind', 'name', 'value')): err(rid, 'claim values must be strings')
    elif t in ('narrate_forward', 'narrate_backward'):
        for k in ('code', 'call', 'returned'):
            if k not in r: err(rid, f'missing {k}')
        ans = e['answer']
        try: ast.parse(ans, mode='eval')
        except SyntaxError: err(rid, f'answer not python: {ans}'); continue
        ns = {}
        exec(r['code'], ns)
        if repr(eval(r['call'], ns)) != r['returned']: err(rid, 'call does not give returned')
        if t == 'narrate_forward':
            if repr(eval(ans, {})) != r['returned'] and eval(ans, {}) != eval(r['returned'], {}): err(rid, f'answer {ans} != returned {r["returned"]}')
        else:
            got = repr(eval(ans, ns))
            if got != r['returned']: err(rid, f'answer call gives {got}, want {r["returned"]}')

# distribution
per_t = collections.Counter(r['template'] for r in recs)
fam_t = collections.defaultdict(set)
for r in recs: fam_t[r['template']].add(r['family'])
for t in TEMPLATES:
    if per_t[t] != 6: err(t, f'{per_t[t]} replies, want 6')
    if len(fam_t[t]) < 5: err(t, f'only {len(fam_t[t])} families')

print(f'records: {len(recs)}')
print('per template:', dict(per_t))
print('per family:', dict(collections.Counter(r["family"] for r in recs)))
print('per mode:', dict(collections.Counter(r["mode"] for r in recs)))
print('truncated:', sum(r['truncated'] for r in recs), ' unusable:', sum(not r['usable'] for r in recs))
print('families per template:', {t: len(fam_t[t]) for t in TEMPLATES})
if errors:
    print(f'FAIL: {len(errors)} problem(s)')
    for x in errors: print('  ' + x)
    sys.exit(1)
print('PASS: all checks passed')
