"""Self-check of replies.jsonl (r125). Run: python3 check.py > check_report.txt"""
import ast, json, sys, collections
from math import gcd

PATH = '/work/corpus/replies/r125/replies.jsonl'
TEMPLATES = ['concepts', 'instructions', 'signature', 'candidate_code', 'test_scenarios',
             'candidate_tests', 'extract_entities', 'narrate_forward', 'narrate_backward']
KEYS = {'concepts': 'concepts', 'instructions': 'instructions', 'candidate_code': 'code',
        'test_scenarios': 'scenarios', 'candidate_tests': 'tests', 'extract_entities': 'claims',
        'narrate_forward': 'answer', 'narrate_backward': 'answer'}

# Independent reference implementations (written for this check) for the chained exercises.
def insert_sorted(xs, x):
    i = 0
    while i < len(xs) and xs[i] <= x: i += 1
    return xs[:i] + [x] + xs[i:]
def to_lowest_terms(num, den):
    g = gcd(num, den); n, d = num // g, den // g
    return (-n, -d) if d < 0 else (n, d)
def common_indent(text):
    w = [len(l) - len(l.lstrip(' ')) for l in text.split('\n') if l.strip()]
    return min(w) if w else 0
def pick(record, indices): return tuple(record[i] for i in indices)
class SortedBag:
    def __init__(self, items): self.items = sorted(items)
    def add(self, x): self.items = sorted(self.items + [x]); return list(self.items)
