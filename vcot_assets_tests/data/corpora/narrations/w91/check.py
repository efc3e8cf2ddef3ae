"""Standalone checker for w91 narrations: re-executes each program with sys.settrace,
records per-variable value histories and per-line execution counts, and checks claims."""
import ast, copy, json, sys

def literal(s):
    try:
        return ast.literal_eval(s)
    except Exception:
        return s

def run(code, call):
    hist, lines = {}, {}
    def rec(name, val):
        try:
            v = copy.deepcopy(val)
        except Exception:
            return
        h = hist.setdefault(name, [])
        if not h or h[-1] != v or type(h[-1]) != type(v):
            h.append(v)
    def snap(frame):
        for k, v in frame.f_locals.items():
            if k == 'self':
                for a, av in vars(v).items():
                    rec('self.' + a, av)
            elif not callable(v):
                rec(k, v)
    def tracer(frame, event, arg):
        if frame.f_code.co_filename != '<prog>':
            return tracer
        if event == 'line':
            snap(frame)
            lines[frame.f_lineno] = lines.get(frame.f_lineno, 0) + 1
        elif event == 'return':
            snap(frame)
        return tracer
    ns = {}
    exec(compile(code, '<prog>', 'exec'), ns)
    sys.settrace(tracer)
    try:
        ret = eval(call, ns)
    finally:
        sys.settrace(None)
    return ret, hist, lines

def evalcall(code, call):
    ns = {}
    exec(compile(code, '<prog2>', 'exec'), ns)
    return eval(call, ns)

def is_subseq(seq, h):
    it = iter(h)
    return all(any(x == y for y in it) for x in seq)

def claim_true(c, ret, hist, lines, code):
    w, val = c['what'], literal(c['value'])
    if w == 'value':
        h = hist.get(c['variable'])
        if h is None:
            return False, 'no such variable %r' % c['variable']
        if 'positions' in c:
            got = [h[i] if i < len(h) else None for i in c['positions']]
            return got == val, 'history at %r is %r' % (c['positions'], got)
        if c.get('seq'):
            return is_subseq(val, h), 'seq %r vs history %r' % (val, h)
        return val in h, '%r not in history %r' % (val, h)
    if w == 'count':
        n = len(hist.get(c['hist_len'], [])) if 'hist_len' in c else lines.get(c['line'], 0)
        return n == val, 'loop %s ran %d times' % (c.get('line', c.get('hist_len')), n)
    if w in ('arith', 'comparison'):
        r = eval(c.get('expr', c['quote']))
        return r == val, 'expr gives %r' % (r,)
    if w == 'return':
        return val == ret, 'returned %r' % (ret,)
    if w == 'call':
        r = evalcall(code, c['value'])
        return r == ret, 'call gives %r' % (r,)
    return False, 'unknown kind'

def check_item(it):
    errs = []
    ret, hist, lines = run(it['code'], it['call'])
    if repr(ret) != it['returned']:
        errs.append('returned mismatch %r vs %s' % (ret, it['returned']))
    if not it['rationale'].rstrip().endswith(it['rationale'].rstrip().splitlines()[-1]) or \
       not it['rationale'].rstrip().splitlines()[-1].startswith(('Answer:', 'Predicted Output:', '**Answer', 'Final Answer')):
        pass
    if it['answer'] not in it['rationale']:
        errs.append('answer not in rationale')
    err = it['error']
    ekind = err['kind'] if err else None
    # final answer
    if it['direction'] == 'forward':
        ok = literal(it['answer']) == ret
    else:
        try:
            ok = evalcall(it['code'], it['answer']) == ret
        except Exception:
            ok = False
    if ekind in ('wrong_final_answer', 'backward_wrong_input'):
        if ok:
            errs.append('error answer is actually right')
        if literal(err['actual']) != ret and ekind == 'wrong_final_answer':
            errs.append('actual != returned')
    elif not ok:
        errs.append('answer wrong: %s' % it['answer'])
    for c in it['claims']:
        if c['quote'] not in it['rationale']:
            errs.append('quote not in rationale: %r' % c['quote'])
        is_err = err is not None and c['quote'] == err['quote'] and c.get('is_error')
        good, why = claim_true(c, ret, hist, lines, it['code'])
        if is_err and c['what'] == 'value' and 'index' in err and not c.get('seq'):
            h = hist.get(c['variable'], [])
            good = len(h) > err['index'] and h[err['index']] == literal(err['stated'])
            why = 'at index %d history holds %r' % (err['index'], h[err['index']] if len(h) > err['index'] else None)
        if is_err:
            if good:
                errs.append('error claim is true: %r (%s)' % (c['quote'], why))
            # confirm false AT THAT POINT
            if c['what'] == 'value' and 'index' in err:
                h = hist[c['variable']]
                stated, actual = literal(err['stated']), literal(err['actual'])
                if c.get('seq'):
                    if h[err['index']] != literal(err['actual_at']):
                        errs.append('actual_at mismatch %r' % h[err['index']])
                    if stated == actual:
                        errs.append('stated==actual')
                else:
                    if h[err['index']] != actual or stated == actual:
                        errs.append('point check failed: h[%d]=%r' % (err['index'], h[err['index']]))
                if err['kind'] == 'impossible_state' and literal(err['stated']) in h:
                    errs.append('impossible_state value is actually held')
                if err.get('held_elsewhere') and literal(err['held_value']) not in h:
                    errs.append('held_elsewhere value never held')
            elif c['what'] == 'count':
                n = len(hist.get(c['hist_len'], [])) if 'hist_len' in c else lines.get(c['line'], 0)
                if n != literal(err['actual']):
                    errs.append('count actual wrong')
                if err.get('held_elsewhere') and literal(err['held_value']) not in hist.get(err.get('held_var', ''), []):
                    errs.append('held_elsewhere count value never held')
            elif c['what'] in ('arith', 'comparison'):
                if eval(c.get('expr', c['quote'])) != literal(err['actual']):
                    errs.append('arith/comparison actual wrong')
                if err.get('held_elsewhere') and literal(err['held_value']) not in hist.get(err.get('held_var', ''), []):
                    errs.append('held_elsewhere value never held')
        elif not good and not c.get('carried'):
            errs.append('false claim %r: %s' % (c['quote'], why))
    if err is not None:
        if err.get('held_elsewhere') and 'held_var' in err and literal(err['held_value']) not in hist.get(err['held_var'], []):
            errs.append('held_elsewhere: %s never holds %s' % (err['held_var'], err['held_value']))
        if err.get('held_elsewhere') and 'held_value' not in err:
            errs.append('held_elsewhere without held_value')
        if err['quote'] not in it['rationale']:
            errs.append('error quote not in rationale')
        if ekind not in ('wrong_final_answer', 'backward_wrong_input') and not any(
                c.get('is_error') and c['quote'] == err['quote'] for c in it['claims']):
            errs.append('no claim marks the error')
    return errs

def main():
    items = [json.loads(l) for l in open('narrations.jsonl') if l.strip()]
    ids = {i['id'] for i in items}
    bad = 0
    out = []
    for it in items:
        e = check_item(it)
        if it['faithful_id'] and it['faithful_id'] not in ids:
            e.append('missing faithful')
        out.append('%s %s %s' % ('PASS' if not e else 'FAIL', it['id'], '; '.join(e)))
        bad += bool(e)
    out.append('%d items, %d failed' % (len(items), bad))
    txt = '\n'.join(out)
    print(txt)
    open('check_report.txt', 'w').write(txt + '\n')
    return bad

if __name__ == '__main__':
    sys.exit(1 if main() else 0)
