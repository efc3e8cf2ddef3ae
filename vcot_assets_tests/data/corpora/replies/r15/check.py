#!/usr/bin/env python3
"""Self-check for /work/corpus/replies/r15/replies.jsonl. Prints a report; exit 1 on failure."""
import ast, json, sys, collections, re
PATH = '/work/corpus/replies/r15/replies.jsonl'
TEMPLATES = ['concepts', 'instructions', 'signature', 'candidate_code', 'test_scenarios',
             'candidate_tests', 'extract_entities', 'narrate_forward', 'narrate_backward']
FAMILIES = {'mistral-small-24b', 'qwen2.5-coder-7b', 'llama-3.1-8b', 'gpt-4o-mini',
            'deepseek-r1-distill', 'smollm2-135m'}
# sanity calls for candidate_code expected.code, by id: list of (expr, expected value)
SANITY = {
    'r15-candidate_code-01': [('is_min_heap([1, 3, 2, 7])', True), ('is_min_heap([3, 1])', False), ('is_min_heap([])', True)],
    'r15-candidate_code-02': [('add_fractions((1, 2), (1, 3))', (5, 6)), ('add_fractions((1, -2), (1, 3))', (-1, 6))],
    'r15-candidate_code-03': [('run_length_encode("aaabcc")', [('a', 3), ('b', 1), ('c', 2)]), ('run_length_encode("")', [])],
    'r15-candidate_code-04': [('(lambda s: (s.insert(2), s.insert(1), s.insert(2), s.items()))(StableSortedList())', (0, 0, 2, [1, 2, 2]))],
    'r15-candidate_code-05': [('longest_run([1, 1, 2, 2, 2])', 3), ('longest_run([])', 0)],
}
# reference implementations that candidate_tests' expected tests are run against
REF_FOR_TESTS = {
    'is_min_heap': 'r15-candidate_code-01', 'add_fractions': 'r15-candidate_code-02',
    'run_length_encode': 'r15-candidate_code-03', 'StableSortedList': 'r15-candidate_code-04',
    'longest_run': 'r15-candidate_code-05',
}
EXTRA_REF = '''
class RunCollapser:
    def __init__(self):
        pass
    def collapse(self, items):
        out = []
        for x in items:
            if not out or out[-1] != x:
                out.append(x)
        return out
'''
errors = []
def err(rid, msg): errors.append(f'{rid}: {msg}')

def reply_texts(r):
    """The reply plus, for json_object replies, every string inside the JSON (for verbatim checks)."""
    texts = [r['reply']]
    if r['mode'] == 'json_object':
        try:
            obj = json.loads(r['reply'])
        except Exception as e:
            err(r['id'], f'json_object reply is not strict JSON: {e}')
            return texts
        def walk(o):
            if isinstance(o, str): texts.append(o)
            elif isinstance(o, dict): [walk(v) for v in o.values()]
            elif isinstance(o, list): [walk(v) for v in o]
        walk(obj)
    return texts

def in_reply(r, s):
    return any(s in t for t in reply_texts(r))

def sig_to_py(line):
    if line.startswith('Function: '):
        return 'def ' + line[len('Function: '):] + ':\n    pass\n'
    if line.startswith('Class: '):
        parts = [p.strip() for p in line[len('Class: '):].split(';')]
        src = f'class {parts[0]}:\n'
        for m in parts[1:]:
            src += f'    def {m}:\n        pass\n'
        return src
    raise ValueError('bad prefix')

recs = []
for n, line in enumerate(open(PATH), 1):
    try:
        recs.append(json.loads(line))
    except Exception as e:
        err(f'line {n}', f'does not parse: {e}')

code_by_id = {r['id']: r['expected'].get('code') for r in recs if r.get('template') == 'candidate_code'}
ids = collections.Counter(r['id'] for r in recs)
for i, c in ids.items():
    if c > 1: err(i, 'duplicate id')

