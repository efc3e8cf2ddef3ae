"""Self-check of replies.jsonl (r113). Run: python3 check.py > check_report.txt"""
import ast, json, re, collections

PATH = '/work/corpus/replies/r113/replies.jsonl'
TEMPLATES = ['concepts', 'instructions', 'signature', 'candidate_code', 'test_scenarios', 'candidate_tests',
             'extract_entities', 'narrate_forward', 'narrate_backward']
FAMILIES = {'mistral-small-24b', 'qwen2.5-coder-7b', 'llama-3.1-8b', 'gpt-4o-mini', 'deepseek-r1-distill', 'smollm2-135m'}
SANITY = {
    "r113-candidate_code-01": "is_min_heap([1, 3, 2, 7]) == True and is_min_heap([2, 1]) == False",
    "r113-candidate_code-02": "MedianKeeper([3, 1, 2]).median() == 2.0 and (lambda m: (m.add(4), m.median())[1])(MedianKeeper([1, 2, 3])) == 2.5",
    "r113-candidate_code-03": "hex_to_int('1F') == 31 and hex_to_int('g') is None and hex_to_int('') is None",
    "r113-candidate_code-04": "wrap_text('the quick brown fox', 10) == ['the quick', 'brown fox'] and wrap_text('', 4) == []",
    "r113-candidate_code-05": "multimode([1, 2, 2, 3, 3]) == [2, 3] and multimode([]) == []",
    "r113-candidate_code-06": "k_smallest([5, 1, 4, 2], 2) == [1, 2] and k_smallest([3, 1], 5) == [1, 3]",
}
errors = []
def err(rid, msg): errors.append('%s: %s' % (rid, msg))

