"""Checks replies.jsonl per BRIEF.md; prints a report."""
import ast, json, sys, collections
FAM={'mistral-small-24b','qwen2.5-coder-7b','llama-3.1-8b','gpt-4o-mini','deepseek-r1-distill','smollm2-135m'}
# sanity calls for candidate_code: id -> (call, expected)
SANITY=json.load(open('tmp/sanity.json')) if __import__('os').path.exists('tmp/sanity.json') else {}
errs=[]; n=0; per=collections.Counter(); fams=collections.defaultdict(set)
def err(i,m): errs.append(f"{i}: {m}")
for ln,line in enumerate(open('replies.jsonl'),1):
    try: r=json.loads(line)
    except Exception as e: err(f"line{ln}",f"bad json {e}"); continue
    n+=1; i=r['id']; t=r['template']; e=r['expected']; per[t]+=1; fams[t].add(r['family'])
    for k in ['id','template','family','mode','prompt','reply','finish_reason','expected','truncated','usable','notes']:
        if k not in r: err(i,f"missing {k}")
    if r['family'] not in FAM: err(i,'bad family')
    if r['mode'] not in ('text','json_object'): err(i,'bad mode')
    if '{{' in r['prompt']: err(i,'unrendered slot')
    if r['truncated']!=(r['finish_reason']=='length'): err(i,'truncated/finish mismatch')
    if e.get('truncated')!=r['truncated'] or e.get('usable')!=r['usable']: err(i,'expected flags mismatch')
    if not r['usable']: continue
    try:
        if t=='candidate_code':
            ast.parse(e['code']); g={}; exec(e['code'],g)
            call,want=SANITY[i]
            got=eval(call,g)
            if got!=eval(want): err(i,f"sanity {call} -> {got!r} != {want}")
        elif t=='candidate_tests':
            for s in e['tests']:
                tr=ast.parse(s); assert isinstance(tr.body[0],ast.Assert) and len(tr.body)==1
        elif t=='narrate_forward':
            ast.parse(e['answer'],mode='eval')
            if eval(e['answer'])!=eval(r['returned']): err(i,'forward answer != returned')
        elif t=='narrate_backward':
            ast.parse(e['answer'],mode='eval'); g={}; exec(r['code'],g)
            if eval(e['answer'],g)!=eval(r['returned']): err(i,'backward answer != returned')
        elif t=='signature':
            assert e['kind'] in ('function','class') and e['name'] and e['line'].startswith(('Function: ','Class: '))
        elif t=='instructions':
            assert e['instructions'] and all(x['kind'] in ('function','class') and x['text'] for x in e['instructions'])
        elif t=='concepts':
            for c in e['concepts']: assert set(c)=={'name','keyphrase','description','examples','difficulty'}
        elif t=='test_scenarios':
            assert all(isinstance(s,str) and s for s in e['scenarios'])
        elif t=='extract_entities':
            assert all(set(c)=={'kind','name','value'} and all(isinstance(v,str) for v in c.values()) for c in e['claims'])
    except Exception as ex: err(i,f"{type(ex).__name__}: {ex}")
print(f"lines: {n}")
for t in sorted(per): print(f"  {t}: {per[t]} replies, {len(fams[t])} families")
print(f"errors: {len(errs)}"); [print('  '+x) for x in errs]
print("PASS" if not errs else "FAIL"); sys.exit(1 if errs else 0)
