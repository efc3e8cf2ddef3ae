"""Self-check for r16 replies.jsonl. Usage: python3 check.py > check_report.txt"""
import ast, json, re, sys, collections
PATH = sys.argv[1] if len(sys.argv) > 1 else 'replies.jsonl'
TEMPLATES = ['concepts', 'instructions', 'signature', 'test_scenarios', 'candidate_tests', 'candidate_code', 'extract_entities', 'narrate_forward', 'narrate_backward']
FAMILIES = {'mistral-small-24b', 'qwen2.5-coder-7b', 'llama-3.1-8b', 'gpt-4o-mini', 'deepseek-r1-distill', 'smollm2-135m'}
KEYS = {'id', 'template', 'family', 'mode', 'prompt', 'reply', 'finish_reason', 'expected', 'truncated', 'usable', 'notes'}

# sanity calls for candidate_code: (call, expected repr)
SANITY = {
 'is_min_heap': [('is_min_heap([1, 2, 3, 4])', True), ('is_min_heap([3, 1])', False), ('is_min_heap([])', True)],
 'runs': [("runs('aaabcc')", [('a', 3), ('b', 1), ('c', 2)]), ("runs('')", [])],
 'count_less_than': [('count_less_than([1, 2, 4, 4, 7], 4)', 2), ('count_less_than([], 3)', 0), ('count_less_than([1, 2], 9)', 2)],
 'dedent_lines': [("dedent_lines(['    a', '      b', '  ', '    c'])", ['a', '  b', '', 'c']), ("dedent_lines(['\\ta', '  b'])", ['\ta', '  b'])],
 'low_median': [('low_median([1, 3, 5, 7])', 3), ('low_median([5, 1, 3])', 3), ('low_median([42])', 42)],
 'SortedBag': [('(lambda b: (b.add(3), b.add(1), b.add(2), b.items()))(SortedBag())', (0, 0, 1, [1, 2, 3]))],
}
# reference implementations, used to confirm that expected tests are right
REFS = '''
def runs(s):
    out = []
    for ch in s:
        if out and out[-1][0] == ch: out[-1] = (ch, out[-1][1] + 1)
        else: out.append((ch, 1))
    return out
def is_min_heap(xs):
    return all(xs[(i - 1) // 2] <= xs[i] for i in range(1, len(xs)))
def low_median(nums):
    return sorted(nums)[(len(nums) - 1) // 2]
def dedent_lines(lines):
    import os
    ne = [l for l in lines if l.strip()]
    ind = [l[:len(l) - len(l.lstrip(' \\t'))] for l in ne]
    p = os.path.commonprefix(ind) if ind else ''
    return [l[len(p):] if l.strip() else '' for l in lines]
def group_by_parity(nums):
    out = []
    for n in nums:
        if out and out[-1][-1] % 2 == n % 2: out[-1].append(n)
        else: out.append([n])
    return out
class SortedBag:
    def __init__(self): self.xs = []
    def add(self, x):
        import bisect
        i = bisect.bisect_right(self.xs, x); self.xs.insert(i, x); return i
    def items(self): return list(self.xs)
'''

errors = []
def err(rid, msg): errors.append(f'{rid}: {msg}')

def parse_ok(rid, src, what, mode='exec'):
    try:
        ast.parse(src, mode=mode)
        return True
    except SyntaxError as e:
        err(rid, f'{what} does not parse: {e}')
        return False

def reply_texts(reply):
    """The reply, plus every string inside it when it is JSON (for verbatim checks)."""
    out = [reply]
    try:
        def walk(v):
            if isinstance(v, str): out.append(v)
            elif isinstance(v, list): [walk(x) for x in v]
            elif isinstance(v, dict): [walk(x) for x in v.values()]
        walk(json.loads(reply))
    except Exception:
        pass
    return out

recs = []
for n, line in enumerate(open(PATH), 1):
    try:
        recs.append(json.loads(line))
    except Exception as e:
        err(f'line {n}', f'does not parse: {e}')

ids = collections.Counter(r.get('id') for r in recs)
for i, c in ids.items():
    if c > 1: err(i, 'duplicate id')

