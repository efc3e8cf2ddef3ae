"""Self-check for r159 replies.jsonl. Prints a report; exit code 1 on any failure."""
import ast, json, sys, collections
PATH = '/work/corpus/replies/r159/replies.jsonl'
fails = []; n = 0
by_t = collections.defaultdict(list)
SANITY = {  # candidate_code id -> (call, expected)
    'r159-candidate_code-01': ("run_length_encode('aabccc')", [('a', 2), ('b', 1), ('c', 3)]),
    'r159-candidate_code-02': ("RateAverager().add(40).add(60).mean()", 48.0),
    'r159-candidate_code-03': ("insert_sorted([1, 2, 2, 5], 2)", [1, 2, 2, 2, 5]),
    'r159-candidate_code-04': ("TabExpander(4).expand('ab\\tc')", 'ab  c'),
    'r159-candidate_code-05': ("common_prefix_ratio('abc', 'abd')", 2 / 3),
}
# reference solutions the candidate_tests are run against (code ids or inline)
REF = {
    'run_length_encode': 'r159-candidate_code-01', 'RateAverager': 'r159-candidate_code-02',
    'insert_sorted': 'r159-candidate_code-03', 'TabExpander': 'r159-candidate_code-04',
    'common_prefix_ratio': 'r159-candidate_code-05',
    'longest_run': "def longest_run(nums):\n    best = cur = 0\n    prev = object()\n    for x in nums:\n        cur = cur + 1 if x == prev else 1\n        prev = x\n        best = max(best, cur)\n    return best\n",
}
rows = {}
for i, line in enumerate(open(PATH, encoding='utf-8'), 1):
    try:
        r = json.loads(line)
    except Exception as e:
        fails.append(f'line {i}: not JSON: {e}'); continue
    n += 1; rows[r['id']] = r; by_t[r['template']].append(r)
for r in rows.values():
    rid, t, e = r['id'], r['template'], r['expected']
    def bad(msg): fails.append(f'{rid}: {msg}')
    for k in ('id','template','family','mode','prompt','reply','finish_reason','expected','truncated','usable','notes'):
        if k not in r: bad(f'missing {k}')
    if '{{' in r['prompt']: bad('unfilled slot in prompt')
    if r['truncated'] != (r['finish_reason'] == 'length'): bad('truncated/finish_reason mismatch')
    if e.get('truncated') != r['truncated'] or e.get('usable') != r['usable']: bad('expected flags mismatch')
    if r['mode'] not in ('text', 'json_object'): bad('bad mode')
    if r['mode'] == 'json_object' and r['usable']:
        try: json.loads(r['reply'])
        except Exception: bad('json_object reply is not bare JSON')
    if not r['usable']: continue
    try:
        if t == 'concepts':
            assert e['concepts'] and all(set(c) == {'name','keyphrase','description','examples','difficulty'} and c['difficulty'] in ('easy','medium','hard') for c in e['concepts'])
        elif t == 'instructions':
            assert e['instructions'] and all(x['kind'] in ('function','class') and x['text'] for x in e['instructions'])
        elif t == 'signature':
            line = e['line']; assert e['kind'] in ('function', 'class')
            if e['kind'] == 'function':
                assert line.startswith('Function: ' + e['name'] + '(')
                ast.parse('def ' + line[len('Function: '):] + ': pass')
            else:
                parts = line.split('; '); assert parts[0] == 'Class: ' + e['name']
                for p in parts[1:]: ast.parse('def ' + p + ': pass')
        elif t == 'candidate_code':
            ast.parse(e['code']); ns = {}; exec(e['code'], ns)
            call, want = SANITY[rid]; got = eval(call, ns)
            assert (abs(got - want) < 1e-9) if isinstance(want, float) else got == want, (call, got, want)
        elif t == 'test_scenarios':
            assert e['scenarios'] and all(isinstance(s, str) and s for s in e['scenarios'])
        elif t == 'candidate_tests':
            assert isinstance(e.get('unusable_tests'), list)
            for tst in e['tests']:
                tree = ast.parse(tst); assert isinstance(tree.body[0], ast.Assert) and len(tree.body) == 1
                assert tst in r['reply'].replace('\\n', '\n') or json.dumps(tst)[1:-1] in r['reply'], 'test not verbatim in reply'
                name = [k for k in REF if k + '(' in tst][0]; src = REF[name]
                ns = {}; exec(rows[src]['expected']['code'] if src in rows else src, ns); exec(tst, ns)
        elif t == 'extract_entities':
            assert e['claims'] and all(set(c) == {'kind','name','value'} and isinstance(c['value'], str) and c['kind'] in ('value','index','comparison','branch','loop','return') for c in e['claims'])
        elif t == 'narrate_forward':
            ast.parse(e['answer'], mode='eval'); assert eval(e['answer']) == eval(r['returned'])
            ns = {}; exec(r['code'], ns); assert eval(r['call'], ns) == eval(r['returned'])
        elif t == 'narrate_backward':
            ast.parse(e['answer'], mode='eval'); ns = {}; exec(r['code'], ns)
            assert eval(e['answer'], ns) == eval(r['returned'])
        else:
            bad('unknown template')
    except Exception as ex:
        bad(f'{t} check failed: {ex!r}')
print(f'replies: {n}')
for t, rs in sorted(by_t.items()):
    fam = collections.Counter(x['family'] for x in rs)
    print(f'{t}: {len(rs)} replies, {len(fam)} families {dict(fam)}')
    if len(rs) != 6: fails.append(f'{t}: {len(rs)} replies, want 6')
    if len(fam) < 5: fails.append(f'{t}: only {len(fam)} families')
allr = list(rows.values())
print('families:', dict(collections.Counter(x['family'] for x in allr)))
print('modes:', dict(collections.Counter(x['mode'] for x in allr)))
print('truncated:', sum(x['truncated'] for x in allr), ' unusable:', sum(not x['usable'] for x in allr))
print('FAILURES:' if fails else 'ALL CHECKS PASSED')
for f in fails: print('  ' + f)
sys.exit(1 if fails else 0)
