"""Self-check of /work/corpus/replies/r76/replies.jsonl (writer r76). Run: python3 check.py"""
import ast, json, re, sys, collections, os

HERE = os.path.dirname(os.path.abspath(__file__))
PATH = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, 'replies.jsonl')
TEMPLATES = {'concepts', 'instructions', 'signature', 'candidate_code', 'test_scenarios', 'candidate_tests',
             'extract_entities', 'narrate_forward', 'narrate_backward'}
FAMILIES = {'mistral-small-24b', 'qwen2.5-coder-7b', 'llama-3.1-8b', 'gpt-4o-mini', 'deepseek-r1-distill', 'smollm2-135m'}
KINDS = {'value', 'index', 'comparison', 'branch', 'loop', 'return'}
SANITY = {
 "r76-candidate_code-01": [
  "reduce_fraction(8, -6) == (-4, 3)",
  "reduce_fraction(0, 5) == (0, 1)"
 ],
 "r76-candidate_code-02": [
  "wrap_words('the quick brown fox', 10) == ['the quick', 'brown fox']",
  "wrap_words('a verylongword b', 5) == ['a', 'verylongword', 'b']"
 ],
 "r76-candidate_code-03": [
  "k_smallest([7, 2, 9, 4, 1], 3) == [1, 2, 4]",
  "k_smallest([3, 1], 5) == [1, 3]"
 ],
 "r76-candidate_code-04": [
  "similarity('abc', 'abd') == 0.6666666666666666",
  "similarity('', '') == 1.0"
 ],
 "r76-candidate_code-05": [
  "(lambda b: (b.add(5), b.add(1), b.add(5), b.items()))(SortedBag()) == (0, 0, 2, [1, 5, 5])"
 ],
 "r76-candidate_code-06": [
  "grade_for(70, [60, 70, 80, 90], 'FDCBA') == 'C'",
  "grade_for(59, [60, 70, 80, 90], 'FDCBA') == 'F'"
 ]
}

# reference implementation for the one exercise whose tests have no candidate_code entry here
REF_EXTRA = '''
def normalize_spaces(text: str) -> str:
    return " ".join(text.split())
'''

errors, infos = [], []
def err(i, msg): errors.append(f"{i}: {msg}")
def norm(s): return " ".join(str(s).split())

def grounded(needle, reply, mode):
    """is `needle` visible in the reply (whitespace-normalised; JSON strings decoded for json_object)"""
    hay = norm(reply)
    if norm(needle) in hay:
        return True
    if mode == 'json_object':
        try:
            return norm(needle) in norm(json.dumps(json.loads(reply), ensure_ascii=False)) or \
                   norm(needle) in norm(repr(json.loads(reply)))
        except Exception:
            return False
    return False

def strings_in_json(x):
    if isinstance(x, str): yield x
    elif isinstance(x, dict):
        for v in x.values(): yield from strings_in_json(v)
    elif isinstance(x, list):
        for v in x: yield from strings_in_json(v)

def grounded_any(needle, reply, mode):
    if grounded(needle, reply, mode): return True
    if mode == 'json_object':
        try:
            return any(norm(needle) in norm(s) for s in strings_in_json(json.loads(reply)))
        except Exception:
            return False
    return False

def parse_sig(line):
    if line.startswith('Function: '):
        ast.parse('def ' + line[len('Function: '):] + ': pass')
        return 'function', re.match(r'(\w+)\(', line[len('Function: '):]).group(1)
    if line.startswith('Class: '):
        parts = [p.strip() for p in line[len('Class: '):].split(';')]
        name = parts[0]
        assert re.fullmatch(r'[A-Za-z_]\w*', name), name
        assert parts[1].startswith('__init__('), 'constructor must follow the class name'
        ast.parse('class %s:\n' % name + ''.join('    def %s: pass\n' % m for m in parts[1:]))
        return 'class', name
    raise ValueError('not a canonical signature line')

lines = open(PATH, encoding='utf-8').read().splitlines()
rows = []
for n, l in enumerate(lines, 1):
    try:
        rows.append(json.loads(l))
    except Exception as e:
        err(f"line {n}", f"does not parse: {e}")

ids = collections.Counter(r.get('id') for r in rows)
for k, v in ids.items():
    if v > 1: err(k, 'duplicate id')

