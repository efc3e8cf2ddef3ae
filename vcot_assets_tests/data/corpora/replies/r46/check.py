import json, ast, collections, sys
path='/work/corpus/replies/r46/replies.jsonl'
errs=[]; n=0; cnt=collections.Counter(); fam=collections.defaultdict(set)
SANITY={}  # id -> (call expr, expected value) for candidate_code
try:
    SANITY=json.load(open('/work/corpus/replies/r46/tmp/sanity.json'))
except Exception: pass
REQ={'id','template','family','mode','prompt','reply','finish_reason','expected','truncated','usable','notes'}
for i,l in enumerate(open(path),1):
    try: d=json.loads(l)
    except Exception as e: errs.append(f'line {i}: bad json {e}'); continue
    n+=1; t=d['template']; cnt[t]+=1; fam[t].add(d['family']); e=d['expected']
    miss=REQ-set(d)
    if miss: errs.append(f"{d['id']}: missing {miss}")
    if '{{' in d['prompt']: errs.append(f"{d['id']}: unrendered slot")
    if e.get('truncated')!=d['truncated'] or e.get('usable')!=d['usable']: errs.append(f"{d['id']}: flags mismatch")
    if d['truncated'] != (d['finish_reason']=='length'): errs.append(f"{d['id']}: truncated/finish_reason mismatch")
    if not d['usable']: continue
    try:
        if t=='candidate_code':
            ast.parse(e['code']); ns={}; exec(e['code'],ns)
            call,want=SANITY[d['id']]
            got=eval(call,ns)
            if got!=eval(want): errs.append(f"{d['id']}: sanity {call} -> {got!r} != {want}")
        elif t=='candidate_tests':
            for s in e['tests']:
                tr=ast.parse(s)
                if not (len(tr.body)==1 and isinstance(tr.body[0],ast.Assert)): errs.append(f"{d['id']}: not single assert: {s}")
        elif t=='narrate_forward':
            ast.parse(e['answer'],mode='eval')
            if eval(e['answer'])!=eval(d['returned']): errs.append(f"{d['id']}: answer {e['answer']} != {d['returned']}")
        elif t=='narrate_backward':
            ns={}; exec(d['code'],ns)
            got=eval(e['answer'],ns)
            if got!=eval(d['returned']): errs.append(f"{d['id']}: backward {got!r} != {d['returned']}")
        elif t=='signature':
            assert e['kind'] in ('function','class') and e['line'].startswith(('Function: ','Class: '))
            assert e['name'] in e['line']
        elif t=='instructions':
            for it in e['instructions']: assert it['kind'] in ('function','class') and it['text']
        elif t=='concepts':
            for c in e['concepts']: assert set(c)>={'name','keyphrase','description','examples','difficulty'}
        elif t=='test_scenarios':
            assert all(isinstance(s,str) and s for s in e['scenarios'])
        elif t=='extract_entities':
            for c in e['claims']: assert all(isinstance(c[k],str) for k in ('kind','name','value'))
    except Exception as ex:
        errs.append(f"{d['id']}: {type(ex).__name__} {ex}")
print(f'{n} replies'); print('per template:', dict(cnt))
for t in fam:
    if len(fam[t])<5: print(f'NOTE {t}: only {len(fam[t])} families')
print('ERRORS:' if errs else 'ALL OK'); [print(' ',x) for x in errs]

# extra: run every expected test against reference implementations (mine), to be sure the asserts are true
REF = '''
import bisect
def run_lengths(s):
    r=[]
    for ch in s:
        if r and r[-1][0]==ch: r[-1]=(ch,r[-1][1]+1)
        else: r.append((ch,1))
    return r
class SortedBag:
    def __init__(self, items): self.items=sorted(items)
    def add(self, x): bisect.insort(self.items,x); return list(self.items)
def bin_counts(values,width):
    c={}
    for v in values: c[(v//width)*width]=c.get((v//width)*width,0)+1
    return c
def dedent_lines(lines):
    ind=[len(l)-len(l.lstrip(' ')) for l in lines if l.strip()]
    k=min(ind) if ind else 0
    return [l[k:] if l.strip() else '' for l in lines]
def sort_by_last_char(words): return sorted(words,key=lambda w:w[-1])
def longest_run(nums):
    best=cur=0; prev=object()
    for x in nums:
        cur=cur+1 if x==prev else 1; prev=x; best=max(best,cur)
    return best
'''
bad=[]
for l in open(path):
    d=json.loads(l)
    if d['template']=='candidate_tests' and d['usable']:
        for s in d['expected']['tests']:
            ns={}; exec(REF,ns)
            try: exec(s,ns)
            except AssertionError: bad.append(f"{d['id']}: false test {s}")
print('test truth check:', 'OK' if not bad else bad)
sys.exit(1 if (errs or bad) else 0)
