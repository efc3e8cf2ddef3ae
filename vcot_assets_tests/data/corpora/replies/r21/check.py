"""Self-check for r21 replies.jsonl. Usage: python3 check.py > check_report.txt"""
import ast, json, re, sys, collections

PATH = '/work/corpus/replies/r21/replies.jsonl'
TEMPLATES = ['concepts', 'instructions', 'signature', 'candidate_code', 'test_scenarios',
             'candidate_tests', 'extract_entities', 'narrate_forward', 'narrate_backward']
FAMILIES = {'mistral-small-24b', 'qwen2.5-coder-7b', 'llama-3.1-8b', 'gpt-4o-mini',
            'deepseek-r1-distill', 'smollm2-135m'}
# sanity calls for candidate_code: id -> list of (expression, expected repr)
SANITY = {
    'r21-candidate_code-01': [('is_min_heap([1, 3, 2, 7])', 'True'), ('is_min_heap([3, 1])', 'False')],
    'r21-candidate_code-02': [('closest_words("apple", ["apply", "ape", "banana"], 0.5)', "['apply', 'ape']")],
    'r21-candidate_code-03': [('wrap_words("the quick brown fox", 10)', "['the quick', 'brown fox']")],
    'r21-candidate_code-04': [('expand_tabs("ab\\tc", 4)', "'ab  c'")],
    'r21-candidate_code-05': [('Suggester(["push", "pull", "commit"]).suggest("comit")', "'commit'"),
                              ('Suggester([]).suggest("x")', 'None')],
    'r21-candidate_code-06': [('Tally().add("a").add("b").add("b").top(1)', "['b']")],
}
errors, infos = [], []
def err(rid, msg): errors.append('%s: %s' % (rid, msg))
def norm(s): return re.sub(r'\s+', ' ', s).strip()

recs = []
for n, line in enumerate(open(PATH), 1):
    try:
        recs.append(json.loads(line))
    except Exception as e:
        err('line %d' % n, 'json parse error %s' % e)

ids = collections.Counter(r.get('id') for r in recs)
for i, c in ids.items():
    if c > 1: err(i, 'duplicate id')

code_ns = {}
for r in recs:
    if r['template'] == 'candidate_code' and r['usable']:
        exec(r['expected']['code'], code_ns)

