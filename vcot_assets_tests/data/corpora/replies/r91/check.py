"""Self-check for r91 replies.jsonl."""
import json, ast, collections, sys
P='/work/corpus/replies/r91/replies.jsonl'
errs=[]; n=0; cnt=collections.Counter()
FAMS={'mistral-small-24b','qwen2.5-coder-7b','llama-3.1-8b','gpt-4o-mini','deepseek-r1-distill','smollm2-135m'}
fams=collections.defaultdict(set)
# sanity calls for candidate_code, keyed by id: list of (expr, expected_repr)
SANITY=json.load(open('/work/corpus/replies/r91/tmp/sanity.json')) if __import__('os').path.exists('/work/corpus/replies/r91/tmp/sanity.json') else {}
for ln,line in enumerate(open(P),1):
    try: d=json.loads(line)
    except Exception as e: errs.append(f'line {ln}: bad json {e}'); continue
    n+=1; i=d['id']; t=d['template']; e=d['expected']
    for k in ['id','template','family','mode','prompt','reply','finish_reason','expected','truncated','usable','notes']:
        if k not in d: errs.append(f'{i}: missing {k}')
    if d['family'] not in FAMS: errs.append(f'{i}: family')
    if d['mode'] not in ('text','json_object'): errs.append(f'{i}: mode')
    if '{{' in d['prompt']: errs.append(f'{i}: unrendered slot')
    if e.get('truncated')!=d['truncated'] or e.get('usable')!=d['usable']: errs.append(f'{i}: flags mismatch')
    if d['truncated'] != (d['finish_reason']=='length'): errs.append(f'{i}: finish_reason vs truncated')
    if d['mode']=='json_object' and d['usable'] and not d['truncated']:
        try: json.loads(d['reply'])
        except Exception: pass  # json_object replies may still be lax JSON; noted
    fams[t].add(d['family']); cnt[(t,)]+=1
    try:
        if t=='narrate_forward' and d['usable']:
            ast.parse(e['answer'],mode='eval')
            if repr(eval(e['answer']))!=d['returned']: errs.append(f'{i}: answer {e["answer"]} != {d["returned"]}')
        if t=='narrate_backward' and d['usable']:
            ast.parse(e['answer'],mode='eval'); g={}; exec(d['code'],g)
            if repr(eval(e['answer'],g))!=d['returned']: errs.append(f'{i}: call gives wrong value')
        if t=='candidate_code' and d['usable']:
            ast.parse(e['code']); g={}; exec(e['code'],g)
            sc=SANITY.get(i)
            if not sc: errs.append(f'{i}: no sanity call')
            for ex,want in sc or []:
                got=repr(eval(ex,g))
                if got!=want: errs.append(f'{i}: sanity {ex} -> {got} != {want}')
        if t=='candidate_tests':
            for s in e.get('tests',[]):
                tr=ast.parse(s)
                if not (len(tr.body)==1 and isinstance(tr.body[0],ast.Assert)): errs.append(f'{i}: not single assert: {s}')
            for u in e.get('unusable_tests',[]): assert isinstance(u,dict) or isinstance(u,str)
        if t=='signature' and d['usable']:
            ln_=e['line']; assert ln_.startswith(('Function: ','Class: ')), ln_
            if ln_.startswith('Function: '): ast.parse('def '+ln_[10:]+': pass')
            else:
                parts=ln_[7:].split('; ')
                assert parts[0]==e['name']
                for p in parts[1:]: ast.parse('def '+p+': pass')
        if t=='concepts' and d['usable']:
            for c in e['concepts']: assert set(c)=={'name','keyphrase','description','examples','difficulty'}, c
        if t=='instructions' and d['usable']:
            for c in e['instructions']: assert c['kind'] in ('function','class') and c['text']
        if t=='extract_entities' and d['usable']:
            for c in e['claims']: assert c['kind'] in ('value','index','comparison','branch','loop','return') and isinstance(c['value'],str), c
        if t=='test_scenarios' and d['usable']: assert all(isinstance(s,str) for s in e['scenarios'])
    except Exception as ex: errs.append(f'{i}: {type(ex).__name__} {ex}')
# extra: candidate_tests expected asserts must pass against the matching candidate_code solution (same NN)
rows0=[json.loads(l) for l in open(P)]
codes={r['id'].split('-')[-1]:r['expected'].get('code') for r in rows0 if r['template']=='candidate_code'}
for r in rows0:
    if r['template']=='candidate_tests':
        g={}; exec(codes[r['id'].split('-')[-1]],g)
        for s_ in r['expected'].get('tests',[]):
            try: exec(s_,g)
            except Exception as ex: errs.append(f"{r['id']}: test fails vs reference: {s_} ({ex!r})")
print('replies:',n)
c2=collections.Counter(json.loads(l)['template'] for l in open(P))
for t in sorted(c2): print(f'  {t}: {c2[t]} replies, {len(fams[t])} families')
rows=[json.loads(l) for l in open(P)]
print('families:',dict(collections.Counter(r['family'] for r in rows)))
print('modes:',dict(collections.Counter(r['mode'] for r in rows)))
print('truncated:',sum(r['truncated'] for r in rows),' unusable:',sum(not r['usable'] for r in rows))
print('errors:',len(errs))
for x in errs: print('  ',x)
sys.exit(1 if errs else 0)
