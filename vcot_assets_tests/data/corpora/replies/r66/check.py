"""Checks replies.jsonl per the brief; prints a report."""
import json, ast, collections, sys
KEYS={"id","template","family","mode","prompt","reply","finish_reason","expected","truncated","usable","notes"}
errs=[]; n=0; cnt=collections.Counter(); fam=collections.Counter(); mode=collections.Counter()
tf=collections.defaultdict(set); tr=0; un=0; ids=set()
def P(s,where):
    try: ast.parse(s)
    except SyntaxError as e: errs.append(f"{where}: syntax error {e}")
for ln,line in enumerate(open('replies.jsonl'),1):
    try: d=json.loads(line)
    except Exception as e: errs.append(f"line {ln}: bad json {e}"); continue
    n+=1; i=d.get('id'); w=f"line {ln} {i}"
    miss=KEYS-set(d)
    if miss: errs.append(f"{w}: missing {miss}")
    if i in ids: errs.append(f"{w}: duplicate id")
    ids.add(i)
    t=d['template']; e=d['expected']; cnt[t]+=1; fam[d['family']]+=1; mode[d['mode']]+=1; tf[t].add(d['family'])
    tr+=d['truncated']; un+=not d['usable']
    if d['truncated'] != (d['finish_reason']=='length'): errs.append(f"{w}: truncated/finish_reason mismatch")
    if '{{' in d['prompt']: errs.append(f"{w}: unrendered slot")
    if not d['usable'] or (d['truncated'] and t.startswith('narrate')): continue
    if t=='candidate_code':
        P(e['code'],w); ns={}
        try:
            exec(e['code'],ns); exec(d['sanity'],ns)
        except Exception as ex: errs.append(f"{w}: sanity failed {ex!r}")
    elif t=='candidate_tests':
        for s in e['tests']:
            P(s,w)
            if not s.startswith('assert '): errs.append(f"{w}: test not assert")
    elif t=='signature':
        if not e['line'].startswith(('Function: ','Class: ')): errs.append(f"{w}: bad line")
        if e['name'] not in e['line']: errs.append(f"{w}: name not in line")
    elif t=='narrate_forward':
        P(e['answer'],w)
        if eval(e['answer'])!=eval(d['returned']): errs.append(f"{w}: answer != returned")
    elif t=='narrate_backward':
        P(e['answer'],w); ns={}; exec(d['code'],ns)
        if eval(e['answer'],ns)!=eval(d['returned']): errs.append(f"{w}: backward answer wrong")
    elif t=='concepts':
        for c in e['concepts']:
            if set(c)!={"name","keyphrase","description","examples","difficulty"}: errs.append(f"{w}: concept keys")
    elif t=='instructions':
        for c in e['instructions']:
            if c['kind'] not in ('function','class'): errs.append(f"{w}: kind")
    elif t=='extract_entities':
        for c in e['claims']:
            if not all(isinstance(c[k],str) for k in ('kind','name','value')): errs.append(f"{w}: claim not strings")
    elif t=='test_scenarios':
        if not all(isinstance(s,str) for s in e['scenarios']): errs.append(f"{w}: scenario")
# Extra: every expected candidate_tests assert must pass against the reference implementations
# (the candidate_code solutions in this file, plus a statistics-based median_of).
import statistics
L=[json.loads(l) for l in open('replies.jsonl')]
ref={}
for d in L:
    if d['template']=='candidate_code' and d['usable']: exec(d['expected']['code'],ref)
ref['median_of']=lambda xs: float(statistics.median(xs))
for d in L:
    if d['template']=='candidate_tests':
        for t in d['expected']['tests']:
            try: exec(t,dict(ref))
            except Exception as ex: errs.append(f"{d['id']}: test fails on reference: {t} {ex!r}")
print(f"replies: {n}")
print("per template:",dict(sorted(cnt.items())))
print("families per template:",{k:len(v) for k,v in sorted(tf.items())})
print("per family:",dict(sorted(fam.items())))
print("per mode:",dict(mode))
print(f"truncated: {tr}  unusable: {un}")
for t,v in tf.items():
    if len(v)<5: errs.append(f"{t}: only {len(v)} families")
print("errors:",len(errs)); [print(" ",x) for x in errs]
print("PASS" if not errs else "FAIL")
sys.exit(1 if errs else 0)
