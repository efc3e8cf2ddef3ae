#!/usr/bin/env python3
"""Self-check for /work/corpus/replies/r10/replies.jsonl. Prints a report; exit 1 on any failure."""
import ast, json, sys, collections, os
HERE = os.path.dirname(os.path.abspath(__file__))
PATH = os.path.join(HERE, 'replies.jsonl')
TEMPLATES = {'concepts', 'instructions', 'signature', 'candidate_code', 'test_scenarios',
             'candidate_tests', 'extract_entities', 'narrate_forward', 'narrate_backward'}
FAMILIES = {'mistral-small-24b', 'qwen2.5-coder-7b', 'llama-3.1-8b', 'gpt-4o-mini',
            'deepseek-r1-distill', 'smollm2-135m'}
FIELDS = ['id', 'template', 'family', 'mode', 'prompt', 'reply', 'finish_reason', 'expected',
          'truncated', 'usable', 'notes']
# sanity calls for candidate_code: id -> list of (call, expected repr)
SANITY = {
    'r10-candidate_code-01': [("k_smallest([5, 1, 4, 1, -3], 3)", "[-3, 1, 1]"), ("k_smallest([2, 1], 5)", "[1, 2]")],
    'r10-candidate_code-02': [("run_length_encode('aaabcc')", "[('a', 3), ('b', 1), ('c', 2)]"), ("run_length_encode('')", "[]")],
    'r10-candidate_code-03': [("bigram_similarity('night', 'nacht')", "0.25"), ("bigram_similarity('a', 'b')", "0.0")],
    'r10-candidate_code-04': [("MinPriorityQueue().push_pop(3, 'a')", "'a'"), ("(lambda q: (q.push_pop(5, 'x'), q.push_pop(1, 'y'), q.push_pop(5, 'z'), len(q)))(MinPriorityQueue())", "('x', 'y', 'z', 0)")],
    'r10-candidate_code-05': [("expand_tabs('a\\tb', 4)", "'a   b'"), ("expand_tabs('ab\\t', 0)", "'ab'")],
}
# extra reference code for candidate_tests whose exercise has no candidate_code entry
EXTRA_REF = '''def longest_streak(results):
    best = cur = 0
    for ok in results:
        if ok:
            cur += 1
            best = max(best, cur)
        else:
            cur = 0
    return best
'''
errors = []
def err(i, msg): errors.append(f'{i}: {msg}')

