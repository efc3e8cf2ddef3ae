"""Self-check for r18 replies.jsonl. Usage: python3 check.py > check_report.txt"""
import ast, json, sys, collections, re

PATH = sys.argv[1] if len(sys.argv) > 1 else '/work/corpus/replies/r18/replies.jsonl'
TEMPLATES = ['concepts', 'instructions', 'signature', 'candidate_code', 'test_scenarios',
             'candidate_tests', 'extract_entities', 'narrate_forward', 'narrate_backward']
FAMILIES = {'mistral-small-24b', 'qwen2.5-coder-7b', 'llama-3.1-8b', 'gpt-4o-mini',
            'deepseek-r1-distill', 'smollm2-135m'}
KEYS = {'id', 'template', 'family', 'mode', 'prompt', 'reply', 'finish_reason', 'expected',
        'truncated', 'usable', 'notes'}

# sanity calls for candidate_code: id -> list of (expression, expected value)
SANITY = {
    'r18-candidate_code-01': [('is_min_heap([1, 3, 2, 7])', True), ('is_min_heap([3, 1])', False), ('is_min_heap([])', True)],
    'r18-candidate_code-02': [("char_runs('aaabccdd')", [('a', 3), ('b', 1), ('c', 2), ('d', 2)]), ("char_runs('')", [])],
    'r18-candidate_code-03': [('reduce_fraction(8, -6)', (-4, 3)), ('reduce_fraction(0, 5)', (0, 1))],
    'r18-candidate_code-04': [('Accumulator(10).add_all([1, 2])', [11, 13]), ('Accumulator(0).add_all([])', [])],
    'r18-candidate_code-05': [("common_indent(['  a', '', '    b'])", 2), ("common_indent(['', '  '])", 0)],
    'r18-candidate_code-06': [('parity_runs([1, 3, 2, 4, 5])', [[1, 3], [2, 4], [5]]), ('parity_runs([])', [])],
}
# candidate_tests whose function has a reference solution among the candidate_code entries
TEST_REF = {'r18-candidate_tests-01': 'r18-candidate_code-01', 'r18-candidate_tests-02': 'r18-candidate_code-02',
            'r18-candidate_tests-03': 'r18-candidate_code-03', 'r18-candidate_tests-04': 'r18-candidate_code-04',
            'r18-candidate_tests-05': 'r18-candidate_code-06', 'r18-candidate_tests-06': 'r18-candidate_code-05'}

errors = []
def err(i, msg): errors.append('%s: %s' % (i, msg))

def strict_json(e):
    """The reply's JSON (the ```json block, or the whole json_object reply) if it is strict JSON, else None."""
    txt = e['reply']
    if e['mode'] != 'json_object':
        m = re.findall(r'```json\n(.*?)\n```', txt, re.S)
        if len(m) != 1: return None
        txt = m[0]
    try:
        return json.loads(txt)
    except Exception:
        return None

def unwrap(v):
    if isinstance(v, dict) and len(v) == 1 and isinstance(list(v.values())[0], list):
        return list(v.values())[0]
    return v

def reply_text(e):
    """reply plus, for json_object replies, every string inside the decoded JSON (so escaped code is findable)."""
    out = [e['reply']]
    if e['mode'] == 'json_object' and e['reply'].strip():
        def walk(v):
            if isinstance(v, str): out.append(v)
            elif isinstance(v, dict): [walk(x) for x in v.values()]
            elif isinstance(v, list): [walk(x) for x in v]
        walk(json.loads(e['reply']))
    return '\n'.join(out)

entries = []
for n, line in enumerate(open(PATH), 1):
    try:
        entries.append(json.loads(line))
    except Exception as ex:
        err('line %d' % n, 'does not parse: %s' % ex)

code_by_id = {e['id']: e['expected'].get('code') for e in entries if e['template'] == 'candidate_code'}
ids = collections.Counter(e['id'] for e in entries)
for i, c in ids.items():
    if c > 1: err(i, 'duplicate id')

