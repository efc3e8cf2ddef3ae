"""Self-check for r149 replies.jsonl."""
import json, ast, sys, collections
P='/work/corpus/replies/r149/replies.jsonl'
errs=[]; n=0; cnt=collections.Counter(); fams=collections.defaultdict(set)
ids=set()
for ln,line in enumerate(open(P),1):
    try: r=json.loads(line)
    except Exception as e: errs.append(f"line {ln}: bad json {e}"); continue
    n+=1; t=r['template']; e=r['expected']; rid=r['id']
    if rid in ids: errs.append(f"{rid}: duplicate id")
    ids.add(rid); cnt[t]+=1; fams[t].add(r['family'])
    for k in ['id','template','family','mode','prompt','reply','finish_reason','expected','truncated','usable','notes']:
        if k not in r: errs.append(f"{rid}: missing {k}")
    if '{{' in r['prompt']: errs.append(f"{rid}: unfilled slot")
    if r['truncated'] != (r['finish_reason']=='length'): errs.append(f"{rid}: truncated/finish_reason mismatch")
    if r['mode']=='json_object' and r['usable']:
        try: json.loads(r['reply'])
        except Exception: errs.append(f"{rid}: json_object reply is not bare JSON")
    if not r['usable']: continue
    try:
        if t=='candidate_code':
            ast.parse(e['code']); g={}; exec(e['code'],g)
            got=eval(r['sanity']['call'],g)
            if repr(got)!=r['sanity']['returned']: errs.append(f"{rid}: sanity {got!r} != {r['sanity']['returned']}")
            if e['code'] not in r['reply'] and json.dumps(e['code']) not in r['reply']: errs.append(f"{rid}: code not verbatim in reply")
        elif t=='candidate_tests':
            for s in e['tests']:
                m=ast.parse(s)
                if not (len(m.body)==1 and isinstance(m.body[0],ast.Assert)): errs.append(f"{rid}: not single assert: {s}")
                if s not in r['reply'] and json.dumps(s)[1:-1] not in r['reply']: errs.append(f"{rid}: test not verbatim: {s}")
        elif t=='narrate_forward':
            ast.parse(e['answer'],mode='eval')
            if eval(e['answer'])!=eval(r['returned']): errs.append(f"{rid}: answer != returned")
            g={}; exec(r['code'],g)
            if repr(eval(r['call'],g))!=r['returned']: errs.append(f"{rid}: call does not give returned")
        elif t=='narrate_backward':
            ast.parse(e['answer'],mode='eval'); g={}; exec(r['code'],g)
            if eval(e['answer'],g)!=eval(r['returned']): errs.append(f"{rid}: backward answer mismatch")
        elif t=='concepts':
            for c in e['concepts']:
                assert set(c)=={'name','keyphrase','description','examples','difficulty'}, c
                if c['keyphrase'] not in r['prompt']: errs.append(f"{rid}: keyphrase not in prompt {c['keyphrase']}")
        elif t=='instructions':
            for x in e['instructions']:
                assert x['kind'] in ('function','class')
                if x['text'] not in r['reply']: errs.append(f"{rid}: instruction text not verbatim")
        elif t=='signature':
            assert e['kind'] in ('function','class') and e['line'].startswith(e['kind'].capitalize()+': ')
            if e['kind']=='function':
                ast.parse('def '+e['line'][len('Function: '):]+': pass')
            else:
                parts=e['line'][len('Class: '):].split('; ')
                assert parts[0]==e['name']
                for m in parts[1:]: ast.parse('def '+m+': pass')
        elif t=='test_scenarios':
            assert all(isinstance(s,str) and s for s in e['scenarios'])
        elif t=='extract_entities':
            for c in e['claims']:
                assert c['kind'] in ('value','index','comparison','branch','loop','return') and isinstance(c['value'],str)
    except Exception as ex:
        errs.append(f"{rid}: exception {type(ex).__name__}: {ex}")
for t,v in cnt.items():
    if len(fams[t])<5: errs.append(f"{t}: only {len(fams[t])} families")
print(f"replies: {n}"); print("per template:",dict(cnt))
print("errors:",len(errs)); [print(" ",x) for x in errs]
print("PASS" if not errs else "FAIL")
sys.exit(1 if errs else 0)
