#!/usr/bin/env python3
"""Self-check for r11/replies.jsonl. Prints a report; exit code 1 on any failure."""
import json, ast, sys, re
from collections import Counter
PATH = '/work/corpus/replies/r11/replies.jsonl'
TEMPLATES = ['concepts','instructions','signature','candidate_code','test_scenarios','candidate_tests','extract_entities','narrate_forward','narrate_backward']
FAMILIES = {'mistral-small-24b','qwen2.5-coder-7b','llama-3.1-8b','gpt-4o-mini','deepseek-r1-distill','smollm2-135m'}
REQ = ['id','template','family','mode','prompt','reply','finish_reason','expected','truncated','usable','notes']
errors = []
def err(i, m): errors.append(f'{i}: {m}')

def haystacks(reply):
    hs = [reply]
    try:
        obj = json.loads(reply)
        def walk(o):
            if isinstance(o, str): hs.append(o)
            elif isinstance(o, list): [walk(x) for x in o]
            elif isinstance(o, dict): [walk(x) for x in o.values()]
        walk(obj)
    except Exception:
        pass
    return hs
def in_reply(s, reply):
    return any(s in h for h in haystacks(reply))

# reference implementations used to verify candidate_tests expectations
REF = '''
def common_indent(lines):
    import os
    ind = [l[:len(l) - len(l.lstrip(' \\t'))] for l in lines if l.strip()]
    return os.path.commonprefix(ind) if ind else ''
'''
SANITY = {  # candidate_code id -> sanity asserts
 'r11-candidate_code-01': ["is_min_heap([1, 3, 2, 7]) == True", "is_min_heap([5, 3]) == False", "is_min_heap([]) == True"],
 'r11-candidate_code-02': ["run_lengths('aaabcc') == [('a', 3), ('b', 1), ('c', 2)]", "run_lengths('') == []"],
 'r11-candidate_code-03': ["grade_for(75, [60, 70, 80], ['F', 'C', 'B', 'A']) == 'B'", "grade_for(70, [60, 70, 80], ['F', 'C', 'B', 'A']) == 'B'", "grade_for(10, [60, 70, 80], ['F', 'C', 'B', 'A']) == 'F'"],
 'r11-candidate_code-04': ["[m.add(x) for m in [RunningMedian()] for x in (5, 1, 3)] == [5.0, 3.0, 3.0]"],
 'r11-candidate_code-05': ["[b.add(x) for b in [SortedBag()] for x in (5, 2, 9)] == [0, 0, 2]"],
}

lines = open(PATH).read().splitlines()
recs = []
for n, line in enumerate(lines, 1):
    try:
        recs.append(json.loads(line))
    except Exception as e:
        err(f'line {n}', f'does not parse: {e}')
ids = Counter(r.get('id') for r in recs)
for k, v in ids.items():
    if v > 1: err(k, 'duplicate id')
