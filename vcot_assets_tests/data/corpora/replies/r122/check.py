"""Self-check for r122/replies.jsonl. Run: python3 check.py > check_report.txt"""
import ast, json, re, sys
from fractions import Fraction
from collections import Counter
PATH = '/work/corpus/replies/r122/replies.jsonl'
REF = {  # reference implementations for candidate_tests (checks expected tests are right)
 'run_length_encode': "def run_length_encode(s):\n    r=[]\n    for c in s:\n        if r and r[-1][0]==c: r[-1]=(c,r[-1][1]+1)\n        else: r.append((c,1))\n    return r\n",
 'reduce_fraction': "from math import gcd\ndef reduce_fraction(n,d):\n    if n==0: return (0,1)\n    g=gcd(n,d); n,d=n//g,d//g\n    return (-n,-d) if d<0 else (n,d)\n",
 'TallyBoard': "class TallyBoard:\n    def __init__(self): self.c={}\n    def add(self,i):\n        self.c[i]=self.c.get(i,0)+1; return self.c[i]\n    def top(self,n): return sorted(self.c.items(), key=lambda kv:(-kv[1],kv[0]))[:n]\n",
 'common_indent': "def common_indent(lines):\n    ls=[l for l in lines if l.strip()]\n    if not ls: return ''\n    p=min(len(l)-len(l.lstrip(' ')) for l in ls)\n    return ' '*p\n",
 'WindowSum': "class WindowSum:\n    def __init__(self,size): self.s=size; self.x=[]\n    def push(self,v):\n        self.x.append(v); return sum(self.x[-self.s:]) if self.s else 0\n",
 'kth_smallest': "def kth_smallest(nums,k):\n    return sorted(nums)[k-1] if 1<=k<=len(nums) else None\n",
}
SANITY = {  # id -> (expression, expected value) run against expected.code
 'r122-candidate_code-01': ("prefix_max([3, 1, 4, 1, 5])", [3, 3, 4, 4, 5]),
 'r122-candidate_code-02': ("run_length_encode('aaabcc')", [('a', 3), ('b', 1), ('c', 2)]),
 'r122-candidate_code-03': ("wrap_words('the quick brown fox jumps', 10)", ['the quick', 'brown fox', 'jumps']),
 'r122-candidate_code-04': ("(kth_smallest([5, 1, 4, 1], 2), kth_smallest([1], 3))", (1, None)),
 'r122-candidate_code-05': ("[w.push(v) for w in [WindowSum(2)] for v in [1, 2, 3]]", [1, 3, 5]),
 'r122-candidate_code-06': ("(reduce_fraction(6, -8), reduce_fraction(0, 5))", ((-3, 4), (0, 1))),
}
NS = {'Fraction': Fraction}
errors, ok = [], 0
def err(rid, msg): errors.append(f'{rid}: {msg}')
rows = []
for n, line in enumerate(open(PATH, encoding='utf-8'), 1):
    try: rows.append(json.loads(line))
    except Exception as e: err(f'line {n}', f'does not parse: {e}')
ids = Counter(r['id'] for r in rows)
for i, c in ids.items():
    if c > 1: err(i, 'duplicate id')