refns = {}
exec(REFS, refns)
checked = collections.Counter()
for r in recs:
    rid = r.get('id')
    missing = KEYS - set(r)
    if missing: err(rid, f'missing keys {missing}')
    t = r['template']
    if t not in TEMPLATES: err(rid, 'bad template')
    if not re.fullmatch(rf'r16-{t}-\d\d', rid): err(rid, 'bad id form')
    if r['family'] not in FAMILIES: err(rid, 'bad family')
    if r['mode'] not in ('text', 'json_object'): err(rid, 'bad mode')
    if r['finish_reason'] not in ('stop', 'length'): err(rid, 'bad finish_reason')
    if r['truncated'] != (r['finish_reason'] == 'length'): err(rid, 'truncated disagrees with finish_reason')
    if '{{' in r['prompt']: err(rid, 'unfilled slot in prompt')
    if f'Task: {t}' not in r['prompt']: err(rid, 'prompt is not this template')
    if r['mode'] == 'json_object' and not r['truncated']:
        try: json.loads(r['reply'])
        except Exception as e: err(rid, f'json_object reply is not JSON: {e}')
    e = r['expected']
    texts = reply_texts(r['reply'])
    if not r['usable']:
        checked['unusable (schema only)'] += 1
        continue
    if t == 'concepts':
        for c in e['concepts']:
            if set(c) != {'name', 'keyphrase', 'description', 'examples', 'difficulty'}: err(rid, f'concept keys {set(c)}')
            if c['difficulty'] not in ('easy', 'medium', 'hard'): err(rid, 'difficulty')
            if c['keyphrase'] not in r['prompt']: err(rid, f'keyphrase {c["keyphrase"]!r} not in prompt')
            if not any(c['name'] in x for x in texts): err(rid, f'concept name {c["name"]!r} not in reply')
    elif t == 'instructions':
        for it in e['instructions']:
            if it['kind'] not in ('function', 'class'): err(rid, 'kind')
            if not any(it['text'] in x for x in texts): err(rid, f'instruction text not verbatim in reply: {it["text"][:40]}')
    elif t == 'signature':
        line = e['line']
        if e['kind'] == 'function':
            m = re.fullmatch(r'Function: (\w+)\((.*)\) -> (.+)', line)
            if not m or m.group(1) != e['name']: err(rid, 'function line form')
            else: parse_ok(rid, f'def {m.group(1)}({m.group(2)}) -> {m.group(3)}: pass', 'signature')
        else:
            parts = line.split('; ')
            if parts[0] != f'Class: {e["name"]}' or not parts[1].startswith('__init__(self'): err(rid, 'class line form')
            for p in parts[1:]:
                m = re.fullmatch(r'(\w+)\((.*)\) -> (.+)', p)
                if not m: err(rid, f'method form {p}')
                else: parse_ok(rid, f'def {m.group(1)}({m.group(2)}) -> {m.group(3)}: pass', 'method signature')
        if e['name'] not in r['reply']: err(rid, 'name not in reply')
    elif t == 'test_scenarios':
        if not e['scenarios'] and r['usable']: err(rid, 'no scenarios')
    elif t == 'candidate_tests':
        for a in e['tests']:
            if not a.startswith('assert ') or not parse_ok(rid, a, 'test'): err(rid, f'bad test {a}')
            if not any(a in x for x in texts): err(rid, f'test not verbatim in reply: {a}')
            try:
                exec(a, dict(refns))
            except AssertionError:
                err(rid, f'test fails on reference implementation: {a}')
            except Exception as ex:
                err(rid, f'test errors on reference implementation: {a}: {ex!r}')
        for u in e.get('unusable_tests', []):
            if not isinstance(u, str) or ':' not in u: err(rid, 'unusable_tests entry needs a reason')
    elif t == 'candidate_code':
        code = e['code']
        if parse_ok(rid, code, 'code'):
            if not any(code in x for x in texts): err(rid, 'code not verbatim in reply')
            ns = {}
            exec(code, ns)
            names = [n for n in SANITY if n in ns]
            if not names: err(rid, 'no sanity call applies')
            for nme in names:
                for call, want in SANITY[nme]:
                    got = eval(call, ns)
                    if got != want: err(rid, f'sanity {call} -> {got!r}, want {want!r}')
                    else: checked['sanity calls passed'] += 1
    elif t == 'extract_entities':
        for c in e['claims']:
            if c['kind'] not in ('value', 'index', 'comparison', 'branch', 'loop', 'return'): err(rid, 'claim kind')
            if not all(isinstance(c[k], str) for k in ('kind', 'name', 'value')): err(rid, 'claim fields must be strings')
            if c['name'] not in r['prompt']: err(rid, f'claim name {c["name"]!r} not in sentence')
    elif t == 'narrate_forward':
        a = e['answer']
        if parse_ok(rid, a, 'answer', 'eval'):
            if eval(a) != eval(r['returned']) or repr(eval(a)) != r['returned']: err(rid, f'answer {a} != returned {r["returned"]}')
        ns = {}; exec(r['code'], ns)
        if repr(eval(r['call'], ns)) != r['returned']: err(rid, 'call does not give returned')
        if r['returned'] not in r['prompt'] and r['call'] not in r['prompt']: err(rid, 'call not in prompt')
    elif t == 'narrate_backward':
        a = e['answer']
        if parse_ok(rid, a, 'answer', 'eval'):
            ns = {}; exec(r['code'], ns)
            got = repr(eval(a, ns))
            if got != r['returned']: err(rid, f'answer gives {got}, want {r["returned"]}')
        if f'### Output\n{r["returned"]}\n' not in r['prompt']: err(rid, 'output not in prompt')
    checked[t] += 1

def table(key):
    c = collections.Counter(r[key] for r in recs)
    return ', '.join(f'{k}={v}' for k, v in sorted(c.items()))
print(f'records: {len(recs)}')
print('per template:', table('template'))
print('per family:', table('family'))
print('per mode:', table('mode'))
print('truncated:', sum(r['truncated'] for r in recs), ' unusable:', sum(not r['usable'] for r in recs))
fam_per_t = collections.defaultdict(set)
for r in recs: fam_per_t[r['template']].add(r['family'])
for t in TEMPLATES:
    if len(fam_per_t[t]) < 5: err(t, f'only {len(fam_per_t[t])} families')
print('families per template:', ', '.join(f'{t}={len(fam_per_t[t])}' for t in TEMPLATES))
print('checked:', dict(checked))
if errors:
    print(f'FAIL: {len(errors)} problem(s)')
    for x in errors: print('  ' + x)
    sys.exit(1)
print('PASS: all checks passed')
