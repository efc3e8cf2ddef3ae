"""Self-check for r36 replies.jsonl. Usage: python3 check.py > check_report.txt"""
import ast, json, sys, collections
path = 'replies.jsonl'
errs, n = [], 0
rows = []
for i, line in enumerate(open(path), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        errs.append(f'line {i}: does not parse: {e}')
ids = [r['id'] for r in rows]
if len(ids) != len(set(ids)): errs.append('duplicate ids')
REQ = ["id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"]
CODE = {r['expected'].get('code') for r in rows if r['template'] == 'candidate_code' and r['usable']}
env = {}
for c in CODE: exec(c, env)
# reference for the class whose candidate_code reply is truncated (r36-candidate_code-06)
exec('''import heapq
class TaskQueue:
    def __init__(self):
        self._h, self._n = [], 0
    def push(self, name, priority):
        heapq.heappush(self._h, (priority, self._n, name)); self._n += 1
    def pop(self):
        return heapq.heappop(self._h)[2]''', env)
SANITY = {
 'is_min_heap': [("is_min_heap([1, 3, 2, 7])", True), ("is_min_heap([5, 3, 8])", False), ("is_min_heap([])", True)],
 'count_less': [("count_less([1, 4, 4, 9], 4)", 1), ("count_less([], 3)", 0)],
 'SortedBag': [("SortedBag().add(3)", 0)],
 'common_indent': [("common_indent('  a\\n    b')", 2), ("common_indent('')", 0)],
 'reduce_fraction': [("reduce_fraction(6, -4)", (-3, 2)), ("reduce_fraction(0, 5)", (0, 1))],
}
def ok_parse(src, what, rid):
    try: ast.parse(src)
    except SyntaxError as e: errs.append(f'{rid}: {what} does not parse: {e}')
for r in rows:
    rid, t, e = r['id'], r['template'], r['expected']
    for k in REQ:
        if k not in r: errs.append(f'{rid}: missing {k}')
    if '{{' in r['prompt']: errs.append(f'{rid}: unfilled slot in prompt')
    if r['mode'] not in ('text', 'json_object'): errs.append(f'{rid}: bad mode')
    if r['finish_reason'] not in ('stop', 'length'): errs.append(f'{rid}: bad finish_reason')
    if r['truncated'] != (r['finish_reason'] == 'length'): errs.append(f'{rid}: truncated/finish_reason mismatch')
    if not r['usable']: continue
    if t == 'candidate_code':
        ok_parse(e['code'], 'code', rid)
        name = [n.name for n in ast.parse(e['code']).body if isinstance(n, (ast.FunctionDef, ast.ClassDef))][0]
        for call, want in SANITY.get(name, []):
            got = eval(call, env)
            if got != want: errs.append(f'{rid}: sanity {call} -> {got!r}, want {want!r}')
            else: print(f'{rid}: sanity {call} == {want!r} ok')
    elif t == 'candidate_tests':
        for s in e['tests']:
            ok_parse(s, 'test', rid)
            if not s.startswith('assert '): errs.append(f'{rid}: test not an assert: {s}')
            try:
                exec(s, dict(env)); print(f'{rid}: passes reference impl: {s}')
            except Exception:
                errs.append(f'{rid}: test fails against reference impl: {s}')
    elif t == 'narrate_forward':
        ok_parse(e['answer'], 'answer', rid)
        if eval(e['answer']) != eval(r['returned']): errs.append(f'{rid}: answer != returned')
        else: print(f'{rid}: answer {e["answer"]} == returned {r["returned"]}')
    elif t == 'narrate_backward':
        ok_parse(e['answer'], 'answer', rid)
        g = {}; exec(r['code'], g)
        got = eval(e['answer'], g)
        if got != eval(r['returned']): errs.append(f'{rid}: {e["answer"]} -> {got!r} != returned')
        else: print(f'{rid}: {e["answer"]} -> {got!r} == returned')
    elif t == 'signature':
        if not e['line'].startswith({'function': 'Function: ', 'class': 'Class: '}[e['kind']]): errs.append(f'{rid}: bad line')
        if e['name'] not in e['line']: errs.append(f'{rid}: name not in line')
    elif t == 'concepts':
        for c in e['concepts']:
            if set(c) != {"name", "keyphrase", "description", "examples", "difficulty"}: errs.append(f'{rid}: concept keys')
    elif t == 'instructions':
        for it in e['instructions']:
            if it['kind'] not in ('function', 'class') or it['text'] not in r['reply']: errs.append(f'{rid}: instruction not verbatim in reply')
    elif t == 'test_scenarios':
        if not e['scenarios']: errs.append(f'{rid}: no scenarios')
    elif t == 'extract_entities':
        for c in e['claims']:
            if not all(isinstance(c[k], str) for k in ('kind', 'name', 'value')): errs.append(f'{rid}: non-string claim')
c = collections.Counter
print()
print('rows:', len(rows))
print('per template:', dict(c(r['template'] for r in rows)))
print('per family:', dict(c(r['family'] for r in rows)))
print('families per template:', {t: len({r['family'] for r in rows if r['template'] == t}) for t in sorted({r['template'] for r in rows})})
print('mode:', dict(c(r['mode'] for r in rows)))
print('truncated:', sum(r['truncated'] for r in rows), 'unusable:', sum(not r['usable'] for r in rows))
print('ERRORS:', len(errs))
for x in errs: print('  ', x)
sys.exit(1 if errs else 0)
