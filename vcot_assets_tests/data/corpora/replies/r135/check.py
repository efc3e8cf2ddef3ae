"""Checks replies.jsonl; writes a report to stdout (kept in check_report.txt)."""
import ast, json, sys, collections
PATH = '/work/corpus/replies/r135/replies.jsonl'
errors = []; rows = []
for n, line in enumerate(open(PATH, encoding='utf-8'), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        errors.append(f'line {n}: does not parse: {e}')
KEYS = {"id","template","family","mode","prompt","reply","finish_reason","expected","truncated","usable","notes"}
FAMS = {'mistral-small-24b','qwen2.5-coder-7b','llama-3.1-8b','gpt-4o-mini','deepseek-r1-distill','smollm2-135m'}
ids = collections.Counter(r.get('id') for r in rows)
for i, c in ids.items():
    if c > 1: errors.append(f'duplicate id {i}')
SANITY = {  # candidate_code id -> list of (call, expected)
 'r135-candidate_code-01': [("run_length_encode('aaabcc')", [('a',3),('b',1),('c',2)]), ("run_length_encode('')", [])],
 'r135-candidate_code-02': [("median([3, 1, 2])", 2.0), ("median([1, 2, 3, 4])", 2.5)],
 'r135-candidate_code-03': [("(lambda q: (q.push(5), q.push(2), q.pop(), q.pop(), q.pop())[2:])(MinQueue())", (2, 5, None))],
 'r135-candidate_code-04': [("common_indent(['  a', '    b', '', '  c'])", '  '), ("common_indent(['\\tx', '  y'])", ''), ("common_indent([])", '')],
 'r135-candidate_code-05': [("reduce_fraction(8, 6)", (4, 3)), ("reduce_fraction(3, -9)", (-1, 3))],
}
# reference implementations (by function name) to run the candidate_tests against
REF = {}
def run_code(src):
    g = {}; exec(compile(src, '<code>', 'exec'), g); return g
stats = collections.Counter()
for r in rows:
    rid = r.get('id', '?')
    miss = KEYS - set(r)
    if miss: errors.append(f'{rid}: missing keys {miss}'); continue
    t, e = r['template'], r['expected']
    if r['family'] not in FAMS: errors.append(f'{rid}: bad family')
    if r['mode'] not in ('text', 'json_object'): errors.append(f'{rid}: bad mode')
    if '{{' in r['prompt']: errors.append(f'{rid}: unfilled slot in prompt')
    if r['mode'] == 'json_object' and not r['truncated']:
        try: json.loads(r['reply'])
        except Exception as ex: errors.append(f'{rid}: json_object reply is not JSON: {ex}')
        else: stats['json_object_replies_parse'] += 1
    if r['finish_reason'] not in ('stop', 'length'): errors.append(f'{rid}: bad finish_reason')
    if r['truncated'] != (r['finish_reason'] == 'length'): errors.append(f'{rid}: truncated/finish_reason mismatch')
    if e.get('truncated', r['truncated']) != r['truncated']: pass
    try:
        if t == 'concepts':
            for c in e['concepts']:
                assert set(c) == {"name","keyphrase","description","examples","difficulty"}, c
                assert c['difficulty'] in ('easy','medium','hard') and len(c['examples']) == 2
            assert r['usable'] == bool(e['concepts'])
        elif t == 'instructions':
            for it in e['instructions']:
                assert it['kind'] in ('function','class') and it['text'] and not it['text'][0].isdigit()
            assert r['usable'] == bool(e['instructions'])
        elif t == 'signature':
            k, name, line = e['kind'], e['name'], e['line']
            pre = 'Function: ' if k == 'function' else 'Class: '
            assert line.startswith(pre), line
            if k == 'function':
                assert line[len(pre):].startswith(name + '(')
                ast.parse('def ' + line[len(pre):] + ': pass')
            else:
                parts = line[len(pre):].split('; ')
                assert parts[0] == name and parts[1].startswith('__init__(self')
                ast.parse('class X:\n' + ''.join(f'    def {p}: pass\n' for p in parts[1:]))
        elif t == 'candidate_code':
            if r['usable']:
                ast.parse(e['code'])
                g = run_code(e['code'])
                calls = SANITY[rid]
                for call, want in calls:
                    got = eval(call, g)
                    assert got == want, (call, got, want)
                    stats['sanity_calls'] += 1
                for k2, v in g.items():
                    if callable(v) and not k2.startswith('_') and k2 not in ('gcd',): REF[k2] = v
            else:
                assert e['code'] == ''
        elif t == 'test_scenarios':
            assert all(isinstance(s, str) and s for s in e['scenarios'])
            assert r['usable'] == bool(e['scenarios'])
        elif t == 'candidate_tests':
            for s in e['tests']:
                tree = ast.parse(s)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert), s
                assert isinstance(tree.body[0].test, ast.Compare) and isinstance(tree.body[0].test.ops[0], ast.Eq), s
            for u in e.get('unusable_tests', []): assert isinstance(u, str) and u
            assert r['usable'] == bool(e['tests'])
        elif t == 'extract_entities':
            for c in e['claims']:
                assert set(c) == {'kind','name','value'} and all(isinstance(v, str) for v in c.values()), c
                assert c['kind'] in ('value','index','comparison','branch','loop','return')
        elif t == 'narrate_forward':
            ast.parse(e['answer'], mode='eval')
            assert eval(e['answer']) == eval(r['returned']), (e['answer'], r['returned'])
            g = run_code(r['code']); assert repr(eval(r['call'], g)) == r['returned']
        elif t == 'narrate_backward':
            ast.parse(e['answer'], mode='eval')
            g = run_code(r['code']); assert repr(eval(e['answer'], g)) == r['returned'], e['answer']
            assert repr(eval(r['call'], g)) == r['returned']
        else:
            errors.append(f'{rid}: unknown template {t}')
    except Exception as ex:
        errors.append(f'{rid}: {type(ex).__name__}: {ex}')
# run the usable candidate tests against the reference solutions
import builtins
for r in rows:
    if r.get('template') == 'candidate_tests':
        for s in r['expected']['tests']:
            try:
                exec(s, dict(REF)); stats['tests_pass_reference'] += 1
            except Exception as ex:
                errors.append(f"{r['id']}: test fails on reference: {s} ({type(ex).__name__})")
by_t = collections.Counter(r['template'] for r in rows)
by_f = collections.Counter(r['family'] for r in rows)
by_m = collections.Counter(r['mode'] for r in rows)
fam_per_t = {t: len({r['family'] for r in rows if r['template'] == t}) for t in by_t}
for t, n in fam_per_t.items():
    if n < 5: errors.append(f'{t}: only {n} families')
print(f'rows: {len(rows)}')
print('per template:', dict(sorted(by_t.items())))
print('families per template:', dict(sorted(fam_per_t.items())))
print('per family:', dict(sorted(by_f.items())))
print('per mode:', dict(by_m))
print('truncated:', sum(r['truncated'] for r in rows), ' unusable:', sum(not r['usable'] for r in rows))
print('json_object replies that parse as JSON:', stats['json_object_replies_parse'])
print('candidate_code sanity calls passed:', stats['sanity_calls'])
print('candidate_tests asserts passing on reference solutions:', stats['tests_pass_reference'])
print('errors:', len(errors))
for x in errors: print('  ', x)
print('RESULT:', 'PASS' if not errors else 'FAIL')
sys.exit(1 if errors else 0)
