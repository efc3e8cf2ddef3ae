#!/usr/bin/env python3
"""Standalone checker for w260 narrations: re-executes every program with sys.settrace,
records per-variable value histories (locals of every frame, plus self.<attr>), line hit
counts, and checks claims / errors / answers. Usage: python3 check.py [--dump PROGRAM_ID]"""
import ast, copy, json, sys
from collections import defaultdict

def lit(s):
    return ast.literal_eval(s) if isinstance(s, str) else s

def run(code, call):
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    hist = defaultdict(list)
    hits = defaultdict(int)
    last = {}
    def snap(frame):
        loc = dict(frame.f_locals)
        items = {}
        for k, v in loc.items():
            if k == 'self':
                for a, av in vars(v).items():
                    items['self.' + a] = av
            else:
                items[k] = v
        prev = last.setdefault(id(frame), {})
        for k, v in items.items():
            try:
                r = repr(v)
                if '<' in r and 'object' in r:
                    continue
                cv = copy.deepcopy(v)
            except Exception:
                continue
            if k not in prev or prev[k] != cv:
                hist[k].append(cv)
                prev[k] = cv
    def tr(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return tr
        snap(frame)
        if event == 'line':
            hits[frame.f_lineno] += 1
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, hits, ns

def ev(expr):
    return eval(expr.replace('`', '').strip(), {})

def arith_expr(q):
    q = q.replace('`', '')
    for sep in ['=', ' is ', ' gives ']:
        if sep in q:
            return q.split(sep)[0].strip()
    return q

def line_count(var, hits):
    # 'loop@line N': times line N (first line of the loop body) ran = iterations;
    # 'header@line N': N is the loop header, which runs once more than the body.
    n = int(var.split('@line')[1])
    return hits.get(n, 0) - (1 if var.startswith('header') else 0)

def is_sub(seq, h):
    n = len(seq)
    return any(h[i:i+n] == seq for i in range(len(h) - n + 1))

def check_claim(c, ret, hist, hits):
    w = c['what']; v = lit(c['value']); var = c.get('variable')
    if w == 'value':
        if c.get('seq'):
            return is_sub(list(v), hist.get(var, []))
        if var is None:
            return any(v in h for h in hist.values()) or v == ret
        return v in hist.get(var, [])
    if w == 'count':
        return line_count(var, hits) == v
    if w == 'comparison':
        return bool(ev(c.get('expr') or c['quote'])) == v
    if w == 'arith':
        return ev(c.get('expr') or arith_expr(c['quote'])) == v
    if w == 'return':
        return v == ret
    if w == 'call':
        return True
    raise ValueError(w)

def main():
    progs = {}
    for l in open('programs.jsonl'):
        d = json.loads(l); progs[d['id']] = d
    if len(sys.argv) > 2 and sys.argv[1] == '--dump':
        p = progs[sys.argv[2]]
        ret, hist, hits, _ = run(p['code'], p['call'])
        print('ret', repr(ret))
        for k, h in hist.items(): print(k, h)
        print('hits', dict(hits)); return
    cache = {}
    fails = 0; n = 0
    lines = []
    for l in open('narrations.jsonl'):
        it = json.loads(l); n += 1
        pid = it['program_id']; p = progs[pid]
        if pid not in cache:
            cache[pid] = run(p['code'], p['call'])
        ret, hist, hits, ns = cache[pid]
        errs = []
        if repr(ret) != it['returned']: errs.append('returned mismatch')
        if p['code'] != it['code'] or p['call'] != it['call']: errs.append('code/call mismatch')
        rat = it['rationale']
        last = rat.strip().splitlines()[-1]
        if not last.startswith('Answer:') or last[len('Answer:'):].strip() != it['answer']:
            errs.append('answer line mismatch: ' + last)
        er = it['error']
        for c in it['claims']:
            if c['quote'] not in rat: errs.append('quote missing: ' + c['quote'])
            if er and c['quote'] == er['quote']:
                continue
            try:
                ok = check_claim(c, ret, hist, hits)
            except Exception as e:
                ok = False; errs.append('claim exc %r' % e)
            if not ok: errs.append('false claim: %s' % json.dumps(c))
        # answer
        if it['direction'] == 'forward':
            ans_ok = lit(it['answer']) == ret
        else:
            ns2 = {}; exec(compile(p['code'], '<x>', 'exec'), ns2)
            ans_ok = eval(it['answer'], ns2) == ret and it['answer'].startswith(it['function'] + '(')
        if it['label'] == 'faithful':
            if not ans_ok: errs.append('faithful answer wrong')
            if er is not None: errs.append('faithful has error')
        else:
            k = er['kind']; chk = er.get('check', {})
            if er['quote'] not in rat: errs.append('error quote missing')
            if er['stated'] not in er['quote'] and k not in ('wrong_final_answer','backward_wrong_input'):
                errs.append('stated not in quote')
            if not any(c['quote'] == er['quote'] for c in it['claims']) and k not in ('wrong_final_answer','backward_wrong_input'):
                errs.append('error not in claims')
            if k in ('wrong_final_answer', 'backward_wrong_input'):
                if ans_ok: errs.append('wrong answer is actually right')
            else:
                if not ans_ok and not er.get('carried'): errs.append('answer should still be right')
                st = lit(chk.get('stated', er['stated']))
                t = chk['type']
                if t == 'hist_index':
                    h = hist[chk['variable']]
                    if h[chk['index']] == st: errs.append('error value true at that point')
                    if lit(er['actual']) != h[chk['index']]: errs.append('actual mismatch %r' % (h[chk['index']],))
                elif t == 'not_in_hist':
                    if st in hist.get(chk['variable'], []): errs.append('impossible state actually occurs')
                elif t == 'seq':
                    if is_sub(list(lit(chk['seq'])), hist[chk['variable']]): errs.append('seq actually true')
                    st = lit(chk.get('wrong', er['stated']))
                elif t == 'arith':
                    if ev(chk['expr']) == st: errs.append('arith actually right')
                elif t == 'count':
                    if line_count(chk['variable'], hits) == st: errs.append('count actually right')
                elif t == 'comparison':
                    if bool(ev(chk['expr'])) == st: errs.append('comparison actually right')
                else:
                    errs.append('unknown check')
                if er.get('held_elsewhere'):
                    if not any(st in h for h in hist.values()) and st != ret:
                        errs.append('held_elsewhere but value never held')
        status = 'PASS' if not errs else 'FAIL'
        if errs: fails += 1
        lines.append('%s %s %s' % (status, it['id'], '; '.join(errs)))
    lines.append('TOTAL %d items, %d failing' % (n, fails))
    out = '\n'.join(lines)
    print(out)
    open('check_report.txt', 'w').write(out + '\n')
    sys.exit(1 if fails else 0)

if __name__ == '__main__':
    main()
