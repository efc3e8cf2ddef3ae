"""Standalone checker for w178 narrations: re-executes each program with sys.settrace,
records every variable's value history (locals and self.<attr>), line hit counts, and checks
claims / answers / errors. Usage: python3 check.py narrations.jsonl > check_report.txt"""
import sys, json, copy, re

def run_traced(code, call):
    hist = {}      # name -> list of values (consecutive duplicates collapsed, per frame)
    last = {}      # (frame id, name) -> last value
    lines = {}     # line number -> hits (program code only)
    def snap(frame):
        loc = dict(frame.f_locals)
        items = []
        for k, v in loc.items():
            if k.startswith('__') or k == '.0':
                continue
            items.append((k, v, id(frame)))
            if k == 'self' and hasattr(v, '__dict__'):
                for a, av in vars(v).items():
                    items.append(('self.' + a, av, ('obj', id(v))))
        for k, v, owner in items:
            try:
                v2 = copy.deepcopy(v)
            except Exception:
                v2 = repr(v)
            key = (owner, k)
            if key not in last or last[key] != v2 or type(last[key]) != type(v2):
                last[key] = v2
                hist.setdefault(k, []).append(v2)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return tracer
        snap(frame)
        if event == 'line' and not frame.f_code.co_name.startswith('<'):
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        return tracer
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    sys.settrace(tracer)
    try:
        ret = eval(call, g)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def plain_call(code, call):
    g = {}
    exec(compile(code, '<prog>', 'exec'), g)
    return eval(call, g)

def lit(s):
    import ast
    return ast.literal_eval(s)

def arith_value(quote):
    q = quote.replace('`', '').strip()
    m = re.match(r'^(.*?)\s*(?:=|\bis\b)\s*([^=]+)$', q)
    if not m:
        raise ValueError('cannot parse arith: ' + quote)
    return eval(m.group(1)), lit(m.group(2).strip())

def comp_expr(claim):
    if claim.get('expr'):
        return claim['expr']
    m = re.search(r'`([^`]+)`', claim['quote'])
    if m:
        return m.group(1)
    q = claim['quote']
    q = re.split(r'\s+is\s+(?:true|false|True|False)', q)[0]
    return q

def check_claim(c, ret, hist, lines, item):
    w = c['what']
    if w == 'value':
        v = lit(c['value'])
        h = hist.get(c['variable'])
        if h is None:
            return False, 'no such variable %s' % c['variable']
        if c.get('contig'):
            n = len(v)
            return any(h[i:i + n] == v for i in range(len(h))), 'history %r' % (h[:40],)
        if c.get('seq'):
            return h == v, 'history %r' % (h,)
        return v in h, 'history %r' % (h[:40],)
    if w == 'count':
        m = re.search(r'line (\d+)', c['variable'])
        n = lines.get(int(m.group(1)), 0)
        return n == lit(c['value']), 'actual count %d' % n
    if w == 'comparison':
        e = comp_expr(c)
        v = eval(e)
        return v == lit(c['value']), '%s -> %r' % (e, v)
    if w == 'arith' and c.get('expr'):
        got = eval(c['expr'])
        return got == lit(c['value']), 'evaluates to %r' % (got,)
    if w == 'arith':
        got, stated = arith_value(c['quote'])
        return got == stated == lit(c['value']), 'evaluates to %r' % (got,)
    if w == 'return':
        return lit(c['value']) == ret, 'returned %r' % (ret,)
    if w == 'call':
        r = plain_call(item['code'], c['value'])
        return r == lit(item['returned']), 'call gives %r' % (r,)
    return False, 'unknown claim kind ' + w

def error_is_false(err, item, ret, hist, lines):
    ch = err['check']
    t = ch['type']
    if t == 'call':
        r = plain_call(item['code'], item['answer'])
        return r != lit(item['returned']), 'wrong call gives %r' % (r,)
    stated = lit(err['stated'])
    if t == 'history_index':   # k-th distinct value of the variable at that point
        actual = hist[ch['variable']][ch['k']]
        return actual != stated and actual == lit(err['actual']), 'at point: %r' % (actual,)
    if t == 'never':           # impossible state: never held at all
        return stated not in hist.get(ch['variable'], []), 'history %r' % (hist.get(ch['variable']),)
    if t == 'final':
        actual = hist[ch['variable']][-1]
        return actual != stated and actual == lit(err['actual']), 'final %r' % (actual,)
    if t == 'arith':
        got = eval(ch['expr'])
        return got != stated and got == lit(err['actual']), '%s = %r' % (ch['expr'], got)
    if t == 'count':
        n = lines.get(ch['line'], 0)
        return n != stated and n == lit(err['actual']), 'count %d' % n
    if t == 'comparison':
        v = eval(ch['expr'])
        return v != stated and v == lit(err['actual']), '%s -> %r' % (ch['expr'], v)
    if t == 'answer':
        return lit(item['answer']) != ret and ret == lit(err['actual']), 'returned %r' % (ret,)
    if t == 'call':
        r = plain_call(item['code'], item['answer'])
        return r != lit(item['returned']), 'wrong call gives %r' % (r,)
    return False, 'unknown check ' + t

def main(path):
    items = [json.loads(l) for l in open(path) if l.strip()]
    ok_all = True
    ids = {i['id'] for i in items}
    byid = {i['id']: i for i in items}
    for item in items:
        probs = []
        ret, hist, lines = run_traced(item['code'], item['call'])
        if repr(ret) != item['returned']:
            probs.append('returned mismatch %r' % (ret,))
        r = item['rationale']
        last = r.strip().splitlines()[-1]
        if not last.startswith('Answer: ') or last[len('Answer: '):].strip() != item['answer']:
            probs.append('answer line mismatch')
        err = item.get('error')
        if item['label'] == 'error':
            if item['faithful_id'] not in ids:
                probs.append('faithful_id missing')
            if err['quote'] not in r:
                probs.append('error quote not in rationale')
            good, why = error_is_false(err, item, ret, hist, lines)
            if not good:
                probs.append('error not confirmed false: ' + why)
        # answer
        if item['direction'] == 'forward':
            ans_ok = lit(item['answer']) == ret
        else:
            ans_ok = plain_call(item['code'], item['answer']) == ret
        expect_ans_ok = True
        if err:
            fans = byid[item['faithful_id']]['answer']
            expect_ans_ok = item['answer'] == fans
            if err['kind'] in ('wrong_final_answer', 'backward_wrong_input') and expect_ans_ok:
                probs.append('answer-kind error leaves the answer unchanged')
        if ans_ok != expect_ans_ok:
            probs.append('answer correctness %r, expected %r' % (ans_ok, expect_ans_ok))
        for c in item['claims']:
            if c['quote'] not in r:
                probs.append('claim quote not in rationale: %r' % c['quote'])
                continue
            is_err = c.get('is_error', False)
            try:
                good, why = check_claim(c, ret, hist, lines, item)
            except Exception as e:
                good, why = False, 'exception %r' % e
            if c.get('carried'):
                continue
            if is_err:
                # the erroneous claim: for history-style errors the value may occur elsewhere,
                # so its falsity is established by error_is_false above
                continue
            if not good:
                probs.append('claim failed: %r (%s)' % (c['quote'], why))
        status = 'PASS' if not probs else 'FAIL'
        if probs:
            ok_all = False
        print('%s %s %s' % (status, item['id'], '; '.join(probs)))
    print('ALL PASS' if ok_all else 'SOME FAILED', len(items), 'items')
    return 0 if ok_all else 1

if __name__ == '__main__':
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else 'narrations.jsonl'))