rows = []
for n, line in enumerate(open(PATH), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        err(f'line {n}', f'JSON parse error {e}')

ids = collections.Counter(r.get('id') for r in rows)
for k, v in ids.items():
    if v > 1: err(k, 'duplicate id')

ref_ns = {}
exec(EXTRA_REF, ref_ns)
for r in rows:
    if r.get('template') == 'candidate_code' and r['expected'].get('code'):
        exec(r['expected']['code'], ref_ns)

for r in rows:
    i = r.get('id')
    for f in FIELDS:
        if f not in r: err(i, f'missing field {f}')
    t = r['template']
    if t not in TEMPLATES: err(i, f'bad template {t}')
    if not i.startswith(f'r10-{t}-'): err(i, 'id does not match template')
    if r['family'] not in FAMILIES: err(i, f'bad family {r["family"]}')
    if r['mode'] not in ('text', 'json_object'): err(i, 'bad mode')
    if r['finish_reason'] not in ('stop', 'length'): err(i, 'bad finish_reason')
    if (r['finish_reason'] == 'length') != r['truncated']: err(i, 'finish_reason/truncated mismatch')
    if '{{' in r['prompt']: err(i, 'unfilled slot in prompt')
    if f'Task: {t}' not in r['prompt']: err(i, 'prompt is not the template')
    if r['mode'] == 'json_object' and r['usable']:
        try: json.loads(r['reply'])
        except Exception as e: err(i, f'json_object reply is not JSON: {e}')
    ex = r['expected']
    u = r['usable']
    if t == 'concepts':
        cs = ex['concepts']
        if u and not cs: err(i, 'usable but no concepts')
        for c in cs:
            if set(c) != {'name', 'keyphrase', 'description', 'examples', 'difficulty'}: err(i, f'concept keys {set(c)}')
            if c['difficulty'] not in ('easy', 'medium', 'hard'): err(i, 'bad difficulty')
            if c['keyphrase'] not in r['prompt']: err(i, f'keyphrase {c["keyphrase"]!r} not in prompt')
            if c['name'] not in r['reply']: err(i, f'concept name not in reply')
    elif t == 'instructions':
        its = ex['instructions']
        if u and not its: err(i, 'usable but no instructions')
        for it in its:
            if it['kind'] not in ('function', 'class'): err(i, 'bad kind')
            if it['text'] not in r['reply'].replace('\\"', '"'): err(i, f'instruction text not in reply: {it["text"][:40]}')
    elif t == 'signature':
        if ex['kind'] not in ('function', 'class'): err(i, 'bad kind')
        line = ex['line']
        pref = 'Function: ' if ex['kind'] == 'function' else 'Class: '
        if not line.startswith(pref): err(i, 'line prefix does not match kind')
        if ex['kind'] == 'function':
            try: ast.parse('def ' + line[len(pref):] + ': pass')
            except SyntaxError as e: err(i, f'signature line does not parse: {e}')
        else:
            parts = line[len(pref):].split('; ')
            if parts[0] != ex['name']: err(i, 'class name mismatch')
            for m in parts[1:]:
                try: ast.parse('def ' + m + ': pass')
                except SyntaxError as e: err(i, f'method does not parse: {m}')
        if not line[len(pref):].startswith(ex['name']): err(i, 'name mismatch')
        if ex['name'] not in r['reply']: err(i, 'name not in reply')
    elif t == 'candidate_code':
        code = ex['code']
        if not u:
            if code: err(i, 'unusable but code given')
            continue
        try: ast.parse(code)
        except SyntaxError as e: err(i, f'code does not parse: {e}'); continue
        ns = {}
        exec(code, ns)
        calls = SANITY.get(i)
        if not calls: err(i, 'no sanity call')
        for call, want in calls or []:
            got = repr(eval(call, ns))
            if got != want: err(i, f'sanity {call} -> {got}, want {want}')
    elif t == 'test_scenarios':
        sc = ex['scenarios']
        if u and not sc: err(i, 'usable but no scenarios')
        for s in sc:
            if s not in r['reply']: err(i, f'scenario not in reply: {s[:40]}')
    elif t == 'candidate_tests':
        for tst in ex['tests']:
            try: tree = ast.parse(tst)
            except SyntaxError as e: err(i, f'test does not parse: {tst}'); continue
            if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Assert): err(i, f'not a single assert: {tst}')
            try: exec(tst, dict(ref_ns))
            except AssertionError: err(i, f'test fails against reference: {tst}')
            except Exception as e: err(i, f'test errors against reference: {tst}: {e}')
        if 'unusable_tests' not in ex: err(i, 'missing unusable_tests')
    elif t == 'extract_entities':
        for c in ex['claims']:
            if set(c) != {'kind', 'name', 'value'}: err(i, 'claim keys')
            if c['kind'] not in ('value', 'index', 'comparison', 'branch', 'loop', 'return'): err(i, 'claim kind')
            if not isinstance(c['value'], str): err(i, 'claim value not a string')
    elif t in ('narrate_forward', 'narrate_backward'):
        for f in ('code', 'call', 'returned'):
            if f not in r: err(i, f'missing {f}')
        ns = {}
        exec(r['code'], ns)
        if repr(eval(r['call'], ns)) != r['returned']: err(i, 'call does not give returned')
        ans = ex['answer']
        try: ast.parse(ans, mode='eval')
        except SyntaxError: err(i, f'answer does not parse: {ans}'); continue
        if t == 'narrate_forward':
            if eval(ans) != eval(r['returned']): err(i, f'answer {ans} != returned {r["returned"]}')
        else:
            if repr(eval(ans, dict(ns))) != r['returned']: err(i, f'answer {ans} does not return {r["returned"]}')
            if not ans.startswith(r['call'].split('(')[0] + '('): err(i, 'answer is not a call of the function')
        if r['returned'] not in r['prompt'] and t == 'narrate_backward': err(i, 'output not in prompt')


# cross-check: where a reply's JSON parses strictly, it must agree with expected
import re
def strict_json(reply):
    m = re.search(r"```json\n(.*?)```", reply, re.S)
    txt = m.group(1) if m else reply
    try: return json.loads(txt)
    except Exception: return None
def norm(v):
    if isinstance(v, bool): return str(v)
    return v if isinstance(v, str) else json.dumps(v)
crossed = 0
for r in rows:
    if not r['usable'] or r['truncated']: continue
    j = strict_json(r['reply'])
    if j is None: continue
    if r['template'] == 'concepts':
        got = j['concepts'] if isinstance(j, dict) else j
        crossed += 1
        if got != r['expected']['concepts']: err(r['id'], 'strict JSON differs from expected')
    elif r['template'] == 'extract_entities':
        got = j['claims'] if isinstance(j, dict) else j
        got = [{k: norm(v) for k, v in c.items()} for c in got]
        crossed += 1
        if got != r['expected']['claims']: err(r['id'], 'strict JSON differs from expected')
    elif r['template'] == 'test_scenarios' and isinstance(j, dict):
        crossed += 1
        if j['scenarios'] != r['expected']['scenarios']: err(r['id'], 'strict JSON differs from expected')
print('strict-JSON cross-checks:', crossed)

# summary
def count(key): return dict(sorted(collections.Counter(key(r) for r in rows).items()))
print(f'rows: {len(rows)}')
print('per template:', count(lambda r: r['template']))
print('per family:', count(lambda r: r['family']))
print('per mode:', count(lambda r: r['mode']))
print('truncated:', sum(r['truncated'] for r in rows), ' unusable:', sum(not r['usable'] for r in rows))
fam_per_t = collections.defaultdict(set)
for r in rows: fam_per_t[r['template']].add(r['family'])
for t, fs in sorted(fam_per_t.items()):
    if len(fs) < 5: err(t, f'only {len(fs)} families')
print('families per template:', {t: len(fs) for t, fs in sorted(fam_per_t.items())})
if errors:
    print(f'FAIL: {len(errors)} problems')
    for e in errors: print('  ', e)
    sys.exit(1)
print('PASS: all checks passed')
