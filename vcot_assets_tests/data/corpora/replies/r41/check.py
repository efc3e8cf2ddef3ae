"""Self-check for r41 replies.jsonl. Usage: python3 check.py > check_report.txt"""
import ast, json, re, sys, collections, os
HERE = os.path.dirname(os.path.abspath(__file__))
PROMPTS = '/work/corpus/tools/prompts/'
TEMPLATES = {f[:-4] for f in os.listdir(PROMPTS) if f.endswith('.txt')}
FAMILIES = {'mistral-small-24b','qwen2.5-coder-7b','llama-3.1-8b','gpt-4o-mini','deepseek-r1-distill','smollm2-135m'}
# sanity calls for candidate_code: (expression, expected)
SANITY = {
 'r41-candidate_code-01': [("is_min_heap([1, 2, 3, 4])", True), ("is_min_heap([3, 1])", False), ("is_min_heap([])", True)],
 'r41-candidate_code-02': [("run_lengths('aaabcc')", [('a', 3), ('b', 1), ('c', 2)]), ("run_lengths('')", [])],
 'r41-candidate_code-03': [("ratio_from_counts(3, 4, 4)", 0.75), ("ratio_from_counts(0, 0, 0)", 1.0)],
 'r41-candidate_code-04': [("Ranker({'ann': 5, 'bob': 9, 'cy': 7}).top(2)", ['bob', 'cy']), ("Ranker({'zed': 3, 'amy': 3}).top(2)", ['amy', 'zed'])],
 'r41-candidate_code-05': [("shared_count([1, 1, 2], [1, 1, 1])", 2), ("shared_count([], [1])", 0)],
 'r41-candidate_code-06': [("longest_run([1, 2, 2, 2])", 3), ("longest_run([])", 0)],
}
# reference implementations to run usable candidate tests against (informational + required to pass)
REF = {
 'longest_run': 'r41-candidate_code-06', 'run_lengths': 'r41-candidate_code-02', 'ratio_from_counts': 'r41-candidate_code-03',
 'Ranker': 'r41-candidate_code-04', 'shared_count': 'r41-candidate_code-05', 'is_min_heap': 'r41-candidate_code-01',
}
errors, warnings, rows = [], [], []
def err(i, m): errors.append(f'{i}: {m}')
def warn(i, m): warnings.append(f'{i}: {m}')
lines = open(os.path.join(HERE, 'replies.jsonl')).read().splitlines()
for n, line in enumerate(lines, 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        err(f'line {n}', f'does not parse: {e}')
code_by_id = {r['id']: r['expected'].get('code') for r in rows if r.get('template') == 'candidate_code'}
ids = collections.Counter(r.get('id') for r in rows)
for i, c in ids.items():
    if c > 1: err(i, 'duplicate id')
REQ = ['id','template','family','mode','prompt','reply','finish_reason','expected','truncated','usable','notes']
for r in rows:
    i = r.get('id', '?')
    for k in REQ:
        if k not in r: err(i, f'missing field {k}')
    t = r.get('template'); e = r.get('expected', {})
    if t not in TEMPLATES: err(i, f'unknown template {t}'); continue
    if not i.startswith(f'r41-{t}-'): err(i, 'id does not match template')
    if r['family'] not in FAMILIES: err(i, f'unknown family {r["family"]}')
    if r['mode'] not in ('text', 'json_object'): err(i, 'bad mode')
    if r['finish_reason'] not in ('stop', 'length'): err(i, 'bad finish_reason')
    if r['truncated'] != (r['finish_reason'] == 'length'): err(i, 'truncated disagrees with finish_reason')
    if '{{' in r['prompt']: err(i, 'unfilled slot in prompt')
    head = open(PROMPTS + t + '.txt').read().split('{{')[0]
    if not r['prompt'].startswith(head): err(i, 'prompt does not start like its template')
    if r['family'] == 'deepseek-r1-distill' and not r['reply'].lstrip().startswith('<think>'): err(i, 'deepseek reply lacks <think>')
    reply = r['reply']
    if t == 'concepts':
        for c in e['concepts']:
            if set(c) != {'name','keyphrase','description','examples','difficulty'}: err(i, 'concept keys')
            if c['difficulty'] not in ('easy','medium','hard'): err(i, 'difficulty')
            if c['name'] not in reply: err(i, f'concept name not in reply: {c["name"]}')
        items = len(e['concepts'])
    elif t == 'instructions':
        for x in e['instructions']:
            if x['kind'] not in ('function','class'): err(i, 'kind')
            if x['text'] not in reply and json.dumps(x['text'])[1:-1] not in reply: err(i, f'instruction text not in reply: {x["text"][:40]}')
            if re.match(r'^\s*(\d+\.|\[)', x['text']): err(i, 'numbering/kind tag left in text')
        items = len(e['instructions'])
    elif t == 'signature':
        line = e['line']
        if e['kind'] == 'function':
            m = re.fullmatch(r'Function: (\w+)\((.*)\) -> (.+)', line)
            if not m or m.group(1) != e['name']: err(i, 'bad function line'); 
            else:
                try: ast.parse(f'def {m.group(1)}({m.group(2)}) -> {m.group(3)}: pass')
                except SyntaxError as ex: err(i, f'signature not valid Python: {ex}')
        else:
            parts = line.split('; ')
            if not parts[0] == f'Class: {e["name"]}' or not parts[1].startswith('__init__(self'): err(i, 'bad class line')
            for p in parts[1:]:
                try: ast.parse(f'def {p}: pass')
                except SyntaxError as ex: err(i, f'method not valid Python: {p}: {ex}')
        items = 1
    elif t == 'candidate_code':
        try: ast.parse(e['code'])
        except SyntaxError as ex: err(i, f'code does not parse: {ex}')
        ns = {}
        try:
            exec(e['code'], ns)
            for expr, want in SANITY.get(i, []):
                got = eval(expr, ns)
                if got != want: err(i, f'sanity {expr} -> {got!r}, want {want!r}')
            if not SANITY.get(i): err(i, 'no sanity call')
        except Exception as ex:
            err(i, f'code fails: {ex!r}')
        if e['code'] not in reply and json.dumps(e['code'])[1:-1] not in reply: err(i, 'code not verbatim in reply')
        if 'assert' in e['code'] or '__main__' in e['code'] or 'print(' in e['code']: err(i, 'tests/demo left in code')
        items = 1
    elif t == 'test_scenarios':
        for s in e['scenarios']:
            if not isinstance(s, str) or re.match(r'^\s*\d+\.', s): err(i, 'scenario format')
            if s not in reply: warn(i, f'scenario not verbatim in reply (markdown stripped?): {s[:50]}')
        items = len(e['scenarios'])
    elif t == 'candidate_tests':
        for s in e['tests']:
            try:
                tree = ast.parse(s)
                st = tree.body[0]
                ok = len(tree.body) == 1 and isinstance(st, ast.Assert) and isinstance(st.test, ast.Compare) and isinstance(st.test.ops[0], ast.Eq)
                if not ok: err(i, f'not a single equality assert: {s}')
            except SyntaxError as ex:
                err(i, f'test does not parse: {s}: {ex}'); continue
            if s not in reply: err(i, f'test not verbatim in reply: {s}')
            # run against reference solution
            fn = re.match(r'assert (\w+)', s).group(1)
            ns = {}
            exec(code_by_id[REF[fn]], ns)
            try:
                exec(s, ns)
            except AssertionError:
                warn(i, f'test fails against reference solution: {s}')
        if not isinstance(e.get('unusable_tests', []), list): err(i, 'unusable_tests not a list')
        items = len(e['tests'])
    elif t == 'extract_entities':
        for c in e['claims']:
            if set(c) != {'kind','name','value'}: err(i, 'claim keys')
            if c['kind'] not in ('value','index','comparison','branch','loop','return'): err(i, f'claim kind {c["kind"]}')
            if not all(isinstance(v, str) for v in c.values()): err(i, 'claim values must be strings')
        items = len(e['claims'])
    elif t in ('narrate_forward', 'narrate_backward'):
        for k in ('code', 'call', 'returned'):
            if k not in r: err(i, f'missing {k}')
        a = e['answer']
        try: ast.parse(a, mode='eval')
        except SyntaxError as ex: err(i, f'answer not valid Python: {ex}'); continue
        ns = {}
        exec(r['code'], ns)
        want = ast.literal_eval(r['returned'])
        if eval(r['call'], ns) != want: err(i, 'call does not give returned')
        if t == 'narrate_forward':
            if ast.literal_eval(a) != want: err(i, f'answer {a} != returned {r["returned"]}')
        else:
            if not a.startswith('f('): err(i, 'backward answer is not a call to f')
            if eval(a, ns) != want: err(i, f'{a} does not return {r["returned"]}')
        if r['prompt'].count('```') < 4: err(i, 'prompt lacks code/trace blocks')
        items = 1
    if not r['usable'] and items and t not in ('signature','narrate_forward','narrate_backward'): err(i, 'unusable but expected has items')
    if r['usable'] and not items: err(i, 'usable but expected is empty')

def count(key):
    return dict(sorted(collections.Counter(r[key] for r in rows).items()))
print(f'lines: {len(lines)}, parsed: {len(rows)}')
print('per template:', count('template'))
print('per family:', count('family'))
print('per mode:', count('mode'))
print('truncated:', sum(r['truncated'] for r in rows), ' unusable:', sum(not r['usable'] for r in rows))
fam_per_t = collections.defaultdict(set)
for r in rows: fam_per_t[r['template']].add(r['family'])
for t, fs in sorted(fam_per_t.items()):
    print(f'  {t}: {len(fs)} families')
    if len(fs) < 5: err(t, 'fewer than 5 families')
print(f'warnings ({len(warnings)}):'); [print('  ' + w) for w in warnings]
print(f'errors ({len(errors)}):'); [print('  ' + x) for x in errors]
print('RESULT:', 'PASS' if not errors else 'FAIL')
sys.exit(1 if errors else 0)
