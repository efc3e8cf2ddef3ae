"""Self-check for r94 replies.jsonl. Usage: python3 check.py > check_report.txt"""
import ast, json, sys, collections
PATH = '/work/corpus/replies/r94/replies.jsonl'
FAM = {'mistral-small-24b','qwen2.5-coder-7b','llama-3.1-8b','gpt-4o-mini','deepseek-r1-distill','smollm2-135m'}
TEMPL = ['concepts','instructions','signature','candidate_code','test_scenarios','candidate_tests','extract_entities','narrate_forward','narrate_backward']
# sanity calls for candidate_code: id -> list of (expr, expected_value)
SANITY = json.load(open('/work/corpus/replies/r94/tmp/sanity.json'))
errs = []; n = 0
cnt = collections.Counter(); fam = collections.defaultdict(set)
famc = collections.Counter(); modec = collections.Counter(); trc = collections.Counter(); unc = collections.Counter()
ids = set()
def err(i, m): errs.append(f'{i}: {m}')
for ln, line in enumerate(open(PATH), 1):
    try:
        r = json.loads(line)
    except Exception as e:
        err(f'line{ln}', f'bad json {e}'); continue
    n += 1
    i = r['id']; t = r['template']; e = r['expected']
    if i in ids: err(i, 'dup id')
    ids.add(i)
    for k in ['id','template','family','mode','prompt','reply','finish_reason','expected','truncated','usable','notes']:
        if k not in r: err(i, 'missing ' + k)
    if t not in TEMPL: err(i, 'bad template')
    if r['family'] not in FAM: err(i, 'bad family')
    if r['mode'] not in ('text','json_object'): err(i, 'bad mode')
    if r['finish_reason'] not in ('stop','length'): err(i, 'bad finish_reason')
    if (r['finish_reason'] == 'length') != r['truncated']: err(i, 'truncated/finish mismatch')
    if e.get('truncated') != r['truncated'] or e.get('usable') != r['usable']: err(i, 'expected flags mismatch')
    if '{{' in r['prompt']: err(i, 'unfilled slot')
    if not i.startswith(f'r94-{t}-'): err(i, 'id pattern')
    if r['mode'] == 'json_object' and r['usable'] and r['finish_reason'] == 'stop':
        try: json.loads(r['reply'])
        except Exception: err(i, 'json_object reply does not parse as JSON')
    cnt[t] += 1; fam[t].add(r['family']); famc[r['family']] += 1; modec[r['mode']] += 1
    trc[r['truncated']] += 1; unc[r['usable']] += 1
    u = r['usable']
    # every extracted string must occur in the reply (raw, or as JSON-decoded text)
    hay = r['reply']
    try: hay += '\n' + json.dumps(json.loads(r['reply']), ensure_ascii=False)
    except Exception: pass
    hay_dec = hay.encode().decode('unicode_escape', errors='ignore') if '\\n' in hay else hay
    def present(x):
        return x in hay or x in hay_dec
    pieces = []
    if t == 'concepts': pieces = [c['name'] for c in e.get('concepts', [])] + [c['description'] for c in e.get('concepts', [])]
    elif t == 'instructions': pieces = [c['text'] for c in e.get('instructions', [])]
    elif t == 'test_scenarios': pieces = e.get('scenarios', [])
    elif t == 'candidate_tests': pieces = e.get('tests', [])
    elif t == 'extract_entities': pieces = [c['name'] for c in e.get('claims', [])]
    elif t == 'candidate_code' and u: pieces = [e['code']]
    elif t in ('narrate_forward', 'narrate_backward') and u: pieces = [e['answer']]
    for x in pieces:
        if not present(x): err(i, 'not found verbatim in reply: ' + x[:60])
    try:
        if t == 'concepts':
            for c in e['concepts']:
                assert set(c) == {'name','keyphrase','description','examples','difficulty'}, c
                assert c['difficulty'] in ('easy','medium','hard')
            assert (len(e['concepts']) > 0) == u or r['truncated']
        elif t == 'instructions':
            for c in e['instructions']:
                assert c['kind'] in ('function','class') and c['text'] and not c['text'].lstrip().startswith(('1', '[')), c
        elif t == 'signature':
            if u:
                assert e['kind'] in ('function','class')
                line_ = e['line']
                if e['kind'] == 'function':
                    assert line_.startswith('Function: ' + e['name'] + '(')
                    ast.parse('def ' + line_[len('Function: '):] + ': pass')
                else:
                    parts = [p.strip() for p in line_.split(';')]
                    assert parts[0] == 'Class: ' + e['name']
                    assert parts[1].startswith('__init__(self')
                    for p in parts[1:]: ast.parse('def ' + p + ': pass')
        elif t == 'candidate_code':
            if u:
                ast.parse(e['code'])
                sc = SANITY[i]; assert sc, 'no sanity call'
                g = {}; exec(e['code'], g)
                for expr, want in sc:
                    got = eval(expr, g)
                    assert got == eval(want), f'sanity {expr} -> {got!r} != {want}'
        elif t == 'test_scenarios':
            for s in e['scenarios']: assert isinstance(s, str) and s and not s[0].isdigit(), s
        elif t == 'candidate_tests':
            for s in e['tests']:
                tr = ast.parse(s)
                assert len(tr.body) == 1 and isinstance(tr.body[0], ast.Assert), s
                assert isinstance(tr.body[0].test, ast.Compare) and isinstance(tr.body[0].test.ops[0], ast.Eq), s
            for s in e.get('unusable_tests', []): assert isinstance(s, str)
        elif t == 'extract_entities':
            for c in e['claims']:
                assert c['kind'] in ('value','index','comparison','branch','loop','return'), c
                assert all(isinstance(c[k], str) for k in ('kind','name','value')), c
        elif t in ('narrate_forward','narrate_backward'):
            for k in ('code','call','returned'): assert k in r, 'missing ' + k
            g = {}; exec(r['code'], g)
            assert repr(eval(r['call'], g)) == r['returned'], 'call does not give returned'
            if u:
                ast.parse(e['answer'], mode='eval')
                if t == 'narrate_forward':
                    assert eval(e['answer']) == eval(r['returned']), 'forward answer != returned'
                else:
                    assert repr(eval(e['answer'], g)) == r['returned'], 'backward answer does not give returned'
    except Exception as ex:
        err(i, f'{type(ex).__name__}: {ex}')
print(f'records: {n}')
print('per template:', dict(cnt))
print('families per template:', {k: len(v) for k, v in fam.items()})
print('per family:', dict(famc))
print('per mode:', dict(modec))
print('truncated:', dict(trc), 'usable:', dict(unc))
for t in TEMPL:
    if cnt[t] and len(fam[t]) < 5: errs.append(f'{t}: only {len(fam[t])} families')
print('ERRORS:' if errs else 'ALL CHECKS PASSED')
for x in errs: print('  ' + x)
sys.exit(1 if errs else 0)
