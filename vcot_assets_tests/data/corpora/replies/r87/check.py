"""Check replies.jsonl: structure, Python validity of expected code/tests/answers, narrate answers, sanity calls."""
import ast, json, sys, collections
PATH = '/work/corpus/replies/r87/replies.jsonl'
# sanity calls for candidate_code: id -> list of (expression, expected value)
SANITY = {}
try:
    from tmp.sanity import SANITY
except Exception:
    sys.path.insert(0, '/work/corpus/replies/r87/tmp')
    try:
        from sanity import SANITY
    except Exception:
        pass
TEMPLATES = {'concepts', 'instructions', 'signature', 'candidate_code', 'test_scenarios',
             'candidate_tests', 'extract_entities', 'narrate_forward', 'narrate_backward'}
errors = []; counts = collections.Counter(); fams = collections.defaultdict(set)
def err(i, m): errors.append('%s: %s' % (i, m))
ids = set()
for ln, line in enumerate(open(PATH), 1):
    try:
        r = json.loads(line)
    except Exception as e:
        err('line %d' % ln, 'json: %s' % e); continue
    i = r.get('id', 'line %d' % ln)
    if i in ids: err(i, 'duplicate id')
    ids.add(i)
    for k in ('id', 'template', 'family', 'mode', 'prompt', 'reply', 'finish_reason', 'expected', 'truncated', 'usable', 'notes'):
        if k not in r: err(i, 'missing ' + k)
    t = r['template']; e = r['expected']
    if t not in TEMPLATES: err(i, 'bad template')
    counts[t] += 1; fams[t].add(r['family'])
    if r['mode'] not in ('text', 'json_object'): err(i, 'bad mode')
    if '{{' in r['prompt']: err(i, 'unfilled slot')
    if r['finish_reason'] != ('length' if r['truncated'] else 'stop'): err(i, 'finish_reason mismatch')
    if e.get('truncated') != r['truncated'] or e.get('usable') != r['usable']: err(i, 'expected flags mismatch')
    try:
        if t == 'concepts':
            for c in e.get('concepts', []):
                assert set(c) == {'name', 'keyphrase', 'description', 'examples', 'difficulty'}, c
                assert c['difficulty'] in ('easy', 'medium', 'hard') and isinstance(c['examples'], list)
        elif t == 'instructions':
            for c in e.get('instructions', []):
                assert c['kind'] in ('function', 'class') and c['text'] and not c['text'].lstrip().startswith(('[', '1'))
        elif t == 'signature':
            if r['usable']:
                assert e['kind'] in ('function', 'class')
                pre = 'Function: ' if e['kind'] == 'function' else 'Class: '
                assert e['line'].startswith(pre + e['name']), e['line']
                if e['kind'] == 'function':
                    ast.parse('def ' + e['line'][len(pre):] + ': pass')
                else:
                    for part in e['line'][len(pre):].split('; ')[1:]:
                        ast.parse('def ' + part + ': pass')
        elif t == 'candidate_code':
            if r['usable']:
                ast.parse(e['code'])
                ns = {}; exec(e['code'], ns)
                calls = SANITY.get(i, [])
                assert calls, 'no sanity call'
                for expr, want in calls:
                    got = eval(expr, ns)
                    assert got == want, (expr, got, want)
        elif t == 'test_scenarios':
            for s in e.get('scenarios', []): assert isinstance(s, str) and s
        elif t == 'candidate_tests':
            for s in e.get('tests', []):
                tree = ast.parse(s); assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert), s
                assert isinstance(tree.body[0].test, ast.Compare), s
            for u in e.get('unusable_tests', []): assert isinstance(u, (str, dict))
        elif t == 'extract_entities':
            for c in e.get('claims', []):
                assert c['kind'] in ('value', 'index', 'comparison', 'branch', 'loop', 'return'), c
                assert all(isinstance(c[k], str) for k in ('name', 'value')), c
        elif t == 'narrate_forward':
            if r['usable']:
                ast.parse(e['answer'], mode='eval')
                assert eval(e['answer']) == eval(r['returned']), (e['answer'], r['returned'])
                ns = {}; exec(r['code'], ns); assert repr(eval(r['call'], ns)) == r['returned']
        elif t == 'narrate_backward':
            if r['usable']:
                ast.parse(e['answer'], mode='eval')
                ns = {}; exec(r['code'], ns)
                assert repr(eval(e['answer'], ns)) == r['returned'], e['answer']
                assert repr(eval(r['call'], ns)) == r['returned']
        if r['usable'] and not r['truncated'] and t not in ('signature', 'candidate_code', 'narrate_forward', 'narrate_backward'):
            assert any(v for k, v in e.items() if k not in ('truncated', 'usable', 'unusable_tests')), 'usable but empty'
    except Exception as ex:
        err(i, 'check failed: %r' % (ex,))
print('replies:', sum(counts.values()))
for t in sorted(counts): print('  %-18s %d  families=%d' % (t, counts[t], len(fams[t])))
print('errors:', len(errors))
for x in errors: print('  ' + x)
print('PASS' if not errors else 'FAIL')
sys.exit(1 if errors else 0)
