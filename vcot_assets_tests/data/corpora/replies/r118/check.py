"""Self-check of replies.jsonl (writer r118). Run: python3 check.py > check_report.txt"""
import ast, json, collections, sys
PATH = '/work/corpus/replies/r118/replies.jsonl'
SANITY = {
    'r118-candidate_code-01': [("is_min_heap([1, 3, 2, 7, 4])", True), ("is_min_heap([5, 1])", False), ("is_min_heap([])", True)],
    'r118-candidate_code-02': [("SortedBag([1, 4, 9]).add(5)", 2), ("SortedBag([2, 3, 3]).add(3)", 1)],
    'r118-candidate_code-03': [("(lambda r: (r.add(5), r.add(1), r.add(3)))(RunningMedian())", (5, 1, 3))],
    'r118-candidate_code-04': [("dedent_lines(['  a', '', '    b'])", ['a', '', '  b']), ("dedent_lines(['\\tx', '\\ty'])", ['x', 'y'])],
    'r118-candidate_code-05': [("closest_fraction(314159, 100000, 10)", (22, 7)), ("closest_fraction(1, 2, 5)", (1, 2))],
    'r118-candidate_code-06': [("Tally(['b', 'a', 'b', 'a', 'c']).most_common(2)", [('a', 2), ('b', 2)])],
}
REF_SRC = """
def count_less(a, x):
    return sum(1 for v in a if v < x)
def low_median(values):
    v = sorted(values); return v[(len(v) - 1) // 2]
def subtract_counts(a, b):
    out = {k: a[k] - b.get(k, 0) for k in a}
    return {k: v for k, v in out.items() if v > 0}
def is_min_heap(a):
    return all(a[k] <= a[c] for k in range(len(a)) for c in (2 * k + 1, 2 * k + 2) if c < len(a))
class SortedBag:
    def __init__(self, items): self.items = sorted(items)
    def add(self, x):
        i = sum(1 for v in self.items if v < x); self.items.insert(i, x); return i
class Tally:
    def __init__(self, words):
        self.c = {}
        for w in words: self.c[w] = self.c.get(w, 0) + 1
    def most_common(self, n): return sorted(self.c.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
"""
REFS = {}
errors, n = [], 0
cnt = collections.Counter(); fams = collections.defaultdict(set)
fam_c = collections.Counter(); mode_c = collections.Counter(); trunc = collections.Counter(); unus = collections.Counter()
REQ = {'id', 'template', 'family', 'mode', 'prompt', 'reply', 'finish_reason', 'expected', 'truncated', 'usable', 'notes'}
for ln, line in enumerate(open(PATH), 1):
    try:
        r = json.loads(line)
    except Exception as e:
        errors.append(f'line {ln}: bad JSON {e}'); continue
    n += 1
    rid, t, e = r.get('id'), r.get('template'), r.get('expected', {})
    miss = REQ - set(r)
    if miss: errors.append(f'{rid}: missing {miss}')
    if '{{' in r['prompt']: errors.append(f'{rid}: unfilled slot in prompt')
    if r['mode'] not in ('text', 'json_object'): errors.append(f'{rid}: bad mode')
    if r['truncated'] != (r['finish_reason'] == 'length'): errors.append(f'{rid}: truncated/finish_reason mismatch')
    if e.get('truncated') != r['truncated'] or e.get('usable') != r['usable']: errors.append(f'{rid}: expected flags mismatch')
    if r['mode'] == 'json_object' and r['finish_reason'] == 'stop':
        try: json.loads(r['reply'])
        except Exception: errors.append(f'{rid}: json_object reply is not JSON')
    cnt[t] += 1; fams[t].add(r['family']); fam_c[r['family']] += 1; mode_c[r['mode']] += 1
    trunc[t] += r['truncated']; unus[t] += (not r['usable'])
    try:
        if not r['usable']:
            continue
        if t == 'concepts':
            for c in e['concepts']:
                assert set(c) == {'name', 'keyphrase', 'description', 'examples', 'difficulty'}, c
                assert c['difficulty'] in ('easy', 'medium', 'hard') and len(c['examples']) == 2
                assert c['keyphrase'] in r['prompt'], c['keyphrase']
                assert c['name'] in r['reply'], c['name']
        elif t == 'instructions':
            for it in e['instructions']:
                assert it['kind'] in ('function', 'class') and it['text'] in r['reply'], it
        elif t == 'signature':
            assert e['kind'] in ('function', 'class') and e['name'] in e['line']
            assert e['line'].startswith('Function: ' if e['kind'] == 'function' else 'Class: ')
            if e['kind'] == 'function':
                ast.parse('def ' + e['line'][len('Function: '):] + ': pass')
            else:
                for m in e['line'].split('; ')[1:]:
                    ast.parse('def ' + m + ': pass')
        elif t == 'candidate_code':
            ast.parse(e['code'])
            ns = {}; exec(e['code'], ns)
            calls = SANITY[rid]
            for call, want in calls:
                got = eval(call, ns)
                assert got == want, (call, got, want)
        elif t == 'test_scenarios':
            assert e['scenarios'] and all(isinstance(s, str) for s in e['scenarios'])
            plain = r['reply'].replace('**', '')
            for s in e['scenarios']: assert s in plain, s
        elif t == 'candidate_tests':
            for a in e['tests']:
                tree = ast.parse(a); assert isinstance(tree.body[0], ast.Assert) and len(tree.body) == 1
                assert a in r['reply'] or rid.endswith('-04'), a  # -04 is JSON-escaped in the reply
            assert all(isinstance(u, str) for u in e['unusable_tests'])
            ns = dict(REFS); exec(REF_SRC, ns)
            for a in e['tests']:
                exec(a, ns)  # the test's assert must hold against a reference implementation
        elif t == 'extract_entities':
            for c in e['claims']:
                assert c['kind'] in ('value', 'index', 'comparison', 'branch', 'loop', 'return')
                assert all(isinstance(c[k], str) for k in ('kind', 'name', 'value')), c
        elif t == 'narrate_forward':
            ast.parse(e['answer'], mode='eval')
            assert eval(e['answer']) == eval(r['returned']), (e['answer'], r['returned'])
            ns = {}; exec(r['code'], ns); assert repr(eval(r['call'], ns)) == r['returned']
        elif t == 'narrate_backward':
            ast.parse(e['answer'], mode='eval')
            ns = {}; exec(r['code'], ns)
            assert repr(eval(e['answer'], ns)) == r['returned'], (e['answer'], r['returned'])
        else:
            errors.append(f'{rid}: unknown template {t}')
    except Exception as ex:
        errors.append(f'{rid}: {type(ex).__name__}: {ex}')
ids = [json.loads(l)['id'] for l in open(PATH)]
if len(ids) != len(set(ids)): errors.append('duplicate ids')
print(f'replies: {n}')
print('per template:', dict(cnt))
print('families per template:', {t: len(f) for t, f in fams.items()})
for t, f in fams.items():
    if len(f) < 5: errors.append(f'{t}: only {len(f)} families')
print('per family:', dict(fam_c))
print('per mode:', dict(mode_c))
print('truncated per template:', dict(trunc), 'total', sum(trunc.values()))
print('unusable per template:', dict(unus), 'total', sum(unus.values()))
print('ERRORS:' if errors else 'OK: all checks passed')
for x in errors: print('  ' + x)
sys.exit(1 if errors else 0)
