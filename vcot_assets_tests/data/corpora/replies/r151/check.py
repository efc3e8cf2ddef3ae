"""Self-check of r151/replies.jsonl; writes check_report.txt."""
import ast, json, collections, sys
HERE = '/work/corpus/replies/r151/'
TEMPLATES = ['concepts','instructions','signature','candidate_code','test_scenarios','candidate_tests','extract_entities','narrate_forward','narrate_backward']
SANITY = {}  # id -> (call expression, expected value) for candidate_code
try:
    SANITY = json.load(open(HERE + 'tmp/sanity.json'))
except FileNotFoundError:
    pass
errs, lines = [], []
cnt = collections.Counter(); fams = collections.defaultdict(set); modes = collections.Counter(); fc = collections.Counter()
trunc = unus = 0
def E(rid, msg): errs.append(f"{rid}: {msg}")
rows = []
for n, l in enumerate(open(HERE + 'replies.jsonl'), 1):
    try: r = json.loads(l)
    except Exception as e: E(f"line {n}", f"bad JSON {e}"); continue
    rows.append(r)
ids = [r['id'] for r in rows]
for d in {i for i in ids if ids.count(i) > 1}: E(d, 'duplicate id')
for r in rows:
    rid = r['id']; t = r.get('template'); x = r.get('expected', {})
    for k in ('id','template','family','mode','prompt','reply','finish_reason','expected','truncated','usable','notes'):
        if k not in r: E(rid, f'missing {k}')
    if t not in TEMPLATES: E(rid, f'bad template {t}'); continue
    if '{{' in r['prompt']: E(rid, 'unfilled slot in prompt')
    if r['mode'] not in ('text','json_object'): E(rid, 'bad mode')
    if r['truncated'] != (r['finish_reason'] == 'length'): E(rid, 'truncated/finish_reason mismatch')
    cnt[t] += 1; fams[t].add(r['family']); modes[r['mode']] += 1; fc[r['family']] += 1
    trunc += r['truncated']; unus += (not r['usable'])
    if r['mode'] == 'json_object' and r['usable'] and not r['truncated']:
        try: json.loads(r['reply'])
        except Exception: E(rid, 'json_object reply is not strict JSON')
    if not r['usable']: continue
    try:
        if t == 'candidate_code':
            ast.parse(x['code'])
            src = r['reply'] if r['mode'] == 'text' else '\n'.join(str(v) for v in json.loads(r['reply']).values())
            if x['code'] not in src: E(rid, 'code not verbatim in reply')
            s = SANITY.get(rid)
            if not s: E(rid, 'no sanity call')
            else:
                ns = {}; exec(x['code'], ns)
                got = eval(s[0], ns)
                if got != eval(s[1]): E(rid, f'sanity {s[0]} -> {got!r} != {s[1]}')
        elif t == 'candidate_tests':
            for a in x['tests']:
                tr = ast.parse(a)
                if not (len(tr.body) == 1 and isinstance(tr.body[0], ast.Assert)): E(rid, f'not one assert: {a}')
                src = r['reply'] if r['mode'] == 'text' else '\n'.join(json.loads(r['reply'])['tests'])
                if a not in src: E(rid, f'test not verbatim: {a}')
            for u in x.get('unusable_tests', []): assert isinstance(u, str)
        elif t == 'narrate_forward':
            ast.parse(x['answer'], mode='eval')
            if eval(x['answer']) != eval(r['returned']): E(rid, 'answer != returned')
            ns = {}; exec(r['code'], ns)
            if repr(eval(r['call'], ns)) != r['returned']: E(rid, 'code/call does not give returned')
        elif t == 'narrate_backward':
            ast.parse(x['answer'], mode='eval')
            ns = {}; exec(r['code'], ns)
            if eval(x['answer'], ns) != eval(r['returned']): E(rid, 'answer call != returned')
        elif t == 'signature':
            assert x['kind'] in ('function','class') and x['name'] and x['line']
            if not x['line'].startswith('Function: ' if x['kind']=='function' else 'Class: '): E(rid, 'line form')
            if x['name'] not in x['line']: E(rid, 'name not in line')
        elif t == 'instructions':
            for it in x['instructions']: assert it['kind'] in ('function','class') and it['text']
        elif t == 'concepts':
            for c in x['concepts']:
                assert set(c) == {'name','keyphrase','description','examples','difficulty'}, c
                assert c['difficulty'] in ('easy','medium','hard')
        elif t == 'test_scenarios':
            assert all(isinstance(s, str) and s for s in x['scenarios'])
        elif t == 'extract_entities':
            for c in x['claims']:
                assert set(c) == {'kind','name','value'} and all(isinstance(v, str) for v in c.values()), c
    except Exception as e:
        E(rid, f'{type(e).__name__}: {e}')
# cross-check: candidate_tests asserts against the candidate_code solutions of this file
sols = {}
for r in rows:
    if r['template'] == 'candidate_code' and r['usable']:
        ns = {}; exec(r['expected']['code'], ns); sols.update({k: v for k, v in ns.items() if not k.startswith('__')})
for r in rows:
    if r['template'] == 'candidate_tests':
        for a in r['expected']['tests']:
            name = a.split('assert ', 1)[1].split('(', 1)[0]
            if name in sols:
                try: exec(a, dict(sols))
                except AssertionError: E(r['id'], f'test fails against candidate code: {a}')
out = [f"rows: {len(rows)}", f"per template: {dict(cnt)}", f"families per template: { {k: len(v) for k, v in fams.items()} }",
       f"per family: {dict(fc)}", f"modes: {dict(modes)}", f"truncated: {trunc}", f"unusable: {unus}"]
for t in TEMPLATES:
    if cnt[t] and len(fams[t]) < 5: errs.append(f"{t}: only {len(fams[t])} families")
out += [f"ERROR {e}" for e in errs] or []
out.append('RESULT: ' + ('PASS' if not errs else f'FAIL ({len(errs)} errors)'))
open(HERE + 'check_report.txt', 'w').write('\n'.join(out) + '\n')
print('\n'.join(out))
