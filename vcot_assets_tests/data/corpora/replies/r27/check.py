"""Self-check for r27/replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, re, sys, collections

PATH = '/work/corpus/replies/r27/replies.jsonl'
TEMPLATES = ['concepts', 'instructions', 'signature', 'candidate_code', 'test_scenarios',
             'candidate_tests', 'extract_entities', 'narrate_forward', 'narrate_backward']
FAMILIES = {'mistral-small-24b', 'qwen2.5-coder-7b', 'llama-3.1-8b', 'gpt-4o-mini',
            'deepseek-r1-distill', 'smollm2-135m'}
# sanity calls for candidate_code: (expression, expected value)
SANITY = {
    'r27-candidate_code-01': [('is_min_heap([1, 3, 2, 7])', True), ('is_min_heap([5, 1])', False), ('is_min_heap([])', True)],
    'r27-candidate_code-02': [('wrap_words("the quick brown fox", 10)', ['the quick', 'brown fox']), ('wrap_words("", 4)', [])],
    'r27-candidate_code-03': [('letter_counts("Hello, world")', {'e': 1, 'l': 3, 'o': 2, 'w': 1, 'r': 1, 'd': 1})],
    'r27-candidate_code-04': [('TabStops([4, 8, 12]).next_stop(8)', 12), ('TabStops([4]).next_stop(4)', None)],
    'r27-candidate_code-05': [('positional_similarity([1, 2], [1, 3])', 0.5), ('positional_similarity([], [])', 1.0)],
    'r27-candidate_code-06': [('insertion_index([1, 2, 2, 5], 2)', 1), ('insertion_index([], 3)', 0)],
}
errors, notes = [], []
def err(i, m): errors.append(f'{i}: {m}')

rows = []
for n, line in enumerate(open(PATH), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        err(f'line {n}', f'does not parse: {e}')

ids = [r['id'] for r in rows]
for i, c in collections.Counter(ids).items():
    if c > 1: err(i, 'duplicate id')

codes_by_name = {}  # function/class name -> namespace from candidate_code expected
for r in rows:
    i, t, e = r['id'], r['template'], r['expected']
    for k in ('id', 'template', 'family', 'mode', 'prompt', 'reply', 'finish_reason', 'expected', 'truncated', 'usable', 'notes'):
        if k not in r: err(i, f'missing key {k}')
    if t not in TEMPLATES: err(i, 'bad template')
    if r['family'] not in FAMILIES: err(i, 'bad family')
    if r['mode'] not in ('text', 'json_object'): err(i, 'bad mode')
    if not i.startswith(f'r27-{t}-'): err(i, 'id does not match template')
    if r['finish_reason'] not in ('stop', 'length'): err(i, 'bad finish_reason')
    if r['truncated'] != (r['finish_reason'] == 'length'): err(i, 'truncated disagrees with finish_reason')
    if e.get('truncated') != r['truncated'] or e.get('usable') != r['usable']: err(i, 'expected truncated/usable flags disagree')
    if '{{' in r['prompt']: err(i, 'unfilled slot in prompt')
    if f'Task: {t}' not in r['prompt']: err(i, 'prompt is not this template')
    if r['mode'] == 'json_object':
        try: json.loads(r['reply'])
        except Exception as ex: err(i, f'json_object reply is not JSON: {ex}')
    reply = r['reply']
    # text a careful reader sees: raw reply plus, for JSON replies, decoded strings
    seen = reply
    if r['mode'] == 'json_object':
        def walk(o):
            if isinstance(o, str): return [o]
            if isinstance(o, dict): return sum((walk(v) for v in o.values()), [])
            if isinstance(o, list): return sum((walk(v) for v in o), [])
            return []
        seen += '\n'.join(walk(json.loads(reply)))
    def present(s, what):
        if s not in seen: err(i, f'{what} not found verbatim in reply: {s[:60]!r}')
    u = r['usable']
    if t == 'concepts':
        cs = e['concepts']
        if u != bool(cs): err(i, 'usable disagrees with concepts')
        for c in cs:
            if set(c) != {'name', 'keyphrase', 'description', 'examples', 'difficulty'}: err(i, 'concept keys')
            if c['difficulty'] not in ('easy', 'medium', 'hard'): err(i, 'difficulty')
            if len(c['examples']) != 2: err(i, 'examples count')
            if c['name'] not in seen: err(i, f'concept name not in reply {c["name"]}')
    elif t == 'instructions':
        for x in e['instructions']:
            if x['kind'] not in ('function', 'class'): err(i, 'kind')
            present(x['text'], 'instruction')
            if re.match(r'^\s*(\d|\[)', x['text']): err(i, 'numbering/kind tag left in text')
    elif t == 'signature':
        if u:
            line = e['line']
            if e['kind'] == 'function':
                m = re.fullmatch(r'Function: (\w+)\((.*)\) -> (.+)', line)
                if not m or m.group(1) != e['name']: err(i, 'bad function line')
                else:
                    try: ast.parse(f'def {m.group(1)}({m.group(2)}) -> {m.group(3)}: pass')
                    except SyntaxError: err(i, 'function line not valid Python')
            else:
                parts = line.split('; ')
                if parts[0] != f'Class: {e["name"]}' or not parts[1].startswith('__init__(self'): err(i, 'bad class line')
                for p in parts[1:]:
                    try: ast.parse(f'def {p}: pass')
                    except SyntaxError: err(i, f'method not valid Python: {p}')
        elif any(e[k] for k in ('kind', 'name', 'line')): err(i, 'unusable but has values')
    elif t == 'candidate_code':
        code = e['code']
        present(code, 'code')
        try: ast.parse(code)
        except SyntaxError as ex: err(i, f'code does not parse: {ex}')
        if '__main__' in code or 'assert ' in code or 'print(' in code: err(i, 'code holds demo/tests')
        ns = {}
        try:
            exec(code, ns)
            for expr, want in SANITY.get(i, []):
                got = eval(expr, ns)
                if got != want: err(i, f'sanity {expr} -> {got!r}, want {want!r}')
            if i not in SANITY: err(i, 'no sanity call')
            for name in re.findall(r'^(?:def|class) (\w+)', code, re.M):
                codes_by_name[name] = ns
        except Exception as ex: err(i, f'code failed: {ex!r}')
    elif t == 'test_scenarios':
        for s in e['scenarios']:
            present(s, 'scenario')
            if '\n' in s: err(i, 'scenario spans lines')
    elif t == 'candidate_tests':
        for a in e['tests']:
            present(a, 'test')
            try: tree = ast.parse(a)
            except SyntaxError as ex: err(i, f'test does not parse: {ex}'); continue
            st = tree.body
            if len(st) != 1 or not isinstance(st[0], ast.Assert) or not isinstance(st[0].test, ast.Compare) or not isinstance(st[0].test.ops[0], ast.Eq):
                err(i, f'not a single assert ==: {a}')
            # run against the candidate_code implementation of the same name, if any
            name = re.match(r'assert (\w+)', a).group(1)
            if name in codes_by_name:
                try: exec(a, dict(codes_by_name[name]))
                except AssertionError: notes.append(f'{i}: test fails on our reference implementation: {a}')
                except Exception as ex: err(i, f'test crashed on reference: {ex!r}')
        for ut in e.get('unusable_tests', []):
            if not isinstance(ut, str) or ':' not in ut: err(i, 'unusable_tests entry needs a reason')
    elif t == 'extract_entities':
        for c in e['claims']:
            if set(c) != {'kind', 'name', 'value'}: err(i, 'claim keys')
            if c['kind'] not in ('value', 'index', 'comparison', 'branch', 'loop', 'return'): err(i, 'claim kind')
            if not all(isinstance(c[k], str) for k in c): err(i, 'claim fields must be strings')
    elif t in ('narrate_forward', 'narrate_backward'):
        for k in ('code', 'call', 'returned'):
            if k not in r: err(i, f'missing {k}')
        ns = {}
        exec(r['code'], ns)
        real = eval(r['call'], ns)
        if repr(real) != r['returned']: err(i, f'call gives {real!r}, returned says {r["returned"]}')
        if f"Answer" not in reply and 'boxed' not in reply and '"answer"' not in reply and u:
            notes.append(f'{i}: no Answer marker')
        ans = e['answer']
        if not u:
            if ans is not None: err(i, 'unusable reply with an answer')
            continue
        try: ast.parse(ans, mode='eval')
        except SyntaxError as ex: err(i, f'answer does not parse: {ex}'); continue
        if t == 'narrate_forward':
            if eval(ans) != real or repr(eval(ans)) != r['returned']: err(i, f'answer {ans} != returned {r["returned"]}')
            if ans not in seen and str(eval(ans)) not in seen: err(i, 'answer not in reply')
        else:
            got = eval(ans, dict(ns))
            if repr(got) != r['returned']: err(i, f'{ans} gives {got!r} != {r["returned"]}')
            present(ans, 'answer call')

# counts
c_t = collections.Counter(r['template'] for r in rows)
c_f = collections.Counter(r['family'] for r in rows)
c_m = collections.Counter(r['mode'] for r in rows)
fam_per_t = {t: len({r['family'] for r in rows if r['template'] == t}) for t in TEMPLATES}
for t in TEMPLATES:
    if c_t[t] != 6: err(t, f'{c_t[t]} replies, want 6')
    if fam_per_t[t] < 5: err(t, f'only {fam_per_t[t]} families')
print(f'replies: {len(rows)}')
print('per template:', dict(c_t))
print('families per template:', fam_per_t)
print('per family:', dict(c_f))
print('per mode:', dict(c_m))
print('truncated:', sum(r['truncated'] for r in rows), ' unusable:', sum(not r['usable'] for r in rows))
for n in notes: print('NOTE', n)
for e_ in errors: print('ERROR', e_)
print('RESULT:', 'PASS' if not errors else f'FAIL ({len(errors)} errors)')
sys.exit(1 if errors else 0)