for r in recs:
    rid = r.get('id')
    for k in ['id', 'template', 'family', 'mode', 'prompt', 'reply', 'finish_reason', 'expected', 'truncated', 'usable', 'notes']:
        if k not in r: err(rid, 'missing field ' + k)
    t = r['template']
    if t not in TEMPLATES: err(rid, 'bad template')
    if not re.fullmatch(r'r21-%s-\d\d' % re.escape(t), rid): err(rid, 'bad id form')
    if r['family'] not in FAMILIES: err(rid, 'bad family')
    if r['mode'] not in ('text', 'json_object'): err(rid, 'bad mode')
    if r['finish_reason'] != ('length' if r['truncated'] else 'stop'): err(rid, 'finish_reason/truncated mismatch')
    e = r['expected']
    if e.get('truncated') != r['truncated'] or e.get('usable') != r['usable']: err(rid, 'expected flags mismatch')
    if '{{' in r['prompt']: err(rid, 'unfilled slot in prompt')
    if 'Task: %s' % t not in r['prompt']: err(rid, 'prompt is not this template')
    if r['mode'] == 'json_object':
        try: json.loads(r['reply'])
        except Exception as ex: err(rid, 'json_object reply is not JSON: %s' % ex)
    reply_n = norm(r['reply'])
    if r['mode'] == 'json_object':
        reply_n = norm(json.dumps(json.loads(r['reply']), ensure_ascii=False)) + ' ' + norm(' '.join(
            str(x) for x in re.findall(r'"((?:[^"\\]|\\.)*)"', r['reply']) if True))
        reply_n += ' ' + norm(r['reply'].encode().decode('unicode_escape'))
    if t == 'concepts':
        for c in e['concepts']:
            if set(c) != {'name', 'keyphrase', 'description', 'examples', 'difficulty'}: err(rid, 'concept keys')
            if c['difficulty'] not in ('easy', 'medium', 'hard'): err(rid, 'difficulty')
            if len(c['examples']) != 2: err(rid, 'examples count')
            if c['keyphrase'] not in r['prompt']: err(rid, 'keyphrase not in prompt: ' + c['keyphrase'])
            if norm(c['name']) not in reply_n: err(rid, 'concept name not in reply')
        if r['usable'] and not e['concepts']: err(rid, 'usable but empty')
    elif t == 'instructions':
        for it in e['instructions']:
            if it['kind'] not in ('function', 'class'): err(rid, 'kind')
            if norm(it['text']) not in reply_n: err(rid, 'instruction text not in reply: ' + it['text'][:40])
        if r['usable'] != bool(e['instructions']): err(rid, 'usable vs empty')
    elif t == 'signature':
        line = e['line']
        m = re.fullmatch(r'Function: (\w+)\((.*)\) -> (.+)', line)
        if e['kind'] == 'function':
            if not m or m.group(1) != e['name']: err(rid, 'function line form')
            else: ast.parse('def %s(%s) -> %s: pass' % m.groups())
        else:
            parts = line.split('; ')
            if parts[0] != 'Class: ' + e['name']: err(rid, 'class line head')
            if not parts[1].startswith('__init__(self'): err(rid, 'class __init__ not first')
            src = 'class %s:\n' % e['name'] + ''.join('    def %s: pass\n' % p for p in parts[1:])
            try: ast.parse(src)
            except SyntaxError as ex: err(rid, 'class line does not parse: %s' % ex)
    elif t == 'candidate_code':
        if r['usable']:
            try: ast.parse(e['code'])
            except SyntaxError as ex: err(rid, 'code syntax: %s' % ex)
            ns = {}
            exec(e['code'], ns)
            calls = SANITY.get(rid)
            if not calls: err(rid, 'no sanity call')
            for expr, want in calls or []:
                got = repr(eval(expr, ns))
                if got != want: err(rid, 'sanity %s -> %s, want %s' % (expr, got, want))
                else: infos.append('%s: sanity %s == %s ok' % (rid, expr, want))
            if r['mode'] == 'text' and e['code'] not in r['reply']: err(rid, 'code not verbatim in reply')
            if r['mode'] == 'json_object' and json.loads(r['reply']).get('code') != e['code']: err(rid, 'code not in json')
    elif t == 'test_scenarios':
        if r['usable'] != bool(e['scenarios']): err(rid, 'usable vs empty')
        for s in e['scenarios']:
            if norm(s) not in reply_n: err(rid, 'scenario not in reply: ' + s[:40])
    elif t == 'candidate_tests':
        for s in e['tests']:
            try:
                tree = ast.parse(s)
            except SyntaxError as ex:
                err(rid, 'test syntax %s' % ex); continue
            if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Assert): err(rid, 'not a single assert')
            if r['mode'] == 'text' and s not in r['reply']: err(rid, 'test not verbatim in reply: ' + s[:40])
            if r['mode'] == 'json_object' and not any(s in x for x in json.loads(r['reply'])['tests']): err(rid, 'test not in json')
            try:
                exec(s, dict(code_ns))
                infos.append('%s: %s passes against the reference code' % (rid, s[:60]))
            except AssertionError:
                err(rid, 'test fails against reference code: ' + s)
        for u in e.get('unusable_tests', []):
            if not u.get('reason'): err(rid, 'unusable test without reason')
    elif t == 'extract_entities':
        for c in e['claims']:
            if set(c) != {'kind', 'name', 'value'}: err(rid, 'claim keys')
            if c['kind'] not in ('value', 'index', 'comparison', 'branch', 'loop', 'return'): err(rid, 'claim kind')
            if not all(isinstance(c[k], str) for k in c): err(rid, 'claim value not string')
        if r['usable'] != bool(e['claims']): err(rid, 'usable vs empty')
    elif t in ('narrate_forward', 'narrate_backward'):
        for k in ('code', 'call', 'returned'):
            if k not in r: err(rid, 'missing ' + k)
        ns = {}
        exec(r['code'], ns)
        if repr(eval(r['call'], ns)) != r['returned']: err(rid, 'call does not give returned')
        if r['code'].rstrip('\n') not in r['prompt']: err(rid, 'code not in prompt')
        if not r['usable']:
            if e.get('answer') is not None: err(rid, 'unusable with an answer')
            continue
        a = e['answer']
        ast.parse(a, mode='eval')
        if t == 'narrate_forward':
            if r['call'] not in r['prompt']: err(rid, 'call not in prompt')
            got = ast.literal_eval(a)
            if got != ast.literal_eval(r['returned']) or repr(got) != r['returned']:
                err(rid, 'answer %s != returned %s' % (a, r['returned']))
            else: infos.append('%s: answer %s == returned' % (rid, a))
        else:
            if 'Output\n' + r['returned'] not in r['prompt']: err(rid, 'output not in prompt')
            got = repr(eval(a, dict(ns)))
            if got != r['returned']: err(rid, 'backward answer %s gives %s, want %s' % (a, got, r['returned']))
            else: infos.append('%s: %s -> %s ok' % (rid, a, got))

cnt = collections.Counter
print('records:', len(recs))
print('per template:', dict(cnt(r['template'] for r in recs)))
print('per family:', dict(cnt(r['family'] for r in recs)))
print('per mode:', dict(cnt(r['mode'] for r in recs)))
print('truncated:', sum(r['truncated'] for r in recs), ' unusable:', sum(not r['usable'] for r in recs))
for t in TEMPLATES:
    fams = {r['family'] for r in recs if r['template'] == t}
    if len(fams) < 5: err(t, 'fewer than 5 families')
    print('  %-18s %d replies, %d families' % (t, sum(r['template'] == t for r in recs), len(fams)))
print()
for i in infos: print('ok  ', i)
print()
for x in errors: print('FAIL', x)
print('RESULT:', 'PASS' if not errors else 'FAIL (%d errors)' % len(errors))
sys.exit(1 if errors else 0)
