"""Standalone checker for w28 narrations: plain execution + sys.settrace histories."""
import json, sys

def run_traced(code, call):
    hist, lines = {}, {}
    def rec(name, val):
        try:
            v = eval(repr(val)) if not hasattr(val, '__dict__') or isinstance(val, type) else None
        except Exception:
            v = None
        if v is None and hasattr(val, '__dict__'):
            return
        h = hist.setdefault(name, [])
        if not h or h[-1] != v:
            h.append(v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return tracer
        if event == 'line':
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        for k, v in frame.f_locals.items():
            if k == 'self':
                for a, av in vars(v).items():
                    rec('self.' + a, av)
            else:
                rec(k, v)
        if event == 'return':
            rec('<return:%s>' % frame.f_code.co_name, arg)
        return tracer
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    sys.settrace(tracer)
    try:
        res = eval(compile(call, '<prog-call>', 'eval'), ns)
    finally:
        sys.settrace(None)
    return res, hist, lines, ns

def lhs(q):
    q = q.replace('`', '').strip()
    return q.rsplit(' = ', 1)[0] if ' = ' in q else q.rsplit('=', 1)[0]

def check_claim(c, hist, lines, res, ns):
    w = c['what']
    if w == 'call':
        return repr(run_traced(CODE[0], c['value'])[0]) == repr(res)
    val = eval(c['value'])
    if w == 'value':
        h = hist.get(c['variable'], [])
        if 'step' in c:
            return len(h) > c['step'] and h[c['step']] == val
        return val in h
    if w == 'count':
        ln = int(c['variable'].split('line')[-1])
        return lines.get(ln, 0) == val
    if w in ('arith', 'comparison'):
        return eval(c.get('expr') or lhs(c['quote'])) == val
    if w == 'return':
        return val == res
    return False

CODE = [None]
def main():
    items = [json.loads(l) for l in open('narrations.jsonl')]
    ok_all, out = True, []
    for it in items:
        CODE[0] = it['code']
        res, hist, lines, ns = run_traced(it['code'], it['call'])
        probs = []
        if repr(res) != it['returned']:
            probs.append('returned mismatch %r' % (res,))
        if it['rationale'].rstrip().splitlines()[-1].strip() != 'Answer: ' + it['answer']:
            probs.append('last line is not Answer: answer')
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                probs.append('quote not in rationale: %r' % c['quote'])
        err = it['error']
        if it['direction'] == 'forward':
            ans_ok = eval(it['answer']) == res
        else:
            ans_ok = repr(run_traced(it['code'], it['answer'])[0]) == it['returned']
        if it['label'] == 'faithful':
            if not ans_ok: probs.append('answer wrong')
            for c in it['claims']:
                if not check_claim(c, hist, lines, res, ns):
                    probs.append('false claim %r' % c)
        else:
            if err['quote'] not in it['rationale']:
                probs.append('error quote missing')
            k = err['kind']
            if k in ('wrong_final_answer', 'backward_wrong_input'):
                if ans_ok: probs.append('answer is not wrong')
            else:
                if not ans_ok: probs.append('answer wrong in non-answer error')
                ec = [c for c in it['claims'] if c['quote'] == err['quote']]
                if not ec: probs.append('no claim for error')
                for c in ec:
                    if check_claim(c, hist, lines, res, ns):
                        probs.append('error claim is actually true %r' % c)
                    if str(c['value']) != err['stated'] and eval(c['value']) != eval(err['stated']):
                        probs.append('error stated != claim value')
            # all other claims (not carried) must be true
            if not err.get('carried'):
                for c in it['claims']:
                    if c['quote'] != err['quote'] and not check_claim(c, hist, lines, res, ns):
                        probs.append('other false claim %r' % c)
        ok_all &= not probs
        out.append('%s %s %s' % (it['id'], 'PASS' if not probs else 'FAIL', '; '.join(probs)))
    out.append('TOTAL %d items, %s' % (len(items), 'ALL PASS' if ok_all else 'FAILURES'))
    print('\n'.join(out))
    return 0 if ok_all else 1

if __name__ == '__main__':
    sys.exit(main())