for r in recs:
    rid = r.get('id', '?')
    for k in ['id', 'template', 'family', 'mode', 'prompt', 'reply', 'finish_reason', 'expected', 'truncated', 'usable', 'notes']:
        if k not in r: err(rid, f'missing {k}')
    t, e = r['template'], r['expected']
    if t not in TEMPLATES: err(rid, 'unknown template')
    if not rid.startswith(f'r15-{t}-'): err(rid, 'id does not match template')
    if r['family'] not in FAMILIES: err(rid, 'unknown family')
    if r['mode'] not in ('text', 'json_object'): err(rid, 'bad mode')
    if '{{' in r['prompt']: err(rid, 'unfilled slot in prompt')
    if f'Task: {t}' not in r['prompt']: err(rid, 'prompt is not this template')
    if r['finish_reason'] not in ('stop', 'length'): err(rid, 'bad finish_reason')
    if (r['finish_reason'] == 'length') != r['truncated']: err(rid, 'finish_reason/truncated mismatch')
    if e.get('truncated') != r['truncated'] or e.get('usable') != r['usable']: err(rid, 'expected flags differ from top level')
    if r['family'] == 'deepseek-r1-distill' and r['mode'] == 'text' and not r['reply'].startswith('<think>'):
        err(rid, 'deepseek text reply without <think>')
    reply_texts(r)  # validates json_object replies (truncated ones are allowed to fail)
    u = r['usable']
    try:
        if t == 'concepts':
            cs = e['concepts']
            if u and not cs: err(rid, 'usable but no concepts')
            for c in cs:
                if set(c) != {'name', 'keyphrase', 'description', 'examples', 'difficulty'}: err(rid, f'concept keys {set(c)}')
                if c['difficulty'] not in ('easy', 'medium', 'hard'): err(rid, 'difficulty')
                if c['keyphrase'] not in r['prompt']: err(rid, f'keyphrase not in prompt: {c["keyphrase"]}')
                if not isinstance(c['examples'], list) or len(c['examples']) != 2: err(rid, 'examples')
        elif t == 'instructions':
            for it in e['instructions']:
                if it['kind'] not in ('function', 'class'): err(rid, 'kind')
                if not in_reply(r, it['text']): err(rid, f'instruction text not verbatim in reply: {it["text"][:40]}')
                if re.match(r'^\s*(\d+\.|\[|\*)', it['text']): err(rid, 'numbering/tag left in text')
        elif t == 'signature':
            if e['kind'] not in ('function', 'class'): err(rid, 'kind')
            if not e['line'].startswith('Function: ' if e['kind'] == 'function' else 'Class: '): err(rid, 'line prefix vs kind')
            tree = ast.parse(sig_to_py(e['line']))
            node = tree.body[0]
            if node.name != e['name']: err(rid, 'name mismatch')
        elif t == 'candidate_code':
            if u:
                ast.parse(e['code'])
                if not in_reply(r, e['code']): err(rid, 'code not verbatim in reply')
                if rid not in SANITY: err(rid, 'no sanity call')
                for expr, want in SANITY.get(rid, []):
                    g = {}
                    exec(e['code'], g)
                    got = eval(expr, g)
                    if got != want: err(rid, f'sanity {expr} -> {got!r}, want {want!r}')
        elif t == 'test_scenarios':
            if u and not e['scenarios']: err(rid, 'no scenarios')
            for s in e['scenarios']:
                if not isinstance(s, str) or not s.strip() or '\n' in s: err(rid, 'bad scenario')
        elif t == 'candidate_tests':
            for s in e['tests']:
                tree = ast.parse(s)
                if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Assert): err(rid, f'not one assert: {s}')
                if not in_reply(r, s): err(rid, f'test not verbatim in reply: {s}')
                test = tree.body[0].test
                if not (isinstance(test, ast.Compare) and isinstance(test.ops[0], ast.Eq)): err(rid, 'not == assert')
                callee = test.left
                while isinstance(callee, (ast.Call, ast.Attribute)):
                    callee = callee.func if isinstance(callee, ast.Call) else callee.value
                name = callee.id
                g = {}
                if name in REF_FOR_TESTS: exec(code_by_id[REF_FOR_TESTS[name]], g)
                else: exec(EXTRA_REF, g)
                exec(s, g)  # the test must pass against the reference implementation
            if not isinstance(e.get('unusable_tests', []), list): err(rid, 'unusable_tests')
        elif t == 'extract_entities':
            for c in e['claims']:
                if set(c) != {'kind', 'name', 'value'}: err(rid, 'claim keys')
                if c['kind'] not in ('value', 'index', 'comparison', 'branch', 'loop', 'return'): err(rid, 'claim kind')
                if not all(isinstance(v, str) for v in c.values()): err(rid, 'claim value not a string')
        elif t == 'narrate_forward':
            ast.parse(e['answer'], mode='eval')
            g = {}; exec(r['code'], g)
            real = eval(r['call'], g)
            if repr(real) != r['returned']: err(rid, 'returned does not match running the code')
            if repr(eval(e['answer'])) != r['returned']: err(rid, f'answer {e["answer"]} != returned {r["returned"]}')
            if r['call'] not in r['prompt']: err(rid, 'call not in prompt')
        elif t == 'narrate_backward':
            ast.parse(e['answer'], mode='eval')
            g = {}; exec(r['code'], g)
            if repr(eval(r['call'], g)) != r['returned']: err(rid, 'returned does not match running the code')
            if repr(eval(e['answer'], g)) != r['returned']: err(rid, f'answer call gives a different value')
            if r['returned'] not in r['prompt']: err(rid, 'output not in prompt')
            if not in_reply(r, e['answer']): err(rid, 'answer call not in reply')
    except Exception as ex:
        err(rid, f'{type(ex).__name__}: {ex}')

# counts
out = []
out.append(f'replies: {len(recs)}')
by_t = collections.Counter(r['template'] for r in recs)
out.append('per template: ' + ', '.join(f'{t}={by_t[t]}' for t in TEMPLATES))
out.append('per family: ' + ', '.join(f'{k}={v}' for k, v in sorted(collections.Counter(r['family'] for r in recs).items())))
out.append('per mode: ' + ', '.join(f'{k}={v}' for k, v in sorted(collections.Counter(r['mode'] for r in recs).items())))
out.append(f'truncated: {sum(r["truncated"] for r in recs)}; unusable: {sum(not r["usable"] for r in recs)}')
for t in TEMPLATES:
    fams = {r['family'] for r in recs if r['template'] == t}
    out.append(f'  {t}: {by_t[t]} replies, {len(fams)} families ({", ".join(sorted(fams))})')
    if by_t[t] and len(fams) < 5: errors.append(f'{t}: fewer than 5 families')
out.append(f'errors: {len(errors)}')
out.extend('  ' + x for x in errors)
out.append('RESULT: ' + ('PASS' if not errors else 'FAIL'))
print('\n'.join(out))
sys.exit(1 if errors else 0)
