"""Standalone checker for w267 narrations: re-executes each program with sys.settrace,
records per-variable value histories (locals and self.<attr>) and line hit counts, then checks
claims, answers and error copies. Usage: python3 check.py > check_report.txt"""
import ast, json, sys

def run_traced(code, call):
    g = {'__name__': 'prog'}
    exec(compile(code, '<prog>', 'exec'), g)
    hist, hits = {}, {}
    def rec(frame):
        items = dict(frame.f_locals)
        s = items.get('self')
        if s is not None and hasattr(s, '__dict__'):
            for k, v in vars(s).items():
                items['self.' + k] = v
        for k, v in items.items():
            if k == 'self' or k.startswith('.'):
                continue
            try:
                v = ast.literal_eval(repr(v))
            except Exception:
                continue
            h = hist.setdefault(k, [])
            if not h or h[-1] != v or type(h[-1]) != type(v):
                h.append(v)
    def tr(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return None
        if event == 'line':
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        rec(frame)
        return tr
    sys.settrace(tr)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, hits, g

def lit(s):
    return ast.literal_eval(s)

def count_of(label, hits):
    kind, ln = label.split('@line ')
    ln = int(ln)
    if kind == 'loop':          # top-level loop header: hits - 1 (final exit test)
        return hits.get(ln, 0) - 1
    return hits.get(ln, 0)       # 'line@line N': times line N ran

def check_claim(c, ret, hist, hits):
    w, v = c['what'], lit(c['value'])
    if w == 'value':
        return v in hist.get(c['variable'], [])
    if w == 'count':
        return count_of(c['variable'], hits) == v
    if w in ('arith', 'comparison', 'call'):
        expr = c.get('expr')
        if expr is None and w == 'comparison':
            expr = c['quote'].strip('`')
        if expr is None:   # arith quote 'LHS = RESULT': evaluate the left-hand side
            expr = c['quote'].strip('`').rsplit('=', 1)[0]
        return eval(expr) == v
    if w == 'return':
        return v == ret
    return False

def check_error(item, ret, hist, hits, g):
    e = item['error']
    chk = e.get('check', {})
    stated, actual = e['stated'], e['actual']
    t = chk.get('type')
    if t == 'hist':
        h = hist[chk['var']]
        k = chk['k']
        ok = h[k] == lit(actual) and lit(stated) != h[k]
    elif t == 'count':
        n = count_of(chk['label'], hits)
        ok = n == lit(actual) and lit(stated) != n
    elif t == 'eval':
        r = eval(chk['expr'])
        ok = r == lit(actual) and r != lit(stated)
    elif t == 'answer':
        ok = lit(item['answer']) != ret and lit(actual) == ret
    elif t == 'backward':
        ok = eval(item['answer'], g) != ret
    else:
        return False, 'no check'
    if ok and e.get('held_elsewhere'):
        sv = lit(stated)
        ok = any(sv in h for h in hist.values()) or sv in hits.values()
    if ok and e['quote'] not in item['rationale']:
        ok = False
    return ok, ''

def main():
    items = [json.loads(l) for l in open('narrations.jsonl')]
    fails = 0
    for it in items:
        ret, hist, hits, g = run_traced(it['code'], it['call'])
        msgs = []
        if repr(ret) != it['returned']:
            msgs.append('returned mismatch')
        if it['rationale'].rstrip().splitlines()[-1].strip() != 'Answer: ' + it['answer'] and \
           not it['rationale'].rstrip().endswith(it['answer']):
            msgs.append('answer line mismatch')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                msgs.append('quote missing: %r' % c['quote'])
                continue
            if c.get('is_error') or c.get('carried'):
                continue
            if not check_claim(c, ret, hist, hits):
                msgs.append('false claim: %r' % c['quote'])
        et = it['error']['kind'] if it['error'] else None
        if it['label'] == 'faithful' or (et not in ('wrong_final_answer', 'backward_wrong_input')
                                         and not it['error']['carried']):
            if it['direction'] == 'forward':
                if lit(it['answer']) != ret: msgs.append('forward answer wrong')
            else:
                if eval(it['answer'], g) != ret: msgs.append('backward answer wrong')
        if it['label'] == 'error':
            ok, m = check_error(it, ret, hist, hits, g)
            if not ok: msgs.append('error not confirmed ' + m)
        status = 'PASS' if not msgs else 'FAIL'
        fails += bool(msgs)
        print(status, it['id'], it['label'], et or '', '; '.join(msgs))
    print('TOTAL', len(items), 'FAIL', fails)

if __name__ == '__main__':
    main()