rows = []
for n, line in enumerate(open(PATH), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        err('line %d' % n, 'does not parse: %s' % e)

ids = collections.Counter(r['id'] for r in rows)
for i, c in ids.items():
    if c > 1: err(i, 'duplicate id')

code_ns = {}
for r in rows:
    rid, t, e = r['id'], r['template'], r['expected']
    for k in ['id', 'template', 'family', 'mode', 'prompt', 'reply', 'finish_reason', 'expected', 'truncated', 'usable', 'notes']:
        if k not in r: err(rid, 'missing key ' + k)
    if t not in TEMPLATES: err(rid, 'bad template')
    if not rid.startswith('r113-%s-' % t): err(rid, 'id does not match template')
    if r['family'] not in FAMILIES: err(rid, 'bad family')
    if r['mode'] not in ('text', 'json_object'): err(rid, 'bad mode')
    if '{{' in r['prompt']: err(rid, 'unfilled slot in prompt')
    if (r['finish_reason'] == 'length') != r['truncated']: err(rid, 'finish_reason/truncated mismatch')
    if r['mode'] == 'json_object':
        try: json.loads(r['reply'])
        except Exception:
            if not r['truncated'] and "'" not in r['reply']: err(rid, 'json_object reply is not JSON')
    if not r['usable']:
        continue
    if t == 'concepts':
        cs = e['concepts']
        if not cs: err(rid, 'no concepts')
        for c in cs:
            if set(c) != {'name', 'keyphrase', 'description', 'examples', 'difficulty'}: err(rid, 'concept keys %s' % sorted(c))
            if c['difficulty'] not in ('easy', 'medium', 'hard'): err(rid, 'difficulty')
            if c['keyphrase'] not in r['prompt']: err(rid, 'keyphrase not in prompt: ' + c['keyphrase'])
            if c['name'] not in r['reply']: err(rid, 'concept name not in reply')
    elif t == 'instructions':
        for it in e['instructions']:
            if it['kind'] not in ('function', 'class'): err(rid, 'kind')
            if it['text'] not in r['reply']: err(rid, 'instruction text not verbatim in reply')
            if re.match(r'^\s*(\d+\.|\[)', it['text']): err(rid, 'numbering/kind left in text')
    elif t == 'signature':
        line = e['line']
        if e['kind'] == 'function':
            m = re.match(r'^Function: (\w+)\((.*)\) -> (.+)$', line)
            if not m or m.group(1) != e['name']: err(rid, 'bad function line'); continue
            src = 'def %s(%s) -> %s: pass' % m.groups()
        else:
            parts = line.split('; ')
            if not parts[0] == 'Class: ' + e['name'] or not parts[1].startswith('__init__(self'): err(rid, 'bad class line'); continue
            src = 'class %s:\n' % e['name'] + ''.join('    def %s: pass\n' % p for p in parts[1:])
        try: ast.parse(src)
        except SyntaxError as x: err(rid, 'signature does not parse: %s' % x)
    elif t == 'candidate_code':
        code = e['code']
        try: ast.parse(code)
        except SyntaxError as x: err(rid, 'code does not parse: %s' % x); continue
        if code not in r['reply'] and r['mode'] == 'text': err(rid, 'code not verbatim in reply')
        ns = {}
        exec(code, ns)
        code_ns[int(rid[-2:])] = ns
        if not eval(SANITY[rid], ns): err(rid, 'sanity call failed')
    elif t == 'test_scenarios':
        if not e['scenarios']: err(rid, 'no scenarios')
        for s in e['scenarios']:
            if s not in r['reply']: err(rid, 'scenario not verbatim: ' + s)
    elif t == 'candidate_tests':
        for a in e['tests']:
            try: tree = ast.parse(a)
            except SyntaxError as x: err(rid, 'test does not parse: %s' % x); continue
            if not (len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert)): err(rid, 'not a single assert: ' + a)
            if a not in r['reply']: err(rid, 'test not verbatim: ' + a)
        for u in e.get('unusable_tests', []):
            if not isinstance(u, str): err(rid, 'unusable_tests entry not a string')
    elif t == 'extract_entities':
        for c in e['claims']:
            if set(c) != {'kind', 'name', 'value'}: err(rid, 'claim keys')
            if c['kind'] not in ('value', 'index', 'comparison', 'branch', 'loop', 'return'): err(rid, 'claim kind')
            if not all(isinstance(c[k], str) for k in c): err(rid, 'claim field not a string')
            sent = r['prompt'].split('### Sentence\n')[1].split('\n\n###')[0]
            if c['kind'] in ('value', 'index') and c['name'] not in sent: err(rid, 'name not in sentence: ' + c['name'])
    elif t == 'narrate_forward':
        a = e['answer']
        try: ast.parse(a, mode='eval')
        except SyntaxError as x: err(rid, 'answer does not parse'); continue
        if ast.literal_eval(a) != ast.literal_eval(r['returned']): err(rid, 'answer %r != returned %r' % (a, r['returned']))
        ns = {}; exec(r['code'], ns)
        if repr(eval(r['call'], ns)) != r['returned']: err(rid, 'call does not reproduce returned')
    elif t == 'narrate_backward':
        a = e['answer']
        try: ast.parse(a, mode='eval')
        except SyntaxError: err(rid, 'answer does not parse'); continue
        ns = {}; exec(r['code'], ns)
        if repr(eval(a, ns)) != r['returned']: err(rid, 'answer call gives %r, not %r' % (eval(a, ns), r['returned']))
        if repr(eval(r['call'], ns)) != r['returned']: err(rid, 'call does not reproduce returned')

# candidate_tests n were written for the exercise of candidate_code n: run them against that solution
for r in rows:
    if r['template'] == 'candidate_tests' and r['usable']:
        ns = code_ns.get(int(r['id'][-2:]))
        for a in r['expected']['tests']:
            try: exec(a, dict(ns))
            except AssertionError: err(r['id'], 'test fails on reference solution: ' + a)

print('rows:', len(rows))
for key in ['template', 'family', 'mode', 'truncated', 'usable', 'finish_reason']:
    print(key + ':', dict(collections.Counter(str(r[key]) for r in rows)))
for t in TEMPLATES:
    fams = {r['family'] for r in rows if r['template'] == t}
    n = sum(r['template'] == t for r in rows)
    print('%-17s n=%d families=%d %s' % (t, n, len(fams), '' if len(fams) >= 5 else 'TOO FEW FAMILIES'))
    if len(fams) < 5: errors.append(t + ': fewer than 5 families')
print('errors:', len(errors))
for x in errors: print('  ' + x)
print('RESULT:', 'PASS' if not errors else 'FAIL')
