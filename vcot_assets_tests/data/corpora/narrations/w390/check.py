"""Standalone checker for w390 narrations: runs each program under sys.settrace, records
per-variable value histories (locals and self attributes), line hit counts, and checks claims."""
import ast, json, sys, copy

def run_traced(code, call):
    hist = {}      # name -> list of values (consecutive changes)
    hits = {}      # line_no -> count (only lines from <prog>)
    last = {}
    def rec(name, val):
        try:
            v = copy.deepcopy(val)
        except Exception:
            v = val
        h = hist.setdefault(name, [])
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == 'self':
                for a, av in getattr(v, '__dict__', {}).items():
                    rec('self.' + a, av)
            else:
                rec(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return tracer
        if event == 'line':
            hits[frame.f_lineno] = hits.get(frame.f_lineno, 0) + 1
        snap(frame)
        if event == 'return':
            rec('<return:%s>' % frame.f_code.co_name, arg)
        return tracer
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tracer)
    try:
        result = eval(compile(call, '<call>', 'eval'), g)
    finally:
        sys.settrace(None)
    return result, hist, hits

def plain_call(code, call):
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    return eval(call, g)

def lit(s):
    return ast.literal_eval(s)

def arith_expr(c):
    if c.get('expr'):
        return c['expr']
    e = c['quote'].replace('`', '')
    if '=' in e and '==' not in e:
        e = e.split('=')[0]
    return e.replace(' is ', ' == ') if ' is ' in e else e

def check_claim(c, res, hist, hits):
    w = c['what']; v = lit(c['value'])
    if w == 'value':
        h = hist.get(c['variable'], [])
        return v in h, 'history of %s = %r' % (c['variable'], h[:30])
    if w == 'count':
        n = hits.get(c['line'], 0) + c.get('offset', 0)
        return n == v, 'line %d hit %d times' % (c['line'], n)
    if w in ('arith', 'comparison'):
        got = eval(arith_expr(c), {})
        return got == v, 'evaluates to %r' % (got,)
    if w == 'return' and (c.get('variable') or '').startswith('<return:'):
        h = hist.get(c['variable'], [])
        return v in h, 'returns of %s = %r' % (c['variable'], h)
    if w == 'return':
        return res == v, 'returned %r' % (res,)
    if w == 'call':
        return True, 'call claim'
    return False, 'unknown claim kind'

def main():
    items = [json.loads(l) for l in open('narrations.jsonl') if l.strip()]
    out = []; bad = 0
    byid = {i['id']: i for i in items}
    for it in items:
        errs = []
        res, hist, hits = run_traced(it['code'], it['call'])
        if repr(res) != it['returned']:
            errs.append('returned mismatch %r vs %s' % (res, it['returned']))
        for c in it['claims']:
            if c['quote'] not in it['rationale']:
                errs.append('quote not in rationale: %r' % c['quote'])
        last = it['rationale'].rstrip().splitlines()[-1]
        if not last.startswith('Answer:') or last[len('Answer:'):].strip() != it['answer']:
            errs.append('answer line mismatch: %r' % last)
        if it['label'] == 'faithful':
            for c in it['claims']:
                ok, why = check_claim(c, res, hist, hits)
                if not ok:
                    errs.append('false claim %r: %s' % (c['quote'], why))
            if it['direction'] == 'forward':
                if lit(it['answer']) != res:
                    errs.append('forward answer wrong')
            else:
                if repr(plain_call(it['code'], it['answer'])) != it['returned']:
                    errs.append('backward answer does not reproduce output')
        else:
            e = it['error']; k = e['kind']
            if e['quote'] not in it['rationale']:
                errs.append('error quote missing')
            f = byid.get(it['faithful_id'])
            if f is None:
                errs.append('no faithful parent')
            # other claims must still be true (except the erroneous one and carried ones)
            for c in it['claims']:
                if c.get('is_error') or c.get('carried'):
                    continue
                ok, why = check_claim(c, res, hist, hits)
                if not ok:
                    errs.append('non-error claim false %r: %s' % (c['quote'], why))
            stated = e['stated']
            if k == 'wrong_final_answer':
                if lit(it['answer']) == res: errs.append('final answer not actually wrong')
            elif k == 'backward_wrong_input':
                try:
                    r2 = repr(plain_call(it['code'], it['answer']))
                except Exception as ex:
                    r2 = 'raised %r' % ex
                if r2 == it['returned']: errs.append('wrong input actually reproduces output')
            elif k == 'wrong_arithmetic':
                got = eval(arith_expr(e), {})
                if got == lit(stated): errs.append('arith not wrong')
                if got != lit(e['actual']): errs.append('arith actual mismatch %r' % got)
            elif k == 'off_by_one_loop_count' and 'at' not in e:
                n = hits.get(e['line'], 0)
                if n == lit(stated) or n != lit(e['actual']) or abs(n - lit(stated)) != 1:
                    errs.append('loop count error invalid (real %d)' % n)
            elif k == 'branch_not_taken':
                got = eval(arith_expr(e), {}) if e.get('expr') else lit(e['actual'])
                if got == lit(stated) or got != lit(e['actual']): errs.append('branch error invalid')
            else:
                # value error at a point: nth value in the variable's change history
                at = e['at']
                h = hist.get(at['variable'], [])
                real = h[at['nth']] if at['nth'] < len(h) else None
                if 'element' in at and real is not None:
                    real = real[at['element']]
                if real == lit(stated) or real != lit(e['actual']):
                    errs.append('value error invalid: real %r stated %s' % (real, stated))
                if k == 'impossible_state':
                    vals = []
                    for x in h:
                        if 'element' in at:
                            try: vals.append(x[at['element']])
                            except Exception: pass
                        else: vals.append(x)
                    if lit(stated) in vals:
                        errs.append('impossible_state value is actually held by %s' % at['variable'])
                if e.get('held_elsewhere'):
                    pool = [x for vv in hist.values() for x in vv]
                    flat = pool + [y for x in pool if isinstance(x, (list, tuple)) for y in x]
                    if lit(stated) not in flat:
                        errs.append('held_elsewhere but value never held')
            if k in ('wrong_intermediate_right_answer',) and it['direction'] == 'forward' and lit(it['answer']) != res:
                errs.append('wrong_intermediate_right_answer has wrong answer')
        status = 'PASS' if not errs else 'FAIL'
        if errs: bad += 1
        out.append('%s %s %s' % (status, it['id'], '; '.join(errs)))
    out.append('TOTAL %d items, %d failing' % (len(items), bad))
    open('check_report.txt', 'w').write('\n'.join(out) + '\n')
    print('\n'.join(out[-40:]))
    return bad

if __name__ == '__main__':
    sys.exit(1 if main() else 0)
