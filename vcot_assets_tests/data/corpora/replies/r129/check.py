"""Self-check for r129 replies.jsonl: parse, schema, ast validity, narrate answers, code sanity calls."""
import ast, json, collections, os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
SAN = json.load(open(os.path.join(HERE, 'sanity.json')))
TEMPL = {'concepts','instructions','signature','candidate_code','test_scenarios','candidate_tests','extract_entities','narrate_forward','narrate_backward'}
KEYS = {'id','template','family','mode','prompt','reply','finish_reason','expected','truncated','usable','notes'}
errs = []; n = 0
cnt = collections.Counter(); fam = collections.defaultdict(set); famc = collections.Counter(); modec = collections.Counter()
ids = set()
def err(i, m): errs.append(f"{i}: {m}")
def norm(v): return json.loads(json.dumps(v))
for ln, line in enumerate(open(os.path.join(HERE, 'replies.jsonl')), 1):
    try: r = json.loads(line)
    except Exception as e: err(f"line {ln}", f"json: {e}"); continue
    n += 1; i = r.get('id'); t = r.get('template')
    if i in ids: err(i, 'duplicate id')
    ids.add(i)
    if not KEYS <= set(r): err(i, f"missing {KEYS - set(r)}")
    if t not in TEMPL: err(i, 'bad template'); continue
    if '{{' in r['prompt']: err(i, 'unfilled slot')
    cnt[t] += 1; fam[t].add(r['family']); famc[r['family']] += 1; modec[r['mode']] += 1
    e = r['expected']
    if e.get('truncated') != r['truncated'] or e.get('usable') != r['usable']: err(i, 'flags mismatch')
    if r['truncated'] != (r['finish_reason'] == 'length'): err(i, 'truncated vs finish_reason')
    if r['family'] == 'deepseek-r1-distill' and r['reply'] and not r['reply'].startswith('<think>'): err(i, 'r1 without think')
    if not r['usable']: continue
    try:
        if t == 'candidate_code':
            ast.parse(e['code']); g = {}; exec(e['code'], g)
            ok = 0
            for expr, want in SAN[i]:
                got = eval(expr, g)
                if norm(got) == want: ok += 1
                else: err(i, f"sanity {expr} -> {got!r}, want {want!r}")
            if ok == 0: err(i, 'no sanity call passed')
        elif t == 'candidate_tests':
            for s in e['tests']:
                tree = ast.parse(s)
                if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Assert): err(i, f"not single assert: {s}")
                if s not in r['reply'] and s.replace('\n', '\\n') not in r['reply'] and json.dumps(s)[1:-1] not in r['reply']: err(i, f"test not verbatim in reply: {s}")
        elif t == 'narrate_forward':
            ast.parse(e['answer'], mode='eval')
            if eval(e['answer']) != eval(r['returned']): err(i, 'forward answer != returned')
            g = {}; exec(r['code'], g)
            if eval(r['call'], g) != eval(r['returned']): err(i, 'call does not give returned')
        elif t == 'narrate_backward':
            ast.parse(e['answer'], mode='eval'); g = {}; exec(r['code'], g)
            if eval(e['answer'], g) != eval(r['returned']): err(i, 'backward answer does not give returned')
        elif t == 'signature':
            line_ = e['line']; k = e['kind']
            if not line_.startswith('Function: ' if k == 'function' else 'Class: '): err(i, 'line form')
            if k == 'function': ast.parse('def ' + line_[len('Function: '):] + ': pass')
            else:
                parts = [p.strip() for p in line_[len('Class: '):].split(';')]
                if parts[0] != e['name']: err(i, 'class name')
                for p in parts[1:]: ast.parse('def ' + p + ': pass')
        elif t == 'concepts':
            for c in e['concepts']:
                if set(c) != {'name','keyphrase','description','examples','difficulty'} or c['difficulty'] not in ('easy','medium','hard'): err(i, f"concept schema {c}")
        elif t == 'instructions':
            for it in e['instructions']:
                if it['kind'] not in ('function','class') or not it['text']: err(i, 'instruction schema')
        elif t == 'test_scenarios':
            if not all(isinstance(s, str) and s for s in e['scenarios']): err(i, 'scenario schema')
        elif t == 'extract_entities':
            for c in e['claims']:
                if not all(isinstance(c[k], str) for k in ('kind','name','value')): err(i, 'claim values must be strings')
    except Exception as ex:
        err(i, f"{type(ex).__name__}: {ex}")
rows = [json.loads(l) for l in open(os.path.join(HERE, 'replies.jsonl'))]
# extra: expected tests must pass against the candidate_code references of the same exercise
ref = {}
for r in rows:
    if r['template'] == 'candidate_code' and r['usable']: exec(r['expected']['code'], ref)
passed = 0
for r in rows:
    if r['template'] == 'candidate_tests' and r['usable']:
        for s in r['expected']['tests']:
            try: exec(s, dict(ref)); passed += 1
            except Exception as ex: err(r['id'], f"test fails on reference: {s} ({ex!r})")
print(f"expected tests passing on reference solutions: {passed}")
print(f"replies: {n}")
print("per template:", dict(cnt))
for t in sorted(fam):
    if len(fam[t]) < 5: err(t, f"only {len(fam[t])} families")
    print(f"  {t}: families {sorted(fam[t])}")
print("per family:", dict(famc))
print("per mode:", dict(modec))
print("truncated:", sum(r['truncated'] for r in rows), [r['id'] for r in rows if r['truncated']])
print("unusable:", sum(not r['usable'] for r in rows), [r['id'] for r in rows if not r['usable']])
print("errors:", len(errs))
for x in errs: print("  ", x)
sys.exit(1 if errs else 0)
