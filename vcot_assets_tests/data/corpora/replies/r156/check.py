"""Self-check for r156 replies.jsonl. Usage: python3 check.py > check_report.txt"""
import ast, json, collections, sys
PATH = '/work/corpus/replies/r156/replies.jsonl'
errs = []; n = 0
per_t = collections.Counter(); fams = collections.defaultdict(set)
cnt = collections.Counter()
# reference implementations used to verify candidate_tests expectations
REF = '''
def is_min_heap(values):
    n = len(values)
    return all(values[k] <= values[c] for k in range(n) for c in (2*k+1, 2*k+2) if c < n)
def wrap_words(text, width):
    lines, cur = [], ''
    for w in text.split():
        if not cur: cur = w
        elif len(cur) + 1 + len(w) <= width: cur += ' ' + w
        else: lines.append(cur); cur = w
    if cur: lines.append(cur)
    return lines
def run_lengths(s):
    out = []
    for ch in s:
        if out and out[-1][0] == ch: out[-1] = (ch, out[-1][1] + 1)
        else: out.append((ch, 1))
    return out
import bisect as _b
def grade_for(score, cutoffs, grades): return grades[_b.bisect_right(cutoffs, score)]
def median(values):
    d = sorted(values); m = len(d) // 2
    return d[m] if len(d) % 2 else (d[m-1] + d[m]) / 2
class SortedBag:
    def __init__(self): self.d = []
    def add(self, x):
        i = _b.bisect_left(self.d, x); self.d.insert(i, x); return i
    def items(self): return list(self.d)
'''
def E(rid, msg): errs.append(f"{rid}: {msg}")
ids = set()
for ln, line in enumerate(open(PATH, encoding='utf-8'), 1):
    try:
        r = json.loads(line)
    except Exception as e:
        E(f"line {ln}", f"json: {e}"); continue
    n += 1; rid = r.get('id'); t = r.get('template'); e = r.get('expected', {})
    for k in ("id", "template", "family", "mode", "prompt", "reply", "finish_reason", "expected", "truncated", "usable", "notes"):
        if k not in r: E(rid, f"missing {k}")
    if rid in ids: E(rid, "duplicate id")
    ids.add(rid)
    if not rid.startswith(f"r156-{t}-"): E(rid, "id/template mismatch")
    if '{{' in r['prompt']: E(rid, "unfilled slot in prompt")
    if r['mode'] not in ('text', 'json_object'): E(rid, "bad mode")
    if r['truncated'] != (r['finish_reason'] == 'length'): E(rid, "truncated/finish_reason mismatch")
    if e.get('truncated') != r['truncated'] or e.get('usable') != r['usable']: E(rid, "expected flags differ")
    per_t[t] += 1; fams[t].add(r['family'])
    cnt['mode:' + r['mode']] += 1; cnt['family:' + r['family']] += 1
    cnt['truncated'] += r['truncated']; cnt['unusable'] += (not r['usable'])
    try:
        if t == 'concepts':
            for c in e['concepts']:
                assert set(c) == {"name", "keyphrase", "description", "examples", "difficulty"}, c
                assert c['difficulty'] in ('easy', 'medium', 'hard') and len(c['examples']) == 2
                assert c['keyphrase'] in r['prompt'], 'keyphrase not in prompt'
        elif t == 'instructions':
            for i in e['instructions']:
                assert i['kind'] in ('function', 'class') and i['text'] and i['text'] in r['reply'], i
        elif t == 'signature':
            assert e['kind'] in ('function', 'class')
            line_ = e['line']
            if e['kind'] == 'function':
                assert line_.startswith(f"Function: {e['name']}(")
                ast.parse("def " + line_[len("Function: "):] + ": pass")
            else:
                parts = line_.split('; ')
                assert parts[0] == f"Class: {e['name']}" and parts[1].startswith('__init__(self')
                for m in parts[1:]: ast.parse("def " + m + ": pass")
        elif t == 'candidate_code':
            ast.parse(e['code']); assert e['code'] in r['reply'] or json.loads(r['reply']).get('code') == e['code']
            g = {}; exec(e['code'], g)
            got = eval(r['sanity_call'], g); want = eval(r['sanity_expected'])
            assert got == want, (got, want)
        elif t == 'test_scenarios':
            assert all(isinstance(s, str) and s for s in e['scenarios'])
            if r['usable']: assert e['scenarios']
        elif t == 'candidate_tests':
            g = {}; exec(REF, g)
            for s in e['tests']:
                tree = ast.parse(s); assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Assert), s
                assert s in r['reply'] if r['mode'] == 'text' else s in str(json.loads(r['reply'])), 'test not in reply'
                exec(s, dict(g))
            assert isinstance(e.get('unusable_tests', []), list)
        elif t == 'extract_entities':
            for c in e['claims']:
                assert c['kind'] in ('value', 'index', 'comparison', 'branch', 'loop', 'return') and all(isinstance(c[k], str) for k in ('name', 'value'))
        elif t == 'narrate_forward':
            ast.parse(e['answer'], mode='eval')
            assert eval(e['answer']) == eval(r['returned']), (e['answer'], r['returned'])
            g = {}; exec(r['code'], g); assert repr(eval(r['call'], g)) == r['returned']
        elif t == 'narrate_backward':
            ast.parse(e['answer'], mode='eval')
            g = {}; exec(r['code'], g)
            assert eval(e['answer'], g) == eval(r['returned']), e['answer']
            assert e['answer'].startswith('f(')
        else:
            E(rid, f"unknown template {t}")
        if not r['usable']:
            assert not any(v for k, v in e.items() if k not in ('truncated', 'usable', 'unusable_tests')), 'unusable but has items'
    except Exception as ex:
        E(rid, f"{type(ex).__name__}: {ex}")
for t, k in per_t.items():
    if k != 6: E(t, f"{k} replies, want 6")
    if len(fams[t]) < 5: E(t, f"only {len(fams[t])} families")
if len(per_t) != 9: E('all', f"{len(per_t)} templates, want 9")
print(f"replies: {n}")
print("per template:", dict(sorted(per_t.items())))
print("families per template:", {t: len(f) for t, f in sorted(fams.items())})
print("counts:", dict(sorted(cnt.items())))
print(f"errors: {len(errs)}")
for x in errs: print("  " + x)
print("PASS" if not errs else "FAIL")
sys.exit(1 if errs else 0)