code_by_ex = {}
for r in rows:
    i = r.get('id')
    for key in ('id', 'template', 'family', 'mode', 'prompt', 'reply', 'finish_reason', 'expected', 'truncated', 'usable', 'notes'):
        if key not in r: err(i, f'missing {key}')
    t, ex, mode, reply = r['template'], r['expected'], r['mode'], r['reply']
    if t not in TEMPLATES: err(i, 'bad template')
    if not re.fullmatch(rf'r76-{t}-\d\d', i): err(i, 'bad id form')
    if r['family'] not in FAMILIES: err(i, 'bad family')
    if mode not in ('text', 'json_object'): err(i, 'bad mode')
    if (r['finish_reason'] == 'length') != r['truncated']: err(i, 'finish_reason/truncated mismatch')
    if re.search(r'\{\{\w+\}\}', r['prompt']): err(i, 'unfilled slot in prompt')
    if f'Task: {t}' not in r['prompt']: err(i, 'prompt is not the template')
    if r['family'] == 'deepseek-r1-distill' and not reply.startswith('<think>'): err(i, 'deepseek reply without <think>')
    if mode == 'json_object' and r['usable']:
        try: json.loads(reply)
        except Exception as e: err(i, f'json_object reply is not JSON: {e}')
    usable = r['usable']
    try:
        if t == 'concepts':
            for c in ex['concepts']:
                assert set(c) == {'name', 'keyphrase', 'description', 'examples', 'difficulty'}, c
                assert c['difficulty'] in ('easy', 'medium', 'hard') and len(c['examples']) == 2
                assert c['keyphrase'].lower() in r['prompt'].lower(), 'keyphrase not in prompt'
                for f in ('name', 'description'):
                    assert grounded_any(c[f], reply, mode), f'concept {f} not found in reply'
            assert usable == bool(ex['concepts'])
        elif t == 'instructions':
            for it in ex['instructions']:
                assert it['kind'] in ('function', 'class')
                assert grounded_any(it['text'], reply, mode), 'instruction not found in reply: ' + it['text'][:40]
                assert not re.match(r'\s*(\d+\.|\[)', it['text'])
            assert ex['instructions']
        elif t == 'signature':
            kind, name = parse_sig(ex['line'])
            assert kind == ex['kind'] and name == ex['name'], (kind, name)
        elif t == 'candidate_code':
            ast.parse(ex['code'])
            assert 'if __name__' not in ex['code'] and 'print(' not in ex['code']
            assert grounded_any(ex['code'], reply, mode), 'code not found in reply'
            ns = {}
            exec(compile(ex['code'], i, 'exec'), ns)
            calls = SANITY.get(i, [])
            assert calls, 'no sanity call'
            for c in calls:
                assert eval(c, ns) is True, 'sanity failed: ' + c
            m = re.search(r'(?:def|class) (\w+)', ex['code'].split('\n\n\n')[-1])
            code_by_ex[m.group(1)] = ex['code']
        elif t == 'test_scenarios':
            assert ex['scenarios']
            for s in ex['scenarios']:
                assert '```' not in s and grounded_any(s, reply, mode), 'scenario not found: ' + s[:40]
        elif t == 'candidate_tests':
            for a in ex['tests']:
                tree = ast.parse(a)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert), a
                assert isinstance(tree.body[0].test, ast.Compare) and isinstance(tree.body[0].test.ops[0], ast.Eq), a
                assert grounded_any(a, reply, mode), 'test not found in reply: ' + a
            for u in ex.get('unusable_tests', []):
                assert u['test'] in reply and u['reason']
        elif t == 'extract_entities':
            for c in ex['claims']:
                assert c['kind'] in KINDS and all(isinstance(c[f], str) for f in ('kind', 'name', 'value')), c
            assert usable == bool(ex['claims'])
        elif t in ('narrate_forward', 'narrate_backward'):
            for key in ('code', 'call', 'returned'): assert key in r, 'missing ' + key
            ns = {}
            exec(r['code'], ns)
            assert repr(eval(r['call'], ns)) == r['returned'], 'call does not give returned'
            if usable:
                a = ex['answer']
                ast.parse(a, mode='eval')
                if t == 'narrate_forward':
                    assert eval(a, {}) == eval(r['returned'], {}), 'answer != returned'
                else:
                    assert repr(eval(a, ns)) == r['returned'], 'answer call does not give returned'
                assert grounded_any(a, reply, mode) or grounded_any(json.dumps(eval(a, {})), reply, mode), 'answer not in reply'
            else:
                assert ex['answer'] is None
    except Exception as e:
        err(i, f'{type(e).__name__}: {e}')

# cross-check: usable candidate tests agree with the reference solutions written in this corpus
refs = {}
exec(REF_EXTRA, refs)
for src in set(code_by_ex.values()):
    exec(src, refs)
for r in rows:
    if r['template'] != 'candidate_tests': continue
    for a in r['expected']['tests']:
        try:
            exec(a, dict(refs))
        except Exception as e:
            err(r['id'], f'test fails against reference solution: {a} ({type(e).__name__})')

C = collections.Counter
print(f'rows: {len(rows)}')
print('per template:', dict(sorted(C(r["template"] for r in rows).items())))
print('per family:', dict(sorted(C(r["family"] for r in rows).items())))
print('per mode:', dict(C(r["mode"] for r in rows)))
print('truncated:', sum(r['truncated'] for r in rows), ' unusable:', sum(not r['usable'] for r in rows))
for t in sorted(TEMPLATES):
    fams = {r['family'] for r in rows if r['template'] == t}
    if len(fams) < 5: err(t, f'only {len(fams)} families')
print('families per template:', {t: len({r["family"] for r in rows if r["template"] == t}) for t in sorted(TEMPLATES)})
if errors:
    print(f'FAIL: {len(errors)} problem(s)')
    for e in errors: print('  ' + e)
    sys.exit(1)
print('OK: all checks passed')
