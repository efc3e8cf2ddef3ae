"""Self-check for r115 replies.jsonl: parse, schema, Python validity, answers vs. returned, sanity calls."""
import ast, json, sys, collections
from pathlib import Path
HERE = Path(__file__).parent
rows, errors = [], []
for n, line in enumerate(open(HERE / 'replies.jsonl', encoding='utf-8'), 1):
    try:
        rows.append(json.loads(line))
    except Exception as e:
        errors.append(f"line {n}: does not parse: {e}")
REQ = ["id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"]
SANITY = {  # candidate_code sanity calls: (expression, expected)
    'char_histogram': [("char_histogram('a b a')", {'a': 2, 'b': 1})],
    'run_length_encode': [("run_length_encode('aaabcc')", [('a', 3), ('b', 1), ('c', 2)])],
    'Tally': [("(lambda t: (t.add('x'), t.add('x')))(Tally())", (1, 2))],
    'is_min_heap': [("is_min_heap([1, 2, 3])", True), ("is_min_heap([5, 1, 7])", False)],
    'parse_ratio': [("parse_ratio('6 / -8')", (-3, 4))],
}
# reference implementations to run candidate_tests' expected asserts against
REF = '''
def char_histogram(text):
    d = {}
    for c in text:
        if c != ' ':
            d[c] = d.get(c, 0) + 1
    return d
def run_length_encode(s):
    out = []
    for c in s:
        if out and out[-1][0] == c: out[-1] = (c, out[-1][1] + 1)
        else: out.append((c, 1))
    return out
def is_min_heap(a):
    return all(a[k] <= a[c] for k in range(len(a)) for c in (2*k+1, 2*k+2) if c < len(a))
class Tally:
    def __init__(self): self.d = {}
    def add(self, item):
        self.d[item] = self.d.get(item, 0) + 1; return self.d[item]
class StepCounter:
    def __init__(self, values): self.v = values
    def count_rises(self): return sum(1 for a, b in zip(self.v, self.v[1:]) if b > a)
from fractions import Fraction
def parse_ratio(text):
    a, b = text.split('/'); f = Fraction(int(a), int(b)); return (f.numerator, f.denominator)
'''
ids = collections.Counter()
per_t = collections.defaultdict(collections.Counter)
ok = 0
for r in rows:
    rid = r.get('id', '?'); ids[rid] += 1
    miss = [k for k in REQ if k not in r]
    if miss: errors.append(f"{rid}: missing {miss}"); continue
    e, t = r['expected'], r['template']
    per_t[t][r['family']] += 1
    if '{{' in r['prompt']: errors.append(f"{rid}: unfilled slot in prompt")
    if e.get('truncated') != r['truncated'] or e.get('usable') != r['usable']: errors.append(f"{rid}: flags differ")
    if r['truncated'] != (r['finish_reason'] == 'length'): errors.append(f"{rid}: finish_reason/truncated mismatch")
    if r['mode'] not in ('text', 'json_object'): errors.append(f"{rid}: bad mode")
    try:
        if t == 'concepts':
            for c in e['concepts']:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c['difficulty'] in ('easy', 'medium', 'hard') and len(c['examples']) == 2
                assert c['keyphrase'] in r['prompt'], c['keyphrase']
        elif t == 'instructions':
            src = r['reply'] if r['mode'] == 'text' else ' '.join(json.loads(r['reply'])['instructions'])
            for i in e['instructions']:
                assert i['kind'] in ('function', 'class') and i['text'], i
                assert i['text'] in src, ('statement not verbatim in reply', i['text'][:40])
                assert f"[{i['kind']}]" in src
        elif t == 'signature':
            assert e['kind'] in ('function', 'class')
            assert e['line'].startswith('Function: ' if e['kind'] == 'function' else 'Class: ')
            assert e['name'] in e['line']
            if e['kind'] == 'function':
                ast.parse('def ' + e['line'][len('Function: '):] + ': ...')
            else:
                for part in e['line'].split('; ')[1:]:
                    ast.parse('def ' + part + ': ...')
        elif t == 'candidate_code':
            if r['usable']:
                src = r['reply'] if r['mode'] == 'text' else json.loads(r['reply'])['code']
                assert e['code'].strip() in src, 'code not verbatim in reply'
                ast.parse(e['code'])
                ns = {}; exec(e['code'], ns)
                name = [k for k in SANITY if k in ns][0]
                for expr, want in SANITY[name]:
                    got = eval(expr, ns); assert got == want, (expr, got, want)
            else:
                assert e['code'] == ''
        elif t == 'test_scenarios':
            assert all(isinstance(s, str) and s for s in e['scenarios'])
            assert r['usable'] == bool(e['scenarios'])
        elif t == 'candidate_tests':
            ns = {}; exec(REF, ns)
            src = r['reply'] if r['mode'] == 'text' else ' '.join(x['code'] for x in json.loads(r['reply'])['tests'])
            for a in e['tests']:
                assert a in src, ('assert not verbatim in reply', a)
                tree = ast.parse(a); assert isinstance(tree.body[0], ast.Assert) and len(tree.body) == 1
                exec(a, dict(ns))
            for u in e['unusable_tests']: assert u['reason']
        elif t == 'extract_entities':
            for c in e['claims']:
                assert c['kind'] in ('value', 'index', 'comparison', 'branch', 'loop', 'return') and all(isinstance(c[k], str) for k in ('name', 'value'))
        elif t == 'narrate_forward':
            ast.parse(e['answer'], mode='eval')
            assert eval(e['answer']) == eval(r['returned']), (e['answer'], r['returned'])
        elif t == 'narrate_backward':
            if r['usable']:
                ast.parse(e['answer'], mode='eval')
                ns = {}; exec(r['code'], ns)
                assert eval(e['answer'], ns) == eval(r['returned']), (e['answer'], r['returned'])
                assert eval(r['call'], ns) == eval(r['returned'])
            else:
                assert e['answer'] == ''
        else:
            errors.append(f"{rid}: unknown template {t}")
        ok += 1
    except Exception as ex:
        errors.append(f"{rid}: {type(ex).__name__}: {ex}")
for k, v in ids.items():
    if v > 1: errors.append(f"duplicate id {k}")
print(f"rows: {len(rows)}  passed: {ok}  errors: {len(errors)}")
for t in sorted(per_t):
    fams = per_t[t]
    print(f"{t}: {sum(fams.values())} replies, {len(fams)} families {dict(fams)}")
    if len(fams) < 5: errors.append(f"{t}: fewer than 5 families")
C = collections.Counter
print("families:", dict(C(r['family'] for r in rows)))
print("modes:", dict(C(r['mode'] for r in rows)))
print("truncated:", sum(r['truncated'] for r in rows), " unusable:", sum(not r['usable'] for r in rows))
for e in errors: print("ERROR", e)
print("RESULT:", "OK" if not errors else "FAIL")
sys.exit(1 if errors else 0)