code_ns = {}
for r in recs:
    i = r.get('id')
    for k in REQ:
        if k not in r: err(i, f'missing {k}')
    t = r.get('template')
    if t not in TEMPLATES: err(i, f'bad template {t}'); continue
    if not i.startswith(f'r11-{t}-'): err(i, 'id/template mismatch')
    if r['family'] not in FAMILIES: err(i, 'bad family')
    if r['mode'] not in ('text','json_object'): err(i, 'bad mode')
    if r['finish_reason'] not in ('stop','length'): err(i, 'bad finish_reason')
    if (r['finish_reason'] == 'length') != r['truncated']: err(i, 'finish_reason/truncated disagree')
    if '{{' in r['prompt']: err(i, 'unrendered slot in prompt')
    if f'Task: {t}' not in r['prompt']: err(i, 'prompt is not this template')
    if r['mode'] == 'json_object':
        try: json.loads(r['reply'])
        except Exception: err(i, 'json_object reply is not JSON')
    x = r['expected']; rep = r['reply']
    if not r['usable']:
        if x: err(i, 'unusable but expected not empty')
        continue
    try:
        if t == 'concepts':
            assert x['concepts']
            for c in x['concepts']:
                assert set(c) == {'name','keyphrase','description','examples','difficulty'}, c
                assert c['difficulty'] in ('easy','medium','hard')
                assert len(c['examples']) == 2
                assert c['keyphrase'] in r['prompt'], c['keyphrase']
                assert in_reply(c['name'], rep), c['name']
        elif t == 'instructions':
            assert x['instructions']
            for it in x['instructions']:
                assert it['kind'] in ('function','class')
                assert in_reply(it['text'], rep), it['text'][:40]
                assert not re.match(r'^\s*(\d+\.|\[)', it['text'])
        elif t == 'signature':
            line = x['line']; kind = x['kind']; name = x['name']
            if kind == 'function':
                assert line.startswith('Function: ' + name + '(')
                ast.parse('def ' + line[len('Function: '):] + ': pass')
            else:
                parts = line.split('; ')
                assert parts[0] == 'Class: ' + name
                assert parts[1].startswith('__init__(self')
                for p in parts[1:]:
                    ast.parse('def ' + p + ': pass')
            assert in_reply(name, rep)
        elif t == 'candidate_code':
            code = x['code']
            ast.parse(code)
            assert in_reply(code, rep), 'code not verbatim in reply'
            assert '__main__' not in code and 'print(' not in code
            ns = {}
            exec(code, ns)
            code_ns.update({k: v for k, v in ns.items() if not k.startswith('__')})
            sans = SANITY.get(i)
            assert sans, 'no sanity call'
            for s in sans:
                assert eval(s, ns), s
        elif t == 'test_scenarios':
            assert x['scenarios']
            for s in x['scenarios']:
                assert in_reply(s, rep), s
                assert '\n' not in s
        elif t == 'candidate_tests':
            for tt in x['tests']:
                tree = ast.parse(tt)
                assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert), tt
                assert in_reply(tt, rep), 'test not verbatim: ' + tt
            for u in x.get('unusable_tests', []):
                assert u['test'] in rep and u['reason']
        elif t == 'extract_entities':
            sent = r['prompt'].split('### Sentence\n')[1].split('\n\n###')[0]
            for c in x['claims']:
                assert set(c) == {'kind','name','value'}
                assert c['kind'] in ('value','index','comparison','branch','loop','return')
                assert isinstance(c['value'], str)
                v = c['value']
                if v not in ('true','false','True','False'):
                    assert v in sent, f'value {v!r} not in sentence'
        elif t in ('narrate_forward','narrate_backward'):
            ans = x['answer']
            ast.parse(ans, mode='eval')
            ns = {}; exec(r['code'], ns)
            real = eval(r['call'], ns)
            assert repr(real) == r['returned'], 'returned is not the real return'
            assert r['returned'] in r['prompt'] or t == 'narrate_forward'
            if t == 'narrate_forward':
                assert eval(ans) == eval(r['returned']), (ans, r['returned'])
                assert r['call'] in r['prompt']
            else:
                assert eval(ans, ns) == eval(r['returned']), (ans, r['returned'])
                assert ans.startswith(r['call'].split('(')[0] + '(')
    except Exception as e:
        err(i, f'{type(e).__name__}: {e}')
# verify the candidate tests against reference implementations
ref = dict(code_ns); exec(REF, ref)
for r in recs:
    if r['template'] == 'candidate_tests' and r['usable']:
        for tt in r['expected']['tests']:
            try: exec(tt, dict(ref))
            except Exception as e: err(r['id'], f'test fails on reference: {tt} ({type(e).__name__})')

print(f'records: {len(recs)}')
for key in ('template','family','mode'):
    print(f'by {key}:', dict(Counter(r[key] for r in recs)))
print('truncated:', sum(r['truncated'] for r in recs), ' unusable:', sum(not r['usable'] for r in recs))
print('families per template:', {t: len({r['family'] for r in recs if r['template']==t}) for t in TEMPLATES})
for t in TEMPLATES:
    if len({r['family'] for r in recs if r['template']==t}) < 5: err(t, 'fewer than 5 families')
print('errors:', len(errors))
for e in errors: print('  ', e)
print('PASS' if not errors else 'FAIL')
sys.exit(1 if errors else 0)