for e in entries:
    i = e.get('id', '?')
    missing = KEYS - set(e)
    if missing: err(i, 'missing keys %s' % missing); continue
    t = e['template']
    if t not in TEMPLATES: err(i, 'bad template')
    if not i.startswith('r18-%s-' % t): err(i, 'id does not match template')
    if e['family'] not in FAMILIES: err(i, 'bad family')
    if e['mode'] not in ('text', 'json_object'): err(i, 'bad mode')
    if e['finish_reason'] != ('length' if e['truncated'] else 'stop'): err(i, 'finish_reason/truncated mismatch')
    if '{{' in e['prompt']: err(i, 'unfilled slot in prompt')
    if 'Task: %s' % t not in e['prompt']: err(i, 'prompt is not this template')
    if e['mode'] == 'json_object':
        try:
            if not isinstance(json.loads(e['reply']), dict): err(i, 'json_object reply is not an object')
        except Exception as ex:
            err(i, 'json_object reply does not parse: %s' % ex)
    x = e['expected']
    if not e['usable']:
        if x: err(i, 'unusable but expected not empty')
        continue
    rt = reply_text(e)
    try:
        if t == 'concepts':
            sj = strict_json(e)
            if sj is not None:   # strict JSON: a careful reader takes exactly what it holds
                assert unwrap(sj) == x['concepts'], 'expected differs from the strict-JSON reply'
            for c in x['concepts']:
                assert set(c) == {'name', 'keyphrase', 'description', 'examples', 'difficulty'}, c
                assert c['difficulty'] in ('easy', 'medium', 'hard')
                assert len(c['examples']) == 2
                assert c['name'] in rt, 'concept name not in reply'
                assert c['keyphrase'] in e['prompt'], 'keyphrase not in prompt'
        elif t == 'instructions':
            for s in x['instructions']:
                assert s['kind'] in ('function', 'class')
                assert s['text'] in rt, 'statement not verbatim in reply: %r' % s['text'][:40]
                assert not re.match(r'^\s*(\d+\.|\[)', s['text'])
        elif t == 'signature':
            assert x['kind'] in ('function', 'class')
            line = x['line']
            if x['kind'] == 'function':
                m = re.match(r'^Function: (\w+)\((.*)\) -> (.+)$', line)
                assert m and m.group(1) == x['name'], 'bad function line'
                ast.parse('def %s(%s) -> %s: pass' % m.groups())
            else:
                parts = line.split('; ')
                assert parts[0] == 'Class: ' + x['name'], 'bad class head'
                assert parts[1].startswith('__init__(self'), 'no __init__'
                src = 'class %s:\n' % x['name'] + ''.join('    def %s: pass\n' % p for p in parts[1:])
                ast.parse(src)
            assert x['name'] in rt
        elif t == 'candidate_code':
            code = x['code']
            ast.parse(code)
            assert code in rt, 'code not verbatim in reply'
            assert '__main__' not in code and 'print(' not in code and 'assert' not in code
            ns = {}
            exec(code, ns)
            calls = SANITY[i]
            for expr, want in calls:
                got = eval(expr, ns)
                assert got == want, '%s -> %r, want %r' % (expr, got, want)
        elif t == 'test_scenarios':
            for s in x['scenarios']:
                assert isinstance(s, str) and s in rt, 'scenario not in reply: %r' % s[:40]
        elif t == 'candidate_tests':
            ns = {}
            exec(code_by_id[TEST_REF[i]], ns)
            for s in x['tests']:
                tree = ast.parse(s)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert)
                cmp = tree.body[0].test
                assert isinstance(cmp, ast.Compare) and isinstance(cmp.ops[0], ast.Eq) and len(cmp.ops) == 1
                ast.literal_eval(cmp.comparators[0])
                assert s in rt, 'test not verbatim in reply: %r' % s
                exec(s, dict(ns))   # the test passes against the reference solution
            assert isinstance(x.get('unusable_tests', []), list)
        elif t == 'extract_entities':
            sj = strict_json(e)
            if sj is not None:
                conv = lambda v: v if isinstance(v, str) else (repr(v) if not isinstance(v, (list, dict)) else json.dumps(v).replace('"', "'"))
                got = [{k: conv(c[k]) for k in ('kind', 'name', 'value')} for c in unwrap(sj)]
                assert got == x['claims'], 'expected differs from strict-JSON reply: %r' % got
            for c in x['claims']:
                assert set(c) == {'kind', 'name', 'value'}
                assert c['kind'] in ('value', 'index', 'comparison', 'branch', 'loop', 'return')
                assert all(isinstance(v, str) for v in c.values())
        elif t == 'narrate_forward':
            ast.parse(x['answer'], mode='eval')
            assert eval(x['answer']) == eval(e['returned']), 'answer != returned'
            ns = {}
            exec(e['code'], ns)
            assert repr(eval(e['call'], ns)) == e['returned'], 'call does not give returned'
            assert e['call'] in e['prompt'] and e['code'].rstrip('\n') in e['prompt']
        elif t == 'narrate_backward':
            ast.parse(x['answer'], mode='eval')
            ns = {}
            exec(e['code'], ns)
            assert eval(x['answer'], ns) == eval(e['returned']), 'answer call != returned'
            assert x['answer'] in rt, 'answer call not in reply'
            assert e['returned'] in e['prompt']
    except Exception as ex:
        err(i, '%s: %r' % (type(ex).__name__, ex))

# distribution
print('entries:', len(entries))
by_t = collections.Counter(e['template'] for e in entries)
print('per template:', dict(by_t))
print('per family:', dict(collections.Counter(e['family'] for e in entries)))
print('per mode:', dict(collections.Counter(e['mode'] for e in entries)))
print('truncated:', sum(e['truncated'] for e in entries), ' unusable:', sum(not e['usable'] for e in entries))
for t in TEMPLATES:
    fams = {e['family'] for e in entries if e['template'] == t}
    print('  %-18s n=%d families=%d %s' % (t, by_t[t], len(fams), sorted(fams)))
    if len(fams) < 5: errors.append('%s: fewer than 5 families' % t)
    if by_t[t] != 6: errors.append('%s: not 6 replies' % t)
print()
if errors:
    print('FAIL (%d problems)' % len(errors))
    for m in errors: print('  ' + m)
    sys.exit(1)
print('PASS: all %d entries parse and every check holds' % len(entries))