def bin_counts(values, start, width):
    out = {}
    for v in values: out[(v - start) // width] = out.get((v - start) // width, 0) + 1
    return out
REF = dict(insert_sorted=insert_sorted, to_lowest_terms=to_lowest_terms, common_indent=common_indent,
           pick=pick, SortedBag=SortedBag, bin_counts=bin_counts)
# sanity calls for candidate_code: (call, expected)
SANITY = {'insert_sorted': [("insert_sorted([1, 2, 2, 5], 2)", [1, 2, 2, 2, 5]), ("insert_sorted([], 3)", [3])],
          'SortedBag': [("SortedBag([4, 1]).add(3)", [1, 3, 4])],
          'common_indent': [("common_indent('    a\\n  b\\n\\n   c')", 2)],
          'to_lowest_terms': [("to_lowest_terms(6, -8)", (-3, 4)), ("to_lowest_terms(0, 5)", (0, 1))],
          'pick': [("pick([1, 2, 3], [2, 0])", (3, 1))]}

errors, lines = [], []
def err(i, m): errors.append(f"{i}: {m}")
rows = []
for n, l in enumerate(open(PATH, encoding='utf-8'), 1):
    try: rows.append(json.loads(l))
    except Exception as e: err(f"line {n}", f"JSON parse error {e}")
ids = collections.Counter(r['id'] for r in rows)
for k, v in ids.items():
    if v > 1: err(k, "duplicate id")
for r in rows:
    i, t, e = r['id'], r['template'], r['expected']
    for k in ('id', 'template', 'family', 'mode', 'prompt', 'reply', 'finish_reason', 'expected', 'truncated', 'usable', 'notes'):
        if k not in r: err(i, f"missing {k}")
    if t not in TEMPLATES: err(i, "bad template")
    if '{{' in r['prompt']: err(i, "unfilled slot in prompt")
    if r['mode'] not in ('text', 'json_object'): err(i, 'bad mode')
    if (r['finish_reason'] == 'length') != r['truncated']: err(i, 'finish_reason/truncated mismatch')
    if t != 'signature' and KEYS[t] not in e: err(i, f"expected lacks {KEYS[t]}")
    if r['mode'] == 'json_object' and r['usable'] and not r['truncated']:
        try: json.loads(r['reply'])
        except Exception: err(i, 'json_object reply is not bare JSON')
    if t == 'concepts':
        for c in e['concepts']:
            if set(c) != {'name', 'keyphrase', 'description', 'examples', 'difficulty'} or c['difficulty'] not in ('easy', 'medium', 'hard'):
                err(i, f"bad concept {c}")
            if c['keyphrase'] not in r['prompt']: err(i, f"keyphrase not in prompt: {c['keyphrase']}")
    elif t == 'instructions':
        for x in e['instructions']:
            if x['kind'] not in ('function', 'class'): err(i, 'bad kind')
            if x['text'] not in r['reply']: err(i, f"instruction text not verbatim in reply: {x['text'][:40]}")
    elif t == 'signature':
        if r['usable']:
            line = e['line']; kind = e['kind']
            if kind == 'function':
                if not line.startswith('Function: '): err(i, 'bad function line')
                try: ast.parse('def ' + line[len('Function: '):] + ': pass')
                except SyntaxError: err(i, 'signature does not parse')
            else:
                parts = [p.strip() for p in line.split(';')]
                if parts[0] != 'Class: ' + e['name'] or not parts[1].startswith('__init__(self'): err(i, 'bad class line')
                for p in parts[1:]:
                    try: ast.parse('def ' + p + ': pass')
                    except SyntaxError: err(i, f'method does not parse: {p}')
            if e['name'] not in r['reply']: err(i, 'name not in reply')
    elif t == 'candidate_code':
        if r['usable'] and not r['truncated']:
            code = e['code']
            try: ast.parse(code)
            except SyntaxError as ex: err(i, f'code syntax {ex}'); continue
            ns = {}; exec(code, ns)
            name = [k for k in SANITY if k in ns][0]
            for call, want in SANITY[name]:
                got = eval(call, ns)
                if got != want: err(i, f"sanity {call} -> {got!r}, want {want!r}")
                else: lines.append(f"{i}: sanity {call} == {want!r} ok")
        elif e['code'] is not None: err(i, 'truncated/unusable code should be None')
    elif t == 'test_scenarios':
        for s in e['scenarios']:
            if s not in r['reply']: err(i, f"scenario not verbatim in reply: {s}")
    elif t == 'candidate_tests':
        for s in e['tests']:
            try: tree = ast.parse(s)
            except SyntaxError as ex: err(i, f"test syntax {s}"); continue
            if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Assert): err(i, f"not a single assert: {s}")
            if s not in r['reply'].replace('\\n', '\n') and json.dumps(s)[1:-1] not in r['reply'] and s not in r['reply']:
                err(i, f"test not verbatim in reply: {s}")
            try: exec(s, dict(REF)); lines.append(f"{i}: passes reference: {s}")
            except AssertionError: err(i, f"test fails reference implementation: {s}")
        for u in e.get('unusable_tests', []):
            if not isinstance(u, str) or ':' not in u: err(i, 'unusable_tests needs name: reason')
    elif t == 'extract_entities':
        for c in e['claims']:
            if set(c) != {'kind', 'name', 'value'} or not all(isinstance(v, str) for v in c.values()): err(i, f'bad claim {c}')
            if c['kind'] not in ('value', 'index', 'comparison', 'branch', 'loop', 'return'): err(i, f'bad claim kind {c}')
    elif t in ('narrate_forward', 'narrate_backward'):
        for k in ('code', 'call', 'returned'):
            if k not in r: err(i, f'missing {k}')
        ns = {}; exec(r['code'], ns)
        real = eval(r['call'], ns)
        if repr(real) != r['returned']: err(i, f"call {r['call']} gives {real!r}, returned says {r['returned']}")
        if r['code'].rstrip('\n') not in r['prompt']: err(i, 'code not in prompt')
        a = e['answer']
        if r['usable'] and not r['truncated']:
            try: ast.parse(a, mode='eval')
            except SyntaxError: err(i, f'answer does not parse: {a}'); continue
            if t == 'narrate_forward':
                ok = eval(a, {}) == eval(r['returned'], {})
            else:
                ok = repr(eval(a, dict(ns))) == r['returned']
            if ok: lines.append(f"{i}: answer {a} -> matches returned {r['returned']}")
            else: err(i, f"answer {a} does not give {r['returned']}")
        elif a is not None: err(i, 'truncated/unusable answer should be None')

print(f"rows: {len(rows)}")
c = collections.Counter(r['template'] for r in rows); print("per template:", dict(c))
for t in TEMPLATES:
    fams = collections.Counter(r['family'] for r in rows if r['template'] == t)
    if len(fams) < 5: err(t, f"only {len(fams)} families")
    print(f"  {t}: families {dict(fams)}")
print("per family:", dict(collections.Counter(r['family'] for r in rows)))
print("per mode:", dict(collections.Counter(r['mode'] for r in rows)))
print("truncated:", sum(r['truncated'] for r in rows), " unusable:", sum(not r['usable'] for r in rows))
print()
for l in lines: print(l)
print()
print("ERRORS:" if errors else "ALL CHECKS PASSED")
for x in errors: print("  ", x)
sys.exit(1 if errors else 0)