req = ['id', 'template', 'family', 'mode', 'prompt', 'reply', 'finish_reason', 'expected', 'truncated', 'usable', 'notes']
def flat(s): return re.sub(r'\*\*', '', s)
for r in rows:
    rid, t, e = r['id'], r['template'], r['expected']
    for k in req:
        if k not in r: err(rid, f'missing {k}')
    if '{{' in r['prompt']: err(rid, 'unfilled slot in prompt')
    if r['truncated'] != (r['finish_reason'] == 'length'): err(rid, 'truncated/finish_reason mismatch')
    if e.get('truncated') != r['truncated'] or e.get('usable') != r['usable']: err(rid, 'expected flags mismatch')
    if r['mode'] not in ('text', 'json_object'): err(rid, 'bad mode')
    if r['mode'] == 'json_object' and r['finish_reason'] == 'stop':
        try: json.loads(r['reply'])
        except Exception: err(rid, 'json_object reply is not JSON')
    hay = flat(r['reply'])
    if r['mode'] == 'json_object':
        try: hay += '\n' + json.dumps(json.loads(r['reply']), ensure_ascii=False) + '\n' + '\n'.join(
            str(v) for v in re.findall(r'"(?:[^"\\]|\\.)*"', r['reply']) for v in [json.loads(v)])
        except Exception: pass
    try:
        if t in ('narrate_forward', 'narrate_backward'):
            for k in ('code', 'call', 'returned'):
                if k not in r: err(rid, f'missing {k}')
            a = e['answer']
            if not r['usable']:
                if a is not None: err(rid, 'unusable but answer given')
                continue
            ast.parse(a)
            if t == 'narrate_forward':
                if eval(a, dict(NS)) != eval(r['returned'], dict(NS)): err(rid, 'answer != returned')
            else:
                ns = dict(NS); exec(r['code'], ns)
                if eval(a, ns) != eval(r['returned'], dict(NS)): err(rid, 'call does not give returned')
            if a not in hay: err(rid, 'answer not found in reply')
        elif t == 'candidate_code':
            code = e['code']; ast.parse(code)
            if code.strip() not in hay and code not in hay: err(rid, 'code not verbatim in reply')
            ns = {}; exec(code, ns)
            x, want = SANITY[rid]
            if eval(x, ns) != want: err(rid, f'sanity {x} failed')
        elif t == 'candidate_tests':
            for tst in e['tests']:
                ast.parse(tst)
                if tst not in hay: err(rid, f'test not verbatim: {tst}')
                ns = {}
                for src in REF.values(): exec(src, ns)
                exec(tst, ns)
            for u in e['unusable_tests']:
                if not isinstance(u, str): err(rid, 'unusable_tests entry not a string')
        elif t == 'signature':
            line = e['line']
            if e['kind'] == 'function':
                m = re.fullmatch(r'Function: (\w+)\((.*)\) -> (.+)', line)
                if not m or m.group(1) != e['name']: err(rid, 'bad function line'); continue
                ast.parse(f'def {m.group(1)}({m.group(2)}) -> {m.group(3)}: pass')
            else:
                parts = line.split('; ')
                if parts[0] != f"Class: {e['name']}" or not parts[1].startswith('__init__(self'): err(rid, 'bad class line'); continue
                for p in parts[1:]:
                    m = re.fullmatch(r'(\w+)\((.*)\) -> (.+)', p); ast.parse(f'def {m.group(1)}({m.group(2)}) -> {m.group(3)}: pass')
            if e['name'] not in r['reply']: err(rid, 'name not in reply')
        elif t == 'instructions':
            for it in e['instructions']:
                if it['kind'] not in ('function', 'class'): err(rid, 'bad kind')
                if it['text'] not in hay: err(rid, f"instruction not in reply: {it['text'][:40]}")
        elif t == 'test_scenarios':
            if r['usable'] and not e['scenarios']: err(rid, 'usable but no scenarios')
            for s in e['scenarios']:
                if s not in hay: err(rid, f'scenario not in reply: {s[:40]}')
        elif t == 'concepts':
            for c in e['concepts']:
                if set(c) != {'name', 'keyphrase', 'description', 'examples', 'difficulty'}: err(rid, 'concept keys')
                if c['difficulty'] not in ('easy', 'medium', 'hard'): err(rid, 'difficulty')
                if c['name'] not in r['reply'] or c['keyphrase'] not in r['prompt']: err(rid, f"concept {c['name']} not traceable")
        elif t == 'extract_entities':
            for c in e['claims']:
                if not all(isinstance(c[k], str) for k in ('kind', 'name', 'value')): err(rid, 'claim field not a string')
                if c['kind'] not in ('value', 'index', 'comparison', 'branch', 'loop', 'return'): err(rid, 'claim kind')
                if c['name'] not in r['reply']: err(rid, f"claim name not in reply: {c['name']}")
        else:
            err(rid, f'unknown template {t}')
    except Exception as ex:
        err(rid, f'check raised {type(ex).__name__}: {ex}')
print(f'rows: {len(rows)}')
print('per template:', dict(Counter(r['template'] for r in rows)))
print('per family:', dict(Counter(r['family'] for r in rows)))
print('per mode:', dict(Counter(r['mode'] for r in rows)))
print('truncated:', sum(r['truncated'] for r in rows), ' unusable:', sum(not r['usable'] for r in rows))
for t in sorted(set(r['template'] for r in rows)):
    fams = {r['family'] for r in rows if r['template'] == t}
    print(f'  {t}: {len(fams)} families')
    if len(fams) < 5: errors.append(f'{t}: fewer than 5 families')
print('errors:', len(errors))
for x in errors: print('  ' + x)
print('RESULT:', 'PASS' if not errors else 'FAIL')
sys.exit(1 if errors else 0)
